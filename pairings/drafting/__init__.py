"""Draft records from a report's text: every figure it prints (value, qualifier, unit, metric,
period, batch or cumulative, part of which whole, the Shanghai and Yunnan sides) and the events
its sentences tell of. Each drafted field says which words it came from; what the text does not
say stays empty. Nothing is saved: an editor reviews the drafts.

The rules are general: the number grammar (phrases.py), the metrics' cue words (Metric.cues,
kept in the admin), the Region table (places.py), the date reader (pairings.dates)."""

import re
from dataclasses import dataclass

from ..metrics import Unit
from ..models import Event, Metric
from ..script import simplified
from .metrics import metric_of, metric_of_paragraph, metric_of_whole
from .periods import SPANNING, Dating, as_part, dated_by_restatement, is_heading
from .phrases import Folded, number_phrases
from .places import Gazetteer
from .scope import Scope, restated
from .sides import beside_prefecture, in_event, named_in, opening

# Words that make the figures after them parts of the figure before.
PART = ("其中", "包括", "含")
# An event's kind from the words of its sentence, the more specific first.
KINDS = (
    (("校园招聘",), Event.Kind.CAMPUS_RECRUITMENT),
    (("招聘会", "专场招聘", "招聘活动"), Event.Kind.JOB_FAIR),
    (("专列", "包列", "包车", "包机", "专机", "专车", "集中输送"), Event.Kind.WORKER_DISPATCH),
    (
        ("座谈会", "对接会", "推进会", "交流会", "总结会", "联席会议", "工作会议"),
        Event.Kind.MEETING,
    ),
    (("签订", "签约", "签署"), Event.Kind.AGREEMENT_SIGNING),
    (("揭牌", "挂牌"), Event.Kind.STATION_OPENING),
    (("培训班", "开班"), Event.Kind.TRAINING),
    (("考察", "调研", "走访"), Event.Kind.DELEGATION_VISIT),
)
_SENTENCE = re.compile(r"[^。！？；!?;■]+[。！？；!?;]?")
# A sentence that starts a point of its own: 一是, 第二, （三）.
_POINT = re.compile(
    r"\s*(?:[{0}]+是|第[{0}]+[，,、]|[（(][{0}]+[）)])".format("一二三四五六七八九十")
)
# A paragraph that opens with a date tells of something new (1月20日至24日，…).
_DATED_START = re.compile(r"\s*(?:\d{4}年)?\d{1,2}月\d{1,2}[日号]")
_CLAUSE_MARK = "，,：:。！？；!?;"
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
    title_sides = opening(gazetteer, simplified(title), folded.text)
    events, figures = [], []
    dating = Dating(published)
    offset = 0
    event = None
    for paragraph in folded.text.split("\n"):
        dating.paragraph(paragraph)
        if not _goes_on(paragraph, event):
            event = None
        previous = ""
        # a side a sentence leaves unnamed is the one its paragraph named last, else the title's
        named = dict(title_sides)
        scope = Scope(paragraph, gazetteer.places_in)
        for match in _SENTENCE.finditer(paragraph):
            start = offset + match.start()
            sentence = match[0]
            dates = dating.sentence(sentence, start)
            own = sides = named_in(gazetteer, sentence)
            for side, names in sides.items():
                named[side] = names or named[side]
            sides = dict(named)
            kind, kind_word = _kind_of(sentence)
            if not kind and not _continues(previous, sentence):
                event = None
            previous = sentence
            if kind and not (event is not None and events[event]["kind"] == kind and not dates):
                dated = dating.event(dates)
                if dated[0] is None and event is not None:  # 会上，两地签订…: during the event
                    dated = (events[event]["period"], events[event]["why"]["period"])
                event = len(events)
                events.append(_event(folded, sentence, start, kind, kind_word, dated, sides))
            if event is not None:
                sides = in_event(gazetteer, sides, own, events[event])
            else:
                sides = beside_prefecture(gazetteer, sides, sentence)
            context = (sides, event, events[event]["period"] if event is not None else None)
            _figures_of(folded, sentence, start, metrics, dates, context, dating, figures, scope)
        offset += len(paragraph) + 1
    return {"events": events, "figures": figures}


def _goes_on(paragraph, event):
    """Return whether a paragraph may go on telling of the event of the paragraph before: a
    section's next paragraph does, unless it is a heading or starts a new point, a new date or a
    span up to a date (自…以来, 截至…)."""
    text = paragraph.strip()
    return event is not None and (
        not text
        or not is_heading(text)
        and not _POINT.match(text)
        and not _DATED_START.match(text)
        and not any(word in re.split("[，,。]", text)[0] for word in SPANNING)
    )


def _continues(previous, sentence):
    """Return whether a sentence without a kind word goes on telling of the event before it: it
    does in running prose, not after an item of a list (；) nor where a new point starts (三是)."""
    return not previous.endswith(("；", ";")) and not _POINT.match(sentence)


def _kind_of(sentence):
    for words, kind in KINDS:
        for word in words:
            if word in sentence:
                return str(kind), word
    return None, ""


def _event(folded, sentence, start, kind, kind_word, dated, sides):
    clause = _clause(sentence, sentence.index(kind_word), sentence.index(kind_word))
    return {
        "kind": kind,
        "title": folded.quote(start + clause[0], start + clause[1])[:200],
        "period": dated[0],
        "excerpt": folded.quote(start, start + len(sentence))[:_EXCERPT_LIMIT],
        **sides,
        "why": {"kind": kind_word, "period": dated[1]},
    }


def _clause(sentence, left, right):
    """Return the bounds of the clause around sentence[left:right]."""
    begin = max(sentence.rfind(mark, 0, left) for mark in _CLAUSE_MARK) + 1
    ends = [sentence.find(mark, right) for mark in _CLAUSE_MARK]
    end = min([e for e in ends if e >= 0] or [len(sentence)])
    return begin, end


def _figures_of(folded, sentence, start, metrics, dates, context, dating, figures, scope):
    """Append the figures of the sentence that `scope` counts; `context` is its sides, its
    event and the event's period."""
    sides, event, event_period = context
    phrases = number_phrases(sentence)
    whole = None
    for number, phrase in enumerate(phrases):
        clause = _clause(sentence, phrase.start, phrase.end)
        following = phrases[number + 1].start if number + 1 < len(phrases) else len(sentence)
        within = (clause[0], min(clause[1], following))
        metric, cue = metric_of(metrics, sentence, phrase, within, sides["shanghai"])
        if metric is None and Unit.PERCENT in phrase.units:
            continue  # a rate of no metric is a rate of something else (房价涨幅, 住房占比)
        unit = next(
            (unit for unit in phrase.units if metric and unit in metric.units), phrase.units[0]
        )
        if not scope.counts(sentence, phrase, clause, unit):
            continue
        ahead = sentence[: phrase.start]
        drafted_period, cumulative, why_period = dating.figure(
            dates, start + phrase.start, ahead, event_period
        )
        part_word = next((word for word in PART if word in ahead[_after_whole(whole)[0] :]), "")
        part_of = None
        if part_word and whole is not None and figures[whole[1]]["unit_code"] == str(unit):
            part_of = whole[1]
            if metric is None:
                metric, cue = metric_of_whole(metrics, figures[part_of]["metric"], part_word)
            drafted_period, cumulative = as_part(drafted_period, cumulative, figures[part_of])
        if metric is None:
            at = start + phrase.start
            metric, cue = metric_of_paragraph(metrics, phrase, folded.text, at, sides["shanghai"])
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
                "period": why_period,
            },
        }
        earlier = restated(figure, figures)
        if earlier is not None:
            dated_by_restatement(figures[earlier], figure)
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
