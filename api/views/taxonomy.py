"""Topics and industries: the same lists serve every edition."""

from drf_spectacular.utils import extend_schema

from api.schema_docs import ERRORS, ID_PATH, LOCALE_PARAMETERS
from api.serializers.people import IndustrySerializer, TopicDetailSerializer
from api.views.base import PublicDetailView, PublicListView
from cms.people import selectors


@extend_schema(
    tags=["topics"], parameters=LOCALE_PARAMETERS, responses={200: TopicDetailSerializer, **ERRORS}
)
class TopicListView(PublicListView):
    """Programme topics, the same list for every edition."""

    serializer_class = TopicDetailSerializer

    def select(self, filters):
        return selectors.topic_list(locale=self.locale)


@extend_schema(
    tags=["topics"],
    parameters=[*LOCALE_PARAMETERS, ID_PATH],
    responses={200: TopicDetailSerializer, **ERRORS},
)
class TopicDetailView(PublicDetailView):
    """One topic (an id in either language gives the requested language's version)."""

    serializer_class = TopicDetailSerializer

    def get_object_or_none(self, pk):
        return selectors.topic_get(pk=pk, locale=self.locale).first()


@extend_schema(
    tags=["industries"],
    parameters=LOCALE_PARAMETERS,
    responses={200: IndustrySerializer, **ERRORS},
)
class IndustryListView(PublicListView):
    """Industries the conference puts an emphasis on."""

    serializer_class = IndustrySerializer

    def select(self, filters):
        return selectors.industry_list(locale=self.locale)


@extend_schema(
    tags=["industries"],
    parameters=[*LOCALE_PARAMETERS, ID_PATH],
    responses={200: IndustrySerializer, **ERRORS},
)
class IndustryDetailView(PublicDetailView):
    """One industry (an id in either language gives the requested language's version)."""

    serializer_class = IndustrySerializer

    def get_object_or_none(self, pk):
        return selectors.industry_get(pk=pk, locale=self.locale).first()
