"""GraphQL on the open internet: invalid, huge or expensive queries are refused before they run,
and a request that still runs too long is stopped."""

import pytest
from django.db import OperationalError, connection

from api.graphql.schema import schema
from api.graphql.validation import parse_query, validate_document
from api.graphql.views import statement_timeout
from tests.api.graphql.test_schema import AGENDA, gql

FULL_AGENDA = """
query FullAgenda($year: Int!) {
  edition(year: $year, locale: "en") {
    year title startDate endDate timezone
    venue { name }
    rooms { name } tracks { name slug }
    sessions {
      id guid title slug start end type typeLabel language abstract url calendarUrl
      room { name } track { name slug }
      speakers {
        role person { id name organisation { name } photo { alt urls { thumbnail } } }
      }
      topics { name slug } industries { name slug }
    }
    partners { role partners { order organisation { name logo { urls { logoSmall } } } } }
  }
}
"""


def aliases(count):
    return "{ " + " ".join(f"a{i}: sessions(limit: 1) {{ id }}" for i in range(count)) + " }"


def assert_refused(status, body, text):
    assert status == 400, body
    assert "data" not in body, body
    messages = " ".join(error["message"] for error in body["errors"])
    assert text in messages, messages
    assert "Traceback" not in str(body)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("{ ...A } fragment A on Query { ...A }", "Cannot spread fragment 'A' within itself."),
        ("{ ...Nope }", "Unknown fragment 'Nope'."),
        ("{ nope }", "Cannot query field 'nope' on type 'Query'."),
    ],
)
def test_graphql_standard_rules_refuse_invalid_documents(client, demo_api, query, text):
    status, body = gql(client, query)
    assert_refused(status, body, text)


def test_graphql_fragment_cycles_do_not_reach_our_rules(client, demo_api):
    query = "{ ...A } fragment A on Query { editions { year } ...B } fragment B on Query { ...A }"
    status, body = gql(client, query)
    assert_refused(status, body, "within itself")


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (2600, "bytes, more than the limit of 20,000 bytes"),
        (1000, "bytes, more than the limit of 20,000 bytes"),
        (100, "100 aliases, more than the limit of 30"),
    ],
)
def test_graphql_many_aliases_are_refused_before_execution(
    client, demo_api, django_assert_max_num_queries, count, text
):
    with django_assert_max_num_queries(2):
        status, body = gql(client, aliases(count))
    assert_refused(status, body, text)


def test_graphql_aliases_under_the_alias_limit_still_pay_per_resolver(
    client, demo_api, settings, django_assert_max_num_queries
):
    settings.API_GRAPHQL_MAX_ALIASES = settings.API_GRAPHQL_MAX_ROOT_FIELDS = 1000
    with django_assert_max_num_queries(2):
        status, body = gql(client, aliases(100))
    assert_refused(status, body, "Query cost 100,100 exceeds the limit of 40,000")


def test_graphql_oversized_documents_are_refused_before_parsing(client, demo_api):
    status, body = gql(client, "{ editions { year } }" + " " * 20_000)
    assert_refused(status, body, "20,021 bytes, more than the limit of 20,000 bytes")
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_LARGE"


def test_graphql_token_limit(client, demo_api, settings):
    settings.API_GRAPHQL_MAX_TOKENS = 50
    status, body = gql(client, "{ " + "editions { year } " * 20 + "}")
    assert_refused(status, body, "more than 50 tokens")


def test_graphql_root_field_limit(client, demo_api, settings):
    settings.API_GRAPHQL_MAX_ROOT_FIELDS = 3
    query = (
        "{ editions { year } topics { slug } ...F } "
        "fragment F on Query { rooms { name } tracks { slug } }"
    )
    status, body = gql(client, query)
    assert_refused(status, body, "4 root fields, more than the limit of 3")


def test_graphql_cost_uses_the_limit_argument_and_variables(demo_api, settings):
    settings.API_GRAPHQL_MAX_COST = 3000
    wide = "query($n: Int) { sessions(limit: $n) { id title start end speakers { role } } }"
    document = parse_query(wide)
    assert validate_document(schema.graphql_schema, document, {"n": 10}) == []
    errors = validate_document(schema.graphql_schema, document, {"n": 500})
    assert "Query cost 6,000 exceeds the limit of 3,000" in errors[0].message
    literal = parse_query("{ sessions(limit: 500) { id title start end speakers { role } } }")
    assert validate_document(schema.graphql_schema, literal) != []


def test_graphql_fragment_fan_out_is_measured_once_per_fragment(demo_api):
    # Each fragment spreads the next twice: 2**40 paths if walked naively; graphql-core merges
    # the spreads and resolves `editions` once, and so does the estimate.
    fragments = " ".join(f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(40))
    query = "{ ...F0 } " + fragments + " fragment F40 on Query { editions { year } }"
    assert validate_document(schema.graphql_schema, parse_query(query)) == []


def test_graphql_full_agenda_is_within_the_limits(client, demo_api, django_assert_max_num_queries):
    status, body = gql(client, FULL_AGENDA, year=2025)
    assert status == 200 and "errors" not in body, body
    assert body["data"]["edition"]["sessions"]
    status, body = gql(client, AGENDA, year=2025)
    assert status == 200 and "errors" not in body, body


def test_graphql_time_limit_stops_execution(client, demo_api, settings):
    settings.API_GRAPHQL_TIME_LIMIT = 0
    status, body = gql(client, FULL_AGENDA, year=2025)
    assert status == 503, body
    assert body["errors"][0]["extensions"]["code"] == "TIME_LIMIT_EXCEEDED"
    assert "time limit of 0 s" in body["errors"][0]["message"]
    assert "data" not in body
    settings.API_GRAPHQL_TIME_LIMIT = 5
    status, body = gql(client, "{ editions { year } }")
    assert status == 200 and "errors" not in body, body


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement_timeout is PostgreSQL's")
def test_graphql_statement_timeout_cancels_a_slow_query(db):
    def current():
        with connection.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            return cursor.fetchone()[0]

    before = current()
    with pytest.raises(OperationalError, match="statement timeout"):
        with statement_timeout(0.05):
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_sleep(30)")
    with statement_timeout(2):
        assert current() == "2s"
    assert current() == before


def test_graphql_sets_no_cookies(client, demo_api):
    response = client.get("/graphql/", {"query": "{ editions { year } }"})
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response
