"""The keyword search's text: how an event's words are folded and cut into index tokens.

Chinese has no spaces between words, so a term is found by substring, not by word. A substring
scan of a million events is seconds, so each event's digest (EventDigest) also lists its Chinese
characters, every pair of neighbouring ones and every three neighbouring letters or digits. An
event that contains 楚雄州 contains the pairs 楚雄 and 雄州: an index of the tokens (a GIN index
on PostgreSQL, an FTS5 table on SQLite) finds the events that have both, and the substring test
then reads only those.
"""

import re

from django.db import connections
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from pairings.querysets import PeriodQuerySet
from pairings.script import simplified

TOKEN_INDEX = "pairings_eventdigest_tokens"  # see pairings migration 0005

# The CJK Unified Ideographs blocks (basic, extension A, compatibility).
_HAN_RUNS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# Latin letters and digits, folded: 2026, g60, wechat.
_LATIN_RUNS = re.compile(r"[0-9a-z]+")


def fold(text):
    """Return text as the search compares it: neither case nor script matters (閔行 is 闵行).
    The digests store folded text: a change here leaves them stale until
    `refresh_summaries` redraws them, and `refresh_summaries --check` says so."""
    return simplified(text).lower()


def index_tokens(text):
    """Return the tokens of a folded text, sorted and distinct: each Han character, each pair
    of neighbouring Han characters, and each three neighbouring letters or digits."""
    found = set()
    for run in _HAN_RUNS.findall(text):
        found.update(run)
        found.update(_pieces(run, 2))
    for run in _LATIN_RUNS.findall(text):
        found.update(_pieces(run, 3))
    return sorted(found)


def term_tokens(term):
    """Return tokens every text containing the folded term has: the pairs of each Han run in
    it (the character itself for a run of one) and the triples of each Latin run. Empty for a
    term of one or two letters or digits, which only the substring test can find."""
    found = set()
    for run in _HAN_RUNS.findall(term):
        found.update(_pieces(run, 2) if len(run) > 1 else [run])
    for run in _LATIN_RUNS.findall(term):
        found.update(_pieces(run, 3))
    return sorted(found)


def _pieces(run, size):
    return [run[i : i + size] for i in range(len(run) - size + 1)]


class EventDigestQuerySet(PeriodQuerySet):
    def containing(self, term):
        """Return the digests of events whose text contains the term, in any case. The index
        of the tokens (migration 0005) narrows the rows the substring test reads."""
        term = fold(term)
        tokens = term_tokens(term)
        # A term that is its own one token (嘉定, 楚, g60) is found by the index exactly: the
        # substring test, which reads every matching text, would add nothing.
        digests = self if tokens == [term] else self.filter(text__contains=term)
        vendor = connections[self.db].vendor
        if tokens and vendor == "postgresql":
            # The expression of the GIN index, so the planner uses it.
            indexed = RawSQL(
                "string_to_array(tokens, ' ') @> %s::text[]", (tokens,), BooleanField()
            )
            digests = digests.filter(indexed)
        elif tokens and vendor == "sqlite":
            # Quoted, each token is one phrase; side by side, all must be there. Tokens hold
            # only letters, digits and Han characters, never a quote.
            match = " ".join(f'"{token}"' for token in tokens)
            indexed = RawSQL(
                f"SELECT rowid FROM {TOKEN_INDEX} WHERE {TOKEN_INDEX} MATCH %s", (match,)
            )
            digests = digests.filter(pk__in=indexed)
        return digests
