"""Cached summaries, invalidated on every write.

Every saved or deleted record bumps one data version number kept in the cache; cached
summaries are keyed by it, so a page never shows a total older than the last write. With
several app servers the cache must be shared (CACHE_URL=redis://…) for the version to be.
"""

import hashlib

from django.core.cache import cache
from django.utils.encoding import escape_uri_path
from django.utils.translation import get_language

DATA_VERSION_KEY = "pairings:data-version"
SUMMARY_TIMEOUT = 60 * 60


def data_version():
    """Return the current data version (1 when nothing was written since the cache started)."""
    return cache.get_or_set(DATA_VERSION_KEY, 1, timeout=None)


def bump_data_version():
    """Mark every cached summary stale: the next request computes it afresh."""
    try:
        cache.incr(DATA_VERSION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.set(DATA_VERSION_KEY, 2, timeout=None)


def cached_summary(name, compute, *parts):
    """Return compute() cached under (name, parts, data version). Parts may be any text (a
    query string): they are hashed into a short, safe key."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:32]
    key = f"pairings:summary:{data_version()}:{name}:{digest}"
    return cache.get_or_set(key, compute, timeout=SUMMARY_TIMEOUT)


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
