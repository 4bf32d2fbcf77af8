"""The registry of metrics and units: every metric and unit written once, and every module's
view of them (validation, totals, tallies, headline cards, pages, English words) derived from
it."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError

from pairings.formatting import format_quantity
from pairings.metrics import (
    FACTS,
    METRIC_ORDER,
    METRICS,
    NON_ADDITIVE_METRICS,
    OTHER_TRANSFER_METRICS,
    TO_SHANGHAI_METRICS,
    UNITS,
    Metric,
    Qualifier,
    Unit,
)
from pairings.models import Figure, Pairing
from summaries import readers
from tests.builders import make_event


def test_the_registry_holds_every_metric_once_in_the_order_of_its_choices():
    assert [facts.metric for facts in METRICS] == list(Metric)
    assert list(METRIC_ORDER) == list(Metric)


def test_the_registry_holds_every_unit_once_and_every_unit_counts_some_metric():
    assert [facts.unit for facts in UNITS] == list(Unit)
    assert {unit for facts in METRICS for unit in facts.units} == set(Unit)


def test_each_metric_has_distinct_units_and_its_headlines_use_them():
    for facts in METRICS:
        assert facts.units and len(set(facts.units)) == len(facts.units), facts.metric
        assert {headline.unit for headline in facts.headlines} <= set(facts.units), facts.metric


def test_the_derived_views_say_what_the_modules_said_before_the_registry():
    assert NON_ADDITIVE_METRICS == (Metric.EMPLOYMENT_RATE, Metric.DURATION, Metric.YEARS_RUNNING)
    assert TO_SHANGHAI_METRICS == (Metric.WORKERS_TO_SHANGHAI, Metric.WORKERS_IN_SHANGHAI)
    assert OTHER_TRANSFER_METRICS == (Metric.TRANSFERRED, Metric.OUT_OF_PROVINCE)
    assert FACTS[Metric.TRAINEES].units == (Unit.PERSON, Unit.PERSON_TIME)


@pytest.mark.parametrize("metric", list(Metric))
def test_a_figure_may_be_counted_in_exactly_the_units_the_registry_allows(metric):
    for unit in Unit:
        figure = Figure(metric=metric, unit=unit, value=1, excerpt="摘录")
        try:
            figure.clean()
            refused = False
        except ValidationError as error:
            refused = "unit" in error.error_dict
        assert refused == (unit not in FACTS[metric].units), (metric, unit)


def test_totals_and_tallies_add_up_exactly_the_additive_metrics(report_data):
    pairing = Pairing.objects.get(shanghai__name="青浦区")
    before = {(row["metric"], row["unit"]): row["total"] for row in readers.figure_totals()}
    event = make_event(
        pairing,
        figures=[(facts.metric, 1, facts.units[0], Qualifier.EXACT) for facts in METRICS],
    )
    additive = {facts.metric for facts in METRICS if facts.additive}

    live = {row["metric"] for row in Figure.objects.filter(event=event).totals()}
    after = {(row["metric"], row["unit"]): row["total"] for row in readers.figure_totals()}
    tallied = {
        metric for (metric, unit), total in after.items() if before.get((metric, unit)) != total
    }
    assert live == additive
    assert tallied == additive


def test_the_overview_cards_are_the_registry_headlines_in_its_order(client, report_data):
    page = BeautifulSoup(client.get("/").content, "html.parser")
    labels = [card.h3.get_text(strip=True) for card in page.select(".cards > .card")]
    headlines = [str(headline.label) for facts in METRICS for headline in facts.headlines]
    assert labels[: len(headlines)] == headlines  # then the count of events


@pytest.mark.parametrize("facts", UNITS, ids=lambda facts: facts.unit)
def test_an_english_figure_reads_its_units_word_from_the_registry(facts):
    text = format_quantity(3, Qualifier.EXACT, facts.unit, language="en")
    assert text.endswith(facts.english)
    assert (text == "3") == (facts.english == "")
