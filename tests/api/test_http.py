"""HTTP behaviour: conditional GET, caching headers, CORS, throttling and problem+json errors."""

import pytest
from django.core.cache import cache


def test_etag_gives_304_on_conditional_get(client, demo_api):
    first = client.get("/api/v1/editions/")
    assert first.status_code == 200 and first["ETag"]
    assert first["Cache-Control"].startswith("public, max-age=")
    again = client.get("/api/v1/editions/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]


def test_last_modified_gives_304_on_if_modified_since(client, demo_api):
    first = client.get("/api/v1/sessions/")
    assert first["Last-Modified"]
    again = client.get("/api/v1/sessions/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304


def test_etag_differs_per_language(client, demo_api):
    bg = client.get("/api/v1/editions/?locale=bg")
    en = client.get("/api/v1/editions/?locale=en")
    assert bg["ETag"] != en["ETag"]
    assert "Accept-Language" in en["Vary"] and en["Content-Language"] == "en"


def test_exports_carry_etag_and_cache_control(client, demo_api):
    response = client.get("/api/v1/editions/2025/agenda.ics")
    assert response["ETag"] and response["Cache-Control"].startswith("public")
    assert (
        client.get(
            "/api/v1/editions/2025/agenda.ics", HTTP_IF_NONE_MATCH=response["ETag"]
        ).status_code
        == 304
    )


def test_cors_allows_configured_partner_origin_only(client, demo_api, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://partner.example"]
    allowed = client.get("/api/v1/topics/", HTTP_ORIGIN="https://partner.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://partner.example"
    other = client.get("/api/v1/topics/", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in other


def test_throttling_answers_429_with_retry_after(client, demo_api, settings):
    settings.API_ANON_THROTTLE_RATE = "3/min"
    cache.clear()
    statuses = [client.get("/api/v1/topics/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/topics/")
    assert response["Content-Type"] == "application/problem+json"
    assert int(response["Retry-After"]) > 0
    graphql = client.post("/graphql/", {"query": "{ topics { id } }"}, format="json")
    assert graphql.status_code == 429 and int(graphql["Retry-After"]) > 0


def test_unknown_api_route_is_problem_json_404(client, demo_api):
    response = client.get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["instance"] == "/api/v1/nothing-here/"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/sessions/?" + "&".join(f"p{i}=" + "x" * 150 for i in range(20)),
        "/api/v1/sessions/?title=" + "x" * 300,
    ],
)
def test_oversized_parameters_are_400(client, demo_api, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "Traceback" not in response.content.decode()


def test_errors_never_show_a_stack_trace(client, demo_api, settings):
    settings.DEBUG = False
    for url in ("/api/v1/sessions/%00/", "/api/v1/editions/2025x/agenda.ics", "/api/v1/pages/0/"):
        response = client.get(url)
        assert response.status_code in (400, 404)
        assert "Traceback" not in response.content.decode()


def test_docs_and_schema_are_served_without_cdn(client, demo_api):
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert b"drf_spectacular_sidecar" in docs.content and b"cdn" not in docs.content.lower()
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200 and b"/api/v1/sessions/" in schema.content
