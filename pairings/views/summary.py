"""What a pairing's, a region's or a report's page opens with: its key figures, totalled by
the rules every total obeys (FigureQuerySet.totals()), labelled and qualified alike."""

from pairings.models import Metric
from pairings.querysets import qualifier_of_total


def headline_rows(totals, registry=None):
    """Return the totals rows in the registry's order of metrics, each labelled and
    qualified."""
    registry = registry if registry is not None else Metric.objects.registry()
    order = {code: position for position, code in enumerate(registry)}
    rows = sorted(totals, key=lambda row: (order.get(row["metric"], len(order)), row["unit"]))
    return [
        {
            **row,
            "label": _label(registry, row["metric"]),
            "qualifier": qualifier_of_total(
                row["at_least_parts"], row["about_parts"], row["at_most_parts"]
            ),
        }
        for row in rows
    ]


def counts_by_metric(rows, registry):
    """Return (label, count) of (metric, count) rows, in the registry's order of metrics."""
    order = {code: position for position, code in enumerate(registry)}
    rows = sorted(rows, key=lambda row: order.get(row["metric"], len(order)))
    return [(_label(registry, row["metric"]), row["count"]) for row in rows]


def _label(registry, code):
    return registry[code].label if code in registry else code
