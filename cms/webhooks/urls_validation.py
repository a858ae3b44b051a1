"""Which endpoint URLs webhooks may be sent to: one check for the admin form and for every
attempt (a host name may resolve elsewhere by the time an event is sent).

http or https only (https alone when WEBHOOKS_REQUIRE_HTTPS); no credentials in the URL; unless
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES, no host that is or resolves to a private, loopback, link-local,
multicast, reserved or unspecified address (IPv4 or IPv6, IPv4-mapped included).
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _


def _settings():
    return (
        getattr(settings, "WEBHOOKS_REQUIRE_HTTPS", False),
        getattr(settings, "WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", True),
    )


def address_forbidden(address):
    """True when `address` (an ip_address) is not a public internet address."""
    if isinstance(address, ipaddress.IPv6Address):
        mapped = address.ipv4_mapped or address.sixtofour
        if mapped is not None and address_forbidden(mapped):
            return True
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


def _resolve(host, port):
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise ValidationError(
            _("The host name “%(host)s” could not be resolved: check the URL."),
            code="unresolvable",
            params={"host": host},
        ) from exc
    return {ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos}


def url_check(url):
    """Raise ValidationError (with a message an editor can act on) unless webhooks may be sent
    to `url`."""
    require_https, allow_private = _settings()
    try:
        url = (url or "").strip()
        parts = urlsplit(url)
        port = parts.port
        host = parts.hostname
    except ValueError as exc:
        raise ValidationError(_("Enter a valid URL."), code="invalid") from exc
    if parts.scheme not in ("http", "https"):
        raise ValidationError(
            _("The URL must start with https:// (or http:// outside production)."),
            code="scheme",
        )
    if require_https and parts.scheme != "https":
        raise ValidationError(_("The URL must use https://."), code="https")
    try:
        URLValidator(schemes=("http", "https"))(url)
    except ValidationError as exc:
        raise ValidationError(_("Enter a valid URL."), code="invalid") from exc
    if not host:
        raise ValidationError(_("Enter a valid URL."), code="invalid")
    if parts.username is not None or parts.password is not None:
        raise ValidationError(
            _("The URL must not contain a user name or password; use the signing secret."),
            code="credentials",
        )
    if allow_private:
        return
    private = ValidationError(
        _(
            "Webhooks cannot be sent to “%(host)s”: it is a private, loopback or otherwise "
            "non-public address."
        ),
        code="private",
        params={"host": host},
    )
    if host.rstrip(".").lower() == "localhost" or host.rstrip(".").lower().endswith(".localhost"):
        raise private
    try:
        addresses = {ipaddress.ip_address(host)}
    except ValueError:
        addresses = _resolve(host, port or (443 if parts.scheme == "https" else 80))
    if any(address_forbidden(address) for address in addresses):
        raise private


def url_allowed(url):
    """The reason `url` may not be used now, or None when it may."""
    try:
        url_check(url)
    except ValidationError as exc:
        return " ".join(exc.messages)
    return None
