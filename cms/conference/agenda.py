"""One edition's whole agenda as plain rows: what the exports (frab, iCal, CSV) read.

The sessions are those `selectors.session_list` gives for the year, in its order (the same
queryset, so the same visibility rule), read as values: an agenda of hundreds of sessions builds
no page objects. Rooms, tracks, speakers and topics are localised by translation key as
`selectors.sessions_localise` does it; unpublished people are left out, and speakers come as
their appearance shows them (its job title and organisation, else the person's current ones).
"""

from dataclasses import dataclass, field

from django.db.models import JSONField, Prefetch
from django.db.models.functions import Cast

from cms.conference import selectors
from cms.conference.models import Room, SessionPage, Track
from cms.people.models import Person, Topic
from cms.people.selectors import (
    image_prefetch,
    localise_keys,
    organisations_by_key,
    people_localise,
)

AVATAR_RENDITIONS = ("fill-400x400",)
TYPE_LABELS = dict(SessionPage.Type.choices)

_COLUMNS = (
    "pk",
    "translation_key",
    "title",
    "slug",
    "path",
    "start",
    "end",
    "session_type",
    "language",
    "cancelled",
    "abstract",
    "materials_data",
    "last_published_at",
    "edition_page_id",
    "room_key",
    "track_key",
)


@dataclass(slots=True, eq=False)
class AgendaSession:
    """A session of the agenda with the attributes of a localised SessionPage that the exports
    read (`edition_l`, `room_l`, `track_l`, `speakers_l` [(person, role)], `topics_l`); the
    people carry `job_title` and `organisation_l` (without logos) as the appearance shows them."""

    pk: int
    translation_key: object
    title: str
    slug: str
    path: str
    start: object
    end: object
    session_type: str
    language: str
    cancelled: bool
    abstract: str
    materials: list
    last_published_at: object
    edition_l: object = None
    room_l: object = None
    track_l: object = None
    speakers_l: list = field(default_factory=list)
    topics_l: list = field(default_factory=list)

    @property
    def id(self):
        return self.pk

    def get_session_type_display(self):
        return TYPE_LABELS.get(self.session_type, self.session_type)

    def get_url(self, request=None, current_site=None):
        """Wagtail's URL of the session page: its edition's and its slug."""
        base = self.edition_l.get_url(request=request, current_site=current_site)
        return f"{base}{self.slug}/" if base else None


@dataclass
class Agenda:
    """An edition (an EditionPage with its rooms and tracks prefetched and its conference
    attached, see `selectors.conferences_attach`) and its sessions as AgendaSession rows."""

    edition: object
    sessions: list


def agenda_get(*, year, locale):
    """The agenda of the visible edition of `year`, in `locale` (else the other language), or
    None."""
    editions = list(
        selectors.visible_editions()
        .filter(year=year)
        .select_related("locale")
        .prefetch_related(
            Prefetch("rooms", queryset=Room.objects.order_by("sort_order", "pk")),
            Prefetch("tracks", queryset=Track.objects.order_by("sort_order", "pk")),
        )
        .order_by("pk")
    )
    # `localised` in memory: the edition in `locale`, else one with no translation in it.
    translated = {e.translation_key for e in editions if e.locale_id == locale.pk}
    shown = [e for e in editions if e.locale_id == locale.pk or e.translation_key not in translated]
    if not shown:
        return None
    selectors.conferences_attach(editions, locale)
    return Agenda(edition=shown[0], sessions=_sessions(year, editions, locale))


def _sessions(year, editions, locale):
    rows = (
        selectors.session_list(locale=locale, filters={"year": year}, editions=editions)
        .annotate(materials_data=Cast("materials", JSONField()))
        .values_list(*_COLUMNS)
    )
    sessions, parents, rooms, tracks = [], {}, {}, {}
    for row in rows:
        values = dict(zip(_COLUMNS, row, strict=True))
        parents[values["pk"]] = values.pop("edition_page_id")
        rooms[values["pk"]] = values.pop("room_key")
        tracks[values["pk"]] = values.pop("track_key")
        values["materials"] = values.pop("materials_data") or []
        sessions.append(AgendaSession(**values))
    if not sessions:
        return sessions
    ids = [session.pk for session in sessions]
    # A session shown in the other language sits under that language's edition.
    editions = {e.pk: e for e in editions}

    room_l = localise_keys(Room, set(rooms.values()), locale)
    track_l = localise_keys(Track, set(tracks.values()), locale)

    speakers = selectors.session_speaker_keys(ids)
    people = localise_keys(
        Person,
        {link.person for links in speakers.values() for link in links},
        locale,
        queryset=Person.objects.filter(live=True)
        .select_related("organisation")
        .prefetch_related(image_prefetch("photo", AVATAR_RENDITIONS)),
    )
    organisations = organisations_by_key(
        selectors.speaker_organisation_keys(people.values(), speakers), locale, logos=False
    )
    people_localise(list(people.values()), locale, organisations=organisations)
    speakers = selectors.speakers_as_appearing(speakers, people, organisations)

    topic_keys = selectors.session_tag_keys(ids, "topics")
    topics = localise_keys(Topic, {k for keys in topic_keys.values() for k in keys}, locale)

    for session in sessions:
        pk = session.pk
        session.edition_l = editions.get(parents[pk])
        session.room_l = room_l.get(rooms[pk])
        session.track_l = track_l.get(tracks[pk])
        session.speakers_l = speakers.get(pk, [])
        local = {topics[k].pk: topics[k] for k in topic_keys.get(pk, ()) if k in topics}
        session.topics_l = sorted(local.values(), key=lambda topic: topic.name)
    return sessions
