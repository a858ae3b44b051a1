"""Exports: frab schedule XML/JSON, iCalendar and CSV."""

import json

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework.renderers import JSONRenderer

from api.exceptions import BadRequest, NotFound
from api.exports import agenda_csv, frab, ical
from api.exports.releases import live_version
from api.exports.schedule import edition_schedule
from api.http import MAX_PARAM_LENGTH, parse_id
from api.renderers import CSVRenderer, ICalRenderer, XMLRenderer
from api.schema_docs import ERRORS, ID_PATH, LOCALE_PARAMETERS, YEAR_PATH
from api.views.base import PublicView, edition_scopes
from cms.conference import selectors as conference

MAX_SELECTION = 100


def _file(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _format_parameters(view):
    """DRF's `format` override, documented with the empty value it reads as absent."""
    formats = [renderer.format for renderer in view.renderer_classes]
    if len(formats) < 2:
        return []
    return [
        OpenApiParameter(
            "format",
            str,
            OpenApiParameter.QUERY,
            enum=["", *formats],
            description=f"Response format; empty or absent: {formats[0]}.",
        )
    ]


def _doc(operation_id, media_type, description, extra=()):
    def decorate(view):
        return extend_schema_view(
            get=extend_schema(
                operation_id=operation_id,
                tags=["exports"],
                parameters=[*LOCALE_PARAMETERS, *extra, *_format_parameters(view)],
                responses={
                    (200, media_type): OpenApiResponse(
                        response=OpenApiTypes.OBJECT if "json" in media_type else OpenApiTypes.STR,
                        description=description,
                    ),
                    **ERRORS,
                },
            )
        )(view)

    return decorate


class ExportView(PublicView):
    pagination_class = None
    filter_backends = []

    def cache_scopes(self, request, year=None, **kwargs):
        if year is not None:
            return edition_scopes(year)
        return super().cache_scopes(request, **kwargs)

    def schedule(self, year):
        year = parse_id(year, field="year")
        schedule = edition_schedule(year=year, locale=self.locale, request=self.request)
        if schedule is None:
            raise NotFound(f"No published edition for {year}.")
        return schedule

    def frab_schedule(self, year):
        """The schedule with the frab version: the latest release's name while the agenda in
        this language is what it froze, else that name and the last publish time (see
        api.exports.releases.live_version); without releases, the edition's publish time."""
        schedule = self.schedule(year)
        latest = conference.release_latest(year=schedule.edition.year)
        schedule.version = live_version(schedule, latest, language=self.language)
        return schedule


@_doc(
    "schedule_xml",
    "application/xml",
    "frab schedule XML (validates against schedule.xml.xsd). Its version: the name of the "
    "edition's latest release while the agenda in this language is what that release froze, "
    "else that name, a plus and the UTC time of the latest publish (v2+20270301120000); "
    "without releases, the edition's publish time.",
    [YEAR_PATH],
)
class ScheduleXMLView(ExportView):
    renderer_classes = [XMLRenderer, JSONRenderer]

    def get(self, request, year):
        schedule = self.frab_schedule(year)
        return _file(
            frab.schedule_xml(schedule),
            "application/xml; charset=utf-8",
            f"schedule-{schedule.edition.year}.xml",
        )


@_doc(
    "schedule_json",
    "application/json",
    "frab schedule JSON (validates against schema.json). Its version as in schedule.xml.",
    [YEAR_PATH],
)
class ScheduleJSONView(ExportView):
    renderer_classes = [JSONRenderer]

    def get(self, request, year):
        schedule = self.frab_schedule(year)
        # Compact: the C encoder (an indent makes json use the pure-Python one, ten times slower).
        body = json.dumps(frab.schedule_json(schedule), ensure_ascii=False, separators=(",", ":"))
        return _file(
            body.encode("utf-8"),
            "application/json; charset=utf-8",
            f"schedule-{schedule.edition.year}.json",
        )


@_doc("agenda_ics", "text/calendar", "The edition's agenda as iCalendar.", [YEAR_PATH])
class EditionICalView(ExportView):
    renderer_classes = [ICalRenderer, JSONRenderer]

    def get(self, request, year):
        schedule = self.schedule(year)
        edition = schedule.edition
        body = ical.calendar(
            schedule.sessions, name=edition.title, request=request, edition=edition
        )
        return _file(body, "text/calendar; charset=utf-8", f"agenda-{schedule.edition.year}.ics")


@_doc("agenda_csv", "text/csv", "The edition's agenda as CSV (UTF-8 with BOM).", [YEAR_PATH])
class EditionCSVView(ExportView):
    renderer_classes = [CSVRenderer, JSONRenderer]

    def get(self, request, year):
        schedule = self.schedule(year)
        return _file(
            agenda_csv.agenda_csv(schedule),
            "text/csv; charset=utf-8",
            f"agenda-{schedule.edition.year}.csv",
        )


def _sessions(locale, queryset):
    return conference.sessions_localise(queryset, locale)


@_doc(
    "session_ics",
    "text/calendar",
    "One session as iCalendar.",
    [ID_PATH],
)
class SessionICalView(ExportView):
    renderer_classes = [ICalRenderer, JSONRenderer]

    def get(self, request, pk):
        session = conference.session_get(pk=parse_id(pk, field="pk"), locale=self.locale)
        if session is None:
            raise NotFound()
        body = ical.calendar([session], name=session.title, request=request)
        return _file(body, "text/calendar; charset=utf-8", f"session-{session.pk}.ics")


@_doc(
    "speaker_ics",
    "text/calendar",
    "A speaker's sessions across every edition as iCalendar.",
    [ID_PATH],
)
class SpeakerICalView(ExportView):
    renderer_classes = [ICalRenderer, JSONRenderer]

    def get(self, request, pk):
        person = conference.speaker_get(pk=parse_id(pk, field="pk"), locale=self.locale)
        if person is None:
            raise NotFound()
        sessions = conference.session_list(locale=self.locale).filter(
            pk__in=conference.speaker_sessions(locale=self.locale)
            .filter(speakers__person__translation_key=person.translation_key)
            .values("pk")
        )
        body = ical.calendar(_sessions(self.locale, sessions), name=person.name, request=request)
        return _file(body, "text/calendar; charset=utf-8", f"speaker-{person.pk}.ics")


@_doc(
    "selection_ics",
    "text/calendar",
    "A personal selection of sessions as iCalendar. Ids that are no longer published are "
    "left out; 404 when none is.",
    [
        OpenApiParameter(
            "sessions",
            {
                "type": "string",
                "maxLength": MAX_PARAM_LENGTH,
                "pattern": rf"^[1-9][0-9]{{0,17}}(,[1-9][0-9]{{0,17}}){{0,{MAX_SELECTION - 1}}}$",
            },
            OpenApiParameter.QUERY,
            required=True,
            description=f"Comma-separated session ids (at most {MAX_SELECTION}).",
        )
    ],
)
class SelectionICalView(ExportView):
    renderer_classes = [ICalRenderer, JSONRenderer]

    def get(self, request):
        raw = request.query_params.get("sessions", "")
        parts = [part.strip() for part in raw.split(",") if part.strip()]
        if not parts:
            raise BadRequest("Give the session ids as sessions=ID,ID.", field="sessions")
        if len(parts) > MAX_SELECTION:
            raise BadRequest(f"At most {MAX_SELECTION} sessions.", field="sessions")
        ids = [parse_id(part, field="sessions") for part in parts]
        sessions = _sessions(
            self.locale, conference.session_list(locale=self.locale, filters={"ids": ids})
        )
        if not sessions:
            raise NotFound("None of these sessions is published.")
        body = ical.calendar(sessions, name="My agenda", request=request)
        return _file(body, "text/calendar; charset=utf-8", "agenda.ics")
