"""The events browser's filters. The page and its CSV/XLSX/JSON downloads share one FilterSet,
so a link and a download made from the same query string always hold the same events.

Every filter narrows with a subquery rather than a join, so an event is never repeated and no
`distinct()` is needed. The facet counts take one grouped query (EventFilter.facet_counts).
"""

import calendar
import datetime

import django_filters
from django import forms
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from summaries import readers
from summaries.models import EventDigest

from .cache import cached_summary
from .models import YUNNAN_CODE, Event, EventCitation, Figure, Region

DEFAULT_SORT = "-date"

PERIOD_CHOICES = [
    ("this_year", _("今年")),
    ("last_year", _("去年")),
    ("all", _("全部时间")),
]
DATED_CHOICES = [
    ("yes", _("已报道日期")),
    ("no", _("日期未报道")),
]
REPORTS_CHOICES = [
    ("several", _("多份报道")),
    ("disagree", _("报道数字不一致")),
]
SORT_CHOICES = [
    ("-date", _("日期（由新到旧）")),
    ("date", _("日期（由旧到新）")),
    ("kind", _("类型")),
    ("-kind", _("类型（倒序）")),
    ("title", _("标题")),
    ("-title", _("标题（倒序）")),
]

# Kinds sort in the order the model declares them (job fairs first), not by their codes.
_KIND_ORDER = Case(
    *[When(kind=kind, then=Value(position)) for position, kind in enumerate(Event.Kind.values)],
    default=Value(len(Event.Kind.values)),
)
_NEWEST_FIRST = (F("date_start").desc(nulls_last=True), F("date_end").desc(nulls_last=True))
_ORDERINGS = {
    "-date": (*_NEWEST_FIRST, "-pk"),
    "date": (F("date_start").asc(nulls_last=True), F("date_end").asc(nulls_last=True), "pk"),
    "kind": (_KIND_ORDER.asc(), *_NEWEST_FIRST, "-pk"),
    "-kind": (_KIND_ORDER.desc(), *_NEWEST_FIRST, "-pk"),
    "title": ("title", "pk"),
    "-title": ("-title", "-pk"),
}

_ShanghaiSide = Event.shanghai_regions.through
_YunnanPlace = Event.yunnan_regions.through


def preset_bounds(preset, today):
    """Return the (first, last) day of a preset period, or (None, None) for all time."""
    if preset == "this_year":
        return datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)
    if preset == "last_year":
        return datetime.date(today.year - 1, 1, 1), datetime.date(today.year - 1, 12, 31)
    return None, None


def _offered_regions():
    # Towns are not offered: Shanghai's and Yunnan's number over 1,600, too many to tick.
    regions = Region.objects.shanghai() | Region.objects.yunnan()
    return list(regions.exclude(level=Region.Level.TOWN).order_by("code"))


def _regions_where(condition):
    # The places first, so the links are found by their region index: a condition on the
    # joined region's parent would read every link.
    return Region.objects.filter(condition).values("pk")


def _side_of(code):
    """Return the code a Shanghai side is counted under: a town's (9 digits, the first six
    its district's) is its district's, which the menu offers."""
    return code[:6] if len(code) == 9 else code


def _digests_containing(value):
    """Return the digests of events that mention every word of `value` somewhere a reader
    sees it: title, summary, venue, partners, region names, the reports' clauses."""
    digests = EventDigest.objects.all()
    for term in value.split():
        digests = digests.containing(term)
    return digests


def _reported_by_several():
    """Return the condition of an event told by more than one report (Event.report_count()):
    cited by two, or with a figure from a report it does not cite (another's account)."""
    cited_by_several = (
        EventCitation.objects.values("event")
        .annotate(reports=Count("report", distinct=True))
        .filter(reports__gt=1)
        .values("event")
    )
    cited = EventCitation.objects.filter(event=OuterRef("event"), report=OuterRef("report"))
    uncited_figures = Figure.objects.filter(event=OuterRef("pk")).exclude(Exists(cited))
    return Q(pk__in=cited_by_several) | Exists(uncited_figures)


def _accounts_disagree():
    """Return the condition of an event with an account that reads otherwise than the
    figure it is an account of (61 人 and 59 人)."""
    # A range's high bound, or its value when it is none: NULLs never compare equal in SQL.
    high, counted_high = (
        Coalesce("value_high", "value"),
        Coalesce("account_of__value_high", "account_of__value"),
    )
    accounts = Figure.objects.filter(event=OuterRef("pk"), account_of__isnull=False).alias(
        high=high, counted_high=counted_high
    )
    differs = (
        ~Q(value=F("account_of__value"))
        | ~Q(qualifier=F("account_of__qualifier"))
        | ~Q(high=F("counted_high"))
    )
    return Exists(accounts.filter(differs))


def _query_text(value):
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


class SortFilter(django_filters.ChoiceFilter):
    """Orders rather than filters; a missing or empty value means the default order."""

    def filter(self, qs, value):
        return qs.order_by(*_ORDERINGS[value or DEFAULT_SORT])


class EventFilterForm(forms.Form):
    """Checks what concerns more than one field: a preset with dates, a reversed range."""

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if cleaned.get("period") and (date_from or date_to):
            self.add_error("period", _("请选择预设时段或填写日期，不要同时使用。"))
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", _("结束日期不能早于开始日期。"))
        return cleaned


class DateInput(forms.DateInput):
    """A date picker that leaves out a value which is not a real date (2026-02-30): such a
    value is invalid HTML and browsers drop it anyway; the error beside the field explains."""

    input_type = "date"

    def format_value(self, value):
        if isinstance(value, str):
            try:
                datetime.date.fromisoformat(value)
            except ValueError:
                return None
        return super().format_value(value)


def _date_input():
    return DateInput(format="%Y-%m-%d")


class EventFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("关键词"),
        method="filter_text",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("标题、地点、原文…")}),
    )
    date_from = django_filters.DateFilter(
        label=_("开始日期"), method="filter_date_from", widget=_date_input()
    )
    date_to = django_filters.DateFilter(
        label=_("结束日期"), method="filter_date_to", widget=_date_input()
    )
    period = django_filters.ChoiceFilter(
        label=_("预设时段"),
        choices=PERIOD_CHOICES,
        method="filter_period",
        empty_label=_("不限"),
        error_messages={"invalid_choice": _("没有“%(value)s”这个预设时段。")},
    )
    dated = django_filters.ChoiceFilter(
        label=_("日期是否报道"),
        choices=DATED_CHOICES,
        method="filter_dated",
        empty_label=_("不限"),
        error_messages={"invalid_choice": _("“%(value)s”不是有效的选项。")},
    )
    reports = django_filters.ChoiceFilter(
        label=_("报道"),
        choices=REPORTS_CHOICES,
        method="filter_reports",
        empty_label=_("不限"),
        error_messages={"invalid_choice": _("“%(value)s”不是有效的选项。")},
    )
    shanghai = django_filters.MultipleChoiceFilter(
        label=_("上海参与方"),
        method="filter_shanghai",
        error_messages={"invalid_choice": _("没有代码为“%(value)s”的上海区划。")},
    )
    prefecture = django_filters.MultipleChoiceFilter(
        label=_("云南州（市）"),
        method="filter_prefecture",
        error_messages={"invalid_choice": _("没有代码为“%(value)s”的云南州（市）。")},
    )
    county = django_filters.MultipleChoiceFilter(
        label=_("云南县（市、区）"),
        method="filter_county",
        error_messages={"invalid_choice": _("没有代码为“%(value)s”的云南县（市、区）。")},
    )
    kind = django_filters.MultipleChoiceFilter(
        label=_("活动类型"),
        choices=Event.Kind.choices,
        method="filter_kind",
        error_messages={"invalid_choice": _("没有“%(value)s”这种活动类型。")},
    )
    sort = SortFilter(
        label=_("排序"),
        choices=SORT_CHOICES,
        empty_label=None,
        error_messages={"invalid_choice": _("不能按“%(value)s”排序。")},
    )

    class Meta:
        model = Event
        fields = []
        form = EventFilterForm

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        # One query for every region the form offers; choices are checked in memory.
        # Cached like a summary: a page read back from the cache is then found without a query.
        regions = cached_summary("filter-regions", _offered_regions)
        self.shanghai_regions = [r for r in regions if r.is_shanghai]
        self.prefectures = [
            r for r in regions if r.is_yunnan and r.level == Region.Level.PREFECTURE
        ]
        self.counties = [r for r in regions if r.is_yunnan and r.level == Region.Level.COUNTY]
        self.filters["shanghai"].extra["choices"] = [
            *[(r.code, r.name) for r in self.shanghai_regions],
            (readers.NOT_STATED, _("未说明")),
        ]
        self.filters["prefecture"].extra["choices"] = [
            *[(r.code, r.name) for r in self.prefectures],
            (readers.NOT_STATED, _("未说明")),
        ]
        self.filters["county"].extra["choices"] = [(r.code, r.name) for r in self.counties]

    # Each method receives a cleaned, non-empty value.

    def filter_text(self, queryset, name, value):
        return queryset.filter(pk__in=_digests_containing(value).values("pk"))

    def filter_date_from(self, queryset, name, value):
        return queryset.between(start=value)

    def filter_date_to(self, queryset, name, value):
        return queryset.between(end=value)

    def filter_period(self, queryset, name, value):
        start, end = preset_bounds(value, timezone.localdate())
        return queryset.between(start, end) if start else queryset

    def filter_dated(self, queryset, name, value):
        undated = Q(date_precision="")
        return queryset.filter(undated) if value == "no" else queryset.exclude(undated)

    def filter_reports(self, queryset, name, value):
        # By the events' keys, so the digests the facets count are narrowed alike.
        events = _reported_by_several() if value == "several" else _accounts_disagree()
        return queryset.filter(pk__in=Event.objects.filter(events).values("pk"))

    def filter_shanghai(self, queryset, name, value):
        sides = _ShanghaiSide.objects.filter(event=OuterRef("pk"))
        codes = [code for code in value if code != readers.NOT_STATED]
        condition = Q()
        if codes:
            # A town counts for its district, as in the facets; a district not for 上海市.
            here = Q(pk__in=codes) | Q(level=Region.Level.TOWN, parent__in=codes)
            condition |= Exists(sides.filter(region__in=_regions_where(here)))
        if readers.NOT_STATED in value:
            condition |= ~Exists(sides)
        return queryset.filter(condition)

    def filter_prefecture(self, queryset, name, value):
        places = _YunnanPlace.objects.filter(event=OuterRef("pk"))
        codes = [code for code in value if code != readers.NOT_STATED]
        condition = Q()
        if codes:
            here = Q(pk__in=codes) | Q(parent__in=codes) | Q(parent__parent__in=codes)  # towns
            condition |= Exists(places.filter(region__in=_regions_where(here)))
        if readers.NOT_STATED in value:
            condition |= ~Exists(places)
        return queryset.filter(condition)

    def filter_county(self, queryset, name, value):
        here = _regions_where(Q(pk__in=value) | Q(parent__in=value))  # its towns too
        return queryset.filter(
            Exists(_YunnanPlace.objects.filter(event=OuterRef("pk"), region__in=here))
        )

    def filter_kind(self, queryset, name, value):
        return queryset.filter(kind__in=value)

    # Facets and descriptions; call them only when is_valid().

    def facet_counts(self):
        """Return {facet: {value: events}} for shanghai, prefecture and kind. A facet is
        counted over the events every *other* filter leaves, so ticking one more option (which
        widens the result: options are OR-ed) adds what its count says. Counties count towards
        their prefecture; an event with no Yunnan place, or no Shanghai side, counts as
        readers.NOT_STATED there.

        One grouped query: (kind, sides, prefectures, events) rows from the summary tables
        (FacetTally) when they can answer, else from the digests of the events the other
        filters leave. Whether a row passes the facet filters is then a set test, so an event
        with two sides is counted once under each and never twice under one."""
        if self._counted_by_summaries():
            rows = self._facet_combinations_from_summaries()
        else:
            rows = self._facet_combinations_from_digests()
        return self._facet_counts(rows)

    def _counted_by_summaries(self):
        """Return whether the summary tables (FacetTally) can count this filter: no text, no
        county, and dates that start and end whole months (the period presets do)."""
        data = self.form.cleaned_data
        date_from, date_to = data.get("date_from"), data.get("date_to")
        return (
            not data.get("q")
            and not data.get("county")
            and not data.get("reports")
            and (not date_from or date_from.day == 1)
            and (not date_to or date_to.day == calendar.monthrange(date_to.year, date_to.month)[1])
        )

    def _facet_combinations_from_summaries(self):
        data = self.form.cleaned_data
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if data.get("period"):
            date_from, date_to = preset_bounds(data["period"], timezone.localdate())
        return readers.facet_combinations(
            date_from=date_from, date_to=date_to, dated=data.get("dated")
        )

    def _facet_combinations_from_digests(self):
        data = self.form.cleaned_data
        digests = _digests_containing(data["q"]) if data.get("q") else EventDigest.objects.all()
        # The facets' own filters are the set test; these narrow the digests like the events.
        for name in ("date_from", "date_to", "period", "dated", "reports", "county"):
            if data.get(name):
                digests = self.filters[name].filter(digests, data[name])
        grouped = digests.values_list("kind", "shanghai", "prefecture").annotate(events=Count("*"))
        return [
            (kind, shanghai.split(), prefecture.split(), events)
            for kind, shanghai, prefecture, events in grouped.order_by()
        ]

    def _facet_counts(self, rows):
        data = self.form.cleaned_data
        sides = set(data.get("shanghai") or ())
        places = set(data.get("prefecture") or ())
        kinds = set(data.get("kind") or ())
        counts = {"shanghai": {}, "prefecture": {}, "kind": {}}

        def add(facet, code, events):
            counts[facet][code] = counts[facet].get(code, 0) + events

        for kind, shanghai, prefectures, events in rows:
            prefectures = prefectures or [readers.NOT_STATED]
            shanghai = sorted({_side_of(code) for code in shanghai}) or [readers.NOT_STATED]
            in_sides = not sides or not sides.isdisjoint(shanghai)
            in_places = not places or not places.isdisjoint(prefectures)
            in_kinds = not kinds or kind in kinds
            if in_places and in_kinds:
                for code in shanghai:
                    add("shanghai", code, events)
            if in_sides and in_kinds:
                for code in prefectures:
                    if code != YUNNAN_CODE:
                        add("prefecture", code, events)
            if in_sides and in_places:
                add("kind", kind, events)
        return counts

    def result_count(self, counts):
        """Return how many events the filter leaves, from facet_counts(): every event has
        exactly one kind and the kind facet counts what all the other filters leave, so the
        kinds ticked (or all kinds) add up to the result without counting it again."""
        kinds = self.form.cleaned_data.get("kind") or counts["kind"]
        return sum(counts["kind"].get(kind, 0) for kind in kinds)

    def canonical_query(self):
        """Return the cleaned filter as a query string in one fixed form: fields by name,
        options sorted once each, dates in ISO form, the default order left out. Every query
        string this filter reads alike gives the same one, any two it reads differently give
        two, and it reads back as the same filter: what a cache of its results is keyed by."""
        query = QueryDict(mutable=True)
        for name, value in sorted(self.form.cleaned_data.items()):
            if name == "sort" and value == DEFAULT_SORT:
                continue
            values = sorted(set(value)) if isinstance(value, list) else [value]
            texts = [_query_text(item) for item in values if item not in (None, "")]
            if texts:
                query.setlist(name, texts)
        return query

    def facets_key(self):
        """Return canonical_query() without the order, which facet counts do not depend on."""
        query = self.canonical_query()
        query.pop("sort", None)
        return query.urlencode()

    def description(self):
        """Return the active filters as (label, text) pairs a reader understands."""
        form = self.form
        described = []
        for name, value in form.cleaned_data.items():
            if name == "sort" or value in (None, "", []):
                continue
            field = form.fields[name]
            if isinstance(value, list):
                labels = dict(field.choices)
                text = gettext("、").join(str(labels[item]) for item in value)
            elif isinstance(value, datetime.date):
                text = value.isoformat()
            elif getattr(field, "choices", None):
                text = str(dict(field.choices)[value])
            else:
                text = f"“{value}”"
            described.append((str(field.label), text))
        return described

    def sort_label(self):
        """Return how the events are ordered, as the sort menu says it."""
        return str(dict(SORT_CHOICES)[self.form.cleaned_data.get("sort") or DEFAULT_SORT])

    def error_text(self):
        """Return every form error as one line per field, labelled, for a 400 response."""
        lines, colon = [], gettext("：")
        for name, errors in self.form.errors.items():
            label = self.form.fields[name].label if name in self.form.fields else ""
            lines.extend(f"{label}{colon}{error}" if label else str(error) for error in errors)
        return "\n".join(lines)
