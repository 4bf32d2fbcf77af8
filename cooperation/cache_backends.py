"""The cache backends CACHE_URL names."""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

log = logging.getLogger("cooperation.cache")


class TolerantRedisCache(RedisCache):
    """Django's Redis cache, for which a server that cannot be reached is an empty cache: a
    read is a miss, a write is skipped, and the error is logged. Django's own raises, which
    made every page a 500 while Redis was away.

    After an error the server is left alone for `retry_after` seconds: an outage costs a
    worker one failed connection (and one log line) then, not one per cache call, each of
    which may wait for the socket timeout."""

    retry_after = 5  # seconds

    def __init__(self, server, params):
        super().__init__(server, params)
        self._away_until = 0.0

    def _try(self, operation, *args, missed, **kwargs):
        if time.monotonic() < self._away_until:
            return missed
        try:
            return operation(*args, **kwargs)
        except RedisError as error:
            self._away_until = time.monotonic() + self.retry_after
            log.warning("cache unavailable", extra={"error": str(error)})
            return missed

    def get(self, key, default=None, version=None):
        return self._try(super().get, key, default, version=version, missed=default)

    def get_many(self, keys, version=None):
        return self._try(super().get_many, keys, version=version, missed={})

    def has_key(self, key, version=None):
        return self._try(super().has_key, key, version=version, missed=False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(super().add, key, value, timeout, version=version, missed=False)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(super().set, key, value, timeout, version=version, missed=None)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(super().set_many, data, timeout, version=version, missed=list(data))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(super().touch, key, timeout, version=version, missed=False)

    def incr(self, key, delta=1, version=None):
        value = self._try(super().incr, key, delta, version=version, missed=None)
        if value is None:  # a miss, as for a key that was never set
            raise ValueError(f"Key '{key}' not found.")
        return value

    def delete(self, key, version=None):
        return self._try(super().delete, key, version=version, missed=False)

    def delete_many(self, keys, version=None):
        return self._try(super().delete_many, keys, version=version, missed=None)

    def clear(self):
        return self._try(super().clear, missed=False)
