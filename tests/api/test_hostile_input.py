"""Hostile input on every public route gets a 4xx problem+json answer, never a 5xx.

The routes and their parameters come from the OpenAPI schema the code generates, so a new route
or parameter is fuzzed without touching this file; a URL pattern missing from the schema fails.
"""

import datetime
from urllib.parse import quote

import pytest
from django.core import signing
from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.generators import SchemaGenerator
from wagtail.models import Page

from api.preview import SALT, preview_token_create

PROBLEM = "application/problem+json"

NOT_A_NUMBER = [
    "²",  # str.isdigit() accepts it, int() does not
    "１２",  # full-width digits: int() accepts them
    "١٢",  # Arabic-Indic digits
    "-1",
    "0",
    "+5",
    " 7",
    "1e3",
    "2025.5",
    "0x10",
    "1_000",
    "NaN",
    "Infinity",
    "9" * 30,
    "9" * 400,
    "\x00",
    "1\x00",
    "x" * 250,
    "",
]
BAD_DATES = [
    "0001-01-01T00:00:00+14:00",  # overflows converting to UTC
    "9999-12-31T23:59:59-14:00",
    "0001-01-01",
    "9999-12-31",
    "0999-06-01T00:00:00Z",
    "2025-02-30",
    "2025-13-01T00:00:00Z",
    "2025-01-01T25:00:00Z",
    "²０２５-01-01",
    "2025-01-01T00:00:00+99:00",
    "１２",
    "\x00",
    "x" * 250,
]
ANY_STRING = [
    "²",
    "１２",
    "\x00",
    "a\x00b",
    "x" * 250,
    "' OR 1=1 --",
    "<script>",
    "../../etc/passwd",
    "%",
    "null",
    "[]",
    "-",
]

# A real object per path prefix, so query parameters are parsed past the lookup.
LIST_FOR_ID = {
    "sessions": "/api/v1/sessions/",
    "speakers": "/api/v1/speakers/",
    "organisations": "/api/v1/organisations/",
    "topics": "/api/v1/topics/",
    "industries": "/api/v1/industries/",
    "pages": "/api/v1/pages/",
}


def _schema():
    return SchemaGenerator().get_schema(request=None, public=True)


SCHEMA = None


def schema():
    global SCHEMA
    if SCHEMA is None:
        SCHEMA = _schema()
    return SCHEMA


def _operations():
    for path, item in _schema()["paths"].items():
        for method, operation in item.items():
            if method == "get":
                yield path, operation


def _cases():
    cases = []
    for path, operation in _operations():
        for parameter in operation.get("parameters", []):
            cases.append(
                pytest.param(
                    path, parameter["name"], parameter["in"], id=f"{path}:{parameter['name']}"
                )
            )
    return cases


def _is_integer(parameter):
    return parameter["schema"].get("type") == "integer"


def _is_date(parameter):
    return parameter["schema"].get("format") in ("date", "date-time")


@pytest.fixture(scope="module")
def real_ids(django_db_blocker, demo_db):
    from rest_framework.test import APIClient

    ids = {}
    with django_db_blocker.unblock():
        client = APIClient()
        for prefix, url in LIST_FOR_ID.items():
            response = client.get(url)
            assert response.status_code == 200, (url, response.content[:300])
            ids[prefix] = str(response.json()["results"][0]["id"])
    ids["year"] = "2025"
    with django_db_blocker.unblock():
        # The demo edition with releases, if the demo has one: release routes read it.
        for edition in APIClient().get("/api/v1/editions/").json()["results"]:
            found = APIClient().get(f"/api/v1/editions/{edition['year']}/releases/").json()
            if found.get("results"):
                ids["release_year"] = str(edition["year"])
                ids["version"] = found["results"][0]["version"]
                break
    return ids


def _url(path, parameters, real_ids, override_name=None, override_value=None):
    url = path
    query = {}
    for parameter in parameters:
        name = parameter["name"]
        if parameter["in"] == "path":
            if name == override_name:
                value = override_value
            elif name == "year" and "/releases/" in path:
                value = real_ids.get("release_year", real_ids["year"])
            elif name == "year":
                value = real_ids["year"]
            elif name == "version":
                value = real_ids.get("version", "latest")
            else:
                value = real_ids[path.split("/")[3]]
            url = url.replace("{" + name + "}", quote(value, safe=""))
        elif parameter["in"] == "query":
            if name == override_name:
                query[name] = override_value
            elif parameter.get("required"):
                query[name] = {"sessions": real_ids["sessions"], "q": "cluster"}.get(name, "x")
    if query:
        url += "?" + "&".join(f"{quote(k)}={quote(v, safe='')}" for k, v in query.items())
    return url


def _assert_no_server_error(response, url):
    assert response.status_code < 500, (url, response.status_code, response.content[:500])
    body = response.content.decode("utf-8", "replace")
    assert "Traceback" not in body, url
    if response.status_code >= 400 and response.status_code != 405:
        assert response["Content-Type"] == PROBLEM, (url, response["Content-Type"])
        assert response.json()["status"] == response.status_code


def test_every_api_route_is_in_the_openapi_schema():
    documented = {path for path, _operation in _operations()}

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern)

    routes = {
        "/"
        + route.replace("<str:pk>", "{id}")
        .replace("<str:year>", "{year}")
        .replace("<str:version>", "{version}")
        for route in walk(get_resolver().url_patterns)
        if route.startswith("api/v1/")
    }
    routes -= {"/api/v1/schema/", "/api/v1/docs/"}
    assert routes <= documented, routes - documented


def test_no_phantom_path_parameters():
    for path, operation in _operations():
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "path":
                assert "{" + parameter["name"] + "}" in path, (path, parameter["name"])


def test_integer_and_date_parameters_state_their_range():
    for path, operation in _operations():
        for parameter in operation.get("parameters", []):
            spec = parameter["schema"]
            if spec.get("type") == "integer":
                assert "minimum" in spec and "maximum" in spec, (path, parameter["name"])
            if parameter["name"] in ("updated_since", "day"):
                assert spec.get("format") in ("date", "date-time"), (path, parameter["name"])


@pytest.mark.parametrize("path,name,location", _cases())
def test_hostile_parameter_is_never_a_server_error(
    client, demo_api, real_ids, path, name, location
):
    operation = schema()["paths"][path]["get"]
    parameters = operation.get("parameters", [])
    parameter = next(p for p in parameters if p["name"] == name and p["in"] == location)
    if _is_integer(parameter):
        values, must_refuse = NOT_A_NUMBER, True
    elif _is_date(parameter):
        values, must_refuse = BAD_DATES, True
    else:
        values, must_refuse = NOT_A_NUMBER + ANY_STRING, False
    for value in values:
        if location == "header":
            url = _url(path, parameters, real_ids)
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=value)
        else:
            if location == "path" and value == "":
                continue
            url = _url(path, parameters, real_ids, name, value)
            response = client.get(url)
        _assert_no_server_error(response, url)
        if must_refuse and not (location == "query" and value == ""):
            assert 400 <= response.status_code < 500, (url, response.status_code)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/sessions/²/",
        "/api/v1/speakers/²/sessions.ics",
        "/api/v1/editions/²/",
        "/api/v1/editions/²０２５/agenda.ics",
        "/api/v1/sessions/?page=²",
        "/api/v1/sessions/?page_size=²",
        "/api/v1/sessions/?topic=²",
        "/api/v1/sessions/?room=²",
        "/api/v1/speakers/?organisation=²",
        "/api/v1/agenda.ics?sessions=²",
        "/api/v1/search/?q=a&page=²",
        "/api/v1/search/?q=a&page_size=²",
        "/api/v1/sessions/?updated_since=0001-01-01T00:00:00%2B14:00",
        "/api/v1/editions/?updated_since=9999-12-31T23:59:59-14:00",
        "/api/v1/pages/?updated_since=0001-01-01T00:00:00%2B14:00",
        "/api/v1/sessions/?day=0001-01-01",
    ],
)
def test_unicode_digits_and_out_of_range_dates_are_400(client, demo_api, url):
    response = client.get(url)
    assert response.status_code == 400, (url, response.status_code, response.content[:300])
    assert response["Content-Type"] == PROBLEM
    assert response.json()["errors"], response.json()


@pytest.mark.parametrize("value", ["12", "１２", "9" * 18])
def test_ascii_digit_ids_only(client, demo_api, value):
    response = client.get(f"/api/v1/sessions/{quote(value)}/")
    assert response.status_code == (404 if value.isascii() else 400)


def test_preview_token_for_the_root_page_is_404(client, db):
    root = Page.get_first_root_node()
    token = preview_token_create(page=root)
    response = client.get("/api/v1/preview/", {"content_type": "wagtailcore.page", "token": token})
    assert response.status_code == 404, response.content[:300]
    assert response["Content-Type"] == PROBLEM


@pytest.mark.parametrize("identifier", ["id=²", "id=0", "id=" + "9" * 30, "id=-1", "nothing"])
def test_preview_token_with_a_bad_id_is_404(client, db, identifier):
    token = signing.TimestampSigner(salt=SALT).sign(identifier)
    response = client.get(
        "/api/v1/preview/", {"content_type": "conference.sessionpage", "token": token}
    )
    assert response.status_code == 404, response.content[:300]
    assert response["Content-Type"] == PROBLEM


def test_preview_token_dated_in_the_future_is_refused(client, demo_api):
    page = Page.objects.filter(depth__gt=2).first()

    class FutureSigner(signing.TimestampSigner):
        def timestamp(self):
            future = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=30)
            return signing.b62_encode(int(future.timestamp()))

    token = FutureSigner(salt=SALT).sign(f"id={page.pk}")
    label = f"{page.specific._meta.app_label}.{page.specific._meta.model_name}"
    response = client.get("/api/v1/preview/", {"content_type": label, "token": token})
    assert response.status_code == 403, response.content[:300]
    assert response["Content-Type"] == PROBLEM
