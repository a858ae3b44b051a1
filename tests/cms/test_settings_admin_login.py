"""Admin login limits (django-axes): per address and per account, across workers (database)."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client

LOGIN = "/admin/login/"


@pytest.fixture
def users(db):
    user_model = get_user_model()
    return {
        name: user_model.objects.create_superuser(name, f"{name}@example.com", f"{name}-right-pw")
        for name in ("alice", "bob", "carol")
    }


def _login(username, password, address, **headers):
    client = Client(REMOTE_ADDR=address, **headers)
    response = client.post(LOGIN, {"username": username, "password": password})
    return response, client


def _logged_in(client):
    return "_auth_user_id" in client.session


def test_five_failures_lock_the_account_even_for_the_right_password(users, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(5):
        response, client = _login("alice", "wrong", "203.0.113.5")
        assert not _logged_in(client)
    response, client = _login("alice", "alice-right-pw", "203.0.113.5")
    assert response.status_code == 429
    assert not _logged_in(client)
    # The account stays locked from another address too.
    response, client = _login("alice", "alice-right-pw", "198.51.100.9")
    assert response.status_code == 429 and not _logged_in(client)
    # Another account from another address is not affected.
    response, client = _login("bob", "bob-right-pw", "198.51.100.7")
    assert response.status_code == 302 and _logged_in(client)


def test_failures_across_accounts_lock_the_address(users):
    for name in ("alice", "bob", "carol", "alice", "bob"):
        _login(name, "wrong", "203.0.113.6")
    response, client = _login("carol", "carol-right-pw", "203.0.113.6")
    assert response.status_code == 429 and not _logged_in(client)
    response, client = _login("carol", "carol-right-pw", "198.51.100.8")
    assert response.status_code == 302 and _logged_in(client)


def test_a_forged_forwarded_for_does_not_reset_the_address_count(users):
    for index in range(5):
        _login("nobody", "wrong", "203.0.113.7", HTTP_X_FORWARDED_FOR=f"10.0.0.{index}")
    response, client = _login("bob", "bob-right-pw", "203.0.113.7")
    assert response.status_code == 429 and not _logged_in(client)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}


def test_behind_one_trusted_proxy_the_forwarded_address_counts(users, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        _login("nobody", "wrong", "10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.8")
    # Same proxy, another client: not locked out.
    response, client = _login(
        "bob", "bob-right-pw", "10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.3"
    )
    assert response.status_code == 302 and _logged_in(client)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.8"}
