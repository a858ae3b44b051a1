"""Endpoint URLs: https on public addresses in production; 127.0.0.1 over http in tests."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ValidationError

from cms.webhooks.urls_validation import url_allowed, url_check
from tests.servers import ROOT

PUBLIC = "https://93.184.215.14/hook"


@pytest.fixture
def production(settings):
    settings.WEBHOOKS_REQUIRE_HTTPS = True
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False


def test_public_https_address_is_accepted(production):
    url_check(PUBLIC)
    url_check("https://93.184.215.14:8443/hooks?partner=1")
    assert url_allowed(PUBLIC) is None


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("http://93.184.215.14/hook", "https"),
        ("https://127.0.0.1/", "private"),
        ("https://10.0.0.1", "private"),
        ("https://192.168.1.5/hook", "private"),
        ("https://[::1]/", "private"),
        ("https://[::ffff:127.0.0.1]/", "private"),
        ("https://[fe80::1]/", "private"),
        ("https://169.254.169.254/latest/meta-data", "private"),
        ("https://0.0.0.0/", "private"),
        ("https://224.0.0.1/", "private"),
        ("https://localhost/", "private"),
        ("https://api.localhost/", "private"),
        ("ftp://93.184.215.14/hook", "scheme"),
        ("https://user:pass@93.184.215.14/", "credentials"),
        ("not a url", "scheme"),
        ("https://", "invalid"),
        ("https://[::1/", "invalid"),
        ("https://no-such-host.invalid/hook", "unresolvable"),
    ],
)
def test_refused_in_production(production, url, code):
    with pytest.raises(ValidationError) as refused:
        url_check(url)
    assert refused.value.code == code
    assert refused.value.messages[0]  # a sentence an editor can read
    assert url_allowed(url)


def test_loopback_over_http_is_allowed_in_test_settings(settings):
    assert settings.WEBHOOKS_REQUIRE_HTTPS is False
    assert settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES is True
    url_check("http://127.0.0.1:8999/hooks/")
    with pytest.raises(ValidationError):
        url_check("ftp://127.0.0.1/")
    with pytest.raises(ValidationError):
        url_check("http://user:pass@127.0.0.1/")


def test_production_settings_require_https_and_public_addresses():
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": "x" * 50,
        "DATABASE_URL": "postgres://u:p@127.0.0.1:5432/none",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    env.pop("WEBHOOKS_REQUIRE_HTTPS", None)
    env.pop("WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", None)
    code = (
        "import cms.settings.production as s, cms.settings.base as b;"
        "print(s.WEBHOOKS_REQUIRE_HTTPS, s.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES,"
        " b.WEBHOOKS_REQUIRE_HTTPS, b.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["True", "False", "False", "True"]
