"""Tables of the search app: the database engine's documents and the pending-update outbox."""

from django.db import models


class IndexedDocument(models.Model):
    """One search document as the database engine stores it (SQLite FTS5 / PostgreSQL FTS).

    List values are kept as "|a|b|" so that a filter is one portable `contains` lookup. The
    full-text structures (an FTS5 table on SQLite, generated tsvector columns on PostgreSQL) are
    created by this app's migration for the database in use.
    """

    doc_id = models.CharField(max_length=40, unique=True)
    kind = models.CharField(max_length=20, db_index=True)
    locale = models.CharField(max_length=8, db_index=True)
    title = models.CharField(max_length=300)
    sort_date = models.CharField(max_length=20, blank=True, db_index=True)
    session_type = models.CharField(max_length=20, blank=True)
    language = models.CharField(max_length=8, blank=True)
    track = models.CharField(max_length=80, blank=True)
    years = models.CharField(max_length=200, blank=True)
    topics = models.TextField(blank=True)
    industries = models.TextField(blank=True)
    data = models.JSONField(default=dict)
    title_terms = models.TextField(blank=True)
    people_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    suggest_terms = models.TextField(blank=True)
    # "|bg|en|": the languages whose visitors get this document (its own, and those its item
    # has no version in); empty in rows indexed before it existed (they serve their locale).
    serves = models.CharField(max_length=40, blank=True)
    # The document's vocabulary entries ("term|stem|word", one per line), counted in
    # VocabularyWord while the document is indexed.
    vocabulary = models.TextField(blank=True)

    class Meta:
        db_table = "search_document"

    def __str__(self):
        return self.doc_id


class PendingUpdate(models.Model):
    """A document an engine could not update (it was down); applied when the engine is back.

    Only the document id is kept: replaying rebuilds the document from the content as it is
    then, or removes it if the content is gone, so replays are idempotent and nothing is lost.
    """

    engine = models.CharField(max_length=40)
    doc_id = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "search_pending_update"
        constraints = [
            models.UniqueConstraint(fields=["engine", "doc_id"], name="search_pending_unique")
        ]

    def __str__(self):
        return f"{self.engine}: {self.doc_id}"


class IndexTerm(models.Model):
    """Every term the database engine has indexed: the candidates for typo-tolerant matching."""

    term = models.CharField(max_length=40, unique=True)
    length = models.PositiveSmallIntegerField()

    class Meta:
        db_table = "search_term"

    def __str__(self):
        return self.term


class VocabularyWord(models.Model):
    """A word of the indexed documents and how many documents hold it: what spelling
    corrections are chosen from (search.spelling). Kept by the database engine's writes."""

    term = models.CharField(max_length=40)
    stem = models.CharField(max_length=40)
    word = models.CharField(max_length=40)
    length = models.PositiveSmallIntegerField()
    doc_count = models.IntegerField(default=0)

    class Meta:
        db_table = "search_word"
        constraints = [
            models.UniqueConstraint(fields=["term", "stem", "word"], name="search_word_unique")
        ]
        indexes = [models.Index(fields=["term", "length"], name="search_word_term")]

    def __str__(self):
        return self.word
