"""An upload whose file is gone (a lost media volume, a half-restored backup) leaves the answers
without that picture; it never fails them."""

import pytest

from tests.api import factories


@pytest.fixture
def edition_without_files(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.API_RESPONSE_CACHE = False
    edition = factories.edition(factories.conference(), year=2041, size=1)
    person = edition.get_children().type(factories.SessionPage).first().specific.speakers.first()
    person = person.person
    for image in (person.photo, edition.hero_image):
        image.renditions.all().delete()
        image.file.storage.delete(image.file.name)
    return edition, person


def test_the_answers_leave_out_a_picture_whose_file_is_gone(client, edition_without_files):
    edition, person = edition_without_files
    sessions = client.get("/api/v1/sessions/?year=2041&expand=speakers")
    assert sessions.status_code == 200
    entries = [s.get("person", s) for item in sessions.json()["results"] for s in item["speakers"]]
    theirs = [entry for entry in entries if entry["id"] == person.pk]
    assert theirs and all(entry["photo"] is None for entry in theirs)
    for path in (
        f"/api/v1/speakers/{person.pk}/",
        "/api/v1/editions/2041/",
        "/api/v1/editions/2041/schedule.xml",
        "/api/v1/editions/2041/schedule.json",
    ):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
