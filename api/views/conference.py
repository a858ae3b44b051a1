"""Editions, sessions, rooms, tracks and partners."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from api.exceptions import NotFound
from api.filters.conference import (
    EditionChildFilter,
    EditionFilter,
    PartnerFilter,
    SessionFilter,
    TrackFilter,
)
from api.http import parse_id
from api.schema_docs import ERRORS, ID_PATH, LOCALE_PARAMETERS, YEAR_PATH
from api.serializers.conference import (
    SESSION_EXPANSIONS,
    EditionDetailSerializer,
    EditionPartnersListItemSerializer,
    EditionSerializer,
    RoomSerializer,
    SessionDetailSerializer,
    SessionListItemSerializer,
    TrackSerializer,
)
from api.views.base import PublicDetailView, PublicListView, PublicView, edition_scopes
from api.views.expand import ExpandMixin, expand_parameter
from cms.conference import selectors


@extend_schema(
    tags=["editions"], parameters=LOCALE_PARAMETERS, responses={200: EditionSerializer, **ERRORS}
)
class EditionListView(PublicListView):
    """Published editions, newest first."""

    serializer_class = EditionSerializer
    filterset_class = EditionFilter

    def select(self, filters):
        return selectors.edition_list(locale=self.locale, filters=filters)

    def localise(self, objects):
        return selectors.partner_groups_attach(objects, self.locale)


@extend_schema(
    tags=["editions"],
    parameters=[*LOCALE_PARAMETERS, YEAR_PATH],
    responses={200: EditionDetailSerializer, **ERRORS},
)
class EditionDetailView(PublicView):
    """One edition with rooms, tracks, topics, industries and partners grouped by role."""

    serializer_class = EditionDetailSerializer
    pagination_class = None
    filter_backends = []

    def cache_scopes(self, request, year=None, **kwargs):
        return edition_scopes(year)

    def get_edition(self, year):
        year = parse_id(year, field="year")
        edition = selectors.edition_get(year=year, locale=self.locale)
        if edition is None:
            raise NotFound(f"No published edition for {year}.")
        return edition

    def get(self, request, year):
        return Response(self.get_serializer(self.get_edition(year)).data)


@extend_schema(
    tags=["sessions"],
    parameters=[
        *LOCALE_PARAMETERS,
        expand_parameter(
            SESSION_EXPANSIONS,
            "Extra fields per session: abstract, jsonld and calendar_url add those fields; "
            "speakers gives {role, person} with full person summaries; topics and industries "
            "give objects instead of ids.",
        ),
    ],
    responses={200: SessionListItemSerializer, **ERRORS},
)
class SessionListView(ExpandMixin, PublicListView):
    """Sessions of every edition in time order; filter by edition, day, room, track, type...

    Items carry what an agenda shows; `expand` adds the rest. The detail has everything."""

    serializer_class = SessionListItemSerializer
    filterset_class = SessionFilter
    expansions = SESSION_EXPANSIONS
    edition_scoped = True

    def select(self, filters):
        return selectors.session_list(locale=self.locale, filters=filters)

    def localise(self, objects):
        # Organisations' logos only for expand=speakers, which gives full person summaries.
        summary = "speakers" not in (self.expand or ())
        return selectors.sessions_localise(objects, self.locale, summary=summary)


@extend_schema(
    tags=["sessions"],
    parameters=[*LOCALE_PARAMETERS, ID_PATH],
    responses={200: SessionDetailSerializer, **ERRORS},
)
class SessionDetailView(PublicDetailView):
    """One session (an id in either language gives the requested language's version)."""

    serializer_class = SessionDetailSerializer

    def get_object_or_none(self, pk):
        return selectors.session_get(pk=pk, locale=self.locale)


@extend_schema(
    tags=["rooms"], parameters=LOCALE_PARAMETERS, responses={200: RoomSerializer, **ERRORS}
)
class RoomListView(PublicListView):
    """Rooms of the published editions."""

    serializer_class = RoomSerializer
    filterset_class = EditionChildFilter

    def select(self, filters):
        return selectors.room_list(locale=self.locale, filters=filters)


@extend_schema(
    tags=["tracks"], parameters=LOCALE_PARAMETERS, responses={200: TrackSerializer, **ERRORS}
)
class TrackListView(PublicListView):
    """Tracks of the published editions."""

    serializer_class = TrackSerializer
    filterset_class = TrackFilter

    def select(self, filters):
        return selectors.track_list(locale=self.locale, filters=filters)


@extend_schema(
    tags=["partners"],
    parameters=LOCALE_PARAMETERS,
    responses={200: EditionPartnersListItemSerializer, **ERRORS},
)
class PartnerListView(PublicListView):
    """Partners per edition (newest first), grouped by role in the editors' order (the
    edition's detail has the organisations' full summaries)."""

    serializer_class = EditionPartnersListItemSerializer
    filterset_class = PartnerFilter

    role = None

    def select(self, filters):
        self.role = filters.get("role")
        return selectors.edition_list(locale=self.locale, filters=filters)

    def localise(self, objects):
        return selectors.partner_groups_attach(objects, self.locale, role=self.role)
