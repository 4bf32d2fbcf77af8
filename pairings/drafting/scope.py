"""Which of a report's numbers are figures of this cooperation, each once: not a number inside
quotation marks that hold a name or words spoken in the first person, not one person's monthly
wage, not the workers of another province, nor a whole province's totals of every destination;
and a figure printed again (a headline repeated in the body, 在参训的236人中) is the one drafted
already."""

import re

from ..metrics import Unit

_OPEN, _CLOSE = "“「『", "”」』"
# A sum of money paid to one person by the month: a wage, not a figure the registry holds.
_MONTHLY = re.compile(r"月收入|月工资|月薪|每月|每个月|一个月|工资|到手|薪资|/月")
# Quoted words of no more characters are a name; speech in the first person is an anecdote.
_NAME_LENGTH = 8
_FIRST_PERSON = re.compile(r"我|咱")
# The subject of a province's or the country's totals, of every destination at once.
_WHOLE_PROVINCE = re.compile(r"全省|全国")
# A count under ten is printed again by chance (1期, 3次) more often than restated.
_RESTATED_FROM = 10
# A count of three digits printed twice is one figure when one mention names no metric
# (a headline's 迎来151名 and the body's 满载151名…来沪).
_SAME_WHATEVER_SAID = 100
# 在参训的236人中: the group the figures after it come from, counted before.
_AMONG_BEFORE, _AMONG_AFTER = re.compile(r"在[^，,。；;：:]*$"), re.compile(r"^中")


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
        return not (
            self.elsewhere
            or _quoted(sentence, phrase.start)
            or (
                _AMONG_BEFORE.search(words[: phrase.start - clause[0]])
                and _AMONG_AFTER.match(sentence[phrase.end :])
            )
            or (unit == Unit.YUAN and _MONTHLY.search(words))
            or _elsewhere(self.places_in(words))
        )


def _quoted(sentence, position):
    """Return whether the position is inside quotation marks that hold a name (“四项行动”) or
    words spoken in the first person (“我来上海已经三四年了”): a manager's report of what the
    company did, quoted in the third person, stays a figure."""
    opened = max(sentence.rfind(mark, 0, position) for mark in _OPEN)
    closed = max(sentence.rfind(mark, 0, position) for mark in _CLOSE)
    if closed > opened:
        return False
    closes = [at for at in (sentence.find(mark, position) for mark in _CLOSE) if at >= 0]
    opens = [at for at in (sentence.find(mark, position) for mark in _OPEN) if at >= 0]
    if opened < 0 and (not closes or min(opens, default=len(sentence)) < min(closes)):
        return False  # no quotation mark around it, in this sentence or from one before
    words = sentence[opened + 1 : min(closes, default=len(sentence))]
    named = opened >= 0 and closes and len(words) <= _NAME_LENGTH
    return bool(named or _FIRST_PERSON.search(words))


def _elsewhere(places):
    """Return whether the places are another province's alone: a partner named, Shanghai not."""
    sides = {place.side for place in places}
    return "partner" in sides and "shanghai" not in sides


def restated(figure, figures):
    """Return the index of the earlier figure this one restates (same value, qualifier and
    unit, and the same metric or none, or a count of three digits), else None; when only the
    later names its metric, it takes the earlier's place."""
    if figure["value"] < _RESTATED_FROM:
        return None
    key = _key(figure)
    for index, earlier in enumerate(figures):
        if _key(earlier) != key:
            continue
        if figure["metric"] in (None, earlier["metric"]):
            return index
        if figure["value"] >= _SAME_WHATEVER_SAID and earlier["metric"] is None:
            # the fuller mention names what it counts
            figures[index] = {**figure, "part_of": earlier["part_of"]}
            return index
    return None


def _key(figure):
    return (figure["value"], figure["value_high"], figure["qualifier"], figure["unit_code"])
