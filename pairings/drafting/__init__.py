"""Draft records from a report's text: every figure it prints (value, qualifier, unit, metric,
period, batch or cumulative, part of which whole, the Shanghai and Yunnan sides) and the events
its sentences tell of. Each drafted field says which words it came from; what the text does not
say stays empty. Nothing is saved: an editor reviews the drafts.

The rules are general: the number grammar (phrases.py), the metrics' cue words (Metric.cues,
kept in the admin), the Region table (places.py), the date reader (pairings.dates)."""

import re
from dataclasses import dataclass

from ..dates import iso_at_precision, read_period
from ..metrics import Unit
from ..models import Event, Metric
from ..script import simplified
from .phrases import Folded, number_phrases
from .places import Gazetteer
from .scope import Scope, restated

# Words that make a figure a total up to a date rather than one batch.
CUMULATIVE = ("累计", "截至", "截止", "以来", "全年", "期间", "至今", "总计", "共计", "先后")
# Words that make the figures after them parts of the figure before.
PART = ("其中", "包括", "含")
# An event's kind from the words of its sentence, the more specific first.
KINDS = (
    (("校园招聘",), Event.Kind.CAMPUS_RECRUITMENT),
    (("招聘会", "专场招聘", "招聘活动"), Event.Kind.JOB_FAIR),
    (("专列", "包车", "包机", "专机", "专车", "集中输送"), Event.Kind.WORKER_DISPATCH),
    (("座谈会", "对接会", "推进会", "联席会议", "工作会议"), Event.Kind.MEETING),
    (("签订", "签约", "签署"), Event.Kind.AGREEMENT_SIGNING),
    (("揭牌", "挂牌"), Event.Kind.STATION_OPENING),
    (("培训班", "开班"), Event.Kind.TRAINING),
    (("考察", "调研", "走访"), Event.Kind.DELEGATION_VISIT),
)
_SENTENCE = re.compile(r"[^。！？；!?;■]+[。！？；!?;]?")
_CLAUSE_MARK = "，,：:。！？；!?;"
_DATE = re.compile(
    r"(?:截至|截止到?|自|从)?(?:"
    r"(?:\d{4}年)?(?:\d{1,2}(?:[-—至到]\d{1,2})?月)?(?:\d{1,2}(?:[-—至到]\d{1,2})?[日号])?"
    r"(?:[至到-](?:\d{4}年)?(?:\d{1,2}月)?(?:\d{1,2}[日号])?)?"
    r"|今年|去年|前年|年初|年底|日前|近日|近期|目前|当天|次日|“十四五”期间|十四五期间"
    r"|正月初[一二三四五六七八九十]|除夕|春节|元宵节?"
    r")(?:以来|起|上半年|下半年|前三季度|底|初)?"
)
_EXCERPT_LIMIT = 500


@dataclass(frozen=True)
class MetricCues:
    code: str
    units: tuple
    cues: tuple


def registry():
    """Return the metrics with their units and cue words, as the Metric table holds them."""
    return [
        MetricCues(metric.code, tuple(metric.units), tuple(simplified(c) for c in metric.cues))
        for metric in Metric.objects.order_by("order", "pk")
    ]


def draft(text, published, title="", *, metrics=None, gazetteer=None):
    """Return {"events": [...], "figures": [...]} drafted from a report's text; `published` is
    the report's date (or (date, precision)), which dates without a year are read against."""
    metrics = registry() if metrics is None else metrics
    gazetteer = Gazetteer.from_database() if gazetteer is None else gazetteer
    if not isinstance(published, tuple):
        published = (published, "day")
    folded = Folded(text)
    title_sides = _sides(gazetteer.places_in(simplified(title)))
    events, figures = [], []
    offset = 0
    for paragraph in folded.text.split("\n"):
        event = None
        # a side a sentence leaves unnamed is the one its paragraph named last, else the title's
        named = dict(title_sides)
        scope = Scope(paragraph, gazetteer.places_in)
        for match in _SENTENCE.finditer(paragraph):
            start = offset + match.start()
            sentence = match[0]
            dates = _dates_in(sentence, start, published)
            sides = _sides(gazetteer.places_in(sentence))
            for side, names in sides.items():
                named[side] = names or named[side]
            sides = dict(named)
            kind, kind_word = _kind_of(sentence)
            if kind and not (event is not None and events[event]["kind"] == kind and not dates):
                event = len(events)
                events.append(_event(folded, sentence, start, kind, kind_word, dates, sides))
            elif not kind:
                event = None
            context = (sides, event, events[event]["period"] if event is not None else None)
            _figures_of(folded, sentence, start, metrics, dates, context, published, figures, scope)
        offset += len(paragraph) + 1
    return {"events": events, "figures": figures}


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


def _kind_of(sentence):
    for words, kind in KINDS:
        for word in words:
            if word in sentence:
                return str(kind), word
    return None, ""


def _sides(places):
    yunnan = [place.name for place in places if place.side == "yunnan"]
    if len(yunnan) > 1:
        yunnan = [name for name in yunnan if name != "云南省"]
    return {
        "shanghai": [place.name for place in places if place.side == "shanghai"],
        "yunnan": yunnan,
        "partners": [place.name for place in places if place.side == "partner"],
    }


def _event(folded, sentence, start, kind, kind_word, dates, sides):
    clause = _clause(sentence, sentence.index(kind_word), sentence.index(kind_word))
    return {
        "kind": kind,
        "title": folded.quote(start + clause[0], start + clause[1])[:200],
        "period": _period(dates[0] if dates else None),
        "excerpt": folded.quote(start, start + len(sentence))[:_EXCERPT_LIMIT],
        **sides,
        "why": {"kind": kind_word, "period": dates[0][3] if dates else ""},
    }


def _clause(sentence, left, right):
    """Return the bounds of the clause around sentence[left:right]."""
    begin = max(sentence.rfind(mark, 0, left) for mark in _CLAUSE_MARK) + 1
    ends = [sentence.find(mark, right) for mark in _CLAUSE_MARK]
    end = min([e for e in ends if e >= 0] or [len(sentence)])
    return begin, end


def _metric_of(metrics, before, after, units):
    """Return (metric, cue) nearest the number: a cue right after the counter (7名医生) or
    the nearest before it in its clause, among the metrics that take the counter's unit."""
    best = None
    for metric in metrics:
        if not set(units) & set(metric.units):
            continue
        for cue in metric.cues:
            at = after.find(cue)
            if at >= 0:
                rank = (at, -len(cue))
                best = min(best or (rank, metric, cue), (rank, metric, cue), key=lambda b: b[0])
            at = before.rfind(cue)
            if at >= 0:
                rank = (len(before) - at - len(cue), -len(cue))
                best = min(best or (rank, metric, cue), (rank, metric, cue), key=lambda b: b[0])
    return (best[1], best[2]) if best else (None, "")


def _figures_of(folded, sentence, start, metrics, dates, context, published, figures, scope):
    """Append the figures of the sentence that `scope` counts; `context` is its sides, its
    event and the event's period."""
    sides, event, event_period = context
    phrases = number_phrases(sentence)
    whole = None
    for number, phrase in enumerate(phrases):
        clause = _clause(sentence, phrase.start, phrase.end)
        following = phrases[number + 1].start if number + 1 < len(phrases) else len(sentence)
        after = sentence[phrase.end : min(clause[1], following, phrase.end + 8)]
        before = sentence[clause[0] : phrase.start]
        metric, cue = _metric_of(metrics, before, after, phrase.units)
        if metric is None and Unit.PERCENT in phrase.units:
            continue  # a rate of no metric is a rate of something else (房价涨幅, 住房占比)
        unit = next(
            (unit for unit in phrase.units if metric and unit in metric.units), phrase.units[0]
        )
        if not scope.counts(sentence, phrase, clause, unit):
            continue
        ahead = sentence[: phrase.start]
        cumulative = next((word for word in CUMULATIVE if word in ahead), "")
        part_word = next((word for word in PART if word in ahead[_after_whole(whole)[0] :]), "")
        part_of = None
        if part_word and whole is not None and figures[whole[1]]["unit_code"] == str(unit):
            part_of = whole[1]
        # the date nearest before the figure in its sentence: a paragraph's earlier date
        # dates its later figures wrongly more often than rightly (bench/extraction.py)
        nearest = [d for d in dates if d[1] - start <= phrase.start]
        period = nearest[-1] if nearest else None
        drafted_period = _period(period)
        if period is None and cumulative:  # a total is as of the report's date
            drafted_period = _as_of(published)
        elif period is None and event is not None:
            drafted_period = event_period
        figure = {
            "value": _number(phrase.value),
            "value_high": _number(phrase.value_high),
            "qualifier": str(phrase.qualifier),
            "unit": phrase.counter,
            "unit_code": str(unit),
            "metric": metric.code if metric else None,
            "cumulative": bool(cumulative),
            "part_of": part_of,
            "period": drafted_period,
            **sides,
            "excerpt": folded.quote(start + clause[0], start + clause[1])[:_EXCERPT_LIMIT],
            "event": None if cumulative else event,
            "why": {
                "value": folded.quote(start + phrase.start, start + phrase.end),
                "metric": cue,
                "cumulative": cumulative,
                "part_of": part_word if part_of is not None else "",
                "period": period[3] if period else (cumulative if drafted_period else ""),
            },
        }
        earlier = restated(figure, figures)
        if part_of is None:
            whole = (phrase.end, len(figures) if earlier is None else earlier)
        if earlier is None:
            figures.append(figure)


def _after_whole(whole):
    return (whole[0],) if whole else (0,)


def _number(value):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
