import datetime

from django.db.models import F
from django.http import HttpResponse
from django.template.loader import render_to_string

from pairings.cache import cached_page
from pairings.charts import (
    event_counts_and_months,
    events_by_month,
    month_span,
    worker_flows,
)
from pairings.metrics import Group, Unit
from pairings.models import Event, Figure, Metric, Pairing, Region, Report
from pairings.querysets import qualifier_of_total
from pairings.series import cumulative_series
from summaries import readers

# A card quotes the newest few pairings' cumulative figures; at national size every pairing
# has one, and the transfers table below (or each pairing's page) lists them all.
CARD_CUMULATIVE_LIMIT = 3
# The counts of a totals row's parts by qualifier (qualifier_of_total).
QUALIFIER_PARTS = ("at_least_parts", "about_parts", "at_most_parts")


def _qualified(row):
    """Return a totals row with the qualifier its parts give it."""
    qualifier = qualifier_of_total(row["at_least_parts"], row["about_parts"], row["at_most_parts"])
    return {**row, "qualifier": qualifier}


def _card_label(metric, unit):
    """Return a card's title: the metric's name, with the unit where it has several."""
    if len(metric.units) == 1:
        return metric.label
    return f"{metric.label}（{Unit(unit).label}）"


def _headline_cards(totals, latest_cumulative):
    """Return a card per headline metric of the registry and unit it may take: its batch
    total, and beneath it the newest cumulative figures that count the same (for people who
    came to Shanghai, every metric of that group: 到沪 and 在沪)."""
    newest_first = sorted(
        latest_cumulative,
        key=lambda figure: (figure.date_end or datetime.date.min, figure.pk),
        reverse=True,
    )
    cards = []
    for metric in Metric.objects.filter(headline=True).order_by("order", "pk"):
        to_shanghai = metric.group == Group.TO_SHANGHAI
        for unit in metric.units:
            row = totals.get((metric.code, unit))
            cumulative = [
                figure
                for figure in newest_first
                if figure.unit == unit
                and (
                    figure.metric.group == Group.TO_SHANGHAI
                    if to_shanghai
                    else figure.metric_id == metric.code
                )
            ]
            cards.append(
                {
                    "label": _card_label(metric, unit),
                    "total": _qualified(row) if row else row,
                    "cumulative": cumulative[:CARD_CUMULATIVE_LIMIT],
                    "more_cumulative": len(cumulative[CARD_CUMULATIVE_LIMIT:]),
                    "cumulative_in_table": to_shanghai,
                }
            )
    return cards


def _column(yunnan):
    # 云南省 as a whole (上海市–云南省) has no prefecture above it: it is a column of its own.
    if yunnan.level in (Region.Level.PROVINCE, Region.Level.PREFECTURE):
        return yunnan
    return yunnan.parent


def _matrix(pairings):
    """Return rows of Shanghai sides by columns of Yunnan prefectures; a pairing with a county
    sits in its prefecture's column."""
    columns = sorted({_column(p.yunnan) for p in pairings}, key=lambda region: region.code)
    shanghai_sides = sorted({p.shanghai for p in pairings}, key=lambda region: region.code)
    cells = {}
    for pairing in pairings:
        column = _column(pairing.yunnan)
        cells.setdefault((pairing.shanghai.code, column.code), []).append(pairing)
    rows = [
        {"shanghai": side, "cells": [cells.get((side.code, column.code), []) for column in columns]}
        for side in shanghai_sides
    ]
    return {"columns": columns, "rows": rows}


def overview(request):
    # The drawn page is cached as well as its numbers: at national size, drawing 256 pairings,
    # their flows and their cumulative figures takes longer than reading the numbers back.
    html = cached_page("overview-page", lambda: _overview_page(request), request)
    return HttpResponse(html)


def _overview_page(request):
    return render_to_string("pairings/overview.html", _overview_summary(), request)


def _flows():
    """Return the worker flows, each batch once, and their total with its qualifier."""
    rows = readers.worker_flows()
    codes = {code for sides, prefectures, _total in rows for code in sides + prefectures}
    names = dict(Region.objects.filter(pk__in=codes).values_list("code", "name"))
    flows = worker_flows([(s, p, _qualified(total)) for s, p, total in rows], names)
    if not flows:
        return [], None
    parts = [flow["total"] for flow in flows]
    total = {
        "total": sum(part["total"] for part in parts),
        "unit": Unit.PERSON,
        **{key: sum(part[key] for part in parts) for key in QUALIFIER_PARTS},
    }
    return flows, _qualified(total)


def _transfer_series(latest):
    """Return the cumulative series of the `latest` figures (latest_cumulative()), in their
    order: each with its history and the other reports of its as-of dates."""
    figures = Figure.objects.filter(
        pairing__isnull=False,
        is_cumulative=True,
        subset_of__isnull=True,
        metric__group=Group.TO_SHANGHAI,
    ).select_related("pairing__shanghai", "pairing__yunnan", "report", "metric")
    series_of = {}
    for series in cumulative_series(figures.order_by("pk")):
        for point in series.points:
            series_of.update((figure.pk, series) for figure in point.accounts)
    return [series_of[figure.pk] for figure in latest]


def _overview_summary():
    pairings = list(Pairing.objects.with_sides())
    event_counts = readers.event_counts_by_pairing()
    batch_workers = readers.batch_workers_by_pairing()
    for pairing in pairings:
        pairing.event_count = event_counts.get(pairing.pk, 0)
        workers = batch_workers.get(pairing.pk)
        pairing.batch_workers = _qualified(workers) if workers else None
    totals = {(row["metric"], row["unit"]): row for row in readers.figure_totals()}
    latest_cumulative = list(
        Figure.objects.latest_cumulative().select_related(
            "pairing__shanghai", "pairing__yunnan", "report"
        )
    )
    event_counts, monthly_rows = event_counts_and_months(readers.event_counts())
    monthly_chart, monthly_table = events_by_month(monthly_rows)
    flows, flow_total = _flows()
    return {
        "cards": _headline_cards(totals, latest_cumulative),
        "event_counts": event_counts,
        "pairings": pairings,
        "matrix": _matrix(pairings),
        "flows": flows,
        "flow_chart": [{key: flow[key] for key in ("from", "to", "flow")} for flow in flows],
        "flow_total": flow_total,
        "monthly_chart": monthly_chart,
        "monthly_span": month_span(monthly_chart["labels"]),
        "monthly_table": monthly_table,
        "cumulative_transfer_series": _transfer_series(
            [figure for figure in latest_cumulative if figure.metric.group == Group.TO_SHANGHAI]
        ),
        "newest_report": Report.objects.order_by(F("date_start").desc(nulls_last=True)).first(),
        "newest_event": Event.objects.order_by(F("date_start").desc(nulls_last=True)).first(),
    }
