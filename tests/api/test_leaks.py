"""Nothing unpublished leaks: drafts, unpublished changes, scheduled and private pages, and
unpublished people and organisations stay out of every route, filter, GraphQL field and export."""

import datetime
import json

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.conference.models import EditionPage, NewsPage, Partnership, SessionPage
from cms.people.models import Organisation, Person
from tests.api import factories

MARK = "LEAKMARK"
DETAIL_ROUTES = tuple(
    f"/{route}/"
    for route in (
        "editions",
        "sessions",
        "speakers",
        "organisations",
        "topics",
        "industries",
        "pages",
    )
)
LOCALES = ("bg", "en")
SESSION_EXPANSIONS = ("abstract", "jsonld", "calendar_url", "speakers", "topics", "industries")


def _at(edition, hour):
    return datetime.datetime.combine(
        edition.start_date, datetime.time(hour), tzinfo=factories.SOFIA
    )


@pytest.fixture
def leaks(demo_api):
    """Hidden content beside the demo; returns the ids that must answer 404."""
    edition = EditionPage.objects.get(year=2025, locale__language_code="bg")
    ids = {}

    draft = SessionPage(
        title=f"{MARK} draft session",
        slug="leak-draft",
        locale=edition.locale,
        live=False,
        start=_at(edition, 9),
        end=_at(edition, 10),
    )
    edition.add_child(instance=draft)
    draft.save_revision()
    ids["draft"] = draft.pk

    changed = SessionPage.objects.child_of(edition).live().first()
    changed.title = f"{MARK} unpublished change"
    changed.save_revision()
    ids["changed"] = changed.pk

    scheduled = SessionPage(
        title=f"{MARK} scheduled session",
        slug="leak-scheduled",
        locale=edition.locale,
        live=False,
        start=_at(edition, 11),
        end=_at(edition, 12),
        go_live_at=timezone.now() + datetime.timedelta(days=9),
    )
    edition.add_child(instance=scheduled)
    scheduled.save_revision().publish()
    scheduled.refresh_from_db()
    assert not scheduled.live
    ids["scheduled"] = scheduled.pk

    private = factories.session(edition, title=f"{MARK} private session")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    ids["private"] = private.pk

    private_news = factories.news(edition, title=f"{MARK} private news")
    PageViewRestriction.objects.create(page=private_news, restriction_type="login")
    ids["private_news"] = private_news.pk
    draft_news = NewsPage(
        title=f"{MARK} draft news",
        slug="leak-news",
        locale=edition.locale,
        date=edition.start_date,
        live=False,
    )
    edition.add_child(instance=draft_news)
    ids["draft_news"] = draft_news.pk

    private_edition = factories.edition(
        factories.conference(), year=2041, size=1, title=f"{MARK} private edition"
    )
    PageViewRestriction.objects.create(page=private_edition, restriction_type="login")
    draft_edition = factories.edition(
        factories.conference(), year=2042, size=1, title=f"{MARK} draft edition"
    )
    factories.news(draft_edition, title=f"{MARK} news under an unpublished edition")
    factories.session(draft_edition, title=f"{MARK} session under an unpublished edition")
    draft_edition.unpublish()

    hidden_org = factories.organisation(f"{MARK} hidden organisation")
    hidden_org.unpublish()
    hidden_person = factories.person(f"{MARK} hidden person", organisation=hidden_org)
    hidden_person.unpublish()
    assert not Person.objects.get(pk=hidden_person.pk).live
    assert not Organisation.objects.get(pk=hidden_org.pk).live
    ids["person"] = hidden_person.pk
    ids["organisation"] = hidden_org.pk
    visible_speaker = factories.person("Visible Speaker", organisation=hidden_org)
    factories.session(
        edition, title="Session with a hidden speaker", speakers=[hidden_person, visible_speaker]
    )
    Partnership.objects.create(edition=edition, organisation=hidden_org, role="sponsor")
    return ids


def _walk_list(client, url, seen):
    while url:
        response = client.get(url)
        seen.append(response)
        url = response.json().get("next") if response.status_code == 200 else None


GRAPHQL = [
    "{ editions { title partners { partners { organisation { name } } } sessions { title "
    "speakers { person { name organisation { name } } } } } }",
    "{ sessions(limit: 500) { title speakers { person { name organisation { name } } } } }",
    "{ speakers(limit: 500) { name organisation { name } appearances { session { title } } } }",
    "{ organisations(limit: 500) { name } "
    "partners { title groups { partners { organisation { name } } } } }",
    "{ pages(limit: 500) { title } rooms { name } tracks { name } }",
    "{ e1: edition(year: 2041) { title } e2: edition(year: 2042) { title } }",
]


def test_nothing_unpublished_appears_on_any_route(client, leaks):
    responses = []
    for locale in LOCALES:
        for route in (
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
        ):
            _walk_list(client, f"/api/v1/{route}/?locale={locale}&page_size=100", responses)
        for route, expand in (("sessions", SESSION_EXPANSIONS), ("speakers", ("bio",))):
            _walk_list(
                client,
                f"/api/v1/{route}/?locale={locale}&page_size=100&expand={','.join(expand)}",
                responses,
            )
        for year in (2025, 2026, 2027):
            responses.append(client.get(f"/api/v1/editions/{year}/?locale={locale}"))
            for export in ("schedule.xml", "schedule.json", "agenda.ics", "agenda.csv"):
                responses.append(client.get(f"/api/v1/editions/{year}/{export}?locale={locale}"))
        for query in GRAPHQL:
            responses.append(client.post("/graphql/", {"query": query}, format="json"))
        for filtered in (
            f"sessions/?speaker={leaks['person']}",
            "sessions/?year=2025",
            f"speakers/?organisation={leaks['organisation']}",
            "partners/?year=2025",
            "organisations/?year=2025",
            "pages/?type=news",
            "sessions/?year=2041",
        ):
            responses.append(client.get(f"/api/v1/{filtered}&locale={locale}"))
        # details of everything listed, then sessions' calendars and speakers' calendars
        for listed in list(responses):
            if listed.get("Content-Type") != "application/json" or "results" not in listed.json():
                continue
            path = listed.wsgi_request.path
            detail_key = "year" if path.endswith("/editions/") else "id"
            if not path.endswith(DETAIL_ROUTES):
                continue
            for item in listed.json()["results"]:
                url = f"{path}{item[detail_key]}/"
                responses.append(client.get(f"{url}?locale={locale}"))
                if path.endswith("/sessions/"):
                    responses.append(client.get(f"{url}session.ics"))
                if path.endswith("/speakers/"):
                    responses.append(client.get(f"{url}sessions.ics"))
    for response in responses:
        assert response.status_code in (200, 400), (
            response.wsgi_request.get_full_path(),
            response.status_code,
        )
        assert MARK not in response.content.decode("utf-8-sig"), (
            response.wsgi_request.get_full_path()
        )
        assert "Hidden" not in response.content.decode("utf-8-sig")
    assert len(responses) > 150


def test_unpublished_things_answer_404(client, leaks):
    for key in ("draft", "scheduled", "private"):
        assert client.get(f"/api/v1/sessions/{leaks[key]}/").status_code == 404
        assert client.get(f"/api/v1/sessions/{leaks[key]}/session.ics").status_code == 404
    ids = ",".join(str(leaks[key]) for key in ("draft", "scheduled", "private"))
    assert client.get(f"/api/v1/agenda.ics?sessions={ids}").status_code == 404
    assert client.get(f"/api/v1/speakers/{leaks['person']}/").status_code == 404
    assert client.get(f"/api/v1/speakers/{leaks['person']}/sessions.ics").status_code == 404
    assert client.get(f"/api/v1/organisations/{leaks['organisation']}/").status_code == 404
    for key in ("private_news", "draft_news"):
        assert client.get(f"/api/v1/pages/{leaks[key]}/").status_code == 404
    for year in (2041, 2042):
        assert client.get(f"/api/v1/editions/{year}/").status_code == 404
        assert client.get(f"/api/v1/editions/{year}/schedule.xml").status_code == 404
        assert client.get(f"/api/v1/editions/{year}/agenda.ics").status_code == 404


def test_live_version_shown_when_a_newer_draft_exists(client, leaks):
    body = client.get(f"/api/v1/sessions/{leaks['changed']}/?locale=bg").json()
    assert MARK not in body["title"] and body["title"]
    query = '{ session(id: "' + str(leaks["changed"]) + '", locale: "bg") { title } }'
    data = client.post("/graphql/", {"query": query}, format="json").json()
    assert data["data"]["session"]["title"] == body["title"]


def test_hidden_speaker_left_out_but_visible_one_shown(client, leaks):
    sessions = client.get("/api/v1/sessions/?year=2025&page_size=100&locale=bg").json()["results"]
    session = next(s for s in sessions if s["title"] == "Session with a hidden speaker")
    assert [p["name"] for p in session["speakers"]] == ["Visible Speaker"]
    expanded = client.get(
        "/api/v1/sessions/?year=2025&page_size=100&locale=bg&expand=speakers"
    ).json()["results"]
    session = next(s for s in expanded if s["title"] == "Session with a hidden speaker")
    assert [p["person"]["name"] for p in session["speakers"]] == ["Visible Speaker"]
    assert session["speakers"][0]["person"]["organisation"] is None


def test_search_finds_nothing_unpublished(client, leaks):
    from search import engines, indexing

    indexing.rebuild(engines.database())
    for locale in LOCALES:
        for path in ("search/", "search/suggest/"):
            response = client.get(f"/api/v1/{path}", {"q": MARK, "locale": locale})
            assert response.status_code == 200, response.content
            answer = response.json()
            answer.pop("query", None)  # the echoed query is the only place the mark may appear
            assert MARK not in json.dumps(answer, ensure_ascii=False)


def test_search_drops_hits_that_stopped_being_public_before_the_index_knew(client, leaks):
    from search import indexing
    from search.documents import Ref

    session = SessionPage.objects.get(
        slug="talent", locale__language_code="bg", url_path__contains="/2025/"
    )
    session.title = f"{MARK} stale session"
    session.save_revision().publish()
    indexing.sync([Ref("page", session.pk)])  # indexed while public
    found = client.get("/api/v1/search/", {"q": f"{MARK} stale", "locale": "bg"}).json()
    assert [hit["object_id"] for hit in found["results"]] == [session.pk]  # the index has it
    SessionPage.objects.filter(pk=session.pk).update(live=False)  # index not told
    response = client.get("/api/v1/search/", {"q": f"{MARK} stale", "locale": "bg"})
    assert response.status_code == 200
    assert response.json()["results"] == []
