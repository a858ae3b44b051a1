"""Content security policy on the admin, the API docs and the API (django-csp)."""

import re

import pytest
from django.contrib.auth import get_user_model

from cms.conference.models import SessionPage


def _policy(response):
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def test_admin_login_has_a_policy_that_allows_its_inline_scripts(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_admin_page_edit_view_renders_under_the_admin_policy(client, demo_db, db):
    editor = get_user_model().objects.create_superuser("csp-editor", "e@example.com", "x" * 20)
    client.force_login(editor)
    page = SessionPage.objects.live().first()
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    policy = _policy(response)
    assert "'unsafe-inline'" in policy["script-src"]
    # Every external script the editor loads is our own, so 'self' covers it.
    sources = re.findall(r'<script[^>]+src="([^"]+)"', response.content.decode())
    assert sources
    assert [src for src in sources if not src.startswith("/")] == []


def test_api_docs_run_with_only_own_scripts(client, db):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["script-src"] == ["'self'"]
    html = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts and all("src=" in attributes for attributes in scripts), scripts
    init = re.search(r'<script src="(/api/v1/docs/\?[^"]*script[^"]*)"', html)
    assert init, html
    script = client.get(init.group(1).replace("&amp;", "&"))
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()


def test_api_responses_carry_the_strict_policy(client, db):
    response = client.get("/api/v1/nothing-here/")
    policy = _policy(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]


@pytest.mark.parametrize("path", ["/api/v1/docs/", "/admin/login/"])
def test_pages_cannot_be_framed_by_other_sites(client, db, path):
    assert _policy(client.get(path))["frame-ancestors"] == ["'self'"]
