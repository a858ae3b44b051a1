"""Internet-facing safety: client address behind proxies, content security policy per area,
admin login attempt limits, and media serving."""

import re

from axes.backends import AxesStandaloneBackend
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import Http404
from django.views.static import serve


def client_ip(request):
    """The client's address, trusting `TRUSTED_PROXY_COUNT` proxies in front of us.

    With 0 (the default) only REMOTE_ADDR counts and X-Forwarded-For is ignored. With N proxies,
    the N-th address from the right of X-Forwarded-For is the client (each proxy appends the
    address it received the request from), so addresses a client puts there itself are skipped.
    """
    remote_addr = request.META.get("REMOTE_ADDR")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if proxies <= 0 or not forwarded:
        return remote_addr
    addresses = [address.strip() for address in forwarded.split(",") if address.strip()]
    if not addresses:
        return remote_addr
    return addresses[-min(proxies, len(addresses))]


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with a looser policy for the Wagtail admin only.

    `CONTENT_SECURITY_POLICY` applies everywhere; under `CSP_ADMIN_PREFIXES` the directives of
    `CSP_ADMIN_DIRECTIVES` replace it (the admin has inline scripts in some panels).
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        prefixes = tuple(getattr(settings, "CSP_ADMIN_PREFIXES", ()))
        if not report_only and prefixes and request.path_info.startswith(prefixes):
            parts.replace = {
                **getattr(settings, "CSP_ADMIN_DIRECTIVES", {}),
                **(parts.replace or {}),
            }
        return parts


class LoginAttemptBackend(AxesStandaloneBackend):
    """django-axes' lockout check for logins that come with a request.

    `authenticate()` without a request (management commands, the test client's `login()`) is
    not reachable from the network; it passes through to the next backend instead of failing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


# Only images are public files; documents go through Wagtail's serve view, which checks
# collection privacy, so they are never served from MEDIA_ROOT directly.
PUBLIC_MEDIA = re.compile(r"^(images|original_images)/[^\x00]+$")


def serve_media(request, path):
    """Uploaded images from MEDIA_ROOT (a volume), cacheable, sandboxed against active content."""
    if not PUBLIC_MEDIA.match(path):
        raise Http404("Not a public media file.")
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = f"public, max-age={settings.MEDIA_CACHE_MAX_AGE}"
    # An uploaded SVG or HTML file must not run script in our origin.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    return response
