"""A pairing's page: header, headline figures, timeline, transfers, programmes, brands, sources."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from pairings.charts import month_span
from pairings.models import Event, Figure, Pairing, Region
from summaries import writes
from tests.builders import make_event, make_events, make_pairing, make_report
from tests.pages import fetch_page

# The registry (it orders and names the totals), the citations, and the partner regions of its
# own figures (a joint figure names them).
PAIRING_QUERIES = 16


def _pairing(shanghai, yunnan):
    return Pairing.objects.get(shanghai__name=shanghai, yunnan__name=yunnan)


def _page(client, pairing):
    return fetch_page(client, f"/pairings/{pairing.pk}/")


def test_the_header_names_both_sides_officially_with_the_earliest_year(client, report_data):
    page = _page(client, _pairing("嘉定区", "楚雄州"))
    assert page.h1.get_text(strip=True) == "嘉定区 ⇄ 楚雄彝族自治州"
    assert "2017" in page.select_one(".facts").get_text()


def test_events_show_their_date_as_precisely_as_the_report_gave_it(client, report_data):
    text = _page(client, _pairing("嘉定区", "楚雄州")).select_one(".timeline").parent.get_text()
    assert "2017年11月" in text
    assert "2018年6月27日" in text
    assert "2017年11月1日" not in text


def test_day_ranges_read_as_the_report_wrote_them(client, report_data):
    text = _page(client, _pairing("松江区", "昭通市")).get_text()
    assert "2026年1月20日至24日" in text


def test_it_shows_cumulative_apart_from_batches(client, report_data):
    page = _page(client, _pairing("青浦区", "德宏州"))
    transfers = page.select_one("#transfers-heading").parent.get_text(" ", strip=True)
    assert "报道中没有该结对的分批到沪人数" in transfers
    assert "4,595 人" in transfers
    assert "截至2026年" in transfers
    assert "其中脱贫劳动力" in transfers


def test_every_figure_links_to_its_source_excerpt(client, report_data):
    page = _page(client, _pairing("青浦区", "德宏州"))
    for link in page.select(".figure .source-link"):
        target = page.select_one(link["href"])
        assert target is not None
        assert link["title"] in target.get_text()
        assert target.select_one('a[href^="/reports/"]')["href"].split("#")[1].startswith("figure-")


def test_training_programmes_and_labour_brands_are_shown(client, report_data):
    text = _page(client, _pairing("青浦区", "德宏州")).get_text()
    assert "青浦班" in text
    assert "24 个" in text
    assert "青浦快递小哥" in text


def test_empty_sections_say_what_is_missing(client, report_data):
    text = _page(client, _pairing("黄浦区", "西盟县")).get_text()
    assert "报道未给出该活动的数字" in text
    assert "报道中没有该结对的批次数字" in text
    assert "报道中没有该结对的劳务品牌" in text


def test_the_timeline_chart_data_respects_month_precision(client, report_data):
    page = _page(client, _pairing("嘉定区", "楚雄州"))
    timeline = json.loads(page.find(id="timeline-data").string)
    november = timeline["labels"].index("2017-11")
    job_fairs = next(d for d in timeline["datasets"] if d["label"] == "专场招聘会")
    assert job_fairs["data"][november] == 1
    assert "2017-01" not in timeline["labels"]  # the year-only training is not put in January
    people = json.loads(page.find(id="people-moved-data").string)
    assert people[timeline["labels"].index("2018-07")] == 26


def test_headline_totals_never_add_rates_or_durations(client, report_data):
    headline = _page(client, _pairing("嘉定区", "德钦县")).select_one(".headline").get_text()
    assert "时长" not in headline
    assert "400+ 人" in headline


def test_an_unknown_pairing_is_a_404(client, report_data):
    assert client.get("/pairings/999/").status_code == 404


@pytest.mark.parametrize("extra_events", [0, 50])
def test_the_pairing_page_runs_a_fixed_number_of_queries(
    client, report_data, django_assert_num_queries, extra_events
):
    pairing = _pairing("嘉定区", "楚雄州")
    make_events(pairing, extra_events)
    with django_assert_num_queries(PAIRING_QUERIES):
        assert client.get(f"/pairings/{pairing.pk}/").status_code == 200


def test_a_busy_pairing_lists_its_newest_events_and_links_to_all_of_them(
    client, report_data, monkeypatch
):
    monkeypatch.setattr("pairings.views.pairing.TIMELINE_LIMIT", 3)
    pairing = _pairing("嘉定区", "楚雄州")
    make_events(pairing, 5)
    total = pairing.events.count()
    page = _page(client, pairing)
    titles = [
        item.select_one(".timeline-title").get_text(strip=True)
        for item in page.select(".timeline-item")
    ]
    timeline = [event.title for event in Event.objects.for_pairing(pairing)]
    assert titles == timeline[-3:]  # the newest three, oldest first
    assert "测试活动4" in titles and "测试活动2" not in titles
    note = page.select_one(".timeline-limit")
    assert f"最近的 3 项活动（共 {total} 项）" in note.get_text()
    assert note.a["href"] == "/events/?shanghai=310114&prefecture=532300"
    caption = page.select_one("figcaption").get_text()  # the chart and its caption count all
    assert f"共 {total - 2} 项活动" in caption and "另有 2 项只知年份" in caption


def test_a_timeline_of_one_month_is_captioned_with_that_month_alone(client, report_data):
    pairing = _new_pairing()
    make_event(pairing, day=datetime.date(2026, 5, 1))
    make_event(pairing, day=datetime.date(2026, 5, 20))
    caption = _page(client, pairing).select_one("figcaption").get_text(" ", strip=True)
    assert caption.startswith("2026-05 共 2 项活动")
    assert "至" not in caption


def test_the_span_of_a_chart_reads_in_the_language_of_the_page():
    assert month_span([]) == ""
    assert month_span(["2017-11"]) == "2017-11"
    assert month_span(["2017-11", "2017-12", "2018-01"]) == "2017-11 至 2018-01"
    with translation.override("en"):
        assert month_span(["2017-11", "2018-01"]) == "2017-11 to 2018-01"


def _new_pairing():
    """闵行区–红河州: a pairing the reports do not name, so its page holds only what a test
    gives it."""
    return make_pairing(Region.objects.get(name="闵行区"), Region.objects.get(name="红河州"))


def _dated(event, start, end, precision):
    with writes.kept_current((Event, [event.pk])):
        Event.objects.filter(pk=event.pk).update(
            date_start=start, date_end=end, date_precision=precision
        )


def test_a_pairing_whose_only_event_is_undated_says_so_not_that_it_is_known_to_the_year(
    client, report_data
):
    pairing = _new_pairing()
    _dated(make_event(pairing), None, None, "")
    text = _page(client, pairing).select_one("#timeline-heading").parent.get_text(" ", strip=True)
    assert "没有报道日期" in text
    assert "只知年份" not in text


def test_the_timeline_caption_counts_the_events_its_chart_draws(client, report_data):
    pairing = _new_pairing()
    make_event(pairing, day=datetime.date(2022, 2, 10))
    year_only = make_event(pairing, title="全年培训")
    _dated(year_only, datetime.date(2022, 1, 1), datetime.date(2022, 12, 31), "year")
    caption = _page(client, pairing).select_one("figcaption").get_text(" ", strip=True)
    assert caption.startswith("2022-02 共 1 项活动")
    assert "另有 1 项只知年份" in caption


def test_cumulative_and_other_figures_are_headed_by_what_their_dates_are(client, report_data):
    pairing = _new_pairing()
    report = make_report()
    since = {"date_start": datetime.date(2023, 1, 1), "date_precision": "year"}
    with writes.kept_current() as write:
        cumulative = Figure.objects.create(
            pairing=pairing, metric_id="transferred", value=1200, unit="person",
            is_cumulative=True, report=report, excerpt="自2023年起累计转移1200人", **since,
        )  # fmt: skip
        trainees = Figure.objects.create(
            pairing=pairing, metric_id="trainees", value=80, unit="person", report=report,
            excerpt="2023年2月8日至13日培训80人", date_start=datetime.date(2023, 2, 8),
            date_end=datetime.date(2023, 2, 13), date_precision="day",
        )  # fmt: skip
        write.wrote(Figure, [cumulative.pk, trainees.pk])
    page = _page(client, pairing)
    cumulative = page.find("h3", string=lambda s: s and s.startswith("累计数")).find_next("table")
    assert "截至" not in cumulative.thead.get_text()
    assert "自2023年起" in cumulative.tbody.get_text()
    headings = [h3.get_text(strip=True) for h3 in page.select("h3")]
    assert "其他年度数字" not in headings
    assert "2023年2月8日至13日" in page.get_text()


def test_the_events_page_does_not_count_the_reports_it_is_built_from(client, report_data):
    make_report("third-report.txt", "第三篇报道")
    text = BeautifulSoup(client.get("/events/").content, "html.parser").get_text()
    assert "两篇报道" not in text


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_table_cell_names_its_column_for_the_phone_cards(client, report_data, language):
    prefix = "/en" if language == "en" else ""
    pairing = _pairing("嘉定区", "楚雄州")
    page = fetch_page(client, f"{prefix}/pairings/{pairing.pk}/")
    tables = page.select("main table")
    assert len(tables) >= 3
    for table in tables:
        assert "stack-on-phone" in table["class"]
        headers = [th.get_text(" ", strip=True) for th in table.select("thead th")]
        for row in table.select("tbody tr:not(.series-history)"):
            labels = [td["data-label"] for td in row.select("td")]
            assert labels == headers
