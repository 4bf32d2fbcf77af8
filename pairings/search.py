"""The keyword search's text: how an event's words are folded and cut into index tokens.

Chinese has no spaces between words, so a term is found by substring, not by word. A substring
scan of a million events is seconds, so each event's digest (EventDigest) also lists its Chinese
characters, every pair of neighbouring ones and every three neighbouring letters or digits. An
event that contains 楚雄州 contains the pairs 楚雄 and 雄州: an index of the tokens (a GIN index
on PostgreSQL, an FTS5 table on SQLite) finds the events that have both, and the substring test
then reads only those.
"""

import re

# The CJK Unified Ideographs blocks (basic, extension A, compatibility).
_HAN_RUNS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# Latin letters and digits, folded: 2026, g60, wechat.
_LATIN_RUNS = re.compile(r"[0-9a-z]+")


def fold(text):
    """Return text as the search compares it: case does not matter."""
    return text.lower()


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
