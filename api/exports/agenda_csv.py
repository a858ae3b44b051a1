"""The agenda as CSV (UTF-8 with a byte order mark, so spreadsheets read Cyrillic)."""

import csv
import io

from api.exports.schedule import duration
from api.serializers.common import guid
from api.text import plain_text

COLUMNS = [
    "id",
    "guid",
    "date",
    "start",
    "end",
    "duration",
    "room",
    "track",
    "type",
    "language",
    "title",
    "speakers",
    "topics",
    "abstract",
    "url",
    "speaker_affiliations",
]


def speaker_affiliation(person):
    """The name with the job title and organisation at the time of the session, as
    "Name (job title, organisation)"; the name alone when neither is known."""
    organisation = getattr(person, "organisation_l", None)
    details = [person.job_title, organisation.name if organisation is not None else ""]
    details = ", ".join(detail for detail in details if detail)
    return f"{person.name} ({details})" if details else person.name


def agenda_csv(schedule):
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for session in schedule.sessions:
        start, end = schedule.local(session.start), schedule.local(session.end)
        writer.writerow(
            [
                session.pk,
                guid("session", session.translation_key),
                start.date().isoformat(),
                start.strftime("%H:%M"),
                end.strftime("%H:%M"),
                duration(session),
                schedule.room_name(session),
                session.track_l.name if session.track_l else "",
                session.session_type,
                session.language,
                session.title,
                "; ".join(person.name for person, _role in session.speakers_l),
                "; ".join(topic.name for topic in session.topics_l),
                plain_text(session.abstract),
                schedule.session_url(session),
                "; ".join(speaker_affiliation(person) for person, _role in session.speakers_l),
            ]
        )
    return buffer.getvalue().encode("utf-8")
