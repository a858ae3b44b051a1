"""Each list endpoint, export and the full-agenda GraphQL query run the same number of SQL
queries when the data grows tenfold. Run with -s to see the counts."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api import factories

LISTS = [
    "editions",
    "sessions",
    "speakers",
    "partners",
    "organisations",
    "rooms",
    "tracks",
    "topics",
    "industries",
    "pages",
]
EXPORTS = ["schedule.xml", "schedule.json", "agenda.ics", "agenda.csv"]
AGENDA = """query($year: Int!) { edition(year: $year) { title sessions { title start
  room { name } track { name } speakers { role person { name photo { urls { thumbnail } }
  organisation { name logo { urls { logo } } } } } topics { name } industries { name } }
  partners { partners { organisation { name } } } rooms { name } tracks { name } } }"""


def _count(client, method, url, data=None):
    def call():
        if method == "post":
            return client.post(url, data, format="json")
        return client.get(url)

    assert call().status_code == 200  # warm-up: renditions, content types, site root paths
    with CaptureQueriesContext(connection) as context:
        response = call()
    assert response.status_code == 200, response.content[:300]
    if method == "post":
        assert "errors" not in response.json(), response.json()
    return len(context.captured_queries)


def _report(name, counts):
    print(f"\n{name}")
    for key, (small, large) in counts.items():
        print(f"  {key:<45} {small:>3} queries (1x) {large:>3} queries (10x)")


def test_list_endpoints_query_count_constant_when_data_grows_tenfold(client, db):
    conference = factories.conference()
    factories.edition(conference, year=2050, size=2)
    small = {
        name: _count(client, "get", f"/api/v1/{name}/?page_size=100&locale=en") for name in LISTS
    }
    factories.edition(conference, year=2051, size=20)
    counts = {
        name: (small[name], _count(client, "get", f"/api/v1/{name}/?page_size=100&locale=en"))
        for name in LISTS
    }
    _report("REST lists", counts)
    assert all(s == large for s, large in counts.values()), counts


def test_exports_and_graphql_query_count_constant_when_data_grows_tenfold(client, db):
    conference = factories.conference()
    small_edition = factories.edition(conference, year=2052, size=2)
    large_edition = factories.edition(conference, year=2053, size=20)
    small_star, large_star = factories.person(), factories.person()
    small_ids = [factories.session(small_edition, speakers=[small_star]).pk for _ in range(1)]
    large_ids = [
        factories.session(large_edition, index=i, speakers=[large_star]).pk for i in range(10)
    ]
    counts = {}
    for export in EXPORTS:
        counts[export] = (
            _count(client, "get", f"/api/v1/editions/2052/{export}"),
            _count(client, "get", f"/api/v1/editions/2053/{export}"),
        )
    counts["speakers/{id}/sessions.ics"] = (
        _count(client, "get", f"/api/v1/speakers/{small_star.pk}/sessions.ics"),
        _count(client, "get", f"/api/v1/speakers/{large_star.pk}/sessions.ics"),
    )
    small_sessions = [s.pk for s in small_edition.get_children()][:2]
    large_sessions = [s.pk for s in large_edition.get_children()][:20]
    counts["agenda.ics?sessions="] = (
        _count(client, "get", f"/api/v1/agenda.ics?sessions={','.join(map(str, small_sessions))}"),
        _count(client, "get", f"/api/v1/agenda.ics?sessions={','.join(map(str, large_sessions))}"),
    )
    counts["sessions/{id}/session.ics"] = (
        _count(client, "get", f"/api/v1/sessions/{small_ids[0]}/session.ics"),
        _count(client, "get", f"/api/v1/sessions/{large_ids[0]}/session.ics"),
    )
    counts["graphql full agenda"] = (
        _count(client, "post", "/graphql/", {"query": AGENDA, "variables": {"year": 2052}}),
        _count(client, "post", "/graphql/", {"query": AGENDA, "variables": {"year": 2053}}),
    )
    _report("Exports and GraphQL", counts)
    assert all(s == large for s, large in counts.values()), counts
