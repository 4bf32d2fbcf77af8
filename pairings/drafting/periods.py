"""When a report's figures happened: the date phrases of a sentence, read with the project's
one date reader (pairings.dates.read_period) against the report's publication date, and whether a
figure is one batch or a total up to a date."""

import re

from ..dates import iso_at_precision, read_period

# Words that make a figure a total up to a date rather than one batch.
CUMULATIVE = ("累计", "截至", "截止", "以来", "全年", "期间", "至今", "总计", "共计")
# A result a report sums up (完成转移就业494人, 实现消费帮扶金额…万元) is a total, dated only if
# the text dates it; a count right after 完成 is one task's (完成20名人员招聘).
_ACHIEVED = re.compile(r"(?:完成|实现)\D+$")
_CLAUSE_AHEAD = re.compile(r"[^，,：:；;。]*$")
# Of those, the words that name a span up to a date (截至目前, 自…以来): a section's later
# figures of no date of their own are totals over the same span.
SPANNING = ("截至", "截止", "以来", "至今", "目前")
# A lunar day (大年初四, 正月初二); after a solar day it only repeats it (2月13日大年初四).
_LUNAR_DAY = r"(?:农历)?(?:大年|正月)(?:初[一二三四五六七八九十]|十五)"
_DATE = re.compile(
    r"(?:截至|截止到?|自|从)?(?:"
    r"(?:\d{4}年|[今去前]年)?(?:\d{1,2}(?:[-—至到]\d{1,2})?月份?)?"
    r"(?:\d{1,2}(?:[-—至到]\d{1,2})?[日号](?:[、和]\d{1,2}[日号])*)?"
    r"(?:[至到-](?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}[日号])?)?"
    rf"(?:{_LUNAR_DAY})?"
    r"|今年|去年|前年|(?<!大)年初|年底|日前|近日|近期|目前|当天|次日|“十四五”期间|十四五期间"
    rf"|{_LUNAR_DAY}|除夕|春节|元宵节?"
    r")(?:以来|起|上半年|下半年|前三季度|底前|底|初|前(?![三夕]))?"
)


def _dates_in(sentence, start, published):
    found = []
    for match in _DATE.finditer(sentence):
        if not match[0] or match[0] in ("截至", "截止", "自", "从"):
            continue
        if sentence.rfind("《", 0, match.start()) > sentence.rfind("》", 0, match.start()):
            continue  # a year in a title (《2024年度劳务协作协议》) dates the title, not the text
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


class Dating:
    """The dates a report has given so far, read sentence by sentence: a date printed once in a
    section (its lead sentence, 截至目前 or 自…以来) dates the section's later figures that
    print none of their own, until the next heading."""

    def __init__(self, published):
        self.published = published
        self.section = None  # (period dict, cumulative word) the section gave last
        self._pending = None
        self._paragraphs = 0  # prose paragraphs of the section so far: the first is its lead
        self._lead_dated = False

    def paragraph(self, paragraph):
        """Start a paragraph; a heading starts a new section."""
        self._settle()
        if is_heading(paragraph):
            self.section, self._paragraphs = None, 0
        elif paragraph.strip():
            self._paragraphs += 1
            if self.section is not None and not self.section[1] and not self._lead_dated:
                self.section = None  # a day printed past the lead dates its own paragraph

    def sentence(self, sentence, start):
        """Return the dates of the sentence (as _dates_in); they date the section after it."""
        self._settle()
        dates = _dates_in(sentence, start, self.published)
        self._pending = (sentence, dates)
        return dates

    def event(self, dates):
        """Return (period, why) of an event told in a sentence of these dates: its first date,
        else its own section's."""
        # a span up to a day (截至…, 年底前) is no day an event was held
        held = [d for d in dates if d[2].start is not None]
        if held:
            return _period(held[0]), held[0][3]
        if self.section is not None and not self.section[1]:
            return self.section[0], self.section[0]["as_printed"]
        return None, ""

    def figure(self, dates, at, ahead, event_period):
        """Return (period, cumulative word, why) of a figure at offset `at` of the text, after
        the words `ahead` of it in its sentence."""
        cumulative = next((word for word in CUMULATIVE if word in ahead), "")
        achieved = _ACHIEVED.search(_CLAUSE_AHEAD.search(ahead)[0])
        nearest = [d for d in dates if d[1] <= at]
        if nearest:
            words = nearest[-1][3]
            # 截至8月底, 目前: a total up to that day (日前 only says when)
            as_of = next((word for word in SPANNING if word in words), "")
            cumulative = cumulative or as_of or (achieved[0][:2] if achieved else "")
            return _period(nearest[-1]), cumulative, words
        if cumulative:  # a total is as of the report's date
            return _as_of(self.published), cumulative, cumulative
        if achieved:
            return None, achieved[0][:2], ""
        if event_period is not None:
            return event_period, "", ""
        if self.section is not None:
            period, word = self.section
            return period, word, (period or {}).get("as_printed") or word
        return None, "", ""

    def _settle(self):
        if self._pending is None:
            return
        sentence, dates = self._pending
        self._pending = None
        if not sentence.rstrip().endswith(_SENTENCE_END):
            return  # a heading, a dateline or a byline dates no prose after it
        spanning = next((word for word in SPANNING if word in sentence), "")
        if spanning:
            as_of = [d for d in dates if d[2].start is None]
            self.section = (_period(as_of[0]) if as_of else _as_of(self.published), spanning)
            return
        dated = [d for d in dates if d[2].start is not None and d[2].precision != "year"]
        if dated:
            self.section = (_period(dated[0]), "")
            self._lead_dated = self._paragraphs <= 1


def as_part(period, cumulative, whole):
    """Return (period, cumulative word) of a part (其中…) of the figure `whole`: a part of a
    total is a total, over the whole's period where it prints none of its own."""
    if not whole["cumulative"]:
        return period, cumulative
    return period or whole["period"], cumulative or whole["why"]["cumulative"] or "其中"


def dated_by_restatement(earlier, figure):
    """A figure printed undated first (a headline) takes the period its restatement prints."""
    if earlier["period"] is None and figure["period"] is not None:
        earlier["period"] = figure["period"]
        earlier["why"] = {**earlier["why"], "period": figure["why"]["period"]}


_HEADING_LIMIT = 30
_SENTENCE_END = tuple("。！？!?；;")


def is_heading(paragraph):
    text = paragraph.strip()
    return 0 < len(text) <= _HEADING_LIMIT and not re.search(r"[。！？!?；;]", text)
