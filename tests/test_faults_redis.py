"""Redis down: content routes still answer (cache errors are misses, throttling fails open);
Redis back: caching and throttling work again. Against a private redis-server, never the
shared one."""

import secrets

import pytest
import redis
from django.core.cache import cache
from rest_framework.test import APIClient

from cms.settings.base import redis_cache
from tests.servers import RedisServer, wait_until

pytestmark = pytest.mark.slow

ROUTES = [
    "/api/v1/editions/",
    "/api/v1/editions/2027/",
    "/api/v1/sessions/",
    "/api/v1/speakers/",
    "/api/v1/partners/",
    "/api/v1/topics/",
    "/api/v1/editions/2027/agenda.ics",
    "/api/v1/search/?q=cluster",
]


@pytest.fixture
def redis_server():
    server = RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_cache_settings(redis_server, settings):
    settings.CACHES = {"default": redis_cache(redis_server.url, f"faults-{secrets.token_hex(6)}")}
    settings.API_ANON_THROTTLE_RATE = "1000/min"
    return redis_server


def _throttle_keys(server):
    return redis.Redis(port=server.port).keys("*throttle_anon_*")


def _get_all(client):
    statuses = {url: client.get(url).status_code for url in ROUTES}
    statuses["graphql"] = client.post(
        "/graphql/", {"query": "{ topics { id } }"}, format="json"
    ).status_code
    return statuses


def test_content_routes_answer_while_redis_is_down_and_cache_again_after(
    demo_db, db, redis_cache_settings
):
    server = redis_cache_settings
    client = APIClient()
    everything_ok = {url: 200 for url in [*ROUTES, "graphql"]}
    assert _get_all(client) == everything_ok
    assert _throttle_keys(server), "throttle counters are kept in Redis while it is up"

    server.stop()
    assert _get_all(client) == everything_ok
    assert cache.get("anything") is None
    assert not cache.add("anything", 1)

    server.start()
    assert _throttle_keys(server) == []

    def cached_again():
        client.get("/api/v1/topics/")
        return bool(_throttle_keys(server))

    wait_until(cached_again, "throttle counters back in the restarted Redis", seconds=30)
    cache.set("anything", 1)
    assert cache.get("anything") == 1


def test_throttle_still_limits_with_redis_up(demo_db, db, redis_cache_settings, settings):
    settings.API_ANON_THROTTLE_RATE = "2/min"
    client = APIClient()
    statuses = [client.get("/api/v1/topics/").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_admin_login_page_answers_while_redis_is_down(db, redis_cache_settings, client):
    redis_cache_settings.stop()
    assert client.get("/admin/login/").status_code == 200
    response = client.post("/admin/login/", {"username": "nobody", "password": "wrong"})
    assert response.status_code == 200
