"""Topics, industries, people, organisations, rooms and tracks are chosen in the language of the
page (or snippet) being edited; another language's object is refused with a clear message, and
translations carry their links over to the translated objects."""

import html
import re

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile
from wagtail_localize.models import TranslationSource

from cms.conference.models import EditionPage, Partnership, SessionPage, SessionSpeaker
from cms.core.widgets import ChoiceList
from cms.people.models import Industry, Organisation, Person, Topic

from .conftest import at

# Names and slugs of their own: the demo conference may share the database (demo_db).
TOPICS = [
    ("circular", "Кръгова икономика", "Circular economy"),
    ("space", "Космически технологии", "Space technologies"),
    ("nuclear", "Ядрена енергетика", "Nuclear energy"),
]


@pytest.fixture(autouse=True)
def only_this_tests_content(db):
    """The worker's database may hold the read-only demo (loaded once per worker for other suites);
    these tests compare whole lists of choices, so they start without its topics, industries,
    people and organisations (deleted inside the test's transaction, which is rolled back)."""
    for model in (Topic, Industry, Person, Organisation):
        model.objects.all().delete()


@pytest.fixture
def editor(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "pw")
    client.force_login(user)
    return client


def prefer(language):
    profile = UserProfile.get_for_user(get_user_model().objects.get(username="editor"))
    profile.preferred_language = language
    profile.save()


def bilingual(model, slug, bg_name, en_name, **fields):
    bg, en = Locale.objects.get(language_code="bg"), Locale.objects.get(language_code="en")
    source = model.objects.create(name=bg_name, slug=f"test-{slug}", locale=bg, **fields)
    translation = source.copy_for_translation(en)
    translation.name = en_name
    translation.save()
    return source, translation


@pytest.fixture
def topics(locales):
    return {slug: bilingual(Topic, slug, bg, en) for slug, bg, en in TOPICS}


@pytest.fixture
def industry(locales):
    return bilingual(Industry, "textiles", "Текстил", "Textiles")


@pytest.fixture
def english_edition(edition, locales):
    _bg, en = locales
    translation = edition.copy_for_translation(en, copy_parents=True).specific
    for room, name in zip(translation.rooms.all(), ["Hall 1", "Hall 2"], strict=True):
        room.name = name
        room.save()
    translation.save_revision().publish()
    return EditionPage.objects.get(pk=translation.pk)


def session_form(**overrides):
    """Form data of a new session (many-to-many values as tuples: nested_form_data would
    number the items of a list)."""
    data = {
        "title": "Нова сесия",
        "slug": "nova-sesiya",
        "abstract": rich_text("<p>Текст</p>"),
        "session_type": "talk",
        "start": "2025-03-26 10:00",
        "end": "2025-03-26 11:00",
        "room": "",
        "track": "",
        "language": "bg",
        "speakers": inline_formset([]),
        "materials": streamfield([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def page_text(response):
    return html.unescape(response.content.decode())


def checkbox_labels(page, name):
    """The labels of the `name` checkboxes, in page order, with their checked state."""
    pattern = (
        rf'<label[^>]*>\s*<input type="checkbox" name="{name}" value="\d+"([^>]*)>'
        r"\s*([^<]+?)\s*</label>"
    )
    found = re.findall(pattern, page)
    return [(label, "checked" in attrs) for attrs, label in found]


def test_new_bulgarian_session_offers_bulgarian_topics_as_checkboxes(editor, edition, topics):
    response = editor.get(f"/admin/pages/add/conference/sessionpage/{edition.pk}/")
    field = response.context["form"].fields["topics"]
    offered = set(field.queryset)
    assert {bg for bg, _en in topics.values()} <= offered
    assert {topic.locale for topic in offered} == {edition.locale}
    assert isinstance(field.widget, ChoiceList)
    labels = {label for label, _checked in checkbox_labels(page_text(response), "topics")}
    assert {bg for _slug, bg, _en in TOPICS} <= labels
    assert not {en for _slug, _bg, en in TOPICS} & labels


def test_new_english_session_offers_english_choices(editor, english_edition, topics, industry):
    response = editor.get(f"/admin/pages/add/conference/sessionpage/{english_edition.pk}/")
    form = response.context["form"]
    offered = set(form.fields["topics"].queryset)
    assert {en for _bg, en in topics.values()} <= offered
    assert {topic.locale for topic in offered} == {english_edition.locale}
    industries = set(form.fields["industries"].queryset)
    assert industry[1] in industries and industry[0] not in industries
    assert {room.name for room in form.fields["room"].queryset} == {"Hall 1", "Hall 2"}
    labels = {label for label, _checked in checkbox_labels(page_text(response), "topics")}
    assert {en for _slug, _bg, en in TOPICS} <= labels
    assert not {bg for _slug, bg, _en in TOPICS} & labels


def test_edit_page_lists_the_chosen_topics_first(editor, edition, topics, add_session):
    session = add_session("Сесия", at(26, 10), at(26, 11))
    session.topics = [topics["nuclear"][0]]  # last in alphabetical order
    session.save_revision().publish()
    response = editor.get(f"/admin/pages/{session.pk}/edit/")
    labels = checkbox_labels(page_text(response), "topics")
    assert labels[0] == ("Ядрена енергетика", True)
    assert len(labels) >= 3 and not any(checked for _label, checked in labels[1:])
    assert "Избрани:" in page_text(response)


def test_a_bulgarian_session_saves_bulgarian_topics(editor, edition, topics, industry):
    space, textiles = topics["space"][0], industry[0]
    response = editor.post(
        f"/admin/pages/add/conference/sessionpage/{edition.pk}/",
        session_form(topics=(str(space.pk),), industries=(str(textiles.pk),)),
    )
    assert response.status_code == 302, page_text(response)[:3000]
    session = SessionPage.objects.get(slug="nova-sesiya")
    assert list(session.topics.all()) == [space]
    assert list(session.industries.all()) == [textiles]


def test_a_crafted_english_topic_on_a_bulgarian_session_is_refused(editor, edition, topics):
    english = topics["space"][1]
    response = editor.post(
        f"/admin/pages/add/conference/sessionpage/{edition.pk}/",
        session_form(topics=(str(english.pk),)),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["topics"] == [
        "„Space technologies“ е на английски, а вие редактирате на български: изберете теми на "
        "български."
    ]
    assert "„Space technologies“ е на английски" in page_text(response)
    assert not SessionPage.objects.filter(slug="nova-sesiya").exists()


def test_the_refusal_speaks_english_to_an_english_editor(editor, edition, industry):
    prefer("en")
    response = editor.post(
        f"/admin/pages/add/conference/sessionpage/{edition.pk}/",
        session_form(industries=(str(industry[1].pk),)),
    )
    assert response.context["form"].errors["industries"] == [
        "“Textiles” is in English, but you are editing in Bulgarian: choose industries in "
        "Bulgarian."
    ]


def test_an_unknown_topic_gets_the_ordinary_message(editor, edition, topics):
    response = editor.post(
        f"/admin/pages/add/conference/sessionpage/{edition.pk}/",
        session_form(topics=("999999",)),
    )
    assert response.status_code == 200
    (message,) = response.context["form"].errors["topics"]
    assert "999999" in message and "е на английски" not in message


def test_a_crafted_english_speaker_on_a_bulgarian_session_is_refused(editor, edition, locales):
    _bg, en = locales
    person = Person.objects.create(name="Maria Petrova", slug="test-maria", locale=en)
    response = editor.post(
        f"/admin/pages/add/conference/sessionpage/{edition.pk}/",
        session_form(speakers=inline_formset([{"person": str(person.pk), "role": "speaker"}])),
    )
    assert response.status_code == 200
    child = response.context["form"].formsets["speakers"].forms[0]
    assert child.errors["person"] == [
        "„Maria Petrova“ е на английски, а вие редактирате на български: изберете хора на "
        "български."
    ]
    assert not SessionPage.objects.filter(slug="nova-sesiya").exists()
    assert not SessionSpeaker.objects.filter(person=person).exists()


def test_a_room_of_the_translated_edition_is_refused(editor, edition, english_edition):
    english_room = english_edition.rooms.first()
    response = editor.post(
        f"/admin/pages/add/conference/sessionpage/{edition.pk}/",
        session_form(room=str(english_room.pk)),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["room"] == [
        f"„{english_room.name}“ е на английски, а вие редактирате на български: изберете зали "
        "на български."
    ]


def edition_form(edition, **overrides):
    data = {
        "title": edition.title,
        "slug": edition.slug,
        "year": edition.year,
        "status": edition.status,
        "start_date": edition.start_date.isoformat(),
        "end_date": edition.end_date.isoformat(),
        "timezone": edition.timezone,
        "theme": "",
        "intro": rich_text(""),
        "venue_name": edition.venue_name,
        "venue_address": "",
        "venue_city": "София",
        "venue_postal_code": "",
        "venue_country": "BG",
        "venue_latitude": "",
        "venue_longitude": "",
        "registration_url": "",
        "rooms": inline_formset(
            [{"id": r.pk, "name": r.name, "capacity": "", "floor": ""} for r in edition.rooms.all()]
        ),
        "tracks": inline_formset(
            [
                {"id": t.pk, "name": t.name, "slug": t.slug, "color": t.color}
                for t in edition.tracks.all()
            ]
        ),
        "partnerships": inline_formset([]),
        "social_links": streamfield([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_edition_topics_and_partners_keep_to_the_edition_language(
    editor, english_edition, topics, locales
):
    bg, _en = locales
    organisation = Organisation.objects.create(name="Министерство", slug="test-mi", locale=bg)
    response = editor.post(
        f"/admin/pages/{english_edition.pk}/edit/",
        edition_form(
            english_edition,
            topics=(str(topics["space"][0].pk),),
            partnerships=inline_formset([{"organisation": str(organisation.pk), "role": "patron"}]),
        ),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["topics"] == [
        "„Космически технологии“ е на български, а вие редактирате на английски: изберете теми "
        "на английски."
    ]
    assert form.formsets["partnerships"].forms[0].errors["organisation"] == [
        "„Министерство“ е на български, а вие редактирате на английски: изберете организации "
        "на английски."
    ]
    assert not Partnership.objects.filter(edition=english_edition).exists()


def test_edition_saves_topics_of_its_language(editor, english_edition, topics):
    english = topics["nuclear"][1]
    response = editor.post(
        f"/admin/pages/{english_edition.pk}/edit/",
        edition_form(english_edition, topics=(str(english.pk),)),
    )
    assert response.status_code == 302, page_text(response)[:3000]
    draft = EditionPage.objects.get(pk=english_edition.pk).get_latest_revision_as_object()
    assert list(draft.topics.all()) == [english]


def test_person_organisation_is_chosen_in_the_person_language(editor, locales):
    bg, en = locales
    ministry, ministry_en = bilingual(Organisation, "mi", "Министерство", "Ministry")
    person = Person.objects.create(name="Мария", slug="test-maria", locale=bg)
    person.save_revision().publish()
    url = f"/admin/snippets/people/person/edit/{person.pk}/"
    offered = set(editor.get(url).context["form"].fields["organisation"].queryset)
    assert ministry in offered and ministry_en not in offered
    assert {organisation.locale for organisation in offered} == {bg}
    data = {
        "name": "Мария",
        "slug": "test-maria",
        "job_title": "",
        "organisation": str(ministry_en.pk),
        "bio": rich_text(""),
        "photo": "",
        "website": "",
        "linkedin": "",
    }
    response = editor.post(url, nested_form_data(data))
    assert response.status_code == 200
    assert response.context["form"].errors["organisation"] == [
        "„Ministry“ е на английски, а вие редактирате на български: изберете организации на "
        "български."
    ]
    response = editor.post(url, nested_form_data({**data, "organisation": str(ministry.pk)}))
    assert response.status_code == 302
    assert Person.objects.get(pk=person.pk).get_latest_revision_as_object().organisation == ministry


def test_english_page_with_bulgarian_topics_shows_their_translations(
    editor, english_edition, topics, add_session
):
    """Content from before: an English session linked to the Bulgarian topics."""
    session = add_session("Сесия", at(26, 10), at(26, 11))
    session.topics = [topics["space"][0]]
    session.save_revision().publish()
    english = session.copy_for_translation(english_edition.locale).specific
    english.save_revision().publish()
    bulgarian = topics["space"][0]
    SessionPage.topics.through.objects.filter(sessionpage=english).update(topic=bulgarian)
    revision = english.latest_revision
    revision.content["topics"] = [bulgarian.pk]
    revision.save()
    english.refresh_from_db()
    assert list(english.topics.all()) == [bulgarian]  # as stored before
    assert list(english.get_latest_revision_as_object().topics.all()) == [bulgarian]
    response = editor.get(f"/admin/pages/{english.pk}/edit/")
    labels = checkbox_labels(page_text(response), "topics")
    assert labels[0] == ("Space technologies", True)


def test_copy_for_translation_links_the_translated_topics(edition, english_edition, topics):
    session = SessionPage(
        title="Сесия", slug="s", start=at(26, 10), end=at(26, 11), locale=edition.locale
    )
    session.topics = [topics["space"][0], topics["nuclear"][0]]
    edition.add_child(instance=session)
    english = session.copy_for_translation(english_edition.locale).specific
    assert english.get_parent().pk == english_edition.pk
    assert set(english.topics.all()) == {topics["space"][1], topics["nuclear"][1]}


def test_wagtail_localize_sync_links_the_translated_topics(edition, english_edition, topics):
    session = SessionPage(
        title="Сесия", slug="s", start=at(26, 10), end=at(26, 11), locale=edition.locale
    )
    session.topics = [topics["circular"][0]]
    edition.add_child(instance=session)
    session.save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(session)
    source.create_or_update_translation(english_edition.locale, fallback=True)
    english = session.get_translation(english_edition.locale)
    assert list(english.topics.all()) == [topics["circular"][1]]
    assert list(english.get_latest_revision_as_object().topics.all()) == [topics["circular"][1]]

    # Later the Bulgarian session gets another topic; syncing again follows.
    session.topics = [topics["circular"][0], topics["nuclear"][0]]
    session.save_revision().publish()
    source.update_from_db()
    source.create_or_update_translation(english_edition.locale, fallback=True)
    english = SessionPage.objects.get(pk=english.pk)
    assert set(english.topics.all()) == {topics["circular"][1], topics["nuclear"][1]}


def test_a_topic_without_translation_is_copied_untranslated(edition, english_edition, locales):
    bg, en = locales
    lonely = Topic.objects.create(name="Само на български", slug="test-samo", locale=bg)
    Topic.objects.create(name="Taken", slug="test-samo", locale=en)  # same slug, another topic
    session = SessionPage(
        title="Сесия", slug="s", start=at(26, 10), end=at(26, 11), locale=edition.locale
    )
    session.topics = [lonely]
    edition.add_child(instance=session)
    english = session.copy_for_translation(english_edition.locale).specific
    (copy,) = english.topics.all()
    assert copy.locale == en and copy.translation_key == lonely.translation_key
    assert copy.name == "Само на български" and copy.slug == "test-samo-2"
