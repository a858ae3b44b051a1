"""Visibility is decided by the cms selectors, and tried here the way an attacker would: through
suggestions, snippets, facet counts, year filters, and by comparing how a filter answers for a
hidden object and for one that never existed."""

import json

import pytest
from django.db import transaction
from wagtail.models import PageViewRestriction

from cms.conference.models import EditionPage, Partnership, SessionPage
from cms.conference.services import edition_clone
from cms.people.models import Person
from search import engines, indexing
from search.models import PendingUpdate
from tests.api import factories

MARK = "Zanzibarquux"  # a word nothing else in the demo contains


def _gql(client, query):
    response = client.post("/graphql/", {"query": query}, format="json")
    assert response.status_code in (200, 400), response.content[:300]
    return response.json()


def _edition(year=2025):
    return EditionPage.objects.get(year=year, locale__language_code="bg")


@pytest.fixture
def restricted(demo_api, django_capture_on_commit_callbacks):
    """A live session with a speaker, indexed while public, then put behind a password the way
    the admin's Privacy dialog does (the index update runs on commit, as in production)."""
    with django_capture_on_commit_callbacks(execute=True):
        speaker = factories.person(f"{MARK} Speaker")
        session = factories.session(_edition(), title=f"{MARK} restricted talk", speakers=[speaker])
    indexing.rebuild(engines.primary())
    found = [h["object_id"] for h in _search(f"{MARK} restricted")]
    assert session.pk in found  # the index has it while it is public
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            PageViewRestriction.objects.create(
                page=session, restriction_type="password", password="secret"
            )
    return session, speaker


def _search(q, **params):
    from rest_framework.test import APIClient

    response = APIClient().get("/api/v1/search/", {"q": q, "locale": "bg", **params})
    assert response.status_code == 200, response.content[:300]
    return response.json()["results"]


def test_restricted_page_leaves_suggest_snippets_facets_and_the_index(client, restricted):
    session, speaker = restricted
    for engine in filter(None, (engines.database(), engines.external())):
        assert engine.get(f"page:{session.pk}") is None, engine.name  # the index was told
    suggest = client.get("/api/v1/search/suggest/", {"q": MARK[:6], "locale": "bg"}).json()
    assert "restricted talk" not in json.dumps(suggest, ensure_ascii=False)
    gql = _gql(client, '{ searchSuggest(q: "' + MARK[:6] + '", locale: "bg") { title id } }')
    assert "restricted talk" not in json.dumps(gql, ensure_ascii=False)
    answer = client.get("/api/v1/search/", {"q": MARK, "locale": "bg"}).json()
    text = json.dumps(answer["results"], ensure_ascii=False)
    assert "restricted talk" not in text  # not a hit, and not in the speaker's snippet
    assert [h["kind"] for h in answer["results"]] == ["person"]
    kinds = {f["value"]: f["count"] for f in answer["facets"]["kind"]}
    assert kinds == {"person": 1}  # facets count what the hits show
    assert answer["total"] == 1


def test_facets_and_total_leave_out_what_stopped_being_public_before_the_index_knew(
    client, demo_api, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # published and indexed
        speaker = factories.person(f"{MARK} Speaker")
        session = factories.session(_edition(), title=f"{MARK} stale talk", speakers=[speaker])
        factories.session(_edition(), title=f"{MARK} public talk", speakers=[])
    indexing.rebuild(engines.primary())
    # Restricted and committed, but the index update has not run yet (a busy queue).
    with django_capture_on_commit_callbacks(execute=False):
        with transaction.atomic():
            PageViewRestriction.objects.create(page=session, restriction_type="password")
    assert PendingUpdate.objects.filter(engine="changing", doc_id=f"page:{session.pk}").exists()
    assert engines.primary().get(f"page:{session.pk}") is not None  # the index still has it
    answer = client.get("/api/v1/search/", {"q": MARK, "locale": "bg", "page_size": 1}).json()
    assert answer["total"] == 1
    assert sum(f["count"] for f in answer["facets"]["kind"]) == 1
    assert [h["title"] for h in answer["results"]] == [f"{MARK} public talk"]
    assert "stale talk" not in json.dumps(answer, ensure_ascii=False)
    suggest = client.get("/api/v1/search/suggest/", {"q": MARK[:6], "locale": "bg"}).json()
    assert "stale talk" not in json.dumps(suggest, ensure_ascii=False)


def test_hits_the_index_was_never_told_about_are_dropped_and_repaired(
    client, demo_api, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # published and indexed
        session = factories.session(_edition(), title=f"{MARK} drifted talk", speakers=[])
    indexing.rebuild(engines.primary())
    # Changed behind every signal's back (a raw SQL update): only the read path can notice.
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=session, restriction_type="password", password="x")]
    )
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.get("/api/v1/search/", {"q": MARK, "locale": "bg"}).json()
    assert answer["results"] == [] and answer["total"] == 0
    assert sum(f["count"] for f in answer["facets"]["kind"]) == 0
    assert engines.primary().get(f"page:{session.pk}") is None  # repaired (eager task here)


def test_unpublished_next_edition_shows_no_partners_and_no_draft_speakers(client, demo_api):
    source = _edition(2027)
    assert Partnership.objects.filter(edition=source).exists()
    edition_clone(source=source, year=2031)  # drafts, never published
    draft_only = factories.person(f"{MARK} Draft Speaker")
    draft = factories.session(_edition(2025), title=f"{MARK} draft", speakers=[draft_only])
    draft.unpublish()
    assert not SessionPage.objects.get(pk=draft.pk).live

    assert client.get("/api/v1/organisations/?year=2031").json()["results"] == []
    assert _gql(client, "{ organisations(year: 2031) { name } }")["data"] == {"organisations": []}
    for url in ("/api/v1/speakers/?year=2025&page_size=100", "/api/v1/speakers/?page_size=100"):
        assert MARK not in client.get(url).content.decode()
    gql = _gql(client, "{ speakers(year: 2025, limit: 500) { name } }")
    assert gql["data"]["speakers"] and MARK not in json.dumps(gql, ensure_ascii=False)
    assert client.get(f"/api/v1/speakers/{draft_only.pk}/").status_code == 404


def _same_answer(client, url_hidden, url_missing):
    hidden, missing = client.get(url_hidden), client.get(url_missing)
    assert hidden.status_code == missing.status_code == 400, (url_hidden, hidden.status_code)
    assert hidden.json().keys() == missing.json().keys()
    assert set(hidden.json()["errors"]) == set(missing.json()["errors"])


def test_a_filter_naming_something_hidden_answers_as_for_something_that_never_existed(
    client, demo_api
):
    clone = edition_clone(source=_edition(2027), year=2031)  # unpublished
    hidden_person = factories.person(f"{MARK} Hidden", slug="hidden-person")
    hidden_person.unpublish()
    absent = 987654321
    _same_answer(
        client, f"/api/v1/sessions/?edition={clone.pk}", f"/api/v1/sessions/?edition={absent}"
    )
    _same_answer(client, f"/api/v1/rooms/?edition={clone.pk}", f"/api/v1/rooms/?edition={absent}")
    _same_answer(
        client, "/api/v1/sessions/?speaker=hidden-person", "/api/v1/sessions/?speaker=never-was"
    )
    _same_answer(
        client,
        f"/api/v1/sessions/?speaker={hidden_person.pk}",
        f"/api/v1/sessions/?speaker={absent}",
    )
    room = clone.rooms.first()
    _same_answer(client, f"/api/v1/sessions/?room={room.pk}", f"/api/v1/sessions/?room={absent}")
    track = clone.tracks.first()
    if track is not None and not _edition(2027).tracks.filter(slug=track.slug).exists():
        _same_answer(
            client, f"/api/v1/sessions/?track={track.slug}", "/api/v1/sessions/?track=never-was"
        )
    _same_answer(client, f"/api/v1/sessions/?track={track.pk}", f"/api/v1/sessions/?track={absent}")
    # GraphQL answers both with the same error.
    errors = [
        _gql(client, '{ sessions(speaker: "' + ref + '") { id } }')["errors"][0]["message"]
        for ref in ("hidden-person", "never-was")
    ]
    assert errors[0].replace("hidden-person", "X") == errors[1].replace("never-was", "X")
    # A speaker with only hidden sessions is as unknown as a hidden person.
    only_draft = factories.person(f"{MARK} Only Draft", slug="only-draft")
    factories.session(clone, title="draft", speakers=[only_draft])
    assert Person.objects.get(pk=only_draft.pk).live
    _same_answer(
        client, "/api/v1/sessions/?speaker=only-draft", "/api/v1/sessions/?speaker=never-was"
    )
