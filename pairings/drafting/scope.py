"""Which of a report's numbers are figures of this cooperation at all: not the workers of
another province, nor a whole province's totals of every destination."""

import re

# The subject of a province's or the country's totals, of every destination at once.
_WHOLE_PROVINCE = re.compile(r"全省|全国")


class Scope:
    """What of one paragraph is this cooperation's: none of it where the paragraph tells of
    another province's workers alone (a partner named, no place of Yunnan) or of a whole
    province's totals (全省) with no place of Shanghai."""

    def __init__(self, paragraph, places_in):
        self.places_in = places_in
        sides = {place.side for place in places_in(paragraph)}
        self.elsewhere = ("partner" in sides and "yunnan" not in sides) or (
            bool(_WHOLE_PROVINCE.search(paragraph)) and "shanghai" not in sides
        )

    def counts(self, sentence, phrase, clause, unit):
        """Return whether the number phrase of the sentence is a figure of this cooperation;
        `clause` is the bounds of its clause."""
        words = sentence[clause[0] : clause[1]]
        return not (self.elsewhere or _elsewhere(self.places_in(words)))


def _elsewhere(places):
    """Return whether the places are another province's alone: a partner named, Shanghai not."""
    sides = {place.side for place in places}
    return "partner" in sides and "shanghai" not in sides
