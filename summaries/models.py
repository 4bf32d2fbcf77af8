"""The summary tables: counts and totals grouped by the month an event is placed in (its
start's, or its end's when only the end is known), each event's digest and its CSV lines. Kept
current by summaries.writes.kept_current() in the transaction of every write; never edited by
hand and never shown on their own: the pages read them instead of grouping a million events on
every request.

Each table keeps the name it was created with in the pairings app (pairings_eventtally, …):
its indexes are named after it, and SQLite's keyword index and its triggers (pairings migration
0005) read pairings_eventdigest.
"""

from django.db import models

from pairings.models import Event, Pairing, Region

from .keywords import EventDigestQuerySet


class EventTally(models.Model):
    """How many events are placed in a month, by kind and date precision: over all events (pairing
    empty) and over each pairing's."""

    # summaries.placed_date(): the start's month, or the end's ("截至…"); empty: undated
    month = models.DateField(null=True)
    pairing = models.ForeignKey(Pairing, null=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    date_precision = models.CharField(max_length=5)
    events = models.PositiveIntegerField()

    class Meta:
        db_table = "pairings_eventtally"
        indexes = [
            models.Index(fields=["month"]),
            models.Index(fields=["pairing", "month"]),
        ]

    def __str__(self):
        scope = self.pairing_id or "*"
        return f"{self.month} {scope} {self.kind} {self.date_precision}: {self.events}"


class FacetTally(models.Model):
    """How many events share a start month, end month, kind, whether they are dated, their
    Shanghai sides and their Yunnan prefectures. The events browser counts its facets from these
    rows for any filter of kind, sides, prefectures and whole months: an event with two sides
    is one row naming both, so no event is counted twice."""

    month = models.DateField(null=True)  # the month it is placed in; empty: undated
    end_month = models.DateField(null=True)  # empty: open-ended or undated
    open_start = models.BooleanField(default=False)  # known only by its end ("截至…")
    kind = models.CharField(max_length=20)
    dated = models.BooleanField()  # False: the report gives no date (date_precision "")
    shanghai = models.CharField(max_length=200)  # the Shanghai sides' codes, space-separated
    prefecture = models.CharField(max_length=200)  # prefectures of the Yunnan places; "": none
    events = models.PositiveIntegerField()

    class Meta:
        db_table = "pairings_facettally"
        indexes = [models.Index(fields=["month"]), models.Index(fields=["end_month"])]

    def __str__(self):
        sides = f"{self.shanghai}/{self.prefecture}"
        return f"{self.month}–{self.end_month} {self.kind} {sides}: {self.events}"


class SummedFigures(models.Model):
    """A sum of figures and how many of its parts are exact, at least, about or at most, from
    which the sum's qualifier follows (querysets.qualifier_of_total)."""

    total = models.DecimalField(max_digits=20, decimal_places=2)
    parts = models.PositiveIntegerField()
    at_least_parts = models.PositiveIntegerField()
    about_parts = models.PositiveIntegerField()
    at_most_parts = models.PositiveIntegerField()

    class Meta:
        abstract = True


class FigureTally(SummedFigures):
    """Sums of the figures that may be added up (FigureQuerySet.totals()): by the month their
    event is placed in (or their own month), its date precision, metric and unit, and whether
    they belong to an event; over all figures (pairing empty) and over each pairing's. A
    pairing's row says whether its event names other pairings too (`shared`): the event's
    figures are then in each of their rows, and pairings' rows are never added together."""

    month = models.DateField(null=True)
    date_precision = models.CharField(max_length=5)
    pairing = models.ForeignKey(Pairing, null=True, on_delete=models.CASCADE, related_name="+")
    of_event = models.BooleanField()
    shared = models.BooleanField(default=False)
    metric = models.CharField(max_length=30)
    unit = models.CharField(max_length=12)

    class Meta:
        db_table = "pairings_figuretally"
        indexes = [
            models.Index(fields=["month"]),
            models.Index(fields=["pairing", "metric"]),
        ]

    def __str__(self):
        return f"{self.month} {self.pairing_id or '*'} {self.metric}: {self.total} {self.unit}"


class FlowTally(SummedFigures):
    """Workers who came to Shanghai in reported batches (the summable 到沪务工 figures in 人,
    as FigureQuerySet.totals() adds them), by the month their event is placed in, its Shanghai
    sides and the prefectures of its Yunnan places (as in FacetTally): the overview's flows. A
    batch is in one row however many pairings name it, so the flows add up to the headline."""

    month = models.DateField(null=True)
    shanghai = models.CharField(max_length=200)  # codes, space-separated; "": none stated
    prefecture = models.CharField(max_length=200)  # "": no Yunnan place stated

    class Meta:
        db_table = "pairings_flowtally"
        indexes = [models.Index(fields=["month"])]

    def __str__(self):
        return f"{self.month} {self.prefecture} → {self.shanghai}: {self.total}"


class EventDigest(models.Model):
    """One event as the events browser filters it: the text a reader sees, folded (for the
    keyword search, summaries.keywords), and its period, kind, sides and prefectures (for facet
    counts the tallies cannot give: a keyword, a county, a date inside a month). Grouped by
    month, these rows are FacetTally."""

    event = models.OneToOneField(
        Event, primary_key=True, on_delete=models.CASCADE, related_name="digest"
    )
    date_start = models.DateField(null=True)
    date_end = models.DateField(null=True)
    date_precision = models.CharField(max_length=5)
    kind = models.CharField(max_length=20)
    shanghai = models.CharField(max_length=200)  # as in FacetTally
    prefecture = models.CharField(max_length=200)
    text = models.TextField()
    tokens = models.TextField()  # its Han characters and pairs of them, space-separated

    objects = EventDigestQuerySet.as_manager()

    class Meta:
        db_table = "pairings_eventdigest"
        indexes = [models.Index(fields=["date_start"])]
        # PostgreSQL also has a GIN index on string_to_array(tokens, ' ') (migration 0005).

    def __str__(self):
        return f"{self.event_id}: {self.text[:40]}"


class EventRow(models.Model):
    """One event drawn as its lines of the events CSV (pairings.rows.EventDrawer.lines(), as
    stored_lines() writes them), in each language of the site, when it is written: a national
    download streams a million events, and drawing each (dates, places, figures and sources in
    words) costs several times more than reading it back. Redrawn with the digests. `layout` is
    the event_lines_fingerprint() the lines were drawn for: lines of another layout are drawn
    on the spot and count as stale until `refresh_summaries` stores them again."""

    # settings.LANGUAGES: the column of each.
    LANGUAGE_FIELDS = {"zh-hans": "zh_hans", "en": "en"}

    event = models.OneToOneField(
        Event, primary_key=True, on_delete=models.CASCADE, related_name="csv_row"
    )
    zh_hans = models.TextField()
    en = models.TextField()
    layout = models.CharField(max_length=16)

    class Meta:
        db_table = "pairings_eventrow"

    def __str__(self):
        return f"{self.event_id}: {self.zh_hans[:40]}"


class RegionTally(models.Model):
    """How many events start in a month that name a region: as a Shanghai side, a Yunnan place
    or another partner (`role`). A region page asks it which places under a region the records
    name, without reading a link table of millions of rows."""

    month = models.DateField(null=True)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=8)  # "shanghai", "yunnan" or "partner"
    events = models.PositiveIntegerField()

    class Meta:
        db_table = "pairings_regiontally"
        indexes = [models.Index(fields=["month"]), models.Index(fields=["region", "role"])]

    def __str__(self):
        return f"{self.month} {self.region_id} {self.role}: {self.events}"


class SummaryLock(models.Model):
    """One row, locked while summaries are recomputed, so two writes touching the same month
    never interleave their delete and insert."""

    refreshed_at = models.DateTimeField(null=True)

    class Meta:
        db_table = "pairings_summarylock"

    def __str__(self):
        return f"summaries refreshed at {self.refreshed_at}"
