"""Importing a programme from a spreadsheet or a frab schedule: preview, apply, re-import."""

import datetime
import io
import zoneinfo
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale, Page, Revision

from cms.conference import agenda_import, schedule
from cms.conference.models import (
    AgendaUpload,
    ConferencePage,
    EditionPage,
    Room,
    SessionPage,
    Track,
)
from cms.people.models import Person, Topic

SOFIA = zoneinfo.ZoneInfo("Europe/Sofia")
DATA = Path(__file__).parent / "data"


def at(day, hhmm):
    hour, minute = map(int, hhmm.split(":"))
    return datetime.datetime(2027, 3, day, hour, minute, tzinfo=SOFIA)


def _person(name, english, slug, locales):
    bg, en = locales
    person = Person.objects.create(name=name, slug=slug, locale=bg, live=True)
    translation = person.copy_for_translation(en)
    translation.name = english
    translation.save()
    return person


def build_programme(locales):
    """A bilingual 2027 edition with two rooms, two tracks, two people, a topic and a published
    opening session (with its English translation)."""
    bg, en = locales
    conference = Page.get_first_root_node().add_child(
        instance=ConferencePage(title="Конференция", slug="conference", locale=bg, acronym="tc")
    )
    edition = EditionPage(
        title="Издание 2027",
        slug="2027",
        locale=bg,
        year=2027,
        start_date=datetime.date(2027, 3, 24),
        end_date=datetime.date(2027, 3, 25),
        venue_name="София Тех Парк",
    )
    edition.rooms = [
        Room(name="Голяма зала", locale=bg, sort_order=0),
        Room(name="Зала 2", locale=bg, sort_order=1),
    ]
    edition.tracks = [
        Track(name="Политики", slug="policy", locale=bg, sort_order=0),
        Track(name="Бизнес", slug="business", locale=bg, sort_order=1),
    ]
    conference.add_child(instance=edition)
    edition.save_revision().publish()
    conference.copy_for_translation(en)
    english = edition.copy_for_translation(en).specific
    names = {
        "Голяма зала": "Main hall",
        "Зала 2": "Hall 2",
        "Политики": "Policy",
        "Бизнес": "Business",
    }
    rooms, tracks = list(english.rooms.all()), list(english.tracks.all())
    for item in rooms + tracks:
        item.name = names[item.name]
    english.rooms, english.tracks = rooms, tracks
    english.title = "Edition 2027"
    english.save_revision().publish()
    maria = _person("Ралица Петкова", "Ralitsa Petkova", "ralitsa", locales)
    georgi = _person("Гергин Иванчев", "Gergin Ivanchev", "gergin", locales)
    topic = Topic.objects.create(name="Кръгова икономика", slug="circular-economy", locale=bg)
    topic_en = topic.copy_for_translation(en)
    topic_en.name = "Circular economy"
    topic_en.save()
    main, hall2 = edition.rooms.order_by("sort_order")
    policy, business = edition.tracks.order_by("sort_order")
    opening = schedule.session_create(
        edition=edition,
        title="Откриване",
        session_type=SessionPage.Type.CEREMONY,
        start=at(24, "09:30"),
        end=at(24, "10:00"),
        room=main,
        language=SessionPage.Language.BG_EN,
        speakers=[(maria, "host")],
        translations={"en": {"title": "Opening"}},
    ).session
    schedule.sessions_publish(edition=edition)
    return SimpleNamespace(
        edition=EditionPage.objects.get(pk=edition.pk),
        english=english,
        main=main,
        hall2=hall2,
        policy=policy,
        business=business,
        maria=maria,
        georgi=georgi,
        topic=topic,
        opening=SessionPage.objects.get(pk=opening.pk),
    )


@pytest.fixture(autouse=True)
def _bulgarian():
    """Messages read in the admin's default language, whatever an earlier test activated."""
    with translation.override("bg"):
        yield


@pytest.fixture
def programme(locales):
    return build_programme(locales)


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")


def workbook(rows):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, datetime.datetime | datetime.date):
                cell.number_format = "DD.MM.YYYY"
            elif isinstance(cell.value, datetime.time):
                cell.number_format = "H:MM"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def counts():
    return Page.objects.count(), Revision.objects.count(), Person.objects.count()


def sessions(edition):
    return {s.title: s for s in SessionPage.objects.child_of(edition)}


def english(page):
    return page.get_translation(Locale.objects.get(language_code="en")).specific


def plan_for(edition, content, **kwargs):
    return agenda_import.plan_import(edition=edition, source=agenda_import.parse(content, **kwargs))


BULGARIAN_SHEET = [
    [
        "№",
        "Дата",
        "Начало",
        "Край",
        "Зала",
        "Заглавие",
        "Заглавие на английски",
        "Вид",
        "Лектори",
        "Направление",
        "Теми",
        "Език",
        "Резюме",
    ],
    [
        1,
        datetime.date(2027, 3, 24),
        datetime.time(10, 0),
        datetime.time(11, 0),
        "Голяма зала",
        "Клъстерите и външните пазари",
        "Clusters and external markets",
        "Панелна дискусия",
        "Ралица Петкова (модератор)\nИван Нов (панелист)",
        "бизнес",
        "Кръгова икономика",
        "bg-en",
        "Дискусия за пазарите извън ЕС.",
    ],
    [
        2,
        "24.03.2027 г.",
        "11.15",
        "12:00",
        "Hall 2",
        "Дигитални хъбове",
        None,
        "доклад",
        "Gergin Ivanchev",
        "Политики",
        None,
        "Български",
        None,
    ],
    [3, None, None, None, None, "Работилница за стартъпи", "Start-up workshop", "Workshop"]
    + [None, None, None, "en", None],
    [
        None,
        datetime.date(2027, 3, 24),
        datetime.time(9, 30),
        datetime.time(10, 0),
        "Голяма зала",
        "Откриване",
        "Opening",
        "Церемония",
        "Ралица Петкова (водещ)",
        None,
        None,
        "bg-en",
        None,
    ],
]


def test_a_bulgarian_spreadsheet_is_previewed_applied_and_reimported_unchanged(
    programme, admin_user
):
    edition = programme.edition
    content = workbook(BULGARIAN_SHEET)
    before = counts()
    plan = plan_for(edition, content, filename="програма.xlsx")
    assert counts() == before, "a preview writes nothing"
    assert plan.format == "xlsx"
    assert plan.counts == {"create": 3, "change": 0, "unchanged": 1, "problem": 0}, [
        str(p) for p in plan.problems
    ]
    assert plan.new_people == ["Иван Нов"]
    assert [row.number for row in plan.to_create] == [2, 3, 4]
    assert plan.unchanged[0].session_id == programme.opening.pk

    result = agenda_import.apply(plan, admin_user)
    assert (result.created, result.changed, result.unchanged, result.people) == (3, 0, 1, 1)
    found = sessions(edition)
    markets = found["Клъстерите и външните пазари"]
    assert not markets.live and markets.external_id == "1"
    assert (markets.start, markets.end, markets.room, markets.track) == (
        at(24, "10:00"),
        at(24, "11:00"),
        programme.main,
        programme.business,
    )
    assert markets.session_type == "panel" and markets.language == "bg-en"
    assert [(s.person.name, s.role) for s in markets.speakers.order_by("sort_order")] == [
        ("Ралица Петкова", "moderator"),
        ("Иван Нов", "panelist"),
    ]
    assert list(markets.topics.all()) == [programme.topic]
    assert [t.name for t in english(markets).topics.all()] == ["Circular economy"]
    assert "Дискусия за пазарите извън ЕС." in markets.abstract
    markets_en = english(markets)
    assert markets_en.title == "Clusters and external markets" and not markets_en.live
    assert markets_en.speakers.count() == 2
    assert markets_en.room.name == "Main hall" and markets_en.start == at(24, "10:00")
    hubs = found["Дигитални хъбове"]
    assert (hubs.start, hubs.room, hubs.track, hubs.language) == (
        at(24, "11:15"),
        programme.hall2,
        programme.policy,
        "bg",
    )
    assert [s.person for s in hubs.speakers.all()] == [programme.georgi]
    workshop = found["Работилница за стартъпи"]
    assert workshop.start is None and workshop.end is None and workshop.room is None
    assert english(workshop).title == "Start-up workshop"
    assert Person.objects.filter(name="Иван Нов").count() == 1

    after = counts()
    again = plan_for(edition, content, filename="програма.xlsx")
    assert again.counts == {"create": 0, "change": 0, "unchanged": 4, "problem": 0}, [
        (row.number, [(c.field, c.old, c.new) for c in row.changes]) for row in again.to_change
    ]
    agenda_import.apply(again, admin_user)
    assert counts() == after, "a second import writes nothing, not even a revision"


ENGLISH_CSV = (
    "\ufeffID;Date;Start;End;Duration;Room;Title;Type;Speakers;Track;Language\r\n"
    "S1;2027-03-25;14:00;14:45;;Hall 2;Export credit for clusters;talk;Gergin Ivanchev;"
    "Business;English\r\n"
    "S2;25.03.2027;9:30;;45 min;Main hall;Funding tools;Workshop;"
    '"Ralitsa Petkova (moderator); Гергин Иванчев";;bg\r\n'
    ";24.03.2027;09:30;10:00;;Main hall;Откриване;ceremony;Ралица Петкова (host);;bg-en\r\n"
)


def test_an_english_csv_with_semicolons_then_a_changed_time_moves_the_sessions(programme):
    edition = programme.edition
    plan = plan_for(edition, ENGLISH_CSV.encode("utf-8"), filename="agenda.csv")
    assert plan.counts == {"create": 2, "change": 0, "unchanged": 1, "problem": 0}, [
        str(p) for p in plan.problems
    ]
    agenda_import.apply(plan)
    found = sessions(edition)
    assert found["Funding tools"].end == at(25, "10:15")
    assert [(s.person, s.role) for s in found["Funding tools"].speakers.order_by("sort_order")] == [
        (programme.maria, "moderator"),
        (programme.georgi, "speaker"),
    ]

    changed = (
        ENGLISH_CSV.replace("S1;2027-03-25;14:00;14:45", "S1;2027-03-25;16:00;16:45")
        .replace(";24.03.2027;09:30;10:00;", ";24.03.2027;09:00;09:30;")
        .encode("utf-8")
    )
    before = Revision.objects.count()
    plan = plan_for(edition, changed, filename="agenda.csv")
    assert counts()[1] == before
    assert plan.counts == {"create": 0, "change": 2, "unchanged": 1, "problem": 0}
    assert [(row.number, row.changed_fields) for row in plan.to_change] == [
        (2, {"start"}),
        (4, {"start"}),
    ]
    agenda_import.apply(plan)
    export_credit = SessionPage.objects.get(pk=found["Export credit for clusters"].pk)
    assert (export_credit.start, export_credit.end) == (at(25, "16:00"), at(25, "16:45"))
    assert english(export_credit).start == at(25, "16:00")
    opening = SessionPage.objects.get(pk=programme.opening.pk)
    assert (opening.start, opening.end, opening.live) == (at(24, "09:00"), at(24, "09:30"), True)
    assert english(opening).start == at(24, "09:00") and english(opening).live


PROBLEM_CSV = """Title,Date,Start,End,Room,Type
Unknown room,24.03.2027,15:00,15:30,Зала 9,talk
Bad date,32.03.2027,15:00,15:30,Зала 2,talk
Clash with the opening,24.03.2027,09:45,10:15,Голяма зала,talk
First of two,25.03.2027,10:00,11:00,Зала 2,talk
Second of two,25.03.2027,10:30,11:30,Зала 2,talk
Ends before it starts,25.03.2027,12:00,11:00,Зала 2,talk
After the edition,26.03.2027,10:00,11:00,Зала 2,talk
Odd type,25.03.2027,13:00,14:00,Зала 2,concert
Fine,25.03.2027,15:00,16:00,Голяма зала,Доклад
"""


def test_problem_rows_are_reported_with_row_numbers_and_block_the_import(programme):
    edition = programme.edition
    before = counts()
    plan = plan_for(edition, PROBLEM_CSV.encode(), filename="agenda.csv")
    problems = {(p.row, p.column): p.message for p in plan.problems}
    assert set(problems) == {
        (2, "Room"),
        (3, "Date"),
        (4, "Room"),
        (6, "Room"),
        (7, "End"),
        (8, "Date"),
        (9, "Type"),
    }, problems
    assert problems[(2, "Room")].startswith("Непозната зала „Зала 9“")
    assert "32.03.2027" in problems[(3, "Date")]
    assert "„Откриване“" in problems[(4, "Room")]
    assert "ред 5" in problems[(6, "Room")]
    assert plan.counts == {"create": 2, "change": 0, "unchanged": 0, "problem": 7}
    with pytest.raises(agenda_import.AgendaImportError) as refused:
        agenda_import.apply(plan)
    assert any("Ред 2" in message for message in refused.value.messages)
    assert counts() == before
    result = agenda_import.apply(plan, skip_problems=True)
    assert (result.created, result.skipped) == (2, 7)
    assert {"First of two", "Fine"} <= set(sessions(edition))


def test_a_repeated_id_is_a_problem_of_the_later_row(programme):
    sheet = "ID,Title\n7,One\n7,Two\n8,Three\n"
    plan = plan_for(programme.edition, sheet.encode(), filename="a.csv")
    assert [(p.row, p.column) for p in plan.problems] == [(3, "ID")]
    assert "Ред 2" in plan.problems[0].message
    assert plan.counts == {"create": 2, "change": 0, "unchanged": 0, "problem": 1}


def test_a_swap_of_two_sessions_goes_through(programme):
    edition = programme.edition
    sheet = (
        "Title,Date,Start,End,Room\n"
        "A,25.03.2027,10:00,11:00,Зала 2\n"
        "B,25.03.2027,11:00,12:00,Зала 2\n"
    )
    agenda_import.apply(plan_for(edition, sheet.encode(), filename="a.csv"))
    swapped = sheet.replace("A,25.03.2027,10:00,11:00", "A,25.03.2027,11:00,12:00").replace(
        "B,25.03.2027,11:00,12:00", "B,25.03.2027,10:00,11:00"
    )
    plan = plan_for(edition, swapped.encode(), filename="a.csv")
    assert plan.counts["change"] == 2 and not plan.problems
    agenda_import.apply(plan)
    found = sessions(edition)
    assert (found["A"].start, found["B"].start) == (at(25, "11:00"), at(25, "10:00"))


def test_a_pretalx_frab_schedule_imports_and_its_json_twin_is_then_unchanged(demo):
    edition = EditionPage.objects.get(year=2027, locale__language_code="bg")
    xml = (DATA / "pretalx-schedule.xml").read_bytes()
    before = counts()
    plan = plan_for(edition, xml, filename="schedule.xml")
    assert counts() == before
    assert plan.format == "frab-xml"
    assert plan.counts == {"create": 4, "change": 0, "unchanged": 0, "problem": 0}, [
        str(p) for p in plan.problems
    ]
    assert plan.new_people == ["Jana Novak", "Ole Berg"]
    lightning = next(row for row in plan.rows if row.title == "Three minutes on export credit")
    assert any("Lightning Talk" in note for note in lightning.notes)
    agenda_import.apply(plan)

    found = sessions(edition)
    hubs = found["Digital innovation hubs in practice"]
    assert hubs.external_id == "2e8c4a6b-0d1f-5b92-c3e5-7a9b1d3f5c7e"
    assert (hubs.start, hubs.end, hubs.room.name, hubs.track.slug) == (
        at(24, "14:45"),
        at(24, "15:30"),
        "Зала 2",
        "innovation",
    )
    assert (hubs.session_type, hubs.language, hubs.live) == ("talk", "en", False)
    assert [s.person.name for s in hubs.speakers.order_by("sort_order")] == [
        "Мария Петрова",
        "Jana Novak",
    ]
    assert "clusters &amp; SMEs" in hubs.abstract
    assert found["Three minutes on export credit"].session_type == "talk"
    assert "Export credit insurance" in found["Three minutes on export credit"].abstract
    assert found["Clusters and universities"].session_type == "panel"
    assert found["Funding tools for cluster start-ups"].session_type == "workshop"
    assert english(found["Clusters and universities"]).room.name == "Hall 2"

    after = counts()
    twin = plan_for(edition, (DATA / "pretalx-schedule.json").read_bytes(), filename="s.json")
    assert twin.format == "frab-json"
    assert twin.counts == {"create": 0, "change": 0, "unchanged": 4, "problem": 0}, [
        (row.number, [(c.field, c.old, c.new) for c in row.changes]) for row in twin.to_change
    ]
    agenda_import.apply(plan_for(edition, xml, filename="schedule.xml"))
    assert counts() == after


def test_the_management_command_previews_with_dry_run_then_imports(programme, tmp_path):
    path = tmp_path / "agenda.csv"
    path.write_bytes(ENGLISH_CSV.encode("utf-8"))
    before = counts()
    out = io.StringIO()
    call_command(
        "agenda_import",
        str(path),
        "--conference",
        "conference",
        "--edition",
        "2027",
        "--dry-run",
        stdout=out,
    )
    text = out.getvalue()
    assert "2 за създаване, 0 за промяна, 1 без промяна, 0 с проблеми." in text, text
    assert "Export credit for clusters" in text
    assert counts() == before
    call_command(
        "agenda_import",
        str(path),
        "--conference",
        "conference",
        "--edition",
        "2027",
        stdout=io.StringIO(),
    )
    assert {"Export credit for clusters", "Funding tools"} <= set(sessions(programme.edition))

    bad = tmp_path / "bad.csv"
    bad.write_bytes(PROBLEM_CSV.encode())
    before = counts()
    with pytest.raises(CommandError) as failed:
        call_command(
            "agenda_import",
            str(bad),
            "--conference",
            "conference",
            "--edition",
            "2027",
            "--dry-run",
            stdout=out,
        )
    assert "Ред 2, колона „Room“" in str(failed.value)
    with pytest.raises(CommandError):
        call_command(
            "agenda_import",
            str(bad),
            "--conference",
            "conference",
            "--edition",
            "2027",
            stdout=io.StringIO(),
        )
    assert counts() == before
    with pytest.raises(CommandError):
        call_command(
            "agenda_import",
            str(path),
            "--conference",
            "conference",
            "--edition",
            "1999",
            stdout=io.StringIO(),
        )


# Admin


def _upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_the_admin_upload_preview_confirm_flow(client, programme, admin_user):
    client.force_login(admin_user)
    edition = programme.edition
    url = reverse("conference_agenda_import", args=[edition.pk])
    page = client.get(url)
    assert page.status_code == 200
    for fmt in ("csv", "xlsx", "frab-xml", "frab-json"):
        assert reverse("conference_agenda_export", args=[edition.pk, fmt]) in page.content.decode()

    stale = AgendaUpload.objects.create(
        edition=edition, user=admin_user, filename="old.csv", format="csv", content=b"x"
    )
    AgendaUpload.objects.filter(pk=stale.pk).update(
        created=timezone.now() - datetime.timedelta(days=2)
    )
    before = counts()
    response = client.post(url, {"file": _upload("програма.xlsx", workbook(BULGARIAN_SHEET))})
    assert response.status_code == 302, response.content.decode()[:2000]
    upload = AgendaUpload.objects.get()
    assert response.url == reverse("conference_agenda_import_confirm", args=[edition.pk, upload.pk])
    preview = client.get(response.url)
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Клъстерите и външните пазари" in html and "Иван Нов" in html
    assert preview.context["plan"].counts["create"] == 3
    assert counts() == before, "nothing is written before the confirmation"

    done = client.post(response.url)
    assert done.status_code == 302
    assert done.url in {
        reverse("wagtailadmin_explore", args=[edition.pk]),
        _board_url(edition),
    }
    assert not AgendaUpload.objects.exists()
    assert "Клъстерите и външните пазари" in sessions(edition)


def _board_url(edition):
    try:
        return reverse("conference_agenda_board", args=[edition.pk])
    except Exception:  # the board is optional
        return None


def test_the_admin_confirmation_reports_problems_and_can_leave_them_out(
    client, programme, admin_user
):
    client.force_login(admin_user)
    edition = programme.edition
    response = client.post(
        reverse("conference_agenda_import", args=[edition.pk]),
        {"file": _upload("agenda.csv", PROBLEM_CSV.encode())},
    )
    preview = client.get(response.url)
    assert "Непозната зала" in preview.content.decode()
    refused = client.post(response.url)
    assert refused.status_code == 200 and refused.context["errors"]
    assert "Fine" not in sessions(edition)
    done = client.post(response.url, {"skip_problems": "1"})
    assert done.status_code == 302
    assert {"Fine", "First of two"} <= set(sessions(edition))


def test_the_admin_import_needs_permission_to_add_pages(client, programme):
    user = get_user_model().objects.create_user("visitor", "v@example.com", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    edition = programme.edition
    url = reverse("conference_agenda_import", args=[edition.pk])
    export = reverse("conference_agenda_export", args=[edition.pk, "csv"])
    ajax = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
    # The view refuses with PermissionDenied: a 403, which the admin turns into a redirect to
    # its dashboard with a message for a page load.
    assert client.get(url, **ajax).status_code == 403
    assert client.get(export, **ajax).status_code == 403
    denied = client.post(url, {"file": _upload("a.csv", ENGLISH_CSV.encode())})
    assert denied.status_code == 302 and denied.url == reverse("wagtailadmin_home")
    assert client.get(export).status_code == 302
    assert not AgendaUpload.objects.exists()


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<schedule><version>&lol3;</version></schedule>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE schedule [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<schedule><version>&secret;</version></schedule>"""


HOSTILE = [
    ("empty.csv", b"", "", "файл е празен"),
    ("huge.csv", b"a" * (20 * 1024 * 1024), "", "Файлът е твърде голям"),
    ("junk.bin", bytes(range(256)) * 64, "", "не е текстов"),
    ("junk.xlsx", b"PK\x03\x04" + bytes(range(256)) * 8, "", "не е работна книга на Excel"),
    ("broken.xml", b"<schedule><day>", "", "не е добре оформен XML"),
    ("bomb.xml", BOMB, "", "отказва"),
    ("external.xml", EXTERNAL, "", "отказва"),
    ("other.xml", b"<rss><channel/></rss>", "", "не е разписание във формат frab"),
    ("other.json", b'{"schedule": {"days": 3}}', "", "не е разписание във формат frab"),
    ("deep.json", b"[" * 100000 + b"]" * 100000, "", "не е валиден JSON"),
    ("names.csv", b"name,email\nAna,ana@example.com\n", "", "Нито една колона"),
    ("agenda.csv", ENGLISH_CSV.encode(), "xlsx", "не е работна книга на Excel"),
]


def test_hostile_or_wrong_uploads_get_a_form_error(client, programme, admin_user):
    client.force_login(admin_user)
    url = reverse("conference_agenda_import", args=[programme.edition.pk])
    for name, content, fmt, message in HOSTILE:
        response = client.post(url, {"file": _upload(name, content), "format": fmt})
        assert response.status_code == 200, name
        errors = response.context["form"].errors["file"]
        assert any(message in error for error in errors), (name, errors)
    assert not AgendaUpload.objects.exists()


@pytest.mark.parametrize(
    ("parse", "value", "expected"),
    [
        (agenda_import._parse_date, "2027-03-24", datetime.date(2027, 3, 24)),
        (agenda_import._parse_date, "24.03.2027", datetime.date(2027, 3, 24)),
        (agenda_import._parse_date, "24.03.2027 г.", datetime.date(2027, 3, 24)),
        (agenda_import._parse_date, "24.3.2027г.", datetime.date(2027, 3, 24)),
        (agenda_import._parse_date, datetime.datetime(2027, 3, 24), datetime.date(2027, 3, 24)),
        (agenda_import._parse_time, "9:30", datetime.time(9, 30)),
        (agenda_import._parse_time, "09:30", datetime.time(9, 30)),
        (agenda_import._parse_time, "09.30", datetime.time(9, 30)),
        (agenda_import._parse_time, "9.30 ч.", datetime.time(9, 30)),
        (agenda_import._parse_time, datetime.time(14, 5), datetime.time(14, 5)),
        (agenda_import._parse_time, 0.5625, datetime.time(13, 30)),
        (agenda_import._parse_minutes, "45", 45),
        (agenda_import._parse_minutes, "45 мин.", 45),
        (agenda_import._parse_minutes, "01:30", 90),
        (agenda_import._parse_minutes, "1 ч. 15 мин", 75),
        (agenda_import._parse_minutes, datetime.time(0, 45), 45),
        (agenda_import._parse_minutes, datetime.timedelta(minutes=20), 20),
    ],
)
def test_dates_times_and_durations_are_read_as_editors_write_them(parse, value, expected):
    assert parse(value) == expected


def test_a_windows_1251_csv_with_commas_and_a_title_row_is_read():
    text = "Програма 2027\nЗаглавие,Дата,Начало,Край,Зала\nОткриване,24.03.2027,9:30,10:00,Зала 2\n"
    source = agenda_import.parse(text.encode("cp1251"), filename="програма.csv")
    assert source.fields == {"title", "date", "start", "end", "room"}
    assert [(row.number, row.values["title"]) for row in source.rows] == [(3, "Откриване")]
    assert agenda_import.detect_format(b"PK\x03\x04rest") == "xlsx"
    assert agenda_import.detect_format(b"\xef\xbb\xbf <schedule/>") == "frab-xml"
    assert agenda_import.detect_format(b'{"schedule": {}}') == "frab-json"
