"""A region's page at /regions/<code>/: its pairings, events, figures of no event, brands."""

import datetime
import re

import pytest

from pairings.models import Figure, Pairing, Region
from summaries import readers, writes
from tests.builders import make_event, make_events, make_pairing, make_report
from tests.pages import ZERO_QUANTITY, fetch_page, section_html

# Queries a region page runs, whatever the size of the data: the region, its children named in
# the reports, its pairings and their citations, its events, its figures of no event and its
# labour brands; when it has events, their six prefetches (Shanghai sides, Yunnan places,
# partners, citations with their report, pairings, figures with their report and whole), and the
# partner regions of its figures of no event (a joint figure names them).
QUERIES_WITH_EVENTS = 14
QUERIES_WITHOUT_EVENTS = 8
# Its summary adds three, with events or without: its figures' totals, the metrics that label
# them, and its events counted by year.
QUERIES_WITH_EVENTS += 3
QUERIES_WITHOUT_EVENTS += 3


def _page(client, code):
    return fetch_page(client, f"/regions/{code}/")


def test_a_prefecture_lists_its_pairing_with_a_link(client, report_data):
    pairings = section_html(_page(client, "532300"), "pairings")
    assert "作为云南方的结对" in pairings
    assert '<a class="tap" href="/pairings/1/">嘉定区–楚雄州</a>' in pairings


def test_a_prefecture_shows_the_job_fair_in_楚雄_with_its_figures_and_their_sources(
    client, report_data
):
    events = section_html(_page(client, "532300"), "events")
    start = events.index('id="event-3"')
    job_fair = events[start : events.index('<li class="record event"', start)]
    assert "2018年6月27日" in job_fair
    assert "专场招聘会" in job_fair
    assert "楚雄七个贫困县同时举办对口支援就业扶贫专场招聘会" in job_fair
    assert "入场求职者" in job_fair
    assert "3,000+ 人" in job_fair
    assert 'href="/reports/2/#figure-11"' in job_fair
    assert "共吸引包括农村建档立卡贫困劳动力在内的3000余名求职者入场" in job_fair
    assert 'href="/pairings/1/#event-3"' in job_fair


def test_a_part_says_which_whole_it_belongs_to(client, report_data):
    events = section_html(_page(client, "532300"), "events")
    assert "达成意向（农村建档立卡贫困劳动力）" in events
    assert "为“达成意向 91 人”中的一部分，不另行相加" in events


def test_a_prefecture_has_the_events_of_its_counties_and_links_them(client, report_data):
    page = _page(client, "532300")
    assert '<a class="tap" href="/regions/532329/" title="武定县">武定县</a>' in str(page)
    assert "上海市嘉定区——云南省楚雄州劳务品牌培育发展座谈会" in section_html(page, "events")


def test_events_run_in_chronological_order(client, report_data):
    events = section_html(_page(client, "532300"), "events")
    order = [int(pk) for pk in re.findall(r'<li class="record event" id="event-(\d+)"', events)]
    assert order == [6, 8, 5, 1, 2, 3, 4, 7, 9, 14]


def test_a_county_shows_its_cumulative_figures_apart_as_of_their_date(client, report_data):
    figures = section_html(_page(client, "532927"), "figures")
    start = figures.index('href="/reports/1/#figure-40"')
    weishan = figures[figures.rindex('<li class="figure-card">', 0, start) : start]
    assert "累计" in weishan
    assert "转移就业（不限去向）" in weishan
    assert "13.82 万人" in weishan
    assert "截至2026年" in weishan
    assert "截至目前,全县实现农村劳动力转移就业13.82万人" in figures


def test_a_county_shows_its_prefectures_pairing_labelled_as_such(client, report_data):
    pairings = section_html(_page(client, "532927"), "pairings")
    assert "所属大理州的结对" in pairings
    assert "奉贤区–大理州" in pairings
    assert "作为云南方的结对" not in pairings


def test_a_county_paired_itself_shows_its_own_pairing(client, report_data):
    pairings = section_html(_page(client, "533422"), "pairings")
    assert "作为云南方的结对" in pairings
    assert "嘉定区–德钦县" in pairings


def test_a_county_without_events_says_so(client, report_data):
    events = section_html(_page(client, "532927"), "events")
    assert "报道中没有该地区的活动" in events


def test_a_county_does_not_inherit_its_prefectures_pairing_figures(client, report_data):
    page = _page(client, "533122")  # 梁河县: a place of one 青浦 visit, no figure of its own
    assert "报道中没有该地区活动以外的数字" in str(page)
    assert "4,595 人" not in str(page)


def test_德宏_shows_its_pairing_with_青浦_but_not_青浦s_labour_brand(client, report_data):
    page = _page(client, "533100")
    assert "青浦区–德宏州" in section_html(page, "pairings")
    assert "青浦快递小哥" not in str(page)
    assert "报道中没有该地区的劳务品牌" in str(page)
    assert "4,595 人" in section_html(page, "figures")


def test_青浦_shows_its_labour_brand_with_its_source(client, report_data):
    brands = section_html(_page(client, "310118"), "labour-brands")
    assert "青浦快递小哥" in brands
    assert 'href="/reports/1/#brand-2"' in brands
    assert "更成功培育“青浦快递小哥”上海市特色劳务品牌" in brands


def test_a_shanghai_district_lists_its_pairings_as_the_shanghai_side(client, report_data):
    page = _page(client, "310114")
    pairings = section_html(page, "pairings")
    assert "作为上海方的结对" in pairings
    assert "嘉定区–楚雄州" in pairings
    assert "嘉定区–德钦县" in pairings
    assert "2018年上海市嘉定区对口支援德钦县就业扶贫专场招聘会" in section_html(page, "events")


def test_a_partner_outside_shanghai_and_yunnan_shows_its_event(client, report_data):
    page = _page(client, "330482")
    assert "松江·平湖联合赴昭通开展劳务协作专场招聘会" in section_html(page, "events")
    assert "报道中没有该地区的结对关系" in str(page)


def test_a_region_the_reports_never_name_says_what_is_missing_never_0(client, report_data):
    named = readers.regions_named_in_reports(Region.objects.all())
    never = Region.objects.yunnan().filter(level="prefecture").exclude(pk__in=named.values("pk"))
    page = _page(client, never.order_by("code").first().code)
    # Its own pairings are none; 上海市–云南省 (corpus report 05) covers it as part of 云南省.
    assert "上海市–云南省" in page.select_one("#pairings").get_text()
    assert "报道中没有该地区的活动" in str(page)
    assert "报道中没有该地区活动以外的数字" in str(page)
    assert "报道中没有该地区的劳务品牌" in str(page)
    assert not ZERO_QUANTITY.search(str(page))


@pytest.mark.parametrize("code", ["310000", "310114", "530000", "532300", "532927", "533100"])
def test_no_page_shows_0_for_a_figure_not_reported(client, report_data, code):
    assert not ZERO_QUANTITY.search(str(_page(client, code)))


def test_every_region_the_data_names_renders_and_one_of_each_level(client, report_data):
    """Every region a record names, its parents, and the first region of each level (all
    45,000 would take an hour: the pages of regions no record names are alike)."""
    named = readers.regions_named_in_reports(Region.objects.all())
    codes = set(named.values_list("code", flat=True))
    codes |= set(named.exclude(parent=None).values_list("parent", flat=True))
    for level in Region.Level.values:
        codes.add(Region.objects.filter(level=level).order_by("code").first().code)
    for code in sorted(codes):
        assert client.get(f"/regions/{code}/").status_code == 200, code


def test_an_unknown_region_code_is_404(client, report_data):
    assert client.get("/regions/999999/").status_code == 404
    assert client.get("/regions/not-a-code/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/regions/%00/",
        "/regions/a%00b/",
        "/regions/53230%00/",
        "/regions/%00/export.csv",
        "/regions/a%00b/export.json",
        "/regions/5323000/",
        "/regions/53230/",
    ],
)
def test_an_address_that_cannot_hold_a_region_code_is_404_before_any_query(
    client, report_data, django_assert_num_queries, url
):
    # A NUL byte reaching PostgreSQL was a 500: a code is six digits, so nothing else is looked up.
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response.status_code == 404
    assert "找不到页面" in response.content.decode()


def test_a_stray_parameter_shares_the_drawn_page_and_never_reaches_its_links(
    client, report_data, django_assert_num_queries
):
    planted = client.get("/regions/532300/?planted=%3Cb%3Ehi").content
    with django_assert_num_queries(0):  # read back: a region page reads no query string
        plain = client.get("/regions/532300/").content
    assert plain == planted
    assert b"planted" not in plain


@pytest.mark.parametrize(
    ("code", "queries"),
    [
        ("532300", QUERIES_WITH_EVENTS),
        ("310114", QUERIES_WITH_EVENTS),
        ("532927", QUERIES_WITHOUT_EVENTS),
    ],
)
def test_the_query_count_does_not_grow_with_the_data(
    client, report_data, django_assert_num_queries, code, queries
):
    with django_assert_num_queries(queries):
        client.get(f"/regions/{code}/")
    make_events(Pairing.objects.get(pk=1), 50)  # 嘉定区–楚雄州
    with django_assert_num_queries(queries):
        page = client.get(f"/regions/{code}/").content.decode()
    if code != "532927":
        assert "测试活动49" in page


@pytest.mark.parametrize(
    ("code", "browser_filter"), [("532300", "prefecture=532300"), ("310114", "shanghai=310114")]
)
def test_a_busy_region_lists_its_newest_events_and_links_to_all(
    client, report_data, code, browser_filter
):
    make_events(Pairing.objects.get(pk=1), 60)  # 嘉定区–楚雄州, weekly from 2025
    page = _page(client, code)
    events = section_html(page, "events")
    assert len(re.findall(r'<li class="record', events)) == 50
    assert "测试活动59" in events, "the newest event is listed"
    assert "测试活动9<" not in events and "测试活动10<" not in events, "the oldest are not"
    assert "下面只列出最近的 50 项活动" in events
    assert f'href="/events/?{browser_filter}"' in events


def test_a_busy_region_lists_its_newest_figures_and_points_to_the_downloads(client, report_data):
    pairing = Pairing.objects.get(pk=1)  # 嘉定区–楚雄州
    report = make_report()
    for month in range(1, 61):
        as_of = datetime.date(2020 + (month - 1) // 12, (month - 1) % 12 + 1, 28)
        Figure.objects.create(
            pairing=pairing,
            metric_id="workers_in_shanghai",
            value=1000 + month,
            unit="person",
            qualifier="at_least",
            is_cumulative=True,
            date_start=as_of,
            date_end=as_of,
            date_precision="day",
            report=report,
            excerpt=f"截至{as_of:%Y年%m月}累计在沪务工{1000 + month}多人",
        )
    figures = section_html(_page(client, "532300"), "figures")
    # The sixty are one series: one card, the newest, the earlier of the fifty its history.
    cards, earlier = re.findall(r'<li class="figure', figures), re.findall(r"series-point", figures)
    assert len(cards) + len(earlier) == 50
    assert earlier, "the earlier figures of the series are its history"
    assert "截至2024年12月累计在沪务工1060多人" in figures, "the newest figure is listed"
    assert "截至2020年01月累计在沪务工1001多人" not in figures, "the oldest is not"
    assert "下面只列出最近的 50 个数字；本页上方的下载包括全部数字。" in figures


def _key_figures(page):
    table = page.find("section", id="summary").find("table", class_="headline")
    return {
        row.td.get_text(): row.find("td", class_="number").get_text()
        for row in table.tbody.find_all("tr")
    }


def _events_by_year(page):
    table = page.find("section", id="summary").find("table", class_="events-by-year")
    return {row.th.get_text(): int(row.td.get_text()) for row in table.tbody.find_all("tr")}


def test_a_prefecture_opens_on_its_key_figures_before_its_records(client, report_data):
    page = _page(client, "532300")
    html = str(page)
    assert html.index('id="summary"') < html.index('id="pairings"') < html.index('id="events"')
    key_figures = _key_figures(page)
    # As its pairing page (嘉定区–楚雄州) totals them, "at least" kept; with the trainees of
    # 楚雄州's own figures, which are no pairing's.
    assert key_figures["到沪务工"] == "26 人"
    assert key_figures["入场求职者"] == "3,000+ 人"
    assert key_figures["提供岗位"] == "3,025+ 个"
    assert key_figures["培训人数"] == "554+ 人"


def test_a_batch_two_pairings_share_counts_once_in_a_region_total(client, report_data):
    chuxiong_pairing = Pairing.objects.get(pk=1)  # 嘉定区–楚雄州
    other = make_pairing(
        Region.objects.get(code="310118"),
        chuxiong_pairing.yunnan,  # 青浦区–楚雄州
    )
    make_event(
        chuxiong_pairing,
        pairings=[chuxiong_pairing, other],
        kind="worker_dispatch",
        figures=[("workers_to_shanghai", 100, "person", "exact")],
    )
    assert _key_figures(_page(client, "532300"))["到沪务工"] == "126 人"


def test_a_region_total_never_adds_cumulative_figures_or_person_times(client, report_data):
    pairing = Pairing.objects.get(pk=1)  # 嘉定区–楚雄州
    report = make_report()
    with writes.kept_current() as write:
        cumulative = Figure.objects.create(
            pairing=pairing, metric_id="workers_to_shanghai", value=1200, unit="person",
            is_cumulative=True, report=report, excerpt="累计到沪务工1200人",
            date_end=datetime.date(2024, 12, 31), date_precision="day",
        )  # fmt: skip
        visits = Figure.objects.create(
            pairing=pairing, metric_id="workers_to_shanghai", value=40, unit="person_time",
            report=report, excerpt="到沪务工40人次",
            date_end=datetime.date(2024, 12, 31), date_precision="day",
        )  # fmt: skip
        write.wrote(Figure, [cumulative.pk, visits.pk])
    key_figures = str(_page(client, "532300").find("section", id="summary"))
    assert "26 人<" in key_figures
    assert "40 人次" in key_figures
    assert "1,226" not in key_figures and "1,200" not in key_figures


def test_a_county_with_only_cumulative_figures_has_no_total_and_says_where_they_are(
    client, report_data
):
    summary = section_html(_page(client, "532927"), "summary")  # 巍山县: 13.82 万人 累计
    assert "13.82" not in summary
    assert "累计数不与批次相加，见下方“活动以外的数字”" in summary


def test_a_region_counts_every_event_by_year_beyond_the_fifty_it_lists(client, report_data):
    before = _events_by_year(_page(client, "532300"))
    make_events(Pairing.objects.get(pk=1), 60)  # 嘉定区–楚雄州, weekly through 2025–2026
    after = _events_by_year(_page(client, "532300"))
    assert sum(after.values()) == sum(before.values()) + 60
    assert after["2025年"] - before.get("2025年", 0) == 53
    assert after["2018年"] == before["2018年"]
