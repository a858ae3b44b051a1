"""A speaker's job title and organisation on a session are those of that appearance when it names
them, else the person's current ones: in REST, GraphQL, JSON-LD and the agenda exports. The
speaker's own profile keeps the current ones; an unpublished organisation never shows."""

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from cms.conference import agenda
from cms.conference.models import SessionSpeaker
from cms.people.models import Organisation, Person
from tests.api import factories
from tests.api.conftest import results

THEN, NOW = 2035, 2037
CURRENT_TITLE, THEN_TITLE, HIDDEN_TITLE = "Current Title X", "Earlier Title Y", "Title Z"
ORG_A, ORG_B_BG, ORG_B_EN = "Organisation A", "Организация Б", "Organisation B"
HIDDEN_ORG = "Unpublished Organisation C"
GRAPHQL = """query($year: Int!, $locale: String) { sessions(year: $year, locale: $locale) {
  id title speakers { role person { name jobTitle organisation { id name } } } } }"""


def _appearance(session, person, **fields):
    SessionSpeaker.objects.filter(session=session, person=person).update(**fields)


@pytest.fixture
def affiliation(db):
    """A person now "Current Title X" at organisation A; in THEN they spoke as "Earlier Title Y"
    at organisation B (bilingual) and, in a second session, as "Title Z" at an organisation that
    is now unpublished; in NOW their appearance names nothing of its own."""
    conference = factories.conference()
    then = factories.edition(conference, year=THEN, size=1)
    now = factories.edition(conference, year=NOW, size=1)
    org_a = factories.organisation(ORG_A)
    org_b = factories.organisation(ORG_B_BG)
    org_b_en = factories.snippet(
        Organisation, name=ORG_B_EN, locale=factories.en(), translation_key=org_b.translation_key
    )
    hidden = factories.organisation(HIDDEN_ORG)
    hidden.unpublish()
    person = factories.person("Affiliated Person", organisation=org_a)
    Person.objects.filter(pk=person.pk).update(job_title=CURRENT_TITLE)
    old = factories.session(then, index=0, title="Session then", speakers=[person])
    _appearance(old, person, job_title=THEN_TITLE, organisation=org_b)
    hidden_session = factories.session(then, index=1, title="Session hidden", speakers=[person])
    _appearance(hidden_session, person, job_title=HIDDEN_TITLE, organisation=hidden)
    new = factories.session(now, index=0, title="Session now", speakers=[person])
    return {
        "person": person,
        "org_a": org_a,
        "org_b": org_b,
        "org_b_en": org_b_en,
        "old": old,
        "hidden": hidden_session,
        "new": new,
    }


def _detail_person(client, session, locale):
    response = client.get(f"/api/v1/sessions/{session.pk}/?locale={locale}")
    assert response.status_code == 200, response.content[:300]
    (speaker,) = response.json()["speakers"]
    return speaker["person"], response.json()["jsonld"]["performer"]


def test_session_detail_shows_the_appearance_title_and_organisation(client, affiliation):
    person, performer = _detail_person(client, affiliation["old"], "bg")
    assert person["job_title"] == THEN_TITLE
    assert (person["organisation"]["id"], person["organisation"]["name"]) == (
        affiliation["org_b"].pk,
        ORG_B_BG,
    )
    assert performer == [
        {
            "@type": "Person",
            "name": "Affiliated Person",
            "jobTitle": THEN_TITLE,
            "affiliation": {"@type": "Organization", "name": ORG_B_BG},
        }
    ]


def test_session_detail_in_english_shows_the_organisation_translation(client, affiliation):
    person, performer = _detail_person(client, affiliation["old"], "en")
    assert person["job_title"] == THEN_TITLE
    assert person["organisation"]["id"] == affiliation["org_b_en"].pk
    assert person["organisation"]["name"] == ORG_B_EN
    assert performer[0]["affiliation"]["name"] == ORG_B_EN


@pytest.mark.parametrize("locale", ["bg", "en"])
def test_appearance_without_its_own_values_shows_the_current_ones(client, affiliation, locale):
    person, performer = _detail_person(client, affiliation["new"], locale)
    assert person["job_title"] == CURRENT_TITLE
    assert person["organisation"]["name"] == ORG_A
    assert performer[0]["jobTitle"] == CURRENT_TITLE
    assert performer[0]["affiliation"]["name"] == ORG_A


@pytest.mark.parametrize("locale", ["bg", "en"])
def test_unpublished_appearance_organisation_shows_no_organisation(client, affiliation, locale):
    person, performer = _detail_person(client, affiliation["hidden"], locale)
    assert person["job_title"] == HIDDEN_TITLE
    assert person["organisation"] is None
    assert performer[0]["jobTitle"] == HIDDEN_TITLE and "affiliation" not in performer[0]


def test_session_list_items_show_the_appearance_organisation(client, affiliation):
    by_title = {
        item["title"]: item
        for year in (THEN, NOW)
        for item in results(client.get(f"/api/v1/sessions/?year={year}&locale=en"))
    }
    org_b_en = affiliation["org_b_en"]
    assert by_title["Session then"]["speakers"][0]["organisation"] == {
        "id": org_b_en.pk,
        "name": ORG_B_EN,
    }
    assert by_title["Session hidden"]["speakers"][0]["organisation"] is None
    assert by_title["Session now"]["speakers"][0]["organisation"]["name"] == ORG_A
    expanded = results(
        client.get(f"/api/v1/sessions/?year={THEN}&locale=en&expand=speakers,jsonld")
    )
    expanded = {item["title"]: item for item in expanded}
    then = expanded["Session then"]
    assert then["speakers"][0]["person"]["job_title"] == THEN_TITLE
    assert then["speakers"][0]["person"]["organisation"]["name"] == ORG_B_EN
    assert then["jsonld"]["performer"][0]["affiliation"]["name"] == ORG_B_EN
    assert expanded["Session hidden"]["speakers"][0]["person"]["organisation"] is None


def test_speaker_profile_keeps_the_current_title_and_organisation(client, affiliation):
    person = affiliation["person"]
    for locale in ("bg", "en"):
        profile = client.get(f"/api/v1/speakers/{person.pk}/?locale={locale}").json()
        assert profile["job_title"] == CURRENT_TITLE
        assert profile["organisation"]["name"] == ORG_A
        assert len(profile["appearances"]) == 3
        item = next(
            s
            for s in results(client.get(f"/api/v1/speakers/?year={THEN}&locale={locale}"))
            if s["id"] == person.pk
        )
        assert (item["job_title"], item["organisation"]["name"]) == (CURRENT_TITLE, ORG_A)


@pytest.mark.parametrize("locale", ["bg", "en"])
def test_graphql_session_speakers_show_the_appearance_values(client, affiliation, locale):
    expected_b = ORG_B_EN if locale == "en" else ORG_B_BG
    seen = {}
    for year in (THEN, NOW):
        body = client.post(
            "/graphql/",
            {"query": GRAPHQL, "variables": {"year": year, "locale": locale}},
            format="json",
        ).json()
        assert "errors" not in body, body
        for session in body["data"]["sessions"]:
            person = session["speakers"][0]["person"]
            organisation = person["organisation"]
            seen[session["title"]] = (person["jobTitle"], organisation and organisation["name"])
    assert seen["Session then"] == (THEN_TITLE, expected_b)
    assert seen["Session hidden"] == (HIDDEN_TITLE, None)
    assert seen["Session now"] == (CURRENT_TITLE, ORG_A)


def test_agenda_rows_carry_the_appearance_values(affiliation):
    english = Locale.objects.get(language_code="en")
    rows = {s.title: s for s in agenda.agenda_get(year=THEN, locale=english).sessions}
    ((person, _role),) = rows["Session then"].speakers_l
    assert (person.job_title, person.organisation_l.name) == (THEN_TITLE, ORG_B_EN)
    ((person, _role),) = rows["Session hidden"].speakers_l
    assert (person.job_title, person.organisation_l) == (HIDDEN_TITLE, None)
    rows = {s.title: s for s in agenda.agenda_get(year=NOW, locale=english).sessions}
    ((person, _role),) = rows["Session now"].speakers_l
    assert (person.job_title, person.organisation_l.name) == (CURRENT_TITLE, ORG_A)


def test_csv_shows_the_appearance_title_and_organisation(client, affiliation):
    rows = {}
    for year in (THEN, NOW):
        response = client.get(f"/api/v1/editions/{year}/agenda.csv?locale=en")
        assert response.status_code == 200
        text = response.content.decode("utf-8-sig")
        rows.update((r["title"], r) for r in csv.DictReader(io.StringIO(text)))
    name = "Affiliated Person"
    assert rows["Session then"]["speakers"] == name
    assert rows["Session then"]["speaker_affiliations"] == f"{name} ({THEN_TITLE}, {ORG_B_EN})"
    assert rows["Session hidden"]["speaker_affiliations"] == f"{name} ({HIDDEN_TITLE})"
    assert rows["Session now"]["speaker_affiliations"] == f"{name} ({CURRENT_TITLE}, {ORG_A})"


def test_frab_lists_the_speaker_by_name_only(client, affiliation):
    # The frab formats have no field for a job title or an organisation.
    body = client.get(f"/api/v1/editions/{THEN}/schedule.xml?locale=en").content.decode()
    persons = [p.text for p in ET.fromstring(body).iter("person")]
    assert persons.count("Affiliated Person") == 2
    data = client.get(f"/api/v1/editions/{THEN}/schedule.json?locale=en").json()
    events = [
        event
        for day in data["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    ]
    assert [p["name"] for e in events for p in e["persons"]].count("Affiliated Person") == 2
    for text in (body, str(data)):
        assert CURRENT_TITLE not in text and ORG_A not in text


def test_an_unpublished_organisation_appears_nowhere(client, affiliation):
    responses = [
        client.get(f"/api/v1/sessions/{affiliation['hidden'].pk}/?locale=en"),
        client.get(f"/api/v1/sessions/?year={THEN}&expand=speakers,jsonld"),
        client.get(f"/api/v1/sessions/{affiliation['hidden'].pk}/session.ics"),
        client.post("/graphql/", {"query": GRAPHQL, "variables": {"year": THEN}}, format="json"),
    ]
    for export in ("schedule.xml", "schedule.json", "agenda.ics", "agenda.csv"):
        responses.append(client.get(f"/api/v1/editions/{THEN}/{export}"))
    for response in responses:
        assert response.status_code == 200
        assert HIDDEN_ORG not in response.content.decode("utf-8-sig")


def _queries(client, url):
    assert client.get(url).status_code == 200  # warm-up: renditions, content types, site root
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_query_counts_do_not_grow_with_appearance_organisations(client, affiliation, settings):
    settings.API_RESPONSE_CACHE = False
    then = affiliation["old"].get_parent().specific
    urls = [
        f"/api/v1/sessions/?year={THEN}&locale=en",
        f"/api/v1/sessions/?year={THEN}&locale=en&expand=speakers,jsonld",
        f"/api/v1/editions/{THEN}/agenda.csv?locale=en",
        f"/api/v1/editions/{THEN}/schedule.json?locale=en",
    ]
    before = [_queries(client, url) for url in urls]
    for index in range(2, 8):
        person = factories.person(organisation=factories.organisation())
        session = factories.session(then, index=index, speakers=[person])
        _appearance(session, person, job_title="Then", organisation=factories.organisation())
    after = [_queries(client, url) for url in urls]
    assert before == after, dict(zip(urls, zip(before, after, strict=True), strict=True))


def test_demo_shows_a_2025_affiliation_beside_the_current_one(client, demo_api):
    def petar(year, slug):
        items = results(client.get(f"/api/v1/sessions/?year={year}&locale=en&expand=speakers"))
        session = next(s for s in items if s["slug"] == slug)
        return next(
            sp["person"] for sp in session["speakers"] if sp["person"]["name"] == "Petar Angelov"
        )

    then = petar(2025, "startups")
    assert (then["job_title"], then["organisation"]["name"]) == (
        "Startup Programme Lead",
        "Sofia Tech Park",
    )
    now = petar(2027, "startup-pitch")
    assert (now["job_title"], now["organisation"]["name"]) == ("Founder", "Mechatronica Labs")
    profile = client.get(f"/api/v1/speakers/{now['id']}/?locale=en").json()
    assert (profile["job_title"], profile["organisation"]["name"]) == (
        "Founder",
        "Mechatronica Labs",
    )
