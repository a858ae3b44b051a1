"""HTTP behaviour shared by every public route: locale, parameter limits, ETag/Last-Modified."""

import hashlib

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation.trans_real import parse_accept_lang_header
from wagtail.models import ModelLogEntry, Page, PageLogEntry

from api.exceptions import BadRequest
from api.params import MAX_ID, parse_id  # noqa: F401  (parse_id: re-exported for the views)

MAX_PARAM_LENGTH = 200
MAX_QUERY_LENGTH = 2000


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def request_language(request):
    """`?locale=` when given (400 if unknown), else Accept-Language, else the default language."""
    code = request.GET.get("locale")
    if code is not None:
        if code not in language_codes():
            raise BadRequest(
                f"Unknown locale {code[:20]!r}; use one of {', '.join(language_codes())}.",
                field="locale",
            )
        return code
    # Accept-Language alone: not request.LANGUAGE_CODE (LocaleMiddleware pins unprefixed paths
    # to the default language), nor the admin's language cookie (an editor's browser would get
    # Bulgarian labels in English answers, and answers vary by Accept-Language only).
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")[:MAX_QUERY_LENGTH]
    for tag, _quality in parse_accept_lang_header(header):
        code = tag.split("-")[0].lower()
        if code in language_codes():
            return code
    return settings.LANGUAGE_CODE


def check_query_size(request):
    """Refuse oversized query strings and parameters with a 400."""
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_LENGTH:
        raise BadRequest(f"The query string is longer than {MAX_QUERY_LENGTH} characters.")
    for name, values in request.GET.lists():
        if len(name) > 50:
            raise BadRequest("A parameter name is too long.")
        for value in values:
            if len(value) > MAX_PARAM_LENGTH:
                raise BadRequest(
                    f"{name} is longer than {MAX_PARAM_LENGTH} characters.", field=name[:50]
                )


def content_last_modified():
    """When published content last changed: the newest publish/unpublish/delete log entry."""
    candidates = [
        PageLogEntry.objects.aggregate(at=Max("timestamp"))["at"],
        ModelLogEntry.objects.aggregate(at=Max("timestamp"))["at"],
        Page.objects.aggregate(at=Max("last_published_at"))["at"],
    ]
    candidates = [c for c in candidates if c is not None]
    return max(candidates) if candidates else timezone.now()


def apply_caching(request, response, *, public=True):
    """ETag from the body, Last-Modified from the content log, 304 on a matching condition."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if hasattr(response, "render") and not getattr(response, "is_rendered", True):
        response.render()
    if not public:
        response["Cache-Control"] = "private, no-store"
        return response
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    last_modified = content_last_modified().replace(microsecond=0)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified.timestamp())
    response["Cache-Control"] = f"public, max-age={settings.API_CACHE_MAX_AGE}"
    patch_vary_headers(response, ("Accept-Language",))
    conditional = get_conditional_response(
        request, etag=etag, last_modified=int(last_modified.timestamp()), response=response
    )
    if conditional is not response and conditional.status_code == 304:
        for header in ("Cache-Control", "Vary", "Content-Language"):
            if header in response:
                conditional[header] = response[header]
    return conditional
