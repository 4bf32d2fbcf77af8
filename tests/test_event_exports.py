"""The events browser's downloads: the same FilterSet and query string as the page, every
matching event (not one page), in the page's order, with labels rather than ids."""

import csv
import io
import json
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.utils import translation

from pairings.dates import period_as_text
from pairings.downloads import event_csv_text
from pairings.models import Event, Figure, Pairing, Report
from pairings.rows import EVENT_LINES_VERSION, EventDrawer, _source_columns, drawn, stored_lines
from summaries import check
from summaries.models import EventRow
from tests.builders import make_event, make_events, stale_summaries
from tests.pages import titles_of
from tests.test_events import MINHANG_TRAIN, SONGJIANG_FAIR

ZHAOTONG_2026 = {"prefecture": "530600", "date_from": "2026-01-01"}
# Every download: the regions of the filter form. CSV: the events with their lines drawn when
# written (what the file is comes from its companion). JSON and XLSX: the reports cited (their
# "about"), every report and metric once, the events and 6 queries per chunk for what a row
# shows beside them (the regions named among them: all 45,000 once would be slower); the XLSX's
# figures sheet reads the events and those 6 again.
JSON_QUERIES = 11
CSV_QUERIES = 2
XLSX_QUERIES = 18


@pytest.fixture
def jiading_chuxiong(report_data):
    return Pairing.objects.get(shanghai__name="嘉定区", yunnan__name="楚雄州")


def _body(response):
    return b"".join(response.streaming_content)


def _csv(response):
    """Return (header, rows) of a CSV download, read as a spreadsheet or pandas would with
    their defaults: the BOM says UTF-8, the default dialect, the first line is the header."""
    text = _body(response).decode("utf-8")
    assert text.startswith("\ufeff")
    header, *rows = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    return header, rows


def _events_in(header, rows):
    """Return the titles of the events of a CSV's rows, in order: one per event, not one per
    figure row."""
    column = header.index("标题")
    titles = [row[column] for row in rows]
    return [title for i, title in enumerate(titles) if i == 0 or titles[i - 1] != title]


def _records(header, rows):
    return [dict(zip(header, row, strict=True)) for row in rows]


def _workbook(response):
    return openpyxl.load_workbook(io.BytesIO(_body(response)))


def _json(response):
    return json.loads(_body(response))


def test_the_csv_opens_as_a_table_with_its_header_on_line_one(client, report_data):
    response = client.get("/events/export.csv", ZHAOTONG_2026)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    header, rows = _csv(response)
    assert header[:5] == ["日期", "开始（ISO）", "结束（ISO）", "类型", "标题"]
    assert not any(cell.startswith("#") for row in rows for cell in row)
    assert _events_in(header, rows) == [MINHANG_TRAIN, SONGJIANG_FAIR]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_row_of_the_csv_has_as_many_cells_as_its_header(
    client, report_data, jiading_chuxiong, language
):
    make_event(jiading_chuxiong, title="没有数字的活动")
    prefix = "/en" if language == "en" else ""
    header, rows = _csv(client.get(f"{prefix}/events/export.csv"))
    assert len(set(header)) == len(header)
    assert rows and {len(row) for row in rows} == {len(header)}


def test_the_csv_value_column_is_numeric(client, report_data):
    records = _records(*_csv(client.get("/events/export.csv")))
    values = [record["数值"] for record in records if record["数值"]]
    assert len(values) == Figure.objects.filter(event__isnull=False).count()
    assert all(float(value) == Decimal(value) for value in values)
    assert {"50", "2000", "29"} <= set(values)


def test_the_csv_has_one_row_per_figure_with_the_events_columns_repeated(client, report_data):
    records = _records(*_csv(client.get("/events/export.csv", ZHAOTONG_2026)))
    assert len(records) == 1 + 5  # 闵行's train, then the 松江 fair's five figures
    train, *fair = records
    assert (train["标题"], train["指标"], train["数值"], train["单位"]) == (
        MINHANG_TRAIN,
        "到沪务工",
        "50",
        "人",
    )
    assert (train["限定代码"], train["限定"], train["批次/累计"]) == ("exact", "确数", "批次")
    assert train["子群体"] == "返岗务工人员"
    assert {record["标题"] for record in fair} == {SONGJIANG_FAIR}
    assert {record["云南地点"] for record in fair} == {"昭通市：昭阳区、镇雄县、彝良县、威信县"}
    positions = next(record for record in fair if record["指标"] == "提供岗位")
    assert (positions["数值"], positions["限定代码"], positions["读作"]) == (
        "2000",
        "at_least",
        "2,000+ 个",
    )


def test_the_csv_says_which_whole_a_part_belongs_to(client, report_data):
    records = _records(*_csv(client.get("/events/export.csv", {"q": "七个贫困县"})))
    part = next(record for record in records if record["数值"] == "29")
    assert part["其中（所属总数）"] == "达成意向 91 人"
    assert part["子群体"] == "农村建档立卡贫困劳动力"
    whole = next(record for record in records if record["数值"] == "91")
    assert whole["其中（所属总数）"] == ""


def test_an_event_without_figures_is_one_row_with_empty_figure_columns(
    client, report_data, jiading_chuxiong
):
    make_event(jiading_chuxiong, title="没有数字的活动")
    header, rows = _csv(client.get("/events/export.csv", {"q": "没有数字的活动"}))
    (record,) = _records(header, rows)
    assert record["标题"] == "没有数字的活动"
    assert record["来源报道"] == "测试报道（test-report.txt）"
    assert [record[column] for column in ("指标", "数值", "限定代码", "单位", "批次/累计")] == [
        ""
    ] * 5


def test_the_csv_says_what_it_is_in_a_linked_companion_not_in_its_rows(client, report_data):
    response = client.get("/events/export.csv", ZHAOTONG_2026)
    about_url = "/events/export.txt?prefecture=530600&date_from=2026-01-01"
    assert response["Link"] == f'<http://testserver{about_url}>; rel="describedby"'
    about = client.get(about_url)
    assert about.status_code == 200
    assert about["Content-Type"] == "text/plain; charset=utf-8"
    lines = about.content.decode().splitlines()
    assert "筛选条件: 开始日期：2026-01-01；云南州（市）：昭通市" in lines
    assert any(line.startswith("导出时间: 20") for line in lines)
    assert "来源: 沪滇劳务协作 共创共享共赢（000_b619cccd90127e23.txt）" in lines
    assert any("累计数不与批次相加" in line for line in lines)
    assert any("每个数字一行" in line for line in lines)


def test_the_events_page_links_the_csv_companion(client, report_data):
    page = client.get("/events/", {"prefecture": "530600"}).content.decode()
    assert 'href="/events/export.txt?prefecture=530600"' in page


def test_a_bad_filter_gives_no_companion_either(client, report_data):
    response = client.get("/events/export.txt", {"date_from": "2026-02-30"})
    assert response.status_code == 400
    assert "开始日期：输入一个有效的日期。" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [{}, ZHAOTONG_2026, {"kind": ["job_fair", "training"], "sort": "title"}, {"q": "县"}],
)
def test_the_csv_holds_exactly_the_pages_events_in_its_order(client, first_reports, params):
    page_titles = titles_of(client.get("/events/", params))
    assert _events_in(*_csv(client.get("/events/export.csv", params))) == page_titles


def test_the_csv_holds_every_page_not_just_the_first(client, first_reports, jiading_chuxiong):
    make_events(jiading_chuxiong, 50)
    assert len(_events_in(*_csv(client.get("/events/export.csv", {"page": "2"})))) == 74


def test_the_csv_gives_labels_and_dates_at_their_precision(client, report_data):
    records = _records(*_csv(client.get("/events/export.csv")))
    by_title = {record["标题"]: record for record in records}
    first_fair = by_title["嘉定区赴楚雄开展对口支援就业扶贫首场招聘活动"]
    assert (first_fair["日期"], first_fair["开始（ISO）"], first_fair["结束（ISO）"]) == (
        "2017年11月",
        "2017-11",
        "2017-11",
    )
    assert first_fair["类型"] == "专场招聘会"
    assert first_fair["上海参与方"] == "嘉定区"
    assert first_fair["云南地点"] == "楚雄州"
    assert any(
        (record["标题"], record["指标"], record["读作"])
        == ("嘉定区赴楚雄开展对口支援就业扶贫首场招聘活动", "提供岗位", "1,000+ 个")
        for record in records
    )
    luoping = next(row for title, row in by_title.items() if title.startswith("罗平县"))
    assert (luoping["日期"], luoping["开始（ISO）"], luoping["结束（ISO）"]) == (
        "自2026年2月起",
        "2026-02",
        "",
    )
    songjiang = by_title[SONGJIANG_FAIR]
    assert songjiang["云南地点"] == "昭通市：昭阳区、镇雄县、彝良县、威信县"
    assert songjiang["原文摘录"].startswith("1月20日至24日,松江区人社局")


def test_downloads_are_attachments_with_an_ascii_name_and_a_utf8_name(client, report_data):
    response = client.get("/events/export.csv")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="events-20')
    assert ".csv\"; filename*=UTF-8''" in disposition
    assert "%E6%B2%AA%E6%BB%87" in disposition  # 沪滇
    disposition.encode("ascii")


def test_the_xlsx_has_an_about_sheet_then_events_then_figures(client, report_data):
    response = client.get("/events/export.xlsx", ZHAOTONG_2026)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="events-' in response["Content-Disposition"]
    workbook = _workbook(response)
    assert workbook.sheetnames == ["说明", "活动", "数字"]
    about = {row[0]: row[1] for row in workbook["说明"].iter_rows(values_only=True)}
    assert about["筛选条件"] == "开始日期：2026-01-01；云南州（市）：昭通市"
    assert "000_b619cccd90127e23.txt" in about["来源"]
    assert about["导出时间"]
    events = list(workbook["活动"].iter_rows(values_only=True))
    assert [row[4] for row in events[1:]] == [MINHANG_TRAIN, SONGJIANG_FAIR]


@pytest.mark.parametrize(("title", "last_row"), [("活动", 3), ("数字", 7)])
def test_the_xlsx_sheets_have_a_frozen_header_a_filter_and_readable_widths(
    client, report_data, title, last_row
):
    sheet = _workbook(client.get("/events/export.xlsx", ZHAOTONG_2026))[title]
    assert sheet.freeze_panes == "A2"
    last_column = sheet.cell(row=1, column=sheet.max_column).column_letter
    assert sheet.auto_filter.ref == f"A1:{last_column}{last_row}"
    widths = [sheet.column_dimensions[cell.column_letter].width for cell in sheet[1]]
    assert all(8 <= width <= 60 for width in widths)
    header = [cell.value for cell in sheet[1]]
    assert widths[header.index("标题" if title == "活动" else "活动标题")] >= 30


def test_the_xlsx_about_sheet_and_the_json_state_the_rules_of_totals(client, report_data):
    workbook = _workbook(client.get("/events/export.xlsx", ZHAOTONG_2026))
    about = {row[0]: row[1] for row in workbook["说明"].iter_rows(values_only=True)}
    assert "累计数不与批次相加" in about["合计规则"]
    document = _json(client.get("/events/export.json", ZHAOTONG_2026))
    assert document["about"]["totals"] == about["合计规则"]


def test_the_xlsx_figures_sheet_has_one_row_per_figure(client, report_data):
    workbook = _workbook(client.get("/events/export.xlsx", ZHAOTONG_2026))
    header, *rows = workbook["数字"].iter_rows(values_only=True)
    figures = [dict(zip(header, row, strict=True)) for row in rows]
    assert len(figures) == 1 + 5  # 闵行's train, then the 松江 fair's five figures
    train = figures[0]
    assert train["活动标题"] == MINHANG_TRAIN
    assert (train["指标"], train["数值"], train["单位"], train["批次/累计"]) == (
        "到沪务工",
        50,
        "人",
        "批次",
    )
    assert train["限定"] == "确数"
    assert train["原文摘录"].startswith("“点对点”返岗专列抵达虹桥火车站")
    positions = next(f for f in figures if f["指标"] == "提供岗位")
    assert (positions["数值"], positions["读作"]) == (2000, "2,000+ 个")
    assert positions["限定"].startswith("至少")


def test_the_xlsx_says_what_a_part_belongs_to(client, report_data):
    workbook = _workbook(client.get("/events/export.xlsx", {"q": "七个贫困县"}))
    header, *rows = workbook["数字"].iter_rows(values_only=True)
    part = next(dict(zip(header, row, strict=True)) for row in rows if row[3] == 29)
    assert part["其中（所属总数）"] == "达成意向 91 人"
    assert part["子群体"] == "农村建档立卡贫困劳动力"


def test_the_json_nests_figures_under_their_event(client, report_data):
    response = client.get("/events/export.json", ZHAOTONG_2026)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    document = _json(response)
    assert set(document) == {"about", "events"}
    assert document["about"]["filter"] == {"开始日期": "2026-01-01", "云南州（市）": "昭通市"}
    assert document["about"]["sources"] == [
        {"title": "沪滇劳务协作 共创共享共赢", "file": "000_b619cccd90127e23.txt"}
    ]
    train, fair = document["events"]
    assert train["title"] == MINHANG_TRAIN
    assert (train["kind"], train["date"], train["date_start"]) == (
        "务工人员集中输送",
        "2026年2月23日",
        "2026-02-23",
    )
    assert train["shanghai"] == ["闵行区"]
    assert train["yunnan"] == ["昭通市"]
    assert train["sources"][0]["excerpt"].startswith("2月23日,闵行区人社局")
    assert train["figures"] == [
        {
            "metric": "到沪务工",
            "value": 50,
            "value_high": None,
            "qualifier": "确数",
            "unit": "人",
            "text": "50 人",
            "cumulative": False,
            "subset_of": None,
            "subgroup": "返岗务工人员",
            "account_of": None,
            "report": "沪滇劳务协作 共创共享共赢",
            "report_file": "000_b619cccd90127e23.txt",
            "excerpt": train["figures"][0]["excerpt"],
        }
    ]
    assert len(fair["figures"]) == 5


def test_an_empty_result_is_still_a_valid_file(client, report_data):
    assert _json(client.get("/events/export.json", {"q": "没有这个词"}))["events"] == []
    header, rows = _csv(client.get("/events/export.csv", {"q": "没有这个词"}))
    assert header and rows == []


@pytest.mark.parametrize("title", ["=1+1", "+SUM(A1:A2)", "-2+3", "@cmd", '=HYPERLINK("x")'])
def test_text_that_looks_like_a_formula_stays_text(client, report_data, jiading_chuxiong, title):
    make_event(jiading_chuxiong, title=title)
    params = {"q": title}
    _, rows = _csv(client.get("/events/export.csv", params))
    assert [row[4] for row in rows] == ["'" + title]
    sheet = _workbook(client.get("/events/export.xlsx", params))["活动"]
    cell = sheet.cell(row=2, column=5)
    assert (cell.value, cell.data_type) == ("'" + title, "s")
    # JSON is data, not a spreadsheet: the title stays as written.
    assert _json(client.get("/events/export.json", params))["events"][0]["title"] == title


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_from": "2026-02-30"}, "开始日期：输入一个有效的日期。"),
        ({"shanghai": "999999"}, "上海参与方：没有代码为“999999”的上海区划。"),
        ({"period": "last_year", "date_to": "2026-01-01"}, "请选择预设时段或填写日期"),
    ],
)
def test_a_bad_filter_is_a_400_with_the_error_and_no_file(
    client, report_data, fmt, params, message
):
    response = client.get(f"/events/export.{fmt}", params)
    assert response.status_code == 400
    assert not response.has_header("Content-Disposition")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert message in response.content.decode()


@pytest.mark.parametrize(("fmt", "queries"), [("csv", CSV_QUERIES), ("json", JSON_QUERIES)])
def test_exports_run_a_fixed_number_of_queries(
    client, report_data, jiading_chuxiong, django_assert_num_queries, fmt, queries
):
    with django_assert_num_queries(queries):
        _body(client.get(f"/events/export.{fmt}"))
    make_events(jiading_chuxiong, 50)
    with django_assert_num_queries(queries):
        _body(client.get(f"/events/export.{fmt}"))


def test_the_xlsx_reads_the_events_twice_in_a_fixed_number_of_queries(
    client, report_data, jiading_chuxiong, django_assert_num_queries
):
    make_events(jiading_chuxiong, 50)
    with django_assert_num_queries(XLSX_QUERIES):
        client.get("/events/export.xlsx")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_csv_lines_drawn_when_written_are_those_drawn_now(report_data, language):
    events = Event.objects.order_by("pk")
    with translation.override(language):
        assert list(event_csv_text(events)) == list(
            map(stored_lines, drawn(events, EventDrawer().lines))
        )


def test_an_event_whose_line_is_missing_is_drawn_on_the_spot(client, report_data):
    EventRow.objects.filter(event__title=SONGJIANG_FAIR).delete()
    header, rows = _csv(client.get("/events/export.csv", ZHAOTONG_2026))
    assert _events_in(header, rows) == [MINHANG_TRAIN, SONGJIANG_FAIR]
    assert len(rows) == 1 + 5
    assert rows[1][0] == "2026年1月20日至24日" and "昭阳区" in rows[1][6]


def test_a_report_renamed_in_the_admin_is_named_so_in_the_csv(client, report_data):
    client.force_login(User.objects.create_superuser("admin", password="correct-horse-battery"))
    report = Report.objects.get(file_name="000_b619cccd90127e23.txt")
    data = {
        "title": "沪滇劳务协作（更正标题）",
        "publication": report.publication,
        "author": report.author,
        "file_name": report.file_name,
        "script": report.script,
        "period": period_as_text(report.date_start, report.date_end, report.date_precision),
        "change_reason": "更正标题",
    }
    response = client.post(f"/admin/pairings/report/{report.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()
    records = _records(*_csv(client.get("/events/export.csv", ZHAOTONG_2026)))
    renamed = "沪滇劳务协作（更正标题）（000_b619cccd90127e23.txt）"
    assert all(renamed in record["来源报道"] for record in records)
    assert not stale_summaries()


def test_a_streamed_download_keeps_the_language_it_was_asked_in(client, report_data):
    response = client.get("/en/events/export.csv", {"q": "闵行"})
    translation.activate("zh-hans")  # whatever the thread's language when the rows are written
    try:
        _, rows = _csv(response)
    finally:
        translation.deactivate()
    assert rows[0][0] == "23 Feb 2026"


def test_events_whose_lines_are_missing_are_drawn_a_chunk_at_a_time(
    report_data, django_assert_max_num_queries
):
    """As after an upgrade, before refresh_summaries: every line missing costs no query of
    its own (one for the lines, then the drawing's few per chunk)."""
    events = Event.objects.order_by("pk")
    expected = list(map(stored_lines, drawn(events, EventDrawer().lines)))
    EventRow.objects.all().delete()
    with django_assert_max_num_queries(10):
        assert list(event_csv_text(events)) == expected


NOTE = "新列"


@pytest.fixture
def a_column_added(monkeypatch):
    """As a release that adds a column to the events CSV: the lines stored by the one
    before lack it."""
    cells = EventDrawer._event_cells

    def with_note(self, event, related):
        described, cited = cells(self, event, related)
        return described, [*cited, NOTE]

    monkeypatch.setattr("pairings.rows._source_columns", lambda: [*_source_columns(), "备注"])
    monkeypatch.setattr(EventDrawer, "_event_cells", with_note)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_column_added_by_a_release_fills_every_row_before_any_refresh(
    client, report_data, a_column_added, language
):
    prefix = "/en" if language == "en" else ""
    header, rows = _csv(client.get(f"{prefix}/events/export.csv"))
    assert header[-1] == "备注"
    assert rows and {len(row) for row in rows} == {len(header)}
    assert {row[-1] for row in rows} == {NOTE}


def test_lines_drawn_for_another_layout_are_reported_stale_until_a_refresh(
    report_data, a_column_added, capsys
):
    assert check.incomplete()  # so that make setup refreshes them by itself
    with pytest.raises(CommandError):
        call_command("refresh_summaries", "--check")
    assert "EventRow" in capsys.readouterr().err
    call_command("refresh_summaries", verbosity=0)
    assert not check.incomplete()
    assert not stale_summaries()
    assert all(
        line.endswith(f"{NOTE}\r\n") for line in EventRow.objects.values_list("en", flat=True)
    )


def test_moving_the_csv_version_makes_every_stored_line_stale(report_data, monkeypatch):
    monkeypatch.setattr("pairings.rows.EVENT_LINES_VERSION", EVENT_LINES_VERSION + 1)
    assert check.incomplete()
    assert len(stale_summaries()["EventDigest and EventRow"]["extra"]) == Event.objects.count()


def test_lines_drawn_for_another_layout_are_drawn_a_chunk_at_a_time(
    report_data, a_column_added, django_assert_max_num_queries
):
    events = Event.objects.order_by("pk")
    expected = list(map(stored_lines, drawn(events, EventDrawer().lines)))
    with django_assert_max_num_queries(10):
        assert list(event_csv_text(events)) == expected


@pytest.mark.django_db(transaction=True)
def test_upgrading_marks_the_lines_of_the_older_release_stale_so_the_csv_stays_a_table(
    client, live_report_data
):
    call_command("migrate", "pairings", "0012", verbosity=0)
    EventRow.objects.update(zh_hans="2026年2月23日,一行一活动\r\n")  # as an older release drew
    call_command("migrate", "pairings", verbosity=0)
    assert check.incomplete()
    header, rows = _csv(client.get("/events/export.csv"))
    assert rows and {len(row) for row in rows} == {len(header)}
    assert "一行一活动" not in {cell for row in rows for cell in row}
