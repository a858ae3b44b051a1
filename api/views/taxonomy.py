"""Topics and industries: the same lists serve every edition."""

from drf_spectacular.utils import OpenApiParameter, extend_schema

from api.schema_docs import ERRORS, LOCALE_PARAMETERS
from api.serializers.people import IndustrySerializer, TopicDetailSerializer
from api.views.base import PublicDetailView, PublicListView
from cms.people import selectors

ID_PATH = OpenApiParameter("pk", int, OpenApiParameter.PATH)


@extend_schema(
    tags=["topics"], parameters=LOCALE_PARAMETERS, responses={200: TopicDetailSerializer, **ERRORS}
)
class TopicListView(PublicListView):
    serializer_class = TopicDetailSerializer

    def get_queryset(self):
        return selectors.topic_list(locale=self.locale)


@extend_schema(
    tags=["topics"],
    parameters=[*LOCALE_PARAMETERS, ID_PATH],
    responses={200: TopicDetailSerializer, **ERRORS},
)
class TopicDetailView(PublicDetailView):
    serializer_class = TopicDetailSerializer

    def get_object_or_none(self, pk):
        return selectors.topic_get(pk=pk, locale=self.locale).first()


@extend_schema(
    tags=["industries"],
    parameters=LOCALE_PARAMETERS,
    responses={200: IndustrySerializer, **ERRORS},
)
class IndustryListView(PublicListView):
    serializer_class = IndustrySerializer

    def get_queryset(self):
        return selectors.industry_list(locale=self.locale)


@extend_schema(
    tags=["industries"],
    parameters=[*LOCALE_PARAMETERS, ID_PATH],
    responses={200: IndustrySerializer, **ERRORS},
)
class IndustryDetailView(PublicDetailView):
    serializer_class = IndustrySerializer

    def get_object_or_none(self, pk):
        return selectors.industry_get(pk=pk, locale=self.locale).first()
