"""The rules every total obeys."""

from decimal import Decimal

from pairings.models import Figure, Pairing
from pairings.querysets import qualifier_of_total


def _totals(queryset):
    return {(row["metric"], row["unit"]): row for row in queryset.totals()}


def test_cumulative_figures_and_parts_are_left_out_of_batch_totals(first_reports):
    workers = _totals(Figure.objects.all())[("workers_to_shanghai", "person")]
    # Batches 26 + 50 + 96 + 21; never the cumulative 4,595 nor the 其中 11 and 1,881.
    assert workers["total"] == Decimal(193)
    assert workers["parts"] == 4


def test_person_times_are_never_added_to_persons(report_data):
    totals = _totals(Figure.objects.all())
    assert ("trainees", "person") in totals
    assert ("trainees", "person_time") not in totals  # the only 人次 figure is cumulative


def test_a_total_with_an_at_least_part_is_at_least(report_data):
    attendees = _totals(Figure.objects.all())[("attendees", "person")]
    assert attendees["total"] == Decimal(6400)
    qualifier = qualifier_of_total(
        attendees["at_least_parts"], attendees["about_parts"], attendees["at_most_parts"]
    )
    assert qualifier == "at_least"


def test_a_part_of_a_different_metric_still_counts_in_its_own(report_data):
    intents = _totals(Figure.objects.all())[("hiring_intents", "person")]
    # 104 + 91 + 12 (of the 36 résumés) + 100多; the 29 are part of the 91.
    assert intents["total"] == Decimal(307)


def test_a_pairing_sees_its_events_figures_and_its_own(report_data):
    qingpu = Pairing.objects.get(shanghai__name="青浦区")
    metrics = set(Figure.objects.for_pairing(qingpu).values_list("metric", flat=True))
    assert {"enterprises", "schools", "workers_to_shanghai", "trainees"} <= metrics


def test_qualifier_of_total_mixes_as_documented():
    assert qualifier_of_total(0, 0, 0) == "exact"
    assert qualifier_of_total(2, 0, 0) == "at_least"
    assert qualifier_of_total(0, 0, 1) == "at_most"
    assert qualifier_of_total(1, 0, 1) == "about"
    assert qualifier_of_total(0, 1, 0) == "about"
