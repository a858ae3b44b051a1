"""Cross-edition search: GET /api/v1/search/ and /api/v1/search/suggest/."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response

from api.exceptions import BadRequest
from api.http import MAX_PARAM_LENGTH
from api.params import int_schema, parse_int, parse_year
from api.schema_docs import ERRORS
from api.serializers.search import (
    SearchResultSerializer,
    SuggestResultSerializer,
    result_data,
    suggestion_data,
)
from api.views.base import PublicView
from cms.core import versions
from search import service
from search.query import (
    FACETS,
    MAX_PAGE_SIZE,
    MAX_QUERY_LENGTH,
    MAX_RESULT_WINDOW,
    InvalidQuery,
    Query,
)

MAX_SUGGEST_LENGTH = 100  # search.service.suggest refuses longer text

FACET_HELP = {
    "year": "Edition year, e.g. 2026.",
    "kind": "session, edition, news, page, venue, person or organisation.",
    "type": "Session type: keynote, talk, panel, workshop, b2b, networking, break, ceremony.",
    "track": "Track slug.",
    "topic": "Topic slug.",
    "industry": "Industry slug.",
    "language": "Session language: bg, en or bg-en.",
}
YEARS_SCHEMA = {
    "type": "string",
    "maxLength": MAX_PARAM_LENGTH,
    "pattern": r"^\s*(19[0-9]{2}|2[0-9]{3})?\s*(,\s*(19[0-9]{2}|2[0-9]{3})?\s*)*$",
}
FILTER_PARAMETERS = [
    OpenApiParameter(
        name,
        YEARS_SCHEMA if name == "year" else {"type": "string", "maxLength": MAX_PARAM_LENGTH},
        OpenApiParameter.QUERY,
        description=f"{help_text} Several values: repeat the parameter or separate by commas.",
    )
    for name, help_text in FACET_HELP.items()
]
LOCALE = OpenApiParameter(
    "locale",
    str,
    OpenApiParameter.QUERY,
    enum=["bg", "en"],
    description="Each item once, in this language (any script finds it); an item with no "
    "version in it comes in the other language, marked `fallback`. Default: every version.",
)
Q = OpenApiParameter(
    "q",
    {"type": "string", "maxLength": MAX_QUERY_LENGTH},
    OpenApiParameter.QUERY,
    description=f'Words (any language, Cyrillic or Latin) and "quoted phrases"; at most '
    f"{MAX_QUERY_LENGTH} characters. May be empty when a filter is given.",
)


def _int(request, name, default, max_value):
    value = request.GET.get(name)
    if value in (None, ""):
        return default
    return parse_int(value, field=name, min_value=1, max_value=max_value)


def _values(request, name):
    values = []
    for raw in request.GET.getlist(name):
        values += [v.strip() for v in raw.split(",") if v.strip()]
    if name == "year":
        values = [str(parse_year(value)) for value in values]
    return values[:20]


class SearchBase(PublicView):
    pagination_class = None
    filter_backends = []

    # Hits are checked against what is public at the time of each search, so answers are not
    # kept; their ETags follow the content and the index (the search layer's own version).
    cache_bodies = False

    def cache_scopes(self, request, **kwargs):
        return [versions.ALL, versions.SEARCH]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.filter_locale = request.GET.get("locale") or None


class SearchView(SearchBase):
    """Ranked results from every edition, with facet counts and highlighted snippets."""

    serializer_class = SearchResultSerializer

    @extend_schema(
        tags=["search"],
        operation_id="search",
        summary="Search sessions, speakers, partners and pages of every edition",
        parameters=[
            Q,
            LOCALE,
            *FILTER_PARAMETERS,
            OpenApiParameter(
                "page",
                int_schema(1, MAX_RESULT_WINDOW),
                OpenApiParameter.QUERY,
                description=f"From 1; page x page_size at most {MAX_RESULT_WINDOW}.",
            ),
            OpenApiParameter(
                "page_size",
                int_schema(1, MAX_PAGE_SIZE),
                OpenApiParameter.QUERY,
                description=f"1-{MAX_PAGE_SIZE}, 20.",
            ),
            OpenApiParameter(
                "sort",
                str,
                OpenApiParameter.QUERY,
                enum=["relevance", "date", "-date"],
                description="relevance (default), date (oldest first) or -date (newest first).",
            ),
        ],
        responses={200: SearchResultSerializer, **ERRORS},
    )
    def get(self, request, *args, **kwargs):
        query = Query(
            text=request.GET.get("q", ""),
            locale=self.filter_locale,
            filters={name: _values(request, name) for name in FACETS if request.GET.get(name)},
            page=_int(request, "page", 1, MAX_RESULT_WINDOW),
            page_size=_int(request, "page_size", 20, MAX_PAGE_SIZE),
            sort=request.GET.get("sort") or "relevance",
        )
        try:
            result = service.search(query)
        except InvalidQuery as exc:
            raise BadRequest(str(exc), field="q") from exc
        return Response(SearchResultSerializer(result_data(query, result)).data)


class SuggestView(SearchBase):
    """Titles of sessions, people, partners and pages for a search box."""

    serializer_class = SuggestResultSerializer

    @extend_schema(
        tags=["search"],
        operation_id="search_suggest",
        summary="Autocomplete: titles that start with the words typed so far",
        parameters=[
            OpenApiParameter(
                "q",
                {"type": "string", "maxLength": MAX_SUGGEST_LENGTH, "pattern": r"\S"},
                OpenApiParameter.QUERY,
                required=True,
                description=f"At most {MAX_SUGGEST_LENGTH} characters, not only spaces.",
            ),
            LOCALE,
        ],
        responses={200: SuggestResultSerializer, **ERRORS},
    )
    def get(self, request, *args, **kwargs):
        text = request.GET.get("q", "")
        if not text.strip():
            raise BadRequest("Give the words typed so far in q.", field="q")
        try:
            docs, degraded = service.suggest(text, locale=self.filter_locale)
        except InvalidQuery as exc:
            raise BadRequest(str(exc), field="q") from exc
        data = {
            "query": text,
            "degraded": degraded,
            "suggestions": [suggestion_data(doc) for doc in docs],
        }
        return Response(SuggestResultSerializer(data).data)
