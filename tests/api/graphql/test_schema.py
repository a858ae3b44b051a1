"""GraphQL: the same content and filters as REST, with depth and cost limits."""

import pytest

from tests.api.conftest import get_all

AGENDA = """
query Agenda($year: Int!) {
  edition(year: $year, locale: "en") {
    year title
    sessions {
      id guid title start end type
      room { name } track { name slug }
      speakers { role person { name organisation { name } photo { urls { thumbnail } } } }
      topics { name slug }
    }
    partners { role partners { order organisation { name } } }
  }
}
"""


def gql(client, query, **variables):
    response = client.post("/graphql/", {"query": query, "variables": variables}, format="json")
    return response.status_code, response.json()


def test_graphql_full_agenda_matches_rest(client, demo_api):
    status, body = gql(client, AGENDA, year=2025)
    assert status == 200 and "errors" not in body, body
    edition = body["data"]["edition"]
    rest = get_all(client, "/api/v1/sessions/?year=2025&locale=en&page_size=100")
    assert [s["guid"] for s in edition["sessions"]] == [s["guid"] for s in rest]
    panel = next(s for s in edition["sessions"] if s["type"] == "panel")
    assert panel["speakers"][0]["person"]["name"] == "Nikolay Stoyanov"


FIELDS_QUERY = """
fragment Times on Session { start end timezone }
fragment More on Session { ...Times ... on Session { abstract typeLabel calendarUrl } }
query Fields($year: Int!) {
  edition(year: $year, locale: "en") {
    short: sessions { id title }
    full: sessions { id ...More jsonld url updatedAt }
  }
  sessions(year: $year, locale: "en", limit: 3) { id ... on Session { jsonld } }
}
"""


def test_graphql_sessions_give_every_field_asked_for_through_fragments_and_aliases(
    client, demo_api
):
    """Sessions are rendered with the fields the query selects: through fragment spreads,
    inline fragments, and two selections of the same list with different fields."""
    status, body = gql(client, FIELDS_QUERY, year=2025)
    assert status == 200 and "errors" not in body, body
    edition = body["data"]["edition"]
    assert [s["id"] for s in edition["short"]] == [s["id"] for s in edition["full"]]
    assert all(set(s) == {"id", "title"} and s["title"] for s in edition["short"])
    assert any(s["abstract"] for s in edition["full"])
    for session in edition["full"][:4] + body["data"]["sessions"]:
        rest = client.get(f"/api/v1/sessions/{session['id']}/?locale=en").json()
        expected = {
            "start": rest["start"],
            "end": rest["end"],
            "timezone": rest["timezone"],
            "abstract": rest["abstract"],
            "typeLabel": rest["type_label"],
            "calendarUrl": rest["calendar_url"],
            "jsonld": rest["jsonld"],
            "url": rest["url"],
            "updatedAt": rest["updated_at"],
        }
        assert session["jsonld"] == expected["jsonld"] and session["jsonld"]["name"]
        if len(session) > 2:
            assert {k: session[k] for k in expected} == expected
            assert session["calendarUrl"].endswith("session.ics")


def test_graphql_session_filters_match_rest(client, demo_api):
    query = '{ sessions(year: 2025, topic: "tech-parks", locale: "en") { guid } }'
    status, body = gql(client, query)
    rest = get_all(client, "/api/v1/sessions/?year=2025&topic=tech-parks&locale=en")
    assert [s["guid"] for s in body["data"]["sessions"]] == [s["guid"] for s in rest]


def test_graphql_lists_every_domain(client, demo_api):
    query = """{ editions { year } speakers(limit: 2) { name appearances { role } }
      organisations(limit: 2) { name partnerships { year } }
      partners(year: 2025) { groups { role } }
      rooms(year: 2025) { name } tracks(year: 2025) { slug } topics { slug } industries { slug }
      pages(type: "news") { title } }"""
    status, body = gql(client, query)
    assert status == 200 and "errors" not in body, body
    assert [e["year"] for e in body["data"]["editions"]] == [2027, 2026, 2025]
    assert len(body["data"]["rooms"]) == 3


@pytest.mark.parametrize(
    "query",
    [
        '{ sessions(type: "lecture") { id } }',
        '{ sessions(day: "2025-02-30") { id } }',
        '{ sessions(room: "999999999") { id } }',
        "{ sessions(limit: 100000) { id } }",
        '{ editions(locale: "fr") { year } }',
        '{ session(id: "abc") { id } }',
    ],
)
def test_graphql_bad_arguments_give_clear_errors(client, demo_api, query):
    status, body = gql(client, query)
    assert body["errors"][0]["message"]
    assert "Traceback" not in str(body)


def test_graphql_depth_limit_refuses_deep_queries(client, demo_api, settings):
    settings.API_GRAPHQL_MAX_DEPTH = 3
    status, body = gql(client, "{ editions { sessions { speakers { person { name } } } } }")
    assert status == 400
    assert "exceeds maximum operation depth" in body["errors"][0]["message"]


def test_graphql_cost_limit_refuses_wide_queries(client, demo_api):
    aliases = " ".join(
        f"a{i}: sessions(limit: 500) {{ id title speakers {{ role }} }}" for i in range(20)
    )
    status, body = gql(client, "{ " + aliases + " }")
    assert status == 400
    assert "exceeds the limit" in body["errors"][0]["message"]
