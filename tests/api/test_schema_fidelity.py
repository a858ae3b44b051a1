"""The OpenAPI schema says which parameter values are valid, and the API agrees.

A value the schema allows is never refused as malformed (a 400 for a reference that names nothing
visible aside, see platform/schemathesis.toml), and a value it forbids is a 400. Responses have
the documented shape. schemathesis (`make test-api-fuzz`) checks the same at random; these are the
cases it found.
"""

from pathlib import Path
from urllib.parse import quote

import jsonschema
import pytest
import yaml

from tests.api.conftest import results

PROBLEM = "application/problem+json"
SCHEMA_FILE = Path(__file__).resolve().parents[2] / "api" / "schema" / "openapi.yaml"


@pytest.fixture(scope="module")
def openapi():
    return yaml.safe_load(SCHEMA_FILE.read_text())


def parameter_schema(openapi, path, name):
    parameters = openapi["paths"][path]["get"]["parameters"]
    return next(p["schema"] for p in parameters if p["name"] == name and p["in"] == "query")


def schema_allows(spec, value):
    # Formats are left to the server; pattern, lengths and enum are what the cases exercise.
    return jsonschema.Draft7Validator(spec).is_valid(value)


def get(client, path, query):
    url = path + "?" + "&".join(f"{quote(k)}={quote(v, safe='')}" for k, v in query.items())
    return client.get(url)


def assert_agrees(client, openapi, path, name, value, other=None):
    """The schema allows `value` for `name` exactly when the API does not answer 400."""
    allowed = schema_allows(parameter_schema(openapi, path, name), value)
    response = get(client, path, {**(other or {}), name: value})
    assert response.status_code < 500, response.content[:300]
    refused = response.status_code == 400
    assert allowed != refused, (path, name, value, allowed, response.status_code)
    if refused:
        assert response["Content-Type"] == PROBLEM
        assert name in response.json()["errors"], response.json()


@pytest.mark.parametrize(
    "path", ["/api/v1/sessions/", "/api/v1/editions/", "/api/v1/pages/", "/api/v1/speakers/"]
)
@pytest.mark.parametrize(
    "value",
    [
        "",  # an empty date-time is no date-time: a 400, not "no filter"
        "1900-01-01T00:00:00+01:00",  # written in range, 1899 in UTC
        "2999-12-31T23:00:00-05:00",  # written in range, 3000 in UTC
        "2025-10-01T09:00:00+03:00",
        "1899-12-31T23:00:00Z",
        "3000-01-01T00:00:00Z",
    ],
)
def test_updated_since_schema_and_api_agree(client, demo_api, openapi, path, value):
    assert_agrees(client, openapi, path, "updated_since", value)


@pytest.mark.parametrize("value", ["", "1900-01-01", "2025-10-01", "1899-12-31", "3000-01-01"])
def test_day_schema_and_api_agree(client, demo_api, openapi, value):
    assert_agrees(client, openapi, "/api/v1/sessions/", "day", value)


def test_references_are_taken_as_written(client, demo_api, openapi):
    slug = results(client.get("/api/v1/organisations/"))[0]["slug"]
    for value in (slug, f" {slug}", f"{slug} ", "$", "a b", "", "ü"):
        assert_agrees(client, openapi, "/api/v1/speakers/", "organisation", value)


def test_session_selection_schema_and_api_agree(client, demo_api, openapi):
    ids = [str(s["id"]) for s in results(client.get("/api/v1/sessions/"))[:3]]
    for value in [",".join(ids), ids[0], "", ",", "0", "a", "²", f"{ids[0]},x", "9" * 30]:
        assert_agrees(client, openapi, "/api/v1/agenda.ics", "sessions", value)


@pytest.mark.parametrize("value", ["", "   ", "\t", "clu", "x" * 100, "x" * 101])
def test_suggest_q_schema_and_api_agree(client, demo_api, openapi, value):
    assert_agrees(client, openapi, "/api/v1/search/suggest/", "q", value)


@pytest.mark.parametrize("name,other", [("content_type", "token"), ("token", "content_type")])
@pytest.mark.parametrize("value", ["", "x"])
def test_preview_parameters_schema_and_api_agree(client, db, openapi, name, other, value):
    assert_agrees(
        client, openapi, "/api/v1/preview/", name, value, other={other: "conference.sessionpage"}
    )


@pytest.mark.parametrize("value", ["2025", "2025,2026", " 2025 , ", "", "20251", "abc", "1899"])
def test_search_year_schema_and_api_agree(client, demo_api, openapi, value):
    assert_agrees(client, openapi, "/api/v1/search/", "year", value, other={"q": "cluster"})


def test_empty_format_is_the_documented_default(client, demo_api, openapi):
    spec = parameter_schema(openapi, "/api/v1/editions/{year}/agenda.ics", "format")
    assert "" in spec["enum"]
    response = client.get("/api/v1/editions/2025/agenda.ics?format=")
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("text/calendar")


def test_page_body_is_the_documented_list_of_blocks(client, demo_api, openapi):
    body_schema = openapi["components"]["schemas"]["PageDetail"]["properties"]["body"]
    block_schema = openapi["components"]["schemas"]["StreamBlock"]
    assert body_schema["type"] == "array"
    seen = 0
    for page in results(client.get("/api/v1/pages/?page_size=50")):
        response = client.get(f"/api/v1/pages/{page['id']}/")
        assert response.status_code == 200, response.content[:300]
        body = response.json()["body"]
        assert isinstance(body, list)
        for block in body:
            jsonschema.validate(block, block_schema)
            seen += 1
    assert seen, "no page of the demo has a body"
