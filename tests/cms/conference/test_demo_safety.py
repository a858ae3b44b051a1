"""`load_demo` beside content it did not create: refuse, never re-point, never resurrect."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Locale, Page, Site

from cms.conference.demo import demo_identity
from cms.conference.models import ConferencePage, EditionPage, SessionPage
from cms.core.models import DemoRecord
from cms.people.models import Industry, Organisation, Person, Topic


def load_demo(**options):
    out = io.StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Page, SessionPage, Person, Organisation, Topic, Industry, Site, DemoRecord)
    }


@pytest.fixture
def blank_site(db, locales, settings, tmp_path):
    """A database as Wagtail's migrations leave it: root, welcome page, default Site, no content.

    Suites that share one loaded demo per worker commit it, so clear it inside this test's
    transaction first.
    """
    settings.MEDIA_ROOT = tmp_path / "media"
    DemoRecord.objects.all().delete()
    Site.objects.all().delete()
    for page in Page.objects.filter(depth=2):
        page.delete()
    for model in (Person, Organisation, Topic, Industry):
        model.objects.all().delete()
    home = Page.get_first_root_node().add_child(
        instance=Page(title="Welcome to your new Wagtail site!", slug="home")
    )
    return Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)


@pytest.fixture
def real_site(blank_site, locales):
    """A site an organiser built: its own conference page as the default Site's root, a person."""
    bg, _ = locales
    home = blank_site.root_page
    conference = Page.get_first_root_node().add_child(
        instance=ConferencePage(
            title="Нашата конференция", slug="national-cluster-conference", locale=bg
        )
    )
    conference.save_revision().publish()
    blank_site.root_page = conference
    blank_site.site_name = "Our conference"
    blank_site.save()
    home.delete()
    Person.objects.create(name="Мария Петрова", slug="maria-petrova", locale=bg)
    return Site.objects.get(pk=blank_site.pk)


def demo_session(year, slug, code):
    return SessionPage.objects.filter(
        translation_key=demo_identity(f"session:{year}:{slug}"), locale__language_code=code
    ).first()


def test_load_demo_on_blank_site_serves_the_demo(blank_site):
    output = load_demo()
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.translation_key == demo_identity("conference")
    assert "edition 2027" in output and "Demo ready" in output
    assert DemoRecord.objects.filter(key="site").exists()


def test_load_demo_on_real_site_refused_without_force(real_site):
    before = counts()
    with pytest.raises(CommandError, match="--force") as refused:
        load_demo()
    assert "Нашата конференция" in str(refused.value)
    assert counts() == before
    site = Site.objects.get(is_default_site=True)
    assert (site.root_page_id, site.site_name) == (real_site.root_page_id, "Our conference")


def test_load_demo_with_other_content_refused_without_force(blank_site, locales):
    Topic.objects.create(name="Роботика", slug="robotics", locale=locales[0])
    before = counts()
    with pytest.raises(CommandError, match=r"Topic snippets \(1\)"):
        load_demo()
    assert counts() == before


def test_load_demo_forced_on_real_site_keeps_its_default_site(real_site):
    load_demo(force=True)
    site = Site.objects.get(is_default_site=True)
    assert (site.root_page_id, site.site_name) == (real_site.root_page_id, "Our conference")
    assert Site.objects.count() == 1
    demo = ConferencePage.objects.get(
        translation_key=demo_identity("conference"), locale__language_code="bg"
    )
    assert demo.slug != real_site.root_page.slug  # the organiser's slug stays theirs
    theirs = Person.objects.get(slug="maria-petrova", locale__language_code="bg")
    assert theirs.translation_key != demo_identity("person:maria-petrova")
    ours = Person.objects.get(
        translation_key=demo_identity("person:maria-petrova"), locale__language_code="bg"
    )
    assert ours.slug != "maria-petrova"
    assert EditionPage.objects.child_of(demo).count() == 3


def test_load_demo_does_not_repoint_a_default_site_an_editor_changed(demo, locales):
    bg, _ = locales
    own = Page.get_first_root_node().add_child(
        instance=ConferencePage(title="Друга конференция", slug="other-conference", locale=bg)
    )
    site = Site.objects.get(is_default_site=True)
    site.root_page = own
    site.save()
    with pytest.raises(CommandError):
        load_demo()
    load_demo(force=True)
    assert Site.objects.get(is_default_site=True).root_page_id == own.pk


def test_load_demo_leaves_a_deleted_session_deleted(demo):
    before = counts()
    for code in ("bg", "en"):
        demo_session(2025, "tech-parks-panel", code).delete()
    load_demo()
    assert demo_session(2025, "tech-parks-panel", "bg") is None
    assert demo_session(2025, "tech-parks-panel", "en") is None
    assert counts()["SessionPage"] == before["SessionPage"] - 2


def test_load_demo_leaves_a_deleted_translation_deleted(demo):
    demo_session(2025, "tech-parks-panel", "en").delete()
    bg = Locale.objects.get(language_code="bg")
    Person.objects.get(slug="maria-petrova", locale=bg).get_translation(
        Locale.objects.get(language_code="en")
    ).delete()
    before = counts()
    load_demo()
    assert counts() == before
    assert demo_session(2025, "tech-parks-panel", "en") is None


def test_load_demo_after_session_slug_renamed_makes_no_duplicate(demo):
    before = counts()
    session = demo_session(2025, "tech-parks-panel", "bg")
    session.slug = "panel-tech-parks"
    session.save_revision().publish()
    load_demo()
    assert counts() == before
    edition = session.get_parent()
    slugs = set(SessionPage.objects.child_of(edition).values_list("slug", flat=True))
    assert "panel-tech-parks" in slugs and "tech-parks-panel" not in slugs


@pytest.mark.parametrize("codes", [("bg",), ("bg", "en")])
def test_load_demo_after_person_slug_renamed_makes_no_duplicate(demo, codes):
    before = counts()
    for person in Person.objects.filter(
        translation_key=demo_identity("person:maria-petrova"), locale__language_code__in=codes
    ):
        person.slug = "maria-petrova-ivanova"
        person.save_revision().publish()
    load_demo()
    assert counts() == before
    assert not Person.objects.filter(slug="maria-petrova", locale__language_code="bg").exists()
