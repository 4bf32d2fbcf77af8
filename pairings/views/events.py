"""The events browser: every event the reports record, narrowed by the query string, with
facet counts, and the same events as CSV, XLSX and JSON.

Bad input (a malformed date, an unknown code, a reversed range, a page past the end) answers
400 with the error beside its field and no rows: a URL that claims a filter never shows
unfiltered events.
"""

from functools import partial
from itertools import chain

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Exists, OuterRef, Prefetch, Subquery
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pairings.cache import cached_page, cached_summary
from pairings.downloads import (
    about_response,
    csv_response,
    description_url,
    download_links,
    event_csv_layout,
    event_csv_text,
    json_response,
    totals_rule,
    xlsx_response,
)
from pairings.filters import DEFAULT_SORT, EventFilter
from pairings.models import Event, EventCitation, EventMerge, Figure, Region, Report
from pairings.querysets import accounts_beside
from pairings.rows import (
    EventDrawer,
    drawn,
    event_figure_header,
    event_header,
    event_lines_header,
    source_text,
    yunnan_places,
)

PAGE_SIZE = 25
# Sortable columns: the query value, the header, and the direction of the first click.
_SORTABLE_COLUMNS = (
    ("date", _("日期"), "-"),
    ("kind", _("类型"), ""),
    ("title", _("标题"), ""),
)


def event_link(request, pk):
    """An event's lasting address: to the page that shows it, by its id or, for an event merged
    into another (EventMerge), by the id it had; a link to #event-<id> no page holds comes here
    (static/js/event_anchor.js)."""
    event = Event.objects.filter(pk=pk).first()
    if event is None:
        merged = get_object_or_404(EventMerge.objects.select_related("event"), merged_pk=pk)
        event = merged.event
    pairing = event.pairings.order_by("pk").first()
    if pairing is not None:
        url = reverse("pairings:pairing_detail", args=[pairing.pk])
    else:
        query = QueryDict(mutable=True)
        query.update({"kind": event.kind})
        if event.date_start:
            query["date_from"] = event.date_start.isoformat()
        if event.date_end:
            query["date_to"] = event.date_end.isoformat()
        url = f"{reverse('pairings:event_list')}?{query.urlencode()}"
    return redirect(f"{url}#event-{event.pk}")


def event_list(request):
    # Cached drawn under the data version and the filter as it reads (its canonical query
    # string and page number), like the overview: a repeated filter (a shared link, the back
    # button) reads the page back instead of counting and listing its events again.
    filterset = EventFilter(request.GET)
    page_number = _page_number(request.GET)
    if filterset.is_valid() and page_number is not None:
        query = filterset.canonical_query()
        if page_number != 1:
            query["page"] = str(page_number)
        draw = partial(_event_page, request, query)
        status, html = cached_page("event-page", draw, request, query.urlencode())
    else:
        # An error page repeats what was asked, so it is drawn for its own address, uncached;
        # its language switch, like its links, leaves the blank fields out.
        request.page_address = _page_address(_set_fields(request.GET))
        status, html = _event_page(request, request.GET)
    return HttpResponse(html, status=status)


def _page_number(data):
    """Return the page number asked for (1 when none), or None when it is not a number."""
    try:
        return int(data.get("page") or 1)
    except ValueError:
        return None


def _event_page(request, data):
    """Return (status, the drawn page) for the query string `data`."""
    filterset = EventFilter(data)
    links = _set_fields(data)
    ctx = {
        "filterset": filterset,
        "form": filterset.form,
        "query": links,
        "page_obj": None,
        "rows": [],
        "page_error": "",
        "described_filters": [],
        "export_links": download_links("pairings:event_export", query=_without_page(links)),
    }
    status = 200
    if filterset.is_valid():
        ctx["facet_counts"] = cached_summary(
            "event-facets", filterset.facet_counts, filterset.facets_key()
        )
        paginator = Paginator(_with_details(filterset.qs), PAGE_SIZE)
        paginator.count = filterset.result_count(ctx["facet_counts"])  # no COUNT(*) query
        try:
            page_obj = paginator.page(data.get("page") or 1)
        except InvalidPage:
            status = 400
            ctx["page_error"] = _page_error(data.get("page"), paginator.num_pages)
            ctx["result_count"] = paginator.count
        else:
            ctx["page_obj"] = page_obj
            ctx["result_count"] = paginator.count
            ctx["rows"] = [_row(event) for event in page_obj]
            ctx["page_links"] = _page_links(page_obj)
        ctx["described_filters"] = filterset.description()
        ctx["sort_columns"] = _sort_columns(filterset.form.cleaned_data.get("sort"))
    else:
        status = 400
        ctx["facet_counts"] = None
        ctx["sort_columns"] = _sort_columns(None)
    ctx["error_summary"] = _error_summary(filterset.form)
    ctx["facets"] = _facets(filterset, ctx["facet_counts"])
    ctx["county"] = _county_menu(filterset)
    return status, render_to_string("pairings/event_list.html", ctx, request)


def event_export(request, fmt):
    filterset = EventFilter(request.GET)
    if not filterset.is_valid():
        return _bad_filter(filterset)
    stamp = timezone.localtime()
    filename = f"events-{stamp:%Y%m%d}.{fmt}"
    display_name = gettext("沪滇劳务协作活动") + f"-{stamp:%Y%m%d}.{fmt}"
    if fmt == "csv":
        return csv_response(
            filename,
            event_lines_header(),
            text=event_csv_text(filterset.qs),
            about_url=description_url(request),
            display_name=display_name,
        )
    about = _export_about(request, filterset, stamp)
    if fmt == "txt":
        lines = [*about["lines"], ("CSV", event_csv_layout())]
        return about_response(lines, filename, display_name=display_name)
    drawer = EventDrawer()
    if fmt == "xlsx":
        sheets = [
            (gettext("说明"), None, about["lines"]),
            (gettext("活动"), event_header(), drawn(filterset.qs, drawer.row)),
            (
                gettext("数字"),
                event_figure_header(),
                chain.from_iterable(drawn(filterset.qs, drawer.figure_rows)),
            ),
        ]
        return xlsx_response(filename, sheets, display_name=display_name)
    records = drawn(filterset.qs, drawer.record)
    return json_response(filename, about["json"], records, key="events", display_name=display_name)


def _bad_filter(filterset):
    text = gettext("筛选条件有误，未生成文件：") + "\n" + filterset.error_text()
    return HttpResponse(text, status=400, content_type="text/plain; charset=utf-8")


def _row(event):
    return {
        "event": event,
        "shanghai": [region.name for region in event.shanghai_regions.all()],
        "yunnan": yunnan_places(event),
        "figures": accounts_beside(event.figures.all()),
        "citations": event.citations.all(),
    }


def _page_error(raw_page, num_pages):
    return gettext("没有第“%(page)s”页：当前结果共 %(pages)s 页。") % {
        "page": raw_page,
        "pages": num_pages,
    }


def _page_links(page_obj):
    """Return the numbered links: current page, neighbours, ends, and None for a gap."""
    paginator = page_obj.paginator
    if paginator.num_pages < 2:
        return []
    return [
        None if number == paginator.ELLIPSIS else number
        for number in paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
    ]


def _sort_columns(current):
    """Return the sortable headers: where a click leads and how the column is sorted now."""
    current = current or DEFAULT_SORT
    columns = []
    for key, label, first_click in _SORTABLE_COLUMNS:
        state = None
        if current.lstrip("-") == key:
            state = "descending" if current.startswith("-") else "ascending"
        if state == "descending":
            target = key
        elif state == "ascending":
            target = "-" + key
        else:
            target = first_click + key
        columns.append({"key": key, "label": label, "sort": target, "state": state})
    return {column["key"]: column for column in columns}


# Fields drawn as a group of checkboxes are reached through their group, not an input id.
_GROUPED_FIELDS = ("kind", "shanghai", "prefecture")
_FACET_HINTS = {
    "shanghai": _("“未说明”指报道没有写明上海参与方的活动。"),
    "prefecture": _("“未说明”指报道没有写明云南地点的活动。"),
}


def _error_summary(form):
    """Return each form error with its field's label and where on the page the field is."""
    return [
        {
            "label": form.fields[name].label,
            "message": message,
            "anchor": f"facet-{name}" if name in _GROUPED_FIELDS else f"id_{name}",
        }
        for name in form.fields
        for message in form.errors.get(name, [])
    ]


def _facets(filterset, counts):
    """Return the checkbox groups with a count beside each option (no counts when the filter
    is invalid: there is no filtered set to count)."""
    form = filterset.form
    groups = []
    for name in _GROUPED_FIELDS:
        selected = set(form[name].value() or [])
        options = []
        for value, label in form.fields[name].choices:
            count = None if counts is None else counts[name].get(value, 0)
            options.append(
                {"value": value, "label": label, "count": count, "checked": value in selected}
            )
        groups.append(
            {
                "name": name,
                "label": form.fields[name].label,
                "options": options,
                "selected": sum(option["checked"] for option in options),
                "errors": form.errors.get(name),
                "open": bool(selected) or name == "kind" or bool(form.errors.get(name)),
                "hint": _FACET_HINTS.get(name, ""),
            }
        )
    return groups


def _county_menu(filterset):
    """Return Yunnan's counties under their prefecture, for the county menu."""
    selected = set(filterset.form["county"].value() or [])
    by_prefecture = {prefecture.code: [] for prefecture in filterset.prefectures}
    for county in filterset.counties:
        by_prefecture.setdefault(county.parent_id, []).append(
            {"value": county.code, "label": county.name, "selected": county.code in selected}
        )
    names = {prefecture.code: prefecture.name for prefecture in filterset.prefectures}
    groups = [
        {"label": names.get(code, code), "options": options}
        for code, options in by_prefecture.items()
        if options
    ]
    chosen = sum(option["selected"] for group in groups for option in group["options"])
    errors = filterset.form.errors.get("county")
    return {"groups": groups, "selected": chosen, "errors": errors, "open": bool(chosen or errors)}


def _set_fields(data):
    """Return the query string `data` without its blank parameters, what the page's links
    carry: a form sends its empty fields (`date_from=&…`), which filter nothing. A canonical
    query has none; an address drawn for itself (an error) may."""
    query = QueryDict(mutable=True)
    for name, values in data.lists():
        if kept := [value for value in values if value != ""]:
            query.setlist(name, kept)
    return query


def _without_page(data):
    """Return the query string of the page's events, without its page number: what their
    downloads and the page's address in them take."""
    query = data.copy()
    query.pop("page", None)
    return query


def _page_address(query):
    return reverse("pairings:event_list") + (f"?{query.urlencode()}" if query else "")


def _with_details(queryset):
    """Return the events with everything a row of the page shows — Shanghai sides, Yunnan
    places with their prefecture, citations with their report, figures, the first pairing —
    in a fixed number of queries."""
    first_pairing = (
        Event.pairings.through.objects.filter(event=OuterRef("pk"))
        .order_by("pairing_id")
        .values("pairing_id")[:1]
    )
    return queryset.annotate(first_pairing_pk=Subquery(first_pairing)).prefetch_related(
        "shanghai_regions",
        Prefetch("yunnan_regions", queryset=Region.objects.select_related("parent")),
        Prefetch(
            "citations",
            queryset=EventCitation.objects.select_related("report").order_by(
                "report__date_start", "report__file_name"
            ),
        ),
        Prefetch("figures", queryset=Figure.objects.select_related("report", "subset_of__metric")),
    )


def _export_about(request, filterset, stamp):
    """Return what the export says about itself: as (label, text) lines for CSV and the
    XLSX about sheet, and as an object for JSON."""
    filtered = filterset.qs.values("pk")
    reports = Report.objects.filter(
        Exists(EventCitation.objects.filter(report=OuterRef("pk"), event__in=filtered))
        | Exists(Figure.objects.filter(report=OuterRef("pk"), event__in=filtered))
    ).order_by("date_start", "file_name")
    reports = list(reports)
    described = filterset.description()
    separator, colon = gettext("；"), gettext("：")
    filter_text = separator.join(f"{label}{colon}{text}" for label, text in described) or gettext(
        "无（全部活动）"
    )
    query = _without_page(request.GET)
    page_url = request.build_absolute_uri(_page_address(query))
    sources = "；".join(source_text(report) for report in reports)
    lines = [
        (gettext("筛选条件"), filter_text),
        (gettext("排序"), filterset.sort_label()),
        (gettext("导出时间"), stamp.isoformat(timespec="seconds")),
        (gettext("来源"), sources or gettext("无")),
        (gettext("网页"), page_url),
        (gettext("说明"), gettext("日期只精确到报道给出的程度；报道未给出的数字留空，不记为0。")),
        (gettext("合计规则"), totals_rule()),
    ]
    about = {
        "filter": {label: text for label, text in described},
        "query": query.urlencode(),
        "sort": filterset.sort_label(),
        "exported_at": stamp.isoformat(timespec="seconds"),
        "sources": [{"title": report.title, "file": report.file_name} for report in reports],
        "url": page_url,
        "totals": totals_rule(),
    }
    return {"lines": lines, "json": about}
