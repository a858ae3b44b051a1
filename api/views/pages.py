"""News, content and venue pages."""

from drf_spectacular.utils import extend_schema

from api.filters.conference import PageFilter
from api.schema_docs import ERRORS, ID_PATH, LOCALE_PARAMETERS
from api.serializers.pages import PageDetailSerializer, PageSerializer
from api.views.base import PublicDetailView, PublicListView
from cms.conference import selectors


@extend_schema(
    tags=["pages"], parameters=LOCALE_PARAMETERS, responses={200: PageSerializer, **ERRORS}
)
class PageListView(PublicListView):
    """Published news, content and venue pages, in tree order."""

    serializer_class = PageSerializer
    filterset_class = PageFilter

    def select(self, filters):
        return selectors.content_page_list(locale=self.locale, filters=filters)

    def localise(self, objects):
        return selectors.content_pages_specific(objects)


@extend_schema(
    tags=["pages"],
    parameters=[*LOCALE_PARAMETERS, ID_PATH],
    responses={200: PageDetailSerializer, **ERRORS},
)
class PageDetailView(PublicDetailView):
    """One news, content or venue page with its body blocks."""

    serializer_class = PageDetailSerializer

    def get_object_or_none(self, pk):
        return selectors.content_page_get(pk=pk, locale=self.locale)
