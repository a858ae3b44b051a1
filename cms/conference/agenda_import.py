"""Importing an edition's programme from a spreadsheet or from another conference tool.

`parse` reads a CSV, XLSX, frab XML or frab JSON file into rows. `plan_import` compares each row
with the sessions as the edition's editors see them (the latest revision of each,
`schedule.edition_states`) and tells what an import would do: create, change (which fields),
leave unchanged, or a problem (row, column, message). It writes nothing. `apply` carries out a
plan in one transaction through the schedule services (`session_create`, `session_update`,
`session_move`, `person_create`), so the editorial rules and the user's permissions hold; sessions
it creates are drafts. A file imported twice changes nothing the second time.

A row is matched to a session by its external id when it has one (also the stable guid the frab
export gives a session without one), else by its title when that title is unique both in the file
and in the edition, else by title, local date and start time.
"""

import codecs
import csv
import datetime
import html
import io
import itertools
import json
import re
import warnings
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from xml.etree.ElementTree import ParseError

import openpyxl
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Locale

from cms.conference import rules, schedule
from cms.conference.models import AgendaUpload, Room, SessionPage, SessionSpeaker, Track
from cms.core.ids import guid
from cms.people.models import Person, Topic

Format = AgendaUpload.Format

MAX_UPLOAD_SIZE = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_UNPACKED_SIZE = 100 * 1024 * 1024
HEADER_SEARCH_ROWS = 10
UPLOAD_LIFETIME = datetime.timedelta(days=1)
# The namespace of the stable guids of the public frab export: a session, a room or a person has
# the same guid in both exports.

# The programme's columns, in the order of an export, with the headers that name them (compared
# case- and space-insensitively; a header's part in parentheses may be left out).
FIELDS = (
    "id",
    "date",
    "start",
    "end",
    "duration",
    "room",
    "title",
    "title_en",
    "type",
    "speakers",
    "track",
    "topics",
    "language",
    "abstract",
)
HEADERS = {
    "id": ("id", "№", "#", "no", "no.", "nr", "номер", "код", "code", "external id", "reference"),
    "date": ("date", "дата", "day", "ден"),
    "start": ("start", "начало", "start time", "начален час", "from", "от", "час", "time"),
    "end": ("end", "край", "end time", "краен час", "to", "до", "finish"),
    "duration": ("duration", "продължителност", "length", "minutes", "минути", "мин."),
    "room": ("room", "зала", "hall", "location", "място"),
    "title": ("title", "заглавие", "session", "сесия", "наименование", "тема"),
    "title_en": (
        "title en",
        "title (en)",
        "english title",
        "title in english",
        "заглавие на английски",
        "заглавие на английски език",
        "заглавие (en)",
        "заглавие en",
        "заглавие (англ.)",
        "заглавие (английски)",
    ),
    "type": ("type", "вид", "тип", "format", "формат", "kind", "session type", "вид на сесията"),
    "speakers": (
        "speakers",
        "speaker",
        "лектори",
        "лектор",
        "говорители",
        "говорител",
        "участници",
        "докладчици",
        "persons",
        "presenters",
    ),
    "track": ("track", "направление", "тематично направление", "stream"),
    "topics": ("topics", "topic", "теми", "тематика", "keywords"),
    "language": ("language", "език", "lang"),
    "abstract": ("abstract", "резюме", "description", "описание", "summary", "анотация"),
}
LABELS = {
    "id": pgettext_lazy("agenda column", "ID"),
    "date": pgettext_lazy("agenda column", "Date"),
    "start": pgettext_lazy("agenda column", "Start"),
    "end": pgettext_lazy("agenda column", "End"),
    "duration": pgettext_lazy("agenda column", "Duration"),
    "room": pgettext_lazy("agenda column", "Room"),
    "title": pgettext_lazy("agenda column", "Title"),
    "title_en": pgettext_lazy("agenda column", "Title in English"),
    "type": pgettext_lazy("agenda column", "Type"),
    "speakers": pgettext_lazy("agenda column", "Speakers"),
    "track": pgettext_lazy("agenda column", "Track"),
    "topics": pgettext_lazy("agenda column", "Topics"),
    "language": pgettext_lazy("agenda column", "Language"),
    "abstract": pgettext_lazy("agenda column", "Abstract"),
}
TYPE_ALIASES = {
    "keynote": ("keynote", "key note", "основен доклад", "пленарен доклад", "ключов доклад"),
    "talk": ("talk", "lecture", "presentation", "доклад", "лекция", "презентация"),
    "panel": ("panel", "panel discussion", "discussion", "панел", "панелна дискусия", "дискусия"),
    "workshop": ("workshop", "hands-on", "seminar", "работилница", "уъркшоп", "семинар"),
    "b2b": ("b2b", "b2b meetings", "b2b срещи", "бизнес срещи", "matchmaking"),
    "networking": ("networking", "нетуъркинг"),
    "break": (
        "break",
        "coffee break",
        "lunch",
        "lunch break",
        "почивка",
        "пауза",
        "кафе пауза",
        "кафе-пауза",
        "обяд",
        "обедна почивка",
    ),
    "ceremony": ("ceremony", "opening", "closing", "церемония", "откриване", "закриване"),
}
LANGUAGE_ALIASES = {
    "bg": ("bg", "bul", "bulgarian", "български", "бг"),
    "en": ("en", "eng", "english", "английски"),
    "bg-en": (
        "bg-en",
        "bg/en",
        "bg, en",
        "bg en",
        "bg+en",
        "en-bg",
        "en/bg",
        "bilingual",
        "двуезично",
        "двуезична",
        "bulgarian and english",
        "bulgarian/english",
        "български и английски",
        "български/английски",
    ),
}
ROLE_ALIASES = {
    "speaker": ("speaker", "presenter", "лектор", "говорител", "докладчик"),
    "moderator": ("moderator", "chair", "модератор"),
    "panelist": ("panelist", "panellist", "панелист"),
    "host": ("host", "водещ", "водеща", "домакин"),
}


class AgendaFileError(ValidationError):
    """The file cannot be read as a programme (wrong format, broken, empty, no known columns)."""


class AgendaImportError(ValidationError):
    """The plan cannot be applied (problems in the file, or a rule refusing a change)."""


def _key(value):
    """A name compared case- and space-insensitively."""
    return " ".join(str(value or "").split()).casefold()


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value):
    """A cell's value as text: numbers without a trailing .0, times as HH:MM."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def session_guid(translation_key):
    """The stable guid of a session (and its translations) in the frab exports."""
    return guid("session", translation_key)


def object_guid(kind, translation_key):
    return guid(kind, translation_key)


def plain_text(rich):
    """The text of a rich-text value, with paragraphs apart by a blank line."""
    text = re.sub(r"(?i)<br\s*/?>", "\n", rich or "")
    text = re.sub(r"(?i)</(p|h[1-6]|li|blockquote)>", "\n\n", text)
    return _plain(html.unescape(strip_tags(text)))


def rich_text(plain):
    """Rich text (paragraphs) from plain text with paragraphs apart by a blank line."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", plain or "") if part.strip()]
    return "".join(
        "<p>" + "<br/>".join(escape(line.strip()) for line in part.splitlines()) + "</p>"
        for part in paragraphs
    )


def _plain(text):
    """Plain text with each paragraph on one line, paragraphs apart by a blank line."""
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text or "")]
    return "\n\n".join(part for part in paragraphs if part)


def _same_text(one, other):
    return " ".join((one or "").split()) == " ".join((other or "").split())


# Reading files


@dataclass
class Row:
    """One programme row of a file: its number in the file and its values by field."""

    number: int
    values: dict
    columns: dict  # field -> the column's name in the file

    def column(self, name):
        return self.columns.get(name) or str(LABELS[name])


@dataclass
class Source:
    """A file read into rows; `fields`: the columns it has (a missing column changes nothing)."""

    format: str
    rows: list
    fields: frozenset
    notes: list = field(default_factory=list)


def _header_field(cell):
    text = re.sub(r"[\s_]+", " ", _text(cell)).strip().rstrip(":").casefold()
    if not text:
        return None
    for candidate in (text, re.sub(r"\s*\(.*?\)\s*", " ", text).strip()):
        for name, headers in HEADERS.items():
            if candidate in headers:
                return name
    return None


def _find_header(rows):
    """(index of the header row, {column index: field}, unknown headers) among the first rows,
    or None: the header is the first row naming a title column."""
    for index, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        mapping, unknown = {}, []
        for position, cell in enumerate(cells or ()):
            name = _header_field(cell)
            if name and name not in mapping.values():
                mapping[position] = name
            elif not _blank(cell) and name is None:
                unknown.append(_text(cell))
        if "title" in mapping.values():
            return index, mapping, unknown
    return None


def _no_header_error():
    return AgendaFileError(
        _(
            "No column of the file has a name the import knows. The first row must name the "
            "columns, for example Дата, Начало, Край, Зала, Заглавие, Вид, Лектори (or Date, "
            "Start, End, Room, Title, Type, Speakers); a Title (Заглавие) column is required."
        )
    )


def _table(fmt, rows):
    """A Source from the rows of a spreadsheet (lists of cells), the header among the first."""
    rows = list(rows)
    found = _find_header(rows)
    if found is None:
        raise _no_header_error()
    header_index, mapping, unknown = found
    header = rows[header_index]
    columns = {name: _text(header[position]) for position, name in mapping.items()}
    result = []
    for number, cells in enumerate(rows[header_index + 1 :], start=header_index + 2):
        cells = cells or ()
        values = {
            name: cells[position] if position < len(cells) else None
            for position, name in mapping.items()
        }
        if all(_blank(value) for value in values.values()):
            continue
        result.append(Row(number, values, columns))
    if len(result) > MAX_ROWS:
        raise AgendaFileError(
            _("The file has more than %(count)s rows; split it.") % {"count": MAX_ROWS}
        )
    notes = []
    if unknown:
        notes.append(
            _("These columns are not imported: %(columns)s.") % {"columns": ", ".join(unknown)}
        )
    return Source(fmt, result, frozenset(mapping.values()), notes)


def _decode(content):
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return content.decode("utf-16")
        except UnicodeDecodeError as error:
            raise AgendaFileError(_("The file is not a readable text file.")) from error
    if b"\x00" in content:
        raise AgendaFileError(_("The file is not a text (CSV) file."))
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # A spreadsheet saved as CSV by a Bulgarian Excel.
        return content.decode("cp1251", errors="replace")


def parse_csv(content):
    text = _decode(content)
    sample = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])
    best = None
    for delimiter in (";", ",", "\t"):
        try:
            found = _find_header(list(csv.reader(io.StringIO(sample), delimiter=delimiter)))
        except csv.Error:
            continue
        if found is not None and (best is None or len(found[1]) > len(best[1][1])):
            best = (delimiter, found)
    if best is None:
        raise _no_header_error()
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=best[0])
        rows = list(itertools.islice(reader, MAX_ROWS + HEADER_SEARCH_ROWS + 1))
    except csv.Error as error:
        raise AgendaFileError(
            _("The CSV file cannot be read: %(error)s") % {"error": error}
        ) from error
    return _table(Format.CSV, rows)


def parse_xlsx(content):
    not_xlsx = _("The file is not an Excel workbook (XLSX).")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise AgendaFileError(not_xlsx) from error
    if unpacked > MAX_UNPACKED_SIZE:
        raise AgendaFileError(_("The workbook is too large once unpacked."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            try:
                if not book.worksheets:
                    raise AgendaFileError(_("The workbook has no sheet."))
                sheet = book.worksheets[0]
                rows = list(
                    itertools.islice(
                        sheet.iter_rows(values_only=True), MAX_ROWS + HEADER_SEARCH_ROWS + 1
                    )
                )
            finally:
                book.close()
    except AgendaFileError:
        raise
    except Exception as error:  # openpyxl reports a damaged workbook in many ways
        raise AgendaFileError(not_xlsx) from error
    return _table(Format.XLSX, rows)


FRAB_COLUMNS = {
    "id": "guid",
    "date": "date",
    "start": "start",
    "end": "end",
    "duration": "duration",
    "room": "room",
    "title": "title",
    "type": "type",
    "speakers": "persons",
    "track": "track",
    "language": "language",
    "abstract": "abstract",
}
FRAB_FIELDS = frozenset(FRAB_COLUMNS) - {"end"}
FRAB_FORMATS = (Format.FRAB_XML, Format.FRAB_JSON)


def _frab_source(fmt, events):
    rows = [
        Row(number, values, dict(FRAB_COLUMNS)) for number, values in enumerate(events, start=1)
    ]
    if len(rows) > MAX_ROWS:
        raise AgendaFileError(
            _("The file has more than %(count)s rows; split it.") % {"count": MAX_ROWS}
        )
    return Source(fmt, rows, FRAB_FIELDS)


def parse_frab_xml(content):
    try:
        root = SafeElementTree.fromstring(content, forbid_dtd=True)
    except DefusedXmlException as error:
        raise AgendaFileError(
            _("The XML file declares a document type or entities, which an import refuses.")
        ) from error
    except (ParseError, ValueError, UnicodeError) as error:
        raise AgendaFileError(_("The file is not well-formed XML.")) from error
    if root.tag != "schedule":
        raise AgendaFileError(_("The XML file is not a frab schedule (no <schedule> element)."))

    def text(element, tag):
        found = element.find(tag)
        return (found.text or "").strip() if found is not None else ""

    events = []
    for day in root.findall("day"):
        for room in day.findall("room"):
            for event in room.findall("event"):
                abstract = text(event, "abstract") or text(event, "description")
                events.append(
                    {
                        "id": event.get("guid") or event.get("code") or event.get("id") or "",
                        "date": text(event, "date") or day.get("date") or "",
                        "start": text(event, "start"),
                        "duration": text(event, "duration"),
                        "room": text(event, "room") or room.get("name") or "",
                        "title": text(event, "title"),
                        "type": text(event, "type"),
                        "language": text(event, "language"),
                        "track": text(event, "track"),
                        "abstract": abstract,
                        "speakers": [
                            (person.text or "").strip()
                            for person in event.findall("persons/person")
                            if (person.text or "").strip()
                        ],
                    }
                )
    return _frab_source(Format.FRAB_XML, events)


def parse_frab_json(content):
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise AgendaFileError(_("The file is not valid JSON.")) from error
    not_frab = AgendaFileError(
        _("The JSON file is not a frab schedule (schedule → conference → days → rooms).")
    )

    def text(value):
        return "" if value is None or isinstance(value, dict | list) else str(value).strip()

    events = []
    try:
        days = data["schedule"]["conference"]["days"]
        if not isinstance(days, list):
            raise not_frab
        for day in days:
            rooms = day["rooms"]
            if not isinstance(rooms, dict):
                raise not_frab
            for room_name, room_events in rooms.items():
                if not isinstance(room_events, list):
                    raise not_frab
                for event in room_events:
                    if not isinstance(event, dict):
                        raise not_frab
                    persons = event.get("persons") or []
                    events.append(
                        {
                            "id": text(event.get("guid") or event.get("code") or event.get("id")),
                            "date": text(event.get("date")) or text(day.get("date")),
                            "start": text(event.get("start")),
                            "end": text(event.get("end")),
                            "duration": text(event.get("duration")),
                            "room": text(event.get("room")) or str(room_name),
                            "title": text(event.get("title")),
                            "type": text(event.get("type")),
                            "language": text(event.get("language")),
                            "track": text(event.get("track")),
                            "abstract": text(event.get("abstract"))
                            or text(event.get("description")),
                            "speakers": [
                                text(person.get("name") or person.get("public_name"))
                                for person in (persons if isinstance(persons, list) else [])
                                if isinstance(person, dict)
                                and text(person.get("name") or person.get("public_name"))
                            ],
                        }
                    )
    except (KeyError, TypeError, AttributeError) as error:
        raise not_frab from error
    return _frab_source(Format.FRAB_JSON, events)


PARSERS = {
    Format.CSV: parse_csv,
    Format.XLSX: parse_xlsx,
    Format.FRAB_XML: parse_frab_xml,
    Format.FRAB_JSON: parse_frab_json,
}
EXTENSIONS = {
    "csv": Format.CSV,
    "txt": Format.CSV,
    "tsv": Format.CSV,
    "xlsx": Format.XLSX,
    "xlsm": Format.XLSX,
    "xml": Format.FRAB_XML,
    "json": Format.FRAB_JSON,
}


def detect_format(content, filename=""):
    """The format named by the file's extension, else the one its content looks like."""
    extension = filename.rsplit(".", 1)[-1].casefold() if "." in (filename or "") else ""
    if extension in EXTENSIONS:
        return EXTENSIONS[extension]
    head = content[:64].lstrip(codecs.BOM_UTF8).lstrip()
    if content.startswith(b"PK\x03\x04"):
        return Format.XLSX
    if head.startswith(b"<"):
        return Format.FRAB_XML
    if head.startswith((b"{", b"[")):
        return Format.FRAB_JSON
    return Format.CSV


def parse(content, *, format=None, filename=""):
    """Read a programme file into a Source; AgendaFileError when it cannot be read."""
    if not content:
        raise AgendaFileError(_("The file is empty."))
    fmt = format or detect_format(content, filename)
    if fmt not in PARSERS:
        raise AgendaFileError(_("Unknown format “%(format)s”.") % {"format": fmt})
    return PARSERS[fmt](content)


# Reading values


class _Bad(Exception):
    """A value that cannot be read; its message says why."""


def _parse_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = re.sub(r"\s*(г\.?|год\.?)\s*$", "", _text(value).casefold())
    try:
        match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        if match:
            return datetime.date(*map(int, match.groups()))
        match = re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})", text)
        if match:
            day, month, year = map(int, match.groups())
            return datetime.date(year + 2000 if year < 100 else year, month, day)
    except ValueError:
        pass
    raise _Bad(
        _("Cannot read the date “%(value)s”; write it as 24.03.2027 or 2027-03-24.")
        % {"value": _text(value)}
    )


def _parse_time(value):
    if isinstance(value, datetime.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, datetime.time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, int | float) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return datetime.time(minutes // 60 % 24, minutes % 60)
    text = re.sub(r"\s*(ч\.?|часа|h)$", "", _text(value).casefold())
    match = re.fullmatch(r"(\d{1,2})(?:[:.,h](\d{2}))?(?::\d{2})?", text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return datetime.time(hour, minute)
    raise _Bad(
        _("Cannot read the time “%(value)s”; write it as 9:30 or 09:30.") % {"value": _text(value)}
    )


def _parse_minutes(value):
    if isinstance(value, datetime.timedelta):
        minutes = round(value.total_seconds() / 60)
    elif isinstance(value, datetime.time):
        minutes = value.hour * 60 + value.minute
    elif isinstance(value, int | float):
        minutes = round(value * 24 * 60) if 0 < value < 1 else round(value)
    else:
        text = _text(value).casefold()
        minutes = None
        match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::\d{2})?", text)
        if match:
            minutes = int(match.group(1)) * 60 + int(match.group(2))
        match = match or re.fullmatch(r"(\d+)\s*(?:min|mins|minutes|m|мин|минути|')?\.?", text)
        if minutes is None and match:
            minutes = int(match.group(1))
        hours = re.fullmatch(r"(\d+)\s*(?:h|ч|час|часа)\.?\s*(?:(\d+)\s*(?:min|m|мин)?\.?)?", text)
        if minutes is None and hours:
            minutes = int(hours.group(1)) * 60 + int(hours.group(2) or 0)
    if not minutes or minutes <= 0:
        raise _Bad(
            _("Cannot read the duration “%(value)s”; write minutes (45) or hours (1:30).")
            % {"value": _text(value)}
        )
    return minutes


def _aware_moment(value, tz):
    """An ISO date-time with a time of day (frab's <date>) in `tz`, or None."""
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return None
        moment = value
    else:
        text = _text(value)
        if not re.match(r"\d{4}-\d{2}-\d{2}[T ]\d", text):
            return None
        try:
            moment = parse_datetime(text)
        except ValueError:
            moment = None
        if moment is None:
            return None
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=tz)
    return moment.astimezone(tz)


# Planning


@dataclass
class Speaker:
    name: str
    person_id: int | None  # None: a new person
    role: str | None  # None: not given (the current role, else "speaker")


@dataclass
class Wanted:
    """What a row asks for, read and resolved; fields not in `given` are left as they are."""

    given: frozenset
    external_id: str = ""
    title: str = ""
    title_en: str = ""
    session_type: str = ""
    language: str = ""
    start: datetime.datetime | None = None
    end: datetime.datetime | None = None
    room: Room | None = None
    track: Track | None = None
    speakers: list = field(default_factory=list)
    topics: list = field(default_factory=list)
    abstract: str = ""

    @property
    def scheduled(self):
        return self.start is not None


@dataclass
class Problem:
    row: int
    column: str
    message: str

    def __str__(self):
        return _("Row %(row)s, column “%(column)s”: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class Change:
    field: str
    label: str
    old: str
    new: str


@dataclass
class PlannedRow:
    number: int
    title: str
    action: str = "create"  # create, change, unchanged, problem
    session_id: int | None = None
    wanted: Wanted | None = None
    changes: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    when: str = ""
    room: str = ""
    type_label: str = ""
    speakers: str = ""

    @property
    def changed_fields(self):
        return {change.field for change in self.changes}


@dataclass
class Plan:
    edition: object
    format: str
    rows: list
    new_people: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def _rows(self, action):
        return [row for row in self.rows if row.action == action]

    @property
    def to_create(self):
        return self._rows("create")

    @property
    def to_change(self):
        return self._rows("change")

    @property
    def unchanged(self):
        return self._rows("unchanged")

    @property
    def problem_rows(self):
        return self._rows("problem")

    @property
    def problems(self):
        return [problem for row in self.rows for problem in row.problems]

    @property
    def counts(self):
        return {
            "create": len(self.to_create),
            "change": len(self.to_change),
            "unchanged": len(self.unchanged),
            "problem": len(self.problem_rows),
        }

    @property
    def has_work(self):
        return bool(self.to_create or self.to_change)


def _labels(choices, aliases):
    """{normalised word: value} from the choices' labels in every language and the aliases."""
    found = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for value, label in choices:
                found.setdefault(_key(label), value)
    for value, _label in choices:
        found.setdefault(_key(value), value)
    for value, words in aliases.items():
        for word in words:
            found.setdefault(_key(word), value)
    return found


def _label(choices, value):
    return str(dict(choices).get(value, value))


class _Catalogue:
    """What the rows of a file name, looked up once: the edition's rooms and tracks (by their
    name in any language), topics, people, and the words for types, languages and roles."""

    VENUE = object()

    def __init__(self, edition):
        self.edition = edition
        self.tz = edition.tzinfo
        editions = [edition, *edition.get_translations(inclusive=False).specific()]
        self.translations = editions[1:]
        self.rooms, self.room_names = self._children(Room, edition, editions)
        self.tracks, self.track_names = self._children(Track, edition, editions)
        for track in Track.objects.filter(edition=edition):
            self.tracks.setdefault(_key(track.slug), track)
        for other in editions:
            self.rooms.setdefault(_key(other.venue_name), self.VENUE)
        self.types = _labels(SessionPage.Type.choices, TYPE_ALIASES)
        self.languages = _labels(SessionPage.Language.choices, LANGUAGE_ALIASES)
        self.roles = _labels(SessionSpeaker.Role.choices, ROLE_ALIASES)
        self._topics = None
        self._people = None

    @staticmethod
    def _children(model, edition, editions):
        own = {item.translation_key: item for item in model.objects.filter(edition=edition)}
        by_name = {}
        for item in model.objects.filter(edition__in=[e.pk for e in editions]).order_by(
            "sort_order", "pk"
        ):
            if item.translation_key in own:
                by_name.setdefault(_key(item.name), own[item.translation_key])
        for item in own.values():
            by_name[_key(item.name)] = item
        return by_name, {item.pk: item.name for item in own.values()}

    @property
    def topics(self):
        """{normalised name or slug, in any language: topic in the edition's language}."""
        if self._topics is None:
            locale_id = self.edition.locale_id
            all_topics = list(Topic.objects.all())
            own = {t.translation_key: t for t in all_topics if t.locale_id == locale_id}
            self._topics = {}
            for topic in sorted(all_topics, key=lambda t: t.locale_id != locale_id):
                if topic.translation_key in own:
                    local = own[topic.translation_key]
                    self._topics.setdefault(_key(topic.name), local)
                    self._topics.setdefault(_key(topic.slug), local)
        return self._topics

    def _load_people(self):
        locale_id = self.edition.locale_id
        rows = sorted(
            Person.objects.values_list("pk", "name", "locale_id", "translation_key", "live"),
            key=lambda r: (r[2] != locale_id, not r[4], r[0]),
        )
        own = {key: pk for pk, _n, locale, key, _l in rows if locale == locale_id}
        self._names = {pk: name for pk, name, locale, _k, _l in rows if locale == locale_id}
        self._people = {}
        for _pk, name, _locale, key, _live in rows:
            if key in own:
                self._people.setdefault(_key(name), own[key])

    @property
    def people(self):
        """{normalised name: person id} in the edition's language (a name in another language
        leads to its translation there); a live profile wins over a draft of the same name."""
        if self._people is None:
            self._load_people()
        return self._people

    @property
    def person_names(self):
        if self._people is None:
            self._load_people()
        return self._names


def _value(row, name):
    value = row.values.get(name)
    return None if _blank(value) else value


def _read_when(row, source, catalogue, problems):
    """(start, end) of a row in the edition's time zone; (None, None): not scheduled."""
    edition, tz = catalogue.edition, catalogue.tz
    day = start_time = end_time = minutes = start_at = end_at = None
    date_value, start_value = _value(row, "date"), _value(row, "start")
    end_value, duration_value = _value(row, "end"), _value(row, "duration")
    try:
        if date_value is not None:
            moment = _aware_moment(date_value, tz)
            day = moment.date() if moment else _parse_date(date_value)
            # A frab <date> is the exact start; a spreadsheet's start column wins over a time
            # in its date column.
            if moment and (start_value is None or source.format in FRAB_FORMATS):
                start_at = moment
    except _Bad as error:
        problems.append(Problem(row.number, row.column("date"), str(error)))
        return None, None
    try:
        if start_value is not None and start_at is None:
            text = _text(start_value)
            span = re.fullmatch(r"(\d{1,2}[:.]\d{2})\s*[-–—]\s*(\d{1,2}[:.]\d{2})", text)
            if span and end_value is None and duration_value is None:
                start_time, end_time = _parse_time(span.group(1)), _parse_time(span.group(2))
            else:
                start_time = _parse_time(start_value)
                if isinstance(start_value, datetime.datetime) and day is None:
                    day = start_value.date()
    except _Bad as error:
        problems.append(Problem(row.number, row.column("start"), str(error)))
        return None, None
    if day is None and start_time is None and start_at is None:
        return None, None
    if day is None:
        if edition.start_date == edition.end_date:
            day = edition.start_date
        else:
            problems.append(
                Problem(row.number, row.column("date"), _("Give the date of the session."))
            )
            return None, None
    if start_at is None:
        if start_time is None:
            problems.append(
                Problem(row.number, row.column("start"), _("Give the start time of the session."))
            )
            return None, None
        start_at = datetime.datetime.combine(day, start_time, tzinfo=tz)
    try:
        if end_time is None and end_value is not None:
            end_at = _aware_moment(end_value, tz)
            if end_at is None:
                end_time = _parse_time(end_value)
        elif end_time is None and duration_value is not None:
            minutes = _parse_minutes(duration_value)
    except _Bad as error:
        name = "end" if end_value is not None else "duration"
        problems.append(Problem(row.number, row.column(name), str(error)))
        return None, None
    if end_time is not None:
        end_at = datetime.datetime.combine(start_at.date(), end_time, tzinfo=tz)
    elif minutes is not None:
        end_at = start_at + datetime.timedelta(minutes=minutes)
    if end_at is None:
        name = "end" if "end" in source.fields or "duration" not in source.fields else "duration"
        problems.append(
            Problem(row.number, row.column(name), _("Give the end time or the duration."))
        )
        return None, None
    if end_at <= start_at:
        problems.append(
            Problem(
                row.number,
                row.column("end" if end_value is not None else "duration"),
                _("The session ends before it starts (%(start)s – %(end)s).")
                % {"start": start_at.strftime("%H:%M"), "end": end_at.strftime("%H:%M")},
            )
        )
        return None, None
    errors = rules.schedule_errors(start=start_at, end=end_at, edition=edition)
    if errors:
        if "start" in errors:
            problems.append(Problem(row.number, row.column("date"), errors["start"]))
        else:
            column = "end" if end_value is not None else "duration"
            problems.append(Problem(row.number, row.column(column), errors["end"]))
        return None, None
    return start_at, end_at


def _split(value):
    if isinstance(value, list | tuple):
        return [str(item).strip() for item in value if str(item).strip()]
    return [part.strip() for part in re.split(r"[;\n]", _text(value)) if part.strip()]


def _interpret(row, source, catalogue, problems, notes):
    given = source.fields
    wanted = Wanted(given=given)
    wanted.external_id = _text(_value(row, "id"))[:100]
    wanted.title = " ".join(_text(_value(row, "title")).split())
    if not wanted.title:
        problems.append(Problem(row.number, row.column("title"), _("The session has no title.")))
    wanted.title_en = " ".join(_text(_value(row, "title_en")).split())
    kind = _value(row, "type")
    if kind is not None:
        wanted.session_type = catalogue.types.get(_key(kind), "")
        if not wanted.session_type:
            if source.format in FRAB_FORMATS:
                wanted.session_type = SessionPage.Type.TALK
                notes.append(
                    _("Type “%(type)s” is not one of ours: imported as a talk.")
                    % {"type": _text(kind)}
                )
            else:
                problems.append(
                    Problem(
                        row.number,
                        row.column("type"),
                        _("Unknown type “%(type)s”; use one of: %(types)s.")
                        % {
                            "type": _text(kind),
                            "types": ", ".join(
                                str(label) for _v, label in SessionPage.Type.choices
                            ),
                        },
                    )
                )
    language = _value(row, "language")
    if language is not None:
        wanted.language = catalogue.languages.get(_key(language), "")
        if not wanted.language:
            problems.append(
                Problem(
                    row.number,
                    row.column("language"),
                    _("Unknown language “%(language)s”; use bg, en or bg-en.")
                    % {"language": _text(language)},
                )
            )
    wanted.start, wanted.end = _read_when(row, source, catalogue, problems)
    room = _value(row, "room")
    if room is not None:
        found = catalogue.rooms.get(_key(room))
        if found is None:
            problems.append(
                Problem(
                    row.number,
                    row.column("room"),
                    _("Unknown room “%(room)s”; the edition's rooms: %(rooms)s.")
                    % {
                        "room": _text(room),
                        "rooms": ", ".join(catalogue.room_names.values()) or "—",
                    },
                )
            )
        elif found is not catalogue.VENUE:
            wanted.room = found
    track = _value(row, "track")
    if track is not None:
        wanted.track = catalogue.tracks.get(_key(track))
        if wanted.track is None:
            problems.append(
                Problem(
                    row.number,
                    row.column("track"),
                    _("Unknown track “%(track)s”; the edition's tracks: %(tracks)s.")
                    % {
                        "track": _text(track),
                        "tracks": ", ".join(catalogue.track_names.values()) or "—",
                    },
                )
            )
    for name in _split(_value(row, "topics") or ""):
        topic = catalogue.topics.get(_key(name))
        if topic is None:
            problems.append(
                Problem(
                    row.number,
                    row.column("topics"),
                    _("Unknown topic “%(topic)s”.") % {"topic": name},
                )
            )
        else:
            wanted.topics.append(topic)
    for entry in _split(_value(row, "speakers") or ""):
        role = None
        match = re.fullmatch(r"(.+?)\s*\(([^()]*)\)", entry)
        name = entry
        if match:
            name = match.group(1).strip()
            role = catalogue.roles.get(_key(match.group(2)))
            if role is None:
                problems.append(
                    Problem(
                        row.number,
                        row.column("speakers"),
                        _("Unknown role “%(role)s” of %(name)s; use one of: %(roles)s.")
                        % {
                            "role": match.group(2).strip(),
                            "name": name,
                            "roles": ", ".join(
                                str(label) for _v, label in SessionSpeaker.Role.choices
                            ),
                        },
                    )
                )
        name = " ".join(name.split())
        wanted.speakers.append(Speaker(name, catalogue.people.get(_key(name)), role))
    wanted.abstract = _plain(_text(_value(row, "abstract")))
    return wanted


def session_contents(states):
    """{session id: (abstract as rich text, [topic ids])} of the sessions as their editors see
    them (the latest revision where there are unpublished changes)."""
    from wagtail.models import Revision

    contents = {}
    pending = {}
    rows = SessionPage.objects.filter(pk__in=list(states)).values_list(
        "pk", "abstract", "has_unpublished_changes", "latest_revision_id"
    )
    for pk, abstract, changed, revision_id in rows:
        contents[pk] = (abstract or "", [])
        if changed and revision_id:
            pending[revision_id] = pk
    for revision_id, content in Revision.objects.filter(pk__in=list(pending)).values_list(
        "pk", "content"
    ):
        topics = [t for t in content.get("topics") or [] if isinstance(t, int)]
        contents[pending[revision_id]] = (content.get("abstract") or "", topics)
    settled = [pk for pk in contents if pk not in set(pending.values())]
    for pk, topic_id in (
        SessionPage.objects.filter(pk__in=settled, topics__isnull=False)
        .order_by("pk", "topics__name")
        .values_list("pk", "topics")
    ):
        contents[pk][1].append(topic_id)
    return contents


def _speaker_roles(wanted, state):
    """[(person id or None, role)] of a row: a speaker without a role keeps the role they have
    on the session, else is a speaker."""
    current = dict(state.speakers) if state else {}
    return [
        (s.person_id, s.role or current.get(s.person_id) or SessionSpeaker.Role.SPEAKER)
        for s in wanted.speakers
    ]


def _when_label(start, end, tz):
    if start is None or end is None:
        return _("not scheduled")
    start, end = start.astimezone(tz), end.astimezone(tz)
    return f"{start:%d.%m.%Y %H:%M}–{end:%H:%M}"


def _speakers_label(speakers, names):
    parts = []
    for person_id, role in speakers:
        name = names.get(person_id, "?")
        if role and role != SessionSpeaker.Role.SPEAKER:
            name = f"{name} ({_label(SessionSpeaker.Role.choices, role)})"
        parts.append(name)
    return "; ".join(parts) or "—"


class _Planner:
    def __init__(self, edition, source, user):
        self.edition = schedule.source_edition(edition)
        self.source = source
        self.user = user
        self.catalogue = _Catalogue(self.edition)
        self.states = schedule.edition_states(self.edition)
        self.contents = session_contents(self.states)
        english = Locale.objects.filter(language_code="en").first()
        self.english_states = {}
        if english is not None and self.edition.locale_id != english.pk:
            other = self.edition.get_translation_or_none(english)
            if other is not None:
                self.english_states = {
                    s.translation_key: s for s in schedule.edition_states(other).values()
                }

    def _display(self, planned, wanted):
        tz = self.catalogue.tz
        planned.when = _when_label(wanted.start, wanted.end, tz)
        planned.room = wanted.room.name if wanted.room else "—"
        planned.type_label = _label(
            SessionPage.Type.choices, wanted.session_type or SessionPage.Type.TALK
        )
        planned.speakers = "; ".join(
            f"{s.name} ({_label(SessionSpeaker.Role.choices, s.role)})"
            if s.role and s.role != SessionSpeaker.Role.SPEAKER
            else s.name
            for s in wanted.speakers
        )

    def _match(self, rows):
        """{row number: (state, matched by its export guid, number of an earlier row that
        already names that session or None)} for the rows naming a session."""
        by_id, by_guid, by_title = {}, {}, defaultdict(list)
        for state in sorted(self.states.values(), key=lambda s: s.pk):
            if state.external_id:
                by_id.setdefault(state.external_id, state)
            by_guid[session_guid(state.translation_key)] = state
            by_title[_key(state.title)].append(state)
        in_file = Counter(_key(wanted.title) for _row, wanted in rows if wanted.title)
        matched, taken = {}, {}
        tz = self.catalogue.tz

        def slot(moment):
            return moment.astimezone(tz).replace(second=0, microsecond=0) if moment else None

        for row, wanted in rows:
            state, alias = None, False
            if wanted.external_id:
                state = by_id.get(wanted.external_id)
                if state is None and wanted.external_id in by_guid:
                    state, alias = by_guid[wanted.external_id], True
                if state is not None:
                    matched[row.number] = (state, alias, taken.get(state.pk))
                    taken.setdefault(state.pk, row.number)
                    continue
            title = _key(wanted.title)
            pool = [
                s
                for s in by_title.get(title, [])
                if s.pk not in taken and not (wanted.external_id and s.external_id)
            ]
            if in_file[title] == 1 and len(by_title.get(title, [])) == 1 and pool:
                state = pool[0]
            else:
                same_slot = [s for s in pool if slot(s.start) == slot(wanted.start)]
                room_id = wanted.room.pk if wanted.room else None
                same_slot.sort(key=lambda s: (s.room_id != room_id, s.pk))
                state = same_slot[0] if same_slot else None
            if state is not None:
                taken[state.pk] = row.number
                matched[row.number] = (state, False, None)
        return matched

    def _changes(self, wanted, state, alias):
        catalogue, given = self.catalogue, wanted.given
        changes = []

        def add(name, old, new):
            changes.append(Change(name, str(LABELS[name]), old or "—", new or "—"))

        if wanted.title != state.title:
            add("title", state.title, wanted.title)
        english = self.english_states.get(state.translation_key)
        if wanted.title_en and english is not None and wanted.title_en != english.title:
            add("title_en", english.title, wanted.title_en)
        if wanted.session_type and wanted.session_type != state.session_type:
            add(
                "type",
                _label(SessionPage.Type.choices, state.session_type),
                _label(SessionPage.Type.choices, wanted.session_type),
            )
        if wanted.language and wanted.language != state.language:
            add(
                "language",
                _label(SessionPage.Language.choices, state.language),
                _label(SessionPage.Language.choices, wanted.language),
            )
        if {"date", "start"} & given and (wanted.start, wanted.end) != (state.start, state.end):
            add(
                "start",
                _when_label(state.start, state.end, catalogue.tz),
                _when_label(wanted.start, wanted.end, catalogue.tz),
            )
        room_id = wanted.room.pk if wanted.room else None
        if "room" in given and room_id != state.room_id:
            add(
                "room",
                catalogue.room_names.get(state.room_id, ""),
                wanted.room.name if wanted.room else "",
            )
        track_id = wanted.track.pk if wanted.track else None
        if "track" in given and track_id != state.track_id:
            add(
                "track",
                catalogue.track_names.get(state.track_id, ""),
                wanted.track.name if wanted.track else "",
            )
        speakers = _speaker_roles(wanted, state)
        if "speakers" in given and speakers != [tuple(s) for s in state.speakers]:
            add(
                "speakers",
                _speakers_label(state.speakers, catalogue.person_names),
                _speakers_label(
                    [(i, role) for i, (_pid, role) in enumerate(speakers)],
                    dict(enumerate(s.name for s in wanted.speakers)),
                ),
            )
        abstract, topic_ids = self.contents.get(state.pk, ("", []))
        if "abstract" in given and not _same_text(plain_text(abstract), wanted.abstract):
            add("abstract", _short(plain_text(abstract)), _short(wanted.abstract))
        if wanted.external_id and not alias and wanted.external_id != state.external_id:
            add("id", state.external_id, wanted.external_id)
        notes = []
        if "topics" in given and {t.pk for t in wanted.topics} != set(topic_ids):
            notes.append(
                _(
                    "The topics differ from the session's; an import sets the topics of new "
                    "sessions only: change them in the page editor."
                )
            )
        return changes, notes

    def plan(self):
        catalogue = self.catalogue
        read = []
        planned_rows = []
        for row in self.source.rows:
            problems, notes = [], []
            wanted = _interpret(row, self.source, catalogue, problems, notes)
            planned = PlannedRow(row.number, wanted.title, wanted=wanted, notes=notes)
            planned.problems = problems
            self._display(planned, wanted)
            planned_rows.append(planned)
            read.append((row, wanted))
        by_number = {p.number: p for p in planned_rows}
        first_with_id = {}
        for row, wanted in read:
            if not wanted.external_id:
                continue
            other = first_with_id.setdefault(wanted.external_id, row.number)
            if other != row.number:
                by_number[row.number].problems.append(
                    Problem(
                        row.number,
                        row.column("id"),
                        _("Row %(other)s has the same ID “%(id)s”.")
                        % {"other": other, "id": wanted.external_id},
                    )
                )
        matched = self._match(
            [(row, w) for row, w in read if w.title and not by_number[row.number].problems]
        )
        for row, wanted in read:
            planned = by_number[row.number]
            if row.number not in matched:
                continue
            state, alias, other = matched[row.number]
            if other is not None:
                planned.problems.append(
                    Problem(
                        row.number,
                        row.column("id"),
                        _("Row %(other)s already describes the session “%(title)s”.")
                        % {"other": other, "title": state.title},
                    )
                )
            else:
                planned.session_id = state.pk
                changes, notes = self._changes(wanted, state, alias)
                planned.changes = changes
                planned.notes.extend(notes)
                planned.action = "change" if changes else "unchanged"
        self._check_clashes(planned_rows, read)
        self._check_people(planned_rows, read)
        self._check_locks(planned_rows)
        for planned in planned_rows:
            if planned.problems:
                planned.action = "problem"
        new_people = {}
        for planned in planned_rows:
            if planned.action in ("create", "change"):
                for speaker in planned.wanted.speakers:
                    if speaker.person_id is None:
                        new_people.setdefault(_key(speaker.name), speaker.name)
        return Plan(
            self.edition,
            self.source.format,
            planned_rows,
            sorted(new_people.values()),
            list(self.source.notes),
        )

    def _future(self, planned_rows):
        """The sessions as the import would leave them, and which row sets each."""
        future = {
            pk: replace(state, speakers=list(state.speakers)) for pk, state in self.states.items()
        }
        owner, moving = {}, []
        for planned in planned_rows:
            wanted = planned.wanted
            if planned.problems or not wanted.title:
                continue
            given = wanted.given
            if planned.session_id is not None:
                state = future[planned.session_id]
                owner[state.pk] = planned.number
                if {"date", "start"} & given:
                    state.start, state.end = wanted.start, wanted.end
                if "room" in given:
                    state.room_id = wanted.room.pk if wanted.room else None
                if "speakers" in given:
                    state.speakers = [
                        s for s in _speaker_roles(wanted, self.states[state.pk]) if s[0]
                    ]
                if planned.changed_fields & {"start", "room", "speakers"}:
                    moving.append((planned, state))
            else:
                state = schedule.SessionState(
                    pk=-planned.number,
                    title=wanted.title,
                    session_type=wanted.session_type or SessionPage.Type.TALK,
                    start=wanted.start,
                    end=wanted.end,
                    room_id=wanted.room.pk if wanted.room else None,
                    track_id=wanted.track.pk if wanted.track else None,
                    language=wanted.language or SessionPage.Language.BG,
                    live=False,
                    has_unpublished_changes=True,
                    translation_key=None,
                    speakers=[s for s in _speaker_roles(wanted, None) if s[0]],
                )
                future[state.pk] = state
                owner[state.pk] = planned.number
                moving.append((planned, state))
        return future, owner, moving

    def _check_clashes(self, planned_rows, read):
        columns = {row.number: row for row, _w in read}
        future, owner, moving = self._future(planned_rows)
        names = self.catalogue.person_names
        moving_ids = {state.pk for _planned, state in moving}
        for planned, state in moving:
            row = columns[planned.number]
            for other in schedule.room_clashes(state, future):
                other_row = owner.get(other.pk)
                room = self.catalogue.room_names.get(state.room_id, "?")
                if other_row is None:
                    message = _("Room “%(room)s” is already taken by “%(other)s” at that time.") % {
                        "room": room,
                        "other": other.title,
                    }
                elif other_row < planned.number or other.pk not in moving_ids:
                    message = _(
                        "Room “%(room)s” is also used by row %(row)s (“%(other)s”) at that time."
                    ) % {"room": room, "row": other_row, "other": other.title}
                else:
                    continue
                planned.problems.append(Problem(planned.number, row.column("room"), message))
            for person_id, other in schedule.speaker_clashes(state, future):
                planned.notes.append(
                    _("%(person)s is also in “%(other)s” at that time.")
                    % {"person": names.get(person_id, "?"), "other": other.title}
                )

    def _check_people(self, planned_rows, read):
        if self.user is None or self.user.has_perm("people.add_person"):
            return
        columns = {row.number: row for row, _w in read}
        for planned in planned_rows:
            if planned.action not in ("create", "change"):
                continue
            for speaker in planned.wanted.speakers:
                if speaker.person_id is None:
                    planned.problems.append(
                        Problem(
                            planned.number,
                            columns[planned.number].column("speakers"),
                            _(
                                "%(name)s is not in the Directory, and you may not add people; "
                                "ask the organising team to add the profile first."
                            )
                            % {"name": speaker.name},
                        )
                    )

    def _check_locks(self, planned_rows):
        changing = {
            p.session_id: p
            for p in planned_rows
            if p.action == "change" and self.states[p.session_id].locked
        }
        if not changing:
            return
        for pk, locked_by in SessionPage.objects.filter(pk__in=list(changing)).values_list(
            "pk", "locked_by_id"
        ):
            if self.user is None or locked_by != self.user.pk:
                planned = changing[pk]
                planned.problems.append(
                    Problem(
                        planned.number,
                        str(LABELS["title"]),
                        _("“%(title)s” is locked by another editor; the import cannot change it.")
                        % {"title": planned.title},
                    )
                )


def _short(text, limit=80):
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plan_import(*, edition, source, user=None):
    """What importing `source` (a parsed file) into `edition` would do; writes nothing."""
    return _Planner(edition, source, user).plan()


# Applying


@dataclass
class Result:
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    skipped: int = 0
    people: int = 0
    warnings: list = field(default_factory=list)


def _english_page(session):
    english = Locale.objects.filter(language_code="en").first()
    if english is None:
        return None
    found = session.get_translation_or_none(english)
    return found.specific if found is not None else None


def _apply_moves(edition, moves, user):
    """Move sessions to their new times and rooms, in an order that never puts two sessions in
    one room at once (a session in the way of another that moves too is first unscheduled)."""
    current = schedule.edition_states(edition)
    pending = list(moves)  # [(planned row, session, start, end, room)]

    def target(item):
        _planned, session, start, end, room = item
        return replace(current[session.pk], start=start, end=end, room_id=room.pk if room else None)

    def move(item, start, end, **room):
        planned, session = item[0], item[1]
        try:
            outcome = schedule.session_move(
                session=session, start=start, end=end, user=user, **room
            )
        except schedule.ScheduleError as error:
            raise _row_error(planned, error) from error
        current[session.pk].start, current[session.pk].end = start, end
        if "room" in room:
            current[session.pk].room_id = room["room"].pk if room["room"] else None
        return outcome

    warnings_ = []
    while pending:
        for item in pending:
            if not schedule.room_clashes(target(item), current):
                outcome = move(item, item[2], item[3], room=item[4])
                warnings_.extend(w.message for w in outcome.warnings)
                pending.remove(item)
                break
        else:
            moving = {item[1].pk: item for item in pending}
            blockers = [
                moving[other.pk]
                for item in pending
                for other in schedule.room_clashes(target(item), current)
                if other.pk in moving and current[other.pk].scheduled
            ]
            if not blockers:
                item = pending[0]
                move(item, item[2], item[3], room=item[4])  # raises the rule's refusal
                pending.remove(item)
                continue
            move(blockers[0], None, None)
    return warnings_


def _row_error(planned, error):
    messages = error.messages if isinstance(error, ValidationError) else [str(error)]
    return AgendaImportError(
        [
            _("Row %(row)s (“%(title)s”): %(message)s")
            % {"row": planned.number, "title": planned.title, "message": message}
            for message in messages
        ]
    )


@transaction.atomic
def apply(plan, user=None, *, skip_problems=False):
    """Carry out `plan` through the schedule services in one transaction. Refuses a plan with
    problems (AgendaImportError listing them) unless `skip_problems`, which leaves those rows
    out. New sessions are drafts; new people are created as `person_create` decides."""
    problems = plan.problems
    if problems and not skip_problems:
        raise AgendaImportError([str(problem) for problem in problems])
    edition = plan.edition
    result = Result(unchanged=len(plan.unchanged), skipped=len(plan.problem_rows))
    rows = [row for row in plan.rows if row.action in ("create", "change")]
    people = {}
    needed = {}
    for planned in rows:
        for speaker in planned.wanted.speakers:
            if speaker.person_id is None:
                needed.setdefault(_key(speaker.name), (speaker.name, planned))
    for key, (name, planned) in needed.items():
        try:
            people[key] = schedule.person_create(name=name, user=user)
        except schedule.ScheduleError as error:
            raise _row_error(planned, error) from error
        result.people += 1
    known = {
        person.pk: person
        for person in Person.objects.filter(
            pk__in={s.person_id for p in rows for s in p.wanted.speakers if s.person_id}
        )
    }

    def speakers(planned, state):
        found = []
        for speaker, (person_id, role) in zip(
            planned.wanted.speakers,
            _speaker_roles(planned.wanted, state),
            strict=True,
        ):
            person = known.get(person_id) if person_id else people[_key(speaker.name)]
            found.append((person, role))
        return found

    states = schedule.edition_states(edition)
    moves = []
    for planned in plan.to_change:
        wanted, fields = planned.wanted, planned.changed_fields
        session = SessionPage.objects.get(pk=planned.session_id)
        updates = {}
        if "title" in fields:
            updates["title"] = wanted.title
        if "type" in fields:
            updates["session_type"] = wanted.session_type
        if "language" in fields:
            updates["language"] = wanted.language
        if "track" in fields:
            updates["track"] = wanted.track
        if "speakers" in fields:
            updates["speakers"] = speakers(planned, states.get(session.pk))
        if "abstract" in fields:
            updates["abstract"] = rich_text(wanted.abstract)
        if "id" in fields:
            updates["external_id"] = wanted.external_id
        try:
            if updates:
                schedule.session_update(session=session, user=user, **updates)
            if "title_en" in fields:
                english = _english_page(session)
                if english is not None:
                    schedule.session_update(session=english, user=user, title=wanted.title_en)
        except schedule.ScheduleError as error:
            raise _row_error(planned, error) from error
        if fields & {"start", "room"}:
            room = wanted.room if "room" in wanted.given else _current_room(states, session)
            start, end = (
                (wanted.start, wanted.end)
                if {"date", "start"} & wanted.given
                else (states[session.pk].start, states[session.pk].end)
            )
            moves.append((planned, session, start, end, room))
        result.changed += 1
    result.warnings.extend(_apply_moves(edition, moves, user))
    for planned in plan.to_create:
        wanted = planned.wanted
        translations = {"en": {"title": wanted.title_en}} if wanted.title_en else None
        try:
            outcome = schedule.session_create(
                edition=edition,
                title=wanted.title,
                user=user,
                session_type=wanted.session_type or SessionPage.Type.TALK,
                start=wanted.start,
                end=wanted.end,
                room=wanted.room,
                track=wanted.track,
                language=wanted.language or SessionPage.Language.BG,
                speakers=speakers(planned, None),
                topics=wanted.topics,
                abstract=rich_text(wanted.abstract),
                external_id=wanted.external_id,
                translations=translations,
            )
        except schedule.ScheduleError as error:
            raise _row_error(planned, error) from error
        result.warnings.extend(w.message for w in outcome.warnings)
        result.created += 1
    return result


def _current_room(states, session):
    room_id = states[session.pk].room_id
    return Room.objects.filter(pk=room_id).first() if room_id else None


# Uploads kept between the preview and the confirmation


def agenda_upload_store(*, edition, user, filename, format, content):
    """Keep an uploaded file for its confirmation; uploads older than a day are dropped."""
    AgendaUpload.objects.filter(created__lt=timezone.now() - UPLOAD_LIFETIME).delete()
    return AgendaUpload.objects.create(
        edition=schedule.source_edition(edition),
        user=user,
        filename=(filename or "")[:255],
        format=format,
        content=content,
    )


def agenda_upload_plan(*, upload, user=None):
    """The plan of a kept upload, made afresh from its bytes and the sessions as they are now."""
    source = parse(bytes(upload.content), format=upload.format, filename=upload.filename)
    return plan_import(edition=upload.edition, source=source, user=user)


@transaction.atomic
def agenda_upload_apply(*, upload, user, skip_problems=False):
    """Re-read and re-plan a kept upload, apply the plan, and drop the upload."""
    plan = agenda_upload_plan(upload=upload, user=user)
    result = apply(plan, user, skip_problems=skip_problems)
    upload.delete()
    return result


def plan_lines(plan):
    """The plan as lines of text: the counts, then every row to create or change, every problem
    and the people to add."""
    counts = plan.counts
    lines = [
        _(
            "%(create)s to create, %(change)s to change, %(unchanged)s unchanged, "
            "%(problem)s with problems."
        )
        % counts
    ]
    lines.extend(plan.notes)
    for row in plan.to_create:
        lines.append(
            _("Row %(row)s: create “%(title)s” (%(when)s, %(room)s).")
            % {"row": row.number, "title": row.title, "when": row.when, "room": row.room}
        )
    for row in plan.to_change:
        lines.append(
            _("Row %(row)s: change “%(title)s”: %(changes)s.")
            % {
                "row": row.number,
                "title": row.title,
                "changes": "; ".join(f"{c.label}: {c.old} → {c.new}" for c in row.changes),
            }
        )
    for row in plan.rows:
        for note in row.notes:
            lines.append(_("Row %(row)s: %(note)s") % {"row": row.number, "note": note})
    for name in plan.new_people:
        lines.append(_("New person will be created: %(name)s") % {"name": name})
    for problem in plan.problems:
        lines.append(str(problem))
    return lines
