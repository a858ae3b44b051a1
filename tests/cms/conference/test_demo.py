import io

from django.core.management import call_command
from wagtail.models import Locale, Page

from cms.conference.models import EditionPage, Partnership, SessionPage, SessionSpeaker
from cms.people.models import Industry, Organisation, Person, Topic

MODELS = [
    EditionPage,
    SessionPage,
    SessionSpeaker,
    Partnership,
    Person,
    Organisation,
    Topic,
    Industry,
    Page,
]


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_load_demo_twice_gives_the_same_counts(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    first = _counts()
    call_command("load_demo", stdout=io.StringIO())
    assert _counts() == first
    assert first["EditionPage"] == 6  # three editions, two languages each


def test_demo_has_three_editions_in_both_languages(demo):
    for code in ("bg", "en"):
        locale = Locale.objects.get(language_code=code)
        years = sorted(
            EditionPage.objects.live().filter(locale=locale).values_list("year", flat=True)
        )
        assert years == [2025, 2026, 2027]


def test_demo_first_edition_follows_the_seed(demo):
    edition = EditionPage.objects.get(year=2025, locale__language_code="bg")
    assert (edition.start_date.isoformat(), edition.end_date.isoformat()) == (
        "2025-03-26",
        "2025-03-27",
    )
    assert edition.venue_name == "София Тех Парк"
    roles = {
        p.organisation.slug: p.role for p in edition.partnerships.select_related("organisation")
    }
    assert roles["ministry-of-economy"] == "patron"
    assert roles["bca"] == "organiser"
    assert roles["bsmepa"] == roles["arc-een"] == "co_organiser"
    assert roles["sofia-tech-park"] == "venue_host"
    panel = SessionPage.objects.child_of(edition).get(slug="tech-parks-panel")
    assert panel.session_type == "panel"
    panel_roles = sorted(panel.speakers.values_list("role", flat=True))
    assert panel_roles == ["moderator", "panelist", "panelist", "panelist"]
    covered = set(
        SessionPage.objects.child_of(edition)
        .values_list("topics__slug", flat=True)
        .exclude(topics=None)
    )
    programme = {
        "startups",
        "industry-4-0",
        "digitisation",
        "external-markets",
        "cluster-management",
        "cluster-policies",
        "networking-models",
        "talent",
        "funding",
    }
    assert programme <= covered
    assert set(edition.industries.values_list("slug", flat=True)) == {
        "mechatronics-cleantech",
        "biotech",
        "creative-recreational",
        "ict",
        "automotive",
    }


def test_demo_speakers_and_partners_return_across_editions(demo):
    bg = Locale.objects.get(language_code="bg")
    maria = Person.objects.get(slug="maria-petrova", locale=bg)
    years = {
        s.session.get_parent().specific.year for s in SessionSpeaker.objects.filter(person=maria)
    }
    assert years == {2025, 2026, 2027}
    bca_years = set(
        Partnership.objects.filter(organisation__slug="bca", organisation__locale=bg).values_list(
            "edition__year", flat=True
        )
    )
    assert bca_years == {2025, 2026, 2027}


def test_demo_english_translations_are_linked_and_translated(demo):
    bg, en = (Locale.objects.get(language_code=c) for c in ("bg", "en"))
    for session in SessionPage.objects.filter(locale=bg):
        translation = session.get_translation(en)
        assert translation.live
        assert translation.title != session.title or session.title.isascii()
        if session.room_id:
            assert translation.specific.room.locale_id == en.pk
    for person in Person.objects.filter(locale=bg):
        assert person.get_translation(en).name != person.name
