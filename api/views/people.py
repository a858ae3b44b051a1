"""Speakers and organisations."""

from drf_spectacular.utils import extend_schema

from api.filters.people import OrganisationFilter, SpeakerFilter
from api.schema_docs import ERRORS, ID_PATH, LOCALE_PARAMETERS
from api.serializers.people import (
    SPEAKER_EXPANSIONS,
    OrganisationSerializer,
    SpeakerListItemSerializer,
    SpeakerSerializer,
)
from api.views.base import PublicDetailView, PublicListView
from api.views.expand import ExpandMixin, expand_parameter
from cms.conference import selectors as conference
from cms.people import selectors as people


def speakers_localise(objects, locale):
    people.people_localise(objects, locale)
    return conference.appearances_attach(objects, locale)


@extend_schema(
    tags=["speakers"],
    parameters=[
        *LOCALE_PARAMETERS,
        expand_parameter(SPEAKER_EXPANSIONS, "bio adds bio, website and linkedin."),
    ],
    responses={200: SpeakerListItemSerializer, **ERRORS},
)
class SpeakerListView(ExpandMixin, PublicListView):
    """People who appear in a published session, with their appearances (in the edition of
    `year` when given, else across editions). The detail has bio and links."""

    serializer_class = SpeakerListItemSerializer
    filterset_class = SpeakerFilter
    expansions = SPEAKER_EXPANSIONS
    year = None

    def select(self, filters):
        self.year = filters.get("year")
        return conference.speaker_list(locale=self.locale, filters=filters)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["year"] = self.year
        return context

    def localise(self, objects):
        return speakers_localise(objects, self.locale)


@extend_schema(
    tags=["speakers"],
    parameters=[*LOCALE_PARAMETERS, ID_PATH],
    responses={200: SpeakerSerializer, **ERRORS},
)
class SpeakerDetailView(PublicDetailView):
    """One speaker with appearances across editions (an id in either language works)."""

    serializer_class = SpeakerSerializer

    def get_object_or_none(self, pk):
        person = conference.speaker_get(pk=pk, locale=self.locale)
        return speakers_localise([person], self.locale)[0] if person else None


@extend_schema(
    tags=["organisations"],
    parameters=LOCALE_PARAMETERS,
    responses={200: OrganisationSerializer, **ERRORS},
)
class OrganisationListView(PublicListView):
    """Published organisations with their partnerships per edition."""

    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter

    def select(self, filters):
        return conference.organisation_list(locale=self.locale, filters=filters)

    def localise(self, objects):
        return conference.organisations_partnerships_attach(objects, self.locale)


@extend_schema(
    tags=["organisations"],
    parameters=[*LOCALE_PARAMETERS, ID_PATH],
    responses={200: OrganisationSerializer, **ERRORS},
)
class OrganisationDetailView(PublicDetailView):
    """One organisation with its partnerships per edition."""

    serializer_class = OrganisationSerializer

    def get_object_or_none(self, pk):
        org = people.organisation_get(pk=pk, locale=self.locale).first()
        return conference.organisations_partnerships_attach([org], self.locale)[0] if org else None
