import html

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.conference.models import EditionPage, SessionPage

from .conftest import at


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")
    client.force_login(user)
    return client


def session_form(**overrides):
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


def test_admin_refuses_a_session_outside_the_edition_with_a_message(admin_client, edition):
    response = admin_client.post(
        f"/admin/pages/add/conference/sessionpage/{edition.pk}/",
        session_form(start="2025-04-01 10:00", end="2025-04-01 11:00"),
    )
    assert response.status_code == 200
    assert "извън датите на изданието (2025-03-26 – 2025-03-27)" in response.content.decode()
    assert not SessionPage.objects.filter(slug="nova-sesiya").exists()


def test_admin_refuses_a_session_ending_before_it_starts(admin_client, edition):
    response = admin_client.post(
        f"/admin/pages/add/conference/sessionpage/{edition.pk}/",
        session_form(start="2025-03-26 12:00", end="2025-03-26 11:00"),
    )
    assert response.status_code == 200
    assert "Сесията трябва да завършва след началото си." in response.content.decode()
    assert not SessionPage.objects.filter(slug="nova-sesiya").exists()


def test_admin_offers_only_the_edition_rooms(admin_client, edition):
    response = admin_client.get(f"/admin/pages/add/conference/sessionpage/{edition.pk}/")
    room_field = response.context["form"].fields["room"]
    assert set(room_field.queryset) == set(edition.rooms.all())


def test_admin_warns_about_a_room_clash_but_saves(admin_client, edition, add_session):
    room = edition.rooms.first()
    add_session("Keynote", at(26, 10), at(26, 11), room=room)
    response = admin_client.post(
        f"/admin/pages/add/conference/sessionpage/{edition.pk}/",
        session_form(room=str(room.pk), start="2025-03-26 10:30", end="2025-03-26 11:30"),
        follow=True,
    )
    assert SessionPage.objects.filter(slug="nova-sesiya").exists()
    messages = [str(m) for m in get_messages(response.wsgi_request)] or [
        str(m) for m in response.context["messages"]
    ]
    assert "Зала „Зала 1“ по това време е заета и от „Keynote“." in messages, messages


def test_admin_clone_view_creates_the_next_edition(admin_client, demo):
    source = EditionPage.objects.get(year=2027, locale__language_code="bg")
    page = admin_client.get(f"/admin/editions/{source.pk}/clone/")
    assert page.status_code == 200 and b"2028" in page.content
    response = admin_client.post(f"/admin/editions/{source.pk}/clone/", {"year": 2028})
    clone = EditionPage.objects.get(year=2028, locale__language_code="bg")
    assert response.status_code == 302 and response["Location"].endswith(f"/pages/{clone.pk}/edit/")


def test_admin_clone_view_explains_an_existing_year(admin_client, demo):
    source = EditionPage.objects.get(year=2027, locale__language_code="bg")
    response = admin_client.post(f"/admin/editions/{source.pk}/clone/", {"year": 2026})
    assert response.status_code == 200
    assert "Издание за 2026 г. вече съществува." in response.content.decode()


def test_admin_edit_page_shows_the_clone_action(admin_client, edition):
    response = admin_client.get(f"/admin/pages/{edition.pk}/edit/")
    assert f"/admin/editions/{edition.pk}/clone/".encode() in response.content


def test_admin_translation_workflow_is_available_for_editions(admin_client, demo):
    edition = EditionPage.objects.get(year=2027, locale__language_code="bg")
    response = admin_client.get(f"/admin/localize/submit/page/{edition.pk}/")
    assert response.status_code == 200
    english = edition.get_translation(edition.locale.__class__.objects.get(language_code="en"))
    assert admin_client.get(f"/admin/pages/{english.pk}/edit/").status_code == 200


def test_admin_speaks_english_to_an_editor_who_prefers_it(admin_client, edition):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(get_user_model().objects.get(username="boss"))
    profile.preferred_language = "en"
    profile.save()
    response = admin_client.post(
        f"/admin/pages/add/conference/sessionpage/{edition.pk}/",
        session_form(start="2025-04-01 10:00", end="2025-04-01 11:00"),
    )
    page = html.unescape(response.content.decode())
    assert "starts outside the edition's dates (2025-03-26 – 2025-03-27)" in page
