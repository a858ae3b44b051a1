"""Exporting a programme in the import's formats: valid frab, and a round trip that changes
nothing."""

import csv
import datetime
import io
import json

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, Revision

from cms.conference import agenda_export, agenda_import, schedule
from cms.conference.models import EditionPage, SessionPage

from .test_agenda_import import at, build_programme

FORMATS = ("csv", "xlsx", "frab-xml", "frab-json")


@pytest.fixture(autouse=True)
def _bulgarian():
    """Messages read in the admin's default language, whatever an earlier test activated."""
    with translation.override("bg"):
        yield


@pytest.fixture
def programme(locales):
    return build_programme(locales)


def reimport(edition, fmt):
    exported = agenda_export.agenda_export(edition=edition, format=fmt)
    source = agenda_import.parse(exported.content, filename=exported.filename)
    assert source.format == fmt
    return exported, agenda_import.plan_import(edition=edition, source=source)


def changes(plan):
    return [
        (row.number, row.action, [(c.field, c.old, c.new) for c in row.changes], row.problems)
        for row in plan.rows
        if row.action != "unchanged"
    ]


def test_every_format_round_trips_unchanged_and_frab_validates(demo, xsd, json_validator):
    edition = EditionPage.objects.get(year=2027, locale__language_code="bg")
    hall2 = edition.rooms.get(sort_order=1)
    # Drafts as the editors left them: an unscheduled session, a scheduled one, a changed title.
    schedule.session_create(edition=edition, title="Сесия без час", session_type="workshop")
    schedule.session_create(
        edition=edition,
        title="Чернова в зала 2",
        start=at(25, "15:00"),
        end=at(25, "15:30"),
        room=hall2,
        abstract="<p>Първи абзац &amp; още.</p><p>Втори абзац.</p>",
    )
    opening = SessionPage.objects.child_of(edition).get(slug__contains="opening")
    opening.title = "Тържествено откриване"
    opening.save_revision()
    states = schedule.edition_states(edition)
    scheduled = sum(1 for s in states.values() if s.scheduled)
    before = (Page.objects.count(), Revision.objects.count())

    for fmt in FORMATS:
        exported, plan = reimport(edition, fmt)
        expected = len(states) if fmt in ("csv", "xlsx") else scheduled
        assert plan.counts == {
            "create": 0,
            "change": 0,
            "unchanged": expected,
            "problem": 0,
        }, (fmt, changes(plan))
        agenda_import.apply(plan)
        if fmt == "frab-xml":
            xsd.validate(exported.content.decode())
            data = xsd.to_dict(exported.content.decode())
            assert data["conference"]["acronym"] in ("ncc2027", ["ncc2027"])
        if fmt == "frab-json":
            data = json.loads(exported.content)
            json_validator.validate(data)
            titles = {
                event["title"]
                for day in data["schedule"]["conference"]["days"]
                for events in day["rooms"].values()
                for event in events
            }
            assert "Тържествено откриване" in titles and "Чернова в зала 2" in titles
            assert "Сесия без час" not in titles
    assert (Page.objects.count(), Revision.objects.count()) == before

    text = agenda_export.agenda_export(edition=edition, format="csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    unscheduled = next(row for row in rows if row["Заглавие"] == "Сесия без час")
    assert (unscheduled["Дата"], unscheduled["Начало"], unscheduled["Зала"]) == ("", "", "")
    draft = next(row for row in rows if row["Заглавие"] == "Чернова в зала 2")
    assert (draft["Дата"], draft["Начало"], draft["Край"]) == ("2027-03-25", "15:00", "15:30")
    assert draft["Резюме"] == "Първи абзац & още.\n\nВтори абзац."


def test_the_spreadsheet_exports_carry_every_column(programme):
    edition = programme.edition
    exported = agenda_export.agenda_export(edition=edition, format="csv")
    assert exported.content.startswith("\ufeff".encode())
    assert exported.filename == "tc2027-agenda.csv"
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Номер",
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
    ]
    opening = dict(zip(rows[0], rows[1], strict=True))
    assert opening["Заглавие"] == "Откриване" and opening["Заглавие на английски"] == "Opening"
    assert opening["Лектори"] == "Ралица Петкова (Водещ)" and opening["Вид"] == "Церемония"
    assert opening["Номер"] == agenda_import.session_guid(programme.opening.translation_key)

    book = openpyxl.load_workbook(
        io.BytesIO(agenda_export.agenda_export(edition=edition, format="xlsx").content)
    )
    sheet = book.worksheets[0]
    assert sheet["B2"].value == datetime.datetime(2027, 3, 24)
    assert sheet["C2"].value == datetime.time(9, 30)
    assert sheet["F2"].value == "Откриване"


def test_the_export_command_and_the_admin_download(programme, client, tmp_path):
    edition = programme.edition
    for fmt in FORMATS:
        path = tmp_path / f"agenda.{fmt}"
        call_command(
            "agenda_export",
            "--conference",
            "conference",
            "--edition",
            "2027",
            "--format",
            fmt,
            "-o",
            str(path),
            stderr=io.StringIO(),
        )
        source = agenda_import.parse(path.read_bytes(), format=fmt)
        assert [row.values["title"] for row in source.rows] == ["Откриване"]
    out = io.StringIO()
    call_command(
        "agenda_export",
        "--conference",
        "conference",
        "--edition",
        "2027",
        "--format",
        "frab-json",
        stdout=out,
    )
    assert json.loads(out.getvalue())["schedule"]["conference"]["acronym"] == "tc2027"
    with pytest.raises(CommandError):
        call_command(
            "agenda_export", "--conference", "conference", "--edition", "2027", "--format", "xlsx"
        )

    client.force_login(get_user_model().objects.create_superuser("boss", "b@example.com", "pw"))
    response = client.get(reverse("conference_agenda_export", args=[edition.pk, "frab-xml"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    assert response["Content-Disposition"] == 'attachment; filename="tc2027-agenda.xml"'
    assert b"<title>\xd0\x9e" in response.content
    english = reverse("conference_agenda_export", args=[programme.english.pk, "csv"])
    assert "Откриване" in client.get(english).content.decode("utf-8-sig")
    missing = reverse("conference_agenda_export", args=[edition.pk, "pdf"])
    assert client.get(missing).status_code == 404
