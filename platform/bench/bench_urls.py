"""Routes of `make bench`: the project's own (cms.urls) plus two baselines.

- /bench/api/v2/pages/ : Wagtail's API v2 pages endpoint configured the way Wagtail's documentation
  shows (WagtailAPIRouter + PagesAPIViewSet, `api_fields` on the page models). The project's models
  declare no `api_fields` (the delivery API is api/), so the bench declares them here for the
  session fields the agenda shows.
- /bench/raw/<key> : the bytes stored under a cache key, as they are (the physical-limit proxy:
  one cache read and the middleware stack, no view logic).
"""

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotFound
from django.urls import path
from rest_framework import serializers
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from cms.conference.models import SessionPage, SessionSpeaker
from cms.urls import urlpatterns as cms_urlpatterns

RAW_PREFIX = "bench:raw:"

SessionSpeaker.api_fields = [
    APIField("role"),
    APIField("person_name", serializer=serializers.CharField(source="person.name")),
    APIField("person_job_title", serializer=serializers.CharField(source="person.job_title")),
]
SessionPage.api_fields = [
    APIField("abstract"),
    APIField("session_type"),
    APIField("start"),
    APIField("end"),
    APIField("language"),
    APIField("room_name", serializer=serializers.CharField(source="room.name", default=None)),
    APIField("track_name", serializer=serializers.CharField(source="track.name", default=None)),
    APIField("speakers"),
    APIField("topics"),
]

router = WagtailAPIRouter("wagtailapi")
router.register_endpoint("pages", PagesAPIViewSet)


def raw(request, key):
    """The cached bytes under RAW_PREFIX + key, or 404."""
    entry = cache.get(RAW_PREFIX + key)
    if entry is None:
        return HttpResponseNotFound()
    content_type, body = entry
    return HttpResponse(body, content_type=content_type)


urlpatterns = [
    path("bench/api/v2/", router.urls),
    path("bench/raw/<slug:key>", raw),
    *cms_urlpatterns,
]
