import datetime

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale

from cms.conference.models import EditionPage, SessionPage, VenuePage
from cms.conference.services import EditionCloneError, edition_clone


def test_edition_clone_copies_structure_in_every_language_without_sessions(demo):
    source = EditionPage.objects.get(year=2027, locale__language_code="bg")
    clone = edition_clone(source=source, year=2028)

    assert (clone.year, clone.live, clone.status) == (2028, False, "draft")
    assert clone.start_date == datetime.date(2028, 3, 24)
    assert clone.end_date - clone.start_date == source.end_date - source.start_date
    assert clone.slug == "2028" and "2028" in clone.title
    assert list(clone.rooms.values_list("name", flat=True)) == list(
        source.rooms.values_list("name", flat=True)
    )
    assert list(clone.tracks.values_list("slug", flat=True)) == ["policy", "business", "innovation"]
    assert list(clone.partnerships.values_list("organisation__slug", "role", "tier")) == list(
        source.partnerships.values_list("organisation__slug", "role", "tier")
    )
    assert not SessionPage.objects.child_of(clone).exists()
    assert VenuePage.objects.child_of(clone).filter(live=False).count() == 1

    en = Locale.objects.get(language_code="en")
    english = clone.get_translation(en)
    assert english.get_parent().specific.locale == en
    assert english.year == 2028 and "2028" in english.title
    assert list(english.rooms.values_list("name", flat=True)) == [
        "Innovation Forum – Main Hall",
        "Hall 2",
        "B2B area",
    ]
    assert english.rooms.first().translation_key == clone.rooms.first().translation_key
    assert (
        english.get_children().first().translation_key
        == clone.get_children().first().translation_key
    )
    assert Group.objects.filter(name__startswith="Editors 2028").exists()


def test_edition_clone_refuses_an_existing_year(demo):
    source = EditionPage.objects.get(year=2025, locale__language_code="bg")
    before = EditionPage.objects.count()
    with pytest.raises(EditionCloneError) as error:
        edition_clone(source=source, year=2026)
    assert "2026" in error.value.message_dict["year"][0]
    assert EditionPage.objects.count() == before


def test_edition_clone_from_the_english_edition_starts_from_the_source_language(demo):
    source = EditionPage.objects.get(year=2027, locale__language_code="en")
    clone = edition_clone(source=source, year=2029)
    assert clone.locale.language_code == "bg"
    assert clone.get_translations().count() == 1


def test_edition_clone_moves_29_february_to_28(edition, locales):
    edition.year, edition.slug = 2024, "2024"
    edition.start_date, edition.end_date = datetime.date(2024, 2, 29), datetime.date(2024, 3, 1)
    edition.save()
    clone = edition_clone(source=edition, year=2025)
    assert clone.start_date == datetime.date(2025, 2, 28)
    assert clone.end_date == datetime.date(2025, 3, 1)
