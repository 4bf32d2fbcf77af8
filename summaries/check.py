"""Whether the summary tables match the data: `manage.py refresh_summaries --check`, /healthz and
the tests ask."""

import datetime
from collections import Counter

from django.db import models

from pairings.models import Event
from pairings.rows import event_lines_fingerprint

from .models import EventDigest, EventRow
from .refresh import GROUPED_TALLIES, digest_chunks


def incomplete():
    """Return True when a summary table lacks rows any data gives: an event without its digest
    or without CSV lines of the current layout (as after a release that adds a column), or an
    empty tally while there are events (as after `migrate` adds a table). Counts only;
    differences() compares every row."""
    events = Event.objects.count()
    rows = EventRow.objects.filter(layout=event_lines_fingerprint())
    if EventDigest.objects.count() != events or rows.count() != events:
        return True
    return bool(events) and not all(model.objects.exists() for model, _ in GROUPED_TALLIES)


def differences():
    """Return {table: {"missing": rows, "extra": rows}}: the rows the data gives that the table
    lacks, and those it holds that the data does not give (both empty when it is current).
    Recomputes everything: for checks and tests, not for requests."""
    found = {"EventDigest and EventRow": _digest_differences()}
    for model, groups_of in GROUPED_TALLIES:
        fields = [field for field in model._meta.concrete_fields if not field.primary_key]
        expected = [
            tuple(_plain(values.get(f"t_{field.name}")) for field in fields)
            for groups in groups_of(None)
            for values in groups
        ]
        stored = [
            tuple(_plain(value) for value in values)
            for values in model.objects.values_list(*(field.attname for field in fields))
        ]
        found[model.__name__] = {
            "missing": _multiset_difference(expected, stored),
            "extra": _multiset_difference(stored, expected),
        }
    return found


def _digest_differences():
    """Compare the digests and rows chunk by chunk (the texts of a million events do not fit
    in memory twice). Every one belongs to an event and every event is visited, so none is
    left unseen."""
    missing, extra = [], []
    for digests, rows in digest_chunks(Event.objects.all()):
        for model, records in ((EventDigest, digests), (EventRow, rows)):
            fields = [field.attname for field in model._meta.concrete_fields]
            stored = model.objects.filter(pk__in=[record.pk for record in records])
            stored = {values[0]: values for values in stored.values_list(*fields)}
            for record in records:
                expected = tuple(getattr(record, field) for field in fields)
                if stored.get(record.pk) != expected:
                    missing.append(expected)
                    if record.pk in stored:
                        extra.append(stored[record.pk])
    return {"missing": missing, "extra": extra}


def _plain(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, models.Model):
        return value.pk
    return value


def _multiset_difference(rows, other):
    return list((Counter(rows) - Counter(other)).elements())
