"""Events that may already be recorded: another report of the same batch, found while it is
entered, and the step that attaches that report to the recorded event instead of a new one.

An unsaved event may be one already recorded (`likely_same`) when all of these hold:
- the same kind;
- their periods overlap, as far as the reports tell (EventQuerySet.between(): a period known
  only by its start or its end is open on the other side); the stored period is already read
  against its report's publication date, so "2月23日" in a 2026 report is 2026-02-23 and
  matches 2026-02-23, never the same day of 2027. An undated event matches nothing;
- the Shanghai sides are equal or one contains the other (上海市 contains 闵行区); a side left
  empty (the report names none) does not exclude;
- the Yunnan places are equal, overlap or contain one another (文山州 and four of its counties
  match); a side left empty does not exclude;
- for a worker dispatch, the means of transport do not differ where both are known: each is
  read from the title and summary (TRANSPORT: train 专列/包列/列车/火车/高铁/动车, flight
  包机/专机/航班/飞机, bus 大巴/客车/汽车/专车/包车); one naming two means ("包机和包车")
  matches either, one naming none matches any;
- where both carry a figure of the same metric, unit and kind of count, the numbers are
  similar: the smaller is at least 80 % of the larger (61 and 59 are; 50 and 300 are not), a
  range (100至200) taken as every number in it.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from .formatting import format_quantity
from .models import Event, EventCitation, Figure, Region

TRANSPORT = {
    "train": ("专列", "包列", "列车", "火车", "高铁", "动车"),
    "flight": ("包机", "专机", "航班", "飞机"),
    "bus": ("大巴", "客车", "汽车", "专车", "包车"),
}
TRANSPORT_LABELS = {"train": "专列", "flight": "包机", "bus": "包车"}
# The smaller of two reports' numbers of one quantity is at least this share of the larger.
SIMILAR = Decimal("0.8")


@dataclass(frozen=True)
class Quantity:
    """A figure as the matcher compares it."""

    metric: str
    unit: str
    value: Decimal
    value_high: Decimal | None = None
    is_cumulative: bool = False

    @classmethod
    def of(cls, figure):
        return cls(
            figure.metric_id, figure.unit, figure.value, figure.value_high, figure.is_cumulative
        )

    @property
    def key(self):
        return (self.metric, self.unit, self.is_cumulative)


@dataclass
class LikelySame:
    """A recorded event the one being entered may be, and why."""

    event: Event
    reasons: list = field(default_factory=list)


def likely_same(
    *,
    kind,
    period,
    shanghai=(),
    yunnan=(),
    quantities=(),
    text="",
    exclude=None,
):
    """Return the recorded events an unsaved event may be (LikelySame, oldest first): of
    `kind`, in `period` (start, end, precision), between the `shanghai` and `yunnan` regions,
    with `quantities` (Quantity) and `text` (title and summary); `exclude` is its own pk when
    it is stored. The rules are the module's. A few queries, however many candidates."""
    start, end, precision = period
    if not (kind and precision):
        return []
    found = (
        Event.objects.filter(kind=kind)
        .between(start, end)
        .filter(_sides_related(Event.shanghai_regions.through, shanghai))
        .filter(_sides_related(Event.yunnan_regions.through, yunnan))
        .exclude(pk=exclude)
        .prefetch_related(
            "shanghai_regions",
            "yunnan_regions",
            Prefetch("citations", EventCitation.objects.select_related("report").order_by("pk")),
            Prefetch("figures", Figure.objects.select_related("report").order_by("pk")),
        )
        .order_by("date_start", "pk")
    )
    modes = transport_of(text) if kind == Event.Kind.WORKER_DISPATCH else set()
    candidates = []
    for event in found:
        reasons = [_("同类活动，日期重叠")]
        if shanghai and event.shanghai_regions.all():
            reasons.append(_("上海参与方相同或相含"))
        if yunnan and event.yunnan_regions.all():
            reasons.append(_("云南地点相同或相含"))
        if modes:
            theirs = transport_of(f"{event.title} {event.summary}")
            if theirs and not modes & theirs:
                continue
            if theirs:
                shared = "、".join(TRANSPORT_LABELS[mode] for mode in sorted(modes & theirs))
                reasons.append(_("交通方式相同：%(transport)s") % {"transport": shared})
        compared = _compare(quantities, [Quantity.of(f) for f in event.figures.all()])
        if compared is None:
            continue
        reasons += compared
        candidates.append(LikelySame(event, reasons))
    return candidates


def not_the_same_note(checked):
    """Return the decision "not the same event" after checking the `checked` events, as the
    new event's history records it; "" when none was checked."""
    numbers = "、".join(f"#{event.pk}" for event in checked)
    if not numbers:
        return ""
    return _("不是同一活动（已核对：活动 %(events)s）") % {"events": numbers}


def transport_of(text):
    """Return the means of transport ("train", "flight", "bus") the text names."""
    return {mode for mode, words in TRANSPORT.items() if any(word in text for word in words)}


def similar(a, b):
    """Return whether two quantities may be two reports' numbers of one (SIMILAR)."""
    low = max(a.value, b.value)
    high = min(a.value_high or a.value, b.value_high or b.value)
    return low * SIMILAR <= high


def _compare(quantities, theirs):
    """Return the reasons the figures agree, or None when a quantity both give differs."""
    reasons = []
    for key in {q.key for q in quantities} & {q.key for q in theirs}:
        mine = [q for q in quantities if q.key == key]
        pairs = [(a, b) for a in mine for b in theirs if b.key == key and similar(a, b)]
        if not pairs:
            return None
        a, b = pairs[0]
        reasons.append(
            _("数字相近：%(new)s 与 %(old)s") % {"new": _quantity(a), "old": _quantity(b)}
        )
    return reasons


def _quantity(q):
    return format_quantity(q.value, "exact", q.unit, high=q.value_high)


def _sides_related(through, regions):
    """Return the condition that an event's regions of one side (its `through` links) are,
    contain or lie in one of `regions`; an event without any, or no `regions`, passes."""
    if not regions:
        return Q()
    regions = Region.objects.filter(pk__in=[r.pk for r in regions]).select_related(
        "parent__parent__parent"
    )
    above = {place.pk for region in regions for place in region.lineage()}
    under = Region.objects.filter(
        Q(parent__in=regions)
        | Q(parent__parent__in=regions)
        | Q(parent__parent__parent__in=regions)
    )
    related = through.objects.filter(Q(region__in=above) | Q(region__in=under.values("pk")))
    return Q(pk__in=related.values("event_id")) | ~Q(pk__in=through.objects.values("event_id"))


def attach_report(event, citations, figures, write, reason):
    """Attach another report of `event` to it instead of recording a new event: each citation
    (an unsaved EventCitation) of a report the event does not cite yet, and each figure (an
    unsaved Figure, wholes before their parts) — as another report's account of the quantity
    the event already counts (FigureQuerySet.counted_quantity_of), or else as a new figure of
    the event; a figure the event already holds from the same report
    (FigureQuerySet.copy_of) is not added twice. `write` is the kept_current() write it
    runs in, which every entry path opens; `reason` goes to each new record's history. Return
    the citations and figures saved."""
    write.touches(Event, [event.pk])
    cited = set(event.citations.values_list("report_id", flat=True))
    added_citations = []
    for citation in citations:
        if citation.report_id in cited:
            continue
        citation.event = event
        citation._change_reason = reason
        citation.save()
        cited.add(citation.report_id)
        added_citations.append(citation)
    added_figures = []
    for figure in figures:
        if event.figures.copy_of(figure) is not None:
            continue
        figure.event = event
        counted = event.figures.counted_quantity_of(figure)
        if counted is not None and not figure.errors_as_account_of(counted):
            figure.account_of = counted
        figure._change_reason = reason
        figure.save()
        added_figures.append(figure)
    write.wrote(Event, [event.pk])
    write.wrote(Figure, [figure.pk for figure in added_figures])
    return added_citations, added_figures
