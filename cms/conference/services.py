"""Writes for the conference domain. Keyword-only arguments; each runs in one transaction."""

import datetime
from collections import Counter

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.coreutils import find_available_slug
from wagtail.models import GroupPagePermission, Locale

from cms.conference import rules
from cms.conference.models import (
    EditionPage,
    SessionPage,
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


# Not carried with a session into the next edition: people and files change every year, and the
# reference to last year's imported programme would make a new import update the copy.
SESSION_FIELDS_NOT_CARRIED = ["speakers", "materials", "external_id"]


def _session_types(values):
    types = set(values or ())
    unknown = types - set(SessionPage.Type.values)
    if unknown:
        raise EditionCloneError(
            {
                "session_types": _("Unknown session type(s): %(types)s. Use %(valid)s.")
                % {
                    "types": ", ".join(sorted(unknown)),
                    "valid": ", ".join(SessionPage.Type.values),
                }
            }
        )
    return types


def _partnerships_chosen(source, ids):
    """The source partnerships to carry (all when `ids` is None), in order."""
    partnerships = list(
        source.partnerships.select_related("organisation").order_by("sort_order", "pk")
    )
    if ids is None:
        return partnerships
    ids = {int(pk) for pk in ids}
    unknown = ids - {partnership.pk for partnership in partnerships}
    if unknown:
        raise EditionCloneError(
            {
                "partnerships": _("These partnerships are not of the %(year)s edition: %(ids)s.")
                % {"year": source.year, "ids": ", ".join(str(pk) for pk in sorted(unknown))}
            }
        )
    return [partnership for partnership in partnerships if partnership.pk in ids]


def _keep_partnerships(*, edition, chosen):
    """Delete the partnerships of `edition` (a clone, in any locale) that were not chosen.

    Partnerships are not translatable; an edition's translations list the same organisations
    (or their translations). A partnership is kept when it matches a chosen one by organisation
    (translation key), role and tier, else by organisation alone; each chosen one matches once.
    """
    exact = Counter((p.organisation.translation_key, p.role, p.tier) for p in chosen)
    loose = Counter(p.organisation.translation_key for p in chosen)
    partnerships = list(
        edition.partnerships.select_related("organisation").order_by("sort_order", "pk")
    )
    kept = set()
    for partnership in partnerships:
        key = (partnership.organisation.translation_key, partnership.role, partnership.tier)
        if exact[key] > 0:
            exact[key] -= 1
            loose[key[0]] -= 1
            kept.add(partnership.pk)
    for partnership in partnerships:
        key = partnership.organisation.translation_key
        if partnership.pk not in kept and loose[key] > 0:
            loose[key] -= 1
            kept.add(partnership.pk)
    edition.partnerships.exclude(pk__in=kept).delete()


def _draft_as_saved(*, page, user):
    """Save a new draft revision of `page` from the database, so that the draft an editor opens
    (and publishes) has the child rows as they were changed after the copy (translation keys,
    partnerships left out)."""
    EditionPage.objects.get(pk=page.pk).save_revision(user=user, changed=False, clean=False)


def _moved_times(*, session, source, target):
    """(start, end) of `session` moved from `source`'s days to `target`'s: the same day of the
    edition at the same local wall-clock time in the edition's time zone, the same duration."""
    tz = source.tzinfo
    local = session.start.astimezone(tz)
    day = target.start_date + (local.date() - source.start_date)
    start = datetime.datetime.combine(day, local.time(), tzinfo=target.tzinfo)
    start = start.astimezone(datetime.UTC)
    end = start + (session.end - session.start) if session.end else None
    return start, end


def _by_position(source_items, target_items):
    """{source object pk: target object} pairing two edition's rooms or tracks by position."""
    order = ("sort_order", "pk")
    return dict(
        zip(
            source_items.order_by(*order).values_list("pk", flat=True),
            target_items.order_by(*order),
            strict=False,
        )
    )


def _session_slug(slug, source_year, year, parent):
    if str(source_year) in slug:
        slug = slug.replace(str(source_year), str(year))
    return find_available_slug(parent, slug)


def _copy_session(*, session, target, update, user):
    return session.copy(
        to=target,
        update_attrs=update,
        exclude_fields=SESSION_FIELDS_NOT_CARRIED,
        copy_revisions=False,
        keep_live=False,
        user=user,
        recursive=False,
        log_action="conference.edition_clone",
    ).specific


def _carry_sessions(*, source, clone, translations, session_types, user):
    """Copy `source`'s sessions of `session_types` into `clone` as unpublished drafts on the
    new days, and their translations into the clone's translations (`translations`: pairs of
    source translation and its clone). Returns how many source-language sessions were copied."""
    if not session_types:
        return 0
    sessions = (
        SessionPage.objects.child_of(source)
        .filter(session_type__in=session_types, start__isnull=False)
        .order_by("path")
    )
    rooms = _by_position(source.rooms.all(), clone.rooms.all())
    tracks = _by_position(source.tracks.all(), clone.tracks.all())
    carried = 0
    for session in sessions:
        start, end = _moved_times(session=session, source=source, target=clone)
        if rules.schedule_errors(start=start, end=end, edition=clone):
            continue  # not a valid slot in the source either (no end, outside its days)
        room, track = rooms.get(session.room_id), tracks.get(session.track_id)
        copy = _copy_session(
            session=session,
            target=clone,
            update={
                "start": start,
                "end": end,
                "room": room,
                "track": track,
                "slug": _session_slug(session.slug, source.year, clone.year, clone),
            },
            user=user,
        )
        carried += 1
        for translated_source, translated_clone in translations:
            translation = (
                SessionPage.objects.child_of(translated_source)
                .filter(translation_key=session.translation_key)
                .first()
            )
            if translation is None:
                continue
            translated_room = (
                translated_clone.rooms.filter(translation_key=room.translation_key).first()
                if room
                else None
            )
            translated_track = (
                translated_clone.tracks.filter(translation_key=track.translation_key).first()
                if track
                else None
            )
            _copy_session(
                session=translation,
                target=translated_clone,
                update={
                    "start": start,
                    "end": end,
                    "room": translated_room,
                    "track": translated_track,
                    "translation_key": copy.translation_key,
                    "slug": _session_slug(
                        translation.slug, source.year, clone.year, translated_clone
                    ),
                },
                user=user,
            )
    return carried


@transaction.atomic
def edition_clone(*, source, year, user=None, session_types=(), partnerships=None):
    """Start `year`'s edition from `source`: rooms, tracks, partners, content-page skeleton and
    the timetable skeleton.

    `session_types` (SessionPage.Type values) picks the sessions to carry (registration, opening,
    breaks, B2B...): they are copied to the same day of the edition and the same local time,
    without speakers or materials. `partnerships` is None to carry every partnership, or the ids
    of the source-language edition's partnerships to carry. News is not copied. Dates move to the
    new year; every copy is a draft. The translations of the source edition are cloned too and
    linked as translations of the new one. Raises EditionCloneError when `year` already has an
    edition in this conference, or a session type or partnership is not the source's.
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
    session_types = _session_types(session_types)
    chosen = _partnerships_chosen(source, partnerships)

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
    translations = []
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
        translations.append((translation.specific, translated_clone))
    clones = (clone, *(translated for _source, translated in translations))
    if partnerships is not None:
        for edition in clones:
            _keep_partnerships(edition=edition, chosen=chosen)
    for edition in clones:
        _draft_as_saved(page=edition, user=user)
    _carry_sessions(
        source=source,
        clone=clone,
        translations=translations,
        session_types=session_types,
        user=user,
    )
    edition_editors_group_ensure(edition=clone)
    return clone


def edition_editors_group(edition):
    return f"Editors {edition.year}: {edition.get_parent().title}"[:150]


@transaction.atomic
def edition_editors_group_ensure(*, edition):
    """Create (or complete) the group whose members may edit and publish only this edition.

    The group gets page permissions on the edition page in every locale, so translations are
    covered. It may add people and organisations and publish them; which existing ones it may
    change is decided by cms.people.permissions (those the edition uses, and its own). It adds
    and changes images in the edition's collection and chooses images from every collection.
    """
    edition = edition.specific
    group, _created = Group.objects.get_or_create(name=edition_editors_group(edition))
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="people", codename__in=EDITOR_PEOPLE_PERMISSIONS
        ),
    )
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=EDITOR_PAGE_PERMISSIONS
    )
    pages = [edition, *edition.get_translations()]
    for page in pages:
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
    _edition_images_ensure(edition=edition, group=group)
    return group


EDITOR_PEOPLE_PERMISSIONS = (
    "add_person",
    "publish_person",
    "add_organisation",
    "publish_organisation",
)
EDITOR_IMAGE_PERMISSIONS = ("add_image", "change_image", "choose_image")


def edition_image_collection(edition):
    return f"Edition {edition.year}: {edition.get_parent().title}"[:255]


def _edition_images_ensure(*, edition, group):
    """The edition's image collection (a child of the root collection), where `group` adds,
    changes and chooses images; `group` chooses images of every collection."""
    from wagtail.models import Collection, GroupCollectionPermission

    root = Collection.get_first_root_node()
    name = edition_image_collection(edition)
    collection = root.get_children().filter(name=name).first() or root.add_child(name=name)
    permissions = list(
        Permission.objects.filter(
            content_type__app_label="wagtailimages", codename__in=EDITOR_IMAGE_PERMISSIONS
        )
    )
    for permission in permissions:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=permission
        )
        if permission.codename == "choose_image":
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )
    return collection


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
