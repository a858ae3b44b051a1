"""Rendered public answers, cached per (path, parameters, language, format, host, version).

The version comes from cms.core.versions and changes with every public change, so nothing is ever
invalidated by hand: a change moves the version and the next request renders afresh under the new
key. Entries of old versions expire on their own (RESPONSE_CACHE_SECONDS; Redis evicts them first
when memory runs short).

- ETag and Last-Modified come from the version, so a conditional request is answered 304 before
  any content is read.
- One request renders a missing answer while the others for the same key wait for it (a lock in
  the cache), so a publish during a rush costs one render per answer, not one per client.
- Large bodies are compressed (brotli, else gzip) when a client first asks for that coding, and
  the compressed bytes are kept with the answer.
- The most recent answers are also kept in the process (API_RESPONSE_LOCAL_BYTES), so a warm
  answer costs one cache round trip: the version.
- An unreachable cache turns all of this off for the request: it is rendered as before.

Search answers get versions but their bodies are not kept: every search checks its hits against
what is public at that moment.
"""

import gzip
import hashlib
import json
import logging
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from cms.core import versions

try:  # brotli is a dependency; without it answers are gzip or identity
    import brotli
except ImportError:  # pragma: no cover
    brotli = None

log = logging.getLogger(__name__)

KEY_PREFIX = "api-response:"
LOCK_PREFIX = "api-render:"
COMPRESS_MIN_BYTES = 1024
COMPRESSIBLE = ("json", "xml", "text/", "calendar", "csv", "javascript")
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language")
WAIT_STEP_SECONDS = 0.02


def enabled():
    return getattr(settings, "API_RESPONSE_CACHE", True)


class LocalEntries:
    """The most recently used answers in this process, up to a byte budget, in front of the
    shared cache. An answer's key holds its content version, so a kept entry is never stale: a
    change moves the version and the key with it."""

    def __init__(self):
        self.entries = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    @staticmethod
    def _bytes(entry):
        return len(entry["body"]) + sum(len(b) for b in (entry.get("codings") or {}).values())

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        budget = settings.API_RESPONSE_LOCAL_BYTES
        size = self._bytes(entry)
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.size -= self._bytes(old)
            if size > budget // 4:
                return
            self.entries[key] = entry
            self.size += size
            while self.size > budget and self.entries:
                _key, dropped = self.entries.popitem(last=False)
                self.size -= self._bytes(dropped)

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.size = 0


_local = LocalEntries()


def _accepted_encodings(request):
    """Codings the client accepts, from Accept-Encoding (q=0 refuses one)."""
    accepted = set()
    for part in request.META.get("HTTP_ACCEPT_ENCODING", "").split(","):
        name, _, params = part.strip().partition(";")
        name = name.strip().lower()
        q = params.strip().lower().replace(" ", "")
        if name and q not in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            accepted.add(name)
    return accepted


def _compress(body, coding):
    if coding == "br":
        return brotli.compress(body, quality=5)
    return gzip.compress(body, compresslevel=6, mtime=0)


class ResponseCache:
    """The cache of one request's answer. `versions` is None when the cache is unreachable."""

    def __init__(self, request, *, scopes, language, extra=(), conditional=True, bodies=True):
        self.request = request
        self.lock_key = None
        self.conditional = conditional
        self.bodies = bodies and enabled()
        self.versions = versions.current(*scopes)
        if self.versions is None:
            return
        token = ".".join(str(self.versions[scope]) for scope in scopes)
        material = json.dumps(
            [
                request.path,
                sorted(request.GET.lists()),
                language,
                request.build_absolute_uri("/"),
                list(extra),
                token,
            ],
            ensure_ascii=False,
        )
        digest = hashlib.sha256(material.encode("utf-8")).hexdigest()
        self.key = KEY_PREFIX + digest
        self.etag = f'W/"{digest[:32]}"'
        newest = max(self.versions.values())
        self.last_modified = int(versions.as_datetime(newest).timestamp())

    @property
    def active(self):
        return self.versions is not None

    # Answers

    def answer(self):
        """A 304 or the cached answer; None when the caller is to render (holding the lock, or
        after waiting for another renderer in vain)."""
        if self.conditional and self.request.META.get("HTTP_IF_NONE_MATCH"):
            conditional = get_conditional_response(self.request, etag=self.etag)
            if conditional is not None:
                return self._decorate(conditional)
        if not self.bodies:
            return None
        entry = self._get()
        if entry is not None:
            return self._from_entry(entry)
        lock_key = LOCK_PREFIX + self.key
        if self._add(lock_key):
            self.lock_key = lock_key
            return None
        deadline = time.monotonic() + settings.API_RESPONSE_CACHE_WAIT
        while time.monotonic() < deadline:
            time.sleep(WAIT_STEP_SECONDS)
            entry = self._get()
            if entry is not None:
                return self._from_entry(entry)
        return None

    def finish(self, response, *, store=None):
        """The response to send for what the view rendered; a 200 is stored first, unless
        `store(body)` says no."""
        try:
            if getattr(response, "_from_response_cache", False):
                return response
            if response.status_code != 200 or response.streaming:
                return response
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            if store is not None and not store(response.content):
                return response
            entry = {
                "body": bytes(response.content),
                "headers": {h: response[h] for h in KEPT_HEADERS if h in response},
            }
            content_type = entry["headers"].get("Content-Type", "")
            entry["compressible"] = len(entry["body"]) >= COMPRESS_MIN_BYTES and any(
                kind in content_type for kind in COMPRESSIBLE
            )
            entry["codings"] = {}
            keep = self.bodies and len(entry["body"]) <= settings.API_RESPONSE_CACHE_MAX_BYTES
            if keep:
                self._set(entry)
            answer = self._from_entry(entry, kept=keep)
            # The view's own headers (Allow, Vary...) stay.
            for header, value in response.items():
                if header == "Vary":
                    patch_vary_headers(answer, [v.strip() for v in value.split(",")])
                elif header not in answer and header != "Content-Length":
                    answer[header] = value
            return answer
        finally:
            self.release()

    def release(self):
        if self.lock_key is not None:
            try:
                cache.delete(self.lock_key)
            except Exception:  # expires on its own
                log.warning("could not release %s", self.lock_key, exc_info=True)
            self.lock_key = None

    # Building responses

    def _decorate(self, response):
        response["ETag"] = self.etag
        response["Last-Modified"] = http_date(self.last_modified)
        response["Cache-Control"] = f"public, max-age={settings.API_CACHE_MAX_AGE}"
        patch_vary_headers(response, ("Accept-Language", "Accept-Encoding"))
        response._from_response_cache = True
        return response

    def _from_entry(self, entry, *, kept=True):
        body = entry["body"]
        coding = None
        if entry.get("compressible"):
            accepted = _accepted_encodings(self.request)
            available = ("br", "gzip") if brotli is not None else ("gzip",)
            coding = next((c for c in available if c in accepted), None)
            if coding is not None:
                codings = entry.setdefault("codings", {})
                if coding not in codings:
                    # Compressed when first asked for, then kept with the answer.
                    codings[coding] = _compress(body, coding)
                    if kept:
                        self._set(entry)
                body = codings[coding]
        response = HttpResponse(body)
        for header, value in entry["headers"].items():
            response[header] = value
        if coding is not None:
            response["Content-Encoding"] = coding
        response["Content-Length"] = str(len(body))
        self._decorate(response)
        if not self.conditional:
            return response
        # If-Modified-Since (without If-None-Match) is answered once the answer is known to exist.
        conditional = get_conditional_response(
            self.request, etag=self.etag, last_modified=self.last_modified, response=response
        )
        if conditional is not response:
            return self._decorate(conditional)
        return response

    # The cache, never an error

    def _get(self):
        entry = _local.get(self.key)
        if entry is not None:
            return entry
        try:
            entry = cache.get(self.key)
        except Exception:
            log.warning("response cache unreachable", exc_info=True)
            return None
        if entry is not None:
            _local.put(self.key, entry)
        return entry

    def _set(self, entry):
        _local.put(self.key, entry)
        try:
            cache.set(self.key, entry, settings.API_RESPONSE_CACHE_SECONDS)
        except Exception:
            log.warning("response cache unreachable", exc_info=True)

    def _add(self, key):
        try:
            return cache.add(key, 1, settings.API_RESPONSE_CACHE_LOCK_SECONDS)
        except Exception:
            return True
