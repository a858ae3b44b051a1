"""Anonymous throttling with a rate read from settings at request time (tests lower it)."""

from django.conf import settings
from rest_framework import throttling


class AnonRateThrottle(throttling.AnonRateThrottle):
    """Per client address; `API_ANON_THROTTLE_RATE` ("120/min"), empty to switch off."""

    def __init__(self):
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)

    def get_rate(self):
        return getattr(settings, "API_ANON_THROTTLE_RATE", None) or None

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        return super().allow_request(request, view)
