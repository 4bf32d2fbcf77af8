"""Rows for exports. The audit export (export_figures) and the public downloads share them.

The downloads' machinery is here too: CSV and JSON stream row by row, XLSX is written in
openpyxl's write-only mode to a temporary file, so memory stays flat whatever the row count.
Text that a spreadsheet would run as a formula is neutralised in CSV and XLSX alike.
"""

import csv
import hashlib
import json
import tempfile
import unicodedata
from decimal import Decimal
from functools import lru_cache
from itertools import batched, chain, islice
from urllib.parse import quote

from django.db.models import Case, F, OuterRef, Prefetch, Subquery, When
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext, override
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from summaries.models import EventRow

from .dates import format_period, iso_at_precision
from .formatting import format_quantity
from .metrics import Metric, Qualifier, Unit
from .models import Event, EventCitation, Figure, Region, Report, choice_label

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


# --- Downloads: the generic machinery -----------------------------------------------------------

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell starting with one of these is a formula (or DDE payload) to Excel and LibreOffice.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def starts_formula(value):
    """Return whether a spreadsheet would read the text as a formula (or a DDE payload)."""
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def neutralise_formula(value):
    """Return text that would start a spreadsheet formula with a leading ' so it stays text."""
    if isinstance(value, Promise):  # a lazy label
        value = str(value)
    return "'" + value if starts_formula(value) else value


def _xlsx_cell(value):
    value = neutralise_formula(value)
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def content_disposition(filename, display_name=None):
    """Return an attachment header with an ASCII filename and, per RFC 5987, the UTF-8 name
    a browser should prefer ('events-20260522.csv', '沪滇劳务协作活动-20260522.csv')."""
    header = f'attachment; filename="{filename}"'
    return f"{header}; filename*=UTF-8''{quote(display_name or filename)}"


class _Echo:
    """A file for csv.writer that hands each written line back instead of storing it."""

    def write(self, line):
        return line


_CSV_WRITER = csv.writer(_Echo())


def csv_line(cells):
    """Return the cells as one CSV line, formulas neutralised."""
    return _CSV_WRITER.writerow([neutralise_formula(cell) for cell in cells])


def csv_response(filename, header, rows=(), *, lines=None, about_url=None, display_name=None):
    """Return a streamed UTF-8 CSV (with BOM, for Excel): a header row on line 1, where
    spreadsheets and pandas look for it, then one row per item of `rows` (or the text of
    `lines`, drawn by csv_line()), read lazily. `about_url` names what describes the file
    (Link: rel=describedby): description_url()."""
    language = get_language()

    def chunks():
        # Rows are built while the response streams, after the view has returned: keep the
        # request's language for their labels and dates.
        with override(language):
            yield "\ufeff"
            yield csv_line(header)
            if lines is None:
                yield from (csv_line(row) for row in rows)
            else:
                # Joined a chunk at a time: one write per line would cost more than the line.
                for chunk in batched(lines, 1000):
                    yield "".join(chunk)

    response = StreamingHttpResponse(chunks(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition(filename, display_name)
    if about_url:
        response["Link"] = f'<{about_url}>; rel="describedby"'
    return response


# Columns are as wide as the widest of the header and the first rows, within these bounds.
WIDTH_SAMPLE_ROWS = 100
MIN_WIDTH, MAX_WIDTH = 8, 60


def xlsx_response(filename, sheets, *, display_name=None):
    """Return an XLSX with one sheet per (title, header, rows); header may be None. Rows are
    read lazily and written straight to a temporary file. A sheet with a header has it frozen
    and filtered."""
    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title)
        rows = iter(rows)
        # A write-only sheet takes its column widths and frozen panes before its first row.
        first_rows = [[_xlsx_cell(cell) for cell in row] for row in islice(rows, WIDTH_SAMPLE_ROWS)]
        header = [_xlsx_cell(cell) for cell in header] if header else None
        for column, width in enumerate(_column_widths([header or [], *first_rows]), start=1):
            sheet.column_dimensions[get_column_letter(column)].width = width
        if header:
            sheet.freeze_panes = "A2"
            sheet.append(header)
        count = 0
        for row in chain(first_rows, ([_xlsx_cell(cell) for cell in row] for row in rows)):
            sheet.append(row)
            count += 1
        if header:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count + 1}"
    file = tempfile.TemporaryFile()
    workbook.save(file)
    file.seek(0)
    response = FileResponse(file, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename, display_name)
    return response


def _column_widths(rows):
    """Return the width of each column of the rows, in characters (a Chinese one counts two),
    within MIN_WIDTH and MAX_WIDTH."""
    widths = []
    for row in rows:
        widths += [MIN_WIDTH] * (len(row) - len(widths))
        for column, cell in enumerate(row):
            if cell is not None and widths[column] < MAX_WIDTH:
                widths[column] = min(MAX_WIDTH, max(widths[column], _text_width(cell) + 2))
    return widths


def _text_width(value):
    lines = str(value).splitlines() or [""]
    return max(
        sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)
        for line in lines
    )


def json_response(filename, about, records, *, key="items", display_name=None):
    """Return a streamed JSON document {"about": about, key: [records…]}."""

    language = get_language()

    def chunks():
        with override(language):  # as in csv_response
            yield '{"about": ' + json.dumps(about, ensure_ascii=False) + f', "{key}": ['
            for position, record in enumerate(records):
                yield ("," if position else "") + "\n" + json.dumps(record, ensure_ascii=False)
            yield "\n]}\n"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = content_disposition(filename, display_name)
    return response


# --- Downloads: events ---------------------------------------------------------------------------


def events_with_details(queryset):
    """Return the events with everything a row shows — Shanghai sides, Yunnan places with their
    prefecture, citations with their report, figures, the first pairing — in a fixed number of
    queries (works with .iterator(chunk_size=…) too)."""
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
        Prefetch("figures", queryset=Figure.objects.select_related("report", "subset_of")),
    )


def yunnan_places(event):
    """Return the event's Yunnan places, counties after their prefecture:
    ['昭通市：昭阳区、彝良县', '文山州']. Needs yunnan_regions prefetched with their parent."""
    return _grouped_places(
        (region.name, region.level, region.parent.name if region.parent_id else None)
        for region in event.yunnan_regions.all()
    )


def _grouped_places(places):
    """Return yunnan_places() from (name, level, parent name) in the order of the regions."""
    groups = {}
    for name, level, parent_name in places:
        if level == Region.Level.COUNTY and parent_name:
            groups.setdefault(parent_name, []).append(name)
        else:
            groups.setdefault(name, [])
    return [
        f"{name}：{'、'.join(counties)}" if counties else name for name, counties in groups.items()
    ]


def figure_text(figure):
    """Return a figure as one phrase: '提供岗位 1,000+ 个', '其中 达成意向（农村建档立卡贫困劳动力）
    29 人', '累计 到沪务工 4,595 人'."""
    return _figure_phrase(
        figure.metric,
        figure.value,
        figure.qualifier,
        figure.unit,
        figure.subgroup,
        figure.subset_of_id,
        figure.is_cumulative,
    )


def _figure_phrase(metric, value, qualifier, unit, subgroup, subset_of_id, is_cumulative):
    label = choice_label(Metric, metric)
    if subgroup:
        label = f"{label}（{subgroup}）"
    text = f"{label} {format_quantity(value, qualifier, unit)}"
    if subset_of_id:
        text = gettext("其中 %(figure)s") % {"figure": text}
    if is_cumulative:
        text = gettext("累计 %(figure)s") % {"figure": text}
    return text


def _source_text(report):
    return f"{report.title}（{report.file_name}）"


def description_url(request):
    """Return the absolute address of what the requested download is: its export.txt twin,
    with the same query string."""
    match = request.resolver_match
    path = reverse(match.view_name, kwargs={**match.kwargs, "fmt": "txt"})
    query = request.GET.urlencode()
    return request.build_absolute_uri(f"{path}?{query}" if query else path)


def about_response(lines, filename, display_name=None):
    """Return what a download is, as a file of "label: value" lines (export.txt): a CSV keeps
    its header on line 1, so its description travels beside it, named by its Link header and
    the page's CSV 说明 link, as the XLSX 说明 sheet travels inside the workbook."""
    text = "".join(f"{label}: {value}\n" for label, value in lines)
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = content_disposition(filename, display_name)
    return response


def event_csv_layout():
    """Return how the events CSV is laid out, for its description."""
    return gettext(
        "每个数字一行，活动的各列在其每一行重复；没有数字的活动占一行，数字各列留空。"
        "“数值”一列是数字：求和前按“单位”“批次/累计”和“其中（所属总数）”筛选。"
    )


def totals_rule():
    """Return the rule of totals a download states beside its figures."""
    return gettext("累计数不与批次相加；“其中”数是其总数的一部分。")


def _event_columns():
    return [
        gettext("日期"),
        gettext("开始（ISO）"),
        gettext("结束（ISO）"),
        gettext("类型"),
        gettext("标题"),
        gettext("上海参与方"),
        gettext("云南地点"),
        gettext("地点"),
        gettext("其他参与单位"),
        gettext("概要"),
    ]


def _source_columns():
    return [gettext("来源报道"), gettext("原文摘录")]


def event_header():
    """Return the column titles of the events sheet: one row per event, its figures in words."""
    return [*_event_columns(), gettext("数字"), *_source_columns()]


def event_csv_header():
    """Return the column titles of the events CSV: one row per figure, the event's columns
    repeated on each (one row with empty figure columns for an event without figures)."""
    return [*_event_columns(), *_quantity_header(), *_source_columns()]


# Move it when a line is drawn differently in a way the header and the labels do not show (a
# number or date format, a phrase): a new column or a relabelled choice moves
# event_csv_fingerprint() by itself.
EVENT_CSV_VERSION = 1
# The choices a line names by their labels.
EVENT_CSV_CHOICES = (Event.Kind, Metric, Qualifier, Unit)


def event_csv_fingerprint():
    """Return a short fingerprint of the layout the events CSV's lines are drawn for: its
    header and the labels its cells name, in every language an EventRow stores, and
    EVENT_CSV_VERSION. A line stored under another one is drawn again rather than served under
    a header it does not fit."""
    words = [str(EVENT_CSV_VERSION)]
    for language in EventRow.LANGUAGE_FIELDS:
        with override(language):
            words += event_csv_header()
            words += [str(label) for choices in EVENT_CSV_CHOICES for label in choices.labels]
    return hashlib.blake2b("\x1f".join(words).encode(), digest_size=8).hexdigest()


MEMO_SIZE = 10_000
EVENT_ROW_FIELDS = (
    "pk", "date_start", "date_end", "date_precision", "kind",
    "title", "venue", "partners", "summary",
)  # fmt: skip


def _period_cells(start, end, precision):
    return (
        format_period(start, end, precision),
        iso_at_precision(start, precision),
        iso_at_precision(end, precision),
    )


class EventRelated:
    """What a chunk of events' rows show beside the events, as plain values: five queries
    whatever the chunk's size (model instances and prefetch_related cost several times more
    than writing a row). Each attribute maps an event id to a list."""

    def __init__(self, ids):
        def links(through):
            return _by_event(
                through.objects.filter(event_id__in=ids)
                .order_by("region_id")
                .values_list("event_id", "region_id")
            )

        self.shanghai = links(Event.shanghai_regions.through)  # [(code,)]
        self.yunnan = links(Event.yunnan_regions.through)
        self.partners = links(Event.partner_regions.through)
        self.citations = _by_event(  # [(report id, excerpt)]
            EventCitation.objects.filter(event_id__in=ids)
            .order_by("report__date_start", "report__file_name", "pk")
            .values_list("event_id", "report_id", "excerpt")
        )
        # [(_figure_phrase's arguments, then those of the whole it is part of, then excerpt)]
        self.figures = _by_event(
            Figure.objects.filter(event_id__in=ids)
            .order_by("pk")
            .values_list(
                "event_id",
                *PHRASE_FIELDS,
                *(f"subset_of__{field}" for field in PHRASE_FIELDS),
                "excerpt",
            )
        )


# The fields of a figure _figure_phrase() reads, in its order.
PHRASE_FIELDS = (
    "metric", "value", "qualifier", "unit", "subgroup", "subset_of_id", "is_cumulative",
)  # fmt: skip


class EventCells:
    """Draws events as the cells under event_header(), in the language active when it is
    made and used; labels, never ids. Names, labels and periods are looked up once, not once
    per row: a million rows are a national export."""

    def __init__(self):
        self.regions = {
            code: (name, level, parent_id)
            for code, name, level, parent_id in Region.objects.values_list(
                "code", "name", "level", "parent_id"
            )
        }
        self.reports = {pk: _source_text(report) for pk, report in Report.objects.in_bulk().items()}
        self.kinds = {kind: str(label) for kind, label in Event.Kind.choices}
        # Bounded: an export's periods repeat (a few thousand days), its figures' phrases less.
        self.periods = lru_cache(maxsize=MEMO_SIZE)(_period_cells)
        self.phrases = lru_cache(maxsize=MEMO_SIZE)(_figure_phrase)
        self.semicolon = gettext("；")
        self.no_figure = [[""] * len(_quantity_header())]

    def __call__(self, event, related):
        """Return the cells under event_header() of `event` (values of EVENT_ROW_FIELDS) from
        its EventRelated."""
        described, sources = self._event_cells(event, related)
        figures = related.figures.get(event[0], ())
        phrases = self.semicolon.join(self.phrases(*figure[:7]) for figure in figures)
        return [*described, phrases, *sources]

    def csv_text(self, event, related):
        """Return the lines under event_csv_header() of `event`: one per figure, or one with
        empty figure columns."""
        described, sources = self._event_cells(event, related)
        figures = related.figures.get(event[0], ())
        rows = [self._quantity_cells(figure) for figure in figures] or self.no_figure
        return "".join(csv_line([*described, *cells, *sources]) for cells in rows)

    def _quantity_cells(self, figure):
        """Return _quantity_cells() of a figure of EventRelated.figures."""
        metric, value, qualifier, unit, subgroup, subset_of_id, is_cumulative, *whole, _ = figure
        whole_text = self.phrases(*whole) if subset_of_id else ""
        return _quantity_cells(metric, value, qualifier, unit, is_cumulative, whole_text, subgroup)

    def _event_cells(self, event, related):
        """Return the cells of _event_columns() and of _source_columns()."""
        pk, start, end, precision, kind, title, venue, partners, summary = event
        regions = self.regions
        period, start_iso, end_iso = self.periods(start, end, precision)
        places = [regions[code] for (code,) in related.yunnan.get(pk, ())]
        sources = related.citations.get(pk, ())
        return [
            period,
            start_iso,
            end_iso,
            self.kinds.get(kind, kind),
            title,
            "、".join(regions[code][0] for (code,) in related.shanghai.get(pk, ())),
            "；".join(
                _grouped_places(
                    (name, level, regions[parent][0] if parent else None)
                    for name, level, parent in places
                )
            ),
            venue,
            partners,
            summary,
        ], [
            "；".join(self.reports[report] for report, _excerpt in sources),
            "\n".join(excerpt for _report, excerpt in sources),
        ]


def event_csv_lines(queryset, chunk_size=2000):
    """Yield every event of the queryset as its lines of the events CSV (one per figure), in
    the active language, as drawn when it was written (EventRow); events with none, or with
    lines drawn for another layout (a release that changed the header, before
    refresh_summaries), are drawn now, a chunk at a time."""
    field = EventRow.LANGUAGE_FIELDS.get(get_language(), "zh_hans")
    current = When(csv_row__layout=event_csv_fingerprint(), then=F(f"csv_row__{field}"))
    lines = queryset.values_list("pk", Case(current)).iterator(chunk_size=chunk_size)
    cells = None
    for chunk in batched(lines, chunk_size):
        missing = [pk for pk, line in chunk if line is None]
        if missing:
            cells = cells or EventCells()
            drawn = {
                event[0]: cells.csv_text(event, related)
                for event, related in _events_related(Event.objects.filter(pk__in=missing))
            }
        for pk, line in chunk:
            yield line if line is not None else drawn[pk]


def draw_event_csv_lines(queryset, chunk_size=2000):
    """Yield every event of the queryset as its lines of the events CSV, drawn now."""
    cells = EventCells()
    for event, related in _events_related(queryset, chunk_size):
        yield cells.csv_text(event, related)


def event_rows(queryset, chunk_size=2000):
    """Yield every event of the queryset as the cells under event_header(), streamed."""
    cells = EventCells()
    for event, related in _events_related(queryset, chunk_size):
        yield cells(event, related)


def _events_related(queryset, chunk_size=2000):
    """Yield (values of EVENT_ROW_FIELDS, the EventRelated of its chunk) of every event of the
    queryset."""
    events = queryset.values_list(*EVENT_ROW_FIELDS).iterator(chunk_size=chunk_size)
    for chunk in batched(events, chunk_size):
        related = EventRelated([event[0] for event in chunk])
        for event in chunk:
            yield event, related


def _by_event(rows):
    """Return {event id: [the rest of each row]} from rows that start with the event id."""
    grouped = {}
    for event_id, *rest in rows:
        grouped.setdefault(event_id, []).append(rest)
    return grouped


def _quantity_header():
    """Return the titles of the columns that say what a figure is (_quantity_cells())."""
    return [
        gettext("指标"),
        gettext("数值"),
        gettext("限定代码"),
        gettext("限定"),
        gettext("单位"),
        gettext("读作"),
        gettext("批次/累计"),
        gettext("其中（所属总数）"),
        gettext("子群体"),
    ]


def _quantity_cells(metric, value, qualifier, unit, is_cumulative, whole, subgroup):
    """Return the cells under _quantity_header(); `whole` is the phrase of the figure this
    one is a part of, or ""."""
    return [
        choice_label(Metric, metric),
        plain_number(value),
        qualifier,
        Qualifier(qualifier).label,
        Unit(unit).label,
        format_quantity(value, qualifier, unit),
        gettext("累计") if is_cumulative else gettext("批次"),
        whole,
        subgroup,
    ]


def event_figure_header():
    """Return the column titles of the figures sheet."""
    return [
        gettext("活动标题"),
        gettext("活动日期"),
        *_quantity_header(),
        gettext("来源报道"),
        gettext("原文摘录"),
    ]


def _figure_cells(
    event, metric, value, qualifier, unit, is_cumulative, subgroup, title, file_name, excerpt, whole
):
    return [
        event.title,
        event.period_display,
        *_quantity_cells(metric, value, qualifier, unit, is_cumulative, whole, subgroup),
        f"{title}（{file_name}）",
        excerpt,
    ]


def event_figure_rows_of(queryset, chunk_size=2000):
    """Yield one row per figure of every event of the queryset, under event_figure_header(),
    streamed: one query per chunk of events reads their figures as plain values (see
    event_rows())."""
    whole = ("metric", "value", "qualifier", "unit", "subgroup", "subset_of_id", "is_cumulative")
    events = queryset.iterator(chunk_size=chunk_size)
    while chunk := list(islice(events, chunk_size)):
        figures = _by_event(
            Figure.objects.filter(event_id__in=[event.pk for event in chunk])
            .order_by("pk")
            .values_list(
                "event_id",
                "metric",
                "value",
                "qualifier",
                "unit",
                "is_cumulative",
                "subgroup",
                "report__title",
                "report__file_name",
                "excerpt",
                "subset_of_id",
                *(f"subset_of__{field}" for field in whole),
            )
        )
        for event in chunk:
            for row in figures.get(event.pk, ()):
                figure, whole_pk, whole_figure = row[:9], row[9], row[10:]
                yield _figure_cells(
                    event, *figure, _figure_phrase(*whole_figure) if whole_pk else ""
                )


def _figure_record(figure):
    record = audit_record(figure)
    return {
        "metric": str(figure.get_metric_display()),
        "value": record["value"],
        "qualifier": str(Qualifier(figure.qualifier).label),
        "unit": str(Unit(figure.unit).label),
        "text": format_quantity(figure.value, figure.qualifier, figure.unit),
        "cumulative": record["cumulative"],
        "subset_of": figure_text(figure.subset_of) if figure.subset_of_id else None,
        "subgroup": figure.subgroup,
        "report": figure.report.title,
        "report_file": record["report"],
        "excerpt": record["excerpt"],
    }


def event_record(event):
    """Return one event as a JSON object with its figures nested; labels, never ids."""
    return {
        "title": event.title,
        "kind": str(event.get_kind_display()),
        "date": event.period_display,
        "date_start": event.date_start_iso,
        "date_end": event.date_end_iso,
        "date_precision": event.date_precision or None,
        "shanghai": [region.name for region in event.shanghai_regions.all()],
        "yunnan": [region.name for region in event.yunnan_regions.all()],
        "venue": event.venue,
        "partners": event.partners,
        "summary": event.summary,
        "sources": [
            {
                "report": citation.report.title,
                "report_file": citation.report.file_name,
                "excerpt": citation.excerpt,
            }
            for citation in event.citations.all()
        ],
        "figures": [_figure_record(figure) for figure in event.figures.all()],
    }


# --- Downloads: figures (pairing, region and report pages) ---------------------------------------


def figure_header():
    """Return the column titles of a figures download: one row per figure."""
    return [
        gettext("日期"),
        gettext("开始（ISO）"),
        gettext("结束（ISO）"),
        gettext("活动"),
        *_quantity_header(),
        gettext("上海方"),
        gettext("云南方"),
        gettext("来源报道"),
        gettext("原文摘录"),
    ]


def figure_row(figure):
    """Return one figure as the cells under figure_header(); labels, never ids."""
    record = audit_record(figure)
    return [
        figure.period_display,
        record["date_start"],
        record["date_end"],
        figure.event.title if figure.event_id else "",
        *_quantity_cells(
            figure.metric,
            figure.value,
            figure.qualifier,
            figure.unit,
            figure.is_cumulative,
            figure_text(figure.subset_of) if figure.subset_of_id else "",
            figure.subgroup,
        ),
        "、".join(record["shanghai"]),
        "、".join(record["yunnan"]),
        _source_text(figure.report),
        record["excerpt"],
    ]


def figure_json(figure):
    """Return one figure as a JSON object: the audit keys, then readable labels."""
    return {
        **audit_record(figure),
        "text": format_quantity(figure.value, figure.qualifier, figure.unit),
        "metric_label": str(figure.get_metric_display()),
        "event": figure.event.title if figure.event_id else None,
        "subset_of": figure_text(figure.subset_of) if figure.subset_of_id else None,
        "subgroup": figure.subgroup,
        "report_title": figure.report.title,
    }


def figures_download(request, fmt, figures, *, subject, slug):
    """Return the figures (a queryset) as a CSV, XLSX or JSON download about `subject`, or
    what it is (txt): the subject, the export time, the sources and the rule of totals."""
    figures = figures_for_export(figures).select_related("subset_of")
    stamp = timezone.localtime()
    reports = Report.objects.filter(figures__in=figures.values("pk")).distinct().order_by("pk")
    about = [
        (gettext("内容"), subject),
        (gettext("导出时间"), f"{stamp:%Y-%m-%d %H:%M}"),
        (gettext("来源"), "；".join(_source_text(report) for report in reports)),
        (gettext("说明"), totals_rule()),
    ]
    filename = f"{slug}-{stamp:%Y%m%d}.{fmt}"

    def each_figure():
        return figures.iterator(chunk_size=2000)

    if fmt == "txt":
        return about_response(about, filename)
    if fmt == "csv":
        rows = (figure_row(figure) for figure in each_figure())
        return csv_response(filename, figure_header(), rows, about_url=description_url(request))
    if fmt == "xlsx":
        sheets = [
            (gettext("说明"), None, about),
            (gettext("数字"), figure_header(), (figure_row(figure) for figure in each_figure())),
        ]
        return xlsx_response(filename, sheets)
    records = (figure_json(figure) for figure in each_figure())
    return json_response(filename, dict(about), records, key="figures")


# A page's downloads, and what its CSV is (export.txt).
DOWNLOADS = (("csv", "CSV"), ("xlsx", "Excel (XLSX)"), ("json", "JSON"), ("txt", None))


def download_links(url_name, *args):
    """Return the links of a page's downloads (DOWNLOADS)."""
    return [
        {"label": label or gettext("CSV 说明"), "url": reverse(url_name, args=[*args, fmt])}
        for fmt, label in DOWNLOADS
    ]
