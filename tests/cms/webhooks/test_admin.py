"""The webhook admin: endpoints created through the form, bad URLs refused with a message, the
"send test event" button reaching a real receiver, the delivery log, permissions."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client

from cms.webhooks.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("hooks-super", email="super@example.org")
    client.force_login(user)
    return client


@pytest.fixture
def editor_client():
    """A user of the admin without any webhook permission."""
    user = get_user_model().objects.create_user("hooks-editor", password="pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(user)
    return client


def _form(name, url, *types, enabled=True):
    data = {"name": name, "url": url, "event_types": list(types)}
    if enabled:
        data["enabled"] = "on"
    return data


def test_an_editor_creates_an_endpoint_and_sees_its_secret(admin_client, receiver):
    response = admin_client.post(
        "/admin/webhooks/new/",
        _form("Партньор Алфа", receiver.url, "session.changed", "release.published"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    endpoint = WebhookEndpoint.objects.get(name="Партньор Алфа")
    assert response["Location"] == f"/admin/webhooks/edit/{endpoint.pk}/"
    assert endpoint.event_types == ["release.published", "session.changed"]
    assert endpoint.enabled and endpoint.secret.startswith("whsec_")
    assert endpoint.created_by.username == "hooks-super"
    page = admin_client.get(f"/admin/webhooks/edit/{endpoint.pk}/")
    assert page.status_code == 200
    assert endpoint.secret in page.content.decode()
    listing = admin_client.get("/admin/webhooks/")
    assert listing.status_code == 200 and "Партньор Алфа" in listing.content.decode()


@pytest.mark.parametrize(
    ("url", "production"),
    [
        ("ftp://93.184.215.14/hook", False),
        ("not a url", False),
        ("http://user:pass@127.0.0.1/", False),
        ("http://93.184.215.14/hook", True),
        ("https://127.0.0.1/hook", True),
        ("https://localhost/hook", True),
    ],
)
def test_a_bad_url_is_refused_with_a_message(admin_client, settings, url, production):
    if production:
        settings.WEBHOOKS_REQUIRE_HTTPS = True
        settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    name = f"Bad {url}"[:100]
    response = admin_client.post("/admin/webhooks/new/", _form(name, url, "session.changed"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "url" in errors and errors["url"][0]
    assert errors["url"][0] in response.content.decode()
    assert not WebhookEndpoint.objects.filter(name=name).exists()


def test_no_event_type_is_refused(admin_client, receiver):
    response = admin_client.post("/admin/webhooks/new/", _form("Без събития", receiver.url))
    assert response.status_code == 200
    assert "event_types" in response.context["form"].errors
    assert not WebhookEndpoint.objects.filter(name="Без събития").exists()


def test_send_test_event_reaches_the_receiver_and_shows_in_the_log(
    admin_client, receiver, make_endpoint, django_capture_on_commit_callbacks
):
    endpoint = make_endpoint(receiver, event_types=["edition.published"])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/webhooks/send-test/{endpoint.pk}/", follow=True)
    assert response.status_code == 200
    [delivery] = endpoint.deliveries.all()
    assert delivery.event_type == "webhook.test"
    [request] = receiver.requests
    assert request["verified"] and request["id"] == delivery.message_id
    assert delivery.message_id in response.content.decode()  # the success message

    log = admin_client.get("/admin/webhooks/deliveries/", {"endpoint": endpoint.pk})
    html = log.content.decode()
    assert log.status_code == 200
    assert delivery.message_id in html and "200" in html
    assert str(WebhookDelivery.Status.SUCCEEDED.label) in html
    failed = admin_client.get(
        "/admin/webhooks/deliveries/", {"endpoint": endpoint.pk, "status": "failed"}
    )
    assert delivery.message_id not in failed.content.decode()
    detail = admin_client.get(f"/admin/webhooks/deliveries/inspect/{delivery.pk}/")
    assert detail.status_code == 200
    assert "webhook.test" in detail.content.decode()


def test_send_test_event_needs_a_post_with_a_csrf_token(receiver, make_endpoint):
    endpoint = make_endpoint(receiver)
    user = get_user_model().objects.create_superuser("hooks-csrf", email="csrf@example.org")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.get(f"/admin/webhooks/send-test/{endpoint.pk}/").status_code == 405
    assert client.post(f"/admin/webhooks/send-test/{endpoint.pk}/").status_code == 403
    assert not endpoint.deliveries.exists()


def test_users_without_permission_are_refused(
    editor_client, receiver, make_endpoint, django_capture_on_commit_callbacks
):
    endpoint = make_endpoint(receiver)
    for url in (
        "/admin/webhooks/",
        "/admin/webhooks/new/",
        f"/admin/webhooks/edit/{endpoint.pk}/",
        "/admin/webhooks/deliveries/",
    ):
        response = editor_client.get(url)
        assert response.status_code in (302, 403), url
        assert endpoint.secret not in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        for action in ("send-test", "rotate-secret", "enable"):
            response = editor_client.post(f"/admin/webhooks/{action}/{endpoint.pk}/")
            assert response.status_code in (302, 403), action
        anonymous = Client().post(f"/admin/webhooks/send-test/{endpoint.pk}/")
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    assert not endpoint.deliveries.exists()
    assert receiver.requests == []
    secret = endpoint.secret
    endpoint.refresh_from_db()
    assert endpoint.secret == secret


def test_a_user_with_the_endpoint_permissions_may_manage_them(receiver, make_endpoint):
    endpoint = make_endpoint(receiver)
    user = get_user_model().objects.create_user("hooks-organiser", password="pw")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_webhookendpoint"),
    )
    client = Client()
    client.force_login(user)
    assert client.get(f"/admin/webhooks/edit/{endpoint.pk}/").status_code == 200
    assert client.get("/admin/webhooks/deliveries/").status_code == 200
    old = endpoint.secret
    assert client.post(f"/admin/webhooks/rotate-secret/{endpoint.pk}/").status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.secret != old


def test_a_disabled_endpoint_shows_on_the_dashboard_and_enabling_resets_it(
    admin_client, receiver, make_endpoint
):
    from django.utils import timezone

    endpoint = make_endpoint(
        receiver,
        enabled=False,
        disabled_at=timezone.now(),
        disabled_reason="Disabled automatically after 15 failed attempts",
        consecutive_failures=15,
        first_failure_at=timezone.now(),
    )
    home = admin_client.get("/admin/").content.decode()
    assert 'id="webhooks-disabled-section"' in home
    assert endpoint.name in home and f"/admin/webhooks/edit/{endpoint.pk}/" in home
    edit = admin_client.get(f"/admin/webhooks/edit/{endpoint.pk}/").content.decode()
    assert "15 failed attempts" in edit
    response = admin_client.post(
        f"/admin/webhooks/edit/{endpoint.pk}/",
        _form(endpoint.name, endpoint.url, "session.changed", enabled=True),
    )
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.enabled and endpoint.consecutive_failures == 0
    assert endpoint.disabled_at is None and endpoint.disabled_reason == ""
    home = admin_client.get("/admin/").content.decode()
    assert 'id="webhooks-disabled-section"' not in home
