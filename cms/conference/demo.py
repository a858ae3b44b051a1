"""Loading the demo conference: get-or-create everything, so a second run changes nothing.

Existing objects are never overwritten, so content an editor changed survives a re-run.
"""

import datetime
import zoneinfo
from decimal import Decimal

from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms.conference import demo_data as data
from cms.conference.models import (
    ConferencePage,
    EditionPage,
    NewsPage,
    Partnership,
    Room,
    SessionPage,
    SessionSpeaker,
    StandardPage,
    Track,
    VenuePage,
)
from cms.conference.services import edition_editors_group_ensure
from cms.core.images import image_ensure
from cms.people.models import Industry, Organisation, Person, Topic

SOFIA = zoneinfo.ZoneInfo("Europe/Sofia")


def locales():
    bg, _ = Locale.objects.get_or_create(language_code="bg")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return bg, en


def _snippet(model, *, slug, bg_fields, en_fields, bg, en):
    """Bulgarian source object and its English translation, created if missing."""
    source = model.objects.filter(locale=bg, slug=slug).first()
    if source is None:
        source = model(locale=bg, slug=slug, **bg_fields)
        source.save()
        if hasattr(source, "save_revision"):
            source.save_revision().publish()
    translation = source.get_translation_or_none(en)
    if translation is None:
        translation = source.copy_for_translation(en)
        for name, value in en_fields.items():
            setattr(translation, name, value)
        translation.save()
        if hasattr(translation, "save_revision"):
            translation.save_revision().publish()
    return source, translation


def _publish(page):
    page.save_revision().publish()
    return page


def _child(parent, model, slug):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _translate_page(page, en, fields, prepare=None):
    """English translation of a published Bulgarian page; `prepare` fixes relations first."""
    translation = page.get_translation_or_none(en)
    if translation is not None:
        return translation.specific
    translation = page.copy_for_translation(en).specific
    for name, value in fields.items():
        setattr(translation, name, value)
    if prepare is not None:
        prepare(translation)
    translation.save()
    return _publish(type(translation).objects.get(pk=translation.pk))


def _local(day, hhmm):
    hour, minute = (int(part) for part in hhmm.split(":"))
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=SOFIA)


class DemoLoader:
    def __init__(self, *, progress=None):
        self.progress = progress or (lambda message: None)
        self.bg, self.en = locales()
        self.topics = {}
        self.industries = {}
        self.organisations = {}
        self.people = {}

    @transaction.atomic
    def run(self):
        self.load_taxonomies()
        self.load_organisations()
        self.load_people()
        conference = self.load_conference()
        for spec in data.EDITIONS:
            self.load_edition(conference, spec)
        return conference

    def load_taxonomies(self):
        for slug, bg_name, en_name in data.TOPICS:
            self.topics[slug] = _snippet(
                Topic,
                slug=slug,
                bg_fields={"name": bg_name},
                en_fields={"name": en_name},
                bg=self.bg,
                en=self.en,
            )
        for slug, bg_name, en_name in data.INDUSTRIES:
            self.industries[slug] = _snippet(
                Industry,
                slug=slug,
                bg_fields={"name": bg_name},
                en_fields={"name": en_name},
                bg=self.bg,
                en=self.en,
            )
        self.progress(f"{len(self.topics)} topics, {len(self.industries)} industries")

    def load_organisations(self):
        for slug, (kind, names, short, website, country) in data.ORGANISATIONS.items():
            logo = image_ensure(
                title=f"Logo: {names[1]}", text=short[1] or names[1], size=(480, 240)
            )
            common = {"kind": kind, "website": website, "country": country, "logo": logo}
            self.organisations[slug] = _snippet(
                Organisation,
                slug=slug,
                bg_fields={"name": names[0], "short_name": short[0], **common},
                en_fields={"name": names[1], "short_name": short[1]},
                bg=self.bg,
                en=self.en,
            )
        self.progress(f"{len(self.organisations)} organisations")

    def load_people(self):
        for slug, (names, titles, org) in data.PEOPLE.items():
            photo = image_ensure(title=f"Portrait: {names[1]}", text=names[1])
            bg_org, en_org = self.organisations[org] if org else (None, None)
            self.people[slug] = _snippet(
                Person,
                slug=slug,
                bg_fields={
                    "name": names[0],
                    "job_title": titles[0],
                    "organisation": bg_org,
                    "photo": photo,
                    "bio": f"<p>{names[0]} – {titles[0]}.</p>",
                },
                en_fields={
                    "name": names[1],
                    "job_title": titles[1],
                    "organisation": en_org,
                    "bio": f"<p>{names[1]}, {titles[1]}.</p>",
                },
                bg=self.bg,
                en=self.en,
            )
        self.progress(f"{len(self.people)} people")

    def load_conference(self):
        root = Page.get_first_root_node()
        conference = ConferencePage.objects.filter(
            locale=self.bg, slug=data.CONFERENCE["slug"]
        ).first()
        if conference is None:
            conference = root.add_child(
                instance=ConferencePage(
                    title=data.CONFERENCE["title"][0],
                    slug=data.CONFERENCE["slug"],
                    intro=data.CONFERENCE["intro"][0],
                    organiser_contact_email=data.CONFERENCE["email"],
                    locale=self.bg,
                )
            )
            _publish(conference)
        _translate_page(
            conference,
            self.en,
            {"title": data.CONFERENCE["title"][1], "intro": data.CONFERENCE["intro"][1]},
        )
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost", port=80, root_page=conference, is_default_site=True
            )
        elif site.root_page_id != conference.pk:
            old_root = site.root_page
            site.root_page = conference
            site.site_name = data.CONFERENCE["title"][1]
            site.save()
            if type(old_root.specific) is Page and not old_root.get_children().exists():
                old_root.delete()  # Wagtail's placeholder welcome page
        self.progress("conference")
        return conference

    def load_edition(self, conference, spec):
        edition = EditionPage.objects.child_of(conference).filter(year=spec["year"]).first()
        if edition is None:
            edition = self._create_edition(conference, spec)
        _translate_page(
            edition,
            self.en,
            self._edition_en_fields(spec),
            prepare=lambda page: self._translate_edition_children(page, spec),
        )
        self._load_content_pages(edition, spec)
        for session_spec in spec["sessions"]:
            self._load_session(edition, spec, session_spec)
        edition_editors_group_ensure(edition=edition)
        self.progress(f"edition {spec['year']}: {len(spec['sessions'])} sessions")
        return edition

    def _edition_en_fields(self, spec):
        venue = data.SOFIA_TECH_PARK
        return {
            "title": spec["title"][1],
            "theme": spec["theme"][1],
            "intro": spec["intro"][1],
            "venue_name": venue["venue_name"][1],
            "venue_address": venue["venue_address"][1],
            "venue_city": venue["venue_city"][1],
        }

    def _create_edition(self, conference, spec):
        venue = data.SOFIA_TECH_PARK
        start, end = (datetime.date.fromisoformat(day) for day in spec["dates"])
        edition = EditionPage(
            title=spec["title"][0],
            slug=spec["slug"],
            locale=self.bg,
            year=spec["year"],
            start_date=start,
            end_date=end,
            status=spec["status"],
            theme=spec["theme"][0],
            intro=spec["intro"][0],
            venue_name=venue["venue_name"][0],
            venue_address=venue["venue_address"][0],
            venue_city=venue["venue_city"][0],
            venue_postal_code=venue["venue_postal_code"],
            venue_latitude=Decimal(venue["latitude"]),
            venue_longitude=Decimal(venue["longitude"]),
            hero_image=image_ensure(
                title=f"Banner: {spec['title'][1]}", text=f"N C {spec['year']}", size=(1200, 500)
            ),
        )
        edition.rooms = [
            Room(name=data.ROOMS[key][0], capacity=data.ROOMS[key][2], locale=self.bg, sort_order=i)
            for i, key in enumerate(spec["rooms"])
        ]
        edition.tracks = [
            Track(
                name=data.TRACKS[key][1],
                slug=data.TRACKS[key][0],
                color=data.TRACKS[key][3],
                locale=self.bg,
                sort_order=i,
            )
            for i, key in enumerate(spec["tracks"])
        ]
        edition.partnerships = [
            Partnership(organisation=self.organisations[org][0], role=role, tier=tier, sort_order=i)
            for i, (org, role, tier) in enumerate(spec["partners"])
        ]
        edition.topics = [self.topics[slug][0] for slug in spec["topics"]]
        edition.industries = [self.industries[slug][0] for slug in spec["industries"]]
        conference.add_child(instance=edition)
        return _publish(edition)

    def _translate_edition_children(self, page, spec):
        rooms, tracks = list(page.rooms.all()), list(page.tracks.all())
        for room, key in zip(rooms, spec["rooms"], strict=True):
            room.name = data.ROOMS[key][1]
        for track, key in zip(tracks, spec["tracks"], strict=True):
            track.name = data.TRACKS[key][2]
        page.rooms, page.tracks = rooms, tracks

    def _load_content_pages(self, edition, spec):
        venue = _child(edition, VenuePage, data.VENUE_PAGE["slug"])
        if venue is None:
            venue = edition.add_child(
                instance=VenuePage(
                    title=data.VENUE_PAGE["title"][0],
                    slug=data.VENUE_PAGE["slug"],
                    locale=self.bg,
                    getting_there=data.VENUE_PAGE["getting_there"][0],
                    accessibility=data.VENUE_PAGE["accessibility"][0],
                )
            )
            _publish(venue)
        _translate_page(
            venue,
            self.en,
            {
                "title": data.VENUE_PAGE["title"][1],
                "getting_there": data.VENUE_PAGE["getting_there"][1],
                "accessibility": data.VENUE_PAGE["accessibility"][1],
            },
        )
        about = _child(edition, StandardPage, data.ABOUT_PAGE["slug"])
        if about is None:
            about = edition.add_child(
                instance=StandardPage(
                    title=data.ABOUT_PAGE["title"][0],
                    slug=data.ABOUT_PAGE["slug"],
                    locale=self.bg,
                    intro=data.ABOUT_PAGE["intro"][0],
                    body=[("paragraph", f"<p>{data.ABOUT_PAGE['intro'][0]}</p>")],
                )
            )
            _publish(about)
        _translate_page(
            about,
            self.en,
            {
                "title": data.ABOUT_PAGE["title"][1],
                "intro": data.ABOUT_PAGE["intro"][1],
                "body": [("paragraph", f"<p>{data.ABOUT_PAGE['intro'][1]}</p>")],
            },
        )
        slug, day, titles, intros = spec["news"]
        news = _child(edition, NewsPage, slug)
        if news is None:
            news = edition.add_child(
                instance=NewsPage(
                    title=titles[0],
                    slug=slug,
                    locale=self.bg,
                    date=datetime.date.fromisoformat(day),
                    intro=intros[0],
                    body=[("paragraph", f"<p>{intros[0]}</p>")],
                    image=edition.hero_image,
                )
            )
            _publish(news)
        _translate_page(
            news,
            self.en,
            {
                "title": titles[1],
                "intro": intros[1],
                "body": [("paragraph", f"<p>{intros[1]}</p>")],
            },
        )

    def _load_session(self, edition, spec, session_spec):
        (
            slug,
            day,
            start,
            end,
            kind,
            room_key,
            track_key,
            language,
            topics,
            industries,
            speakers,
            titles,
            abstracts,
        ) = session_spec
        session = _child(edition, SessionPage, slug)
        if session is None:
            first_day = edition.start_date
            date = first_day + datetime.timedelta(days=day)
            rooms = dict(zip(spec["rooms"], edition.rooms.order_by("sort_order"), strict=True))
            tracks = dict(zip(spec["tracks"], edition.tracks.order_by("sort_order"), strict=True))
            session = SessionPage(
                title=titles[0],
                slug=slug,
                locale=self.bg,
                abstract=f"<p>{abstracts[0]}</p>" if abstracts[0] else "",
                session_type=kind,
                start=_local(date, start),
                end=_local(date, end),
                room=rooms.get(room_key),
                track=tracks.get(track_key),
                language=language,
            )
            session.speakers = [
                SessionSpeaker(person=self.people[person][0], role=role, sort_order=i)
                for i, (person, role) in enumerate(speakers)
            ]
            session.topics = [self.topics[t][0] for t in topics]
            session.industries = [self.industries[i][0] for i in industries]
            edition.add_child(instance=session)
            _publish(session)

        def prepare(page):
            page.room = page.room.get_translation(self.en) if page.room else None
            page.track = page.track.get_translation(self.en) if page.track else None
            page.speakers = [
                SessionSpeaker(person=self.people[person][1], role=role, sort_order=i)
                for i, (person, role) in enumerate(speakers)
            ]

        _translate_page(
            session,
            self.en,
            {"title": titles[1], "abstract": f"<p>{abstracts[1]}</p>" if abstracts[1] else ""},
            prepare=prepare,
        )
