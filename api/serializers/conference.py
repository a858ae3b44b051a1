"""Editions, sessions, rooms, tracks and partners."""

from drf_spectacular.drainage import set_override
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from api.exports import jsonld
from api.serializers.common import (
    ExpandableSerializer,
    LocalDateTimeField,
    guid,
    image_field,
    page_url,
    rendition_url,
)
from api.serializers.people import (
    IndustrySerializer,
    OrganisationRefSerializer,
    OrganisationSummarySerializer,
    PartnerOrganisationSerializer,
    PersonSummarySerializer,
    TopicSerializer,
)
from cms.conference.choices import PARTNER_ROLES
from cms.conference.selectors import HERO_RENDITIONS

LOCAL_TIME = "With the UTC offset of the edition's time zone (`timezone`)."
THUMBNAIL = "fill-160x160"


def _absolute(context, path):
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class RoomSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    guid = serializers.SerializerMethodField()
    name = serializers.CharField()
    capacity = serializers.IntegerField(allow_null=True)
    floor = serializers.CharField()
    year = serializers.IntegerField(source="edition_year", required=False)
    locale = serializers.CharField(source="locale.language_code")

    def get_guid(self, obj) -> str:
        return guid("room", obj.translation_key)


class TrackSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.SlugField()
    color = serializers.CharField()
    year = serializers.IntegerField(source="edition_year", required=False)
    locale = serializers.CharField(source="locale.language_code")


class RoomRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class TrackRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.SlugField()
    color = serializers.CharField()


AS_AT_SESSION = (
    "job_title and organisation are those at the time of this session: the person's current "
    "ones unless the session names others."
)


class SessionSpeakerSerializer(serializers.Serializer):
    role = serializers.CharField()
    person = PersonSummarySerializer(help_text=AS_AT_SESSION)


class SessionSpeakerRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    role = serializers.CharField()
    photo = serializers.URLField(allow_null=True, help_text="Thumbnail (160x160) URL.")
    organisation = OrganisationRefSerializer(
        allow_null=True,
        help_text="The organisation at the time of this session (the person's current one "
        "unless the session names another).",
    )


class MaterialSerializer(serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()


# What every session answer starts with, list item or detail (a comment, not a docstring: the
# OpenAPI generator would make it the description of every session schema).
class SessionFields(serializers.Serializer):
    id = serializers.IntegerField()
    guid = serializers.SerializerMethodField()
    title = serializers.CharField()
    slug = serializers.SlugField()
    locale = serializers.CharField(source="locale.language_code")
    year = serializers.IntegerField(source="edition_year")
    type = serializers.CharField(source="session_type")
    type_label = serializers.CharField(source="get_session_type_display")
    start = LocalDateTimeField(help_text=LOCAL_TIME)
    end = LocalDateTimeField(help_text=LOCAL_TIME)
    timezone = serializers.CharField(source="edition_timezone")
    language = serializers.CharField()
    cancelled = serializers.BooleanField(
        help_text="Cancelled: still in the agenda, marked so that people know."
    )

    def get_guid(self, obj) -> str:
        return guid("session", obj.translation_key)


class SessionSerializer(SessionFields):
    abstract = serializers.CharField(help_text="HTML")
    room = RoomRefSerializer(source="room_l", allow_null=True)
    track = TrackRefSerializer(source="track_l", allow_null=True)
    speakers = serializers.SerializerMethodField()
    topics = TopicSerializer(source="topics_l", many=True)
    industries = IndustrySerializer(source="industries_l", many=True)
    url = serializers.SerializerMethodField()
    calendar_url = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField(source="last_published_at", allow_null=True)
    jsonld = serializers.SerializerMethodField()

    @extend_schema_field(SessionSpeakerSerializer(many=True))
    def get_speakers(self, obj):
        return _speakers(obj, self.context)

    def get_url(self, obj) -> str | None:
        return page_url(obj, self.context.get("request"))

    def get_calendar_url(self, obj) -> str:
        return _calendar_url(obj, self.context)

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_jsonld(self, obj):
        """schema.org Event for this session, ready to embed as application/ld+json."""
        return jsonld.session_event(obj, request=self.context.get("request"))


def _speakers(session, context):
    # One serializer for every session of the answer: building one per session (its nested
    # fields copied each time) costs more than the speakers themselves.
    serializer = context.get("_session_speaker_serializer")
    if serializer is None:
        serializer = SessionSpeakerSerializer(context=context)
        context["_session_speaker_serializer"] = serializer
    return [
        serializer.to_representation({"role": role, "person": person})
        for person, role in session.speakers_l
    ]


def _organisation_ref(organisation):
    return None if organisation is None else {"id": organisation.pk, "name": organisation.name}


def _calendar_url(session, context):
    return _absolute(context, f"/api/v1/sessions/{session.pk}/session.ics")


class ExpandedField(serializers.Field):
    """A value the parent serializer's `get_<field name>(obj)` computes from the whole object,
    like SerializerMethodField, but optional in the OpenAPI schema: it is there only when the
    request expands it."""

    def __init__(self, schema, **kwargs):
        kwargs["source"] = "*"
        kwargs["required"] = False
        super().__init__(**kwargs)
        set_override(self, "field", schema)

    def to_representation(self, obj):
        return getattr(self.parent, f"get_{self.field_name}")(obj)


SESSION_EXPANSIONS = ("abstract", "jsonld", "calendar_url", "speakers", "topics", "industries")


def _ids_or(serializer_name):
    """The schema of a list of ids, or of objects when expanded."""
    return {
        "type": "array",
        "items": {
            "oneOf": [
                {"type": "integer"},
                {"$ref": f"#/components/schemas/{serializer_name}"},
            ]
        },
    }


class SessionListItemSerializer(ExpandableSerializer, SessionFields):
    """A session in the list: what an agenda shows. `expand` adds the abstract, the JSON-LD and
    the calendar link, and gives full speakers, topics and industries (as the detail has them)
    instead of short speakers and ids."""

    expandable = {
        "abstract": ("abstract",),
        "jsonld": ("jsonld",),
        "calendar_url": ("calendar_url",),
    }

    room = RoomRefSerializer(source="room_l", allow_null=True)
    track = TrackRefSerializer(source="track_l", allow_null=True)
    speakers = serializers.SerializerMethodField(
        help_text="{id, name, role, photo, organisation}; with expand=speakers {role, person} "
        "as in the detail."
    )
    topics = serializers.SerializerMethodField(help_text="Ids; objects with expand=topics.")
    industries = serializers.SerializerMethodField(help_text="Ids; objects with expand=industries.")
    url = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField(source="last_published_at", allow_null=True)
    abstract = serializers.CharField(required=False, help_text="HTML; only with expand=abstract.")
    calendar_url = ExpandedField(
        {"type": "string", "format": "uri"}, help_text="Only with expand=calendar_url."
    )
    jsonld = ExpandedField(
        OpenApiTypes.OBJECT, help_text="schema.org Event; only with expand=jsonld."
    )

    def _expands(self, name):
        return name in (self.context.get("expand") or ())

    @extend_schema_field(
        PolymorphicProxySerializer(
            component_name="SessionListSpeaker",
            serializers=[SessionSpeakerRefSerializer, SessionSpeakerSerializer],
            resource_type_field_name=None,
            many=True,
        )
    )
    def get_speakers(self, obj):
        if self._expands("speakers"):
            return _speakers(obj, self.context)
        request = self.context.get("request")
        return [
            {
                "id": person.pk,
                "name": person.name,
                "role": role,
                "photo": rendition_url(person.photo, THUMBNAIL, request),
                "organisation": _organisation_ref(person.organisation_l),
            }
            for person, role in obj.speakers_l
        ]

    @extend_schema_field(_ids_or("Topic"))
    def get_topics(self, obj):
        if self._expands("topics"):
            return TopicSerializer(obj.topics_l, many=True, context=self.context).data
        return [topic.pk for topic in obj.topics_l]

    @extend_schema_field(_ids_or("Industry"))
    def get_industries(self, obj):
        if self._expands("industries"):
            return IndustrySerializer(obj.industries_l, many=True, context=self.context).data
        return [industry.pk for industry in obj.industries_l]

    def get_url(self, obj) -> str | None:
        return page_url(obj, self.context.get("request"))

    def get_calendar_url(self, obj):
        return _calendar_url(obj, self.context)

    def get_jsonld(self, obj):
        return jsonld.session_event(obj, request=self.context.get("request"))


class SessionDetailSerializer(SessionSerializer):
    materials = serializers.SerializerMethodField()

    @extend_schema_field(MaterialSerializer(many=True))
    def get_materials(self, obj):
        items = []
        for block in obj.materials:
            if block.block_type == "link":
                items.append(
                    {
                        "kind": block.value["kind"],
                        "title": block.value["title"],
                        "url": block.value["url"],
                    }
                )
            elif block.block_type == "document" and block.value["document"] is not None:
                document = block.value["document"]
                items.append(
                    {
                        "kind": "document",
                        "title": block.value["title"],
                        "url": _absolute(self.context, document.url),
                    }
                )
        return items


class VenueSerializer(serializers.Serializer):
    name = serializers.CharField(source="venue_name")
    address = serializers.CharField(source="venue_address")
    city = serializers.CharField(source="venue_city")
    postal_code = serializers.CharField(source="venue_postal_code")
    country = serializers.CharField(source="venue_country")
    latitude = serializers.FloatField(source="venue_latitude", allow_null=True)
    longitude = serializers.FloatField(source="venue_longitude", allow_null=True)


class EditionLinksSerializer(serializers.Serializer):
    self = serializers.URLField()
    sessions = serializers.URLField()
    schedule_xml = serializers.URLField()
    schedule_json = serializers.URLField()
    agenda_ics = serializers.URLField()
    agenda_csv = serializers.URLField()


class EditionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    guid = serializers.SerializerMethodField()
    year = serializers.IntegerField()
    title = serializers.CharField()
    slug = serializers.SlugField()
    locale = serializers.CharField(source="locale.language_code")
    theme = serializers.CharField()
    status = serializers.CharField()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    timezone = serializers.CharField()
    intro = serializers.CharField(help_text="HTML")
    venue = VenueSerializer(source="*")
    registration_url = serializers.CharField()
    hero_image = image_field(HERO_RENDITIONS)()
    url = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField(source="last_published_at", allow_null=True)
    links = serializers.SerializerMethodField()
    jsonld = serializers.SerializerMethodField()

    def get_guid(self, obj) -> str:
        return guid("edition", obj.translation_key)

    def get_url(self, obj) -> str | None:
        return page_url(obj, self.context.get("request"))

    @extend_schema_field(EditionLinksSerializer)
    def get_links(self, obj):
        base = f"/api/v1/editions/{obj.year}/"
        return {
            "self": _absolute(self.context, base),
            "sessions": _absolute(self.context, f"/api/v1/sessions/?year={obj.year}"),
            "schedule_xml": _absolute(self.context, base + "schedule.xml"),
            "schedule_json": _absolute(self.context, base + "schedule.json"),
            "agenda_ics": _absolute(self.context, base + "agenda.ics"),
            "agenda_csv": _absolute(self.context, base + "agenda.csv"),
        }

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_jsonld(self, obj):
        """schema.org Event for this edition, ready to embed as application/ld+json."""
        return jsonld.edition_event(obj, request=self.context.get("request"))


class PartnerSerializer(serializers.Serializer):
    order = serializers.IntegerField()
    tier = serializers.CharField()
    organisation = OrganisationSummarySerializer()


class PartnerGroupSerializer(serializers.Serializer):
    role = serializers.CharField()
    role_label = serializers.CharField()
    partners = PartnerSerializer(many=True)


class PartnerListItemSerializer(PartnerSerializer):
    organisation = PartnerOrganisationSerializer()


class PartnerListGroupSerializer(PartnerGroupSerializer):
    partners = PartnerListItemSerializer(many=True)


def partner_groups_data(edition):
    labels = dict(PARTNER_ROLES)
    return [
        {
            "role": role,
            "role_label": str(labels[role]),
            "partners": [
                {"order": index, "tier": tier, "organisation": org}
                for index, (org, tier) in enumerate(items, start=1)
            ],
        }
        for role, items in edition.partner_groups
    ]


class SocialLinkSerializer(serializers.Serializer):
    network = serializers.CharField(
        help_text="linkedin, facebook, x, youtube, instagram or website"
    )
    url = serializers.URLField()


class ConferenceSerializer(serializers.Serializer):
    title = serializers.CharField(source="conference_title")
    acronym = serializers.CharField(source="conference_acronym")
    contact_email = serializers.CharField(
        source="conference_contact_email", help_text="The organisers' e-mail; may be empty."
    )
    social_links = SocialLinkSerializer(source="conference_social_links", many=True)


class EditionDetailSerializer(EditionSerializer):
    conference = ConferenceSerializer(
        source="*", help_text="The series this edition belongs to, in the requested language."
    )
    rooms = RoomSerializer(source="rooms.all", many=True)
    tracks = TrackSerializer(source="tracks.all", many=True)
    topics = TopicSerializer(source="topics_l", many=True)
    industries = IndustrySerializer(source="industries_l", many=True)
    partners = serializers.SerializerMethodField()

    @extend_schema_field(PartnerGroupSerializer(many=True))
    def get_partners(self, obj):
        return PartnerGroupSerializer(
            partner_groups_data(obj), many=True, context=self.context
        ).data


class EditionPartnersSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    title = serializers.CharField()
    groups = serializers.SerializerMethodField()

    @extend_schema_field(PartnerGroupSerializer(many=True))
    def get_groups(self, obj):
        return PartnerGroupSerializer(
            partner_groups_data(obj), many=True, context=self.context
        ).data


class EditionPartnersListItemSerializer(EditionPartnersSerializer):
    """An edition's partners in the list: organisations with their name, slug and small logo."""

    @extend_schema_field(PartnerListGroupSerializer(many=True))
    def get_groups(self, obj):
        return PartnerListGroupSerializer(
            partner_groups_data(obj), many=True, context=self.context
        ).data
