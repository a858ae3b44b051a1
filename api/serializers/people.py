"""People, organisations and the topic/industry taxonomies."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.common import ExpandableSerializer, LocalDateTimeField, guid, image_field
from cms.people.selectors import LOGO_RENDITIONS, PORTRAIT_RENDITIONS

LOGO_SMALL = ("max-200x100",)
SPEAKER_EXPANSIONS = ("bio",)


class TopicSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.SlugField()
    locale = serializers.CharField(source="locale.language_code")


class TopicDetailSerializer(TopicSerializer):
    description = serializers.CharField()


class IndustrySerializer(TopicSerializer):
    pass


class OrganisationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class OrganisationSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    guid = serializers.SerializerMethodField()
    name = serializers.CharField()
    short_name = serializers.CharField()
    slug = serializers.SlugField()
    website = serializers.CharField()
    logo = image_field(LOGO_RENDITIONS)()

    def get_guid(self, obj) -> str:
        return guid("organisation", obj.translation_key)


class PartnerOrganisationSerializer(serializers.Serializer):
    """An organisation inside a list: its logo in the small size only."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    slug = serializers.SlugField()
    logo = image_field(LOGO_SMALL)()


class OrganisationPartnershipSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    role = serializers.CharField()
    role_label = serializers.CharField()
    tier = serializers.CharField()


class OrganisationSerializer(OrganisationSummarySerializer):
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    description = serializers.CharField(help_text="HTML")
    country = serializers.CharField()
    locale = serializers.CharField(source="locale.language_code")
    updated_at = serializers.DateTimeField(source="last_published_at", allow_null=True)
    partnerships = serializers.SerializerMethodField()

    @extend_schema_field(OrganisationPartnershipSerializer(many=True))
    def get_partnerships(self, obj):
        return [
            {"year": year, "role": role, "role_label": label, "tier": tier}
            for year, role, label, tier in getattr(obj, "partnerships_l", [])
        ]


# What every person answer starts with, summary or list item (a comment, not a docstring: the
# OpenAPI generator would make it the description of every person schema).
class PersonFields(serializers.Serializer):
    id = serializers.IntegerField()
    guid = serializers.SerializerMethodField()
    name = serializers.CharField()
    slug = serializers.SlugField()
    job_title = serializers.CharField()

    def get_guid(self, obj) -> str:
        return guid("person", obj.translation_key)


class PersonSummarySerializer(PersonFields):
    organisation = OrganisationSummarySerializer(source="organisation_l", allow_null=True)
    photo = image_field(PORTRAIT_RENDITIONS)()


class AppearanceSessionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    type = serializers.CharField(source="session_type")
    start = LocalDateTimeField(help_text="With the edition's UTC offset.")
    end = LocalDateTimeField(help_text="With the edition's UTC offset.")
    year = serializers.IntegerField(source="edition_year")


class AppearanceSerializer(serializers.Serializer):
    role = serializers.CharField()
    session = AppearanceSessionSerializer()


def _appearances(obj, year=None):
    return [
        {"role": role, "session": session}
        for session, role in obj.appearances_l
        if year is None or session.edition_year == year
    ]


class SpeakerSerializer(PersonSummarySerializer):
    bio = serializers.CharField(help_text="HTML")
    website = serializers.CharField()
    linkedin = serializers.CharField()
    locale = serializers.CharField(source="locale.language_code")
    updated_at = serializers.DateTimeField(source="last_published_at", allow_null=True)
    appearances = serializers.SerializerMethodField()
    calendar_url = serializers.SerializerMethodField()

    @extend_schema_field(AppearanceSerializer(many=True))
    def get_appearances(self, obj):
        return AppearanceSerializer(_appearances(obj), many=True, context=self.context).data

    def get_calendar_url(self, obj) -> str:
        request = self.context.get("request")
        path = f"/api/v1/speakers/{obj.pk}/sessions.ics"
        return request.build_absolute_uri(path) if request else path


class SpeakerListItemSerializer(ExpandableSerializer, PersonFields):
    """A speaker in the list: who, where from, a photo, and the sessions (of the filtered
    edition when `year` is given). `expand=bio` adds bio, website and linkedin."""

    expandable = {"bio": ("bio", "website", "linkedin")}

    organisation = OrganisationRefSerializer(source="organisation_l", allow_null=True)
    photo = image_field(PORTRAIT_RENDITIONS)()
    bio = serializers.CharField(required=False, help_text="HTML; only with expand=bio.")
    website = serializers.CharField(required=False, help_text="Only with expand=bio.")
    linkedin = serializers.CharField(required=False, help_text="Only with expand=bio.")
    appearances = serializers.SerializerMethodField(
        help_text="Sessions in the edition of the year filter when one is given, else in all."
    )

    @extend_schema_field(AppearanceSerializer(many=True))
    def get_appearances(self, obj):
        return AppearanceSerializer(
            _appearances(obj, self.context.get("year")), many=True, context=self.context
        ).data
