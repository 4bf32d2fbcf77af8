"""Reading the summary tables: the counts and totals the pages show, without grouping a million
events on each request."""

from django.db.models import Exists, OuterRef, Q, Sum

from pairings.metrics import WORKERS_TO_SHANGHAI, Unit
from pairings.models import Figure, LabourBrand, Pairing, TrainingProgramme

from .models import EventTally, FacetTally, FigureTally, FlowTally, RegionTally

# The facet value of an event with no Yunnan place or no Shanghai side (the events
# browser's "未说明").
NOT_STATED = "none"


def _summed():
    """Return the sums of the tally rows' totals and parts (SummedFigures), per group."""
    fields = ("total", "parts", "at_least_parts", "about_parts", "at_most_parts")
    return {field: Sum(field) for field in fields}


def event_counts(pairing=None):
    """Return (month, kind, date_precision, count) rows of every event, or of a pairing's: the
    month it starts in (None when undated; January for an event known only to the year)."""
    return (
        EventTally.objects.filter(pairing=pairing)
        .values("month", "kind", "date_precision")
        .annotate(count=Sum("events"))
        .order_by()
    )


def event_counts_by_pairing():
    """Return {pairing pk: events} for the pairings with any."""
    rows = (
        EventTally.objects.filter(pairing__isnull=False)
        .values("pairing")
        .annotate(events=Sum("events"))
        .order_by()
    )
    return {row["pairing"]: row["events"] for row in rows}


def figure_totals(pairing=None):
    """Return FigureQuerySet.totals() of every figure, or of a pairing's (its own and its
    events'), from the tallies."""
    return (
        FigureTally.objects.filter(pairing=pairing)
        .values("metric", "unit")
        .annotate(**_summed())
        .order_by("metric", "unit")
    )


def batch_workers_by_pairing():
    """Return {pairing pk: totals row} of the workers who came to Shanghai in a pairing's
    reported batches, for the pairings that reported any (a pairing with none is missing,
    never 0): total, unit and qualifier parts as figure_totals() gives them, and `shared_total`, the
    part in batches its events share with other pairings (None when there is none)."""
    rows = (
        FigureTally.objects.filter(
            pairing__isnull=False,
            of_event=True,
            metric=WORKERS_TO_SHANGHAI,
            unit=Unit.PERSON,
        )
        .values("pairing", "unit")
        .annotate(shared_total=Sum("total", filter=Q(shared=True)), **_summed())
        .order_by()
    )
    return {row["pairing"]: row for row in rows}


def worker_flows():
    """Return (shanghai codes, prefecture codes, totals row) of the workers who came to
    Shanghai in reported batches, each batch once: by its event's Shanghai sides and the
    prefectures of its Yunnan places, largest first."""
    rows = (
        FlowTally.objects.values("shanghai", "prefecture")
        .annotate(**_summed())
        .order_by("-total", "prefecture", "shanghai")
    )
    return [
        (row.pop("shanghai").split(), row.pop("prefecture").split(), {**row, "unit": Unit.PERSON})
        for row in rows
    ]


def batch_workers_by_month(pairing):
    """Return {month: workers who came to Shanghai in the pairing's reported batches} for
    events dated to the day or the month."""
    rows = (
        FigureTally.objects.filter(
            pairing=pairing,
            of_event=True,
            metric=WORKERS_TO_SHANGHAI,
            date_precision__in=("day", "month"),
        )
        .values("month")
        .annotate(workers=Sum("total"))
        .order_by()
    )
    return {row["month"]: row["workers"] for row in rows}


def facet_combinations(*, date_from=None, date_to=None, dated=None):
    """Return (kind, shanghai codes, prefecture codes, events) rows for the events overlapping
    whole months from date_from (a first day) to date_to (a last day), as
    PeriodQuerySet.between() matches them (a period known by one end is open at the other);
    dated "yes"/"no" keeps dated or undated events only.
    Facet counts follow from these rows (EventFilter.facet_counts)."""
    rows = FacetTally.objects.all()
    if date_from or date_to or dated == "yes":
        rows = rows.filter(dated=True)
    if dated == "no":
        rows = rows.filter(dated=False)
    if date_from:
        rows = rows.filter(Q(end_month__gte=date_from) | Q(end_month__isnull=True))
    if date_to:
        rows = rows.filter(Q(month__lte=date_to) | Q(open_start=True))
    grouped = rows.values_list("kind", "shanghai", "prefecture").annotate(Sum("events"))
    return [
        (kind, shanghai.split(), prefecture.split(), events)
        for kind, shanghai, prefecture, events in grouped.order_by()
    ]


def regions_named_in_reports(regions):
    """Return the regions of the queryset a pairing, event, figure, labour brand or training
    programme names, directly or through a place right under them (a prefecture named only by
    its county)."""

    named = [
        (Pairing.objects, "shanghai"),
        (Pairing.objects, "yunnan"),
        # The events' links, through their tally: the link tables hold millions of rows at
        # national size.
        (RegionTally.objects, "region"),
        (Figure.objects, "place"),
        (LabourBrand.objects, "region"),
        (TrainingProgramme.yunnan_regions.through.objects, "region"),
    ]
    # One EXISTS per field and step, each an index lookup: an OR inside one EXISTS makes
    # PostgreSQL scan the records once per region, minutes over all 45,000 of them.
    condition = Q()
    for records, field in named:
        condition |= Exists(records.filter(**{field: OuterRef("pk")}))
        condition |= Exists(records.filter(**{f"{field}__parent": OuterRef("pk")}))
    return regions.filter(condition)
