"""Speakers, organisations, topics and industries."""

import graphene

from api.filters.people import OrganisationFilter, SpeakerFilter
from api.graphql.common import (
    apply_filters,
    context_locale,
    locale_argument,
    parse_gql_id,
    serializer_context,
    window,
)
from api.graphql.people.types import Industry, Organisation, Speaker, Topic
from api.serializers.people import (
    IndustrySerializer,
    OrganisationSerializer,
    SpeakerSerializer,
    TopicDetailSerializer,
)
from api.views.people import speakers_localise
from cms.conference import selectors as conference
from cms.people import selectors as people


class Query(graphene.ObjectType):
    speakers = graphene.List(
        graphene.NonNull(Speaker),
        required=True,
        locale=locale_argument(),
        year=graphene.Int(),
        organisation=graphene.String(),
        updated_since=graphene.String(),
        ordering=graphene.String(),
        limit=graphene.Int(),
        offset=graphene.Int(),
    )
    speaker = graphene.Field(Speaker, id=graphene.ID(required=True), locale=locale_argument())
    organisations = graphene.List(
        graphene.NonNull(Organisation),
        required=True,
        locale=locale_argument(),
        kind=graphene.String(),
        year=graphene.Int(),
        updated_since=graphene.String(),
        ordering=graphene.String(),
        limit=graphene.Int(),
        offset=graphene.Int(),
    )
    organisation = graphene.Field(
        Organisation, id=graphene.ID(required=True), locale=locale_argument()
    )
    topics = graphene.List(graphene.NonNull(Topic), required=True, locale=locale_argument())
    industries = graphene.List(graphene.NonNull(Industry), required=True, locale=locale_argument())

    @staticmethod
    def resolve_speakers(root, info, locale=None, limit=None, offset=None, **arguments):
        locale, _code = context_locale(info, locale)
        queryset = apply_filters(
            SpeakerFilter,
            arguments,
            lambda filters: conference.speaker_list(locale=locale, filters=filters),
        )
        objects = speakers_localise(window(queryset, limit, offset), locale)
        return SpeakerSerializer(objects, many=True, context=serializer_context(info, locale)).data

    @staticmethod
    def resolve_speaker(root, info, id, locale=None):
        locale, _code = context_locale(info, locale)
        person = conference.speaker_get(pk=parse_gql_id(id), locale=locale)
        if person is None:
            return None
        speakers_localise([person], locale)
        return SpeakerSerializer(person, context=serializer_context(info, locale)).data

    @staticmethod
    def resolve_organisations(root, info, locale=None, limit=None, offset=None, **arguments):
        locale, _code = context_locale(info, locale)
        queryset = apply_filters(
            OrganisationFilter,
            arguments,
            lambda filters: conference.organisation_list(locale=locale, filters=filters),
        )
        objects = conference.organisations_partnerships_attach(
            window(queryset, limit, offset), locale
        )
        return OrganisationSerializer(
            objects, many=True, context=serializer_context(info, locale)
        ).data

    @staticmethod
    def resolve_organisation(root, info, id, locale=None):
        locale, _code = context_locale(info, locale)
        objects = list(people.organisation_get(pk=parse_gql_id(id), locale=locale)[:1])
        if not objects:
            return None
        conference.organisations_partnerships_attach(objects, locale)
        return OrganisationSerializer(objects[0], context=serializer_context(info, locale)).data

    @staticmethod
    def resolve_topics(root, info, locale=None):
        locale, _code = context_locale(info, locale)
        return TopicDetailSerializer(
            people.topic_list(locale=locale), many=True, context=serializer_context(info, locale)
        ).data

    @staticmethod
    def resolve_industries(root, info, locale=None):
        locale, _code = context_locale(info, locale)
        return IndustrySerializer(
            people.industry_list(locale=locale), many=True, context=serializer_context(info, locale)
        ).data
