"""Recomputing the summary tables (summaries.models) from the data: what a write touches
(touched_by), the grouped queries each tally holds, and refresh() of some months and events.
Called by summaries.writes.kept_current(), never by a writer directly."""

import datetime
from itertools import batched

from django.db import connection, transaction
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Sum, Value, When
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.translation import override

from pairings.metrics import WORKERS_TO_SHANGHAI, Unit
from pairings.models import (
    Event,
    EventCitation,
    Figure,
    Metric,
    Region,
    Report,
    TrainingProgramme,
)
from pairings.querysets import placed_date, qualifier_parts
from pairings.rows import (
    EVENT_FIELDS,
    EventDrawer,
    EventRelated,
    event_lines_fingerprint,
    stored_lines,
)

from .keywords import fold, index_tokens
from .models import (
    EventDigest,
    EventRow,
    EventTally,
    FacetTally,
    FigureTally,
    FlowTally,
    RegionTally,
    SummaryLock,
)

_ShanghaiSide = Event.shanghai_regions.through
_YunnanPlace = Event.yunnan_regions.through
_PartnerRegion = Event.partner_regions.through
_EventPairing = Event.pairings.through


def _next_month(month):
    return datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _in_months(field, months):
    """Return a condition true where the date `field` falls in one of the months (a month None:
    the date is empty; months None: any date). Ranges, not TruncMonth, so the date's index
    serves."""
    if months is None:
        return Q()
    condition = Q(pk__in=[])
    for month in months:
        if month is None:
            condition |= Q(**{f"{field}__isnull": True})
        else:
            condition |= Q(**{f"{field}__gte": month, f"{field}__lt": _next_month(month)})
    return condition


def _placed_in(months, prefix=""):
    """Return a condition true where placed_date(prefix) falls in one of the months (a month
    None: undated), written on the two dates so their indexes serve."""
    if months is None:
        return Q()
    start, end = f"{prefix}date_start", f"{prefix}date_end"
    known_months = [month for month in months if month is not None]
    condition = _in_months(start, known_months)
    condition |= Q(**{f"{start}__isnull": True}) & _in_months(end, months)
    return condition


def _month_set(values):
    return {value.replace(day=1) if value else None for value in values}


def months_of_events(event_ids):
    """Return the months the events are tallied under as stored now: the months they start in
    (None: no start date), and those of other records' figures that are parts (其中) of
    theirs, whose countability follows their whole's metric."""
    event_ids = list(event_ids)
    parts = Figure.objects.filter(subset_of__event__in=event_ids).exclude(event__in=event_ids)
    return _placed_months(Q(pk__in=event_ids)) | _months_of(parts)


def months_of_figures(figure_ids):
    """Return the months the figures, and any parts (其中) of them, are tallied under as
    stored now: their event's month, or their own."""
    figure_ids = list(figure_ids)
    return _months_of(Figure.objects.filter(Q(pk__in=figure_ids) | Q(subset_of__in=figure_ids)))


def months_of_regions(codes):
    """Return the months of the events that name the regions, or a place under them: their
    digests hold the names, FacetTally a county's or a town's prefecture."""
    months = set()
    # A chunk at a time: the regions fixture names 45,000 codes, past SQLite's 32,766 variables.
    for chunk in batched(codes, REGION_CHUNK):
        under = Q(region__in=chunk) | Q(region__parent__in=chunk)
        under |= Q(region__parent__parent__in=chunk)
        events = Q(pk__in=[])
        for links in (_ShanghaiSide, _YunnanPlace, _PartnerRegion):
            events |= Q(pk__in=links.objects.filter(under).values("event_id"))
        months |= _placed_months(events)
    return months


REGION_CHUNK = 5000


def months_of_reports(report_ids):
    """Return the months of the events the reports are cited for: their CSV rows (EventRow)
    name each source by its title and file name."""
    cited = EventCitation.objects.filter(report__in=report_ids).values("event_id")
    return _placed_months(Q(pk__in=cited))


def _placed_months(events):
    """Return the months the events meeting the condition are placed in (None: undated)."""
    placed = Event.objects.filter(events).values_list(placed_date(), flat=True).distinct()
    return _month_set(placed)


def touched_by(model, pks):
    """Return (months, events) for records of `model` as stored now: the months whose tallies
    they are part of, and the ids of the events whose digest and CSV row they are part of
    (None: every event of those months). A write refreshes those of before and after it."""
    pks = list(pks)
    if model is Event:
        return months_of_events(pks), set(pks)
    if model is EventCitation:
        events = set(model.objects.filter(pk__in=pks).values_list("event_id", flat=True))
        return months_of_events(events), events
    if model is Figure:
        of_events = model.objects.filter(pk__in=pks, event__isnull=False)
        return months_of_figures(pks), set(of_events.values_list("event_id", flat=True))
    if model is TrainingProgramme:
        figures = Figure.objects.filter(programme__in=pks).values_list("pk", flat=True)
        return months_of_figures(figures), set()  # a programme is in no digest or row
    if model is Metric:
        # Its name is in its events' lines; whether it may be summed, in the tallies.
        figures = Figure.objects.filter(metric__pk__in=pks)
        events = set(figures.filter(event__isnull=False).values_list("event_id", flat=True))
        return months_of_figures(figures.values_list("pk", flat=True)), events
    if model is Region:
        return months_of_regions(pks), None
    if model is Report:
        return months_of_reports(pks), None
    return set(), set()  # pairings and labour brands: no tally, digest or row holds them


def joined(*touched):
    """Return the (months, events) that cover every one of the (months, events) given."""
    months = set().union(*(months for months, _events in touched))
    if any(events is None for _months, events in touched):
        return months, None
    return months, set().union(*(events for _months, events in touched))


def _months_of(figures):
    # An event's figure has no date of its own: the event's comes first.
    placed = Coalesce(placed_date("event__"), placed_date())
    return _month_set(figures.values_list(placed, flat=True))


# --- What the tallies hold, as grouped queries ------------------------------------------------
# Each selects t_<field> for the tally fields it fills; rows in `months` only (None: every month).


def _event_groups(months):
    events = Event.objects.filter(_placed_in(months))
    links = _EventPairing.objects.filter(_placed_in(months, "event__"))
    every_event = events.order_by().values(
        t_month=TruncMonth(placed_date()), t_kind=F("kind"), t_date_precision=F("date_precision")
    )
    by_pairing = links.order_by().values(
        t_month=TruncMonth(placed_date("event__")),
        t_pairing=F("pairing"),
        t_kind=F("event__kind"),
        t_date_precision=F("event__date_precision"),
    )
    return [
        every_event.annotate(t_events=Count("*")),
        by_pairing.annotate(t_events=Count("*")),
    ]


def digest_chunks(events):
    """Yield (EventDigest rows, EventRow rows), unsaved, for the events of the queryset, a
    chunk of events at a time: a full refresh builds a million of each."""
    drawers = {}  # an EventRow field: the drawer of the field's language
    for language, field in EventRow.LANGUAGE_FIELDS.items():
        with override(language):
            drawers[field] = (language, EventDrawer())
    layout = event_lines_fingerprint()
    events = events.order_by("pk").values_list(*EVENT_FIELDS)
    for chunk in batched(events.iterator(chunk_size=DIGEST_CHUNK), DIGEST_CHUNK):
        related = EventRelated([event[0] for event in chunk])
        regions = _regions_named(related)
        digests = [_digest(event, related, regions) for event in chunk]
        rows = [EventRow(event_id=event[0], layout=layout) for event in chunk]
        for field, (language, drawer) in drawers.items():
            with override(language):
                for row, event in zip(rows, chunk, strict=True):
                    setattr(row, field, stored_lines(drawer.lines(event, related)))
        yield digests, rows


def _regions_named(related):
    """Return {code: Region} of the regions a chunk of events names, with the two levels above
    them loaded: of 45,000 regions a chunk names a few hundred."""
    codes = {
        code
        for links in (related.shanghai, related.yunnan, related.partners)
        for event_links in links.values()
        for (code,) in event_links
    }
    return Region.objects.select_related("parent__parent").in_bulk(codes)


def _digest(event, related, regions):
    pk, start, end, precision, kind, title, venue, partners, summary, *_printed = event

    def codes(links):
        return [code for (code,) in links.get(pk, ())]

    named = [regions[code] for code in codes(related.shanghai) + codes(related.partners)]
    placed = [regions[code] for code in codes(related.yunnan)]
    names = [text for region in named + placed for text in (region.name, region.full_name)]
    names += [region.parent.name for region in placed if region.parent_id]
    excerpts = [excerpt for _report, excerpt in related.citations.get(pk, ())]
    excerpts += [figure[-1] for figure in related.figures.get(pk, ())]
    text = fold("\n".join([title, summary, venue, partners, *names, *excerpts]))
    return EventDigest(
        event_id=pk,
        date_start=start,
        date_end=end,
        date_precision=precision,
        kind=kind,
        shanghai=" ".join(sorted(codes(related.shanghai))),
        prefecture=" ".join(sorted({_prefecture_of(region) for region in placed})),
        text=text,
        tokens=" ".join(index_tokens(text)),
    )


DIGEST_CHUNK = 5000


def _prefecture_of(region):
    """Return the code of the prefecture a Yunnan place lies in (a town's is its county's
    parent, or its parent where no county lies between), or its own code above that level."""
    while region.level in (Region.Level.COUNTY, Region.Level.TOWN) and region.parent_id:
        if region.parent.level == Region.Level.PROVINCE:
            return region.pk
        region = region.parent
    return region.pk


def _facet_groups(months):
    digests = EventDigest.objects.filter(_placed_in(months))
    dated = Case(When(date_precision="", then=Value(False)), default=Value(True))
    open_start = Case(
        When(date_start__isnull=True, date_end__isnull=False, then=Value(True)),
        default=Value(False),
    )
    return [
        digests.order_by()
        .values(
            t_month=TruncMonth(placed_date()),
            t_end_month=TruncMonth("date_end"),
            t_open_start=open_start,
            t_kind=F("kind"),
            t_dated=dated,
            t_shanghai=F("shanghai"),
            t_prefecture=F("prefecture"),
        )
        .annotate(t_events=Count("*"))
    ]


def _sums():
    """Return the sum of the grouped figures and how many parts of each qualifier it has, from
    which the qualifier of the sum follows (qualifier_of_total)."""
    return {
        "t_total": Sum("value"),
        "t_parts": Count("*"),
        **qualifier_parts("t_"),
    }


def _figure_groups(months):
    summable = Figure.objects.summable()
    # An event's figures are tallied under its date and pairings; any other figure under its
    # own. Two queries, so each finds its months through one date index.
    of_events = summable.filter(_placed_in(months, "event__"), event__isnull=False)
    others = summable.filter(_placed_in(months), event__isnull=True)
    sums = _sums()
    other_pairings = _EventPairing.objects.filter(event=OuterRef("event")).exclude(
        pairing=OuterRef("event__pairings")
    )
    keys = {"t_metric": F("metric"), "t_unit": F("unit")}
    event_keys = {
        **keys,
        "t_month": TruncMonth(placed_date("event__")),
        "t_date_precision": F("event__date_precision"),
    }
    own_keys = {
        **keys,
        "t_month": TruncMonth(placed_date()),
        "t_date_precision": F("date_precision"),
    }
    alone = {"t_shared": Value(False)}  # a row over all pairings, or a figure's own pairing
    return [
        of_events.order_by().values(**event_keys, **alone).annotate(**sums, t_of_event=Value(True)),
        of_events.filter(event__pairings__isnull=False)
        .order_by()
        .values(**event_keys, t_pairing=F("event__pairings"), t_shared=Exists(other_pairings))
        .annotate(**sums, t_of_event=Value(True)),
        others.order_by().values(**own_keys, **alone).annotate(**sums, t_of_event=Value(False)),
        others.filter(pairing__isnull=False)
        .order_by()
        .values(**own_keys, **alone, t_pairing=F("pairing"))
        .annotate(**sums, t_of_event=Value(False)),
    ]


def _flow_groups(months):
    batches = Figure.objects.summable().filter(metric=WORKERS_TO_SHANGHAI, unit=Unit.PERSON)
    of_events = batches.filter(_placed_in(months, "event__"), event__isnull=False)
    others = batches.filter(_placed_in(months), event__isnull=True)

    # A figure of no event flows between its pairing's sides, or from its place: from the
    # prefecture the place lies in (a town's is its county's parent), as _prefecture_of() has it.
    def prefecture_of(place, condition=None):
        condition = condition or Q()
        town, county = Region.Level.TOWN, Region.Level.COUNTY
        in_county = Q(**{f"{place}__level": town, f"{place}__parent__level": county})
        in_prefecture = Q(**{f"{place}__level__in": (town, county)}) & Q(
            **{f"{place}__parent__level": Region.Level.PREFECTURE}
        )
        return [
            When(condition & in_county, then=F(f"{place}__parent__parent")),
            When(condition & in_prefecture, then=F(f"{place}__parent")),
        ]

    in_yunnan = Q(place__code__startswith="53")
    prefecture = Case(
        *prefecture_of("place", in_yunnan),
        When(in_yunnan, then=F("place")),
        *prefecture_of("pairing__yunnan"),
        default=Coalesce("pairing__yunnan", Value("")),
    )
    return [
        of_events.order_by()
        .values(
            t_month=TruncMonth(placed_date("event__")),
            t_shanghai=F("event__digest__shanghai"),
            t_prefecture=F("event__digest__prefecture"),
        )
        .annotate(**_sums()),
        others.order_by()
        .values(
            t_month=TruncMonth(placed_date()),
            t_shanghai=Coalesce("pairing__shanghai", Value("")),
            t_prefecture=prefecture,
        )
        .annotate(**_sums()),
    ]


def _region_groups(months):
    roles = {"shanghai": _ShanghaiSide, "yunnan": _YunnanPlace, "partner": _PartnerRegion}
    return [
        links.objects.filter(_placed_in(months, "event__"))
        .order_by()
        .values(
            t_month=TruncMonth(placed_date("event__")), t_region=F("region"), t_role=Value(role)
        )
        .annotate(t_events=Count("*"))
        for role, links in roles.items()
    ]


# Tallies the database groups itself (INSERT ... SELECT).
GROUPED_TALLIES = (
    (EventTally, _event_groups),
    (FigureTally, _figure_groups),
    (FacetTally, _facet_groups),  # from the digests, so after them
    (FlowTally, _flow_groups),  # likewise
    (RegionTally, _region_groups),
)


def _insert(model, groups):
    """INSERT INTO the tally SELECT the grouped query: the database moves the rows, Python
    never holds them (a full refresh writes about a million)."""
    quote = connection.ops.quote_name
    selected = [name for name in groups.query.annotation_select if name.startswith("t_")]
    columns = ", ".join(quote(model._meta.get_field(name[2:]).column) for name in selected)
    aliases = ", ".join(quote(name) for name in selected)
    sql, params = groups.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "
            f"SELECT {aliases} FROM ({sql}) tally",
            params,
        )


def refresh(months=None, events=None):
    """Recompute the tallies of the given months (None: of everything) from the data, and the
    digests and CSV rows of `events` (ids; None: of every event starting in those months). A
    write that knows which events it touched passes them: redrawing a month of events takes
    seconds at national size, regrouping its tallies a fraction of one."""
    if months is not None:
        months = set(months)
        if not months:
            return
    if events is None:
        digested = Event.objects.filter(_placed_in(months))
        stale_digests = EventDigest.objects.filter(_placed_in(months))
        stale_rows = EventRow.objects.filter(_placed_in(months, "event__"))
    else:
        digested = Event.objects.filter(pk__in=events)
        stale_digests = EventDigest.objects.filter(pk__in=events)
        stale_rows = EventRow.objects.filter(pk__in=events)
    with transaction.atomic():
        # Two writes recomputing one month must not interleave their delete and insert.
        lock, _ = SummaryLock.objects.select_for_update().get_or_create(pk=1)
        stale_digests.delete()
        stale_rows.delete()
        for model, _groups_of in GROUPED_TALLIES:
            model.objects.filter(_in_months("month", months)).delete()
        for digests, rows in digest_chunks(digested):
            EventDigest.objects.bulk_create(digests)
            EventRow.objects.bulk_create(rows)
        for model, groups_of in GROUPED_TALLIES:
            for groups in groups_of(months):
                _insert(model, groups)
        lock.refreshed_at = timezone.now()
        lock.save(update_fields=["refreshed_at"])
