"""The committed OpenAPI and GraphQL schemas match the code (run `make schema` after a change)."""

import io
from pathlib import Path

from django.core.management import call_command
from graphql import print_schema

from api.graphql.schema import schema

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "api" / "schema"


def test_openapi_file_matches_code(tmp_path):
    generated = tmp_path / "openapi.yaml"
    call_command(
        "spectacular",
        "--lang",
        "en",
        "--file",
        str(generated),
        "--validate",
        "--fail-on-warn",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert generated.read_text() == (SCHEMA_DIR / "openapi.yaml").read_text(), (
        "api/schema/openapi.yaml is out of date: run `make schema`"
    )


def test_graphql_file_matches_code():
    committed = (SCHEMA_DIR / "schema.graphql").read_text()
    assert print_schema(schema.graphql_schema).strip() == committed.strip(), (
        "api/schema/schema.graphql is out of date: run `make schema`"
    )


def test_openapi_documents_every_route_and_error():
    text = (SCHEMA_DIR / "openapi.yaml").read_text()
    for route in (
        "editions/",
        "editions/{year}/",
        "sessions/",
        "speakers/",
        "partners/",
        "organisations/",
        "rooms/",
        "tracks/",
        "topics/",
        "industries/",
        "pages/",
        "editions/{year}/schedule.xml",
        "editions/{year}/schedule.json",
        "editions/{year}/agenda.ics",
        "editions/{year}/agenda.csv",
        "sessions/{id}/session.ics",
        "speakers/{id}/sessions.ics",
        "agenda.ics",
        "editions/{year}/releases/",
        "editions/{year}/releases/feed.atom",
        "editions/{year}/releases/{version}/",
        "editions/{year}/releases/{version}/diff/",
        "editions/{year}/releases/{version}/schedule.xml",
        "editions/{year}/releases/{version}/schedule.json",
    ):
        assert f"/api/v1/{route}:" in text, route
    assert "application/problem+json" in text and "'429':" in text
