"""Cached summaries, invalidated on every write.

Every write moves one data version kept in the cache once it is committed (the doorway for
writes, summaries.writes.kept_current, does it); cached summaries are keyed by it, so a page never
shows a total older than the last write. With several app servers the cache must be shared
(CACHE_URL=redis://…) for the version to be.

A version is a random token, never a count: a cache that lost the version (evicted, flushed,
restarted) starts a new one, which no page drawn before can be keyed by. While the cache is
away (the backend reads a miss, cooperation.cache_backends) pages are drawn uncached and a
write moves nothing, so the cache may come back holding pages older than the data: a process
that lost contact moves the version on its first contact after.
"""

import hashlib
import secrets

from django.core.cache import cache
from django.utils.encoding import escape_uri_path
from django.utils.translation import get_language

DATA_VERSION_KEY = "pairings:data-version"
SUMMARY_TIMEOUT = 60 * 60
# Whether this process failed to reach the cache since it last moved or read the version.
_contact_lost = False


def data_version():
    """Return the current data version, or None when the cache cannot be reached."""
    global _contact_lost
    version = cache.get(DATA_VERSION_KEY)
    if version is None:  # never set, evicted or flushed, or the cache is away
        cache.add(DATA_VERSION_KEY, secrets.token_hex(8), timeout=None)
        version = cache.get(DATA_VERSION_KEY)
    if version is None:
        _contact_lost = True
    elif _contact_lost:
        version = bump_data_version()
    return version


def bump_data_version():
    """Mark every cached summary stale: the next request computes it afresh. Return the new
    version (None when the cache cannot be reached: it is moved on the next contact)."""
    global _contact_lost
    version = secrets.token_hex(8)
    cache.set(DATA_VERSION_KEY, version, timeout=None)
    _contact_lost = cache.get(DATA_VERSION_KEY) is None
    return None if _contact_lost else version


def cached_summary(name, compute, *parts):
    """Return compute() cached under (name, parts, data version), or computed afresh when the
    cache cannot be reached. Parts may be any text (a query string): they are hashed into a
    short, safe key."""
    version = data_version()
    if version is None:
        return compute()
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:32]
    key = f"pairings:summary:{version}:{name}:{digest}"
    return cache.get_or_set(key, compute, timeout=SUMMARY_TIMEOUT)


def cache_answers():
    """Return whether the cache can be written and read back (for /healthz)."""
    token = secrets.token_hex(8)
    cache.set("pairings:healthz", token, timeout=60)
    return cache.get("pairings:healthz") == token


def cached_page(name, draw, request, query=""):
    """Return draw(), a drawn page, cached like a summary under the language, the path and
    `query`: what the view reads of the query string, in one canonical form ("" for a page
    that reads none). Drawing a page at national size takes longer than reading it back.

    Addresses read alike share one entry, so reordered or stray parameters neither flood the
    cache nor reach a page drawn for someone else: the page's own address, which its language
    switch links to, is the path and `query` too."""
    path = escape_uri_path(request.path)
    request.page_address = f"{path}?{query}" if query else path
    return cached_summary(name, draw, get_language(), request.path, query)
