"""Deterministic synthetic conferences at scale, for benchmarks (same seed, same content)."""

import datetime
import random
import zoneinfo

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from cms.conference.models import (
    ConferencePage,
    EditionPage,
    Partnership,
    Room,
    SessionPage,
    SessionSpeaker,
    Track,
)
from cms.people.models import Industry, Organisation, Person, Topic

SOFIA = zoneinfo.ZoneInfo("Europe/Sofia")
SLUG = "synthetic-conference"
FIRST_YEAR = 2000

WORDS_BG = [
    "клъстер",
    "иновации",
    "дигитализация",
    "пазари",
    "таланти",
    "финансиране",
    "индустрия",
    "мехатроника",
    "биотехнологии",
    "автомобили",
    "технологии",
    "партньорство",
    "износ",
    "стартъпи",
    "енергия",
    "данни",
    "производство",
    "политики",
    "мрежи",
    "устойчивост",
]
WORDS_EN = [
    "cluster",
    "innovation",
    "digitisation",
    "markets",
    "talent",
    "funding",
    "industry",
    "mechatronics",
    "biotech",
    "automotive",
    "technology",
    "partnership",
    "export",
    "startups",
    "energy",
    "data",
    "manufacturing",
    "policy",
    "networks",
    "sustainability",
]
FIRST = [
    "Анна",
    "Борис",
    "Вера",
    "Гергана",
    "Даниел",
    "Евгения",
    "Живко",
    "Зорница",
    "Иван",
    "Калина",
    "Любомир",
    "Мартин",
    "Надежда",
    "Олег",
    "Пламена",
    "Росен",
    "Стела",
    "Тодор",
    "Цветан",
    "Яна",
]
LAST = [
    "Андреев",
    "Белчев",
    "Вълчев",
    "Генов",
    "Дончев",
    "Енчев",
    "Желязков",
    "Златев",
    "Илиев",
    "Костов",
    "Лазаров",
    "Маринов",
    "Недялков",
    "Орлов",
    "Павлов",
    "Радев",
    "Симеонов",
    "Тонев",
]
TYPES = [t.value for t in SessionPage.Type]


def _title(rng):
    words = rng.sample(range(len(WORDS_BG)), 3)
    bg = " ".join(WORDS_BG[i] for i in words).capitalize()
    en = " ".join(WORDS_EN[i] for i in words[:2])
    return f"{bg} / {en}"


class SyntheticGenerator:
    def __init__(self, *, editions, sessions, seed, progress=None):
        self.editions, self.sessions, self.seed = editions, sessions, seed
        self.progress = progress or (lambda n=1: None)
        self.locale = Locale.get_default()

    def _snippets(self, rng):
        topics = [
            Topic.objects.get_or_create(
                locale=self.locale,
                slug=f"synthetic-topic-{i}",
                defaults={"name": f"Тема {i} {WORDS_EN[i]}"},
            )[0]
            for i in range(12)
        ]
        industries = [
            Industry.objects.get_or_create(
                locale=self.locale,
                slug=f"synthetic-industry-{i}",
                defaults={"name": f"Индустрия {i} {WORDS_EN[-i - 1]}"},
            )[0]
            for i in range(6)
        ]
        organisations = [
            Organisation.objects.get_or_create(
                locale=self.locale,
                slug=f"synthetic-org-{i}",
                defaults={
                    "name": f"Организация {i} {WORDS_EN[i % 20].title()} Ltd",
                    "kind": "company",
                },
            )[0]
            for i in range(30)
        ]
        people_count = max(40, self.sessions // 2)
        people = []
        for i in range(people_count):
            name = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST) + i) % len(LAST)]} {i}"
            people.append(
                Person.objects.get_or_create(
                    locale=self.locale,
                    slug=f"synthetic-person-{i}",
                    defaults={
                        "name": name,
                        "job_title": rng.choice(WORDS_EN).title() + " lead",
                        "organisation": organisations[i % len(organisations)],
                    },
                )[0]
            )
        return topics, industries, organisations, people

    def _conference(self):
        conference = ConferencePage.objects.filter(locale=self.locale, slug=SLUG).first()
        if conference is None:
            conference = Page.get_first_root_node().add_child(
                instance=ConferencePage(
                    title="Синтетична конференция", slug=SLUG, locale=self.locale
                )
            )
        return conference

    @transaction.atomic
    def _edition(self, conference, index, rng, topics, industries, organisations, people):
        year = FIRST_YEAR + index
        if EditionPage.objects.child_of(conference).filter(year=year).exists():
            self.progress(self.sessions)
            return None
        start = datetime.date(year, 3, 20)
        edition = EditionPage(
            title=f"Синтетична конференция {year}",
            slug=str(year),
            locale=self.locale,
            year=year,
            start_date=start,
            end_date=start + datetime.timedelta(days=2),
            status="archived",
            theme=_title(rng),
            venue_name="София Тех Парк",
            live=True,
        )
        edition.rooms = [
            Room(name=f"Зала {i + 1}", locale=self.locale, sort_order=i) for i in range(6)
        ]
        edition.tracks = [
            Track(
                name=WORDS_BG[i].capitalize(), slug=f"track-{i}", locale=self.locale, sort_order=i
            )
            for i in range(4)
        ]
        edition.partnerships = [
            Partnership(organisation=org, role=rng.choice(list(Partnership.Role.values)))
            for org in rng.sample(organisations, 8)
        ]
        conference.add_child(instance=edition)
        rooms, tracks = list(edition.rooms.all()), list(edition.tracks.all())
        now = timezone.now()
        for number in range(self.sessions):
            day = number % 3
            slot = (number // 3) // len(rooms)
            begin = datetime.datetime.combine(
                start + datetime.timedelta(days=day), datetime.time(8, 0), tzinfo=SOFIA
            ) + datetime.timedelta(minutes=(slot * 45) % (11 * 60))
            session = SessionPage(
                title=f"{_title(rng)} {number}",
                slug=f"s-{number}",
                locale=self.locale,
                abstract=f"<p>{' '.join(rng.choice(WORDS_BG + WORDS_EN) for _ in range(30))}</p>",
                session_type=rng.choice(TYPES),
                start=begin,
                end=begin + datetime.timedelta(minutes=40),
                room=rooms[(number // 3) % len(rooms)],
                track=rng.choice(tracks),
                language=rng.choice(["bg", "en", "bg-en"]),
                live=True,
                first_published_at=now,
                last_published_at=now,
            )
            session.speakers = [
                SessionSpeaker(
                    person=person, role=rng.choice(list(SessionSpeaker.Role.values)), sort_order=i
                )
                for i, person in enumerate(rng.sample(people, rng.randint(1, 3)))
            ]
            session.topics = rng.sample(topics, rng.randint(1, 3))
            session.industries = rng.sample(industries, rng.randint(0, 2))
            edition.add_child(instance=session)
            self.progress()
        return edition

    def run(self):
        rng = random.Random(self.seed)
        snippets = self._snippets(rng)
        conference = self._conference()
        created = 0
        for index in range(self.editions):
            edition_rng = random.Random(f"{self.seed}-{index}")
            if self._edition(conference, index, edition_rng, *snippets) is not None:
                created += 1
        return conference, created
