"""Agenda releases: what a snapshot holds (the public agenda only, both languages), when a
release is refused, and the diff between two releases."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from wagtail.models import GroupPagePermission, Locale

from cms.conference import release_diff, releases, schedule
from cms.conference.models import EditionPage, Release, Room, SessionPage, SessionSpeaker
from cms.core.ids import guid
from tests.search import content

pytestmark = pytest.mark.django_db
SOFIA = content.SOFIA
YEAR = 2093


def at(hour, minute=0, day=24):
    return datetime.datetime(YEAR, 3, day, hour, minute, tzinfo=SOFIA)


@pytest.fixture
def en():
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def edition(en):
    conference = content.conference()
    content.translation(conference, en, "Conference")
    page = content.edition(conference, YEAR)
    for sort_order, name in enumerate(("Зала Север", "Зала Юг")):
        Room.objects.create(edition=page, name=name, locale=page.locale, sort_order=sort_order)
    content.translation(page, en, f"Edition {YEAR}", venue_name="Sofia Tech Park")
    return EditionPage.objects.get(pk=page.pk)


def add(edition, title, start, end, *, room=None, speakers=(), slug=None):
    page = SessionPage(
        title=title,
        slug=slug or f"s-{abs(hash(title)) % 10**8}",
        start=start,
        end=end,
        room=room,
        locale=edition.locale,
    )
    page.speakers = [SessionSpeaker(person=p, role=role) for p, role in speakers]
    edition.add_child(instance=page)
    return content.publish(page)


def translate(page, en, title):
    """The English translation of a session, in the English edition's copy of its room."""
    room = page.room and Room.objects.filter(translation_key=page.room.translation_key, locale=en)
    return content.translation(page, en, title, room=room.first() if room else None)


def rooms(edition):
    return list(edition.rooms.order_by("sort_order"))


def release(edition, **kwargs):
    kwargs.setdefault("note_bg", "Бележка")
    return releases.release_create(edition=edition, **kwargs)


def test_a_snapshot_holds_the_public_agenda_in_both_languages_and_nothing_else(edition, en):
    north, _south = rooms(edition)
    maria = content.person("Мария Петрова", slug="maria-r")
    talk = add(
        edition, "Отворени данни", at(10), at(11), room=north, speakers=[(maria, "moderator")]
    )
    translate(talk, en, "Open data")
    content.draft_session(edition, "Чернова", slug="draft-only")
    # A change saved but not published stays out.
    talk.title = "Заглавие в чернова"
    talk.save_revision()

    snapshot, digests = releases.snapshot_build(year=YEAR)

    assert [s["title"] for s in snapshot["sessions"]] == [
        {"bg": "Отворени данни", "en": "Open data"}
    ]
    session = snapshot["sessions"][0]
    assert session["guid"] == guid("session", talk.translation_key)
    assert session["start"] == "2093-03-24T10:00:00+02:00"
    assert session["room"] == guid("room", north.translation_key)
    assert session["speakers"][0]["role"] == "moderator"
    assert session["speakers"][0]["name"]["bg"] == "Мария Петрова"
    assert session["cancelled"] is False
    assert snapshot["edition"]["title"] == {"bg": f"Издание {YEAR}", "en": f"Edition {YEAR}"}
    assert {r["name"]["bg"] for r in snapshot["rooms"]} == {"Зала Север", "Зала Юг"}
    assert set(digests) == {"agenda", "bg", "en"}
    text = str(snapshot)
    assert "Чернова" not in text and "Заглавие в чернова" not in text


def test_releasing_twice_without_a_change_is_refused_and_drafts_are_no_change(edition):
    talk = add(edition, "Кръгова икономика", at(10), at(11))
    first = release(edition)
    assert (first.number, first.version) == (1, "v1")
    assert first.counts["sessions"] == 1

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        release(edition)
    assert "Nothing has changed" in " ".join(refused.value.messages)
    assert "v1" in " ".join(refused.value.messages)

    talk.title = "Само чернова"
    talk.save_revision()  # not published: the public agenda is the same
    with pytest.raises(ValidationError):
        release(edition)
    assert Release.objects.filter(edition_key=edition.translation_key).count() == 1

    schedule.session_update(session=talk, title="Кръгова икономика и клъстери")
    second = release(edition, note_en="Renamed")
    assert (second.number, second.version) == (2, "v2")
    assert second.changes == {"added": 0, "removed": 0, "changed": 1}


def test_an_edition_the_public_cannot_see_is_not_released(edition):
    add(edition, "Сесия", at(10), at(11))
    edition.unpublish()
    # The English edition is still public, without sessions: the Bulgarian one sits under an
    # unpublished page, so the public agenda (and the release) is empty.
    assert release(edition).counts["sessions"] == 0
    for page in edition.get_translations():
        page.unpublish()
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        release(edition)
    assert "not public" in " ".join(refused.value.messages)
    assert Release.objects.filter(edition_key=edition.translation_key).count() == 1


@pytest.mark.parametrize(
    "version",
    ["latest", "LATEST", "feed.atom", "в2", "v١", "../v2", "v 2", "-v2", "x" * 33, "v2/diff"],
)
def test_bad_version_names_are_refused(edition, version):
    add(edition, "Сесия", at(10), at(11))
    with pytest.raises(ValidationError) as refused:
        release(edition, version=version)
    assert "version" in refused.value.message_dict


def test_a_version_name_is_used_once_per_edition_and_a_note_is_required(edition):
    talk = add(edition, "Сесия", at(10), at(11))
    release(edition, version="2093-03")
    schedule.session_update(session=talk, title="Сесия 2")
    with pytest.raises(ValidationError) as taken:
        release(edition, version="2093-03")
    assert "version" in taken.value.message_dict
    with pytest.raises(ValidationError) as no_note:
        releases.release_create(edition=edition, note_bg=" ", note_en="")
    assert "note_bg" in no_note.value.message_dict
    with pytest.raises(ValidationError) as long_note:
        release(edition, note_bg="д" * 501)
    assert "note_bg" in long_note.value.message_dict
    assert release(edition).version == "v2"


def test_the_diff_names_moved_renamed_cancelled_added_and_removed_sessions(edition, en):
    north, south = rooms(edition)
    maria = content.person("Мария Петрова", slug="maria-d")
    georgi = content.person("Георги Иванов", slug="georgi-d")
    moved = add(edition, "Преместена", at(10), at(11), room=north, speakers=[(maria, "speaker")])
    renamed = add(edition, "Старо заглавие", at(11), at(12), room=north)
    translate(renamed, en, "Old title")
    cancelled = add(edition, "Отменена", at(12), at(13), room=north)
    removed = add(edition, "Премахната", at(13), at(14), room=north)
    same = add(edition, "Непроменена", at(14), at(15), room=north, speakers=[(georgi, "host")])
    v1 = release(edition)

    schedule.session_move(session=moved, start=at(15, day=25), end=at(16, day=25), room=south)
    schedule.session_update(session=renamed, title="Ново заглавие")
    schedule.session_update(session=cancelled, cancelled=True)
    added = add(edition, "Добавена", at(9), at(10), room=south, speakers=[(georgi, "speaker")])
    removed.unpublish()
    v2 = release(edition)

    result = release_diff.diff(v1.snapshot, v2.snapshot)
    by_guid = {item["guid"]: item for item in result["sessions"]}
    key = lambda page: guid("session", page.translation_key)  # noqa: E731
    assert result["summary"] == {"added": 1, "removed": 1, "changed": 3}
    assert v2.changes == result["summary"]
    assert key(same) not in by_guid

    item = by_guid[key(moved)]
    assert item["status"] == "changed"
    assert set(item["changes"]) == {"start", "end", "room"}
    assert item["changes"]["start"] == {
        "before": "2093-03-24T10:00:00+02:00",
        "after": "2093-03-25T15:00:00+02:00",
    }
    assert item["changes"]["room"]["before"]["name"]["bg"] == "Зала Север"
    assert item["changes"]["room"]["after"]["name"]["bg"] == "Зала Юг"

    item = by_guid[key(renamed)]
    assert item["changes"] == {
        "title": {
            "before": {"bg": "Старо заглавие", "en": "Old title"},
            "after": {"bg": "Ново заглавие", "en": "Old title"},
        }
    }
    assert by_guid[key(cancelled)]["changes"] == {"cancelled": {"before": False, "after": True}}

    item = by_guid[key(added)]
    assert item["status"] == "added"
    assert item["session"]["room"]["name"]["bg"] == "Зала Юг"
    assert item["session"]["speakers"][0]["name"]["bg"] == "Георги Иванов"
    assert by_guid[key(removed)]["status"] == "removed"
    assert by_guid[key(removed)]["title"]["bg"] == "Премахната"
    # In time order: the added 9:00 session first, the moved one (now on day two) last.
    assert result["sessions"][0]["guid"] == key(added)
    assert result["sessions"][-1]["guid"] == key(moved)

    bg = " ".join(release_diff.summary_lines(result, "bg"))
    assert "Преместена" in bg and "25.03.2093 15:00, Зала Юг" in bg
    assert "Ново заглавие" in bg and "Старо заглавие" in bg
    assert "Отменена" in bg and "Добавена" in bg and "Премахната" in bg
    english = release_diff.summary_lines(result, "en")
    assert any(line.startswith("Moved:") for line in english)
    assert any(line.startswith("Cancelled:") for line in english)
    assert any("“Old title”" in line for line in english)


def test_speaker_and_role_changes_show_in_the_diff(edition):
    maria = content.person("Мария Петрова", slug="maria-s")
    georgi = content.person("Георги Иванов", slug="georgi-s")
    talk = add(edition, "Панел", at(10), at(11), speakers=[(maria, "moderator")])
    v1 = release(edition)
    schedule.session_update(session=talk, speakers=[(maria, "panelist"), (georgi, "moderator")])
    v2 = release(edition)
    (item,) = release_diff.diff(v1.snapshot, v2.snapshot)["sessions"]
    assert set(item["changes"]) == {"speakers"}
    assert [p["role"] for p in item["changes"]["speakers"]["before"]] == ["moderator"]
    assert [(p["name"]["bg"], p["role"]) for p in item["changes"]["speakers"]["after"]] == [
        ("Мария Петрова", "panelist"),
        ("Георги Иванов", "moderator"),
    ]


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("rel-admin", "rel@example.com", "pw")
    client.force_login(user)
    return client


def test_an_editor_releases_from_the_admin_and_a_second_release_is_refused(edition, admin_client):
    talk = add(edition, "Сесия от админа", at(10), at(11))
    url = reverse("conference_edition_releases", args=[edition.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert b'value="v1"' in page.content

    done = admin_client.post(url, {"version": "", "note_bg": "Първа програма", "note_en": ""})
    assert done.status_code == 302
    made = Release.objects.get(edition_key=edition.translation_key)
    assert (made.version, made.note_bg, made.released_by.username) == (
        "v1",
        "Първа програма",
        "rel-admin",
    )

    again = admin_client.post(url, {"version": "", "note_bg": "Пак", "note_en": ""})
    assert again.status_code == 200
    assert "v1" in again.context["form"].non_field_errors()[0]
    assert Release.objects.filter(edition_key=edition.translation_key).count() == 1

    schedule.session_move(session=talk, start=at(11), end=at(12))
    listing = admin_client.get(url)
    assert [line for line in listing.context["pending_lines"] if "Сесия от админа" in line]
    bad = admin_client.post(url, {"version": "v1", "note_bg": "x", "note_en": ""})
    assert "version" in bad.context["form"].errors
    hostile = admin_client.post(url, {"version": "v١٢", "note_bg": "x" * 501})
    assert {"version", "note_bg"} <= set(hostile.context["form"].errors)
    assert Release.objects.filter(edition_key=edition.translation_key).count() == 1


def test_an_editor_who_may_not_publish_sees_releases_but_cannot_release(
    edition, client, django_user_model
):
    add(edition, "Сесия", at(10), at(11))
    group = Group.objects.create(name=f"Edit only {YEAR}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=edition, permission=Permission.objects.get(codename="change_page")
    )
    user = django_user_model.objects.create_user("rel-editor", "ed@example.com", "pw")
    user.groups.add(group)
    client.force_login(user)
    url = reverse("conference_edition_releases", args=[edition.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["may_release"] is False
    assert client.post(url, {"note_bg": "Опит"}).status_code in (302, 403)
    assert not Release.objects.filter(edition_key=edition.translation_key).exists()
    outsider = django_user_model.objects.create_user("rel-outsider", "o@example.com", "pw")
    outsider.groups.add(Group.objects.get_or_create(name=f"Admin only {YEAR}")[0])
    client.force_login(outsider)
    assert client.get(url).status_code in (302, 403)


def test_the_demo_has_two_releases_of_its_latest_edition_with_real_changes(demo_db):
    from cms.conference import demo_data

    spec = demo_data.RELEASES
    latest = EditionPage.objects.filter(locale__language_code="bg").order_by("-year").first()
    assert latest.year == spec["year"]
    found = list(Release.objects.filter(edition_key=latest.translation_key).order_by("number"))
    assert [r.version for r in found] == ["v1", "v2"]
    assert found[0].released_at < found[1].released_at
    result = release_diff.diff(found[0].snapshot, found[1].snapshot)
    slugs = {
        item["status"]
        + ":"
        + (item["session"]["slug"]["bg"] if item["status"] != "removed" else "")
        for item in result["sessions"]
    }
    assert slugs == {
        f"changed:{spec['moved']['slug']}",
        f"changed:{spec['renamed']['slug']}",
        f"changed:{spec['reinstated']}",
        f"added:{spec['added']}",
        "removed:",
    }
    changes = {item["session"]["slug"]["bg"]: item.get("changes") for item in result["sessions"]}
    assert set(changes[spec["moved"]["slug"]]) == {"start", "end"}
    assert changes[spec["renamed"]["slug"]]["title"]["before"]["en"] == spec["renamed"]["title"][1]
    assert changes[spec["reinstated"]] == {"cancelled": {"before": True, "after": False}}
    # v2 is the agenda the public sees today.
    snapshot, digests = releases.snapshot_build(year=latest.year)
    assert digests["agenda"] == found[1].digests["agenda"]


def test_a_session_added_already_cancelled_is_said_to_be_cancelled(edition):
    talk = add(edition, "Отменена от самото начало", at(10), at(11))
    schedule.session_update(session=talk, cancelled=True)
    first = release(edition)
    assert first.counts["cancelled"] == 1
    lines = release_diff.summary_lines(release_diff.diff({}, first.snapshot), "en")
    assert lines == ["Added, cancelled: “Отменена от самото начало” (2093-03-24 10:00)."]
