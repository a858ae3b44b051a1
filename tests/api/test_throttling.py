"""Throttling holds: the client address comes from trusted proxies only, and every worker
counts against one limit through Redis."""

import os
import secrets

import pytest
from django.core.cache import cache
from django.db import connection

from tests.servers import Gunicorn, production_env

URL = "/api/v1/topics/"


@pytest.fixture
def limited(settings):
    settings.API_ANON_THROTTLE_RATE = "3/min"
    cache.clear()


def test_rotating_forwarded_for_does_not_escape_the_limit(client, demo_api, limited):
    statuses = [
        client.get(URL, HTTP_X_FORWARDED_FOR=f"198.51.100.{index}").status_code
        for index in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]


def test_graphql_is_limited_by_the_same_address(client, demo_api, limited):
    statuses = [
        client.post(
            "/graphql/",
            {"query": "{ topics { id } }"},
            format="json",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{index}",
        ).status_code
        for index in range(4)
    ]
    assert statuses == [200, 200, 200, 429]


def test_behind_one_trusted_proxy_the_rightmost_address_counts(client, demo_api, limited, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    statuses = [
        client.get(URL, HTTP_X_FORWARDED_FOR=f"10.9.9.{index}, 203.0.113.1").status_code
        for index in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    # Another client behind the same proxy has its own budget.
    assert client.get(URL, HTTP_X_FORWARDED_FOR="203.0.113.1, 203.0.113.2").status_code == 200


@pytest.mark.slow
def test_two_processes_share_one_counter_through_redis(demo_api, tmp_path):
    if connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"):
        pytest.skip("needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)")
    env = production_env(API_ANON_THROTTLE_RATE="3/min", CACHE_KEY_PREFIX=secrets.token_hex(8))
    servers = []
    try:
        for name in ("a", "b"):
            servers.append(Gunicorn(env, tmp_path / f"{name}.log"))
        first, second = servers
        assert first.process.pid != second.process.pid
        statuses = [server.get(URL).status_code for server in (first, second, first, second)]
        assert statuses == [200, 200, 200, 429], first.log()[-2000:] + second.log()[-2000:]
        assert first.get(URL).status_code == 429
    finally:
        for server in servers:
            server.stop()


def _throttled(now, address="192.0.2.7"):
    """Whether one request from `address` at time `now` is allowed; the throttle's wait."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from api.throttling import AnonRateThrottle

    request = RequestFactory().get(URL, REMOTE_ADDR=address)
    request.user = AnonymousUser()
    throttle = AnonRateThrottle()
    throttle.timer = lambda: now
    return throttle.allow_request(request, None), throttle.wait()


def test_the_last_window_counts_by_how_much_of_it_a_sliding_window_still_covers(db, settings):
    settings.API_ANON_THROTTLE_RATE = "10/min"
    cache.clear()
    start = 60 * 29_000_000  # the start of a minute
    assert [_throttled(start + i)[0] for i in range(10)] == [True] * 10
    allowed, wait = _throttled(start + 15)
    assert not allowed and wait == 45  # until this window ends
    # Half-way through the next minute the last one (11 requests, the refused one too) weighs
    # 5.5: four more fit under 10, the fifth does not.
    later = [_throttled(start + 90 + i / 10)[0] for i in range(5)]
    assert later == [True, True, True, True, False]
    # Another address has its own budget; two minutes on, the first one is free again.
    assert _throttled(start + 95, address="192.0.2.8")[0]
    assert _throttled(start + 180)[0]


def test_a_client_costs_two_counters_whatever_the_rate(db, settings):
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs Redis (REDIS_URL)")
    from django_redis import get_redis_connection

    from cms.settings.base import redis_cache

    settings.CACHES = {"default": redis_cache(os.environ["REDIS_URL"], secrets.token_hex(8))}
    settings.API_ANON_THROTTLE_RATE = "100000/min"
    start = 60 * 29_000_100
    for i in range(300):
        assert _throttled(start + i * 0.3, address="192.0.2.9")[0]
    keys = get_redis_connection("default").keys(cache.make_key("throttle_anon_192.0.2.9*"))
    assert len(keys) == 2
    assert all(get_redis_connection("default").ttl(key) > 0 for key in keys)
