"""Named queries. Aggregates run in SQL; the rules every total obeys live here."""

from django.db import models
from django.db.models import Count, F, Q, Sum


class RegionQuerySet(models.QuerySet):
    def shanghai(self):
        """Return Shanghai and its districts."""
        return self.filter(code__startswith="31")

    def yunnan(self):
        """Return Yunnan's prefectures and counties (not the province itself)."""
        return self.filter(code__startswith="53").exclude(code="530000")


class PairingQuerySet(models.QuerySet):
    def with_sides(self):
        """Return pairings with both sides and their parents loaded."""
        return self.select_related("shanghai", "yunnan", "yunnan__parent", "basis_report")


class EventQuerySet(models.QuerySet):
    def between(self, start=None, end=None):
        """Return events whose period overlaps [start, end]; undated events never match."""
        qs = self.exclude(date_precision="")
        if start:
            qs = qs.filter(Q(date_end__gte=start) | Q(date_end__isnull=True))
        if end:
            qs = qs.filter(date_start__lte=end)
        return qs


class FigureQuerySet(models.QuerySet):
    def batches(self):
        """Return figures that count one batch or one event, never a running total."""
        return self.filter(is_cumulative=False)

    def cumulative(self):
        """Return cumulative (as-of) totals."""
        return self.filter(is_cumulative=True)

    def countable(self):
        """Return figures that may be summed: batches that are not a part (其中) of another
        figure of the same metric, whose whole is already counted."""
        return self.batches().exclude(subset_of__metric=F("metric"))

    def for_pairing(self, pairing):
        """Return the figures about a pairing: its own and those of its events."""
        return self.filter(Q(pairing=pairing) | Q(event__pairings=pairing)).distinct()

    def totals(self):
        """Return one row per (metric, unit) of countable figures with the sum and how many
        parts were exact, at least, about or at most — from which the total's qualifier follows.
        人 and 人次 are different units and so never share a row."""
        return (
            self.countable()
            .values("metric", "unit")
            .annotate(
                total=Sum("value"),
                parts=Count("pk"),
                at_least_parts=Count("pk", filter=Q(qualifier="at_least")),
                about_parts=Count("pk", filter=Q(qualifier="about")),
                at_most_parts=Count("pk", filter=Q(qualifier="at_most")),
            )
            .order_by("metric", "unit")
        )


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
