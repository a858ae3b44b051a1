"""API test fixtures: the demo in a read-only session database, throttling off by default."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _api_settings(settings):
    settings.API_ANON_THROTTLE_RATE = ""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def client():
    return APIClient()


@pytest.fixture
def demo_api(demo_db, db):
    """Read-only demo data (loaded once per worker) with database access for the test."""
    return demo_db


def results(response):
    assert response.status_code == 200, response.content[:500]
    return response.json()["results"]


def get_all(client, url):
    """Every item of a paginated list, following `next`."""
    items = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content[:500]
        body = response.json()
        items.extend(body["results"])
        url = body["next"]
    return items
