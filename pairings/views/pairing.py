from django.db.models import F, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode

from pairings.cache import cached_page
from pairings.charts import event_counts_and_months, events_by_month, month_span
from pairings.downloads import download_links, figures_download
from pairings.metrics import WORKERS_TO_SHANGHAI, Group
from pairings.models import (
    Event,
    Figure,
    LabourBrand,
    Pairing,
    Region,
    TrainingProgramme,
)
from pairings.querysets import accounts_beside
from pairings.series import cumulative_series
from pairings.views.summary import headline_rows
from summaries import readers

# The timeline lists a pairing's newest events only: at national size a busy pairing has
# thousands, which no reader scrolls through; the totals and charts still count every event,
# and the events browser lists them all.
TIMELINE_LIMIT = 50


def _events_by_year(events):
    """Return [(year or None, events)] in the events' order; undated events come last."""
    groups = {}
    for event in events:
        date = event.date_start or event.date_end
        groups.setdefault(date.year if date else None, []).append(event)
    return sorted(groups.items(), key=lambda item: (item[0] is None, item[0] or 0))


def _people_moved_by_month(pairing, labels):
    by_month = {
        f"{month:%Y-%m}": float(workers)
        for month, workers in readers.batch_workers_by_month(pairing).items()
    }
    if not by_month:
        return []
    return [by_month.get(label) for label in labels]


def pairing_detail(request, pk):
    # Cached drawn, like the overview: fifty timeline entries take longer to draw than to read
    # back.
    html = cached_page("pairing-page", lambda: _pairing_page(request, pk), request)
    return HttpResponse(html)


def _pairing_page(request, pk):
    return render_to_string("pairings/pairing_detail.html", _pairing_context(pk), request)


def _all_events_url(pairing):
    """Return the events browser filtered to both sides of the pairing, or None where it has
    no filter for a side (上海市, 云南省, a town): its events would not be the pairing's."""
    level = pairing.yunnan.level
    yunnan_filter = {Region.Level.COUNTY: "county", Region.Level.PREFECTURE: "prefecture"}
    if pairing.shanghai.level != Region.Level.COUNTY or level not in yunnan_filter:
        return None
    query = urlencode({"shanghai": pairing.shanghai_id, yunnan_filter[level]: pairing.yunnan_id})
    return f"{reverse('pairings:event_list')}?{query}"


def _pairing_context(pk):
    pairing = get_object_or_404(Pairing.objects.with_sides(), pk=pk)
    events, _more = Event.objects.for_pairing(pairing).newest(TIMELINE_LIMIT)
    event_counts, monthly_rows = event_counts_and_months(readers.event_counts(pairing))
    own_figures = list(
        Figure.objects.filter(pairing=pairing)
        .select_related("report", "place", "programme")  # under its programme, if ours
        .prefetch_related("partner_regions")  # named on a joint figure
        .order_by(F("date_end").desc(nulls_last=True), "pk")
    )
    for event in events:
        event.shown_figures = accounts_beside(event.figures.all())
    event_figure_list = [figure for event in events for figure in event.shown_figures]
    monthly_chart, monthly_table = events_by_month(monthly_rows)
    return {
        "pairing": pairing,
        "citations": list(pairing.citations.select_related("report")),
        "headline": headline_rows(readers.figure_totals(pairing)),
        "events_by_year": _events_by_year(events),
        "event_count": event_counts["total"],
        "shown_event_count": len(events),
        "all_events_url": _all_events_url(pairing),
        "year_only_count": event_counts["year_only"],
        "undated_count": event_counts["undated"],
        "charted_count": sum(row["total"] for row in monthly_table),
        "monthly_chart": monthly_chart,
        "monthly_span": month_span(monthly_chart["labels"]),
        "monthly_table": monthly_table,
        "people_moved": _people_moved_by_month(pairing, monthly_chart["labels"]),
        "transfer_batches": [
            figure
            for figure in event_figure_list
            if figure.metric_id == WORKERS_TO_SHANGHAI and not figure.is_cumulative
        ],
        "cumulative_series": cumulative_series(own_figures),
        "other_transfers": [
            figure
            for figure in event_figure_list + own_figures
            if figure.metric.group == Group.ELSEWHERE
        ],
        "other_own_figures": [
            figure
            for figure in own_figures
            if not figure.is_cumulative
            and figure.metric.group != Group.ELSEWHERE
            and not (figure.programme_id and figure.programme.pairing_id == pairing.pk)
        ],
        "programmes": TrainingProgramme.objects.filter(pairing=pairing).prefetch_related(
            "yunnan_regions", Prefetch("figures", queryset=Figure.objects.order_by("pk"))
        ),
        "brands": LabourBrand.objects.filter(pairing=pairing).select_related("region", "report"),
        "sources": sorted(
            [figure for event in events for figure in event.figures.all()] + own_figures,
            key=lambda figure: figure.pk,
        ),
        "downloads": download_links("pairings:pairing_export", pairing.pk),
    }


def pairing_export(request, pk, fmt):
    pairing = get_object_or_404(Pairing.objects.with_sides(), pk=pk)
    subject = f"{pairing.shanghai.name} ⇄ {pairing.yunnan.full_name}"
    figures = Figure.objects.for_pairing(pairing).in_reading_order()
    return figures_download(request, fmt, figures, subject=subject, slug=f"pairing-{pairing.pk}")
