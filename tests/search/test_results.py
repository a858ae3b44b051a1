"""What a visitor reads in the results, on every engine present: snippets cut from the passage
that matched, text escaped exactly once, one language per result with fallbacks marked, labels in
the request's language, typo tolerance and "did you mean" from the public vocabulary only."""

import html
import re
import uuid

import pytest
from wagtail.models import Locale

from cms.conference import index_selectors as sources
from search import documents, engines, service
from search.documents import Ref
from search.models import IndexedDocument, VocabularyWord
from search.query import Query
from tests.search import content
from tests.search.conftest import ENGINES, configure

pytestmark = pytest.mark.django_db

DIGITISATION = "Digitisation: digital and innovation hubs"
MARKS = re.compile(r"</?mark>")


def run(text="", **kwargs):
    filters = kwargs.pop("filters", {})
    return service.search(Query(text=text, filters=filters, **kwargs))


def titles(result):
    return [hit.doc["title"] for hit in result.hits]


def plain(highlighted):
    """The text a browser shows for a highlight: marks dropped, entities decoded once."""
    return html.unescape(MARKS.sub("", highlighted))


# Typos and "did you mean" (demo conference)


@pytest.mark.parametrize("text", ["digitalisaton", "digitalization", "Digitalisation"])
def test_misspelt_words_find_the_sessions(engine, text):
    result = run(text, locale="en")
    assert DIGITISATION in titles(result)
    assert result.did_you_mean == ("Digitisation" if text[0].isupper() else "digitisation")
    hit = next(h for h in result.hits if h.doc["title"] == DIGITISATION)
    assert "<mark>Digitisation</mark>" in hit.highlights["title"]


def test_cyrillic_typos_are_corrected_in_cyrillic(engine):
    result = run("дигитализацйя", locale="bg")
    assert "Дигитализация: дигитални и иновационни хъбове" in titles(result)
    assert result.did_you_mean == "дигитализация"


def test_did_you_mean_corrects_only_the_unknown_words(engine):
    assert run("Ivana Kolva", locale="en").did_you_mean == "Ivana Koleva"
    assert run("clustr polcies", locale="en").did_you_mean == "cluster policies"


@pytest.mark.parametrize("text", ["digitisation", "cluster policy", "Ivana Koleva", "клъстери"])
def test_no_did_you_mean_for_known_words(engine, text):
    result = run(text)
    assert result.total > 0
    assert result.did_you_mean is None


def test_no_did_you_mean_without_a_close_word(engine):
    result = run("xqzwvjkp", locale="en")
    assert result.total == 0
    assert result.did_you_mean is None


def test_the_vocabulary_comes_from_the_index(engine):
    entries = engine.vocabulary([("d", 9, 15)])
    words = {entry.word: entry.count for entry in entries}
    assert words["digitisation"] >= 2  # the session and the topic's name on others
    assert words["дигитализация"] >= 2
    assert all(entry.term.startswith("d") and 9 <= len(entry.term) <= 15 for entry in entries)


# Snippets (demo conference)


def test_snippets_come_from_the_passage_that_matched(engine):
    result = run("industry", locale="en", filters={"kind": ["session"]})
    hit = next(h for h in result.hits if h.doc["title"].startswith("Clusters in the green"))
    assert hit.highlights["snippet_field"] == "abstract"
    assert hit.highlights["snippet"] == (
        "Policies and tools for <mark>industry</mark>&#x27;s twin transition."
    )

    result = run("Ivana Koleva", locale="en", filters={"kind": ["session"]})
    assert result.hits
    for hit in result.hits:
        assert hit.highlights["snippet_field"] == "speakers"
        assert "<mark>Ivana</mark> <mark>Koleva</mark>" in hit.highlights["snippet"]


def test_only_the_title_or_metadata_matched_gives_the_start_of_the_summary(engine):
    # Sessions carry their edition's title ("National Cluster Conference 2026") as metadata.
    result = run("National Cluster Conference", locale="en", filters={"kind": ["session"]})
    assert result.total > 10
    leads = 0
    for hit in result.hits:
        snippet = plain(hit.highlights["snippet"])
        assert "National Cluster Conference" not in snippet
        assert not re.search(r"\b(20\d\d) \1\b", snippet)  # no "2026 2026" field dump
        if hit.highlights["snippet_field"] == "summary":
            leads += 1
            assert hit.doc["summary"].startswith(snippet.rstrip("…"))
        elif not hit.doc.get("summary"):  # nothing to show rather than a field dump
            assert snippet == "" and hit.highlights["snippet_field"] == ""
        else:  # a passage with a matching word the title does not show
            assert hit.highlights["snippet_field"] == "abstract"
            assert "<mark>" in hit.highlights["snippet"]
    assert leads > 5
    result = run("Ivana Koleva", locale="en", filters={"kind": ["person"]})
    (hit,) = result.hits
    assert hit.highlights["snippet_field"] == "summary"
    assert plain(hit.highlights["snippet"]) == "Director of Innovation, Sofia Tech Park"


@pytest.mark.parametrize("text", ["cluster", "Sofia Tech Park", "клъстер иновации", "B2B"])
def test_snippets_never_repeat_the_title_nor_list_fields(engine, text):
    for locale in ("bg", "en"):
        for hit in run(text, locale=locale, page_size=50).hits:
            snippet = plain(hit.highlights["snippet"])
            assert snippet.strip("… ").casefold() != hit.doc["title"].casefold()
            if hit.doc["kind"] == "session":
                for field in ("track_name", "room", "edition"):
                    value = hit.doc.get(field)
                    assert not value or value not in snippet, (hit.doc["title"], snippet)
            assert len(snippet) <= 205


def test_highlights_are_escaped_once(engine):
    for hit in run("industry", locale="en", page_size=50).hits:
        for text in (hit.highlights["title"], hit.highlights["snippet"]):
            assert "&amp;#" not in text and "&amp;amp;" not in text
            assert "<" not in MARKS.sub("", text)
            assert "'" not in text  # escaped as &#x27;


# Labels (demo conference)


@pytest.mark.parametrize(
    "locale, kind, keynote",
    [("en", "Session", "Keynote"), ("bg", "Сесия", "Основен доклад")],
)
def test_hits_carry_kind_and_type_labels_in_the_request_language(engine, locale, kind, keynote):
    result = run("", locale=locale, filters={"type": ["keynote"]})
    assert result.total > 0
    for hit in result.hits:
        assert hit.labels == {"kind": kind, "type": keynote}
    person = run("Ivana Koleva", locale=locale, filters={"kind": ["person"]}).hits[0]
    assert person.labels == {"kind": "Speaker" if locale == "en" else "Лектор", "type": ""}


@pytest.mark.parametrize("locale", ["en", "bg"])
def test_facet_labels_are_in_the_request_language(engine, locale):
    result = run("cluster" if locale == "en" else "клъстер", locale=locale, page_size=50)
    names = sources.facet_labels(locale)
    cyrillic = re.compile(r"[\u0400-\u04ff]")
    for facet in ("track", "topic", "industry"):
        assert result.facets[facet], facet
        for item in result.facets[facet]:
            assert item["label"] == names[facet][item["value"]]
            assert bool(cyrillic.search(item["label"])) == (locale == "bg"), item
    for facet in ("type", "language", "kind"):
        assert result.facets[facet], facet
        for item in result.facets[facet]:
            assert bool(cyrillic.search(item["label"])) == (locale == "bg"), item
            assert item["label"] != item["value"]


# Content built for these tests, indexed through the publish outbox


@pytest.fixture(params=ENGINES)
def fresh(request, settings, db, django_capture_on_commit_callbacks):
    """One engine under test with an index of its own, filled as content is published."""
    configure(settings, request.param)
    settings.SEARCH_INDEX_PREFIX = f"{settings.SEARCH_INDEX_PREFIX}r{uuid.uuid4().hex[:8]}_"
    engines.database().drop()  # in the test's transaction: only this test's content
    external = engines.external()

    def publishing():
        return django_capture_on_commit_callbacks(execute=True)

    yield {"engine": engines.primary(), "publishing": publishing}
    if external is not None:
        external.drop()


def bilingual_edition(year):
    en = Locale.objects.get_or_create(language_code="en")[0]
    conference = content.conference()
    content.translation(conference, en, "Conference")
    edition = content.edition(conference, year)
    content.translation(edition, en, f"Edition {year}")
    return edition, en


def test_one_language_per_result_with_fallbacks_marked(fresh):
    with fresh["publishing"]():
        edition, en = bilingual_edition(2041)
        both = content.session(edition, "Ардино: фотоника", slug="photonics")
        content.translation(both, en, "Ardino: photonics")
        only_bg = content.session(edition, "Ардино: медицина", slug="medicine")
    assert fresh["engine"].count() == 5  # two editions, three sessions

    result = run("ардино", locale="en")
    found = {(h.doc["title"], h.doc["locale"], h.fallback) for h in result.hits}
    assert found == {("Ardino: photonics", "en", False), ("Ардино: медицина", "bg", True)}
    assert result.total == 2
    assert {i["value"]: i["count"] for i in result.facets["kind"]} == {"session": 2}
    assert {i["value"]: i["count"] for i in result.facets["year"]} == {"2041": 2}

    result = run("Ardino", locale="bg")
    assert {(h.doc["title"], h.fallback) for h in result.hits} == {
        ("Ардино: фотоника", False),
        ("Ардино: медицина", False),
    }

    result = run("Ardino")  # no language asked for: every version, as before
    assert result.total == 3
    assert not any(h.fallback for h in result.hits)

    # The English version is published: the Bulgarian one stops serving English visitors.
    with fresh["publishing"]():
        content.translation(only_bg, en, "Ardino: medicine")
    result = run("ардино", locale="en")
    assert {(h.doc["title"], h.fallback) for h in result.hits} == {
        ("Ardino: photonics", False),
        ("Ardino: medicine", False),
    }
    assert result.total == 2 == sum(i["count"] for i in result.facets["kind"])


def test_an_item_never_comes_twice_even_while_its_versions_disagree(fresh):
    with fresh["publishing"]():
        edition, en = bilingual_edition(2042)
        session = content.session(edition, "Клъстер Кърджали", slug="kardzhali")
        english = content.translation(session, en, "Kardzhali cluster")
    # The Bulgarian version indexed before the English one existed (as if its update were late).
    (stale,), _ = documents.build([Ref("page", session.pk)])
    stale["serves"] = ["bg", "en"]
    for engine in filter(None, (engines.database(), engines.external())):
        engine.upsert([stale])
    result = run("Kardzhali", locale="en")
    assert [(h.doc["object_id"], h.fallback) for h in result.hits] == [(english.pk, False)]
    assert result.total == 1


def test_special_characters_are_escaped_exactly_once(fresh):
    title = 'R&D <lab> "Quanta" & the industry\'s future'
    abstract = "<p>Fabs &amp; labs: the industry&#x27;s &lt;new&gt; &quot;quanta&quot; era.</p>"
    with fresh["publishing"]():
        edition, _en = bilingual_edition(2043)
        session = content.session(edition, title, slug="quanta", abstract=abstract)
    (doc,), _ = documents.build([Ref("page", session.pk)])
    text = 'Fabs & labs: the industry\'s <new> "quanta" era.'
    assert doc["summary"] == text
    assert doc["passages"][0] == {"field": "abstract", "text": text}

    (hit,) = run("quanta industry", locale="bg").hits
    assert hit.highlights["title"] == (
        "R&amp;D &lt;lab&gt; &quot;<mark>Quanta</mark>&quot; &amp; the "
        "<mark>industry</mark>&#x27;s future"
    )
    assert plain(hit.highlights["title"]) == title
    (hit,) = run("labs", locale="bg").hits
    assert hit.highlights["snippet"] == (
        "Fabs &amp; <mark>labs</mark>: the industry&#x27;s &lt;new&gt; &quot;quanta&quot; era."
    )
    assert plain(hit.highlights["snippet"]) == text


def test_hidden_content_never_reaches_hits_facets_or_did_you_mean(fresh):
    with fresh["publishing"]():
        edition, _en = bilingual_edition(2044)
        content.session(edition, "Открита сесия", slug="open", abstract="<p>Кварки.</p>")
        content.draft_session(
            edition, "Чернова: зиргонометрия", slug="draft", abstract="<p>Зиргонометрия.</p>"
        )
        shown = content.session(
            edition, "Квазикристалография", slug="shown", abstract="<p>Квазикристали.</p>"
        )
    engine = fresh["engine"]
    for text in ("зиргонометрия", "зиргонометрйа", "zirgonometria", "zirgonometrya"):
        result = run(text)
        assert result.total == 0 and result.did_you_mean is None, text
    result = run("", filters={"year": ["2044"]})
    assert "Чернова: зиргонометрия" not in titles(result)
    assert not [e for e in engine.vocabulary([("z", 3, 20)]) if e.word.startswith("зиргон")]

    # Offered while public...
    assert run("квазикристалографйа").did_you_mean == "квазикристалография"
    # ...never again once unpublished.
    with fresh["publishing"]():
        shown.unpublish()
    result = run("квазикристалографйа")
    assert result.total == 0 and result.did_you_mean is None
    assert not [e for e in engine.vocabulary([("k", 3, 25)]) if e.word.startswith("квазикрис")]
    assert run("кварки").total == 1


def test_the_database_vocabulary_counts_documents(db):
    engine = engines.database()
    engine.drop()

    def doc(doc_id, words):
        return {
            "doc_id": doc_id,
            "kind": "page",
            "locale": "en",
            "title": doc_id,
            "title_terms": "",
            "people_terms": "",
            "body_terms": "",
            "suggest_terms": "",
            "vocabulary": documents.vocabulary(words),
        }

    def counts():
        return dict(VocabularyWord.objects.values_list("word", "doc_count"))

    engine.upsert([doc("test:1", "Gamma delta"), doc("test:2", "gamma epsilon epsilon")])
    assert counts() == {"gamma": 2, "delta": 1, "epsilon": 1}
    engine.upsert([doc("test:1", "gamma zeta")])  # replaced: its old words go
    assert counts() == {"gamma": 2, "zeta": 1, "epsilon": 1}
    engine.delete(["test:2"])
    assert counts() == {"gamma": 1, "zeta": 1}
    assert IndexedDocument.objects.get(doc_id="test:1").vocabulary.split() == [
        "gamma|gamma|gamma",
        "zeta|zeta|zeta",
    ]
    engine.delete(["test:1"])
    assert counts() == {}
