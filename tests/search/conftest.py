"""Search fixtures: the engines present, and the demo conference indexed in each of them.

SEARCH_ENGINES lists the engines that must be tested (default: "database", plus "opensearch"
when OPENSEARCH_URL answers). An engine listed there but unreachable fails the suite instead of
being skipped, so CI cannot pass without the real node.
"""

import os

import pytest
from django.conf import settings as django_settings

from search import engines as search_engines
from search import indexing


def _opensearch_url():
    return os.environ.get("OPENSEARCH_URL") or django_settings.SEARCH_OPENSEARCH_URL


def _opensearch_reachable(url):
    if not url:
        return False
    from search.engines.transports import OpenSearchTransport

    return OpenSearchTransport(url).ping()


def engine_names():
    listed = os.environ.get("SEARCH_ENGINES", "")
    if listed:
        return [n.strip() for n in listed.split(",") if n.strip()]
    names = ["database"]
    if _opensearch_reachable(_opensearch_url()):
        names.append("opensearch")
    return names


ENGINES = engine_names()


def configure(settings, name):
    """Point the search settings at one engine for the current test."""
    settings.SEARCH_ELASTICSEARCH_URL = ""
    if name == "database":
        settings.SEARCH_OPENSEARCH_URL = ""
    elif name == "opensearch":
        url = _opensearch_url()
        if not _opensearch_reachable(url):
            pytest.fail(f"SEARCH_ENGINES lists opensearch but nothing answers at {url!r}")
        settings.SEARCH_OPENSEARCH_URL = url
    else:
        pytest.fail(f"unknown engine in SEARCH_ENGINES: {name}")


@pytest.fixture(scope="session")
def indexed_demo(demo_db, django_db_blocker):
    """The demo conference, freshly indexed in every engine under test (read-only)."""
    from django.test import override_settings

    with django_db_blocker.unblock():
        for name in ENGINES:
            url = _opensearch_url() if name == "opensearch" else ""
            if name == "opensearch" and not _opensearch_reachable(url):
                pytest.fail(f"SEARCH_ENGINES lists opensearch but nothing answers at {url!r}")
            with override_settings(SEARCH_OPENSEARCH_URL=url, SEARCH_ELASTICSEARCH_URL=""):
                engine = search_engines.primary()
                indexing.rebuild(engine)
    return demo_db


@pytest.fixture(params=ENGINES)
def engine(request, settings, indexed_demo, db):
    """Each engine under test in turn, configured as the primary engine, demo data indexed."""
    configure(settings, request.param)
    return search_engines.primary()
