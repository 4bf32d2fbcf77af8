"""The maintenance switch, for a restore: while it is on every page, the admin and /healthz
answer the short 503 page, so nobody reads a database half restored or writes into it.

The switch lives in the cache, the one store every app server shares (CACHE_URL) that stays up
while the database is replaced: a row in the database is gone during a restore, and a file is
seen by one machine only. A cache local to one process (locmem) reaches no server, so the
command refuses it. Turning it off moves the data version: a restore writes behind Django's
back, and pages cached before it would otherwise be served for an hour."""

from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection

from .cache import bump_data_version
from .middleware import service_unavailable

MAINTENANCE_KEY = "pairings:maintenance"


class SwitchUnreachable(Exception):
    pass


def gather_planner_statistics():
    """Give PostgreSQL's planner the statistics of the data as it now is. pg_restore (and a
    flush and load) leaves it with none or stale ones until autovacuum comes round, and in
    the meantime it may join 45,000 regions to themselves row by row: a page that takes
    milliseconds took minutes after a restore."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def is_on():
    """Return True while the site is in maintenance."""
    return bool(cache.get(MAINTENANCE_KEY))


def switch(on):
    """Turn maintenance on or off for every app server sharing the cache; off moves the data
    version. Raise SwitchUnreachable when no server could see the switch."""
    if isinstance(caches["default"], LocMemCache | DummyCache):
        raise SwitchUnreachable(
            "the cache is this process's own (CACHE_URL=locmem://): no server would see the "
            "switch; set CACHE_URL to the servers' shared cache (redis://… or file://…)"
        )
    if on:
        cache.set(MAINTENANCE_KEY, True, timeout=None)
    else:
        gather_planner_statistics()
        cache.delete(MAINTENANCE_KEY)
        bump_data_version()
    if is_on() != on:
        raise SwitchUnreachable("the cache did not keep the switch: is it reachable?")


class MaintenanceMiddleware:
    """While maintenance is on, answer every request with the 503 page, before anything reads
    the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_on():
            return service_unavailable(request)
        return self.get_response(request)
