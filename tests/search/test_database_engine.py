"""The database engine computes the page, the total and the facet counts in SQL; the reference
is the same search done in Python over every matching row (what other databases still use)."""

import itertools

import pytest

from search import engines
from search.query import Query, parse

pytestmark = pytest.mark.django_db


def same(engine, query):
    parsed = parse(query.text)
    in_sql = engine._search_in_sql(query, parsed)
    in_python = engine._search_in_python(query, parsed)
    assert in_sql.total == in_python.total
    assert [(h.doc["doc_id"], h.score) for h in in_sql.hits] == [
        (h.doc["doc_id"], h.score) for h in in_python.hits
    ]
    assert in_sql.facets == in_python.facets
    return in_sql


def test_sql_and_python_agree_on_the_demo(indexed_demo, db):
    engine = engines.database()
    texts = ["cluster", "клъстер иновации", "clustr polcies", '"Sofia Tech Park"', "", "zzzz"]
    filters = [{}, {"year": ["2025", "2027"]}, {"type": ["keynote", "talk"]}, {"kind": ["news"]}]
    pages = [(1, 20), (2, 5), (100, 50)]
    combos = itertools.product(texts, filters, ["relevance", "date", "-date"], [None, "en"], pages)
    for text, filters_, sort, locale, (page, size) in combos:
        if text or filters_:
            query = Query(text=text, filters=filters_, sort=sort, locale=locale)
            query.page, query.page_size = page, size
            same(engine, query)


def test_list_values_with_json_and_sql_syntax_are_counted(indexed_demo, db):
    engine = engines.database()
    odd = ['say "hi"', "back\\slash", "tab\there", "ctrl\x01char", "Ж", "it's", "%_"]
    engine.upsert(
        [
            {
                "doc_id": "test:odd",
                "kind": "page",
                "locale": "en",
                "title": "Oddities",
                "years": [1999, 1999],
                "topics": odd,
                "industries": [],
                "title_terms": "oddities",
                "people_terms": "",
                "body_terms": "",
                "suggest_terms": "oddities",
            }
        ]
    )
    result = same(engine, Query(text="oddities"))
    assert result.total == 1
    assert result.facets["topic"] == {value: 1 for value in sorted(odd)}
    assert result.facets["year"] == {"1999": 2}
    assert result.facets["industry"] == {}
