"""Downloads: the rows of pairings.rows written as CSV, XLSX or JSON responses, what each
download is (export.txt), and a page's links to them.

CSV and JSON stream row by row, XLSX is written in openpyxl's write-only mode to a temporary
file, so memory stays flat whatever the row count. Text that a spreadsheet would run as a
formula is neutralised in CSV and XLSX alike.
"""

import json
import tempfile
import unicodedata
from itertools import batched, chain, islice
from urllib.parse import quote

from django.db.models import Case, F, When
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext, override
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from summaries.models import EventRow

from .cells import csv_line, neutralise_formula
from .models import Event, Report
from .rows import (
    EventDrawer,
    event_lines_fingerprint,
    events_related,
    figure_header,
    figure_record,
    figure_row,
    figures_for_export,
    source_text,
    stored_lines,
)

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx_cell(value):
    value = neutralise_formula(value)
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def content_disposition(filename, display_name=None):
    """Return an attachment header with an ASCII filename and, per RFC 5987, the UTF-8 name
    a browser should prefer ('events-20260522.csv', '沪滇劳务协作活动-20260522.csv')."""
    header = f'attachment; filename="{filename}"'
    return f"{header}; filename*=UTF-8''{quote(display_name or filename)}"


def csv_response(filename, header, rows=(), *, text=None, about_url=None, display_name=None):
    """Return a streamed UTF-8 CSV (with BOM, for Excel): a header row on line 1, where
    spreadsheets and pandas look for it, then one line per row, read lazily. `about_url` names
    what describes the file (Link: rel=describedby): description_url()."""
    language = get_language()

    def chunks():
        # Rows are built while the response streams, after the view has returned: keep the
        # request's language for their labels and dates.
        with override(language):
            yield "\ufeff"
            yield csv_line(header)
            # Joined a chunk at a time: one write per line would cost more than the line.
            for chunk in batched(rows, 1000):
                yield "".join([csv_line(row) for row in chunk])
            for chunk in batched(text or (), 1000):
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
    return (
        gettext(
            "每个数字一行，活动的各列在其每一行重复；没有数字的活动占一行，数字各列留空。"
            "“数值”一列是数字：求和前按“单位”“批次/累计”和“其中（所属总数）”筛选。"
        )
        + printed_date_note()
    )


def printed_date_note():
    """Return what the printed-date columns of a download mean, for its description."""
    return gettext(
        "“日期原文”照录报道怎么写日期；“日期依据”说明日期如何从原文得出"
        "（按原文、年份据报道日期推定、据报道日期推算、据农历推算），"
        "“日期”“开始（ISO）”“结束（ISO）”是据此读出的时段，精度不超过原文。"
    )


def totals_rule():
    """Return the rule of totals a download states beside its figures."""
    return (
        gettext("累计数不与批次相加；“其中”数是其总数的一部分。")
        + gettext(
            "原文为范围（如100至200名）的数字，“数值”为其下限，上限见“数值上限”；"
            "合计只加其下限，读作“至少”。"
        )
        + gettext("同一数量有几份报道时，合计只计“同一数量的另一报道”所指的那一个，从不相加。")
    )


def event_csv_text(queryset, chunk_size=2000):
    """Yield the CSV text of the lines (EventDrawer.lines()) of every event of the queryset in
    the active language, as stored when it was written (EventRow); events with none, or with
    lines stored for another layout (a release that changed the header, before
    refresh_summaries), are drawn now, a chunk at a time."""
    field = EventRow.LANGUAGE_FIELDS.get(get_language(), "zh_hans")
    current = When(csv_row__layout=event_lines_fingerprint(), then=F(f"csv_row__{field}"))
    stored = queryset.values_list("pk", Case(current)).iterator(chunk_size=chunk_size)
    drawer = None
    for chunk in batched(stored, chunk_size):
        missing = [pk for pk, text in chunk if text is None]
        if missing:
            drawer = drawer or EventDrawer()
            drawn = {
                event[0]: stored_lines(drawer.lines(event, related))
                for event, related in events_related(Event.objects.filter(pk__in=missing))
            }
        for pk, text in chunk:
            yield text if text is not None else drawn[pk]


def figures_download(request, fmt, figures, *, subject, slug):
    """Return the figures (a queryset) as a CSV, XLSX or JSON download about `subject`, or
    what it is (txt): the subject, the export time, the sources and the rule of totals."""
    figures = figures_for_export(figures).select_related("subset_of__metric")
    stamp = timezone.localtime()
    reports = Report.objects.filter(figures__in=figures.values("pk")).distinct().order_by("pk")
    about = [
        (gettext("内容"), subject),
        (gettext("导出时间"), f"{stamp:%Y-%m-%d %H:%M}"),
        (gettext("来源"), "；".join(source_text(report) for report in reports)),
        (gettext("说明"), totals_rule()),
        (gettext("日期"), printed_date_note()),
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
    records = (figure_record(figure) for figure in each_figure())
    return json_response(filename, dict(about), records, key="figures")


# A page's downloads, and what its CSV is (export.txt).
DOWNLOADS = (("csv", "CSV"), ("xlsx", "Excel (XLSX)"), ("json", "JSON"), ("txt", None))


def download_links(url_name, *args, query=None):
    """Return the links of a page's downloads (DOWNLOADS), each with the query string `query`
    (a QueryDict) when the downloads take the page's filter."""
    suffix = f"?{query.urlencode()}" if query else ""
    return [
        {
            "label": label or gettext("CSV 说明"),
            "url": reverse(url_name, args=[*args, fmt]) + suffix,
        }
        for fmt, label in DOWNLOADS
    ]
