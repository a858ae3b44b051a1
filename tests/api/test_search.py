"""GET /api/v1/search/, /api/v1/search/suggest/ and the GraphQL `search` field, on every engine
present (see tests/search/conftest.py), over the demo conference."""

import pytest

from tests.search.conftest import engine, indexed_demo  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

SEARCH = "/api/v1/search/"
SUGGEST = "/api/v1/search/suggest/"


def ok(response):
    assert response.status_code == 200, response.content[:500]
    return response.json()


@pytest.mark.parametrize(
    "q, locale, expected",
    [
        ("Sofia Tech Park", "bg", "София Тех Парк"),
        ("София Тех Парк", "en", "Sofia Tech Park"),
        ("клъстерни политики", "bg", "Клъстерни и иновационни политики: къде е България"),
        ("cluster policy", "en", "Cluster and innovation policies: where Bulgaria stands"),
    ],
)
def test_either_language_and_script(client, engine, q, locale, expected):  # noqa: F811
    body = ok(client.get(SEARCH, {"q": q, "locale": locale}))
    assert body["degraded"] is False
    assert expected in [hit["title"] for hit in body["results"]]
    assert all(hit["locale"] == locale for hit in body["results"])
    assert any("<mark>" in hit["title_highlighted"] for hit in body["results"])


def test_results_span_editions_with_facets(client, engine):  # noqa: F811
    body = ok(client.get(SEARCH, {"q": "clusters", "locale": "en"}))
    years = {item["value"] for item in body["facets"]["year"]}
    assert {"2025", "2026", "2027"} <= years
    assert set(body["facets"]) == {"year", "kind", "type", "track", "topic", "industry", "language"}
    hit = body["results"][0]
    for field in ("id", "kind", "title", "snippet", "years", "speakers", "date", "score"):
        assert field in hit
    assert body["pages"] == -(-body["total"] // body["page_size"])


def test_filters_as_parameters(client, engine):  # noqa: F811
    body = ok(client.get(SEARCH, {"q": "B2B", "locale": "en", "year": "2025,2027", "type": "b2b"}))
    assert sorted(y for hit in body["results"] for y in hit["years"]) == [2025, 2025, 2027]
    body = ok(
        client.get(SEARCH + "?locale=bg&kind=session&year=2026&year=2027&sort=date&page_size=5")
    )
    dates = [hit["date"] for hit in body["results"]]
    assert dates == sorted(dates) and len(dates) == 5
    assert {y for hit in body["results"] for y in hit["years"]} <= {2026, 2027}


def test_suggest(client, engine):  # noqa: F811
    body = ok(client.get(SUGGEST, {"q": "соф", "locale": "bg"}))
    assert "София Тех Парк" in [s["title"] for s in body["suggestions"]]
    body = ok(client.get(SUGGEST, {"q": "ivana k", "locale": "en"}))
    assert body["suggestions"][0]["title"] == "Ivana Koleva"


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "x" * 201},
        {"q": "a", "page": "0"},
        {"q": "a", "page": "-1"},
        {"q": "a", "page": "abc"},
        {"q": "a", "page_size": "500"},
        {"q": "a", "page": "999", "page_size": "50"},
        {"q": "a", "sort": "title"},
        {"q": "a", "year": "20x6"},
        {"q": "a", "locale": "de"},
    ],
)
def test_bad_requests_get_a_400(client, engine, params):  # noqa: F811
    response = client.get(SEARCH, params)
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    "q",
    ['" OR * NEAR( AND', "title:x^3 ~ {} [] \\", "'; DROP TABLE search_document; --", '"', "*"],
)
def test_syntax_laden_queries_answer_200(client, engine, q):  # noqa: F811
    body = ok(client.get(SEARCH, {"q": q}))
    assert body["total"] >= 0
    assert ok(client.get(SUGGEST, {"q": q}))["query"] == q


def test_suggest_needs_words(client, engine):  # noqa: F811
    assert client.get(SUGGEST).status_code == 400
    assert client.get(SUGGEST, {"q": "a" * 101}).status_code == 400


def test_degraded_when_the_engine_is_down(client, indexed_demo, settings, db):  # noqa: F811
    settings.SEARCH_OPENSEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    settings.SEARCH_TIMEOUT = 1.0
    body = ok(client.get(SEARCH, {"q": "Sofia Tech Park", "locale": "en"}))
    assert body["degraded"] is True
    assert "Sofia Tech Park" in [hit["title"] for hit in body["results"]]
    text = str(body)
    assert "9200" not in text and "Connection" not in text


GRAPHQL = """
query($q: String, $locale: String, $year: [Int!]) {
  search(q: $q, locale: $locale, year: $year, pageSize: 5) {
    total degraded pages
    results { id kind title titleHighlighted snippet years speakers { name } }
    facets { year { value label count } type { value label count } }
  }
  searchSuggest(q: "sofia te", locale: $locale) { title kind }
}
"""


def test_graphql_search(client, engine):  # noqa: F811
    response = client.post(
        "/graphql/",
        {"query": GRAPHQL, "variables": {"q": "София Тех Парк", "locale": "en", "year": [2025]}},
        format="json",
    )
    body = ok(response)
    assert "errors" not in body, body
    search = body["data"]["search"]
    assert search["total"] > 0 and search["degraded"] is False
    assert all(2025 in hit["years"] for hit in search["results"])
    assert "Sofia Tech Park" in [hit["title"] for hit in search["results"]]
    years = {f["value"]: f["count"] for f in search["facets"]["year"]}
    assert years["2025"] == search["total"]  # people and partners also carry other years
    assert "Sofia Tech Park" in [s["title"] for s in body["data"]["searchSuggest"]]


def test_graphql_search_errors_are_clear(client, engine):  # noqa: F811
    body = client.post("/graphql/", {"query": '{ search(q: "") { total } }'}, format="json").json()
    assert body["errors"][0]["message"] == "Give a query (q) or at least one filter."


def test_hits_read_well(client, engine):  # noqa: F811
    body = ok(client.get(SEARCH, {"q": "industry", "locale": "en", "kind": "session"}))
    hit = next(h for h in body["results"] if h["title"].startswith("Clusters in the green"))
    # Escaped exactly once, <mark> the only tag; the snippet from the field that matched.
    assert hit["snippet"] == "Policies and tools for <mark>industry</mark>&#x27;s twin transition."
    assert hit["snippet_field"] == "abstract"
    assert (hit["kind_label"], hit["type_label"], hit["fallback"]) == ("Session", "Keynote", False)
    body = ok(client.get(SEARCH, {"q": "индустрия", "locale": "bg", "kind": "session"}))
    labels = {(h["kind_label"], h["type_label"]) for h in body["results"]}
    assert ("Сесия", "Основен доклад") in labels
    kinds = {item["value"]: item["label"] for item in body["facets"]["kind"]}
    assert kinds == {"session": "Сесия"}


@pytest.mark.parametrize(
    "q, locale, expected",
    [("digitalisaton", "en", "digitisation"), ("Ivana Kolva", "en", "Ivana Koleva")],
)
def test_did_you_mean(client, engine, q, locale, expected):  # noqa: F811
    body = ok(client.get(SEARCH, {"q": q, "locale": locale}))
    assert body["did_you_mean"] == expected
    assert body["total"] > 0
    assert ok(client.get(SEARCH, {"q": expected, "locale": locale}))["did_you_mean"] is None


def test_graphql_search_reads_well(client, engine):  # noqa: F811
    query = """{ search(q: "digitalisaton", locale: "en") {
        didYouMean results { kindLabel typeLabel fallback snippetField title } } }"""
    body = ok(client.post("/graphql/", {"query": query}, format="json"))
    assert "errors" not in body, body
    search = body["data"]["search"]
    assert search["didYouMean"] == "digitisation"
    hit = next(
        h for h in search["results"] if h["title"] == "Digitisation: digital and innovation hubs"
    )
    assert (hit["kindLabel"], hit["typeLabel"], hit["fallback"]) == ("Session", "Talk", False)
