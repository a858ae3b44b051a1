"""Loading the demo conference without harming a site that is not the demo.

Every demo object gets a stable identity: its translation key is a uuid5 of a demo key such as
``session:2025:tech-parks-panel``, so the loader finds its objects again however an editor renames
them. Each object it creates is remembered in a `DemoRecord`; a re-run creates only what was never
created, so what an editor deleted stays deleted, and it never overwrites anything.

A database that holds other content, or whose default Site serves pages the demo did not create,
is refused (`DemoSiteRefused`) unless the caller forces the load. Even then the loader never
re-points a default Site it did not create; it only takes over Wagtail's placeholder welcome page.
"""

import datetime
import uuid
import zoneinfo
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.actions.copy_for_translation import ParentNotTranslatedError
from wagtail.coreutils import find_available_slug
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
from cms.conference.services import edition_editors_group_ensure, free_slug
from cms.core.images import image_ensure
from cms.core.models import DemoRecord
from cms.people.models import Industry, Organisation, Person, Topic

SOFIA = zoneinfo.ZoneInfo("Europe/Sofia")
DEMO_NAMESPACE = uuid.UUID("5b0f6c8e-2f4d-5c1a-9e47-6a3d2b1c0e9f")
SNIPPET_MODELS = (Topic, Industry, Organisation, Person)


class DemoSiteRefused(Exception):
    """The database holds a site that is not the demo; loading needs an explicit force."""


def demo_identity(key):
    """The translation key every demo object with demo key `key` carries, in every locale."""
    return uuid.uuid5(DEMO_NAMESPACE, key)


def locales():
    bg, _ = Locale.objects.get_or_create(language_code="bg")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return bg, en


def _is_placeholder(page):
    """Wagtail's welcome page from its initial migration: a plain, childless page under root."""
    return (
        page.depth == 2
        and page.content_type_id == ContentType.objects.get_for_model(Page).pk
        and not page.get_children().exists()
    )


def demo_site_problem():
    """Why this database is not the demo (nor a blank Wagtail site), or None if it is."""
    is_demo = DemoRecord.objects.exists()
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None and not _is_placeholder(site.root_page):
        root = site.root_page
        if not (is_demo and root.translation_key == demo_identity("conference")):
            return f"the default site {site} serves {root.title!r}, which the demo did not create"
    if is_demo:
        return None
    pages = [page for page in Page.objects.filter(depth__gt=1) if not _is_placeholder(page)]
    if pages:
        return f"the database holds {len(pages)} pages the demo did not create"
    for model in SNIPPET_MODELS:
        count = model.objects.count()
        if count:
            return f"the database holds {model.__name__} snippets ({count})"
    return None


def _publish(obj):
    obj.save_revision().publish()
    return obj


def _local(day, hhmm):
    hour, minute = (int(part) for part in hhmm.split(":"))
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=SOFIA)


class DemoLoader:
    def __init__(self, *, progress=None):
        self.progress = progress or (lambda message: None)
        self.bg, self.en = locales()
        self.records = set()
        self.topics = {}
        self.industries = {}
        self.organisations = {}
        self.people = {}

    @transaction.atomic
    def run(self, *, force=False):
        """Load what was never loaded; returns the Bulgarian conference page (None if deleted)."""
        problem = demo_site_problem()
        if problem and not force:
            raise DemoSiteRefused(problem)
        self.records = set(DemoRecord.objects.values_list("key", flat=True))
        self.load_taxonomies()
        self.load_organisations()
        self.load_people()
        conference = self.load_conference()
        for spec in data.EDITIONS:
            self.load_edition(conference, spec)
        self.load_releases()
        return conference

    # Identity and memory

    def _remember(self, record):
        if record not in self.records:
            DemoRecord.objects.get_or_create(key=record)
            self.records.add(record)

    def _ensure(self, key, locale, find, create):
        """(object, created): found by identity, else created unless it was created before.

        `create` may return None when it cannot create the object (its parent is gone).
        """
        record = f"{key}@{locale.language_code}"
        obj = find()
        if obj is not None:
            self._remember(record)
            return obj, False
        if record in self.records:
            return None, False  # an editor deleted it
        obj = create()
        if obj is not None:
            self._remember(record)
        return obj, obj is not None

    def _snippet(self, model, key, *, slug, bg_fields, en_fields):
        """Bulgarian source and English translation (either None if an editor deleted it)."""
        identity = demo_identity(key)

        def find(locale):
            return lambda: model.objects.filter(locale=locale, translation_key=identity).first()

        def create_source():
            source = model(
                locale=self.bg,
                translation_key=identity,
                slug=free_slug(model, slug, self.bg),
                **bg_fields(),
            )
            source.save()
            if hasattr(source, "save_revision"):
                _publish(source)
            return source

        source, _ = self._ensure(key, self.bg, find(self.bg), create_source)

        def create_translation():
            if source is None:
                return None
            translation = source.copy_for_translation(self.en)
            for name, value in en_fields().items():
                setattr(translation, name, value)
            translation.slug = free_slug(model, translation.slug, self.en)
            translation.save()
            if hasattr(translation, "save_revision"):
                _publish(translation)
            return translation

        translation, _ = self._ensure(key, self.en, find(self.en), create_translation)
        return source, translation

    def _page(self, key, model, parent, build):
        """(Bulgarian page, created); `build()` returns the unsaved page to add under `parent`."""
        identity = demo_identity(key)

        def create():
            if parent is None:
                return None
            page = build()
            page.locale = self.bg
            page.translation_key = identity
            page.slug = find_available_slug(parent, page.slug)
            parent.add_child(instance=page)
            return _publish(page)

        return self._ensure(
            key,
            self.bg,
            lambda: model.objects.filter(locale=self.bg, translation_key=identity).first(),
            create,
        )

    def _translate_page(self, key, model, page, fields, prepare=None):
        """(English page, created) from the Bulgarian `page`; `prepare` fixes relations first."""
        identity = demo_identity(key)

        def create():
            if page is None:
                return None
            try:
                translation = page.copy_for_translation(self.en).specific
            except ParentNotTranslatedError:
                return None
            for name, value in fields.items():
                setattr(translation, name, value)
            if prepare is not None:
                prepare(translation)
            translation.save()
            return _publish(model.objects.get(pk=translation.pk))

        return self._ensure(
            key,
            self.en,
            lambda: model.objects.filter(locale=self.en, translation_key=identity).first(),
            create,
        )

    # Cross-edition snippets

    def load_taxonomies(self):
        for slug, bg_name, en_name in data.TOPICS:
            self.topics[slug] = self._snippet(
                Topic,
                f"topic:{slug}",
                slug=slug,
                bg_fields=lambda name=bg_name: {"name": name},
                en_fields=lambda name=en_name: {"name": name},
            )
        for slug, bg_name, en_name in data.INDUSTRIES:
            self.industries[slug] = self._snippet(
                Industry,
                f"industry:{slug}",
                slug=slug,
                bg_fields=lambda name=bg_name: {"name": name},
                en_fields=lambda name=en_name: {"name": name},
            )
        self.progress(f"{len(self.topics)} topics, {len(self.industries)} industries")

    def load_organisations(self):
        for slug, (kind, names, short, website, country) in data.ORGANISATIONS.items():

            def bg_fields(kind=kind, names=names, short=short, website=website, country=country):
                logo = image_ensure(
                    title=f"Logo: {names[1]}", text=short[1] or names[1], size=(480, 240)
                )
                return {
                    "name": names[0],
                    "short_name": short[0],
                    "kind": kind,
                    "website": website,
                    "country": country,
                    "logo": logo,
                }

            self.organisations[slug] = self._snippet(
                Organisation,
                f"organisation:{slug}",
                slug=slug,
                bg_fields=bg_fields,
                en_fields=lambda names=names, short=short: {
                    "name": names[1],
                    "short_name": short[1],
                },
            )
        self.progress(f"{len(self.organisations)} organisations")

    def load_people(self):
        for slug, (names, titles, org) in data.PEOPLE.items():
            bg_org, en_org = self.organisations[org] if org else (None, None)

            def bg_fields(names=names, titles=titles, bg_org=bg_org):
                return {
                    "name": names[0],
                    "job_title": titles[0],
                    "organisation": bg_org,
                    "photo": image_ensure(title=f"Portrait: {names[1]}", text=names[1]),
                    "bio": f"<p>{names[0]} – {titles[0]}.</p>",
                }

            def en_fields(names=names, titles=titles, en_org=en_org):
                return {
                    "name": names[1],
                    "job_title": titles[1],
                    "organisation": en_org,
                    "bio": f"<p>{names[1]}, {titles[1]}.</p>",
                }

            self.people[slug] = self._snippet(
                Person, f"person:{slug}", slug=slug, bg_fields=bg_fields, en_fields=en_fields
            )
        self.progress(f"{len(self.people)} people")

    # Pages

    def load_conference(self):
        conference, _ = self._page(
            "conference",
            ConferencePage,
            Page.get_first_root_node(),
            lambda: ConferencePage(
                title=data.CONFERENCE["title"][0],
                slug=data.CONFERENCE["slug"],
                acronym="ncc",
                intro=data.CONFERENCE["intro"][0],
                organiser_contact_email=data.CONFERENCE["email"],
                social_links=[
                    ("link", {"network": network, "url": url})
                    for network, url in data.CONFERENCE["social"]
                ],
            ),
        )
        self._translate_page(
            "conference",
            ConferencePage,
            conference,
            {"title": data.CONFERENCE["title"][1], "intro": data.CONFERENCE["intro"][1]},
        )
        if conference is not None:
            self._load_site(conference)
        self.progress("conference")
        return conference

    def _load_site(self, conference):
        """Serve the conference from the default Site, unless that Site serves something else."""
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            taken = Site.objects.filter(hostname="localhost", port=80).exists()
            if "site" not in self.records and not taken:
                Site.objects.create(
                    hostname="localhost",
                    port=80,
                    root_page=conference,
                    is_default_site=True,
                    site_name=data.CONFERENCE["title"][1],
                )
                self._remember("site")
        elif _is_placeholder(site.root_page):
            old_root = site.root_page
            site.root_page = conference
            site.site_name = data.CONFERENCE["title"][1]
            site.save()
            self._remember("site")
            if not Site.objects.filter(root_page=old_root).exists():
                old_root.delete()  # Wagtail's placeholder welcome page

    def load_edition(self, conference, spec):
        key = f"edition:{spec['year']}"
        edition, created = self._page(
            key, EditionPage, conference, lambda: self._build_edition(spec)
        )
        translation, translated = self._translate_page(
            key,
            EditionPage,
            edition,
            self._edition_en_fields(spec),
            prepare=self._translate_edition_children,
        )
        if edition is not None:
            self._load_content_pages(edition, spec)
            for session_spec in spec["sessions"]:
                self._load_session(edition, spec, session_spec)
            if created or translated:
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

    def _build_edition(self, spec):
        venue = data.SOFIA_TECH_PARK
        year = spec["year"]
        start, end = (datetime.date.fromisoformat(day) for day in spec["dates"])
        edition = EditionPage(
            title=spec["title"][0],
            slug=spec["slug"],
            year=year,
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
            registration_url=spec.get("registration_url", ""),
            hero_image=image_ensure(
                title=f"Banner: {spec['title'][1]}", text=f"N C {year}", size=(1200, 500)
            ),
        )
        edition.rooms = [
            Room(
                name=data.ROOMS[key][0],
                capacity=data.ROOMS[key][2],
                locale=self.bg,
                translation_key=demo_identity(f"room:{year}:{key}"),
                sort_order=i,
            )
            for i, key in enumerate(spec["rooms"])
        ]
        edition.tracks = [
            Track(
                name=data.TRACKS[key][1],
                slug=data.TRACKS[key][0],
                color=data.TRACKS[key][3],
                locale=self.bg,
                translation_key=demo_identity(f"track:{year}:{key}"),
                sort_order=i,
            )
            for i, key in enumerate(spec["tracks"])
        ]
        edition.partnerships = [
            Partnership(organisation=organisation, role=role, tier=tier, sort_order=i)
            for i, (org, role, tier) in enumerate(spec["partners"])
            if (organisation := self.organisations[org][0]) is not None
        ]
        edition.topics = [t for slug in spec["topics"] if (t := self.topics[slug][0])]
        edition.industries = [i for slug in spec["industries"] if (i := self.industries[slug][0])]
        return edition

    def _translate_edition_children(self, page):
        year = page.year
        rooms = {demo_identity(f"room:{year}:{key}"): names for key, names in data.ROOMS.items()}
        tracks = {demo_identity(f"track:{year}:{key}"): t for key, t in data.TRACKS.items()}
        page_rooms, page_tracks = list(page.rooms.all()), list(page.tracks.all())
        for room in page_rooms:
            if room.translation_key in rooms:
                room.name = rooms[room.translation_key][1]
        for track in page_tracks:
            if track.translation_key in tracks:
                track.name = tracks[track.translation_key][2]
        page.rooms, page.tracks = page_rooms, page_tracks

    def _load_content_pages(self, edition, spec):
        year = spec["year"]
        venue_spec, about_spec = data.VENUE_PAGE, data.ABOUT_PAGE
        venue, _ = self._page(
            f"venue:{year}",
            VenuePage,
            edition,
            lambda: VenuePage(
                title=venue_spec["title"][0],
                slug=venue_spec["slug"],
                getting_there=venue_spec["getting_there"][0],
                accessibility=venue_spec["accessibility"][0],
            ),
        )
        self._translate_page(
            f"venue:{year}",
            VenuePage,
            venue,
            {
                "title": venue_spec["title"][1],
                "getting_there": venue_spec["getting_there"][1],
                "accessibility": venue_spec["accessibility"][1],
            },
        )
        about, _ = self._page(
            f"about:{year}",
            StandardPage,
            edition,
            lambda: StandardPage(
                title=about_spec["title"][0],
                slug=about_spec["slug"],
                intro=about_spec["intro"][0],
                body=[("paragraph", f"<p>{about_spec['intro'][0]}</p>")],
            ),
        )
        self._translate_page(
            f"about:{year}",
            StandardPage,
            about,
            {
                "title": about_spec["title"][1],
                "intro": about_spec["intro"][1],
                "body": [("paragraph", f"<p>{about_spec['intro'][1]}</p>")],
            },
        )
        slug, day, titles, intros = spec["news"]
        news, _ = self._page(
            f"news:{year}:{slug}",
            NewsPage,
            edition,
            lambda: NewsPage(
                title=titles[0],
                slug=slug,
                date=datetime.date.fromisoformat(day),
                intro=intros[0],
                body=[("paragraph", f"<p>{intros[0]}</p>")],
                image=edition.hero_image,
            ),
        )
        self._translate_page(
            f"news:{year}:{slug}",
            NewsPage,
            news,
            {
                "title": titles[1],
                "intro": intros[1],
                "body": [("paragraph", f"<p>{intros[1]}</p>")],
            },
        )

    def _at_the_time(self, at, language):
        """The job title and organisation an appearance names of its own (`at`: empty, or
        [((job bg, job en), organisation slug)]), in the language with index `language`."""
        if not at:
            return {}
        titles, organisation = at[0]
        return {
            "job_title": titles[language],
            "organisation": self.organisations[organisation][language] if organisation else None,
        }

    def load_releases(self):
        """v1 and v2 of the latest edition's agenda (data.RELEASES): the agenda is taken back to
        how it was a week ago, released, brought to today's state through the editors' services
        and released again."""
        from django.utils import timezone

        from cms.conference import releases, schedule
        from cms.conference.models import Release

        spec = data.RELEASES
        key = f"releases:{spec['year']}"
        if key in self.records:
            return
        edition = EditionPage.objects.filter(year=spec["year"], locale=self.bg).first()
        if edition is None or Release.objects.filter(edition_key=edition.translation_key).exists():
            self._remember(key)
            return
        sessions = {page.slug: page for page in SessionPage.objects.child_of(edition).live()}
        wanted = [spec["moved"]["slug"], spec["renamed"]["slug"], spec["reinstated"], spec["added"]]
        if any(slug not in sessions for slug in wanted):
            self._remember(key)  # an editor changed the demo agenda: leave it as it is
            return
        moved = sessions[spec["moved"]["slug"]]
        renamed = sessions[spec["renamed"]["slug"]]
        reinstated, added = sessions[spec["reinstated"]], sessions[spec["added"]]
        renamed_en = renamed.get_translation_or_none(self.en)
        titles = (renamed.title, renamed_en.title if renamed_en else None)
        shift = datetime.timedelta(minutes=spec["moved"]["minutes"])
        start, end = moved.start, moved.end
        now = timezone.now()

        # The agenda a week ago.
        schedule.session_move(session=moved, start=start + shift, end=end + shift)
        schedule.session_update(session=renamed, title=spec["renamed"]["title"][0])
        if renamed_en is not None:
            schedule.session_update(session=renamed_en, title=spec["renamed"]["title"][1])
        schedule.session_update(session=reinstated, cancelled=True)
        for page in SessionPage.objects.filter(translation_key=added.translation_key, live=True):
            page.unpublish()
        removed = self._load_session(edition, {"year": spec["year"]}, spec["removed"])
        releases.release_create(
            edition=edition,
            version="v1",
            note_bg=spec["v1"][0],
            note_en=spec["v1"][1],
            now=now - datetime.timedelta(days=7),
        )

        # Today's agenda.
        schedule.session_move(session=moved, start=start, end=end)
        schedule.session_update(session=renamed, title=titles[0])
        if renamed_en is not None:
            schedule.session_update(session=renamed_en, title=titles[1])
        schedule.session_update(session=reinstated, cancelled=False)
        schedule.sessions_publish(edition=edition, sessions=[added])
        if removed is not None:
            removed_pages = SessionPage.objects.filter(translation_key=removed.translation_key)
            for page in removed_pages.order_by("-pk"):
                page.delete()
        releases.release_create(
            edition=edition,
            version="v2",
            note_bg=spec["v2"][0],
            note_en=spec["v2"][1],
            now=now - datetime.timedelta(days=1),
        )
        self._remember(key)
        self.progress(f"edition {spec['year']}: releases v1 and v2")

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
        year = spec["year"]

        def build():
            date = edition.start_date + datetime.timedelta(days=day)
            room = track = None
            if room_key:
                identity = demo_identity(f"room:{year}:{room_key}")
                room = edition.rooms.filter(translation_key=identity).first()
            if track_key:
                identity = demo_identity(f"track:{year}:{track_key}")
                track = edition.tracks.filter(translation_key=identity).first()
            session = SessionPage(
                title=titles[0],
                slug=slug,
                abstract=f"<p>{abstracts[0]}</p>" if abstracts[0] else "",
                session_type=kind,
                start=_local(date, start),
                end=_local(date, end),
                room=room,
                track=track,
                language=language,
            )
            session.speakers = [
                SessionSpeaker(person=person, role=role, sort_order=i, **self._at_the_time(at, 0))
                for i, (key, role, *at) in enumerate(speakers)
                if (person := self.people[key][0]) is not None
            ]
            session.topics = [t for key in topics if (t := self.topics[key][0])]
            session.industries = [i for key in industries if (i := self.industries[key][0])]
            return session

        key = f"session:{year}:{slug}"
        session, _ = self._page(key, SessionPage, edition, build)

        def prepare(page):
            page.room = page.room.get_translation_or_none(self.en) if page.room else None
            page.track = page.track.get_translation_or_none(self.en) if page.track else None
            page.speakers = [
                SessionSpeaker(person=person, role=role, sort_order=i, **self._at_the_time(at, 1))
                for i, (person_key, role, *at) in enumerate(speakers)
                if (person := self.people[person_key][1]) is not None
            ]

        self._translate_page(
            key,
            SessionPage,
            session,
            {"title": titles[1], "abstract": f"<p>{abstracts[1]}</p>" if abstracts[1] else ""},
            prepare=prepare,
        )
        return session
