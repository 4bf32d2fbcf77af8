"""Chart data builders. Each returns plain data for `json_script`; the same numbers go into the
HTML table beside the chart, so the page reads without JavaScript."""

import datetime

from django.utils.translation import gettext

from .models import Event

# Okabe–Ito: told apart by readers with any common colour-vision deficiency.
KIND_COLOURS = {
    Event.Kind.JOB_FAIR: "#0072B2",
    Event.Kind.MEETING: "#E69F00",
    Event.Kind.DELEGATION_VISIT: "#009E73",
    Event.Kind.WORKER_DISPATCH: "#D55E00",
    Event.Kind.TRAINING: "#CC79A7",
    Event.Kind.AGREEMENT_SIGNING: "#56B4E9",
    Event.Kind.STATION_OPENING: "#000000",
    Event.Kind.CAMPUS_RECRUITMENT: "#F0E442",
    Event.Kind.OTHER: "#999999",
}


def _months_between(first: datetime.date, last: datetime.date):
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield datetime.date(year, month, 1)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def events_by_month(rows):
    """Return {labels, datasets} for a stacked bar chart of events per month and kind, from
    event_counts_and_months() rows; and the non-empty months as table rows."""
    rows = list(rows)
    if not rows:
        return {"labels": [], "datasets": []}, []
    counts = {(row["month"], row["kind"]): row["count"] for row in rows}
    months = list(_months_between(rows[0]["month"], rows[-1]["month"]))
    kinds = [kind for kind in Event.Kind if any(kind == row["kind"] for row in rows)]
    chart = {
        "labels": [f"{month:%Y-%m}" for month in months],
        "datasets": [
            {
                "label": str(kind.label),
                "backgroundColor": KIND_COLOURS[kind],
                "data": [counts.get((month, kind.value), 0) for month in months],
            }
            for kind in kinds
        ],
    }
    table = []
    for month in sorted({row["month"] for row in rows}):
        per_kind = [
            (kind.label, counts[(month, kind.value)])
            for kind in kinds
            if (month, kind.value) in counts
        ]
        table.append(
            {
                "month": month,
                "kinds": gettext("、").join(f"{label} {count}" for label, count in per_kind),
                "total": sum(count for _, count in per_kind),
            }
        )
    return chart, table


def month_span(labels):
    """Return the months a chart's labels run over, in words: '2017-11', or '2017-11 至
    2018-06' (a chart of one month is not "from 2017-11 to 2017-11")."""
    if not labels:
        return ""
    if labels[0] == labels[-1]:
        return labels[0]
    return gettext("%(first)s 至 %(last)s") % {"first": labels[0], "last": labels[-1]}


def event_counts_and_months(rows):
    """Return the events' counts (all, known only to the year, undated) and the (month, kind,
    count) rows of those known to the day or the month, for events_by_month(): both from the
    (month, kind, date_precision, count) rows of `summaries.readers.event_counts()`."""
    counts = {"total": 0, "year_only": 0, "undated": 0}
    monthly = {}
    for row in rows:
        counts["total"] += row["count"]
        if row["date_precision"] == "year":
            counts["year_only"] += row["count"]
        elif not row["date_precision"]:
            counts["undated"] += row["count"]
        elif row["month"]:  # an event known only by its end ("截至…") has no month
            key = (row["month"], row["kind"])
            monthly[key] = monthly.get(key, 0) + row["count"]
    rows = [{"month": m, "kind": k, "count": n} for (m, k), n in sorted(monthly.items())]
    return counts, rows


def worker_flows(rows, region_names):
    """Return Sankey flows (Yunnan places → Shanghai sides) of workers who came to Shanghai in
    reported batches, from summaries.readers.worker_flows() rows: each batch once, so a batch whose
    event names several prefectures or sides is one flow between the groups (昭通市、红河州 →
    上海市、徐汇区), never one per pairing. `total` is the row, qualifier and all, for the
    table; `flow` its number for the chart. Cumulative totals are not flows."""

    def named(codes, unstated):
        return gettext("、").join(region_names[code] for code in codes) if codes else unstated

    return [
        {
            "from": named(prefectures, gettext("云南（地点未说明）")),
            "to": named(sides, gettext("上海（未说明）")),
            "flow": float(total["total"]),
            "total": total,
        }
        for sides, prefectures, total in rows
    ]
