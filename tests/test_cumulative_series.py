"""Cumulative series: a pairing's (or a place's) cumulative figures of one metric and unit at
different as-of dates. The newest is quoted, the earlier ones are its history, none is added;
two reports of one as-of date are shown side by side."""

import csv
import datetime
import io

import pytest
from django.test import TestCase

from pairings.models import Figure, Pairing, Report
from summaries import readers, writes
from tests.pages import fetch_page
from tests.test_overview import OVERVIEW_QUERIES
from tests.test_pairing_page import PAIRING_QUERIES


def _qingpu():
    """青浦区–德宏州: its report gives 累计组织到沪就业4595人 (其中脱贫劳动力1881人) by 2026."""
    return Pairing.objects.get(shanghai__name="青浦区", yunnan__name="德宏州")


def _report(publication, year):
    report, _ = Report.objects.get_or_create(
        file_name=f"series-{publication}-{year}.txt",
        defaults={
            "title": f"{publication}报道",
            "publication": publication,
            "date_start": datetime.date(year, 1, 1),
            "date_end": datetime.date(year, 12, 31),
            "date_precision": "year",
        },
    )
    return report


def _as_of(pairing, year, value, publication, **fields):
    """Add a cumulative 到沪就业 figure of the pairing as of the end of `year`, from a report of
    `publication`, as an editor enters it."""
    report = _report(publication, year)
    with TestCase.captureOnCommitCallbacks(execute=True), writes.kept_current() as write:
        figure = Figure.objects.create(
            pairing=pairing, metric_id="workers_to_shanghai", value=value, unit="person",
            is_cumulative=True, report=report, excerpt=f"累计组织到沪就业{value}人",
            date_end=datetime.date(year, 12, 31), date_precision="year",
            date_text=f"截至{year}年", **fields,
        )  # fmt: skip
        write.wrote(Figure, [figure.pk])
    return figure


@pytest.fixture
def qingpu_series(report_data):
    """青浦区–德宏州 with two earlier totals beside its 4,595 by 2026: three as-of dates."""
    pairing = _qingpu()
    _as_of(pairing, 2024, 3200, "德宏团结报")
    _as_of(pairing, 2023, 2100, "青浦时报")
    return pairing


def _cumulative_rows(client, pairing):
    page = fetch_page(client, f"/pairings/{pairing.pk}/")
    table = page.find("h3", string=lambda s: s and s.startswith("累计数")).find_next("table")
    return table.tbody.select("tr")


def _to_shanghai_rows(client, pairing):
    """Return the 到沪务工 series' rows: its latest figure's and its history's."""
    rows = _cumulative_rows(client, pairing)
    first = next(i for i, row in enumerate(rows) if row.td.get_text(strip=True) == "到沪务工")
    return rows[first : first + 2]


def test_a_pairing_shows_its_latest_cumulative_figure_with_the_earlier_as_history(
    client, qingpu_series
):
    rows = _to_shanghai_rows(client, qingpu_series)
    latest, history = rows[0], rows[1]
    assert "4,595 人" in latest.get_text()
    assert "截至2026年" in latest.get_text()
    text = history.get_text(" ", strip=True)
    assert text.startswith("此前：")
    assert text.index("截至2024年 3,200 人") < text.index("截至2023年 2,100 人")
    assert len(history.select(".source-link")) == 2  # each earlier total with its source
    assert "3,200" not in latest.get_text() and "2,100" not in latest.get_text()


def test_a_part_of_a_cumulative_total_is_its_own_series_not_its_history(client, qingpu_series):
    texts = [row.get_text(" ", strip=True) for row in _cumulative_rows(client, qingpu_series)]
    part = next(text for text in texts if "其中脱贫劳动力" in text)
    assert "1,881 人" in part
    assert "此前" not in part
    assert not any("此前" in text and "1,881" in text for text in texts)


def test_the_totals_never_add_the_figures_of_a_series(client, qingpu_series):
    totals = {row["metric"]: row for row in readers.figure_totals(qingpu_series)}
    assert "workers_to_shanghai" not in totals
    page = fetch_page(client, f"/pairings/{qingpu_series.pk}/")
    assert "9,895" not in page.get_text()  # 4,595 + 3,200 + 2,100
    assert "7,795" not in page.get_text()  # 4,595 + 3,200


def test_two_reports_of_one_as_of_date_are_shown_side_by_side_and_counted_once(
    client, qingpu_series
):
    _as_of(qingpu_series, 2026, 4400, "德宏州人社局")
    rows = _to_shanghai_rows(client, qingpu_series)
    latest = rows[0].get_text(" ", strip=True)
    assert "4,595 人（隆重纪念" in latest
    assert "／4,400 人（德宏州人社局）" in latest
    assert len(rows[0].select(".source-link")) == 2
    history = rows[1].get_text(" ", strip=True)
    assert "4,400" not in history and "4,595" not in history
    assert "8,995" not in fetch_page(client, f"/pairings/{qingpu_series.pk}/").get_text()


def test_two_reports_that_agree_on_an_as_of_date_show_the_figure_once_with_both_sources(
    client, qingpu_series
):
    _as_of(qingpu_series, 2024, 3200, "青浦时报")
    history = _to_shanghai_rows(client, qingpu_series)[1]
    text = history.get_text(" ", strip=True)
    assert text.count("3,200 人") == 1
    assert "2 份报道" in text
    assert len(history.select(".source-link")) == 3  # 2024 twice, 2023 once


def test_the_pairing_download_keeps_every_figure_of_the_series_as_a_row(client, qingpu_series):
    response = client.get(f"/pairings/{qingpu_series.pk}/export.csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    values = {row["数值"] for row in rows if row["批次/累计"] == "累计"}
    assert {"4595", "3200", "2100", "1881"} <= values


# 青浦区–德宏州 has a training programme: its regions and its figures are two more queries.
QINGPU_QUERIES = PAIRING_QUERIES + 2


@pytest.mark.parametrize("points", [0, 3])
def test_a_series_costs_the_pairing_page_no_query(
    client, report_data, django_assert_num_queries, points
):
    pairing = _qingpu()
    for year in range(2023 - points, 2023):
        _as_of(pairing, year, 1000 + year, "德宏团结报")
    with django_assert_num_queries(QINGPU_QUERIES):
        assert client.get(f"/pairings/{pairing.pk}/").status_code == 200


def test_a_prefectures_page_shows_a_pairings_series_once_with_its_history(client, qingpu_series):
    _as_of(qingpu_series, 2026, 4400, "德宏州人社局")
    figures = fetch_page(client, "/regions/533100/").find("section", id="figures")
    cards = [
        card.get_text(" ", strip=True)
        for card in figures.select(".figure-card")
        if "到沪务工" in card.get_text()
        and "其中" not in [tag.get_text() for tag in card.select(".record-tag")]
    ]
    assert len(cards) == 1
    assert "4,595 人（隆重纪念" in cards[0] and "／4,400 人（德宏州人社局）" in cards[0]
    assert "此前： 截至2024年 3,200 人" in cards[0]
    assert "截至2023年 2,100 人" in cards[0]


def _overview_series_rows(client, pairing):
    """Return the overview's rows of the pairing's 到沪务工 series in its table of cumulative
    figures: its latest figure's and its history's."""
    table = fetch_page(client, "/").find(id="cumulative-transfers")
    rows = table.tbody.select("tr")
    first = next(
        i
        for i, row in enumerate(rows)
        if row.td.get_text(strip=True) == str(pairing)
        and row.select("td")[1].get_text(strip=True) == "到沪务工"
    )
    return rows[first : first + 2]


def test_the_overview_shows_a_pairings_latest_cumulative_figure_with_its_history(
    client, qingpu_series
):
    _as_of(qingpu_series, 2026, 4400, "德宏州人社局")
    latest, history = _overview_series_rows(client, qingpu_series)
    text = latest.get_text(" ", strip=True)
    assert "4,595 人（隆重纪念" in text and "／4,400 人（德宏州人社局）" in text
    earlier = history.get_text(" ", strip=True)
    assert earlier.startswith("此前：")
    assert earlier.index("截至2024年 3,200 人") < earlier.index("截至2023年 2,100 人")


@pytest.mark.parametrize("points", [0, 3])
def test_a_series_costs_the_overview_no_query(
    client, report_data, django_assert_num_queries, points
):
    pairing = _qingpu()
    for year in range(2023 - points, 2023):
        _as_of(pairing, year, 1000 + year, "德宏团结报")
    with django_assert_num_queries(OVERVIEW_QUERIES):
        assert client.get("/").status_code == 200
