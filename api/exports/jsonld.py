"""schema.org Event JSON-LD for editions and sessions (embedded by the frontend).

Google's required properties: name, startDate, location (Place with name and address);
recommended ones filled where we have them: endDate, description, eventStatus,
eventAttendanceMode, image, organizer, performer, url, inLanguage, superEvent. A performer
carries the jobTitle and affiliation of the session's time.
"""

from api.serializers.common import page_url, rendition_url
from api.text import plain_text

SCHEMA = "https://schema.org"
STATUS = "https://schema.org/EventScheduled"
OFFLINE = "https://schema.org/OfflineEventAttendanceMode"


def _place(edition, room=None):
    name = edition.venue_name if room is None else f"{room.name}, {edition.venue_name}"
    place = {
        "@type": "Place",
        "name": name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": edition.venue_address,
            "addressLocality": edition.venue_city,
            "postalCode": edition.venue_postal_code,
            "addressCountry": edition.venue_country,
        },
    }
    if edition.venue_latitude is not None and edition.venue_longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(edition.venue_latitude),
            "longitude": float(edition.venue_longitude),
        }
    return place


def edition_event(edition, request=None):
    data = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": edition.title,
        "startDate": edition.start_date.isoformat(),
        "endDate": edition.end_date.isoformat(),
        "eventStatus": STATUS,
        "eventAttendanceMode": OFFLINE,
        "location": _place(edition),
        "description": plain_text(edition.theme or edition.intro),
        "inLanguage": edition.locale.language_code,
    }
    url = page_url(edition, request)
    if url:
        data["url"] = url
    hero = rendition_url(edition.hero_image, "fill-1200x500", request)
    if hero:
        data["image"] = [hero]
    organisers = [
        org
        for role, items in getattr(edition, "partner_groups", [])
        if role in ("organiser", "co_organiser")
        for org, _tier in items
    ]
    if organisers:
        data["organizer"] = [
            {
                "@type": "Organization",
                "name": org.name,
                **({"url": org.website} if org.website else {}),
            }
            for org in organisers
        ]
    return data


def session_event(session, request=None):
    edition = session.edition_l
    data = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": session.title,
        "startDate": session.start.astimezone(edition.tzinfo).isoformat(),
        "endDate": session.end.astimezone(edition.tzinfo).isoformat(),
        "eventStatus": STATUS,
        "eventAttendanceMode": OFFLINE,
        "location": _place(edition, session.room_l),
        "inLanguage": session.language,
        "superEvent": {"@type": "Event", "name": edition.title},
    }
    description = plain_text(session.abstract)
    if description:
        data["description"] = description
    url = page_url(session, request)
    if url:
        data["url"] = url
        data["superEvent"]["url"] = page_url(edition, request)
    if session.speakers_l:
        data["performer"] = [_performer(person) for person, _role in session.speakers_l]
    return data


def _performer(person):
    """A speaker with the job title and organisation of this session's time."""
    data = {"@type": "Person", "name": person.name}
    if person.job_title:
        data["jobTitle"] = person.job_title
    organisation = getattr(person, "organisation_l", None)
    if organisation is not None:
        data["affiliation"] = {"@type": "Organization", "name": organisation.name}
    return data
