"""When a report's figures happened: the date phrases of a sentence, read with the project's
one date reader (pairings.dates.read_period) against the report's publication date, and whether a
figure is one batch or a total up to a date."""

import re

from ..dates import iso_at_precision, read_period

# Words that make a figure a total up to a date rather than one batch.
CUMULATIVE = ("累计", "截至", "截止", "以来", "全年", "期间", "至今", "总计", "共计", "先后")
_DATE = re.compile(
    r"(?:截至|截止到?|自|从)?(?:"
    r"(?:\d{4}年)?(?:\d{1,2}(?:[-—至到]\d{1,2})?月)?(?:\d{1,2}(?:[-—至到]\d{1,2})?[日号])?"
    r"(?:[至到-](?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}[日号])?)?"
    r"|今年|去年|前年|年初|年底|日前|近日|近期|目前|当天|次日|“十四五”期间|十四五期间"
    r"|正月初[一二三四五六七八九十]|除夕|春节|元宵节?"
    r")(?:以来|起|上半年|下半年|前三季度|底|初)?"
)


def _dates_in(sentence, start, published):
    found = []
    for match in _DATE.finditer(sentence):
        if not match[0] or match[0] in ("截至", "截止", "自", "从"):
            continue
        try:
            period = read_period(match[0], published)
        except ValueError:
            continue
        found.append((start + match.start(), start + match.end(), period, match[0]))
    return found


def _period(found):
    if not found:
        return None
    _start, _end, period, words = found
    return {
        "start": iso_at_precision(period.start, period.precision),
        "end": iso_at_precision(period.end, period.precision),
        "precision": str(period.precision),
        "as_printed": words,
    }


def _as_of(published):
    day, precision = published
    return {
        "start": None,
        "end": iso_at_precision(day, precision),
        "precision": str(precision),
        "as_printed": "",
    }
