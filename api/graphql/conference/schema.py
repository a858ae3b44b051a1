"""Editions, sessions, rooms, tracks and partners: the same selectors and filters as REST."""

import graphene

from api.filters.conference import (
    EditionChildFilter,
    EditionFilter,
    PartnerFilter,
    SessionFilter,
    TrackFilter,
)
from api.graphql.common import (
    apply_filters,
    context_locale,
    locale_argument,
    parse_gql_id,
    serializer_context,
    window,
)
from api.graphql.conference.loaders import remember_editions, sessions_data
from api.graphql.conference.types import (
    Edition,
    EditionPartners,
    Room,
    Session,
    Track,
    session_filter_arguments,
)
from api.serializers.conference import (
    EditionDetailSerializer,
    EditionPartnersSerializer,
    RoomSerializer,
    SessionDetailSerializer,
    TrackSerializer,
)
from cms.conference import selectors


def _editions_data(info, locale, editions):
    selectors.editions_localise(editions, locale)
    selectors.conferences_attach(editions, locale)
    data = EditionDetailSerializer(
        editions, many=True, context=serializer_context(info, locale)
    ).data
    for item in data:
        item["_locale_pk"] = locale.pk
        item["_locale"] = locale
    remember_editions(info, locale, data)
    return data


class Query(graphene.ObjectType):
    editions = graphene.List(
        graphene.NonNull(Edition), required=True, locale=locale_argument(), status=graphene.String()
    )
    edition = graphene.Field(Edition, year=graphene.Int(required=True), locale=locale_argument())
    sessions = graphene.List(
        graphene.NonNull(Session),
        required=True,
        locale=locale_argument(),
        limit=graphene.Int(description="At most 500; default 100."),
        offset=graphene.Int(),
        **session_filter_arguments(),
    )
    session = graphene.Field(Session, id=graphene.ID(required=True), locale=locale_argument())
    rooms = graphene.List(
        graphene.NonNull(Room), required=True, locale=locale_argument(), year=graphene.Int()
    )
    tracks = graphene.List(
        graphene.NonNull(Track), required=True, locale=locale_argument(), year=graphene.Int()
    )
    partners = graphene.List(
        graphene.NonNull(EditionPartners),
        required=True,
        locale=locale_argument(),
        year=graphene.Int(),
        role=graphene.String(),
    )

    @staticmethod
    def resolve_editions(root, info, locale=None, **arguments):
        locale, _code = context_locale(info, locale)
        queryset = apply_filters(
            EditionFilter,
            arguments,
            lambda filters: selectors.edition_list_detailed(locale=locale, filters=filters),
        )
        return _editions_data(info, locale, list(queryset))

    @staticmethod
    def resolve_edition(root, info, year, locale=None):
        locale, _code = context_locale(info, locale)
        editions = list(selectors.edition_list_detailed(locale=locale).filter(year=year)[:1])
        return _editions_data(info, locale, editions)[0] if editions else None

    @staticmethod
    def resolve_sessions(root, info, locale=None, limit=None, offset=None, **arguments):
        locale, _code = context_locale(info, locale)
        queryset = apply_filters(
            SessionFilter,
            arguments,
            lambda filters: selectors.session_list(locale=locale, filters=filters),
        )
        sessions = selectors.sessions_localise(window(queryset, limit, offset), locale)
        return sessions_data(info, sessions, locale)

    @staticmethod
    def resolve_session(root, info, id, locale=None):
        locale, _code = context_locale(info, locale)
        session = selectors.session_get(pk=parse_gql_id(id), locale=locale)
        if session is None:
            return None
        return SessionDetailSerializer(session, context=serializer_context(info, locale)).data

    @staticmethod
    def resolve_rooms(root, info, locale=None, **arguments):
        locale, _code = context_locale(info, locale)
        queryset = apply_filters(
            EditionChildFilter,
            arguments,
            lambda filters: selectors.room_list(locale=locale, filters=filters),
        )
        return RoomSerializer(queryset, many=True, context=serializer_context(info, locale)).data

    @staticmethod
    def resolve_tracks(root, info, locale=None, **arguments):
        locale, _code = context_locale(info, locale)
        queryset = apply_filters(
            TrackFilter,
            arguments,
            lambda filters: selectors.track_list(locale=locale, filters=filters),
        )
        return TrackSerializer(queryset, many=True, context=serializer_context(info, locale)).data

    @staticmethod
    def resolve_partners(root, info, locale=None, **arguments):
        locale, _code = context_locale(info, locale)
        queryset = apply_filters(
            PartnerFilter,
            arguments,
            lambda filters: selectors.edition_list(locale=locale, filters=filters),
        )
        editions = selectors.partner_groups_attach(
            list(queryset), locale, role=arguments.get("role")
        )
        return EditionPartnersSerializer(
            editions, many=True, context=serializer_context(info, locale)
        ).data
