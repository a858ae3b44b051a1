"""Standard Webhooks signatures (https://www.standardwebhooks.com/): the signed content is
`{msg_id}.{timestamp}.{body}`, HMAC-SHA256 keyed with the base64-decoded secret after `whsec_`,
sent as `webhook-signature: v1,<base64>`."""

import base64
import hashlib
import hmac
import time

from cms.webhooks.models import SECRET_PREFIX

USER_AGENT = "conference-platform-webhooks/1.0"


def secret_key(secret):
    """The HMAC key of a `whsec_...` secret."""
    encoded = secret[len(SECRET_PREFIX) :] if secret.startswith(SECRET_PREFIX) else secret
    return base64.b64decode(encoded)


def sign(*, secret, message_id, timestamp, body):
    """The `v1,<base64>` signature of `body` (str or bytes) sent as `message_id` at `timestamp`."""
    if isinstance(body, str):
        body = body.encode("utf-8")
    content = f"{message_id}.{int(timestamp)}.".encode() + body
    digest = hmac.new(secret_key(secret), content, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def headers(*, secret, message_id, body, timestamp=None):
    """The headers of one attempt, signed at `timestamp` (now)."""
    timestamp = int(time.time() if timestamp is None else timestamp)
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(
            secret=secret, message_id=message_id, timestamp=timestamp, body=body
        ),
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
    }
