"""Small explicit builders for test data beyond the report fixtures (e.g. 50 extra events to
show a page's query count does not grow with the data)."""

import datetime

from django.contrib.auth.models import Group, User
from django.test import TestCase

from pairings.dates import Period, publication_of, read_period
from pairings.metrics import WORKERS_TO_SHANGHAI
from pairings.models import Event, EventCitation, Figure, Pairing, PairingCitation, Report
from summaries import check, writes


def make_staff(name, group):
    """Create a staff account in a group (editors, viewers), as the superuser does."""
    user = User.objects.create_user(name, password="correct-horse-battery", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def make_report(file_name="test-report.txt", title="测试报道"):
    report, _ = Report.objects.get_or_create(
        file_name=file_name,
        defaults={
            "title": title,
            "date_start": datetime.date(2026, 1, 1),
            "date_end": datetime.date(2026, 12, 31),
            "date_precision": "year",
        },
    )
    return report


def make_pairing(shanghai, yunnan, basis=Pairing.Basis.STATED, report=None):
    """Create a pairing of two regions, cited by a report, as an editor enters it."""
    with TestCase.captureOnCommitCallbacks(execute=True), writes.kept_current() as write:
        pairing = Pairing.objects.create(shanghai=shanghai, yunnan=yunnan, basis=basis)
        PairingCitation.objects.create(
            pairing=pairing, report=report or make_report(), excerpt=f"{pairing}结对（测试）"
        )
        write.wrote(Pairing, [pairing.pk])
    return pairing


def make_event(
    pairing: Pairing,
    *,
    day=datetime.date(2026, 5, 1),
    period=None,
    kind="job_fair",
    title="测试招聘会",
    report=None,
    figures=(),
    pairings=(),
    shanghai=(),
    yunnan=(),
):
    """Create an event of the pairing (or of `pairings`) on a day, or dated as a clerk types
    `period` ("截至2024-03-15"), between the pairing's sides (or the `shanghai` and `yunnan`
    regions), cited by a report, with (metric, value, unit, qualifier) figures; the summary
    tables count it: it is written through the doorway, as the admin writes."""
    report = report or make_report()
    if period is None:
        period = Period(day, day, "day", "printed", "")
    else:
        period = read_period(period, publication_of(report))
    # The test's transaction never commits: run what the doorway leaves for the commit.
    with TestCase.captureOnCommitCallbacks(execute=True), writes.kept_current() as write:
        event = Event(kind=kind, title=title)
        event.set_period(period)
        event.save()
        event.shanghai_regions.add(*(shanghai or [pairing.shanghai]))
        event.yunnan_regions.add(*(yunnan or [pairing.yunnan]))
        event.pairings.add(*(pairings or [pairing]))
        EventCitation.objects.create(event=event, report=report, excerpt=f"{title}摘录")
        for metric, value, unit, qualifier in figures:
            Figure.objects.create(
                event=event,
                metric_id=metric,
                value=value,
                unit=unit,
                qualifier=qualifier,
                report=report,
                excerpt=f"{title}{value}",
            )
        write.wrote(Event, [event.pk])
    return event


def make_events(pairing: Pairing, count, **kwargs):
    """Create `count` events spread over 2025–2026, each with two figures."""
    start = datetime.date(2025, 1, 1)
    return [
        make_event(
            pairing,
            day=start + datetime.timedelta(days=7 * i),
            title=f"测试活动{i}",
            figures=[
                ("positions", 100 + i, "item", "at_least"),
                ("attendees", 50 + i, "person", "exact"),
            ],
            **kwargs,
        )
        for i in range(count)
    ]


def stale_summaries():
    """Return the summary-table rows that differ from the data ({} when they are current)."""
    return {
        tally: rows
        for tally, rows in check.differences().items()
        if rows["missing"] or rows["extra"]
    }


def workers_total(totals):
    """Return the total of workers to Shanghai (人) among totals() rows: the batch a test of
    counting follows."""
    return next(
        row["total"]
        for row in totals
        if row["metric"] == WORKERS_TO_SHANGHAI and row["unit"] == "person"
    )
