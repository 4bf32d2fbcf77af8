"""The source reports: a list with what was drawn from each, and one page per report listing
every record built from it, so that any figure can be traced back to its clause."""

from django.db.models import (
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from pairings.cache import cached_page, cached_summary
from pairings.downloads import download_links, figures_download
from pairings.models import (
    Event,
    EventCitation,
    Figure,
    LabourBrand,
    Metric,
    Pairing,
    PairingCitation,
    Region,
    Report,
    TrainingProgramme,
)
from pairings.querysets import with_other_accounts
from pairings.views.summary import counts_by_metric, headline_rows

# A report page lists at most this many events and figures. A news report gives tens; only a
# bulk source (the benchmark's synthetic report) gives more, and its downloads hold them all.
RECORD_LIMIT = 100


def _first(records):
    """Return the first RECORD_LIMIT of a list of up to RECORD_LIMIT + 1 records, and whether
    there were more."""
    return records[:RECORD_LIMIT], len(records) > RECORD_LIMIT


def report_list(request):
    # The counts read every citation and figure: cached under the data version.
    reports = cached_summary("report-list", lambda: list(_with_record_counts(Report.objects.all())))
    ctx = {"reports": reports}
    return render(request, "pairings/report_list.html", ctx)


def report_detail(request, pk):
    # Cached drawn under the data version: a bulk report's records take long to find and draw.
    html = cached_page("report-page", lambda: _report_page(request, pk), request)
    return HttpResponse(html)


def _report_page(request, pk):
    report = get_object_or_404(Report, pk=pk)
    citations, more_citations = _first(list(_citations(report)[: RECORD_LIMIT + 1]))
    figures, more_figures = _first(_figures(report).first_in_reading_order(RECORD_LIMIT + 1))
    figures = with_other_accounts(figures)
    prefetch_related_objects(
        figures,
        Prefetch("event__pairings", queryset=Pairing.objects.with_sides()),
        "partner_regions",  # named on a joint figure
    )
    ctx = {
        "report": report,
        **_contribution(report),
        "pairing_citations": list(
            report.pairing_citations.select_related(
                "pairing__shanghai", "pairing__yunnan", "pairing__yunnan__parent"
            )
        ),
        "citations": citations,
        "figures": figures,
        "record_limit": RECORD_LIMIT if more_citations or more_figures else None,
        "labour_brands": list(
            LabourBrand.objects.filter(report=report).select_related(
                "region", "pairing__shanghai", "pairing__yunnan"
            )
        ),
        "programmes": list(
            TrainingProgramme.objects.filter(report=report)
            .select_related("pairing__shanghai", "pairing__yunnan", "labour_brand")
            .prefetch_related("yunnan_regions")
        ),
        "downloads": download_links("pairings:report_export", report.pk),
    }
    return render_to_string("pairings/report_detail.html", ctx, request)


def _contribution(report):
    """Return what a report contributed, for the summary its page opens with: its events by
    kind, its figures by metric, their key figures totalled as every total is, and the
    pairings and places it names."""
    registry = Metric.objects.registry()
    kinds = Event.objects.filter(citations__report=report).count_by_kind()
    figures = Figure.objects.filter(report=report)
    figure_counts = counts_by_metric(figures.count_by_metric(), registry)
    return {
        "event_kinds": [
            (label, kinds[kind]) for kind, label in Event.Kind.choices if kind in kinds
        ],
        "contributed_event_count": sum(kinds.values()),
        "figure_counts": figure_counts,
        "contributed_figure_count": sum(count for _label, count in figure_counts),
        "headline": headline_rows(figures.totals(), registry),
        "named_pairings": list(Pairing.objects.named_in_report(report)),
        "named_places": list(Region.objects.named_in_report(report)),
    }


def report_export(request, pk, fmt):
    report = get_object_or_404(Report, pk=pk)
    figures = Figure.objects.filter(report=report).in_reading_order()
    return figures_download(request, fmt, figures, subject=report.name, slug=f"report-{report.pk}")


def _count_of(records, report_field):
    """Return a subquery counting the records whose `report_field` is the outer report."""
    counted = (
        records.filter(**{report_field: OuterRef("pk")})
        .order_by()
        .values(report_field)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _with_record_counts(reports):
    # Subqueries rather than Count(..., distinct=True) over joins: three joins would multiply
    # rows (events × figures × pairings) before counting.
    return reports.annotate(
        event_count=_count_of(EventCitation.objects.all(), "report"),
        figure_count=_count_of(Figure.objects.all(), "report"),
        pairing_count=_count_of(PairingCitation.objects.all(), "report"),
    )


def _citations(report):
    return (
        EventCitation.objects.filter(report=report)
        .select_related("event")
        .prefetch_related(
            "event__shanghai_regions",
            "event__yunnan_regions",
            "event__partner_regions",
            Prefetch("event__pairings", queryset=Pairing.objects.with_sides()),
            # Every report that tells of the event: its citations' and its figures'.
            Prefetch("event__citations", queryset=EventCitation.objects.select_related("report")),
            Prefetch("event__figures", queryset=Figure.objects.select_related("report")),
        )
        .order_by(F("event__date_start").asc(nulls_last=True), "event__date_end", "event_id")
    )


def _figures(report):
    return Figure.objects.filter(report=report).select_related(
        "report", "subset_of__metric", "pairing__shanghai", "pairing__yunnan", "place", "programme"
    )
