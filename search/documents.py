"""Search documents: one denormalised record per published page, person or organisation.

A document carries what a search result shows and filters on (edition years, kind, session type,
track, topics, industries, language, speakers, room, date) plus its index terms. The same dicts
go to every engine.
"""

import datetime
import time
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone, translation

from cms.conference import index_selectors as sources
from search import text

KINDS = ("session", "edition", "news", "page", "venue", "person", "organisation")
REF_TYPES = ("page", "person", "organisation")
SUMMARY_LENGTH = 400


@dataclass(frozen=True, order=True)
class Ref:
    """What a document is built from: ("page" | "person" | "organisation", primary key)."""

    type: str
    pk: int

    @property
    def doc_id(self):
        return f"{self.type}:{self.pk}"

    @classmethod
    def parse(cls, doc_id):
        type_, _, pk = doc_id.partition(":")
        if type_ not in REF_TYPES or not (pk.isascii() and pk.isdigit()):
            raise ValueError(f"not a document id: {doc_id!r}")
        return cls(type_, int(pk))


def _body_text(stream):
    parts = []
    for block in stream or []:
        value = block.value
        if isinstance(value, str):
            parts.append(value)
        elif hasattr(value, "source"):  # RichText
            parts.append(value.source)
        elif isinstance(value, dict) or hasattr(value, "items"):
            parts.extend(str(v) for v in value.values() if isinstance(v, str))
    return text.strip_html(" ".join(str(p) for p in parts))


def _summary(value):
    value = text.strip_html(value)
    if len(value) <= SUMMARY_LENGTH:
        return value
    return value[:SUMMARY_LENGTH].rsplit(" ", 1)[0] + "…"


def _date(value):
    """An ISO-8601 UTC timestamp (dates at midnight UTC), so that strings sort like dates."""
    if value is None:
        return None
    if not hasattr(value, "hour"):
        value = datetime.datetime.combine(value, datetime.time(), tzinfo=datetime.UTC)
    elif timezone.is_naive(value):
        value = timezone.make_aware(value, datetime.UTC)
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def content_locales():
    """The languages the site is published in (a document serves those its item lacks)."""
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def serves(locale, translated):
    """Languages whose visitors get this document: its own, and those of the site's languages
    the item has no public version in (it is their fallback)."""
    return sorted({locale} | {code for code in content_locales() if code not in translated})


def passages(*pairs, title=""):
    """[{"field", "text"}] of readable prose (plain text: rich text goes through
    text.strip_html first, which decodes its entities once), the text a snippet is cut from;
    empty values and text that only repeats the title are left out."""
    out, seen = [], {title.strip().casefold()}
    for name, value in pairs:
        value = text.plain(value)
        if value and value.casefold() not in seen:
            seen.add(value.casefold())
            out.append({"field": name, "text": value})
    return out


def vocabulary(*values):
    """The words of a document as "term|stem|word" (sorted, unique): what spelling
    suggestions are built from. Numbers and words of fewer than three letters are left out."""
    found = set()
    for value in values:
        for word in text.words(value or ""):
            word = word.lower()
            if len(word) < text.MIN_VOCABULARY_LENGTH or word.isdigit():
                continue
            exact = text.term(word, stemmed=False)
            if len(exact) < text.MIN_VOCABULARY_LENGTH:
                continue
            stem = text.term(word) or exact
            found.add(f"{exact}|{stem}|{word[: text.MAX_TERM_LENGTH]}")
    return sorted(found)


def finish(doc, *, title, people=(), body=(), prose=()):
    """Add the analysed fields every engine matches on, the readable passages snippets come
    from and the document's vocabulary."""
    people_text = " ".join(p for p in people if p)
    body_text = " ".join(b for b in body if b)
    doc["title_terms"] = _both(title)
    doc["people_terms"] = _both(people_text)
    doc["body_terms"] = _both(body_text)
    doc["suggest_terms"] = text.analyse(title, stemmed=False)
    # Everything matched on, for the engines' own analysers (relevance only).
    doc["body"] = body_text
    doc["passages"] = passages(*prose, title=title)
    doc["vocabulary"] = vocabulary(title, people_text, body_text)
    return doc


def _both(value):
    """Stemmed terms followed by the exact (unstemmed) terms: either form matches."""
    stemmed = text.analyse(value)
    exact = text.analyse(value, stemmed=False)
    if stemmed == exact:
        return stemmed
    return f"{stemmed} {exact}".strip()


def _base(ref, kind, obj, title):
    return {
        "doc_id": ref.doc_id,
        "kind": kind,
        "object_id": obj.pk,
        "locale": obj.locale.language_code,
        "translation_key": str(obj.translation_key),
        "title": title,
        "slug": getattr(obj, "slug", ""),
        "path": "",
        "summary": "",
        "years": [],
        "edition": "",
        "session_type": "",
        "track": "",
        "track_name": "",
        "topics": [],
        "topic_names": [],
        "industries": [],
        "industry_names": [],
        "language": "",
        "room": "",
        "speakers": [],
        "date": None,
        "serves": [obj.locale.language_code],
    }


class Builder:
    """Builds the documents for a batch of refs with a fixed number of queries per kind."""

    def __init__(self):
        self._taxonomy = None

    @property
    def taxonomy(self):
        if self._taxonomy is None:
            self._taxonomy = sources.taxonomy_index()
        return self._taxonomy

    def _localised_tax(self, name, objects, locale_id):
        out = []
        for obj in objects:
            local = self.taxonomy.get((name, obj.translation_key, locale_id), obj)
            out.append(local)
        return out

    def build(self, refs):
        """(documents, refs that have no visible object: their documents must go)."""
        refs = set(refs)
        by_type = {t: sorted(r.pk for r in refs if r.type == t) for t in REF_TYPES}
        docs = []
        docs += self.pages(by_type["page"])
        docs += self.people(by_type["person"])
        docs += self.organisations(by_type["organisation"])
        self.add_serves(docs)
        version = time.time_ns() // 1000  # engines keep the newest build of a document
        for doc in docs:
            doc["_version"] = version
        found = {d["doc_id"] for d in docs}
        gone = {r for r in refs if r.doc_id not in found}
        return docs, gone

    def add_serves(self, docs):
        """Each document's `serves`: one query per kind for the items' public translations."""
        for ref_type in REF_TYPES:
            mine = [d for d in docs if d["doc_id"].startswith(f"{ref_type}:")]
            if not mine:
                continue
            keys = [d["translation_key"] for d in mine]
            found = {str(k): v for k, v in sources.translation_locales(ref_type, keys).items()}
            for doc in mine:
                translated = found.get(doc["translation_key"], set()) | {doc["locale"]}
                doc["serves"] = serves(doc["locale"], translated)

    # Pages

    def pages(self, ids):
        if not ids:
            return []
        pages = sources.visible_pages(ids)
        editions = sources.editions_by_path([p.path for p in pages])
        sessions = [p for p in pages if sources.page_kind(p) == "session"]
        person_keys = [s.person.translation_key for p in sessions for s in p.speakers.all()]
        people = sources.people_by_key(person_keys)
        docs = []
        for page in pages:
            edition = editions.get(sources.edition_path(page.path))
            kind = sources.page_kind(page)
            if kind == "edition":
                edition = page
            if edition is None and kind != "page":
                continue  # not under a live edition: not public
            docs.append(self.page(page, edition, people))
        return docs

    def page(self, page, edition, people):
        kind = sources.page_kind(page)
        ref = Ref("page", page.pk)
        doc = _base(ref, kind, page, page.title)
        doc["path"] = page.url_path
        body, names = [], []
        if edition is not None:
            doc["years"] = [edition.year]
            doc["edition"] = edition.title
            body += [edition.title, str(edition.year)]
        prose = []
        if kind == "session":
            doc["session_type"] = page.session_type
            doc["language"] = page.language
            doc["date"] = _date(page.start)
            doc["summary"] = _summary(page.abstract)
            if page.track_id:
                doc["track"] = page.track.slug
                doc["track_name"] = page.track.name
            if page.room_id:
                doc["room"] = page.room.name
            topics = self._localised_tax("topic", page.topics.all(), page.locale_id)
            industries = self._localised_tax("industry", page.industries.all(), page.locale_id)
            for speaker in page.speakers.all():
                person = people.get((speaker.person.translation_key, page.locale_id))
                if person is None:
                    person = people.get((speaker.person.translation_key, speaker.person.locale_id))
                if person is None:
                    continue  # unpublished profile
                doc["speakers"].append({"id": person.pk, "name": person.name, "role": speaker.role})
                names.append(person.name)
            with translation.override(doc["locale"]):
                type_label = str(page.get_session_type_display())
            body += [text.strip_html(page.abstract), doc["track_name"], doc["room"], type_label]
            abstract = text.strip_html(page.abstract)
            prose = [("abstract", abstract), ("speakers", ", ".join(names))]
        elif kind == "edition":
            doc["date"] = _date(page.start_date)
            doc["summary"] = _summary(page.theme or page.intro)
            topics = self._localised_tax("topic", page.topics.all(), page.locale_id)
            industries = self._localised_tax("industry", page.industries.all(), page.locale_id)
            venue = ", ".join(v for v in (page.venue_name, page.venue_city) if v)
            intro = text.strip_html(page.intro)
            prose = [("theme", page.theme), ("intro", intro), ("venue", venue)]
            body += [
                page.theme,
                text.strip_html(page.intro),
                page.venue_name,
                page.venue_city,
                " ".join(r.name for r in page.rooms.all()),
                " ".join(t.name for t in page.tracks.all()),
            ]
        else:
            topics, industries = [], []
            if kind == "news":
                doc["date"] = _date(page.date)
                doc["summary"] = _summary(page.intro)
                prose = [("intro", page.intro), ("body", _body_text(page.body))]
            elif kind == "page":
                doc["summary"] = _summary(page.intro)
                prose = [("intro", page.intro), ("body", _body_text(page.body))]
            elif kind == "venue":
                doc["summary"] = _summary(page.getting_there)
                prose = [
                    ("getting_there", text.strip_html(page.getting_there)),
                    ("accessibility", text.strip_html(page.accessibility)),
                    ("body", _body_text(page.body)),
                ]
            body += [value for _name, value in prose]
            if doc["date"] is None and edition is not None:
                doc["date"] = _date(edition.start_date)
        doc["topics"] = sorted({t.slug for t in topics})
        doc["topic_names"] = [t.name for t in topics]
        doc["industries"] = sorted({i.slug for i in industries})
        doc["industry_names"] = [i.name for i in industries]
        body += doc["topic_names"] + doc["industry_names"]
        return finish(doc, title=page.title, people=names, body=body, prose=prose)

    # People and organisations

    def people(self, ids):
        if not ids:
            return []
        people = sources.visible_people(ids)
        keys = [p.translation_key for p in people]
        appearances = sources.appearances_by_person_key(keys)
        orgs = sources.organisations_by_key(
            [p.organisation.translation_key for p in people if p.organisation_id]
        )
        paths = {sources.edition_path(path) for rows in appearances.values() for path, *_ in rows}
        years = sources.edition_years_by_path(paths)
        docs = []
        for person in people:
            doc = _base(Ref("person", person.pk), "person", person, person.name)
            rows = appearances.get(person.translation_key, [])
            doc["years"] = sorted(
                {
                    years[sources.edition_path(p)]
                    for p, *_ in rows
                    if sources.edition_path(p) in years
                }
            )
            sessions = [title for path, title, locale_id in rows if locale_id == person.locale_id]
            org = None
            if person.organisation_id:
                key = person.organisation.translation_key
                org = orgs.get((key, person.locale_id)) or orgs.get(
                    (key, person.organisation.locale_id)
                )
            doc["summary"] = _summary(
                ", ".join(v for v in (person.job_title, org.name if org else "") if v)
            )
            latest = max(doc["years"]) if doc["years"] else None
            doc["date"] = f"{latest}-01-01T00:00:00Z" if latest else None
            body = [person.job_title, text.strip_html(person.bio), *sessions]
            body += [str(y) for y in doc["years"]]
            names = [person.name] + ([org.name, org.short_name] if org else [])
            prose = [("role", doc["summary"]), ("bio", text.strip_html(person.bio))]
            docs.append(finish(doc, title=person.name, people=names, body=body, prose=prose))
        return docs

    def organisations(self, ids):
        if not ids:
            return []
        orgs = sources.visible_organisations(ids)
        partnerships = sources.partnerships_by_organisation_key([o.translation_key for o in orgs])
        years = sources.edition_years_by_path(
            {path for rows in partnerships.values() for path, _ in rows}
        )
        docs = []
        for org in orgs:
            doc = _base(Ref("organisation", org.pk), "organisation", org, org.name)
            rows = partnerships.get(org.translation_key, [])
            doc["years"] = sorted({years[p] for p, _ in rows if p in years})
            with translation.override(doc["locale"]):
                kind_label = str(org.get_kind_display())
            doc["summary"] = _summary(org.description) or kind_label
            latest = max(doc["years"]) if doc["years"] else None
            doc["date"] = f"{latest}-01-01T00:00:00Z" if latest else None
            body = [text.strip_html(org.description), kind_label, *(str(y) for y in doc["years"])]
            title = org.name
            prose = [("description", text.strip_html(org.description))]
            docs.append(finish(doc, title=title, people=[org.short_name], body=body, prose=prose))
        return docs


def build(refs):
    return Builder().build(refs)


def all_refs():
    """Refs of everything that may be indexed (visibility is checked when building)."""
    refs = [Ref("page", pk) for pk in sources.indexable_page_ids()]
    refs += [Ref("person", pk) for pk in sources.indexable_person_ids()]
    refs += [Ref("organisation", pk) for pk in sources.indexable_organisation_ids()]
    return refs
