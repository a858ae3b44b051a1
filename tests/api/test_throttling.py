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
