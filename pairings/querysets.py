"""Named queries. Aggregates run in SQL; the rules every total obeys live here."""

import datetime
import heapq
import itertools

from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery, Sum

from .metrics import NON_ADDITIVE_UNITS


def placed_date(prefix=""):
    """Return the date a record with a period (through `prefix`, e.g. "event__") is placed at
    in timelines, tallies and charts: its start, or its end when the report gives only the end
    ("截至2024年3月15日"); empty only when it is undated."""
    return models.functions.Coalesce(f"{prefix}date_start", f"{prefix}date_end")


class RegionQuerySet(models.QuerySet):
    def shanghai(self):
        """Return Shanghai and its districts."""
        return self.filter(code__startswith="31")

    def yunnan(self):
        """Return Yunnan's prefectures and counties (not the province itself)."""
        return self.filter(code__startswith="53").exclude(code="530000")

    def named(self, text):
        """Return the regions `text` names: by code (530521105), by short or full name (太平镇,
        楚雄彝族自治州), or by that name after the names of any places above it, from any
        level down (云南省保山市施甸县太平镇, 施甸县太平镇, 上海市浦东新区新场镇)."""
        if text.isascii() and text.isdigit():
            return list(self.filter(pk=text))
        suffixes = [text[start:] for start in range(len(text))]
        candidates = self.filter(Q(name__in=suffixes) | Q(full_name__in=suffixes))
        return [
            region
            for region in candidates.select_related("parent__parent__parent").order_by("code")
            if _names_above(region, text)
        ]

    def named_in_report(self, report):
        """Return the regions a report names, by code (Shanghai's first): its events' Shanghai
        sides and Yunnan places and its figures' places."""
        figure = self.model._meta.get_field("figures").related_model
        named = [
            self.model.events_as_shanghai.through.objects.filter(
                event__citations__report=report
            ).values("region_id"),
            self.model.events_in_yunnan.through.objects.filter(
                event__citations__report=report
            ).values("region_id"),
            figure.objects.filter(report=report, place__isnull=False).values("place_id"),
        ]
        condition = models.Q()
        for regions in named:
            condition |= models.Q(pk__in=regions)
        return self.filter(condition).order_by("code")


def _names_above(region, text):
    """Return whether `text` is the region's name after names of places above it, in order."""
    for own in (region.full_name, region.name):
        if text.endswith(own):
            rest, above = text[: -len(own)], region.parent
            while rest and above is not None:
                for name in (above.full_name, above.name):
                    if rest.endswith(name):
                        rest = rest[: -len(name)]
                        break
                above = above.parent
            if not rest:
                return True
    return False


class PairingQuerySet(models.QuerySet):
    def with_sides(self):
        """Return pairings with both sides and their parents loaded."""
        return self.select_related("shanghai", "yunnan", "yunnan__parent")

    def with_citations(self):
        """Return pairings with their sides and their citations' reports loaded."""
        return self.with_sides().prefetch_related(
            models.Prefetch(
                "citations",
                queryset=self.model._meta.get_field(
                    "citations"
                ).related_model.objects.select_related("report"),
            )
        )

    def named_in_report(self, report):
        """Return the pairings a report names, with their sides: those it is the basis of,
        its events' and its figures'."""
        figure = self.model._meta.get_field("figures").related_model
        citation = self.model._meta.get_field("citations").related_model
        named = [
            citation.objects.filter(report=report).values("pairing_id"),
            self.model.events.through.objects.filter(event__citations__report=report).values(
                "pairing_id"
            ),
            figure.objects.filter(report=report, pairing__isnull=False).values("pairing_id"),
        ]
        condition = models.Q()
        for pairings in named:
            condition |= models.Q(pk__in=pairings)
        return self.with_sides().filter(condition).order_by("pk")

    def about_region(self, region):
        """Return the pairings a region is a side of, those made with a place under it and
        those made with the place it lies in (a county's prefecture), each annotated with
        `relation`: "shanghai_side", "yunnan_side", "under" or "above"."""
        relations = {
            "shanghai_side": models.Q(shanghai=region),
            "yunnan_side": models.Q(yunnan=region),
            "under": models.Q(shanghai__parent=region)
            | models.Q(yunnan__parent=region)
            | models.Q(yunnan__parent__parent=region)
            | models.Q(yunnan__parent__parent__parent=region),
        }
        if region.parent_id:
            relations["above"] = models.Q(yunnan=region.parent_id)
        condition = models.Q()
        for relation in relations.values():
            condition |= relation
        return self.filter(condition).annotate(
            relation=models.Case(
                *(models.When(q, then=models.Value(name)) for name, q in relations.items()),
                output_field=models.CharField(),
            )
        )


class PeriodQuerySet(models.QuerySet):
    """Records with a reported period: date_start, date_end, date_precision ("": undated)."""

    def between(self, start=None, end=None):
        """Return records whose period may overlap [start, end] as far as the report tells: a
        period known only by its start (自…起) is open towards the future, one known only by
        its end (截至…) towards the past. Undated ones never match."""
        qs = self.exclude(date_precision="")
        if start:
            qs = qs.filter(Q(date_end__gte=start) | Q(date_end__isnull=True))
        if end:
            qs = qs.filter(Q(date_start__lte=end) | Q(date_start__isnull=True))
        return qs

    def newest(self, limit):
        """Return the newest `limit` records of the queryset (in its order, whose newest come
        last), oldest first as a timeline reads, and whether it has more."""
        newest_first = list(self.reverse()[: limit + 1])
        return newest_first[:limit][::-1], len(newest_first) > limit


class EventQuerySet(PeriodQuerySet):
    def for_pairing(self, pairing):
        """Return the pairing's events with everything a timeline row shows."""
        figure = self.model._meta.get_field("figures").related_model
        figures = models.Prefetch(
            "figures", queryset=figure.objects.select_related("report").order_by("pk")
        )
        return (
            self.filter(pairings=pairing)
            .prefetch_related("shanghai_regions", "yunnan_regions", "citations__report", figures)
            .order_by(placed_date().asc(nulls_last=True), "date_end", "pk")
        )

    def involving(self, region):
        """Return the events a region took part in (as a Shanghai side or a partner, or a
        partner under it: 贵州省 has 遵义市's) or that were held in it or in a place under it:
        a prefecture has its counties' and towns' events."""
        # The region and the places under it first, so the links are found by their region
        # index: a condition on the joined region's parent reads every link.
        here_or_under = type(region).objects.filter(
            models.Q(pk=region.pk)
            | models.Q(parent=region)
            | models.Q(parent__parent=region)
            | models.Q(parent__parent__parent=region)  # a province's towns
        )
        through = {
            "shanghai": self.model.shanghai_regions.through.objects.filter(region=region),
            "partner": self.model.partner_regions.through.objects.filter(
                region__in=here_or_under.values("pk")
            ),
            "held": self.model.yunnan_regions.through.objects.filter(
                region__in=here_or_under.values("pk")
            ),
        }
        condition = models.Q()
        for links in through.values():
            condition |= models.Q(pk__in=links.values("event_id"))
        return self.filter(condition)

    def count_by_year(self):
        """Return [(year, events)] by the year each event is placed in (placed_date()),
        oldest first, undated events last (year None)."""
        rows = (
            self.annotate(year=models.functions.ExtractYear(placed_date()))
            .values("year")
            .annotate(events=Count("pk"))
            .order_by()
        )
        years = ((row["year"], row["events"]) for row in rows)
        return sorted(years, key=lambda item: (item[0] is None, item[0] or 0))

    def count_by_kind(self):
        """Return {kind: events} of the kinds these events have."""
        rows = self.values("kind").annotate(events=Count("pk", distinct=True)).order_by()
        return {row["kind"]: row["events"] for row in rows}


class MetricQuerySet(models.QuerySet):
    def registry(self):
        """Return every metric by its code, in the order every list shows them: one query,
        read once per page or download."""
        return {metric.code: metric for metric in self.order_by("order", "pk")}


class FigureManager(models.Manager):
    """Figures with their metric: every page and download names it, and a join costs no
    query (a part's whole needs select_related("subset_of__metric"))."""

    def get_queryset(self):
        return super().get_queryset().select_related("metric")


class FigureQuerySet(PeriodQuerySet):
    def only(self, *fields):
        """Return figures with only these fields loaded, and without the metric the manager
        joins unless it is among them: Django refuses to defer a field it joins."""
        if "metric" in fields:
            return super().only(*fields)
        return super(FigureQuerySet, self.select_related(None)).only(*fields)

    def latest_cumulative(self):
        """Return, for each pairing (or place) and metric, its most recent cumulative figure that
        is not a part of another — the number to quote as "reported cumulative … as of …"."""
        newer = self.model.objects.filter(
            is_cumulative=True,
            subset_of__isnull=True,
            account_of__isnull=True,
            metric=OuterRef("metric"),
            unit=OuterRef("unit"),
            pairing__isnull=False,
            pairing=OuterRef("pairing"),
        ).order_by("-date_end", "-pk")
        # The subquery alone decides; the outer filter only narrows the candidates to a
        # pairing's own figures (figure_pairing_series). Filtering subset_of there too would
        # lead SQLite to scan its index of parts for the NULLs, i.e. nearly every figure.
        return self.filter(pairing__isnull=False, is_cumulative=True).filter(
            pk=Subquery(newer.values("pk")[:1])
        )

    def batches(self):
        """Return figures that count one batch or one event, never a running total."""
        return self.filter(is_cumulative=False)

    def summable(self):
        """Return the figures every total adds up — the live totals() and the tallies alike:
        batches of an additive metric (the Metric table) in an additive unit (metrics.UNITS)
        that are not a part (其中) of another figure of the same metric, whose whole is already
        counted, and that count Shanghai's side alone: a figure covering Shanghai with another
        province (is_joint) has no share of it that is Shanghai's. A quantity several reports
        give is counted once, by the account that counts: the one the others name (account_of),
        by default the first entered; the others are shown beside it, never added."""
        return (
            self.batches()
            .filter(is_joint=False, account_of__isnull=True, metric__additive=True)
            .exclude(unit__in=NON_ADDITIVE_UNITS)
            .exclude(subset_of__metric=F("metric"))
        )

    def of_quantity(self, figure):
        """Return, among these figures (one event's), those of `figure`'s quantity: the same
        metric, unit and kind of count, and a whole if it is one, or a part of the same whole
        (文山州's 60余 is a part of a flight's 100, not an account of it), whichever report gives
        them and whether they count."""
        return self.filter(
            metric=figure.metric_id,
            unit=figure.unit,
            is_cumulative=figure.is_cumulative,
            subset_of=figure.subset_of_id,
        )

    def copy_of(self, figure):
        """Return, among these figures (one event's), the one `figure` repeats: its quantity
        from its own report, the same report entered twice. Never added again."""
        return self.of_quantity(figure).filter(report=figure.report_id).first()

    def counted_quantity_of(self, figure):
        """Return, among these figures (one event's), the one `figure` would be another
        report's account of: the counted figure of the same metric, unit and kind of count
        from another report (Figure.errors_as_account_of says why any other is refused)."""
        return (
            self.of_quantity(figure)
            .filter(account_of__isnull=True)
            .exclude(report=figure.report_id)
            .order_by("pk")
            .first()
        )

    def quantities_of(self, figures):
        """Return every figure of the quantities `figures` give: the one that counts (the one
        the others name) and each other report's account of it."""
        counted = {figure.account_of_id or figure.pk for figure in figures}
        return self.filter(Q(pk__in=counted) | Q(account_of__in=counted))

    def for_pairing(self, pairing):
        """Return the figures about a pairing: its own and those of its events."""
        # Each side found through its own index; no join, so no figure repeats and no
        # DISTINCT over every figure of the pairing.
        event = self.model._meta.get_field("event").related_model
        events = event.pairings.through.objects.filter(pairing=pairing).values("event_id")
        own = self.model.objects.filter(pairing=pairing).values("pk")
        of_events = self.model.objects.filter(event__in=events).values("pk")
        return self.filter(pk__in=own.union(of_events, all=True))

    def totals(self):
        """Return one row per (metric, unit) of summable figures with the sum and how many
        parts were exact, at least, about or at most — from which the total's qualifier follows.
        人 and 人次 are different units and so never share a row."""
        return (
            self.summable()
            .values("metric", "unit")
            .annotate(total=Sum("value"), parts=Count("pk"), **qualifier_parts())
            .order_by("metric", "unit")
        )

    def count_by_metric(self):
        """Return (metric, count) rows of these figures, whatever they count or whether they
        may be added up."""
        return self.values("metric").annotate(count=Count("pk")).order_by()

    def about_region(self, region):
        """Return the figures of no event about a region: those placed in it or under it and
        those about a pairing that it, or a place under it, is a side of. A county does not
        inherit its prefecture's pairing figures: they are about the whole prefecture."""
        placed = (
            models.Q(place=region)
            | models.Q(place__parent=region)
            | models.Q(place__parent__parent=region)
            | models.Q(place__parent__parent__parent=region)
        )
        paired = (
            models.Q(pairing__shanghai=region)
            | models.Q(pairing__yunnan=region)
            | models.Q(pairing__yunnan__parent=region)
            | models.Q(pairing__yunnan__parent__parent=region)
        )
        return self.filter(event__isnull=True).filter(placed | paired)

    def first_in_reading_order(self, limit):
        """Return the first `limit` figures of in_reading_order(), merged from three queries an
        index can serve (figures of dated events, by the event's date; of undated events; of
        no event, by their own date): one sort by the computed date reads every figure, seconds
        for a bulk report."""
        own_date = models.functions.Coalesce("date_start", "date_end").asc(nulls_last=True)
        figures = self.select_related("event")
        parts = [
            figures.filter(event__date_start__isnull=False).order_by(
                "event__date_start", "event_id", "pk"
            ),
            figures.filter(event__isnull=False, event__date_start__isnull=True).order_by(
                own_date, "event_id", "pk"
            ),
            figures.filter(event__isnull=True).order_by(own_date, "pk"),
        ]
        merged = heapq.merge(*(list(part[:limit]) for part in parts), key=_reading_key)
        return list(itertools.islice(merged, limit))

    def in_reading_order(self):
        """Return figures by the date of their event (or their own date: a cumulative one's
        "as of"), keeping an event's figures together, undated ones last."""
        dated = models.functions.Coalesce("event__date_start", "date_start", "date_end")
        return self.order_by(
            dated.asc(nulls_last=True), models.F("event_id").asc(nulls_last=True), "pk"
        )


def _reading_key(figure):
    """The sort key of FigureQuerySet.in_reading_order(), in Python: empty dates and no event
    last."""
    date = (figure.event and figure.event.date_start) or figure.date_start or figure.date_end
    return (
        date is None,
        date or datetime.date.min,
        figure.event_id is None,
        figure.event_id or 0,
        figure.pk,
    )


def accounts_beside(figures):
    """Return the figures with each other report's account moved beside the figure it is an
    account of, where that one is among them: the counted figure gets `other_accounts` (in
    order) and `accounts_agree` (each reads as it does: "50 人 · 2 份报道"); an account whose
    figure is not among them stays in its place."""
    figures = list(figures)
    by_pk = {figure.pk: figure for figure in figures}
    for figure in figures:
        figure.other_accounts = []
    shown = []
    for figure in figures:
        if figure.account_of_id in by_pk:
            by_pk[figure.account_of_id].other_accounts.append(figure)
        else:
            shown.append(figure)
    for figure in shown:
        figure.accounts_agree = _accounts_agree(figure, figure.other_accounts)
    return shown


def _accounts_agree(figure, others):
    """Return whether the other accounts of a figure's quantity read as it does (value, high
    bound and qualifier): "50 人 · 2 份报道" rather than each beside the others."""
    reading = (figure.value, figure.value_high, figure.qualifier)
    return all((other.value, other.value_high, other.qualifier) == reading for other in others)


def with_other_accounts(figures):
    """Return the figures, each with `other_accounts`, every other report's account of its
    quantity (the counted figure first, then the accounts in order; their reports joined),
    and `accounts_agree`, as accounts_beside() gives them: for a page that lists figures
    wherever they stand (one report's), whose quantity's other accounts it does not hold.
    One query whatever their number."""
    figures = list(figures)
    if not figures:
        return figures
    quantities = type(figures[0]).objects.quantities_of(figures)
    accounts = {}
    for account in quantities.select_related("report").order_by(
        models.F("account_of_id").asc(nulls_first=True), "pk"
    ):
        accounts.setdefault(account.account_of_id or account.pk, []).append(account)
    for figure in figures:
        others = [
            account
            for account in accounts.get(figure.account_of_id or figure.pk, ())
            if account.pk != figure.pk
        ]
        figure.other_accounts = others
        figure.accounts_agree = _accounts_agree(figure, others)
    return figures


def qualifier_parts(prefix=""):
    """Return the aggregates counting a sum's parts by qualifier, from which the sum's own
    follows (qualifier_of_total()): the live totals and the tallies alike. A range (100至200名)
    adds its low bound, so it is an 'at least' part: no total invents a midpoint."""
    in_range = Q(qualifier="exact", value_high__isnull=False)
    return {
        f"{prefix}at_least_parts": Count("pk", filter=Q(qualifier="at_least") | in_range),
        f"{prefix}about_parts": Count("pk", filter=Q(qualifier="about")),
        f"{prefix}at_most_parts": Count("pk", filter=Q(qualifier="at_most")),
    }


def qualifier_of_total(at_least_parts, about_parts, at_most_parts):
    """Return the qualifier of a sum: any 'at least' part makes the sum 'at least', and so on;
    parts bounded in opposite directions (or approximate) make it 'about'."""
    if about_parts or (at_least_parts and at_most_parts):
        return "about"
    if at_least_parts:
        return "at_least"
    if at_most_parts:
        return "at_most"
    return "exact"
