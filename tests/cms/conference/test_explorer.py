"""The page explorer lists an edition's sessions by start, with day, time and room columns; below
any other page it is Wagtail's explorer as before."""

import datetime
import html
import re
import zoneinfo

from anyascii import anyascii
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.text import slugify
from wagtail.models import Page
from wagtail.users.models import UserProfile

from cms.conference.models import EditionPage, SessionPage
from cms.conference.services import edition_editors_group_ensure

SOFIA = zoneinfo.ZoneInfo("Europe/Sofia")
WEEKDAYS = {
    "bg": ["понеделник", "вторник", "сряда", "четвъртък", "петък", "събота", "неделя"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
TEXTS = {
    "bg": {"columns": ["Ден", "Час", "Зала"], "all rooms": "Всички зали", "none": "не е насрочена"},
    "en": {"columns": ["Day", "Time", "Room"], "all rooms": "All rooms", "none": "not scheduled"},
}


def login(client, username, language, superuser=True):
    users = get_user_model().objects
    if superuser:
        user = users.create_superuser(username, f"{username}@example.com", "pw")
    else:
        user = users.create_user(username, password="pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return user


def edition(year, language="bg"):
    return EditionPage.objects.get(year=year, locale__language_code=language)


def add_session(parent, title, start=None, minutes=30, room=None):
    session = SessionPage(
        title=title,
        slug=f"explorer-{slugify(anyascii(title))}",
        start=start,
        end=start + datetime.timedelta(minutes=minutes) if start else None,
        room=room,
        locale=parent.locale,
    )
    parent.add_child(instance=session)
    session.save_revision().publish()
    return session


def text(fragment):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def table(response):
    """(header texts, rows of cell texts) of the listing."""
    assert response.status_code == 200
    listing = response.content.decode().split('<table class="listing', 1)[1].split("</table>")[0]
    head, body = listing.split("<tbody>", 1)
    headers = [text(cell) for cell in re.findall(r"<th\b.*?</th>", head, flags=re.S)]
    rows = [
        [text(cell) for cell in re.findall(r"<td\b.*?</td>", row, flags=re.S)]
        for row in re.findall(r"<tr\b.*?</tr>", body, flags=re.S)
    ]
    return headers, rows


def expected_cells(session, language):
    """Day, time and room of `session` as the explorer should show them, worked out here."""
    if session.start is None:
        return ["", TEXTS[language]["none"], session.room.name if session.room else ""]
    start, end = session.start.astimezone(SOFIA), session.end.astimezone(SOFIA)
    return [
        f"{WEEKDAYS[language][start.weekday()]}, {start.day}",
        f"{start:%H:%M}–{end:%H:%M}",
        session.room.name if session.room else TEXTS[language]["all rooms"],
    ]


def session_cells(response, language):
    """{page: [day, time, room]} of the listed pages; the day cut to the weekday and the day of
    the month (the month's name is Django's)."""
    headers, rows = table(response)
    day = headers.index(TEXTS[language]["columns"][0])
    return {
        page: [" ".join(row[day].split()[:2]), row[day + 1], row[day + 2]]
        for page, row in zip(response.context["pages"], rows, strict=True)
    }


def check_timetable(client, page, language):
    page.rooms.first().sessions.update(room=None)  # sessions without a room: "all rooms"
    unscheduled = add_session(page, "Неразпределена сесия" if language == "bg" else "Unplaced")
    response = client.get(f"/admin/pages/{page.pk}/")
    headers, _rows = table(response)
    assert TEXTS[language]["columns"] == [
        header for header in headers if header in TEXTS[language]["columns"]
    ]
    listed = list(response.context["pages"])
    sessions = [p for p in listed if isinstance(p, SessionPage)]
    others = [p for p in listed if not isinstance(p, SessionPage)]
    assert listed == sessions + others
    assert others == sorted(others, key=lambda p: p.path)
    scheduled = [s for s in sessions if s.start is not None]
    assert scheduled == sorted(scheduled, key=lambda s: s.start)
    assert sessions[len(scheduled) :] == [unscheduled]
    cells = session_cells(response, language)
    for session in sessions:
        assert cells[session] == expected_cells(session, language), session.title
    for other in others:
        assert cells[other] == ["", "", ""], other.title
    assert [s for s in scheduled if s.room_id is None]


def test_edition_sessions_by_start_with_day_time_and_room_in_bulgarian(client, db, demo_db):
    login(client, "explorer-bg", "bg")
    check_timetable(client, edition(2027), "bg")


def test_edition_sessions_by_start_with_day_time_and_room_in_english(client, db, demo_db):
    login(client, "explorer-en", "en")
    check_timetable(client, edition(2026, "en"), "en")


def test_the_results_fragment_is_ordered_the_same(client, db, demo_db):
    login(client, "explorer-results", "bg")
    page = edition(2026)
    full = client.get(f"/admin/pages/{page.pk}/")
    results = client.get(f"/admin/pages/{page.pk}/results/")
    assert list(results.context["pages"]) == list(full.context["pages"])
    assert session_cells(results, "bg") == session_cells(full, "bg")


def test_column_headers_choose_another_ordering(client, db, demo_db):
    login(client, "explorer-order", "en")
    page = edition(2027)
    by_title = client.get(f"/admin/pages/{page.pk}/?ordering=title").context["pages"]
    expected = Page.objects.child_of(page).order_by("title").values_list("pk", flat=True)
    assert [p.pk for p in by_title] == list(expected)
    latest_first = client.get(f"/admin/pages/{page.pk}/?ordering=-start").context["pages"]
    starts = [p.start for p in latest_first if isinstance(p, SessionPage) and p.start]
    assert starts == sorted(starts, reverse=True)
    by_room = client.get(f"/admin/pages/{page.pk}/?ordering=room").context["pages"]
    order = [p.room.sort_order for p in by_room if isinstance(p, SessionPage) and p.room]
    assert order == sorted(order)


def test_queries_do_not_grow_with_the_sessions(client, db, demo_db):
    page = edition(2027)
    user = login(client, "explorer-editor", "bg", superuser=False)
    user.groups.add(edition_editors_group_ensure(edition=page))
    url = f"/admin/pages/{page.pk}/"
    client.get(url)  # warm the per-process caches (content types, sites)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured), len(response.context["pages"])

    before, listed = queries()
    day = datetime.datetime.combine(page.start_date, datetime.time(16), tzinfo=SOFIA)
    rooms = list(page.rooms.all())
    for number in range(4):
        add_session(page, f"Допълнителна {number}", day, room=rooms[number % len(rooms)])
    add_session(page, "Без час")
    after, listed_after = queries()
    assert listed_after == listed + 5
    assert after == before


def test_another_parent_page_is_listed_as_before(client, db, demo_db):
    login(client, "explorer-conference", "en")
    conference = edition(2027).get_parent()
    response = client.get(f"/admin/pages/{conference.pk}/")
    headers, _rows = table(response)
    assert not {"Day", "Time", "Room"} & set(headers)
    assert list(response.context["table"].columns) == [
        "bulk_actions",
        "title",
        "latest_revision_created_at",
        "type",
        "status",
        "navigate",
    ]
    assert response.context["ordering"] == "-latest_revision_created_at"
    listed = list(response.context["pages"])
    assert listed == sorted(listed, key=lambda p: p.latest_revision_created_at, reverse=True)
    assert client.get(f"/admin/pages/{conference.pk}/?ordering=start").context["ordering"] == (
        "-latest_revision_created_at"
    )
    assert client.get("/admin/pages/999999/").status_code == 404
