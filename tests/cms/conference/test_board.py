"""The agenda board: its payload, its page and its JSON endpoints."""

import datetime
import json

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale

from cms.conference import board, schedule
from cms.conference.models import EditionPage, Room, SessionPage
from cms.conference.synthetic import SyntheticGenerator
from cms.people.models import Person

from .conftest import at


@pytest.fixture
def boss(db):
    return User.objects.create_superuser("boss", "boss@example.com", "pw")


@pytest.fixture
def admin(client, boss):
    client.force_login(boss)
    return client


@pytest.fixture
def outsider(db):
    user = User.objects.create_user("outsider", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def url(name, edition):
    return reverse(f"conference_agenda_{name}", args=[edition.pk])


def post(client, name, edition, body):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(url(name, edition), data=data, content_type="application/json")


def card_of(payload, session_id):
    return next(c for c in payload["sessions"] + payload["unscheduled"] if c["id"] == session_id)


# ---- the payload ----


def test_payload_describes_days_rooms_time_tracks_and_cards(edition, people, add_session, boss):
    hall1, hall2 = edition.rooms.order_by("sort_order")
    maria, georgi = people
    talk = add_session("Доклад", at(26, 10), at(26, 11), room=hall1, speakers=[maria])
    clash = add_session("Сблъсък", at(26, 10, 30), at(26, 11, 30), room=hall1)
    elsewhere = add_session("Другаде", at(26, 10, 45), at(26, 12), room=hall2, speakers=[maria])
    plenary = add_session("Откриване", at(26, 7, 40), at(26, 8, 5))
    late = add_session("Вечеря", at(27, 19, 0), at(27, 21, 2))
    schedule.session_create(edition=edition, title="Без час", speakers=[(georgi, "host")])

    payload = board.board_payload(edition, boss)

    assert payload["edition"]["days"] == ["2025-03-26", "2025-03-27"]
    assert payload["edition"]["timezone"] == "Europe/Sofia"
    assert [r["id"] for r in payload["rooms"]] == [None, hall1.pk, hall2.pk]
    assert payload["rooms"][0]["all"] and payload["rooms"][1]["name"] == "Зала 1"
    # From min(08:00, 07:40) to max(19:00, 21:02 snapped up to 21:05).
    assert (payload["time"]["start"], payload["time"]["end"]) == ("07:40", "21:05")
    assert (payload["time"]["snap"], payload["time"]["grid"]) == (5, 15)
    assert payload["tracks"] == [
        {"id": edition.tracks.get().pk, "name": "Политики", "colour": "#1f6feb"}
    ]

    card = card_of(payload, talk.pk)
    assert card["start"] == "2025-03-26T10:00" and card["end"] == "2025-03-26T11:00"
    assert (card["room"], card["day"], card["status"], card["type"]) == (
        hall1.pk,
        "2025-03-26",
        "live",
        "talk",
    )
    assert card["type_label"] and card["status_label"]
    [speaker] = card["speakers"]
    assert (speaker["id"], speaker["name"], speaker["role"]) == (
        maria.pk,
        "Мария Петрова",
        "speaker",
    )
    assert speaker["role_label"]
    assert card["edit_url"] == reverse("wagtailadmin_pages:edit", args=[talk.pk])
    kinds = sorted(p["kind"] for p in card["problems"])
    assert kinds == ["room", "speaker"]
    assert any(p["session"] == clash.pk for p in card["problems"] if p["kind"] == "room")
    assert any(p["session"] == elsewhere.pk for p in card["problems"] if p["kind"] == "speaker")
    assert card_of(payload, plenary.pk)["room"] is None
    assert card_of(payload, plenary.pk)["problems"] == []
    assert card_of(payload, late.pk)["placed"]

    unscheduled = payload["unscheduled"]
    assert [c["title"] for c in unscheduled] == ["Без час"]
    assert unscheduled[0]["status"] == "draft" and unscheduled[0]["start"] is None
    assert unscheduled[0]["speakers"][0]["role"] == "host"
    assert payload["permissions"] == {"edit": True, "add": True, "publish": True}
    json.dumps(payload)  # plain data


def test_a_session_outside_the_days_goes_to_the_side_list_with_its_problem(
    edition, add_session, boss
):
    outside = add_session("Извън", at(27, 10), at(27, 11))
    # The page editor refuses it; an import or an edition's new dates can leave one there.
    SessionPage.objects.filter(pk=outside.pk).update(start=at(28, 10), end=at(28, 11))
    payload = board.board_payload(edition, boss)
    card = card_of(payload, outside.pk)
    assert card in payload["unscheduled"] and not card["placed"]
    assert card["problems"][0]["kind"] == "dates"


def test_the_board_shows_the_latest_draft_and_changed_status(edition, add_session, boss):
    talk = add_session("Доклад", at(26, 10), at(26, 11))
    draft = talk.get_latest_revision_as_object()
    draft.title = "Нов доклад"
    draft.start, draft.end = at(26, 14), at(26, 15)
    draft.save_revision()
    card = card_of(board.board_payload(edition, boss), talk.pk)
    assert (card["title"], card["start"], card["status"]) == (
        "Нов доклад",
        "2025-03-26T14:00",
        "changed",
    )


def test_the_payload_reads_in_constant_queries(
    edition, add_session, people, boss, django_assert_num_queries
):
    hall1, hall2 = edition.rooms.order_by("sort_order")
    for hour in (9, 10, 11):
        add_session(f"Сесия {hour}", at(26, hour), at(26, hour, 45), room=hall1, speakers=people)
    talk = add_session("Промяна", at(26, 12), at(26, 13), room=hall2)
    talk.save_revision()  # unpublished changes: read from the revision
    schedule.session_create(edition=edition, title="Без час")
    board.board_payload(edition, boss)  # caches of the first request (content types, locales)
    boss = User.objects.get(pk=boss.pk)  # no cached permissions
    with CaptureQueriesContext(connection) as few:
        small = board.board_payload(edition, boss)
    assert len(small["sessions"]) + len(small["unscheduled"]) == 5

    SyntheticGenerator(editions=1, sessions=300, seed=1).run()
    big = EditionPage.objects.get(year=2000)
    for session in SessionPage.objects.child_of(big)[:20]:
        session.save_revision()
    boss = User.objects.get(pk=boss.pk)
    with django_assert_num_queries(len(few)):
        payload = board.board_payload(big, boss)
    assert len(payload["sessions"]) + len(payload["unscheduled"]) == 300
    assert sum(1 for c in payload["sessions"] if c["status"] == "changed") == 20
    assert all(c["speakers"] and c["speakers"][0]["name"] != "?" for c in payload["sessions"])


def test_translation_states_per_locale(demo, boss):
    edition = EditionPage.objects.get(year=2027, locale__language_code="bg")
    en = Locale.objects.get(language_code="en")
    opening = SessionPage.objects.child_of(edition).get(slug__contains="opening")
    keynote = SessionPage.objects.child_of(edition).get(slug__contains="markets-keynote")
    new = schedule.session_create(edition=edition, title="Нова сесия").session
    keynote.get_translation(en).delete()
    english_opening = opening.get_translation(en).specific
    english_opening.save_revision().publish()

    payload = board.board_payload(edition, boss)
    assert payload["edition"]["locale"] == "bg"

    def state(page):
        translations = card_of(payload, page.pk)["translations"]
        assert [t["locale"] for t in translations] == ["en"]
        return translations[0]["state"]

    assert state(opening) == "live"
    assert state(keynote) == "missing"
    assert state(new) == "needs_translation"
    boss_client = Client()
    boss_client.force_login(boss)
    response = post(
        boss_client,
        "create",
        edition,
        {"title": "Панел за данни", "title_en": "A panel on data", "type": "panel"},
    )
    assert response.status_code == 201, response.content
    card = response.json()["card"]
    assert card["translations"][0]["state"] == "draft"
    created = SessionPage.objects.get(pk=card["id"])
    assert created.get_translation(en).title == "A panel on data"
    english_new = new.get_translation(en).specific
    english_new.title = english_new.draft_title = "New session"
    english_new.save_revision()
    SessionPage.objects.filter(pk=english_new.pk).update(draft_title="New session")
    assert card_of(board.board_payload(edition, boss), new.pk)["translations"][0]["state"] == (
        "draft"
    )
    # The English edition's board is the source edition's board.
    english_edition = edition.get_translation(en)
    assert board.board_payload(english_edition, boss)["edition"]["id"] == edition.pk


# ---- the page ----


def test_the_board_page_renders_the_payload_and_the_script(admin, edition, add_session):
    add_session("Доклад", at(26, 10), at(26, 11))
    response = admin.get(url("board", edition))
    assert response.status_code == 200
    body = response.content.decode()
    assert "conference/agenda_board.js" in body and "conference/agenda_board.css" in body
    payload = json.loads(
        body.split('id="agenda-board-data" type="application/json">')[1].split("</script>")[0]
    )
    assert [card["title"] for card in payload["sessions"]] == ["Доклад"]
    assert payload["urls"]["move"] == url("move", edition)
    assert payload["strings"]["undo"]
    try:
        conflicts = reverse("conference_agenda_conflicts", args=[edition.pk])
    except Exception:
        conflicts = None
    if conflicts:
        assert f'href="{conflicts}"' in body


def test_the_edition_editor_links_to_the_board(admin, edition):
    response = admin.get(reverse("wagtailadmin_pages:edit", args=[edition.pk]))
    assert response.status_code == 200
    assert url("board", edition) in response.content.decode()


def test_the_data_endpoint_answers_the_payload(admin, edition, add_session):
    talk = add_session("Доклад", at(26, 10), at(26, 11))
    response = admin.get(url("data", edition))
    assert response.status_code == 200
    assert card_of(response.json(), talk.pk)["title"] == "Доклад"


# ---- moves ----


def test_a_move_is_accepted_and_published(admin, edition, add_session):
    hall1, hall2 = edition.rooms.order_by("sort_order")
    talk = add_session("Доклад", at(26, 10), at(26, 11), room=hall1)
    response = post(
        admin,
        "move",
        edition,
        {
            "session": talk.pk,
            "start": "2025-03-27T14:05",
            "end": "2025-03-27T15:05",
            "room": hall2.pk,
        },
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["published"] is True and data["warnings"] == []
    assert data["card"]["start"] == "2025-03-27T14:05" and data["card"]["room"] == hall2.pk
    talk.refresh_from_db()
    assert (talk.start, talk.end, talk.room_id) == (at(27, 14, 5), at(27, 15, 5), hall2.pk)
    assert card_of(data["board"], talk.pk)["day"] == "2025-03-27"


def test_a_move_keeps_the_room_or_makes_a_plenary(admin, edition, add_session):
    hall1 = edition.rooms.order_by("sort_order").first()
    talk = add_session("Доклад", at(26, 10), at(26, 11), room=hall1)
    body = {"session": talk.pk, "start": "2025-03-26T10:00", "end": "2025-03-26T11:30"}
    assert post(admin, "move", edition, {**body, "room": "keep"}).status_code == 200
    talk.refresh_from_db()
    assert (talk.end, talk.room_id) == (at(26, 11, 30), hall1.pk)
    assert post(admin, "move", edition, body).status_code == 200  # room left out: kept
    assert post(admin, "move", edition, {**body, "room": None}).status_code == 200
    talk.refresh_from_db()
    assert talk.room_id is None


def test_a_move_into_an_occupied_room_is_refused_and_changes_nothing(admin, edition, add_session):
    hall1, hall2 = edition.rooms.order_by("sort_order")
    add_session("Заета", at(26, 10), at(26, 11), room=hall1)
    talk = add_session("Доклад", at(26, 14), at(26, 15), room=hall2)
    before = (talk.start, talk.end, talk.room_id, talk.latest_revision_id)
    response = post(
        admin,
        "move",
        edition,
        {
            "session": talk.pk,
            "start": "2025-03-26T10:30",
            "end": "2025-03-26T11:30",
            "room": hall1.pk,
        },
    )
    assert response.status_code == 400
    assert "Заета" in response.json()["errors"]["room"][0]
    talk.refresh_from_db()
    assert (talk.start, talk.end, talk.room_id, talk.latest_revision_id) == before


def test_a_move_outside_the_edition_is_refused(admin, edition, add_session):
    talk = add_session("Доклад", at(26, 10), at(26, 11))
    response = post(
        admin,
        "move",
        edition,
        {"session": talk.pk, "start": "2025-03-29T10:00", "end": "2025-03-29T11:00"},
    )
    assert response.status_code == 400 and "start" in response.json()["errors"]


def test_a_double_booked_speaker_is_a_warning(admin, edition, add_session, people):
    hall1, hall2 = edition.rooms.order_by("sort_order")
    add_session("Първа", at(26, 10), at(26, 11), room=hall1, speakers=people[:1])
    talk = add_session("Втора", at(26, 14), at(26, 15), room=hall2, speakers=people[:1])
    response = post(
        admin,
        "move",
        edition,
        {"session": talk.pk, "start": "2025-03-26T10:30", "end": "2025-03-26T11:00"},
    )
    assert response.status_code == 200
    warnings = response.json()["warnings"]
    assert [w["kind"] for w in warnings] == ["speaker"] and "Първа" in warnings[0]["message"]


def test_a_session_can_be_unscheduled_and_scheduled_again(admin, edition, add_session):
    talk = add_session("Доклад", at(26, 10), at(26, 11))
    response = post(admin, "move", edition, {"session": talk.pk, "start": None, "end": None})
    assert response.status_code == 200
    assert response.json()["card"] in response.json()["board"]["unscheduled"]
    response = post(
        admin,
        "move",
        edition,
        {"session": talk.pk, "start": "2025-03-26T09:00", "end": "2025-03-26T09:30"},
    )
    assert response.status_code == 200 and response.json()["card"]["placed"]


def test_an_offset_in_the_time_is_respected(admin, edition, add_session):
    talk = add_session("Доклад", at(26, 10), at(26, 11))
    response = post(
        admin,
        "move",
        edition,
        {"session": talk.pk, "start": "2025-03-26T08:00Z", "end": "2025-03-26T09:00+00:00"},
    )
    assert response.status_code == 200
    assert response.json()["card"]["start"] == "2025-03-26T10:00"  # 08:00 UTC in Sofia


# ---- creating ----


def test_create_with_an_existing_and_a_new_speaker(admin, edition, people):
    hall2 = edition.rooms.order_by("sort_order").last()
    maria = people[0]
    response = post(
        admin,
        "create",
        edition,
        {
            "title": "Нова панелна дискусия",
            "type": "panel",
            "start": "2025-03-26T15:00",
            "end": "2025-03-26T16:00",
            "room": hall2.pk,
            "speakers": [
                {"id": maria.pk, "role": "moderator"},
                {"name": "Нов Човек", "role": "panelist"},
            ],
        },
    )
    assert response.status_code == 201, response.content
    card = response.json()["card"]
    assert (card["title"], card["type"], card["status"], card["room"]) == (
        "Нова панелна дискусия",
        "panel",
        "draft",
        hall2.pk,
    )
    assert [(s["name"], s["role"]) for s in card["speakers"]] == [
        ("Мария Петрова", "moderator"),
        ("Нов Човек", "panelist"),
    ]
    session = SessionPage.objects.get(pk=card["id"])
    assert session.get_parent().pk == edition.pk and not session.live
    newcomer = Person.objects.get(name="Нов Човек")
    assert newcomer.locale_id == edition.locale_id
    assert list(session.speakers.values_list("person_id", "role")) == [
        (maria.pk, "moderator"),
        (newcomer.pk, "panelist"),
    ]


def test_a_refused_create_adds_nobody(admin, edition, add_session):
    hall1 = edition.rooms.order_by("sort_order").first()
    add_session("Заета", at(26, 10), at(26, 11), room=hall1)
    response = post(
        admin,
        "create",
        edition,
        {
            "title": "Сблъсък",
            "start": "2025-03-26T10:00",
            "end": "2025-03-26T10:30",
            "room": hall1.pk,
            "speakers": [{"name": "Никой Никакъв"}],
        },
    )
    assert response.status_code == 400 and "room" in response.json()["errors"]
    assert not Person.objects.filter(name="Никой Никакъв").exists()
    assert not SessionPage.objects.filter(title="Сблъсък").exists()


def test_create_without_a_time_is_an_unscheduled_draft(admin, edition):
    response = post(admin, "create", edition, {"title": "По-късно"})
    assert response.status_code == 201
    assert response.json()["card"] in response.json()["board"]["unscheduled"]


# ---- publishing ----


def test_publish_all_drafts_then_one(admin, edition):
    first = post(
        admin,
        "create",
        edition,
        {"title": "Първа", "start": "2025-03-26T09:00", "end": "2025-03-26T09:30"},
    ).json()["card"]
    second = post(
        admin,
        "create",
        edition,
        {"title": "Втора", "start": "2025-03-26T11:00", "end": "2025-03-26T11:30"},
    ).json()["card"]
    post(admin, "create", edition, {"title": "Без час"})

    response = post(admin, "publish", edition, {"session": first["id"]})
    assert response.status_code == 200 and response.json()["count"] == 1
    assert SessionPage.objects.get(pk=first["id"]).live
    assert not SessionPage.objects.get(pk=second["id"]).live

    response = post(admin, "publish", edition, {})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1 and data["message"]
    assert card_of(data["board"], second["id"])["status"] == "live"
    assert not SessionPage.objects.get(title="Без час").live  # unscheduled: stays a draft
    assert post(admin, "publish", edition, {}).json()["count"] == 0


# ---- the people search ----


def test_people_search(admin, edition, people, locales):
    _bg, en = locales
    Person.objects.create(name="Мария English", slug="maria-en", locale=en)
    for i in range(25):
        Person.objects.create(name=f"Мария {i:02d}", slug=f"maria-{i}", locale=edition.locale)
    response = admin.get(url("people", edition), {"q": "мария"})
    assert response.status_code == 200
    results = response.json()["results"]
    assert len(results) == 20
    assert {"id", "name", "job_title", "organisation"} <= set(results[0])
    assert all("English" not in r["name"] for r in results)
    assert admin.get(url("people", edition), {"q": ""}).json() == {"results": []}
    assert admin.get(url("people", edition), {"q": "a\x00b"}).status_code == 400


# ---- permissions and hostile input ----


def test_a_user_without_permission_gets_403(client, edition, add_session, outsider):
    talk = add_session("Доклад", at(26, 10), at(26, 11))
    client.force_login(outsider)
    # The page: Wagtail's answer to PermissionDenied in the admin (back to the dashboard).
    page = client.get(url("board", edition))
    assert (page.status_code, page["Location"]) == (302, reverse("wagtailadmin_home"))
    for name, body in [
        ("move", {"session": talk.pk, "start": None, "end": None}),
        ("create", {"title": "Х"}),
        ("publish", {}),
    ]:
        response = post(client, name, edition, body)
        assert response.status_code == 403 and response.json()["errors"]["__all__"]
    assert client.get(url("people", edition), {"q": "а"}).status_code == 403
    assert client.get(url("data", edition)).status_code == 403
    talk.refresh_from_db()
    assert talk.start == at(26, 10)


def test_an_anonymous_visitor_is_sent_to_log_in(client, edition):
    assert client.get(url("board", edition)).status_code == 302
    assert post(client, "move", edition, {}).status_code == 302


def test_an_editor_who_may_edit_but_not_publish_leaves_drafts(client, edition, add_session):
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission

    group = Group.objects.create(name="Drafters")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("change_page", "add_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=edition,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    user = User.objects.create_user("drafter", password="x")
    user.groups.add(group)
    client.force_login(user)
    talk = add_session("Доклад", at(26, 10), at(26, 11))
    assert client.get(url("board", edition)).status_code == 200
    response = post(
        client,
        "move",
        edition,
        {"session": talk.pk, "start": "2025-03-26T12:00", "end": "2025-03-26T13:00"},
    )
    assert response.status_code == 200
    assert response.json()["published"] is False
    assert response.json()["card"]["status"] == "changed"
    assert post(client, "publish", edition, {}).status_code == 403


@pytest.mark.parametrize(
    "body, field",
    [
        ("not json", "__all__"),
        ("[1, 2]", "__all__"),
        ('"text"', "__all__"),
        (b"\xff\xfe", "__all__"),
        ("[" * 100000 + "]" * 100000, "__all__"),
        ({}, "session"),
        ({"session": "abc", "start": None, "end": None}, "session"),
        ({"session": "TALK_IN_ARABIC_DIGITS", "start": None, "end": None}, "session"),
        (
            {"session": "TALK", "start": "\u0662\u0660\u0662\u0665-03-26T10:00", "end": None},
            "start",
        ),
        ({"session": True, "start": None, "end": None}, "session"),
        ({"session": 99999999999999999999, "start": None, "end": None}, "session"),
        ({"session": -1, "start": None, "end": None}, "session"),
        ({"session": 999999, "start": None, "end": None}, "session"),
        ({"session": "TALK", "end": "2025-03-26T11:00"}, "start"),
        ({"session": "TALK", "start": "yesterday", "end": "2025-03-26T11:00"}, "start"),
        ({"session": "TALK", "start": "2025-13-45T10:00", "end": "2025-03-26T11:00"}, "start"),
        ({"session": "TALK", "start": "0001-01-01T00:00+14:00", "end": None}, "start"),
        ({"session": "TALK", "start": 12, "end": "2025-03-26T11:00"}, "start"),
        ({"session": "TALK", "start": "2025-03-26T10:00", "end": None}, "end"),
        ({"session": "TALK", "start": "2025-03-26T11:00", "end": "2025-03-26T10:00"}, "end"),
        (
            {"session": "TALK", "start": "2025-03-26T10:00", "end": "2025-03-26T11:00", "room": 0},
            "room",
        ),
        (
            {"session": "TALK", "start": "2025-03-26T10:00", "end": "2025-03-26T11:00", "room": []},
            "room",
        ),
        (
            {
                "session": "TALK",
                "start": "2025-03-26T10:00",
                "end": "2025-03-26T11:00",
                "room": "OTHER_ROOM",
            },
            "room",
        ),
        ({"session": "OTHER_SESSION", "start": None, "end": None}, "session"),
    ],
)
def test_hostile_moves_get_400(admin, edition, add_session, conference, body, field):
    talk = add_session("Доклад", at(26, 10), at(26, 11))
    other = EditionPage(
        title="Издание 2026",
        slug="2026",
        locale=edition.locale,
        year=2026,
        start_date=datetime.date(2026, 3, 26),
        end_date=datetime.date(2026, 3, 27),
        venue_name="Другаде",
    )
    other.rooms = [Room(name="Чужда зала", locale=edition.locale)]
    conference.add_child(instance=other)
    foreign = add_session("Чужда", None, None, parent=other)
    replacements = {
        "TALK": talk.pk,
        "OTHER_ROOM": other.rooms.get().pk,
        "OTHER_SESSION": foreign.pk,
        "TALK_IN_ARABIC_DIGITS": str(talk.pk).translate(
            {ord(d): chr(0x0660 + int(d)) for d in "0123456789"}
        ),
    }
    if isinstance(body, dict):
        body = {k: replacements.get(v, v) if isinstance(v, str) else v for k, v in body.items()}
    response = post(admin, "move", edition, body)
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert field in errors and all(isinstance(m, str) and m for m in errors[field])
    talk.refresh_from_db()
    assert talk.start == at(26, 10)


@pytest.mark.parametrize(
    "body, field",
    [
        ({}, "title"),
        ({"title": "   "}, "title"),
        ({"title": 5}, "title"),
        ({"title": "x" * 256}, "title"),
        ({"title": "a\x00b"}, "title"),
        ({"title": "Добре", "type": "party"}, "type"),
        ({"title": "Добре", "type": ["talk"]}, "type"),
        ({"title": "Добре", "track": 999999}, "track"),
        ({"title": "Добре", "speakers": "Мария"}, "speakers"),
        ({"title": "Добре", "speakers": [5]}, "speakers"),
        ({"title": "Добре", "speakers": [{}]}, "speakers"),
        ({"title": "Добре", "speakers": [{"id": 999999}]}, "speakers"),
        ({"title": "Добре", "speakers": [{"name": "x" * 201}]}, "speakers"),
        ({"title": "Добре", "speakers": [{"name": "Някой", "role": "king"}]}, "speakers"),
        ({"title": "Добре", "speakers": [{"name": "Н"}] * 31}, "speakers"),
        ({"title": "Добре", "start": "2025-03-26T10:00"}, "end"),
    ],
)
def test_hostile_creates_get_400(admin, edition, body, field):
    people = Person.objects.count()
    response = post(admin, "create", edition, body)
    assert response.status_code == 400, response.content
    assert field in response.json()["errors"]
    assert not SessionPage.objects.child_of(edition).exists()
    assert Person.objects.count() == people


def test_wrong_method_and_unknown_edition(admin, edition):
    assert admin.get(url("move", edition)).status_code == 405
    assert admin.post(url("people", edition)).status_code == 405
    response = admin.post(
        reverse("conference_agenda_move", args=[999999]), data="{}", content_type="application/json"
    )
    assert response.status_code == 404 and response.json()["errors"]
    assert admin.get(reverse("conference_agenda_board", args=[999999])).status_code == 404


def test_the_move_endpoint_checks_the_csrf_header(boss, edition, add_session):
    talk = add_session("Доклад", at(26, 10), at(26, 11))
    client = Client(enforce_csrf_checks=True)
    client.force_login(boss)
    client.get(url("board", edition))
    token = client.cookies["csrftoken"].value
    body = json.dumps({"session": talk.pk, "start": "2025-03-26T12:00", "end": "2025-03-26T13:00"})
    refused = client.post(url("move", edition), body, content_type="application/json")
    assert refused.status_code == 403
    accepted = client.post(
        url("move", edition), body, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert accepted.status_code == 200


def test_a_draft_naming_a_deleted_room_goes_to_the_side_list_and_can_be_moved(
    admin, edition, add_session
):
    hall1, hall2 = edition.rooms.order_by("sort_order")
    talk = add_session("Доклад", at(26, 10), at(26, 11), room=hall1)
    draft = talk.get_latest_revision_as_object()
    draft.room = hall2
    draft.save_revision()
    Room.objects.filter(pk=hall2.pk).delete()

    card = card_of(admin.get(url("data", edition)).json(), talk.pk)
    assert not card["placed"] and card["problems"][0]["field"] == "room"
    response = post(
        admin,
        "move",
        edition,
        {"session": talk.pk, "start": "2025-03-26T12:00", "end": "2025-03-26T13:00"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["card"]["room"] is None and response.json()["card"]["placed"]
