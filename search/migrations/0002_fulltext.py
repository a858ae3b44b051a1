"""Full-text structures for the database engine, for the database in use.

SQLite: an FTS5 table whose rowid is search_document.id (columns weighted by bm25 at query
time). PostgreSQL: generated, weighted tsvector columns with GIN indexes. Other databases get
nothing here and the engine falls back to LIKE matching.
"""

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_document_fts USING fts5("
    "title_terms, people_terms, body_terms, suggest_terms, tokenize = 'unicode61')",
]
SQLITE_DOWN = ["DROP TABLE IF EXISTS search_document_fts"]

POSTGRES_UP = [
    "ALTER TABLE search_document ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', title_terms), 'A') || "
    "setweight(to_tsvector('simple', people_terms), 'B') || "
    "setweight(to_tsvector('simple', body_terms), 'C')) STORED",
    "ALTER TABLE search_document ADD COLUMN suggest_vector tsvector GENERATED ALWAYS AS ("
    "to_tsvector('simple', suggest_terms)) STORED",
    "CREATE INDEX search_document_vector ON search_document USING GIN (search_vector)",
    "CREATE INDEX search_document_suggest ON search_document USING GIN (suggest_vector)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS search_document_suggest",
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS suggest_vector",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("conference_search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        )
    ]
