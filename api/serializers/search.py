"""Search results and suggestions (GET /api/v1/search/, /api/v1/search/suggest/)."""

from rest_framework import serializers


class SearchSpeakerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    role = serializers.CharField()


class SearchHitSerializer(serializers.Serializer):
    id = serializers.CharField(help_text='Document id, e.g. "page:12", "person:3".')
    kind = serializers.ChoiceField(
        choices=["session", "edition", "news", "page", "venue", "person", "organisation"]
    )
    object_id = serializers.IntegerField(help_text="Id of the page, person or organisation.")
    kind_label = serializers.CharField(help_text="The kind, in the language of the request.")
    locale = serializers.CharField(help_text="The language of this version of the item.")
    fallback = serializers.BooleanField(
        help_text="True when the item has no version in the language asked for (?locale) and "
        "this is its version in `locale`."
    )
    title = serializers.CharField()
    title_highlighted = serializers.CharField(
        help_text="HTML, escaped once: the title with matching words in <mark> (no other tag)."
    )
    snippet = serializers.CharField(
        help_text="HTML, escaped once: a sentence window of the passage that matched, matching "
        "words in <mark> (no other tag); the start of the summary when only the title or "
        "metadata matched."
    )
    snippet_field = serializers.CharField(
        help_text="Where the snippet comes from: abstract, speakers, theme, intro, venue, body, "
        "getting_there, accessibility, role, bio, description or summary (empty: none)."
    )
    summary = serializers.CharField()
    slug = serializers.CharField()
    path = serializers.CharField(help_text="Wagtail url_path of a page; empty for snippets.")
    years = serializers.ListField(child=serializers.IntegerField())
    edition = serializers.CharField()
    session_type = serializers.CharField()
    type_label = serializers.CharField(
        help_text="The session type, in the language of the request (empty for other kinds)."
    )
    track = serializers.CharField()
    track_name = serializers.CharField()
    topics = serializers.ListField(child=serializers.CharField())
    industries = serializers.ListField(child=serializers.CharField())
    language = serializers.CharField()
    room = serializers.CharField()
    speakers = SearchSpeakerSerializer(many=True)
    date = serializers.DateTimeField(allow_null=True)
    score = serializers.FloatField()


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class FacetsSerializer(serializers.Serializer):
    year = FacetValueSerializer(many=True)
    kind = FacetValueSerializer(many=True)
    type = FacetValueSerializer(many=True)
    track = FacetValueSerializer(many=True)
    topic = FacetValueSerializer(many=True)
    industry = FacetValueSerializer(many=True)
    language = FacetValueSerializer(many=True)


class SearchResultSerializer(serializers.Serializer):
    query = serializers.CharField()
    total = serializers.IntegerField()
    page = serializers.IntegerField()
    page_size = serializers.IntegerField()
    pages = serializers.IntegerField()
    degraded = serializers.BooleanField(
        help_text="True when the search engine was down and the database answered."
    )
    did_you_mean = serializers.CharField(
        allow_null=True,
        help_text="The query with the words the index does not know replaced by the closest "
        "indexed words (those were searched too); null when every word is known or nothing "
        "was found.",
    )
    results = SearchHitSerializer(many=True)
    facets = FacetsSerializer()


class SuggestionSerializer(serializers.Serializer):
    id = serializers.CharField()
    kind = serializers.CharField()
    object_id = serializers.IntegerField()
    locale = serializers.CharField()
    title = serializers.CharField()
    path = serializers.CharField()
    slug = serializers.CharField()


class SuggestResultSerializer(serializers.Serializer):
    query = serializers.CharField()
    degraded = serializers.BooleanField()
    suggestions = SuggestionSerializer(many=True)


def hit_data(hit):
    doc = hit.doc
    return {
        "id": doc["doc_id"],
        "kind": doc["kind"],
        "kind_label": hit.labels.get("kind") or doc["kind"],
        "object_id": doc["object_id"],
        "locale": doc["locale"],
        "fallback": hit.fallback,
        "title": doc["title"],
        "title_highlighted": hit.highlights.get("title", ""),
        "snippet": hit.highlights.get("snippet") or "",
        "snippet_field": hit.highlights.get("snippet_field") or "",
        "summary": doc.get("summary") or "",
        "slug": doc.get("slug") or "",
        "path": doc.get("path") or "",
        "years": doc.get("years") or [],
        "edition": doc.get("edition") or "",
        "session_type": doc.get("session_type") or "",
        "type_label": hit.labels.get("type") or "",
        "track": doc.get("track") or "",
        "track_name": doc.get("track_name") or "",
        "topics": doc.get("topic_names") or [],
        "industries": doc.get("industry_names") or [],
        "language": doc.get("language") or "",
        "room": doc.get("room") or "",
        "speakers": doc.get("speakers") or [],
        "date": doc.get("date"),
        "score": round(hit.score, 4),
    }


def result_data(query, result):
    pages = -(-result.total // query.page_size) if result.total else 0
    return {
        "query": query.text,
        "total": result.total,
        "page": query.page,
        "page_size": query.page_size,
        "pages": pages,
        "degraded": result.degraded,
        "did_you_mean": result.did_you_mean,
        "results": [hit_data(hit) for hit in result.hits],
        "facets": {name: result.facets.get(name, []) for name in FacetsSerializer().fields},
    }


def suggestion_data(doc):
    return {
        "id": doc["doc_id"],
        "kind": doc["kind"],
        "object_id": doc["object_id"],
        "locale": doc["locale"],
        "title": doc["title"],
        "path": doc.get("path") or "",
        "slug": doc.get("slug") or "",
    }
