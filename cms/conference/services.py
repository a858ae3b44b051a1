"""Writes for the conference domain. Keyword-only arguments; each runs in one transaction."""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import GroupPagePermission, Locale

from cms.conference.models import (
    EditionPage,
    StandardPage,
    VenuePage,
)

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
SKELETON_PAGE_TYPES = (StandardPage, VenuePage)


class EditionCloneError(ValidationError):
    """The edition cannot be cloned (for example, the target year already exists)."""


def free_slug(model, slug, locale):
    """`slug`, or `slug-2`, `slug-3`... if another object in `locale` already has it."""
    taken = set(
        model.objects.filter(locale=locale, slug__startswith=slug).values_list("slug", flat=True)
    )
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def _move_date(value, year):
    try:
        return value.replace(year=year)
    except ValueError:  # 29 February into a non-leap year
        return value.replace(year=year, day=28)


def _edition_slug(source_slug, source_year, year):
    if str(source_year) in source_slug:
        return source_slug.replace(str(source_year), str(year))
    return f"{source_slug}-{year}"


def _edition_title(title, source_year, year):
    if str(source_year) in title:
        return title.replace(str(source_year), str(year))
    return f"{title} {year}"


def _copy_edition_page(*, page, parent, year, user, translation_key=None, child_keys=None):
    """Copy one locale's edition page (with rooms, tracks, partnerships) as a draft for `year`."""
    start = _move_date(page.start_date, year)
    end = start + (page.end_date - page.start_date)
    update = {
        "year": year,
        "start_date": start,
        "end_date": end,
        "status": EditionPage.Status.DRAFT,
        "title": _edition_title(page.title, page.year, year),
        "slug": _edition_slug(page.slug, page.year, year),
        "draft_title": _edition_title(page.title, page.year, year),
    }
    copy = page.copy(
        to=parent,
        update_attrs=update,
        copy_revisions=False,
        keep_live=False,
        user=user,
        recursive=False,
        log_action="conference.edition_clone",
    )
    copy = copy.specific
    if translation_key is not None:
        copy.translation_key = translation_key
        copy.save(update_fields=["translation_key"])
        # Link each child object to its counterpart in the source-locale clone, by position.
        for related, keys in (child_keys or {}).items():
            for obj, key in zip(
                getattr(copy, related).order_by("sort_order", "pk"), keys, strict=False
            ):
                type(obj).objects.filter(pk=obj.pk).update(translation_key=key)
    return copy


def _copy_skeleton(*, source, target, user, translation_keys=None):
    """Copy content pages (not sessions, not news) of `source` under `target` as drafts."""
    keys = {}
    for child in source.get_children().specific().order_by("path"):
        if not isinstance(child, SKELETON_PAGE_TYPES):
            continue
        copy = child.copy(
            to=target,
            copy_revisions=False,
            keep_live=False,
            user=user,
            recursive=True,
            log_action="conference.edition_clone",
        )
        if translation_keys and child.translation_key in translation_keys:
            type(copy).objects.filter(pk=copy.pk).update(
                translation_key=translation_keys[child.translation_key]
            )
        keys[child.translation_key] = copy.translation_key
    return keys


@transaction.atomic
def edition_clone(*, source, year, user=None):
    """Start `year`'s edition from `source`: rooms, tracks, partners and content-page skeleton.

    Sessions and news are not copied. Dates move to the new year; every copy is a draft. The
    translations of the source edition are cloned too and linked as translations of the new one.
    Raises EditionCloneError when `year` already has an edition in this conference.
    """
    source = source.specific
    if not isinstance(source, EditionPage):
        raise EditionCloneError(_("Only an edition can be cloned."))
    default_locale = Locale.get_default()
    if source.locale_id != default_locale.pk and source.has_translation(default_locale):
        source = source.get_translation(default_locale)
    year = int(year)
    if not 1900 < year < 3000:
        raise EditionCloneError({"year": _("Give a four-digit year.")})
    conference = source.get_parent().specific
    if EditionPage.objects.child_of(conference).filter(year=year).exists():
        raise EditionCloneError(
            {"year": _("An edition for %(year)s already exists.") % {"year": year}}
        )

    clone = _copy_edition_page(page=source, parent=conference, year=year, user=user)
    skeleton_keys = _copy_skeleton(source=source, target=clone, user=user)
    child_keys = {
        "rooms": list(
            clone.rooms.order_by("sort_order", "pk").values_list("translation_key", flat=True)
        ),
        "tracks": list(
            clone.tracks.order_by("sort_order", "pk").values_list("translation_key", flat=True)
        ),
    }
    for translation in source.get_translations():
        translated_parent = conference.get_translation_or_none(translation.locale)
        if translated_parent is None:
            continue
        translated_clone = _copy_edition_page(
            page=translation.specific,
            parent=translated_parent,
            year=year,
            user=user,
            translation_key=clone.translation_key,
            child_keys=child_keys,
        )
        _copy_skeleton(
            source=translation.specific,
            target=translated_clone,
            user=user,
            translation_keys=skeleton_keys,
        )
    edition_editors_group_ensure(edition=clone)
    return clone


def edition_editors_group(edition):
    return f"Editors {edition.year}: {edition.get_parent().title}"[:150]


@transaction.atomic
def edition_editors_group_ensure(*, edition):
    """Create (or complete) the group whose members may edit and publish only this edition.

    The group gets page permissions on the edition page in every locale, so translations are
    covered; cross-edition snippets (people, organisations) stay with the organising team.
    """
    edition = edition.specific
    group, _created = Group.objects.get_or_create(name=edition_editors_group(edition))
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=EDITOR_PAGE_PERMISSIONS
    )
    pages = [edition, *edition.get_translations()]
    for page in pages:
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    return group


ARCHIVABLE = (EditionPage.Status.ANNOUNCED, EditionPage.Status.LIVE)


def _set_status(page, status):
    page.status = status
    return page.save_revision(log_action=True, clean=False)


def edition_archive(*, edition):
    """Mark one edition "archived" (past) and publish that, keeping an editor's unpublished
    draft as the latest revision (with the new status too), in one transaction."""
    with transaction.atomic():
        edition = EditionPage.objects.select_for_update().get(pk=edition.pk)
        draft = edition.get_latest_revision_as_object() if edition.has_unpublished_changes else None
        live = edition.live_revision.as_object() if edition.live_revision else edition
        _set_status(live, EditionPage.Status.ARCHIVED).publish(log_action=True)
        if draft is not None:
            _set_status(draft, EditionPage.Status.ARCHIVED)
    return edition


def archive_finished_editions(*, now=None):
    """Archive the live editions whose last day has ended in their own time zone. Returns the
    years archived."""
    now = now or timezone.now()
    years = []
    for edition in EditionPage.objects.live().filter(status__in=ARCHIVABLE).order_by("pk"):
        if now.astimezone(edition.tzinfo).date() > edition.end_date:
            edition_archive(edition=edition)
            years.append(edition.year)
    return sorted(set(years))
