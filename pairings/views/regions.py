"""A region's page: everything the reports say about one district, prefecture or county."""

from django.db.models import F, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from pairings.cache import cached_page
from pairings.downloads import download_links, figures_download
from pairings.models import Event, EventCitation, Figure, LabourBrand, Pairing, Region
from pairings.querysets import accounts_beside
from pairings.series import figures_with_series
from pairings.views.summary import headline_rows
from summaries import readers

# A region's page lists its newest events and figures only: at national size a prefecture has
# tens of thousands of events and hundreds of cumulative figures; the events browser, filtered
# to the region, lists and counts every event, and the page's downloads hold every figure.
EVENT_LIMIT = 50
FIGURE_LIMIT = 50


def region_detail(request, code):
    # Cached drawn under the data version, like the overview: at national size its queries
    # and fifty events with their figures take longer than reading the page back.
    html = cached_page("region-page", lambda: _region_page(request, code), request)
    return HttpResponse(html)


def _region_page(request, code):
    region = get_object_or_404(Region.objects.select_related("parent"), code=code)
    events, more_events = _events(region).newest(EVENT_LIMIT)
    for event in events:
        event.shown_figures = accounts_beside(event.figures.all())
    figures, more_figures = _figures_of_no_event(region).newest(FIGURE_LIMIT)
    ctx = {
        "region": region,
        "children": list(readers.regions_named_in_reports(region.children.all())),
        "headline": headline_rows(_all_figures(region).totals()),
        "events_by_year": Event.objects.involving(region).count_by_year(),
        "pairing_groups": _pairing_groups(region),
        "events": events,
        "more_events": more_events,
        "all_events_url": _all_events_url(region),
        "figures": figures_with_series(figures),
        "shown_figure_count": len(figures),
        "more_figures": more_figures,
        "labour_brands": list(_labour_brands(region)),
        "downloads": download_links("pairings:region_export", region.code),
    }
    return render_to_string("pairings/region_detail.html", ctx, request)


def region_export(request, code, fmt):
    region = get_object_or_404(Region, code=code)
    figures = _all_figures(region).in_reading_order()
    return figures_download(
        request, fmt, figures, subject=region.full_name, slug=f"region-{region.code}"
    )


def _all_figures(region):
    """Return every figure about the region: its events' and its figures of no event. Each
    figure once, so a batch its events share with other pairings counts once in its totals."""
    return Figure.objects.filter(
        Q(event__in=Event.objects.involving(region)) | Q(pk__in=_figures_of_no_event(region))
    )


def _pairing_groups(region):
    """Return the region's pairings grouped by how they concern it, own pairings first, and
    only the groups that have any."""
    labels = {
        "shanghai_side": _("作为上海方的结对"),
        "yunnan_side": _("作为云南方的结对"),
        "under": _("下辖地区的结对"),
        "above": _("所属%(parent)s的结对")
        % {"parent": region.parent.name if region.parent_id else ""},
    }
    pairings = Pairing.objects.with_citations().about_region(region)
    by_relation = {relation: [] for relation in labels}
    for pairing in pairings:
        by_relation[pairing.relation].append(pairing)
    return [
        {"relation": relation, "label": labels[relation], "pairings": rows}
        for relation, rows in by_relation.items()
        if rows
    ]


def _all_events_url(region):
    """Return the events browser filtered to the region, or None where it has no such
    filter (a partner region outside Shanghai and Yunnan)."""
    if region.is_shanghai and region.level == Region.Level.COUNTY:
        name = "shanghai"
    elif region.is_yunnan and region.level == Region.Level.PREFECTURE:
        name = "prefecture"
    elif region.is_yunnan and region.level == Region.Level.COUNTY:
        name = "county"
    else:
        return None
    return f"{reverse('pairings:event_list')}?{urlencode({name: region.code})}"


def _events(region):
    figures = Figure.objects.select_related("report", "subset_of__metric").order_by("pk")
    return (
        Event.objects.involving(region)
        .prefetch_related(
            "shanghai_regions",
            "yunnan_regions",
            "partner_regions",
            Prefetch("citations", queryset=EventCitation.objects.select_related("report")),
            Prefetch("pairings", queryset=Pairing.objects.with_sides()),
            Prefetch("figures", queryset=figures),
        )
        .order_by(F("date_start").asc(nulls_last=True), "date_end", "pk")
    )


def _figures_of_no_event(region):
    return (
        Figure.objects.about_region(region)
        .select_related(
            "report",
            "subset_of__metric",
            "pairing__shanghai",
            "pairing__yunnan",
            "place",
            "programme",
        )
        .prefetch_related("partner_regions")  # named on a joint figure
        .order_by(F("date_end").asc(nulls_last=True), "pk")
    )


def _labour_brands(region):
    in_or_under = Q(region=region) | Q(region__parent=region) | Q(region__parent__parent=region)
    return LabourBrand.objects.filter(in_or_under).select_related(
        "region", "pairing__shanghai", "pairing__yunnan", "report"
    )
