"""Reads for people, organisations and the taxonomies.

Every function returns published (`live`), locale-aware data: the requested locale first, the
other language where an item has no translation yet. Unpublished snippets never come back.
"""

from django.db.models import Prefetch, Q
from wagtail.images import get_image_model
from wagtail.models import Locale

from cms.people.models import Industry, Organisation, Person, Topic

PORTRAIT_RENDITIONS = ("fill-400x400", "fill-160x160")
LOGO_RENDITIONS = ("max-400x200", "max-200x100")


def locale_for(code):
    """The Locale for a language code (raises Locale.DoesNotExist)."""
    return Locale.objects.get(language_code=code)


def localised(queryset, locale):
    """Items of `queryset` in `locale`, plus those of other locales that lack a translation in it.

    `queryset` must already hold only visible items, so that an unpublished translation falls
    back to the published source and not to nothing.
    """
    preferred = queryset.filter(locale=locale).values("translation_key")
    return queryset.filter(Q(locale=locale) | ~Q(translation_key__in=preferred))


def filter_updated_since(queryset, filters):
    """Items published at or after `filters["updated_since"]`, if given."""
    since = (filters or {}).get("updated_since")
    if since is None:
        return queryset
    return queryset.filter(last_published_at__gte=since)


def image_prefetch(field, specs):
    """A Prefetch for an image foreign key with the given renditions prefetched."""
    return Prefetch(field, queryset=get_image_model().objects.prefetch_renditions(*specs))


def _visible(model):
    queryset = model.objects.select_related("locale")
    if hasattr(model, "live"):
        return queryset.filter(live=True)
    return queryset


def localise_by_key(model, objects, locale, *, queryset=None):
    """Map translation_key -> the visible counterpart of each object in `locale` (else another).

    One query whatever the number of objects; objects with no visible counterpart are absent.
    """
    keys = {obj.translation_key for obj in objects if obj is not None}
    return localise_keys(model, keys, locale, queryset=queryset)


def localise_keys(model, keys, locale, *, queryset=None):
    """`localise_by_key` for translation keys."""
    keys = set(keys) - {None}
    if not keys:
        return {}
    qs = queryset if queryset is not None else _visible(model)
    found = {}
    for obj in qs.filter(translation_key__in=keys):
        current = found.get(obj.translation_key)
        if current is None or obj.locale_id == locale.pk:
            found[obj.translation_key] = obj
    return found


def person_queryset():
    return (
        Person.objects.filter(live=True)
        .select_related("locale")
        .prefetch_related(image_prefetch("photo", PORTRAIT_RENDITIONS))
    )


def organisation_queryset():
    return (
        Organisation.objects.filter(live=True)
        .select_related("locale")
        .prefetch_related(image_prefetch("logo", LOGO_RENDITIONS))
    )


def organisations_by_key(keys, locale, *, logos=True):
    """Map translation key -> the published organisation of that key in `locale` (else the other
    language); keys with no published organisation are absent. One query, and two more for the
    logos and their renditions (`logos=False`: none)."""
    queryset = (
        organisation_queryset()
        if logos
        else Organisation.objects.filter(live=True).select_related("locale")
    )
    return localise_keys(Organisation, keys, locale, queryset=queryset)


def people_localise(people, locale, *, organisations=None):
    """Attach `organisation_l` (the visible localised organisation or None) to each person.

    `organisations`: an `organisations_by_key` map the caller has read already, holding the
    people's organisations; else one is read here.
    """
    orgs = organisations
    if orgs is None:
        orgs = organisations_by_key(
            {p.organisation.translation_key for p in people if p.organisation is not None},
            locale,
        )
    for person in people:
        org = person.organisation
        person.organisation_l = orgs.get(org.translation_key) if org is not None else None
    return people


def person_list(*, locale, appearing_in=None):
    """Published people in `locale` (fallback to the other language).

    `appearing_in`: a queryset of sessions; when given, only people who appear in one of them.
    """
    qs = localised(person_queryset(), locale).select_related("organisation")
    if appearing_in is not None:
        qs = qs.filter(
            translation_key__in=Person.objects.filter(
                appearances__session__in=appearing_in.values("pk")
            ).values("translation_key")
        )
    return qs.order_by("name", "pk")


def person_get(*, pk, locale, appearing_in=None):
    key = Person.objects.filter(pk=pk).values("translation_key")
    return person_list(locale=locale, appearing_in=appearing_in).filter(translation_key__in=key)


def organisation_list(*, locale):
    return localised(organisation_queryset(), locale).order_by("name", "pk")


def organisation_get(*, pk, locale):
    key = Organisation.objects.filter(pk=pk).values("translation_key")
    return organisation_list(locale=locale).filter(translation_key__in=key)


def topic_list(*, locale):
    return localised(Topic.objects.select_related("locale"), locale).order_by("name", "pk")


def topic_get(*, pk, locale):
    key = Topic.objects.filter(pk=pk).values("translation_key")
    return topic_list(locale=locale).filter(translation_key__in=key)


def industry_list(*, locale):
    return localised(Industry.objects.select_related("locale"), locale).order_by("name", "pk")


def industry_get(*, pk, locale):
    key = Industry.objects.filter(pk=pk).values("translation_key")
    return industry_list(locale=locale).filter(translation_key__in=key)
