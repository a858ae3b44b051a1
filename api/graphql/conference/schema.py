"""Editions, sessions, rooms, tracks and partners: the same selectors and filters as REST."""

import graphene
from graphql import GraphQLError

from api.exceptions import ApiError
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
from api.graphql.conference.loaders import (
    release_data,
    remember_editions,
    sessions_data,
    wants_snapshot,
)
from api.graphql.conference.types import (
    Edition,
    EditionPartners,
    Release,
    ReleaseDiff,
    Room,
    Session,
    Track,
    session_filter_arguments,
)
from api.params import parse_version
from api.serializers.conference import (
    EditionDetailSerializer,
    EditionPartnersSerializer,
    RoomSerializer,
    SessionDetailSerializer,
    TrackSerializer,
)
from cms.conference import release_diff, selectors


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


def _version(value, field):
    try:
        return parse_version(value, field=field)
    except ApiError as exc:
        raise GraphQLError(str(exc.detail)) from exc


def _release(year, version, field="version"):
    return selectors.release_get(year=year, version=_version(version, field))


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

    releases = graphene.List(
        graphene.NonNull(Release),
        year=graphene.Int(required=True),
        locale=locale_argument(),
        description="The agenda releases of the edition of `year`, newest first; null when no "
        "edition of that year is public.",
    )
    release = graphene.Field(
        Release,
        year=graphene.Int(required=True),
        version=graphene.String(required=True, description="A release's name or latest."),
        locale=locale_argument(),
        description="One release (with its snapshot); null when unknown or not public.",
    )
    release_diff = graphene.Field(
        ReleaseDiff,
        year=graphene.Int(required=True),
        version=graphene.String(required=True, description="A release's name or latest."),
        from_=graphene.String(
            name="from",
            description="The release compared against; default: the one before `version` "
            "(an empty agenda for the first). A newer one gives the changes backwards.",
        ),
        locale=locale_argument(),
        description="What changed between two releases, per session; null when either is "
        "unknown or not public.",
    )

    @staticmethod
    def resolve_releases(root, info, year, locale=None):
        _locale, code = context_locale(info, locale)
        releases = selectors.release_list(year=year, snapshots=wants_snapshot(info))
        if releases is None:
            return None
        return [release_data(info, r, year=year, language=code) for r in releases]

    @staticmethod
    def resolve_release(root, info, year, version, locale=None):
        _locale, code = context_locale(info, locale)
        release = _release(year, version)
        return None if release is None else release_data(info, release, year=year, language=code)

    @staticmethod
    def resolve_release_diff(root, info, year, version, from_=None, locale=None):
        _locale, code = context_locale(info, locale)
        target = _release(year, version)
        if target is None:
            return None
        if from_ is None:
            base = selectors.release_previous(target)
        else:
            base = _release(year, from_, "from")
            if base is None:
                return None
        changes = release_diff.diff(base.snapshot if base else {}, target.snapshot)
        return {
            "edition": year,
            "from": release_data(info, base, year=year, language=code) if base else None,
            "to": release_data(info, target, year=year, language=code),
            "summary": changes["summary"],
            "summary_text": release_diff.summary_lines(changes, code),
            "sessions": changes["sessions"],
        }

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
