"""Rows: every record a download holds, drawn as plain values (numbers, ISO dates, text in the
active language; labels, never ids), one drawer per kind of record. No file format and no HTTP
here: pairings.downloads writes these rows as CSV, XLSX or JSON, and the summaries store each
event's CSV rows (EventRow) as drawn by EventDrawer.lines().

An event is drawn one way: from plain values read a chunk of events at a time (EventRelated),
never from model instances, because a national download is a million events.
"""

import hashlib
from decimal import Decimal
from functools import lru_cache
from itertools import batched

from django.conf import settings
from django.utils.translation import gettext, override

from .cells import csv_line
from .dates import DateBasis, format_period, iso_at_precision
from .formatting import format_quantity
from .metrics import Qualifier, Unit
from .models import Event, EventCitation, Figure, Metric, Region, Report, choice_label

# --- Figures (the audit export and the pairing, region and report pages) ------------------------

AUDIT_KEYS = (
    "report",
    "excerpt",
    "metric",
    "value",
    "value_high",
    "qualifier",
    "unit",
    "date_start",
    "date_end",
    "date_precision",
    "date_text",
    "date_basis",
    "date_basis_label",
    "metric_label",
    "shanghai",
    "yunnan",
    "partners",
    "joint",
    "cumulative",
)


def figures_for_export(queryset=None):
    """Return figures with everything a figure's row reads, in a fixed number of queries."""
    queryset = Figure.objects.all() if queryset is None else queryset
    return queryset.select_related(
        "metric",
        "subset_of__metric",
        "account_of__metric",
        "account_of__report",
        "report",
        "event",
        "pairing__shanghai",
        "pairing__yunnan",
        "place",
    ).prefetch_related("event__shanghai_regions", "event__yunnan_regions", "partner_regions")


def plain_number(value: Decimal):
    """Return an int for a whole number and a float otherwise (75.1), for JSON."""
    return int(value) if value == value.to_integral_value() else float(value)


def audit_record(figure):
    """Return one figure as the audit export's dict, with exactly AUDIT_KEYS."""
    start, end, precision = figure.period
    dated = figure.event if figure.event_id else figure  # as printed, and how it was read
    return {
        "report": figure.report.file_name,
        "excerpt": figure.excerpt,
        "metric": figure.metric_id,
        "value": plain_number(figure.value),
        "value_high": plain_number(figure.value_high) if figure.value_high is not None else None,
        "qualifier": figure.qualifier,
        "unit": figure.unit,
        "date_start": iso_at_precision(start, precision),
        "date_end": iso_at_precision(end, precision),
        "date_precision": precision or None,
        "date_text": dated.date_text,
        "date_basis": dated.date_basis or None,
        "date_basis_label": basis_label(dated.date_basis),
        "metric_label": figure.metric.label,
        "shanghai": [region.name for region in figure.shanghai_sides()],
        "yunnan": [region.name for region in figure.yunnan_sides()],
        "partners": [region.name for region in figure.partner_regions.all()],
        "joint": figure.is_joint,
        "cumulative": figure.is_cumulative,
    }


def basis_label(basis):
    """Return in words how a period was read from its printed wording ("" when undated)."""
    return str(DateBasis(basis).label) if basis else ""


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
        *_printed_date_header(),
    ]


def figure_row(figure):
    """Return one figure as the cells under figure_header()."""
    record = audit_record(figure)
    return [
        figure.period_display,
        record["date_start"],
        record["date_end"],
        figure.event.title if figure.event_id else "",
        *_quantity_cells(
            figure.metric.label,
            figure.value,
            figure.qualifier,
            figure.unit,
            figure.is_cumulative,
            figure_text(figure.subset_of) if figure.subset_of_id else "",
            figure.subgroup,
            figure.value_high,
            counted_text(figure.account_of) if figure.account_of_id else "",
        ),
        "、".join(record["shanghai"]),
        "、".join(record["yunnan"]),
        source_text(figure.report),
        record["excerpt"],
        record["date_text"],
        record["date_basis_label"],
    ]


def figure_record(figure):
    """Return one figure as an object: the audit keys, then readable labels."""
    return {
        **audit_record(figure),
        "text": format_quantity(
            figure.value, figure.qualifier, figure.unit, high=figure.value_high
        ),
        "metric_label": figure.metric.label,
        "event": figure.event.title if figure.event_id else None,
        "subset_of": figure_text(figure.subset_of) if figure.subset_of_id else None,
        "subgroup": figure.subgroup,
        "account_of": counted_text(figure.account_of) if figure.account_of_id else None,
        "report_title": figure.report.title,
    }


def figure_text(figure):
    """Return a figure as one phrase: '提供岗位 1,000+ 个', '其中 达成意向（农村建档立卡贫困劳动力）
    29 人', '累计 到沪务工 4,595 人'."""
    return _figure_phrase(
        figure.metric.label, *(getattr(figure, field) for field in PHRASE_FIELDS[1:])
    )


# The fields of a figure _figure_phrase() reads, in its order (the metric's code: its label).
PHRASE_FIELDS = (
    "metric", "value", "qualifier", "unit", "subgroup", "subset_of_id", "is_cumulative",
    "value_high",
)  # fmt: skip
# Where EventRelated.figures' tuples hold each part: the phrase's fields, its whole's, those
# of the figure it is another report's account of and that one's report, then its own report
# id and the excerpt (last: the search digest reads it there).
_OWN = slice(0, len(PHRASE_FIELDS))
_WHOLE = slice(len(PHRASE_FIELDS), 2 * len(PHRASE_FIELDS))
_COUNTED = slice(2 * len(PHRASE_FIELDS), 3 * len(PHRASE_FIELDS))
_COUNTED_REPORT = 3 * len(PHRASE_FIELDS)
_REPORT, _EXCERPT = _COUNTED_REPORT + 1, _COUNTED_REPORT + 2


def _figure_phrase(
    label, value, qualifier, unit, subgroup, subset_of_id, is_cumulative, value_high
):
    if subgroup:
        label = f"{label}（{subgroup}）"
    text = f"{label} {format_quantity(value, qualifier, unit, high=value_high)}"
    if subset_of_id:
        text = gettext("其中 %(figure)s") % {"figure": text}
    if is_cumulative:
        text = gettext("累计 %(figure)s") % {"figure": text}
    return text


def counted_text(figure):
    """Return the figure another report's account is of, as a row names it: its phrase and
    its source, '到沪务工 61 人（标题（文件名））'."""
    return f"{figure_text(figure)}（{source_text(figure.report)}）"


def source_text(report):
    """Return how a row names a report: '标题（文件名）'."""
    return f"{report.name}（{report.file_name}）"


def _quantity_header():
    """Return the titles of the columns that say what a figure is (_quantity_cells())."""
    return [
        gettext("指标"),
        gettext("数值"),
        gettext("数值上限"),
        gettext("限定代码"),
        gettext("限定"),
        gettext("单位"),
        gettext("读作"),
        gettext("批次/累计"),
        gettext("其中（所属总数）"),
        gettext("子群体"),
        gettext("同一数量的另一报道"),
    ]


def _quantity_cells(label, value, qualifier, unit, is_cumulative, whole, subgroup, high, counted):
    """Return the cells under _quantity_header() of a figure of the metric labelled `label`;
    `whole` is the phrase of the figure this one is a part of, or ""; `high` the high bound
    of a range, or None; `counted` the figure (counted_text()) this one is another report's
    account of, or ""."""
    return [
        label,
        plain_number(value),
        "" if high is None else plain_number(high),
        qualifier,
        choice_label(Qualifier, qualifier),
        choice_label(Unit, unit),
        format_quantity(value, qualifier, unit, high=high),
        gettext("累计") if is_cumulative else gettext("批次"),
        whole,
        subgroup,
        counted,
    ]


# --- Events ------------------------------------------------------------------------------------


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


def _printed_date_header():
    """Return the titles of the date as printed and how its period was read from it."""
    return [gettext("日期原文"), gettext("日期依据")]


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
    """The sources, then the date as printed: last, so earlier columns keep their places."""
    return [gettext("来源报道"), gettext("原文摘录"), *_printed_date_header()]


def event_header():
    """Return the column titles of the events sheet: one row per event, its figures in words
    (EventDrawer.row())."""
    return [*_event_columns(), gettext("数字"), *_source_columns()]


def event_lines_header():
    """Return the column titles of an event's lines (EventDrawer.lines()): one row per figure,
    the event's columns repeated on each (one row with empty figure columns for an event
    without figures). The events CSV's header."""
    return [*_event_columns(), *_quantity_header(), *_source_columns()]


def event_figure_header():
    """Return the column titles of the figures sheet (EventDrawer.figure_rows())."""
    return [
        gettext("活动标题"),
        gettext("活动日期"),
        *_quantity_header(),
        gettext("来源报道"),
        gettext("原文摘录"),
    ]


# Move it when a line is drawn differently in a way the header and the labels do not show (a
# number or date format, a phrase, how EventRow stores it): a new column or a relabelled
# choice moves event_lines_fingerprint() by itself.
EVENT_LINES_VERSION = 5
# The choices a line names by their labels. Not the metrics: their names are data, and a write
# that renames one redraws the lines of its events (summaries.refresh.touched_by).
EVENT_LINES_CHOICES = (Event.Kind, Qualifier, Unit)


def event_lines_fingerprint():
    """Return a short fingerprint of the layout of an event's lines: their header and the
    labels their cells name, in every language of the site (each stored in EventRow), and
    EVENT_LINES_VERSION. Lines stored under another one are drawn again rather than served
    under a header they do not fit."""
    words = [str(EVENT_LINES_VERSION)]
    for language, _name in settings.LANGUAGES:
        with override(language):
            words += event_lines_header()
            words += [str(label) for choices in EVENT_LINES_CHOICES for label in choices.labels]
    return hashlib.blake2b("\x1f".join(words).encode(), digest_size=8).hexdigest()


def stored_lines(lines):
    """Return an event's lines as EventRow stores them: their CSV text, which the events CSV
    streams as it is (reading plain values back and writing them would cost three times
    more)."""
    return "".join(csv_line(line) for line in lines)


MEMO_SIZE = 10_000
EVENT_FIELDS = (
    "pk", "date_start", "date_end", "date_precision", "kind",
    "title", "venue", "partners", "summary", "date_text", "date_basis",
)  # fmt: skip


def _period_cells(start, end, precision):
    return (
        format_period(start, end, precision),
        iso_at_precision(start, precision),
        iso_at_precision(end, precision),
    )


class EventRelated:
    """What a chunk of events' rows show beside the events, as plain values: six queries
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
        # {code: (name, level, parent code)} of the regions named and those right above them:
        # of 45,000 regions a chunk names a few hundred.
        named = {
            code
            for links in (self.shanghai, self.yunnan, self.partners)
            for event_links in links.values()
            for (code,) in event_links
        }
        self.regions = {}
        for code, name, level, parent, *above in Region.objects.filter(pk__in=named).values_list(
            "code", "name", "level", "parent", "parent__name", "parent__level", "parent__parent"
        ):
            self.regions[code] = (name, level, parent)
            if parent:
                self.regions.setdefault(parent, tuple(above))
        self.citations = _by_event(  # [(report id, excerpt)]
            EventCitation.objects.filter(event_id__in=ids)
            .order_by("report__date_start", "report__file_name", "pk")
            .values_list("event_id", "report_id", "excerpt")
        )
        # [(_figure_phrase's arguments, then those of the whole it is part of and of the
        # figure it is an account of and that one's report, then its report id, then its
        # excerpt, last)]
        self.figures = _by_event(
            Figure.objects.filter(event_id__in=ids)
            .order_by("pk")
            .values_list(
                "event_id",
                *PHRASE_FIELDS,
                *(f"subset_of__{field}" for field in PHRASE_FIELDS),
                *(f"account_of__{field}" for field in PHRASE_FIELDS),
                "account_of__report_id",
                "report_id",
                "excerpt",
            )
        )


def _by_event(rows):
    """Return {event id: [the rest of each row]} from rows that start with the event id."""
    grouped = {}
    for event_id, *rest in rows:
        grouped.setdefault(event_id, []).append(rest)
    return grouped


class EventDrawer:
    """Draws events (values of EVENT_FIELDS with their EventRelated) as rows, in the language
    active when it is made and used. Names, labels and periods are looked up once, not once per
    row: a million rows are a national download."""

    def __init__(self):
        self.reports = Report.objects.in_bulk()
        self.sources = {pk: source_text(report) for pk, report in self.reports.items()}
        self.kinds = {kind: str(label) for kind, label in Event.Kind.choices}
        self.metrics = {code: metric.label for code, metric in Metric.objects.registry().items()}
        # Bounded: a download's periods repeat (a few thousand days), its figures' phrases less.
        self.periods = lru_cache(maxsize=MEMO_SIZE)(_period_cells)
        self.phrases = lru_cache(maxsize=MEMO_SIZE)(self._phrase)
        self.semicolon = gettext("；")
        self.no_figure = [[""] * len(_quantity_header())]

    def lines(self, event, related):
        """Return the event's rows under event_lines_header(): one per figure, or one with
        empty figure columns."""
        described, sources = self._event_cells(event, related)
        figures = related.figures.get(event[0], ())
        quantities = [self._quantity_cells(figure) for figure in figures] or self.no_figure
        return [[*described, *cells, *sources] for cells in quantities]

    def row(self, event, related):
        """Return the event's row under event_header(): its figures in words in one cell."""
        described, sources = self._event_cells(event, related)
        figures = related.figures.get(event[0], ())
        phrases = self.semicolon.join(self.phrases(*figure[_OWN]) for figure in figures)
        return [*described, phrases, *sources]

    def figure_rows(self, event, related):
        """Return the event's figures as rows under event_figure_header()."""
        pk, start, end, precision, _kind, title, *_ = event
        period = self.periods(start, end, precision)[0]
        return [
            [
                title,
                period,
                *self._quantity_cells(figure),
                self.sources[figure[_REPORT]],
                figure[_EXCERPT],
            ]
            for figure in related.figures.get(pk, ())
        ]

    def record(self, event, related):
        """Return the event as an object with its sources and figures nested."""
        pk, start, end, precision, kind, title, venue, partners, summary, text, basis = event
        period, start_iso, end_iso = self.periods(start, end, precision)
        return {
            "title": title,
            "kind": self.kinds.get(kind, kind),
            "date": period,
            "date_start": start_iso,
            "date_end": end_iso,
            "date_precision": precision or None,
            "date_text": text,
            "date_basis": basis or None,
            "date_basis_label": basis_label(basis),
            "shanghai": [related.regions[code][0] for (code,) in related.shanghai.get(pk, ())],
            "yunnan": [related.regions[code][0] for (code,) in related.yunnan.get(pk, ())],
            "venue": venue,
            "partners": partners,
            "summary": summary,
            "sources": [
                {
                    "report": self.reports[report].title,
                    "report_file": self.reports[report].file_name,
                    "excerpt": excerpt,
                }
                for report, excerpt in related.citations.get(pk, ())
            ],
            "figures": [self._figure_record(figure) for figure in related.figures.get(pk, ())],
        }

    def _phrase(self, metric, *rest):
        return _figure_phrase(self.metrics.get(metric, metric), *rest)

    def _figure_record(self, figure):
        metric, value, qualifier, unit, subgroup, subset_of_id, is_cumulative, high = figure[_OWN]
        report = self.reports[figure[_REPORT]]
        return {
            "metric": self.metrics.get(metric, metric),
            "value": plain_number(value),
            "value_high": None if high is None else plain_number(high),
            "qualifier": choice_label(Qualifier, qualifier),
            "unit": choice_label(Unit, unit),
            "text": format_quantity(value, qualifier, unit, high=high),
            "cumulative": is_cumulative,
            "subset_of": self.phrases(*figure[_WHOLE]) if subset_of_id else None,
            "subgroup": subgroup,
            "account_of": self._counted_text(figure) or None,
            "report": report.title,
            "report_file": report.file_name,
            "excerpt": figure[_EXCERPT],
        }

    def _quantity_cells(self, figure):
        """Return _quantity_cells() of a figure of EventRelated.figures."""
        metric, value, qualifier, unit, subgroup, subset_of_id, is_cumulative, high = figure[_OWN]
        whole_text = self.phrases(*figure[_WHOLE]) if subset_of_id else ""
        label = self.metrics.get(metric, metric)
        return _quantity_cells(
            label,
            value,
            qualifier,
            unit,
            is_cumulative,
            whole_text,
            subgroup,
            high,
            self._counted_text(figure),
        )

    def _counted_text(self, figure):
        """Return counted_text() of the figure a figure of EventRelated.figures is another
        report's account of, or ""."""
        if figure[_COUNTED_REPORT] is None:
            return ""
        return f"{self.phrases(*figure[_COUNTED])}（{self.sources[figure[_COUNTED_REPORT]]}）"

    def _event_cells(self, event, related):
        """Return the cells of _event_columns() and of _source_columns()."""
        pk, start, end, precision, kind, title, venue, partners, summary, text, basis = event
        regions = related.regions
        period, start_iso, end_iso = self.periods(start, end, precision)
        places = [regions[code] for (code,) in related.yunnan.get(pk, ())]
        sources = related.citations.get(pk, ())
        figures = related.figures.get(pk, ())
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
            "；".join(self.sources[report] for report in _reports_told(sources, figures)),
            "\n".join(excerpt for _report, excerpt in sources),
            text,
            basis_label(basis),
        ]


def _reports_told(citations, figures):
    """Return the ids of the reports that tell of an event (Event.reports_told()), from its
    citations and figures of EventRelated: the cited first, then those only a figure cites
    (another report's account of a quantity)."""
    reports = dict.fromkeys(report for report, _excerpt in citations)
    reports.update(dict.fromkeys(figure[_REPORT] for figure in figures))
    return list(reports)


def events_related(queryset, chunk_size=2000):
    """Yield (values of EVENT_FIELDS, the EventRelated of its chunk) of every event of the
    queryset, a chunk of events at a time."""
    events = queryset.values_list(*EVENT_FIELDS).iterator(chunk_size=chunk_size)
    for chunk in batched(events, chunk_size):
        related = EventRelated([event[0] for event in chunk])
        for event in chunk:
            yield event, related


def drawn(queryset, draw, chunk_size=2000):
    """Yield what `draw` (a method of an EventDrawer: lines, row, figure_rows, record) returns
    for every event of the queryset."""
    for event, related in events_related(queryset, chunk_size):
        yield draw(event, related)
