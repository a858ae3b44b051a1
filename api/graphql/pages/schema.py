"""News, content and venue pages."""

import graphene

from api.filters.conference import PageFilter
from api.graphql.common import (
    apply_filters,
    context_locale,
    locale_argument,
    parse_gql_id,
    serializer_context,
    window,
)
from api.graphql.pages.types import ContentPage
from api.serializers.pages import PageDetailSerializer, PageSerializer
from cms.conference import selectors


class Query(graphene.ObjectType):
    pages = graphene.List(
        graphene.NonNull(ContentPage),
        required=True,
        locale=locale_argument(),
        type=graphene.String(description="news, standard or venue"),
        year=graphene.Int(),
        updated_since=graphene.String(),
        limit=graphene.Int(),
        offset=graphene.Int(),
    )
    page = graphene.Field(ContentPage, id=graphene.ID(required=True), locale=locale_argument())

    @staticmethod
    def resolve_pages(root, info, locale=None, limit=None, offset=None, **arguments):
        locale, _code = context_locale(info, locale)
        queryset = apply_filters(
            PageFilter,
            arguments,
            lambda filters: selectors.content_page_list(locale=locale, filters=filters),
        )
        pages = selectors.content_pages_specific(window(queryset, limit, offset))
        return PageSerializer(pages, many=True, context=serializer_context(info, locale)).data

    @staticmethod
    def resolve_page(root, info, id, locale=None):
        locale, _code = context_locale(info, locale)
        page = selectors.content_page_get(pk=parse_gql_id(id), locale=locale)
        if page is None:
            return None
        return PageDetailSerializer(page, context=serializer_context(info, locale)).data
