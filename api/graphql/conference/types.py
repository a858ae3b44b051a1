"""GraphQL types for editions, sessions, rooms, tracks and partners."""

import graphene
from graphene.types.generic import GenericScalar

from api.graphql.common import Image
from api.graphql.people.types import Industry, OrganisationSummary, PersonSummary, Topic


class Room(graphene.ObjectType):
    id = graphene.ID(required=True)
    guid = graphene.String(required=True)
    name = graphene.String(required=True)
    capacity = graphene.Int()
    floor = graphene.String(required=True)
    year = graphene.Int()
    locale = graphene.String(required=True)


class Track(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    color = graphene.String(required=True)
    year = graphene.Int()
    locale = graphene.String(required=True)


class RoomRef(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)


class TrackRef(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    color = graphene.String(required=True)


class SessionSpeaker(graphene.ObjectType):
    role = graphene.String(required=True)
    person = graphene.Field(
        PersonSummary,
        required=True,
        description="jobTitle and organisation are those at the time of this session: the "
        "person's current ones unless the session names others.",
    )


class Material(graphene.ObjectType):
    kind = graphene.String(required=True)
    title = graphene.String(required=True)
    url = graphene.String(required=True)


class Session(graphene.ObjectType):
    id = graphene.ID(required=True)
    guid = graphene.String(required=True)
    title = graphene.String(required=True)
    slug = graphene.String(required=True)
    locale = graphene.String(required=True)
    year = graphene.Int(required=True)
    type = graphene.String(required=True)
    type_label = graphene.String(required=True)
    start = graphene.String(required=True)
    end = graphene.String(required=True)
    timezone = graphene.String(required=True)
    language = graphene.String(required=True)
    cancelled = graphene.Boolean(
        required=True, description="Still in the agenda, marked as cancelled."
    )
    abstract = graphene.String(required=True)
    room = graphene.Field(RoomRef)
    track = graphene.Field(TrackRef)
    speakers = graphene.List(graphene.NonNull(SessionSpeaker), required=True)
    topics = graphene.List(graphene.NonNull(Topic), required=True)
    industries = graphene.List(graphene.NonNull(Industry), required=True)
    url = graphene.String()
    calendar_url = graphene.String(required=True)
    updated_at = graphene.String()
    jsonld = GenericScalar(description="schema.org Event JSON-LD")
    materials = graphene.List(
        graphene.NonNull(Material), description="Only on session(id); null in lists."
    )


class Venue(graphene.ObjectType):
    name = graphene.String(required=True)
    address = graphene.String(required=True)
    city = graphene.String(required=True)
    postal_code = graphene.String(required=True)
    country = graphene.String(required=True)
    latitude = graphene.Float()
    longitude = graphene.Float()


class EditionLinks(graphene.ObjectType):
    self = graphene.String(required=True)
    sessions = graphene.String(required=True)
    schedule_xml = graphene.String(required=True)
    schedule_json = graphene.String(required=True)
    agenda_ics = graphene.String(required=True)
    agenda_csv = graphene.String(required=True)


class Partner(graphene.ObjectType):
    order = graphene.Int(required=True)
    tier = graphene.String(required=True)
    organisation = graphene.Field(OrganisationSummary, required=True)


class PartnerGroup(graphene.ObjectType):
    role = graphene.String(required=True)
    role_label = graphene.String(required=True)
    partners = graphene.List(graphene.NonNull(Partner), required=True)


class EditionPartners(graphene.ObjectType):
    year = graphene.Int(required=True)
    title = graphene.String(required=True)
    groups = graphene.List(graphene.NonNull(PartnerGroup), required=True)


def session_filter_arguments(include_edition=True):
    arguments = {
        "day": graphene.String(description="YYYY-MM-DD"),
        "room": graphene.String(description="Room id"),
        "track": graphene.String(description="Track id or slug"),
        "type": graphene.String(description="Session type"),
        "topic": graphene.String(description="Topic id or slug"),
        "industry": graphene.String(description="Industry id or slug"),
        "speaker": graphene.String(description="Person id or slug"),
        "language": graphene.String(description="bg, en or bg-en"),
        "updated_since": graphene.String(description="ISO 8601 date-time"),
        "ordering": graphene.String(description="start, title or updated; - to reverse"),
    }
    if include_edition:
        arguments["year"] = graphene.Int()
        arguments["edition"] = graphene.ID()
    return arguments


class SocialLink(graphene.ObjectType):
    network = graphene.String(required=True)
    url = graphene.String(required=True)


class Conference(graphene.ObjectType):
    title = graphene.String(required=True)
    acronym = graphene.String(required=True)
    contact_email = graphene.String(required=True)
    social_links = graphene.List(graphene.NonNull(SocialLink), required=True)


class ReleaseText(graphene.ObjectType):
    bg = graphene.String()
    en = graphene.String()


class ReleaseCounts(graphene.ObjectType):
    sessions = graphene.Int(required=True)
    cancelled = graphene.Int(required=True)
    speakers = graphene.Int(required=True)
    rooms = graphene.Int(required=True)
    days = graphene.Int(required=True)


class ReleaseChanges(graphene.ObjectType):
    added = graphene.Int(required=True)
    removed = graphene.Int(required=True)
    changed = graphene.Int(required=True)


class ReleaseLinks(graphene.ObjectType):
    self = graphene.String(required=True)
    diff = graphene.String(required=True)
    schedule_xml = graphene.String(required=True)
    schedule_json = graphene.String(required=True)


class ReleaseSnapshot(graphene.ObjectType):
    """The agenda as released, in both languages: texts as {bg, en}, sessions' rooms and tracks
    as guids of `rooms` and `tracks` (the REST detail documents each object)."""

    format = graphene.Int(required=True)
    edition = GenericScalar(required=True)
    rooms = graphene.List(graphene.NonNull(GenericScalar), required=True)
    tracks = graphene.List(graphene.NonNull(GenericScalar), required=True)
    sessions = graphene.List(graphene.NonNull(GenericScalar), required=True)


class Release(graphene.ObjectType):
    """A named version of an edition's public agenda."""

    version = graphene.String(required=True)
    number = graphene.Int(required=True)
    edition = graphene.Int(required=True, description="The edition's year.")
    released_at = graphene.String(required=True, description="ISO 8601, UTC.")
    note = graphene.String(
        required=True,
        locale=graphene.String(description="bg or en; default: the query's language."),
        description="The editors' note in one language (else the other).",
    )
    notes = graphene.Field(ReleaseText, required=True)
    counts = graphene.Field(ReleaseCounts, required=True)
    changes = graphene.Field(
        ReleaseChanges, required=True, description="Sessions changed since the release before."
    )
    links = graphene.Field(ReleaseLinks, required=True)
    snapshot = graphene.Field(ReleaseSnapshot, required=True)

    @staticmethod
    def resolve_note(parent, info, locale=None):
        from api.graphql.conference.loaders import release_note

        return release_note(info, parent, locale)

    @staticmethod
    def resolve_snapshot(parent, info):
        return parent["_release"].snapshot


class FieldChange(graphene.ObjectType):
    field = graphene.String(required=True)
    before = GenericScalar()
    after = GenericScalar()


class ReleaseSessionChange(graphene.ObjectType):
    guid = graphene.String(required=True)
    status = graphene.String(required=True, description="added, removed or changed")
    id = GenericScalar(required=True, description="{bg, en}: the ids of the two versions.")
    title = graphene.Field(ReleaseText, required=True)
    changes = graphene.List(
        graphene.NonNull(FieldChange),
        required=True,
        description="For a changed session: each changed field with its value before and after.",
    )
    session = GenericScalar(
        required=True,
        description="The session as the newer release holds it (the older one, when removed), "
        "its room and track named.",
    )

    @staticmethod
    def resolve_changes(parent, info):
        return [
            {"field": name, "before": change["before"], "after": change["after"]}
            for name, change in (parent.get("changes") or {}).items()
        ]


class ReleaseDiff(graphene.ObjectType):
    edition = graphene.Int(required=True)
    from_ = graphene.Field(
        Release,
        name="from",
        description="The release compared against; null for an empty agenda (the first release).",
    )
    to = graphene.Field(Release, required=True)
    summary = graphene.Field(ReleaseChanges, required=True)
    summary_text = graphene.List(graphene.NonNull(graphene.String), required=True)
    sessions = graphene.List(graphene.NonNull(ReleaseSessionChange), required=True)

    @staticmethod
    def resolve_from_(parent, info):
        return parent["from"]


class Edition(graphene.ObjectType):
    id = graphene.ID(required=True)
    guid = graphene.String(required=True)
    year = graphene.Int(required=True)
    title = graphene.String(required=True)
    slug = graphene.String(required=True)
    locale = graphene.String(required=True)
    theme = graphene.String(required=True)
    status = graphene.String(required=True)
    start_date = graphene.String(required=True)
    end_date = graphene.String(required=True)
    timezone = graphene.String(required=True)
    intro = graphene.String(required=True)
    venue = graphene.Field(Venue, required=True)
    registration_url = graphene.String(required=True)
    hero_image = graphene.Field(Image)
    url = graphene.String()
    updated_at = graphene.String()
    links = graphene.Field(EditionLinks, required=True)
    jsonld = GenericScalar(description="schema.org Event JSON-LD")
    conference = graphene.Field(
        Conference,
        required=True,
        description="The series this edition belongs to, in the requested language.",
    )
    rooms = graphene.List(graphene.NonNull(Room), required=True)
    tracks = graphene.List(graphene.NonNull(Track), required=True)
    topics = graphene.List(graphene.NonNull(Topic), required=True)
    industries = graphene.List(graphene.NonNull(Industry), required=True)
    partners = graphene.List(graphene.NonNull(PartnerGroup), required=True)
    sessions = graphene.List(
        graphene.NonNull(Session),
        required=True,
        description="The edition's agenda in time order, loaded for all editions in one go.",
        **session_filter_arguments(include_edition=False),
    )

    releases = graphene.List(
        graphene.NonNull(Release),
        required=True,
        description="The edition's agenda releases, newest first, loaded for all editions in "
        "one go.",
    )

    @staticmethod
    def resolve_sessions(parent, info, **arguments):
        from api.graphql.conference.loaders import edition_sessions

        return edition_sessions(info, parent, arguments)

    @staticmethod
    def resolve_releases(parent, info):
        from api.graphql.conference.loaders import edition_releases

        return edition_releases(info, parent)
