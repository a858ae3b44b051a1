"""Anonymous throttling with a rate read from settings at request time (tests lower it)."""

import logging
import math

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

    Requests are counted in fixed windows of the rate's duration; the limit applies to this
    window's count plus the last window's, weighted by how much of it a sliding window ending now
    still covers. Two integers per client and one round trip to Redis per request, whatever the
    rate (a list of every request's time, kept and rewritten on each request, grows with it).
    Refused requests count too: a client that keeps trying stays refused.
    """

    def __init__(self):
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        self.retry_after = None

    def get_rate(self):
        return getattr(settings, "API_ANON_THROTTLE_RATE", None) or None

    def get_ident(self, request):
        return client_ip(request)

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        now = self.timer()
        window = int(now // self.duration)
        into = now - window * self.duration
        try:
            current, previous = self._count(f"{key}:{window}", f"{key}:{window - 1}")
        except (RedisError, ConnectionError, TimeoutError):
            logger.warning("Throttle cache unreachable; request allowed", exc_info=True)
            return True
        if previous * (1 - into / self.duration) + current <= self.num_requests:
            return True
        self.retry_after = max(1, math.ceil(self.duration - into))
        return False

    def _count(self, current_key, previous_key):
        """Add one to this window's counter; (its count, the last window's count)."""
        expires = 2 * self.duration
        client = getattr(getattr(self.cache, "client", None), "get_client", None)
        if client is not None:  # django-redis: one pipelined round trip
            pipe = client(write=True).pipeline(transaction=False)
            pipe.incr(self.cache.make_key(current_key))
            pipe.expire(self.cache.make_key(current_key), expires)
            pipe.get(self.cache.make_key(previous_key))
            current, _expiry_set, previous = pipe.execute()
            return int(current), int(previous or 0)
        self.cache.add(current_key, 0, expires)
        return self.cache.incr(current_key), int(self.cache.get(previous_key) or 0)

    def wait(self):
        return self.retry_after
