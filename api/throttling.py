"""Anonymous throttling with a rate read from settings at request time (tests lower it)."""

import logging

from django.conf import settings
from redis.exceptions import RedisError
from rest_framework import throttling

from cms.core.security import client_ip

logger = logging.getLogger(__name__)


class AnonRateThrottle(throttling.AnonRateThrottle):
    """Per client address; `API_ANON_THROTTLE_RATE` ("120/min"), empty to switch off.

    The address is the connection's, or the one the trusted proxies (`API_TRUSTED_PROXIES`)
    report, so a client cannot pick a fresh identity per request with X-Forwarded-For. When the
    cache holding the counters is unreachable the request is allowed (fail open).
    """

    def __init__(self):
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)

    def get_rate(self):
        return getattr(settings, "API_ANON_THROTTLE_RATE", None) or None

    def get_ident(self, request):
        return client_ip(request)

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        try:
            return super().allow_request(request, view)
        except (RedisError, ConnectionError, TimeoutError):
            logger.warning("Throttle cache unreachable; request allowed", exc_info=True)
            return True
