"""Reads for editions, sessions, rooms, tracks, partners and content pages.

Every function returns only what the public may see: live pages outside private sections (and
under a live, public edition), published snippets. Lists are in the requested locale with
fallback to the other language; related objects are localised by translation_key, since a
translated page may still point at the source-language room, track or person. Querysets come
prefetched, so a caller that reads the documented attributes runs a fixed number of queries.
"""

import copy
from collections import defaultdict
from dataclasses import dataclass, fields
from typing import NamedTuple

from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Now, Substr
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction

from cms.conference.models import (
    ConferencePage,
    EditionPage,
    NewsPage,
    Partnership,
    Release,
    Room,
    SessionPage,
    SessionSpeaker,
    StandardPage,
    Track,
    VenuePage,
)
from cms.core.selectors import UnknownReference, order, ref_value, resolve_keys
from cms.people.models import Industry, Organisation, Person, Topic
from cms.people.selectors import (
    filter_updated_since,
    image_prefetch,
    localise_by_key,
    localise_keys,
    localised,
    organisation_queryset,
    organisations_by_key,
    people_localise,
    person_list,
    person_queryset,
)
from cms.people.selectors import organisation_list as people_organisation_list

HERO_RENDITIONS = ("fill-1200x500", "width-800")
CONTENT_PAGE_TYPES = (NewsPage, StandardPage, VenuePage)


def _parent_path():
    return Substr("path", 1, (F("depth") - 1) * Page.steplen)


def _expired():
    return Q(expire_at__isnull=False, expire_at__lte=Now())


def _no_unpublished_ancestor(queryset):
    """Leave out pages below an unpublished or expired page (Wagtail can unpublish a parent
    alone, and an expired page stays live until `publish_scheduled` runs)."""
    hidden_ancestor = Page.objects.filter(
        Q(live=False) | _expired(),
        depth__lt=OuterRef("depth"),
        path=Substr(OuterRef("path"), 1, F("depth") * Page.steplen),
    )
    return queryset.filter(~Exists(hidden_ancestor))


def visible_pages(model=Page):
    """What the public may see of `model`: live, not expired, no view restriction on it or an
    ancestor (password, login or groups), below no unpublished or expired page; all locales.
    A session not scheduled yet (no start) is never visible, even when published."""
    pages = _no_unpublished_ancestor(model.objects.live().public().exclude(_expired()))
    return _scheduled_only(pages, model)


def _scheduled_only(pages, model):
    if issubclass(model, SessionPage):
        return pages.filter(start__isnull=False, end__isnull=False)
    if issubclass(SessionPage, model):  # Page: any type, sessions among them
        unscheduled = SessionPage.objects.filter(Q(start__isnull=True) | Q(end__isnull=True))
        return pages.exclude(pk__in=unscheduled.values("pk"))
    return pages


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


def _published_conferences():
    """Live, unexpired conference pages with no view restriction on them or an ancestor and no
    unpublished ancestor, built without a query of its own (for use inside subqueries)."""
    restricted = PageViewRestriction.objects.filter(
        page__depth__lte=OuterRef("depth"),
        page__path=Substr(OuterRef("path"), 1, F("page__depth") * Page.steplen),
    )
    return _no_unpublished_ancestor(
        ConferencePage.objects.filter(live=True).exclude(_expired()).filter(~Exists(restricted))
    )


def conferences_attach(editions, locale):
    """Attach each edition's conference (its parent ConferencePage) as plain values, in two
    queries whatever the number of editions:

    `conference_title` and `conference_language`: of its published translation in `locale`,
    else of the parent itself; `conference_acronym`: the first acronym set among its published
    translations, `locale` first ("" when none is); `conference_slug`: the slug of its first
    published translation (the source, normally: a translation's slug may carry a language
    suffix), else the parent's; `conference_contact_email` and `conference_social_links`
    ([{"network", "url"}, ...]): of the first published translation that has them, `locale`
    first.
    """
    editions = [e for e in editions if e is not None]
    if not editions:
        return editions
    parents = {
        page.path: page
        for page in ConferencePage.objects.filter(
            path__in={_parent_of(e.path) for e in editions}
        ).select_related("locale")
    }
    translations = {}
    for page in (
        _published_conferences()
        .filter(translation_key__in={p.translation_key for p in parents.values()})
        .select_related("locale")
        .order_by("pk")
    ):
        translations.setdefault(page.translation_key, []).append(page)
    for edition in editions:
        parent = parents.get(_parent_of(edition.path))
        published = translations.get(parent.translation_key, []) if parent else []
        in_locale = next((p for p in published if p.locale_id == locale.pk), None) or parent
        with_acronym = sorted(
            (p for p in published if p.acronym), key=lambda p: (p.locale_id != locale.pk, p.pk)
        )
        edition.conference_title = in_locale.title if in_locale else ""
        edition.conference_language = in_locale.locale.language_code if in_locale else ""
        edition.conference_acronym = with_acronym[0].acronym if with_acronym else ""
        edition.conference_slug = (
            published[0].slug if published else (parent.slug if parent else "")
        )
        candidates = sorted(published, key=lambda p: (p.locale_id != locale.pk, p.pk)) or (
            [parent] if parent else []
        )
        edition.conference_contact_email = next(
            (p.organiser_contact_email for p in candidates if p.organiser_contact_email), ""
        )
        edition.conference_social_links = next(
            (links for links in map(_social_links, candidates) if links), []
        )
    return editions


def _social_links(conference):
    return [
        {"network": block.value["network"], "url": block.value["url"]}
        for block in conference.social_links
        if block.block_type == "link" and block.value.get("url")
    ]


def _parent_of(path):
    return path[: -Page.steplen]


# Editions ---------------------------------------------------------------------------------------


def edition_list(*, locale, filters=None):
    """Visible editions, newest first. Filters: status, updated_since; year and role (partners)."""
    filters = filters or {}
    editions = (
        localised(visible_editions(), locale)
        .select_related("locale")
        .prefetch_related(image_prefetch("hero_image", HERO_RENDITIONS))
        .order_by("-year", "pk")
    )
    if filters.get("status"):
        editions = editions.filter(status=filters["status"])
    if filters.get("year") is not None:
        editions = editions.filter(year=int(filters["year"]))
    if filters.get("role"):
        # The role narrows the partner groups shown; editions without that role are left out.
        editions = editions.filter(
            Exists(
                Partnership.objects.filter(
                    edition=OuterRef("pk"),
                    role=filters["role"],
                    organisation__translation_key__in=Organisation.objects.filter(live=True).values(
                        "translation_key"
                    ),
                )
            )
        )
    return filter_updated_since(editions, filters)


def edition_year_of(value, *, field="edition"):
    """The year of the visible edition with id `value` (any locale); else UnknownReference."""
    pk, _slug = ref_value(value)
    year = None
    if pk is not None:
        year = visible_editions().filter(pk=pk).values_list("year", flat=True).first()
    if year is None:
        raise UnknownReference(field, value, "edition")
    return year


def edition_list_detailed(*, locale, filters=None):
    """Editions with rooms, tracks, topics and industries prefetched; call `editions_localise`."""
    return edition_list(locale=locale, filters=filters).prefetch_related(
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
    """The edition of `year` with rooms, tracks, topics, industries and partners, or None.

    It carries its conference's `conference_title`, `conference_language`, `conference_acronym`
    and `conference_slug` (see `conferences_attach`)."""
    edition = edition_list_detailed(locale=locale).filter(year=year).first()
    if edition is None:
        return None
    editions_localise([edition], locale)
    conferences_attach([edition], locale)
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


def partner_groups_attach(editions, locale, *, role=None):
    """Attach `partner_groups`: [(role, [(organisation, tier), ...]), ...] in role order.

    Roles follow Partnership.Role's order; organisations keep the editors' order. Unpublished
    organisations are left out; with `role`, only that role's group.
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
    roles = [choice for choice, _label in Partnership.Role.choices if role in (None, choice)]
    for edition in editions:
        groups = by_edition.get(edition.pk, {})
        edition.partner_groups = [(role, groups[role]) for role in roles if groups.get(role)]
    return editions


# Sessions ---------------------------------------------------------------------------------------


def _years_filter(filters):
    """The edition years `filters` narrow to ("year", "years"), or None."""
    years = None
    if filters.get("years") is not None:
        years = {int(year) for year in filters["years"]}
    if filters.get("year") is not None:
        years = {int(filters["year"])} if years is None else years & {int(filters["year"])}
    return years


def _session_base(years=None, editions=None):
    """Visible sessions: visible pages whose parent is a visible edition.

    With `years`, the editions of those years are checked first (one small query) and their
    sessions taken by tree path: a session's ancestors are its edition and the edition's, so a
    visible edition leaves a session only its own state to check (live, not expired, no view
    restriction). The same rule, without making the database check every page's ancestors.
    `editions`: those editions (`visible_editions()` of exactly these years, every locale) when
    the caller has already read them."""
    if years is None:
        sessions = visible_pages(SessionPage)
        return _with_edition(sessions).filter(
            Exists(visible_editions().filter(path=OuterRef("parent_path")))
        )
    if editions is None:
        editions = list(
            visible_editions()
            .filter(year__in=sorted(years))
            .values_list("path", "depth", "year", "pk", "timezone")
        )
    else:
        editions = [(e.path, e.depth, e.year, e.pk, e.timezone) for e in editions]
    under = Q(pk__in=[])
    for path, depth, *_rest in editions:
        under |= Q(path__startswith=path, depth=depth + 1)
    sessions = _scheduled_only(
        SessionPage.objects.live().public().exclude(_expired()).filter(under), SessionPage
    )

    # The edition of each session is known: its values by path prefix, no subquery per row.
    def by_edition(index, field):
        cases = [When(path__startswith=e[0], then=Value(e[index])) for e in editions]
        return Case(*cases, default=None, output_field=field)

    return sessions.annotate(
        parent_path=_parent_path(),
        edition_year=by_edition(2, IntegerField()),
        edition_page_id=by_edition(3, IntegerField()),
        edition_timezone=by_edition(4, CharField()),
    )


SESSION_ORDERING = {"start": "start", "title": "title", "updated": "last_published_at"}


def visible_speakers():
    """Published people who appear in at least one visible session (any locale)."""
    keys = SessionSpeaker.objects.filter(session__in=_session_base().values("pk")).values(
        "person__translation_key"
    )
    return Person.objects.filter(live=True, translation_key__in=keys)


def _filter_sessions(sessions, filters):
    if filters.get("ids"):
        keys = SessionPage.objects.filter(pk__in=filters["ids"]).values("translation_key")
        sessions = sessions.filter(translation_key__in=keys)
    years = _years_filter(filters)
    if years is not None:
        sessions = sessions.filter(edition_year__in=sorted(years))
    if filters.get("edition") is not None:
        sessions = sessions.filter(edition_year=edition_year_of(filters["edition"]))
    if filters.get("day") is not None:
        sessions = sessions.filter(start__date=filters["day"])
    if filters.get("room") not in (None, ""):
        rooms = Room.objects.filter(edition__in=visible_editions())
        keys = resolve_keys(rooms, filters["room"], field="room", label="room", slug_field=None)
        sessions = sessions.filter(room__translation_key__in=keys)
    if filters.get("track") not in (None, ""):
        tracks = Track.objects.filter(edition__in=visible_editions())
        keys = resolve_keys(tracks, filters["track"], field="track", label="track")
        sessions = sessions.filter(track__translation_key__in=keys)
    if filters.get("type"):
        sessions = sessions.filter(session_type=filters["type"])
    if filters.get("language"):
        sessions = sessions.filter(language=filters["language"])
    for name, model, field in (("topic", Topic, "topics"), ("industry", Industry, "industries")):
        if filters.get(name) not in (None, ""):
            keys = resolve_keys(model.objects.all(), filters[name], field=name, label=name)
            tagged = SessionPage.objects.filter(**{f"{field}__translation_key__in": keys})
            sessions = sessions.filter(pk__in=tagged.values("pk"))
    if filters.get("speaker") not in (None, ""):
        keys = resolve_keys(
            visible_speakers(), filters["speaker"], field="speaker", label="speaker"
        )
        sessions = sessions.filter(
            Exists(
                SessionSpeaker.objects.filter(
                    session=OuterRef("pk"), person__translation_key__in=keys
                )
            )
        )
    sessions = filter_updated_since(sessions, filters)
    return order(sessions, filters.get("ordering"), SESSION_ORDERING)


def session_list(*, locale, filters=None, editions=None):
    """Visible sessions; call `sessions_localise` on the evaluated page of results.

    Filters (all optional): ids (session ids in any locale), year, years (a list), edition (id),
    day, room (id),
    track, topic, industry, speaker (id or slug), type, language, updated_since, ordering (start,
    title, updated; `-` reverses).
    A reference to anything the public cannot see raises UnknownReference.
    `editions`: the visible editions of the years filtered on, already read (see
    `_session_base`); ignored without a year filter.
    """
    filters = filters or {}
    years = _years_filter(filters)
    sessions = (
        localised(_session_base(years, None if years is None else editions), locale)
        # Keys instead of joined rows: `sessions_localise` looks rooms, tracks, people and
        # topics up once per page of results, not once per session.
        .annotate(
            room_key=F("room__translation_key"),
            track_key=F("track__translation_key"),
        )
        .order_by("start", "end", F("room__sort_order").asc(nulls_first=True), "pk")
    )
    return _filter_sessions(sessions, filters or {})


def session_get(*, pk, locale):
    key = SessionPage.objects.filter(pk=pk).values("translation_key")
    session = session_list(locale=locale).filter(translation_key__in=key).first()
    if session is not None:
        sessions_localise([session], locale)
    return session


class SpeakerLink(NamedTuple):
    """A speaker of a session as stored: the person's translation key, the role, and the
    appearance's own job title ("" when not set) and organisation's translation key (None when
    not set)."""

    person: object
    role: str
    job_title: str
    organisation: object


def session_speaker_keys(ids):
    """{session id: [SpeakerLink]} for the sessions `ids`, in the editors' order."""
    speakers = {}
    for session_id, *link in (
        SessionSpeaker.objects.filter(session_id__in=ids)
        .order_by("sort_order", "pk")
        .values_list(
            "session_id",
            "person__translation_key",
            "role",
            "job_title",
            "organisation__translation_key",
        )
    ):
        speakers.setdefault(session_id, []).append(SpeakerLink(*link))
    return speakers


def speaker_organisation_keys(people, speakers):
    """Translation keys of the organisations the speakers show: the people's current ones and
    those their appearances set (`speakers`: `session_speaker_keys`'s answer)."""
    keys = {p.organisation.translation_key for p in people if p.organisation is not None}
    keys.update(
        link.organisation
        for links in speakers.values()
        for link in links
        if link.organisation is not None
    )
    return keys


def speakers_as_appearing(speakers, people, organisations):
    """{session id: [(person, role)]}: each session's published speakers as that appearance
    shows them.

    `speakers`: `session_speaker_keys`'s answer; `people`: the localised people by translation
    key, with `organisation_l` attached; `organisations`: the localised organisations by
    translation key (`organisations_by_key`). An appearance's own job title and organisation
    replace the person's current ones (`job_title`, `organisation_l`) on a copy of the person;
    an organisation set on the appearance but not published shows as none.
    """
    return {
        session_id: [
            (_as_appearing(people[link.person], link, organisations), link.role)
            for link in links
            if link.person in people
        ]
        for session_id, links in speakers.items()
    }


def _as_appearing(person, link, organisations):
    if not link.job_title and link.organisation is None:
        return person
    shown = copy.copy(person)
    if link.job_title:
        shown.job_title = link.job_title
    if link.organisation is not None:
        shown.organisation_l = organisations.get(link.organisation)
    return shown


def session_tag_keys(ids, name):
    """{session id: {translation key}} of the sessions' `name` ("topics" or "industries")."""
    field = SessionPage._meta.get_field(name)
    through = field.remote_field.through
    target = f"{field.related_model._meta.model_name}__translation_key"
    keys = {}
    for session_id, key in through.objects.filter(sessionpage_id__in=ids).values_list(
        "sessionpage_id", target
    ):
        keys.setdefault(session_id, set()).add(key)
    return keys


def sessions_localise(sessions, locale, *, known_editions=(), summary=False):
    """Attach `edition_l`, `room_l`, `track_l`, `speakers_l` [(person, role)], `topics_l` and
    `industries_l`.

    People come as each appearance shows them (`speakers_as_appearing`): `job_title` and
    `organisation_l` are the appearance's where it sets them, else the person's current ones;
    unpublished people are left out. The edition carries its conference's title, language,
    acronym and slug as `edition_get`'s does.
    `known_editions`: editions already loaded with their conference (`edition_get`'s), used
    as they are. `summary`: what a list item shows, in fewer queries: organisations without
    their logos, editions without their conference.
    """
    sessions = list(sessions)
    if not sessions:
        return sessions
    ids = [session.pk for session in sessions]
    for session in sessions:  # a session from elsewhere than session_list has no keys yet
        if not hasattr(session, "room_key"):
            session.room_key = session.room.translation_key if session.room_id else None
            session.track_key = session.track.translation_key if session.track_id else None
    rooms = localise_keys(Room, {s.room_key for s in sessions}, locale)
    tracks = localise_keys(Track, {s.track_key for s in sessions}, locale)
    speakers = session_speaker_keys(ids)
    people = localise_keys(
        Person,
        {link.person for links in speakers.values() for link in links},
        locale,
        queryset=person_queryset().select_related("organisation"),
    )
    organisations = organisations_by_key(
        speaker_organisation_keys(people.values(), speakers), locale, logos=not summary
    )
    people_localise(list(people.values()), locale, organisations=organisations)
    speakers = speakers_as_appearing(speakers, people, organisations)
    tags = {}
    for name, model in (("topics", Topic), ("industries", Industry)):
        keys = session_tag_keys(ids, name)
        found = localise_keys(model, {k for ks in keys.values() for k in ks}, locale)
        tags[name] = (keys, found)
    locales = {loc.pk: loc for loc in Locale.objects.filter(pk__in={s.locale_id for s in sessions})}
    editions = {e.pk: e for e in known_editions}
    missing = {s.edition_page_id for s in sessions} - set(editions)
    if missing:
        found = list(EditionPage.objects.filter(pk__in=missing).select_related("locale"))
        editions.update(
            (e.pk, e) for e in (found if summary else conferences_attach(found, locale))
        )
    for session in sessions:
        session.locale = locales[session.locale_id]
        session.edition_l = editions.get(session.edition_page_id)
        session.room_l = rooms.get(session.room_key)
        session.track_l = tracks.get(session.track_key)
        session.speakers_l = speakers.get(session.pk, [])
        for name, (keys, found) in tags.items():
            local = {found[k].pk: found[k] for k in keys.get(session.pk, ()) if k in found}
            setattr(session, f"{name}_l", sorted(local.values(), key=lambda t: t.name))
    return sessions


PERSON_ORDERING = {"name": "name", "updated": "last_published_at"}


def speaker_list(*, locale, filters=None):
    """People who appear in a visible session, localised (call `people_localise` and
    `appearances_attach` on a page of results).

    Filters: year (appearing in that visible edition), organisation (id or slug of a published
    organisation), updated_since, ordering (name, updated).
    """
    filters = filters or {}
    years = None if filters.get("year") is None else [int(filters["year"])]
    sessions = speaker_sessions(locale=locale, years=years)
    if years is not None:
        sessions = sessions.filter(edition_year=years[0])
    people = person_list(locale=locale, appearing_in=sessions)
    if filters.get("organisation") not in (None, ""):
        keys = resolve_keys(
            Organisation.objects.filter(live=True),
            filters["organisation"],
            field="organisation",
            label="organisation",
        )
        people = people.filter(organisation__translation_key__in=keys)
    people = filter_updated_since(people, filters)
    return order(people, filters.get("ordering"), PERSON_ORDERING)


def speaker_get(*, pk, locale):
    """One speaker (an id in either language), or None."""
    key = Person.objects.filter(pk=pk).values("translation_key")
    return speaker_list(locale=locale).filter(translation_key__in=key).first()


def organisation_list(*, locale, filters=None):
    """Published organisations. Filters: kind, year (partners of that visible edition),
    updated_since, ordering (name, updated)."""
    filters = filters or {}
    organisations = people_organisation_list(locale=locale)
    if filters.get("kind"):
        organisations = organisations.filter(kind=filters["kind"])
    if filters.get("year") is not None:
        keys = Partnership.objects.filter(
            edition__in=visible_editions().filter(year=int(filters["year"]))
        ).values("organisation__translation_key")
        organisations = organisations.filter(translation_key__in=keys)
    organisations = filter_updated_since(organisations, filters)
    return order(organisations, filters.get("ordering"), PERSON_ORDERING)


def speaker_sessions(*, locale, years=None):
    """Visible sessions (localised) that have at least one speaker: the speakers' appearances;
    only those of the editions of `years` when given."""
    return localised(_session_base(years), locale).filter(
        Exists(SessionSpeaker.objects.filter(session=OuterRef("pk")))
    )


@dataclass(frozen=True)
class Appearance:
    """What a speaker's appearance shows of its session (no page object: a speaker of twenty
    editions has hundreds)."""

    pk: int
    title: str
    session_type: str
    start: object
    end: object
    edition_year: int
    edition_timezone: str

    @property
    def id(self):
        return self.pk


def appearances_attach(people, locale):
    """Attach `appearances_l`: [(Appearance, role)] across all editions, in time order."""
    keys = {p.translation_key for p in people}
    if not keys:
        return people
    rows = (
        localised(_session_base(), locale)
        .filter(
            pk__in=SessionSpeaker.objects.filter(person__translation_key__in=keys).values(
                "session_id"
            )
        )
        .order_by("start", "pk")
        .values_list(*(f.name for f in fields(Appearance)))
    )
    sessions = {row[0]: Appearance(*row) for row in rows}
    roles = defaultdict(list)
    for session_id, key, role in (
        SessionSpeaker.objects.filter(
            session_id__in=list(sessions), person__translation_key__in=keys
        )
        .order_by("sort_order", "pk")
        .values_list("session_id", "person__translation_key", "role")
    ):
        roles[session_id].append((key, role))
    by_key = defaultdict(list)
    for session_id, session in sessions.items():
        for key, role in roles.get(session_id, ()):
            by_key[key].append((session, role))
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


def _edition_children(model, locale, filters):
    filters = filters or {}
    editions = edition_list(locale=locale)
    if filters.get("year") is not None:
        editions = editions.filter(year=int(filters["year"]))
    if filters.get("edition") is not None:
        editions = editions.filter(year=edition_year_of(filters["edition"]))
    return (
        model.objects.filter(edition__in=editions.values("pk"))
        .annotate(edition_year=F("edition__year"))
        .select_related("locale")
        .order_by("-edition__year", "sort_order", "pk")
    )


def room_list(*, locale, filters=None):
    """Rooms of the visible editions. Filters: year, edition (id)."""
    return _edition_children(Room, locale, filters)


def track_list(*, locale, filters=None):
    """Tracks of the visible editions. Filters: year, edition (id)."""
    return _edition_children(Track, locale, filters)


# Content pages ----------------------------------------------------------------------------------


CONTENT_PAGE_KINDS = {"news": NewsPage, "standard": StandardPage, "venue": VenuePage}


def content_page_list(*, locale, filters=None):
    """News, content and venue pages. Filters: type (news, standard, venue), year,
    updated_since."""
    filters = filters or {}
    pages = visible_pages().type(*CONTENT_PAGE_TYPES)
    pages = (
        _with_edition(localised(pages, locale))
        .select_related("locale", "content_type")
        .order_by("path", "pk")
    )
    if filters.get("type"):
        pages = pages.type(CONTENT_PAGE_KINDS[filters["type"]])
    if filters.get("year") is not None:
        pages = pages.filter(edition_year=int(filters["year"]))
    return filter_updated_since(pages, filters)


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


# Preview ----------------------------------------------------------------------------------------


def preview_prepare(page):
    """Attach to a draft page what its public serializer reads, as the lists would; returns its
    type ("session", "edition", "news", "standard", "venue") or None if it has no preview.

    Only for the preview route, which has checked the editor's signed token: visibility rules
    do not apply to a draft shown to its editor."""
    from cms.conference.choices import page_type

    kind = page_type(page)
    if kind is None:
        return None
    locale = page.locale
    parent = page.get_parent().specific
    if kind == "session":
        page.edition_year = parent.year
        page.edition_page_id = parent.pk
        page.edition_timezone = parent.timezone
        sessions_localise([page], locale)
    elif kind == "edition":
        editions_localise([page], locale)
        conferences_attach([page], locale)
    elif kind in ("news", "standard", "venue"):
        page.edition_year = parent.year if page_type(parent) == "edition" else None
        page.image_l = getattr(page, "image", None)
    return kind


# Releases ---------------------------------------------------------------------------------------
# A release is public while its edition is: the releases of a year are those of its visible
# edition (the first by id, should two conferences hold one that year), by its translation key.
# Release objects are read as they are: `release_info` and `release_diff` work on them.


def release_edition_key(*, year):
    """The translation key of the visible edition of `year`, or None (one query)."""
    return (
        visible_editions()
        .filter(year=year)
        .order_by("pk")
        .values_list("translation_key", flat=True)
        .first()
    )


def release_edition(*, year, locale):
    """The visible edition of `year` in `locale` (else in the other language) whose releases
    the public sees, or None."""
    key = release_edition_key(year=year)
    if key is None:
        return None
    return localised(visible_editions(), locale).filter(translation_key=key).first()


def _releases(snapshots):
    releases = Release.objects.order_by("-number")
    return releases if snapshots else releases.defer("snapshot")


def release_list(*, year, snapshots=False):
    """The releases of the visible edition of `year`, newest first, or None when no edition of
    that year is public. Without `snapshots` their snapshots are not read (reading one then
    costs a query)."""
    key = release_edition_key(year=year)
    if key is None:
        return None
    return _releases(snapshots).filter(edition_key=key)


def release_lists(*, years, snapshots=False):
    """{year: [releases, newest first]} for the visible editions of `years` (two queries)."""
    keys = {}
    for year, key in (
        visible_editions()
        .filter(year__in=list(years))
        .order_by("pk")
        .values_list("year", "translation_key")
    ):
        keys.setdefault(year, key)
    found = defaultdict(list)
    if keys:
        for release in _releases(snapshots).filter(edition_key__in=set(keys.values())):
            found[release.edition_key].append(release)
    return {year: found[key] for year, key in keys.items()}


def release_get(*, year, version):
    """The release `version` (any letter case; "latest": the newest) of the visible edition of
    `year`, or None."""
    key = release_edition_key(year=year)
    if key is None:
        return None
    releases = Release.objects.filter(edition_key=key)
    if version.lower() != "latest":
        releases = releases.filter(version__iexact=version)
    return releases.order_by("-number").first()


def release_previous(release):
    """The release of the same edition just before `release` (by number), or None."""
    return (
        Release.objects.filter(edition_key=release.edition_key, number__lt=release.number)
        .order_by("-number")
        .first()
    )


def release_latest(*, year):
    """The newest release of the visible edition of `year` without its snapshot, or None (one
    query: what a live export asks on every render)."""
    key = visible_editions().filter(year=year).order_by("pk").values("translation_key")[:1]
    return _releases(False).filter(edition_key=Subquery(key)).first()
