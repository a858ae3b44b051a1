"""The editor's Preview button in the Wagtail admin yields a token the API's preview answers."""

import re
from html import unescape
from urllib.parse import parse_qs, urlparse

import pytest
from django.contrib.auth import get_user_model

from cms.conference.models import SessionPage


@pytest.fixture
def editor_client(client, demo_api):
    client.force_login(
        get_user_model().objects.create_superuser("previewer", "p@example.com", "pw")
    )
    return client


def test_admin_preview_token_shows_the_draft_through_the_api(editor_client):
    session = SessionPage.objects.filter(locale__language_code="en", live=True).first()
    session.title = "Unsaved draft title for preview"
    session.save_revision()
    response = editor_client.get(f"/admin/pages/{session.pk}/view_draft/")
    assert response.status_code == 200
    html = unescape(response.content.decode())
    url = re.search(r'https?://[^"\s]+/api/preview\?[^"\s]+', html)
    assert url, html[:500]
    query = parse_qs(urlparse(url.group(0)).query)
    api = editor_client.get(
        "/api/v1/preview/",
        {"content_type": query["content_type"][0], "token": query["token"][0]},
    )
    assert api.status_code == 200, api.content
    assert "Unsaved draft title for preview" in api.content.decode()
    assert (
        "Unsaved draft title for preview"
        not in editor_client.get(
            f"/api/v1/sessions/{session.pk}/", {"locale": "en"}
        ).content.decode()
    )
