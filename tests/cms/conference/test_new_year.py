"""A new year without opening a session page: start 2028 from 2027 with its timetable skeleton,
import the programme from a spreadsheet, move two sessions, publish; the public API shows it."""

import datetime
import io
import zoneinfo

import openpyxl
import pytest
from wagtail.models import Locale

from cms.conference import agenda_import, schedule
from cms.conference.models import EditionPage, SessionPage
from cms.conference.services import edition_clone
from cms.people.models import Person

SKELETON = ("break", "ceremony", "b2b", "networking")


def sheet(rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def local(day, hhmm, tz):
    hour, minute = map(int, hhmm.split(":"))
    return datetime.datetime.combine(day, datetime.time(hour, minute), tz)


@pytest.mark.django_db(transaction=False)
def test_an_editor_builds_2028_from_2027_without_opening_a_session_page(demo, client):
    source = EditionPage.objects.get(year=2027, locale__language_code="bg")
    skeleton = SessionPage.objects.child_of(source).filter(session_type__in=SKELETON)
    kept = list(source.partnerships.order_by("sort_order")[:3])

    new = edition_clone(
        source=source,
        year=2028,
        session_types=SKELETON,
        partnerships=[p.pk for p in kept],
    )
    carried = SessionPage.objects.child_of(new)
    assert carried.count() == skeleton.count() > 0
    assert new.partnerships.count() == 3
    en = Locale.objects.get(language_code="en")
    for page in (new, new.get_translation(en)):
        page.save_revision().publish()

    tz = zoneinfo.ZoneInfo(new.timezone)
    day = new.start_date
    hall = new.rooms.order_by("sort_order")[1]
    speaker = Person.objects.filter(locale=new.locale, live=True).order_by("name").first()
    content = sheet(
        [
            [
                "Дата",
                "Начало",
                "Край",
                "Зала",
                "Заглавие",
                "Заглавие на английски",
                "Вид",
                "Лектори",
                "Език",
            ],
            [
                day,
                datetime.time(17, 0),
                datetime.time(17, 30),
                hall.name,
                "Данни за клъстери",
                "Cluster data",
                "Лекция",
                speaker.name,
                "bg",
            ],
            [
                day.strftime("%d.%m.%Y"),
                "17:30",
                "18:15",
                hall.name,
                "Кръгла маса за износ",
                "Export round table",
                "Панелна дискусия",
                f"{speaker.name} (модератор)\nНово Лице (панелист)",
                "bg-en",
            ],
        ]
    )
    plan = agenda_import.plan_import(
        edition=new, source=agenda_import.parse(content, filename="programme-2028.xlsx")
    )
    assert plan.counts == {"create": 2, "change": 0, "unchanged": 0, "problem": 0}, [
        str(p) for p in plan.problems
    ]
    agenda_import.apply(plan)
    again = agenda_import.plan_import(
        edition=new, source=agenda_import.parse(content, filename="programme-2028.xlsx")
    )
    assert again.counts["unchanged"] == 2 and not again.has_work

    by_title = {s.title: s for s in SessionPage.objects.child_of(new)}
    talk, panel = by_title["Данни за клъстери"], by_title["Кръгла маса за износ"]
    skeleton_session = carried.order_by("start").first()
    # Two moves on the board: the talk to the morning in the first room, a session of the
    # skeleton right after it.
    main = new.rooms.order_by("sort_order")[0]
    schedule.session_move(
        session=talk, start=local(day, "08:00", tz), end=local(day, "08:30", tz), room=main
    )
    moved = (local(day, "08:30", tz), local(day, "09:00", tz))
    schedule.session_move(session=skeleton_session, start=moved[0], end=moved[1], room=main)

    published = schedule.sessions_publish(edition=new)
    assert published == carried.count()  # the skeleton and the two imported sessions
    assert not SessionPage.objects.child_of(new).filter(live=False).exists()

    body = client.get("/api/v1/sessions/?year=2028&locale=en&page_size=100").json()
    titles = {s["title"]: s for s in body["results"]}
    assert {"Cluster data", "Export round table"} <= set(titles)
    assert titles["Cluster data"]["start"].startswith(f"{day.isoformat()}T08:00")
    english_skeleton = skeleton_session.get_translation(en)
    entry = next(s for s in body["results"] if s["id"] == english_skeleton.pk)
    assert entry["start"].startswith(f"{day.isoformat()}T08:30")
    speakers = [(s["name"], s["role"]) for s in titles["Export round table"]["speakers"]]
    assert [role for _name, role in speakers] == ["moderator", "panelist"]
    assert panel.speakers.count() == 2
