"""Editors preview drafts through signed, expiring tokens."""

import json

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from wagtail_headless_preview.models import PagePreview

from api.preview import preview_token_create
from cms.conference.models import SessionPage
from tests.api import factories

URL = "/api/v1/preview/"


def _draft_session():
    edition = factories.edition(factories.conference(), year=2040, size=1)
    session = SessionPage.objects.child_of(edition).first()
    session.title = "Draft title only editors see"
    session.save_revision()
    return session


def test_preview_valid_token_shows_the_draft(client, db):
    session = _draft_session()
    response = client.get(
        URL, {"content_type": "conference.sessionpage", "token": preview_token_create(page=session)}
    )
    assert response.status_code == 200, response.content
    assert response.json()["page"]["title"] == "Draft title only editors see"
    assert response["Cache-Control"] == "private, no-store"
    public = client.get(f"/api/v1/sessions/{session.pk}/").json()
    assert public["title"] != "Draft title only editors see"


def test_preview_stored_headless_preview_content_wins(client, db):
    session = _draft_session()
    token = preview_token_create(page=session)
    session.title = "Unsaved form content"
    PagePreview.objects.create(
        token=token,
        content_type=ContentType.objects.get_for_model(SessionPage),
        content_json=session.to_json(),
    )
    body = client.get(URL, {"content_type": "conference.sessionpage", "token": token}).json()
    assert body["page"]["title"] == "Unsaved form content"


def test_preview_expired_token_is_403(client, db, settings):
    session = _draft_session()
    token = preview_token_create(page=session)
    settings.API_PREVIEW_TOKEN_MAX_AGE = -1
    response = client.get(URL, {"content_type": "conference.sessionpage", "token": token})
    assert response.status_code == 403
    assert "expired" in response.json()["detail"]


def test_preview_forged_token_is_403(client, db):
    session = _draft_session()
    forged = signing.TimestampSigner(salt="something-else").sign(f"id={session.pk}")
    for token in (forged, "id=1:abc:def", json.dumps({"id": session.pk})):
        response = client.get(URL, {"content_type": "conference.sessionpage", "token": token})
        assert response.status_code == 403


def test_preview_wrong_content_type_or_missing_token_is_400(client, db):
    session = _draft_session()
    token = preview_token_create(page=session)
    assert (
        client.get(URL, {"content_type": "conference.newspage", "token": token}).status_code == 400
    )
    assert client.get(URL, {"content_type": "conference.sessionpage"}).status_code == 400
