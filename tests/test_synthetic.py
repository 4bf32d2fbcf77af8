"""generate_synthetic and remove_synthetic: national-size data for the benchmark, kept apart
from the report data. Small counts here; bench/ makes the million."""

import io
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db.models import F

from pairings.metrics import NON_ADDITIVE_UNITS
from pairings.models import (
    Event,
    EventCitation,
    Figure,
    LabourBrand,
    Pairing,
    PairingCitation,
    Region,
    Report,
    TrainingProgramme,
)
from pairings.querysets import qualifier_of_total
from synthetic.generator import SYNTHETIC_MARK, generate, remove, synthetic_reports
from tests.builders import stale_summaries
from tests.test_events import PAGE_QUERIES
from tests.test_overview import OVERVIEW_QUERIES
from tests.test_pairing_page import PAIRING_QUERIES
from tests.test_production import PRODUCTION_ENV, _manage

EVENTS = 200

THROUGH_MODELS = (
    Event.shanghai_regions.through,
    Event.yunnan_regions.through,
    Event.partner_regions.through,
    Event.pairings.through,
)


def _counts():
    models = (
        Report,
        Pairing,
        Event,
        EventCitation,
        Figure,
        LabourBrand,
        TrainingProgramme,
        *THROUGH_MODELS,
    )
    return {model._meta.label: model.objects.count() for model in models}


def _snapshot():
    """Return what two runs with one seed must share: counts and the first rows, without ids."""
    events = list(
        Event.objects.filter(citations__report__in=synthetic_reports())
        .order_by("pk")
        .values_list("kind", "title", "date_start", "date_end", "date_precision", "venue")[:20]
    )
    figures = list(
        Figure.objects.filter(report__in=synthetic_reports())
        .order_by("pk")
        .values_list("metric", "value", "qualifier", "unit", "is_cumulative", "excerpt")[:40]
    )
    links = list(
        Event.pairings.through.objects.filter(pairing__citations__report__in=synthetic_reports())
        .order_by("event_id", "pairing__shanghai_id")  # an event with two sides has two links
        .values_list("pairing__shanghai_id", "pairing__yunnan_id")[:40]
    )
    return _counts(), events, figures, links


@pytest.fixture
def synthetic(report_data):
    return generate(EVENTS, seed=7)


def test_the_same_seed_makes_the_same_data(report_data):
    generate(EVENTS, seed=7)
    first = _snapshot()
    remove()
    generate(EVENTS, seed=7)
    assert _snapshot() == first


def test_another_seed_makes_other_data(report_data):
    generate(EVENTS, seed=7)
    first = _snapshot()
    remove()
    generate(EVENTS, seed=8)
    assert _snapshot()[1] != first[1]


def test_it_makes_the_events_asked_for_under_one_marked_report(synthetic):
    report = synthetic_reports().get()
    assert report.file_name == "synthetic-seed-7.txt"
    assert SYNTHETIC_MARK in report.title
    assert synthetic["events"] == EVENTS
    assert EventCitation.objects.filter(report=report).count() == EVENTS
    assert Figure.objects.filter(report=report).count() == synthetic["figures"]


def test_every_excerpt_says_it_is_synthetic(synthetic):
    report = synthetic_reports().get()
    excerpts = [
        *EventCitation.objects.filter(report=report).values_list("excerpt", flat=True),
        *Figure.objects.filter(report=report).values_list("excerpt", flat=True),
        *PairingCitation.objects.filter(report=report).values_list("excerpt", flat=True),
    ]
    assert excerpts
    assert all(excerpt.startswith(SYNTHETIC_MARK) for excerpt in excerpts)


def test_every_district_is_paired_with_every_prefecture(synthetic):
    pairs = Pairing.objects.filter(
        shanghai__level=Region.Level.COUNTY,
        shanghai__code__startswith="31",
        yunnan__level=Region.Level.PREFECTURE,
    )
    assert pairs.count() == 16 * 16
    made = pairs.filter(citations__report__in=synthetic_reports())
    assert set(made.values_list("basis", flat=True)) == {Pairing.Basis.IMPLIED}
    from_reports = pairs.exclude(citations__report__in=synthetic_reports()).count()
    assert synthetic["pairings created"] == made.count() == 16 * 16 - from_reports


def test_it_has_the_mix_the_pages_must_handle(synthetic):
    events = Event.objects.filter(citations__report__in=synthetic_reports())
    assert set(events.values_list("date_precision", flat=True)) == {"day", "month", "year"}
    assert events.filter(date_end__isnull=True).exists()  # open-ended: 自…起
    assert events.filter(date_end__gt=F("date_start"), date_precision="day").exists()
    assert len(set(events.values_list("kind", flat=True))) >= 8
    counties = Event.yunnan_regions.through.objects.filter(region__level=Region.Level.COUNTY)
    assert counties.filter(event__in=events).exists()
    assert events.filter(yunnan_regions__isnull=True).exists()  # 未说明
    assert events.filter(shanghai_regions__isnull=False).values("pk").distinct().count() == EVENTS
    figures = Figure.objects.filter(report__in=synthetic_reports())
    assert set(figures.values_list("qualifier", flat=True)) >= {"exact", "at_least", "about"}
    assert figures.filter(subset_of__isnull=False, event__isnull=False).exists()
    assert figures.filter(is_cumulative=True, pairing__isnull=False).exists()
    assert figures.filter(is_cumulative=True, subset_of__isnull=False).exists()
    assert figures.filter(unit="person_time").exists()


def test_a_sample_of_the_records_is_valid(synthetic):
    report = synthetic_reports().get()
    for event in Event.objects.filter(citations__report=report).order_by("pk")[:40]:
        event.full_clean()
    for citation in EventCitation.objects.filter(report=report).order_by("pk")[:40]:
        citation.full_clean()
    parts = Figure.objects.filter(report=report, subset_of__isnull=False)
    sample = [*Figure.objects.filter(report=report).order_by("pk")[:80], *parts[:20]]
    sample += list(Figure.objects.filter(report=report, is_cumulative=True)[:20])
    for figure in sample:
        figure.full_clean()
    for pairing in Pairing.objects.filter(citations__report=report)[:40]:
        pairing.full_clean()
    for citation in PairingCitation.objects.filter(report=report).order_by("pk")[:40]:
        citation.full_clean()


def test_parts_never_exceed_their_whole_and_cumulative_series_grow(synthetic):
    parts = Figure.objects.filter(report__in=synthetic_reports(), subset_of__isnull=False)
    for part in parts.select_related("subset_of"):
        assert part.value <= part.subset_of.value
        assert part.metric == part.subset_of.metric
    series = {}
    for figure in Figure.objects.filter(
        report__in=synthetic_reports(), is_cumulative=True, subset_of__isnull=True
    ).order_by("date_end"):
        key = (figure.pairing_id, figure.metric_id, figure.unit)
        assert figure.value >= series.get(key, Decimal(0))
        series[key] = figure.value


def test_totals_still_follow_the_rules(synthetic):
    """Sum in Python what totals() sums in SQL: batches only, parts of the same metric left
    out, 人 apart from 人次, and any 'at least' part makes the total 'at least'."""
    expected = {}
    figures = Figure.objects.filter(is_cumulative=False, metric__additive=True).exclude(
        unit__in=NON_ADDITIVE_UNITS
    )
    for figure in figures.select_related("subset_of"):
        if figure.subset_of_id and figure.subset_of.metric == figure.metric:
            continue
        row = expected.setdefault(
            (figure.metric_id, figure.unit), {"total": Decimal(0), "parts": 0, "at_least": 0}
        )
        row["total"] += figure.value
        row["parts"] += 1
        # A range (100至200名) adds its low bound: an 'at least' part.
        in_range = figure.qualifier == "exact" and figure.value_high is not None
        row["at_least"] += figure.qualifier == "at_least" or in_range
    totals = {(row["metric"], row["unit"]): row for row in Figure.objects.totals()}
    assert set(totals) == set(expected)
    for key, row in totals.items():
        assert (row["total"], row["parts"], row["at_least_parts"]) == tuple(expected[key].values())
    assert ("trainees", "person") in totals and ("trainees", "person_time") in totals
    workers = totals[("workers_to_shanghai", "person")]
    assert workers["at_least_parts"]
    assert qualifier_of_total(workers["at_least_parts"], 0, 0) == "at_least"


def test_remove_deletes_everything_synthetic_and_nothing_else(report_data):
    before = _counts()
    real_figures = list(Figure.objects.order_by("pk").values_list("pk", "value", "excerpt"))
    generate(EVENTS, seed=7)
    assert _counts() != before
    assert stale_summaries() == {}, "generate_synthetic tallies what it writes"
    deleted = remove()
    assert deleted["pairings_event"] == EVENTS
    assert _counts() == before
    assert stale_summaries() == {}
    assert list(Figure.objects.order_by("pk").values_list("pk", "value", "excerpt")) == (
        real_figures
    )
    assert not synthetic_reports().exists()
    assert not Figure.objects.filter(excerpt__startswith=SYNTHETIC_MARK).exists()
    assert remove() == {}


def test_it_refuses_to_generate_over_synthetic_data(synthetic):
    with pytest.raises(CommandError, match="remove_synthetic"):
        call_command("generate_synthetic", events=10, seed=1, stdout=io.StringIO())


def test_the_commands_print_what_they_did(report_data):
    out = io.StringIO()
    call_command("generate_synthetic", events=50, seed=3, stdout=out)
    assert "events: 50" in out.getvalue()
    out = io.StringIO()
    call_command("remove_synthetic", stdout=out)
    assert "pairings_event: 50 deleted" in out.getvalue()
    out = io.StringIO()
    call_command("remove_synthetic", stdout=out)
    assert "no synthetic data" in out.getvalue()


def test_production_has_no_synthetic_commands_and_the_benchmark_has_them():
    production = _manage("help", "generate_synthetic", env={**PRODUCTION_ENV, "SYNTHETIC_DATA": ""})
    assert production.returncode != 0 and "Unknown command" in production.stderr
    bench = _manage(
        "help",
        "remove_synthetic",
        env={"DJANGO_SETTINGS_MODULE": "bench.settings", "SYNTHETIC_DATA": ""},
    )
    assert bench.returncode == 0, bench.stderr


def test_the_pages_keep_their_query_counts_on_synthetic_data(
    client, synthetic, django_assert_num_queries
):
    pairing = Pairing.objects.get(shanghai__name="嘉定区", yunnan__name="楚雄州")
    with django_assert_num_queries(OVERVIEW_QUERIES):
        assert client.get("/").status_code == 200
    with django_assert_num_queries(PAIRING_QUERIES):
        assert client.get(f"/pairings/{pairing.pk}/").status_code == 200
    for query, queries in [
        ("", PAGE_QUERIES),
        ("?prefecture=532300&date_from=2020-01-01&date_to=2020-12-31", PAGE_QUERIES),
        ("?q=嘉定", PAGE_QUERIES),
        ("?prefecture=532300&date_from=2020-01-15&date_to=2020-12-31", PAGE_QUERIES),
    ]:
        cache.clear()  # each page cold, as the first visitor after a write meets it
        with django_assert_num_queries(queries):
            assert client.get(f"/events/{query}").status_code == 200
