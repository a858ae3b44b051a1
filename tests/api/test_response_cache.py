"""The response cache and content versions (api.caching, cms.core.versions): answers are kept per
version, publishing moves the version so the next request sees the change, conditional requests are
answered from the version alone, and nothing hidden is ever served from the cache."""

import gzip
import json
import threading

import brotli
import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from api.caching import ResponseCache
from api.serializers.common import guid
from cms.conference.models import SessionPage
from cms.core import versions
from cms.people.models import Person

LANGS = ("bg", "en")
EXPORTS = ("schedule.json", "schedule.xml", "agenda.ics", "agenda.csv")
WARM_ROUTES = (
    *(f"/api/v1/editions/2025/{name}" for name in EXPORTS),
    "/api/v1/editions/2025/",
    "/api/v1/sessions/?year=2025&page_size=20",
    "/api/v1/sessions/?page_size=20",
    "/api/v1/speakers/?page_size=20",
    "/api/v1/editions/",
)
AGENDA = "query($year: Int!) { edition(year: $year) { sessions { id title start } } }"


def _session(year=2025, slug="talent"):
    return SessionPage.objects.get(
        slug=slug, locale__language_code="bg", url_path__contains=f"/{year}/"
    )


def _rename(session, title):
    session.title = title
    session.save_revision().publish()


def _titles(client, url):
    return [s["title"] for s in client.get(url).json()["results"]]


@pytest.mark.parametrize("url", WARM_ROUTES)
def test_a_warm_answer_reads_no_content(client, demo_api, url):
    first = client.get(url)
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert again.status_code == 200 and again.content == first.content
    assert len(queries) == 0, [q["sql"] for q in queries]


@pytest.mark.parametrize("url", [*WARM_ROUTES, "/api/v1/search/?q=cluster"])
def test_conditional_get_is_answered_from_the_version_alone(client, demo_api, url):
    first = client.get(url)
    cache.clear()  # not even the kept answer is needed (versions start again: a new ETag)
    second = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, HTTP_IF_NONE_MATCH=second["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == second["ETag"] and "Last-Modified" in again
    assert len(queries) == 0, [q["sql"] for q in queries]
    stale = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert stale.status_code == 200 and stale.content


def test_publishing_shows_at_once_in_lists_exports_and_graphql(client, demo_api):
    session = _session()
    old_title = session.title
    list_url = "/api/v1/sessions/?year=2025&page_size=100&locale=bg"
    before_list = _titles(client, list_url)
    before_json = client.get("/api/v1/editions/2025/schedule.json?locale=bg")
    gql = client.get("/graphql/", {"query": AGENDA, "variables": json.dumps({"year": 2025})})
    assert session.title in before_list and gql.status_code == 200

    _rename(session, "Renamed while cached")

    assert "Renamed while cached" in _titles(client, list_url)
    assert old_title not in _titles(client, list_url)
    after_json = client.get("/api/v1/editions/2025/schedule.json?locale=bg")
    assert b"Renamed while cached" in after_json.content
    assert after_json["ETag"] != before_json["ETag"]
    again = client.get(
        "/api/v1/editions/2025/schedule.json?locale=bg",
        **{"HTTP_IF_NONE_MATCH": before_json["ETag"]},
    )
    assert again.status_code == 200
    gql_after = client.get("/graphql/", {"query": AGENDA, "variables": json.dumps({"year": 2025})})
    assert "Renamed while cached" in gql_after.content.decode()


def test_unpublished_session_leaves_every_cached_answer(client, demo_api):
    session = _session()
    marker = guid("session", session.translation_key).encode()
    lists = ["/api/v1/sessions/?year=2025&page_size=100&locale=bg", "/api/v1/sessions/?locale=en"]
    exports = [f"/api/v1/editions/2025/{name}?locale={lang}" for name in EXPORTS for lang in LANGS]
    detail = f"/api/v1/sessions/{session.pk}/"
    counts = {url: client.get(url).json()["count"] for url in lists}
    for url in lists[:1] + exports:
        assert marker in client.get(url).content, url
    assert client.get(detail).status_code == 200

    for translation in session.get_translations(inclusive=True):
        translation.unpublish()

    for url in lists + exports:
        response = client.get(url)
        assert response.status_code == 200
        assert marker not in response.content, url
    for url, count in counts.items():
        assert client.get(url).json()["count"] == count - 1, url
    assert client.get(detail).status_code == 404


def test_a_change_in_one_edition_leaves_the_others_cached(client, demo_api):
    past = client.get("/api/v1/editions/2025/schedule.json")
    current = client.get("/api/v1/editions/2026/schedule.json")
    everything = client.get("/api/v1/sessions/?page_size=5")

    other = SessionPage.objects.live().filter(url_path__contains="/2026/").first()
    _rename(other, "A 2026 change")

    assert client.get("/api/v1/editions/2025/schedule.json")["ETag"] == past["ETag"]
    assert client.get("/api/v1/editions/2026/schedule.json")["ETag"] != current["ETag"]
    assert client.get("/api/v1/sessions/?page_size=5")["ETag"] != everything["ETag"]
    conditional = client.get("/api/v1/editions/2025/schedule.json", HTTP_IF_NONE_MATCH=past["ETag"])
    assert conditional.status_code == 304


def test_a_speaker_change_moves_the_editions_they_speak_in(client, demo_api):
    from cms.conference.models import SessionSpeaker

    link = (
        SessionSpeaker.objects.filter(
            person__locale__language_code="bg", session__locale__language_code="bg"
        )
        .select_related("person")
        .order_by("pk")
        .first()
    )
    person = link.person
    years = set(
        SessionPage.objects.filter(
            pk__in=SessionSpeaker.objects.filter(
                person__translation_key=person.translation_key
            ).values("session_id")
        ).values_list("url_path", flat=True)
    )
    years = {int(path.strip("/").split("/")[1]) for path in years}
    before = versions.current(*(versions.edition(y) for y in (2025, 2026, 2027)))

    person.name = person.name + " Jr."
    person.save_revision().publish()

    after = versions.current(*(versions.edition(y) for y in (2025, 2026, 2027)))
    for year in (2025, 2026, 2027):
        moved = after[versions.edition(year)] != before[versions.edition(year)]
        assert moved == (year in years), (year, years)
    url = f"/api/v1/editions/{min(years)}/schedule.json?locale=bg"
    assert person.name.encode() in client.get(url).content


def test_versions_move_again_when_the_transaction_commits(
    demo_api, django_capture_on_commit_callbacks
):
    session = _session()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _rename(session, "Committed later")
        during = versions.current(versions.ALL, versions.edition(2025))
    for callback in callbacks:
        callback()
    after = versions.current(versions.ALL, versions.edition(2025))
    assert after[versions.ALL] > during[versions.ALL]
    assert after[versions.edition(2025)] > during[versions.edition(2025)]


def test_delivery_bumps_only_what_the_commit_did_not(demo_api):
    from cms.conference import versioning

    scopes = [versions.ALL, versions.edition(2025)]
    planned = versions.now()
    before = versions.current(*scopes)
    assert versioning.deliver({"scopes": scopes, "at": planned - 10**9}, "e1") is None
    assert versions.current(*scopes) == before  # newer than the event: nothing to do
    versioning.deliver({"scopes": scopes, "at": versions.now() + 10**6}, "e2")
    assert all(versions.current(*scopes)[s] > before[s] for s in scopes)


def test_versions_never_go_back(demo_api):
    far = versions.now() + 10**12
    cache.set(versions.PREFIX + versions.ALL, far)
    versions.bump([versions.ALL])
    assert versions.current(versions.ALL)[versions.ALL] == far + 1


@pytest.mark.parametrize("coding,decode", [("gzip", gzip.decompress), ("br", brotli.decompress)])
def test_large_answers_are_compressed_as_the_client_accepts(client, demo_api, coding, decode):
    url = "/api/v1/editions/2025/schedule.json"
    packed = [client.get(url, HTTP_ACCEPT_ENCODING=f"{coding}, identity;q=0.5") for _ in range(2)]
    plain = client.get(url)  # rendered by the first request, then from the cache
    assert "Content-Encoding" not in plain
    for answer in packed:
        assert answer["Content-Encoding"] == coding
        assert int(answer["Content-Length"]) == len(answer.content) < len(plain.content)
        assert decode(answer.content) == plain.content
        assert "Accept-Encoding" in answer["Vary"]
    refused = client.get(url, HTTP_ACCEPT_ENCODING=f"{coding};q=0")
    assert "Content-Encoding" not in refused and refused.content == plain.content


def test_answers_are_kept_apart_by_language_host_and_parameters(client, demo_api):
    bg = client.get("/api/v1/sessions/?year=2025&locale=bg")
    en = client.get("/api/v1/sessions/?year=2025&locale=en")
    en_header = client.get("/api/v1/sessions/?year=2025", HTTP_ACCEPT_LANGUAGE="en")
    assert bg.json()["results"][0]["locale"] == "bg"
    assert en.json()["results"][0]["locale"] == "en"
    assert en_header.json()["results"][0]["locale"] == "en"
    one = client.get("/api/v1/editions/2025/", HTTP_HOST="testserver")
    other = client.get("/api/v1/editions/2025/", HTTP_HOST="localhost")
    assert b"http://testserver/" in one.content and b"http://testserver/" not in other.content
    small = client.get("/api/v1/sessions/?year=2025&page_size=2").json()
    assert len(small["results"]) == 2


def test_errors_are_not_kept(client, demo_api):
    assert client.get("/api/v1/editions/1999/schedule.json").status_code == 404
    assert client.get("/api/v1/sessions/?year=abc").status_code == 400
    assert client.get("/api/v1/sessions/?page_size=0").status_code == 400
    assert client.get("/api/v1/editions/1999/schedule.json").status_code == 404
    ims = client.get(
        "/api/v1/editions/1999/schedule.json",
        HTTP_IF_MODIFIED_SINCE="Fri, 01 Jan 2100 00:00:00 GMT",
    )
    assert ims.status_code == 404


def test_graphql_answers_are_kept_but_not_ones_with_errors(client, demo_api):
    body = {"query": AGENDA, "variables": {"year": 2025}}
    first = client.post("/graphql/", body, format="json")
    assert first.status_code == 200 and "ETag" not in first
    assert first["Cache-Control"] == "no-store"
    with CaptureQueriesContext(connection) as queries:
        again = client.post("/graphql/", body, format="json")
    assert again.content == first.content and len(queries) == 0
    failing = {
        "query": '{ edition(year: 2025) { year } bad: edition(year: 2025, locale: "xx") { year } }'
    }
    answer = client.post("/graphql/", failing, format="json")
    assert answer.status_code == 200 and "errors" in answer.json()
    with CaptureQueriesContext(connection) as queries:
        client.post("/graphql/", failing, format="json")
    assert len(queries) > 0  # rendered again: an answer with errors is not kept
    got = client.get("/graphql/", {"query": AGENDA, "variables": json.dumps({"year": 2025})})
    conditional = client.get(
        "/graphql/",
        {"query": AGENDA, "variables": json.dumps({"year": 2025})},
        HTTP_IF_NONE_MATCH=got["ETag"],
    )
    assert conditional.status_code == 304


def test_a_cold_answer_is_rendered_once_while_others_wait(demo_api, settings):
    settings.API_RESPONSE_CACHE_WAIT = 30
    factory = RequestFactory()
    scopes = [versions.ALL]
    first = ResponseCache(factory.get("/api/v1/x/"), scopes=scopes, language="bg")
    assert first.answer() is None and first.lock_key  # this one renders
    got = {}

    def wait():
        waiter = ResponseCache(factory.get("/api/v1/x/"), scopes=scopes, language="bg")
        got["response"] = waiter.answer()
        got["locked"] = waiter.lock_key

    thread = threading.Thread(target=wait)
    thread.start()
    from django.http import HttpResponse

    rendered = HttpResponse(b'{"rendered": 1}', content_type="application/json")
    first.finish(rendered)
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert got["locked"] is None and got["response"].content == b'{"rendered": 1}'
    assert first.lock_key is None and cache.get("api-render:" + first.key) is None


def test_an_unreachable_cache_still_answers(client, demo_api, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2},
        }
    }
    response = client.get("/api/v1/editions/2025/schedule.json")
    assert response.status_code == 200 and response["ETag"]
    again = client.get("/api/v1/editions/2025/schedule.json", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_hidden_people_do_not_survive_in_cached_answers(client, demo_api):
    from cms.conference.models import SessionSpeaker

    link = (
        SessionSpeaker.objects.filter(
            session__url_path__contains="/2025/", session__locale__language_code="bg"
        )
        .select_related("person")
        .first()
    )
    person = Person.objects.get(pk=link.person_id)
    url = "/api/v1/editions/2025/schedule.json?locale=bg"
    assert person.name.encode() in client.get(url).content
    person.unpublish()
    assert person.name.encode() not in client.get(url).content


def test_the_admin_language_cookie_does_not_choose_the_answer_language(client, demo_api):
    client.cookies["django_language"] = "bg"
    english = client.get("/api/v1/editions/2025/agenda.ics", HTTP_ACCEPT_LANGUAGE="en")
    assert english["Content-Language"] == "en"
    categories = [
        line for line in english.content.decode().splitlines() if line.startswith("CATEGORIES")
    ]
    assert categories and any("Keynote" in line or "Talk" in line for line in categories)
    assert not any("Доклад" in line for line in categories)
    listing = client.get("/api/v1/sessions/?year=2025", HTTP_ACCEPT_LANGUAGE="en-GB,bg;q=0.5")
    assert listing["Content-Language"] == "en"
    assert {item["locale"] for item in listing.json()["results"]} == {"en"}
    bulgarian = client.get("/api/v1/sessions/?year=2025", HTTP_ACCEPT_LANGUAGE="de, bg;q=0.8")
    assert bulgarian["Content-Language"] == "bg"


def test_bulk_commands_make_cached_answers_stale(client, demo_api):
    from django.core.management import get_commands, load_command_class

    bulk = ("generate_editions", "load_demo", "edition_import", "edition_clone")
    for name in bulk:
        command = load_command_class(get_commands()[name], name)
        assert getattr(command.handle, "__wrapped__", None) is not None, name

    cached = client.get("/api/v1/sessions/?year=2025&locale=bg&page_size=100")
    session = (
        SessionPage.objects.live()
        .filter(url_path__contains="/2025/", locale__language_code="bg")
        .first()
    )
    SessionPage.objects.filter(pk=session.pk).update(title="Changed in bulk")  # no signal

    @versions.invalidates_answers
    def command():
        raise RuntimeError("a command that fails half-way")

    with pytest.raises(RuntimeError):
        command()
    again = client.get("/api/v1/sessions/?year=2025&locale=bg&page_size=100")
    assert again["ETag"] != cached["ETag"] and b"Changed in bulk" in again.content
