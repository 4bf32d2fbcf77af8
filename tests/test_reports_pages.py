import datetime
import re

import pytest

from pairings.models import Event, Figure, Pairing, Report
from tests.builders import make_event, make_events, make_report
from tests.pages import ZERO_QUANTITY, fetch_page, section_html

# The list is one annotated query. A report's page: the report, the pairings it is the basis
# of, its citations with their events (and their Shanghai sides, Yunnan places, partners and
# pairings), its figures (three queries: of dated events, of undated events, of no event; and
# their events' pairings), its labour brands, its training programmes (and their places).
LIST_QUERIES = 1
# With the partner regions of its figures (a joint figure names them), the other accounts of
# their quantities, and the citations and figures naming every report of its events.
DETAIL_QUERIES = 18
# Its summary adds six: its events by kind, its figures by metric, their totals, the metrics
# that label them, and the pairings and places it names.
DETAIL_QUERIES += 6


def _row(page, report):
    return page.find("a", href=f"/reports/{report.pk}/").find_parent("tr")


def _counts(row):
    return [cell.decode_contents() for cell in row.select("td.number")]


def test_the_list_shows_each_report_with_what_was_drawn_from_it(client, report_data):
    page = fetch_page(client, "/reports/")
    report_000 = _row(page, Report.objects.get(file_name="000_b619cccd90127e23.txt"))
    assert "沪滇劳务协作 共创共享共赢" in str(report_000)
    assert "隆重纪念“东西部协作”提出5周年系列报道之五" in str(report_000)
    assert "策划：张海燕" in str(report_000)
    assert "2026年" in str(report_000)
    assert "000_b619cccd90127e23.txt" in str(report_000)
    assert _counts(report_000) == ["12", "34", "10"]
    report_003 = _row(page, Report.objects.get(file_name="003_53aa273dfd8f5f7d.txt"))
    assert "青年报记者 陈晓颖" in str(report_003)
    assert "2018年" in str(report_003)
    assert _counts(report_003) == ["12", "29", "2"]


def test_the_list_says_nothing_was_drawn_instead_of_0(client, report_data):
    empty = make_report()
    row = _row(fetch_page(client, "/reports/"), empty)
    assert _counts(row) == ['<span class="muted">无</span>'] * 3


def test_the_list_runs_one_query_whatever_the_data(client, report_data, django_assert_num_queries):
    with django_assert_num_queries(LIST_QUERIES):
        client.get("/reports/")
    make_events(Pairing.objects.get(pk=1), 50)
    with django_assert_num_queries(LIST_QUERIES):
        page = fetch_page(client, "/reports/")
    assert _counts(_row(page, Report.objects.get(file_name="test-report.txt"))) == [
        "50",
        "100",
        '<span class="muted">无</span>',
    ]


def test_the_page_of_report_000_anchors_every_one_of_its_34_figures(client, report_data):
    report = Report.objects.get(file_name="000_b619cccd90127e23.txt")
    figures = section_html(fetch_page(client, f"/reports/{report.pk}/"), "figures")
    anchors = re.findall(r'<tr id="figure-(\d+)">', figures)
    assert len(anchors) == 34
    assert set(map(int, anchors)) == set(report.figures.values_list("pk", flat=True))
    for excerpt in report.figures.values_list("excerpt", flat=True):
        assert excerpt in figures


def test_figures_run_by_event_date_then_their_own(client, report_data):
    figures = section_html(fetch_page(client, "/reports/1/"), "figures")
    order = [int(pk) for pk in re.findall(r'<tr id="figure-(\d+)">', figures)]
    # 2025 (a pairing's year) → 2026-01-20 (松江's fairs) → 2026-01-22 → … → as of 2026.
    assert order.index(55) < order.index(48) < order.index(30) < order.index(63) < order.index(40)
    assert order[order.index(48) : order.index(48) + 5] == [48, 49, 50, 51, 52]


def test_a_figure_row_shows_what_it_is_and_where_it_leads(client, report_data):
    figures = section_html(fetch_page(client, "/reports/2/"), "figures")
    start = figures.index('<tr id="figure-13">')
    part = figures[start : figures.index("</tr>", start)]
    assert "2018年6月27日" in part
    assert "达成意向" in part
    assert "农村建档立卡贫困劳动力" in part
    assert "29 人" in part
    assert "非累计" in part
    assert '其中，总数为 <a class="tap" href="#figure-12">达成意向 91 人</a>' in part
    assert 'href="#event-3"' in part
    assert 'href="/pairings/1/#event-3"' in part
    assert "现场达成初步意向91人，其中农村建档立卡贫困劳动力29人" in part


def test_a_cumulative_figure_row_says_so_with_its_date(client, report_data):
    figures = section_html(fetch_page(client, "/reports/2/"), "figures")
    start = figures.index('<tr id="figure-20">')
    cumulative = figures[start : figures.index("</tr>", start)]
    assert "截至2018年" in cumulative
    assert "累计" in cumulative
    assert "284 人" in cumulative
    assert 'href="/pairings/1/"' in cumulative


def test_a_place_figure_links_its_region(client, report_data):
    figures = section_html(fetch_page(client, "/reports/1/"), "figures")
    start = figures.index('<tr id="figure-40">')
    weishan = figures[start : figures.index("</tr>", start)]
    assert "13.82 万人" in weishan
    assert 'href="/regions/532927/"' in weishan


def test_the_page_lists_the_pairings_it_is_the_basis_of_with_the_excerpt(client, report_data):
    pairings = section_html(fetch_page(client, "/reports/2/"), "pairings")
    assert 'id="pairing-1"' in pairings
    assert "嘉定区–楚雄州" in pairings
    assert "在嘉定区对口支援云南楚雄州的就业服务工作中" in pairings
    assert "嘉定区–德钦县" in pairings
    assert "青浦区–德宏州" not in pairings


def test_the_page_lists_its_events_with_the_citation(client, report_data):
    events = section_html(fetch_page(client, "/reports/1/"), "events")
    assert len(re.findall(r'<li class="record event" id="event-\d+">', events)) == 12
    assert "松江·平湖联合赴昭通开展劳务协作专场招聘会" in events
    assert '（联合<a class="tap" href="/regions/330482/">平湖市</a>）' in events
    assert 'href="/pairings/5/#event-18"' in events
    assert "1月20日至24日,松江区人社局牵头区内重点企业" in events
    assert "嘉定区赴楚雄开展对口支援就业扶贫首场招聘活动" not in events


def test_the_page_lists_labour_brands_and_programmes_citing_it(client, report_data):
    section = section_html(fetch_page(client, "/reports/1/"), "brands-programmes")
    for brand in ("楚字号", "青浦快递小哥", "巍山乡厨"):
        assert brand in section
    assert 'id="programme-2"' in section
    assert "德宏青浦班（订单式人才培养）" in section
    assert "深化校企合作,在德宏开办10个青浦班,招生458名,实现订单式人才培养" in section


def test_a_report_with_nothing_drawn_says_what_is_missing_never_0(client, report_data):
    page = fetch_page(client, f"/reports/{make_report().pk}/")
    assert "本报道不是任何结对关系的依据" in str(page)
    assert "本报道没有记载活动" in str(page)
    assert "本报道中没有整理出数字" in str(page)
    assert "本报道中没有劳务品牌" in str(page)
    assert "本报道中没有培训项目" in str(page)
    assert not ZERO_QUANTITY.search(str(page))


@pytest.mark.parametrize("url", ["/reports/", "/reports/1/", "/reports/2/"])
def test_no_page_shows_0_for_a_figure_not_reported(client, report_data, url):
    assert not ZERO_QUANTITY.search(str(fetch_page(client, url)))


def test_an_unknown_report_is_404(client, report_data):
    assert client.get("/reports/999/").status_code == 404


def test_the_page_runs_a_fixed_number_of_queries(client, report_data, django_assert_num_queries):
    report = Report.objects.get(file_name="000_b619cccd90127e23.txt")
    with django_assert_num_queries(DETAIL_QUERIES):
        client.get(f"/reports/{report.pk}/")
    make_events(Pairing.objects.get(pk=4), 30, report=report)
    assert Figure.objects.filter(report=report).count() == 94
    with django_assert_num_queries(DETAIL_QUERIES):
        page = client.get(f"/reports/{report.pk}/").content.decode()
    assert len(re.findall(r'<tr id="figure-\d+">', page)) == 94


def test_a_report_with_more_records_than_a_page_holds_lists_the_first_and_says_so(
    client, report_data, monkeypatch
):
    from pairings.views import reports

    monkeypatch.setattr(reports, "RECORD_LIMIT", 20)
    report = Report.objects.get(file_name="000_b619cccd90127e23.txt")  # 34 figures
    page = client.get(f"/reports/{report.pk}/").content.decode()
    assert len(re.findall(r'<tr id="figure-\d+">', page)) == 20
    assert "活动和数字各只列出前 20 条" in page
    other = Report.objects.get(file_name="003_53aa273dfd8f5f7d.txt")  # 29 figures
    monkeypatch.setattr(reports, "RECORD_LIMIT", 29)
    assert "只列出前" not in client.get(f"/reports/{other.pk}/").content.decode()


@pytest.mark.parametrize("limit", [1, 7, 40, 1000])
def test_the_first_figures_in_reading_order_are_those_of_the_full_order(report_data, limit):
    report = make_report()
    pairing = Pairing.objects.get(pk=1)
    figure = ("positions", 10, "item", "exact")
    for day in (datetime.date(2025, 3, 1), datetime.date(2024, 1, 1), datetime.date(2025, 3, 1)):
        make_event(pairing, day=day, report=report, figures=[figure, figure])
    undated = make_event(pairing, title="日期未报道的活动", report=report, figures=[figure])
    Event.objects.filter(pk=undated.pk).update(date_start=None, date_end=None, date_precision="")
    Figure.objects.create(
        pairing=pairing, metric_id="workers_in_shanghai", value=5, unit="person", report=report,
        excerpt="截至2024年底累计5人", is_cumulative=True, date_end=datetime.date(2024, 12, 31),
        date_precision="day",
    )  # fmt: skip
    for figures in (Figure.objects.all(), Figure.objects.filter(report=report)):
        expected = list(figures.in_reading_order()[:limit])
        assert figures.first_in_reading_order(limit) == expected


def _report_000():
    return Report.objects.get(file_name="000_b619cccd90127e23.txt")


def test_a_report_opens_on_what_it_contributed_before_its_records(client, report_data):
    page = fetch_page(client, f"/reports/{_report_000().pk}/")
    html = str(page)
    assert html.index('id="summary"') < html.index('id="pairings"') < html.index('id="events"')
    summary = page.find("section", id="summary")
    text = " ".join(summary.get_text().split())
    assert "12 项活动" in text
    assert "专场招聘会 4" in text and "务工人员集中输送 3" in text
    assert "34 个数字" in text
    assert "到沪务工 5" in text


def test_a_reports_key_figures_follow_the_rules_of_totals(client, report_data):
    summary = fetch_page(client, f"/reports/{_report_000().pk}/").find("section", id="summary")
    rows = {
        row.td.get_text(): [cell.get_text() for cell in row.find_all("td", class_="number")]
        for row in summary.find("table", class_="headline").tbody.find_all("tr")
    }
    # Five figures of workers to Shanghai, three of them batches: the cumulative ones apart.
    assert rows["到沪务工"] == ["167 人", "3"]
    assert rows["参与企业"] == ["57+ 家", "3"]  # "at least" kept
    assert "转移就业率" not in rows  # a rate is never added


def test_a_report_names_its_pairings_and_places_with_links(client, report_data):
    summary = section_html(fetch_page(client, f"/reports/{_report_000().pk}/"), "summary")
    assert 'href="/pairings/1/"' in summary
    assert 'href="/regions/532329/"' in summary  # 武定县
    assert 'href="/regions/310114/"' in summary


def test_a_report_with_nothing_drawn_has_a_summary_that_says_so_never_0(client, report_data):
    summary = section_html(fetch_page(client, f"/reports/{make_report().pk}/"), "summary")
    assert "本报道没有记载活动，也没有整理出数字" in summary
    assert not ZERO_QUANTITY.search(summary)
