"""The overview: headline totals with their qualifiers, the matrix, the charts and freshness."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from pairings.models import Event, Figure, Pairing
from tests.builders import make_event, make_events, make_report
from tests.pages import fetch_page

# These tests know the two first reports' records by heart; the corpus is left out.
pytestmark = pytest.mark.usefixtures("first_reports")

# The headline metrics of the registry: one query; the cumulative transfers' series: one.
OVERVIEW_QUERIES = 12


def _card(page, label):
    [card] = [card for card in page.select(".card") if card.h3.get_text(strip=True) == label]
    return card.get_text(" ", strip=True)


def test_it_lists_every_pairing_with_a_link(client, report_data):
    page = fetch_page(client, "/")
    names = [a.get_text(strip=True) for a in page.select(".pairing-list a")]
    assert "嘉定区 ⇄ 楚雄彝族自治州" in names
    assert "黄浦区 ⇄ 西盟佤族自治县" in names
    assert len(names) == 12


def test_headline_totals_keep_their_qualifier_and_unit(client, report_data):
    page = fetch_page(client, "/")
    assert "6,400+ 人" in _card(page, "入场求职者")
    assert "6,825+ 个" in _card(page, "提供岗位")


def test_it_shows_cumulative_apart_from_batches(client, report_data):
    workers = _card(fetch_page(client, "/"), "到沪务工")
    assert "193 人" in workers  # 26 + 50 + 96 + 21
    assert "4,595 人" in workers  # 青浦区–德宏州, cumulative, quoted beneath, not added
    assert "4,788" not in workers


def test_person_times_are_a_card_of_their_own_and_say_when_no_batch_was_reported(
    client, report_data
):
    person_times = _card(fetch_page(client, "/"), "培训人数（人次）")
    assert "未报道批次数字" in person_times
    assert "5,112 人次" in person_times
    assert " 0 " not in person_times


def test_the_matrix_links_each_cell_to_its_pairing(client, report_data):
    page = fetch_page(client, "/")
    jiading_chuxiong = Pairing.objects.get(shanghai__name="嘉定区", yunnan__name="楚雄州")
    cell = page.select_one(f'.matrix a[href="/pairings/{jiading_chuxiong.pk}/"]')
    assert "10 项活动" in cell.get_text(" ", strip=True)
    assert "到沪 26 人" in cell.get_text(" ", strip=True)
    columns = [th.get_text(strip=True) for th in page.select(".matrix thead th")][1:]
    assert "迪庆州" in columns  # 嘉定区–德钦县 sits under its prefecture
    assert "德钦县" not in columns


def test_charts_get_their_data_through_json_script_and_have_tables(client, report_data):
    page = fetch_page(client, "/")
    flows = json.loads(page.find(id="flow-data").string)
    assert {"from": "红河州", "to": "徐汇区", "flow": 96.0} in flows
    monthly = json.loads(page.find(id="monthly-data").string)
    assert monthly["labels"][0] == "2017-09"
    assert page.select_one("#flow-chart")["role"] == "img"
    assert page.select_one("#monthly-chart")["aria-label"]
    assert not page.select("script:not([src]):not([type='application/json'])")


def test_it_says_how_fresh_the_data_is(client, report_data):
    freshness = fetch_page(client, "/").select_one(".freshness").get_text(" ", strip=True)
    assert "沪滇劳务协作 共创共享共赢" in freshness
    assert "2026年4月16日至17日" in freshness


def test_every_asset_is_served_by_the_site_itself(client, report_data):
    page = fetch_page(client, "/")
    for tag in page.select("script[src], link[href]"):
        assert (tag.get("src") or tag.get("href")).startswith("/static/")


@pytest.mark.parametrize("extra_events", [0, 50])
def test_the_overview_runs_a_fixed_number_of_queries(
    client, report_data, django_assert_num_queries, extra_events
):
    make_events(Pairing.objects.first(), extra_events)
    with django_assert_num_queries(OVERVIEW_QUERIES):
        assert client.get("/").status_code == 200


def test_it_renders_with_no_data_at_all(client, db):
    Figure.objects.update(subset_of=None)
    Figure.objects.all().delete()
    Event.objects.all().delete()
    call_command("refresh_summaries", verbosity=0)  # as after any write outside the admin
    page = fetch_page(client, "/")
    for label in ("提供岗位", "入场求职者", "达成意向", "到沪务工", "培训人数（人次）"):
        assert "未报道批次数字" in _card(page, label)
    assert "6,825+" not in page.get_text() and "6,400+" not in page.get_text()
    assert "0 项" in _card(page, "活动")


def test_a_card_quotes_the_newest_cumulative_figures_and_says_how_many_more(client, report_data):
    report = make_report()
    for month, pairing in enumerate(Pairing.objects.order_by("pk")[:5], start=1):
        Figure.objects.create(
            pairing=pairing,
            metric_id="trainees",
            value=100 * month,
            unit="person",
            qualifier="exact",
            is_cumulative=True,
            date_end=datetime.date(2030, month, 1),
            date_precision="month",
            report=report,
            excerpt=f"累计培训{100 * month}人",
        )
    trainees = _card(fetch_page(client, "/"), "培训人数（人）")
    assert "500 人" in trainees and "400 人" in trainees and "300 人" in trainees
    assert "200 人" not in trainees, "only the newest three are quoted"
    assert "见各结对页面" in trainees


def _batch_of_four_pairings():
    """One flight of 179+ workers that a report ties to four pairings (上海市–文山州, 上海市–
    红河州, 徐汇区–红河州, 闵行区–昭通市), counted in the summary tables as after an admin save."""
    from pairings.models import Region

    sides, places = ["310000", "310104", "310112"], ["532600", "532500", "530600"]
    pairings = list(Pairing.objects.filter(shanghai__in=sides, yunnan__in=places))
    assert len(pairings) == 4
    make_event(
        pairings[0],
        day=datetime.date(2026, 2, 18),
        kind="worker_dispatch",
        title="滇沪务工包机",
        pairings=pairings,
        shanghai=Region.objects.filter(pk__in=sides),
        yunnan=Region.objects.filter(pk__in=places),
        figures=[("workers_to_shanghai", 179, "person", "at_least")],
    )


def test_a_batch_of_several_pairings_flows_once_and_the_flows_add_up_to_the_headline(
    client, report_data
):
    _batch_of_four_pairings()
    response = client.get("/")
    page = BeautifulSoup(response.content, "html.parser")
    assert "372+ 人" in _card(page, "到沪务工")  # 193 + 179+, the batch once
    flows = json.loads(page.select_one("#flow-data").string)
    assert sum(flow["flow"] for flow in flows) == 372
    [shared] = [flow for flow in flows if flow["flow"] == 179]
    assert shared["from"] == "昭通市、红河州、文山州"
    assert shared["to"] == "上海市、徐汇区、闵行区"
    caption = page.select_one("#flows-heading ~ figure figcaption").get_text(" ", strip=True)
    assert "372+ 人" in caption
    table = page.select_one("#flows-heading ~ .table-wrap table").get_text(" ", strip=True)
    assert "179+ 人" in table


def test_matrix_cells_keep_the_qualifier_and_say_a_batch_is_shared(client, report_data):
    _batch_of_four_pairings()
    page = fetch_page(client, "/")
    minhang = Pairing.objects.get(shanghai="310112", yunnan="530600")
    cell = page.select_one(f'.matrix a[href="/pairings/{minhang.pk}/"]').get_text(" ", strip=True)
    assert "到沪 229+ 人" in cell  # 50 of its own train and the shared 179+
    assert "共享" in cell
    jiading = Pairing.objects.get(shanghai__name="嘉定区", yunnan__name="楚雄州")
    cell = page.select_one(f'.matrix a[href="/pairings/{jiading.pk}/"]').get_text(" ", strip=True)
    assert "到沪 26 人" in cell
    assert "共享" not in cell


def test_a_card_heads_the_batch_sum_and_the_cumulative_figures_apart(client, report_data):
    page = fetch_page(client, "/")
    [card] = [card for card in page.select(".card") if card.h3.get_text(strip=True) == "到沪务工"]
    batch_heading, cumulative_heading = card.select("h4")
    assert batch_heading.get_text(strip=True) == "报道批次之和"
    assert "193 人" in batch_heading.find_next_sibling("p").get_text()
    cumulative = card.select_one(".card-cumulatives")
    assert cumulative.h4 == cumulative_heading
    assert cumulative_heading.get_text(strip=True) == "累计数（不与批次相加）"
    assert "4,595 人" in cumulative.get_text() and "截至2026年" in cumulative.get_text()
    assert "193 人" not in cumulative.get_text()


def test_a_phone_lists_the_matrix_pairings_with_their_counts(client, report_data):
    page = fetch_page(client, "/")
    items = {a["href"]: a.get_text(" ", strip=True) for a in page.select(".matrix-list a")}
    assert set(items) == {a["href"] for a in page.select(".matrix a.matrix-cell")}
    jiading = Pairing.objects.get(shanghai__name="嘉定区", yunnan__name="楚雄州")
    assert items[f"/pairings/{jiading.pk}/"].startswith("嘉定区 ⇄ 楚雄彝族自治州")
    assert "项活动" in items[f"/pairings/{jiading.pk}/"]
