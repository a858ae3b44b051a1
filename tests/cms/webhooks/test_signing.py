"""Our signer against the independent Standard Webhooks library."""

import json
import time

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from cms.webhooks import signing
from cms.webhooks.models import secret_generate
from cms.webhooks.services import message_id_for, payload_render

BODY = payload_render(event_type="session.changed", data={"title": "Отворени данни"})


def _signed(secret, body=BODY, timestamp=None):
    return signing.headers(
        secret=secret, message_id=message_id_for("k"), body=body, timestamp=timestamp
    )


def test_signed_headers_verify_with_the_standard_webhooks_library():
    secret = secret_generate()
    headers = _signed(secret)
    payload = Webhook(secret).verify(BODY.encode("utf-8"), headers)
    assert payload["type"] == "session.changed"
    assert payload["data"] == {"title": "Отворени данни"}
    assert headers["webhook-id"].startswith("msg_")
    assert headers["Content-Type"] == "application/json"
    assert headers["User-Agent"] == "conference-platform-webhooks/1.0"


def test_secret_has_the_standard_format():
    secret = secret_generate()
    assert secret.startswith("whsec_")
    assert len(signing.secret_key(secret)) == 32
    assert secret_generate() != secret


@pytest.mark.parametrize("tamper", ["body", "timestamp", "secret", "id"])
def test_a_tampered_delivery_fails_verification(tamper):
    secret = secret_generate()
    headers = _signed(secret)
    body = BODY
    if tamper == "body":
        body = BODY.replace("Отворени", "Затворени")
    elif tamper == "timestamp":
        headers["webhook-timestamp"] = str(int(headers["webhook-timestamp"]) + 1)
    elif tamper == "secret":
        secret = secret_generate()
    else:
        headers["webhook-id"] = message_id_for("another")
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(body.encode("utf-8"), headers)


def test_an_old_timestamp_fails_verification():
    secret = secret_generate()
    headers = _signed(secret, timestamp=time.time() - 3600)
    with pytest.raises(WebhookVerificationError):
        Webhook(secret).verify(BODY, headers)


def test_payload_is_compact_json_with_type_timestamp_and_data():
    body = payload_render(event_type="edition.published", data={"year": 2030})
    assert ", " not in body and '": ' not in body
    parsed = json.loads(body)
    assert list(parsed) == ["type", "timestamp", "data"]
    assert parsed["timestamp"].endswith("Z")


def test_message_id_is_stable_per_key():
    assert message_id_for("release:1") == message_id_for("release:1")
    assert message_id_for("release:1") != message_id_for("release:2")
