"""manage.py events_of_several_reports: every event more than one report tells of, and how
each of its figures is counted; and the totals count every event's quantity once."""

from decimal import Decimal
from io import StringIO

from django.core.management import call_command

from pairings.metrics import WORKERS_TO_SHANGHAI
from pairings.models import Figure, Pairing
from summaries import readers
from tests import test_accounts
from tests.builders import workers_total

# The cases of tests/test_accounts.py: the 闵行 train told twice as 50, the 文山州 flight as 61
# and 59.
minhang_train = test_accounts.minhang_train
wenshan_flight = test_accounts.wenshan_flight


def _listing():
    out = StringIO()
    call_command("events_of_several_reports", stdout=out)
    return out.getvalue()


def test_the_2025_02_01_flight_of_corpus_16_and_17_is_one_event_its_60_a_part_of_the_100(
    report_data,
):
    listing = _listing()
    assert "event 1506  2月1日大年初四（2025年2月1日，年份据报道日期推定）" in listing
    assert "reports (2): corpus/16.txt; corpus/17.txt" in listing
    assert "#15501 到沪务工 100 人 (corpus/16.txt): counted" in listing
    assert (
        "#15502 其中 到沪务工（文山州务工人员） 60+ 人 (corpus/17.txt): "
        "a part of #15501, inside it, not added again"
    ) in listing
    # No other event of the report data and the corpus is told by more than one report.
    assert listing.count("\nevent ") + listing.startswith("event ") == 1
    assert listing.endswith("events told by more than one report: 1\n")


def test_it_names_the_account_that_counts_and_the_one_beside_it(wenshan_flight):
    counted, account = wenshan_flight
    listing = _listing()
    assert f"#{counted.pk} 到沪务工 61 人 (hongkou-flight.txt): counted" in listing
    assert (
        f"#{account.pk} 到沪务工 59 人 (wenshan-flight.txt): "
        f"another report's account of #{counted.pk}, not added"
    ) in listing


def _workers_by_event(figures):
    """Return {event id or None: the workers who came to Shanghai in its batches}, each event's
    quantity taken once: from its figures that no other of its figures contains or tells
    again (the test's own reading, not FigureQuerySet.summable())."""
    by_event = {}
    for figure in figures.filter(metric=WORKERS_TO_SHANGHAI, unit="person", is_cumulative=False):
        if figure.account_of_id or figure.subset_of_id or figure.is_joint:
            continue
        by_event.setdefault(figure.event_id, []).append(figure.value)
    return by_event


def test_the_overviews_and_each_pairings_batch_totals_are_sums_over_distinct_events(
    minhang_train, wenshan_flight
):
    everywhere = _workers_by_event(Figure.objects.all())
    # Every event's batch is one quantity: no event gives two counted figures of it.
    assert all(len(values) == 1 for event, values in everywhere.items() if event is not None)
    assert workers_total(readers.figure_totals()) == sum(
        sum(values) for values in everywhere.values()
    )
    batch_workers = readers.batch_workers_by_pairing()
    for pairing in Pairing.objects.all():
        expected = sum(
            (
                sum(values)
                for values in _workers_by_event(Figure.objects.for_pairing(pairing)).values()
            ),
            Decimal(0),
        )
        shown = batch_workers.get(pairing.pk)
        assert (shown["total"] if shown else Decimal(0)) == expected, pairing
        if shown:
            assert workers_total(readers.figure_totals(pairing)) == expected, pairing
