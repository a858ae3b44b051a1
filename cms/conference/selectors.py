"""Reads for editions, sessions, rooms, tracks, partners and content pages.

Every function returns only what the public may see: live pages outside private sections (and
under a live, public edition), published snippets. Lists are in the requested locale with
fallback to the other language; related objects are localised by translation_key, since a
translated page may still point at the source-language room, track or person. Querysets come
prefetched, so a caller that reads the documented attributes runs a fixed number of queries.
"""

from collections import defaultdict

from django.db.models import Exists, F, OuterRef, Prefetch, Subquery
from django.db.models.functions import Substr
from wagtail.images import get_image_model
from wagtail.models import Page

from cms.conference.models import (
    EditionPage,
    NewsPage,
    Partnership,
    Room,
    SessionPage,
    SessionSpeaker,
    StandardPage,
    Track,
    VenuePage,
)
from cms.people.models import Industry, Organisation, Person, Topic
from cms.people.selectors import (
    image_prefetch,
    localise_by_key,
    localised,
    organisation_queryset,
    people_localise,
    person_queryset,
)

HERO_RENDITIONS = ("fill-1200x500", "width-800")
CONTENT_PAGE_TYPES = (NewsPage, StandardPage, VenuePage)


def _parent_path():
    return Substr("path", 1, (F("depth") - 1) * Page.steplen)


def _no_unpublished_ancestor(queryset):
    """Leave out pages below an unpublished page (Wagtail can unpublish a parent alone)."""
    hidden_ancestor = Page.objects.filter(
        live=False,
        depth__lt=OuterRef("depth"),
        path=Substr(OuterRef("path"), 1, F("depth") * Page.steplen),
    )
    return queryset.filter(~Exists(hidden_ancestor))


def visible_pages(model=Page):
    """Live pages of `model`, outside private sections, below no unpublished page; all locales."""
    return _no_unpublished_ancestor(model.objects.live().public())


def visible_editions():
    """Live, public editions in every locale."""
    return visible_pages(EditionPage)


def _with_edition(queryset):
    """Annotate pages with their parent edition (`edition_year`, `edition_page_id`)."""
    editions = EditionPage.objects.filter(path=OuterRef("parent_path"))
    return queryset.annotate(parent_path=_parent_path()).annotate(
        edition_year=Subquery(editions.values("year")[:1]),
        edition_page_id=Subquery(editions.values("pk")[:1]),
        edition_timezone=Subquery(editions.values("timezone")[:1]),
    )


# Editions ---------------------------------------------------------------------------------------


def edition_list(*, locale):
    return (
        localised(visible_editions(), locale)
        .select_related("locale")
        .prefetch_related(image_prefetch("hero_image", HERO_RENDITIONS))
        .order_by("-year", "pk")
    )


def edition_list_detailed(*, locale):
    """Editions with rooms, tracks, topics and industries prefetched; call `editions_localise`."""
    return edition_list(locale=locale).prefetch_related(
        Prefetch(
            "rooms", queryset=Room.objects.select_related("locale").order_by("sort_order", "pk")
        ),
        Prefetch(
            "tracks", queryset=Track.objects.select_related("locale").order_by("sort_order", "pk")
        ),
        "topics",
        "industries",
    )


def edition_get(*, year, locale):
    """The edition of `year` with rooms, tracks, topics, industries and partners, or None."""
    edition = edition_list_detailed(locale=locale).filter(year=year).first()
    if edition is None:
        return None
    editions_localise([edition], locale)
    return edition


def editions_localise(editions, locale):
    """Attach `topics_l`, `industries_l` and `partner_groups` to each edition."""
    topics = localise_by_key(Topic, [t for e in editions for t in e.topics.all()], locale)
    industries = localise_by_key(
        Industry, [i for e in editions for i in e.industries.all()], locale
    )
    for edition in editions:
        edition.topics_l = _unique(topics, edition.topics.all(), key=lambda t: t.name)
        edition.industries_l = _unique(industries, edition.industries.all(), key=lambda i: i.name)
    partner_groups_attach(editions, locale)
    return editions


def _unique(mapping, objects, key):
    seen, result = set(), []
    for obj in objects:
        local = mapping.get(obj.translation_key)
        if local is not None and local.pk not in seen:
            seen.add(local.pk)
            result.append(local)
    return sorted(result, key=key)


def partner_groups_attach(editions, locale):
    """Attach `partner_groups`: [(role, [(organisation, tier), ...]), ...] in role order.

    Roles follow Partnership.Role's order; organisations keep the editors' order. Unpublished
    organisations are left out.
    """
    partnerships = list(
        Partnership.objects.filter(edition__in=[e.pk for e in editions])
        .select_related("organisation")
        .order_by("sort_order", "pk")
    )
    orgs = localise_by_key(
        Organisation,
        [p.organisation for p in partnerships],
        locale,
        queryset=organisation_queryset(),
    )
    by_edition = defaultdict(lambda: defaultdict(list))
    for partnership in partnerships:
        org = orgs.get(partnership.organisation.translation_key)
        if org is not None:
            by_edition[partnership.edition_id][partnership.role].append((org, partnership.tier))
    roles = [choice for choice, _label in Partnership.Role.choices]
    for edition in editions:
        groups = by_edition.get(edition.pk, {})
        edition.partner_groups = [(role, groups[role]) for role in roles if groups.get(role)]
    return editions


# Sessions ---------------------------------------------------------------------------------------


def _session_base():
    sessions = visible_pages(SessionPage)
    return _with_edition(sessions).filter(
        Exists(visible_editions().filter(path=OuterRef("parent_path")))
    )


def session_list(*, locale):
    """Visible sessions; call `sessions_localise` on the evaluated page of results."""
    return (
        localised(_session_base(), locale)
        .select_related("locale", "room", "track")
        .prefetch_related(
            Prefetch(
                "speakers",
                queryset=SessionSpeaker.objects.select_related("person").order_by(
                    "sort_order", "pk"
                ),
            ),
            "topics",
            "industries",
        )
        .order_by("start", "end", F("room__sort_order").asc(nulls_first=True), "pk")
    )


def session_get(*, pk, locale):
    key = SessionPage.objects.filter(pk=pk).values("translation_key")
    session = session_list(locale=locale).filter(translation_key__in=key).first()
    if session is not None:
        sessions_localise([session], locale)
    return session


def sessions_localise(sessions, locale):
    """Attach `edition_l`, `room_l`, `track_l`, `speakers_l` [(person, role)], `topics_l` and
    `industries_l`.

    People come with `organisation_l`; unpublished people are left out.
    """
    sessions = list(sessions)
    rooms = localise_by_key(Room, [s.room for s in sessions], locale)
    tracks = localise_by_key(Track, [s.track for s in sessions], locale)
    people = localise_by_key(
        Person,
        [sp.person for s in sessions for sp in s.speakers.all()],
        locale,
        queryset=person_queryset().select_related("organisation"),
    )
    people_localise(list(people.values()), locale)
    topics = localise_by_key(Topic, [t for s in sessions for t in s.topics.all()], locale)
    industries = localise_by_key(
        Industry, [i for s in sessions for i in s.industries.all()], locale
    )
    editions = {
        e.pk: e
        for e in EditionPage.objects.filter(
            pk__in={s.edition_page_id for s in sessions}
        ).select_related("locale")
    }
    for session in sessions:
        session.edition_l = editions.get(session.edition_page_id)
        session.room_l = rooms.get(session.room.translation_key) if session.room else None
        session.track_l = tracks.get(session.track.translation_key) if session.track else None
        session.speakers_l = [
            (people[sp.person.translation_key], sp.role)
            for sp in session.speakers.all()
            if sp.person.translation_key in people
        ]
        session.topics_l = _unique(topics, session.topics.all(), key=lambda t: t.name)
        session.industries_l = _unique(industries, session.industries.all(), key=lambda i: i.name)
    return sessions


def speaker_sessions(*, locale):
    """Visible sessions (localised) that have at least one speaker: the speakers' appearances."""
    return localised(_session_base(), locale).filter(
        Exists(SessionSpeaker.objects.filter(session=OuterRef("pk")))
    )


def appearances_attach(people, locale):
    """Attach `appearances_l`: [(session, role)] across all editions, in time order."""
    keys = {p.translation_key for p in people}
    sessions = (
        localised(_session_base(), locale)
        .filter(
            pk__in=SessionSpeaker.objects.filter(person__translation_key__in=keys).values(
                "session_id"
            )
        )
        .select_related("locale")
        .prefetch_related(
            Prefetch(
                "speakers",
                queryset=SessionSpeaker.objects.select_related("person").order_by(
                    "sort_order", "pk"
                ),
            )
        )
        .order_by("start", "pk")
    )
    by_key = defaultdict(list)
    for session in sessions:
        for sp in session.speakers.all():
            by_key[sp.person.translation_key].append((session, sp.role))
    for person in people:
        person.appearances_l = by_key.get(person.translation_key, [])
    return people


def organisations_partnerships_attach(organisations, locale):
    """Attach `partnerships_l`: [(year, role, role label, tier)], newest edition first."""
    keys = {o.translation_key for o in organisations}
    editions = localised(visible_editions(), locale).values("pk")
    labels = dict(Partnership.Role.choices)
    by_key = defaultdict(list)
    for partnership in (
        Partnership.objects.filter(organisation__translation_key__in=keys, edition__in=editions)
        .select_related("organisation")
        .order_by("-edition__year", "sort_order", "pk")
        .annotate(year=F("edition__year"))
    ):
        by_key[partnership.organisation.translation_key].append(
            (partnership.year, partnership.role, str(labels[partnership.role]), partnership.tier)
        )
    for organisation in organisations:
        organisation.partnerships_l = by_key.get(organisation.translation_key, [])
    return organisations


# Rooms and tracks -------------------------------------------------------------------------------


def room_list(*, locale):
    editions = edition_list(locale=locale).values("pk")
    return (
        Room.objects.filter(edition__in=editions)
        .annotate(edition_year=F("edition__year"))
        .select_related("locale")
        .order_by("-edition__year", "sort_order", "pk")
    )


def track_list(*, locale):
    editions = edition_list(locale=locale).values("pk")
    return (
        Track.objects.filter(edition__in=editions)
        .annotate(edition_year=F("edition__year"))
        .select_related("locale")
        .order_by("-edition__year", "sort_order", "pk")
    )


# Content pages ----------------------------------------------------------------------------------


def content_page_list(*, locale):
    """News, content and venue pages; `.specific()` keeps the edition annotations."""
    pages = visible_pages().type(*CONTENT_PAGE_TYPES)
    return (
        _with_edition(localised(pages, locale))
        .select_related("locale", "content_type")
        .order_by("path", "pk")
    )


def content_pages_specific(pages):
    """The specific page objects, in order, with news images and their renditions prefetched."""
    pages = list(pages)
    by_model = defaultdict(list)
    for page in pages:
        by_model[page.content_type.model_class()].append(page.pk)
    specific = {}
    for model, ids in by_model.items():
        for obj in model.objects.filter(pk__in=ids).select_related("locale"):
            specific[obj.pk] = obj
    image_ids = {obj.image_id for obj in specific.values() if getattr(obj, "image_id", None)}
    images = {}
    if image_ids:
        images = {
            image.pk: image
            for image in get_image_model()
            .objects.filter(pk__in=image_ids)
            .prefetch_renditions(*HERO_RENDITIONS)
        }
    result = []
    for page in pages:
        obj = specific[page.pk]
        for name in ("edition_year", "edition_page_id", "parent_path"):
            setattr(obj, name, getattr(page, name, None))
        if getattr(obj, "image_id", None):
            obj.image_l = images.get(obj.image_id)
        else:
            obj.image_l = None
        result.append(obj)
    return result


def content_page_get(*, pk, locale):
    key = Page.objects.filter(pk=pk).values("translation_key")
    page = content_page_list(locale=locale).filter(translation_key__in=key).first()
    return content_pages_specific([page])[0] if page is not None else None
