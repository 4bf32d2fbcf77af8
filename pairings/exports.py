"""Rows for exports. The audit export (export_figures) and the public downloads share them."""

from decimal import Decimal

from .dates import iso_at_precision
from .models import Figure

AUDIT_KEYS = (
    "report",
    "excerpt",
    "metric",
    "value",
    "qualifier",
    "unit",
    "date_start",
    "date_end",
    "date_precision",
    "shanghai",
    "yunnan",
    "cumulative",
)


def figures_for_export(queryset=None):
    """Return figures with everything an export row reads, in a fixed number of queries."""
    queryset = Figure.objects.all() if queryset is None else queryset
    return queryset.select_related(
        "report", "event", "pairing__shanghai", "pairing__yunnan", "place"
    ).prefetch_related("event__shanghai_regions", "event__yunnan_regions")


def plain_number(value: Decimal):
    """Return an int for a whole number and a float otherwise (75.1), for JSON."""
    return int(value) if value == value.to_integral_value() else float(value)


def audit_record(figure):
    """Return one figure as the audit export's dict, with exactly AUDIT_KEYS."""
    start, end, precision = figure.period
    return {
        "report": figure.report.file_name,
        "excerpt": figure.excerpt,
        "metric": figure.metric,
        "value": plain_number(figure.value),
        "qualifier": figure.qualifier,
        "unit": figure.unit,
        "date_start": iso_at_precision(start, precision),
        "date_end": iso_at_precision(end, precision),
        "date_precision": precision or None,
        "shanghai": [region.name for region in figure.shanghai_sides()],
        "yunnan": [region.name for region in figure.yunnan_sides()],
        "cumulative": figure.is_cumulative,
    }
