"""`search` and `searchSuggest`: the same service as /api/v1/search/."""

import graphene
from graphql import GraphQLError

from api.graphql.common import locale_argument
from api.serializers.search import result_data, suggestion_data
from search import service
from search.query import InvalidQuery
from search.query import Query as SearchQuery


class SearchSpeaker(graphene.ObjectType):
    id = graphene.Int(required=True)
    name = graphene.String(required=True)
    role = graphene.String(required=True)


class SearchHit(graphene.ObjectType):
    id = graphene.ID(required=True)
    kind = graphene.String(required=True)
    kind_label = graphene.String(required=True, description="The kind, in the request's language.")
    object_id = graphene.Int(required=True)
    locale = graphene.String(required=True, description="The language of this version.")
    fallback = graphene.Boolean(
        required=True,
        description="True when the item has no version in the language asked for.",
    )
    title = graphene.String(required=True)
    title_highlighted = graphene.String(required=True, description="HTML: <mark> only.")
    snippet = graphene.String(required=True, description="HTML: <mark> only.")
    snippet_field = graphene.String(required=True)
    summary = graphene.String(required=True)
    slug = graphene.String(required=True)
    path = graphene.String(required=True)
    years = graphene.List(graphene.NonNull(graphene.Int), required=True)
    edition = graphene.String(required=True)
    session_type = graphene.String(required=True)
    type_label = graphene.String(required=True)
    track = graphene.String(required=True)
    track_name = graphene.String(required=True)
    topics = graphene.List(graphene.NonNull(graphene.String), required=True)
    industries = graphene.List(graphene.NonNull(graphene.String), required=True)
    language = graphene.String(required=True)
    room = graphene.String(required=True)
    speakers = graphene.List(graphene.NonNull(SearchSpeaker), required=True)
    date = graphene.String()
    score = graphene.Float(required=True)


class SearchFacetValue(graphene.ObjectType):
    value = graphene.String(required=True)
    label = graphene.String(required=True)
    count = graphene.Int(required=True)


def _facet():
    return graphene.List(graphene.NonNull(SearchFacetValue), required=True)


class SearchFacets(graphene.ObjectType):
    year = _facet()
    kind = _facet()
    type = _facet()
    track = _facet()
    topic = _facet()
    industry = _facet()
    language = _facet()


class SearchResult(graphene.ObjectType):
    query = graphene.String(required=True)
    total = graphene.Int(required=True)
    page = graphene.Int(required=True)
    page_size = graphene.Int(required=True)
    pages = graphene.Int(required=True)
    degraded = graphene.Boolean(required=True)
    did_you_mean = graphene.String(
        description="The query with unknown words replaced by the closest indexed words."
    )
    results = graphene.List(graphene.NonNull(SearchHit), required=True)
    facets = graphene.Field(SearchFacets, required=True)


class SearchSuggestion(graphene.ObjectType):
    id = graphene.ID(required=True)
    kind = graphene.String(required=True)
    object_id = graphene.Int(required=True)
    locale = graphene.String(required=True)
    title = graphene.String(required=True)
    path = graphene.String(required=True)
    slug = graphene.String(required=True)


def _list(kind=graphene.String):
    return graphene.List(graphene.NonNull(kind))


class Query(graphene.ObjectType):
    search = graphene.Field(
        SearchResult,
        required=True,
        q=graphene.String(description='Words and "quoted phrases", Cyrillic or Latin.'),
        locale=locale_argument(),
        year=_list(graphene.Int),
        kind=_list(),
        type=_list(),
        track=_list(),
        topic=_list(),
        industry=_list(),
        language=_list(),
        page=graphene.Int(),
        page_size=graphene.Int(),
        sort=graphene.String(description="relevance (default), date or -date."),
    )
    search_suggest = graphene.List(
        graphene.NonNull(SearchSuggestion),
        required=True,
        q=graphene.String(required=True),
        locale=locale_argument(),
    )

    @staticmethod
    def resolve_search(parent, info, q="", locale=None, page=1, page_size=20, sort=None, **kw):
        filters = {name: [str(v) for v in values] for name, values in kw.items() if values}
        query = SearchQuery(
            text=q or "",
            locale=locale or None,
            filters=filters,
            page=page if page is not None else 1,
            page_size=page_size if page_size is not None else 20,
            sort=sort or "relevance",
        )
        if query.locale and query.locale not in ("bg", "en"):
            raise GraphQLError("locale must be bg or en.")
        try:
            result = service.search(query)
        except InvalidQuery as exc:
            raise GraphQLError(str(exc)) from exc
        return result_data(query, result)

    @staticmethod
    def resolve_search_suggest(parent, info, q, locale=None):
        if not q.strip():
            raise GraphQLError("Give the words typed so far in q.")
        try:
            docs, _ = service.suggest(q, locale=locale or None)
        except InvalidQuery as exc:
            raise GraphQLError(str(exc)) from exc
        return [suggestion_data(doc) for doc in docs]
