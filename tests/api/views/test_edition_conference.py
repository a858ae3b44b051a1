"""An edition's conference block: title, acronym, contact e-mail and social links."""

import pytest

from tests.api import factories
from tests.api.graphql.test_schema import gql

pytestmark = pytest.mark.django_db


def test_edition_detail_names_its_conference_in_the_requested_language(client, demo_api):
    expected = {"bg": "Национална клъстерна конференция", "en": "National Cluster Conference"}
    links = {}
    for locale, title in expected.items():
        body = client.get(f"/api/v1/editions/2027/?locale={locale}").json()
        conference = body["conference"]
        assert conference["title"] == title
        assert conference["acronym"] == "ncc"
        assert conference["contact_email"] == "info@cluster-conference.example"
        assert [link["network"] for link in conference["social_links"]] == [
            "linkedin",
            "facebook",
            "youtube",
        ]
        links[locale] = conference["social_links"]
    # One set of profiles for every language of the series.
    assert links["bg"] == links["en"]


def test_edition_list_items_stay_without_the_conference(client, demo_api):
    item = client.get("/api/v1/editions/?locale=en").json()["results"][0]
    assert "conference" not in item


def test_graphql_edition_has_the_conference(client, demo_api):
    query = (
        'query($year: Int!) { edition(year: $year, locale: "en") '
        "{ conference { title acronym contactEmail socialLinks { network url } } } }"
    )
    status, body = gql(client, query, year=2025)
    assert status == 200 and "errors" not in body, body
    conference = body["data"]["edition"]["conference"]
    assert conference["title"] == "National Cluster Conference"
    assert conference["socialLinks"][0] == {
        "network": "linkedin",
        "url": "https://www.linkedin.com/company/cluster-conference-example",
    }


def test_conference_without_contact_or_profiles_gives_empty_values(client):
    factories.edition(factories.conference(), year=2061)
    body = client.get("/api/v1/editions/2061/?locale=bg").json()
    assert body["conference"]["contact_email"] == ""
    assert body["conference"]["social_links"] == []
    assert body["conference"]["title"].startswith("Test conference")


def test_unpublished_social_links_stay_out(client):
    conference = factories.conference()
    factories.edition(conference, year=2062)
    conference.social_links = [("link", {"network": "x", "url": "https://x.example/live"})]
    conference = factories.publish(conference)
    draft = conference.get_latest_revision_as_object()
    draft.social_links = [("link", {"network": "x", "url": "https://x.example/draft"})]
    draft.save_revision()  # saved, not published
    links = client.get("/api/v1/editions/2062/?locale=bg").json()["conference"]["social_links"]
    assert links == [{"network": "x", "url": "https://x.example/live"}]
