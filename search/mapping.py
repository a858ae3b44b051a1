"""The index: settings, analysers and mapping, built with elasticsearch-dsl objects.

Matching runs on the `*_terms` fields, which hold our own analysed terms (search.text: light
stemming, Bulgarian -> Latin folding), so every engine matches the same way. The original text is
also indexed with the engine's Bulgarian and English analysers (`title.bg`, `title.en`, ...),
which add native stemming to the relevance score; `suggest_terms` is edge-n-grammed for
autocomplete.
"""

from elasticsearch_dsl import (
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Object,
    Text,
    analyzer,
    token_filter,
)

bulgarian_stop = token_filter("conference_bg_stop", type="stop", stopwords="_bulgarian_")
bulgarian_stem = token_filter("conference_bg_stem", type="stemmer", language="bulgarian")
english_stem = token_filter("conference_en_stem", type="stemmer", language="light_english")
english_possessive = token_filter(
    "conference_en_possessive", type="stemmer", language="possessive_english"
)
folding = token_filter("conference_folding", type="asciifolding", preserve_original=False)
prefixes = token_filter("conference_prefixes", type="edge_ngram", min_gram=1, max_gram=20)

# Analysed terms arrive ready: split on spaces only.
terms_analyzer = analyzer("conference_terms", tokenizer="whitespace", filter=["lowercase"])
bulgarian = analyzer(
    "conference_bulgarian",
    tokenizer="standard",
    filter=["lowercase", bulgarian_stop, bulgarian_stem],
)
english = analyzer(
    "conference_english",
    tokenizer="standard",
    filter=[english_possessive, "lowercase", folding, english_stem],
)
suggest_index = analyzer(
    "conference_suggest", tokenizer="whitespace", filter=["lowercase", prefixes]
)


def _text():
    return Text(fields={"bg": Text(analyzer=bulgarian), "en": Text(analyzer=english)})


def _terms(**kwargs):
    return Text(analyzer=terms_analyzer, **kwargs)


class SearchDocument(Document):
    doc_id = Keyword()
    kind = Keyword()
    object_id = Integer()
    locale = Keyword()
    translation_key = Keyword()
    title = _text()
    body = _text()
    summary = Text(index=False)
    slug = Keyword(index=False)
    path = Keyword(index=False)
    years = Integer()
    edition = Keyword(index=False)
    session_type = Keyword()
    track = Keyword()
    track_name = Keyword(index=False)
    topics = Keyword()
    topic_names = Keyword(index=False)
    industries = Keyword()
    industry_names = Keyword(index=False)
    language = Keyword()
    room = Keyword(index=False)
    speakers = Object(enabled=False)
    date = Date()
    serves = Keyword()
    passages = Object(enabled=False)
    # "term|stem|word" entries, counted by a terms aggregation for spelling corrections.
    vocabulary = Keyword()
    title_terms = _terms(copy_to="all_terms")
    people_terms = _terms(copy_to="all_terms")
    body_terms = _terms(copy_to="all_terms")
    all_terms = _terms()
    suggest_terms = Text(analyzer=suggest_index, search_analyzer=terms_analyzer)


def index_body():
    """Settings and mappings for a new physical index, as JSON for any engine."""
    index = Index("conference")
    index.settings(number_of_shards=1, number_of_replicas=0, max_result_window=10000)
    index.document(SearchDocument)
    body = index.to_dict()
    body["mappings"]["dynamic"] = "strict"
    return body
