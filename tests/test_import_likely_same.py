"""The spreadsheet import and events already recorded: a row that may be another report of a
recorded event (or of another row of the file) is refused in the preview with the candidates
named, until its 同一活动 column says which; attached, its figures are counted once."""

import io

from django.test import TestCase
from openpyxl import load_workbook

from pairings.models import Event, EventCitation, Figure, Pairing
from summaries import readers
from tests.admin_forms import import_confirm, import_preview, workbook
from tests.builders import make_report, stale_summaries, workers_total
from tests.test_likely_same import _wenshan_report

COLUMNS = ["日期", "类型", "标题", "上海参与方", "云南地点", "结对", "来源报道文件名"]
COLUMNS += ["原文摘录", "指标", "数值", "单位", "数字原文摘录", "同一活动"]


def _wenshans_row(**changes):
    """The 2月18日 flight as 文山州's report gives it: 59 workers, no district, no county."""
    report = _wenshan_report()
    excerpt = "2月18日，59名务工人员乘包机赴沪"
    return {
        "日期": "2月18日",
        "类型": "务工人员集中输送",
        "标题": "文山州59名务工人员乘包机赴沪",
        "云南地点": "文山州",
        "结对": "虹口区–文山州",
        "来源报道文件名": report.file_name,
        "原文摘录": excerpt,
        "指标": "到沪务工",
        "数值": "59",
        "单位": "人",
        "数字原文摘录": excerpt,
        **changes,
    }


def _train_again(**changes):
    """The 2月23日 闵行 train of 50 as a second report gives it."""
    report = make_report("minhang-train.txt", title="闵行区“点对点”返岗专列抵沪")
    excerpt = "50名昭通籍务工人员乘专列抵达上海"
    return {
        "日期": "2月23日",
        "类型": "务工人员集中输送",
        "标题": "闵行区“点对点”返岗专列抵沪",
        "上海参与方": "闵行区",
        "云南地点": "昭通市",
        "结对": "闵行区–昭通市",
        "来源报道文件名": report.file_name,
        "原文摘录": excerpt,
        "指标": "到沪务工",
        "数值": "50",
        "单位": "人",
        "数字原文摘录": excerpt,
        **changes,
    }


def _preview(client, *rows):
    cells = [[row.get(column, "") for column in COLUMNS] for row in rows]
    return import_preview(client, workbook(COLUMNS, cells))


def _import(client, *rows):
    preview = _preview(client, *rows)
    assert "confirm_form" in preview.context, preview.content.decode()[:5000]
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = import_confirm(client, preview)
    assert response.status_code == 302
    return response


def _counts():
    return Event.objects.count(), Figure.objects.count(), EventCitation.objects.count()


def _workers_total(pairing):
    return workers_total(readers.figure_totals(pairing))


def _pairing(shanghai, yunnan):
    return Pairing.objects.get(shanghai__name=shanghai, yunnan__name=yunnan)


def test_the_flight_imported_from_wenshans_report_is_refused_with_the_recorded_one_named(
    editor_client, hongkou_flight
):
    before = _counts()
    response = _preview(editor_client, _wenshans_row())
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    page = response.content.decode()
    assert "同一活动" in page
    assert f"#{hongkou_flight.pk} 虹口区包机接文山州61名务工人员" in page
    assert "2026年2月18日" in page
    assert "出处：虹口区包机接文山州务工人员" in page
    assert f"填“{hongkou_flight.pk}”" in page and "“新活动”" in page
    assert _counts() == before


def test_a_row_naming_the_recorded_flight_attaches_its_report_and_counts_61_once(
    editor_client, hongkou_flight
):
    hongkou = _pairing("虹口区", "文山州")
    total = _workers_total(hongkou)
    events = Event.objects.count()
    _import(editor_client, _wenshans_row(同一活动=str(hongkou_flight.pk)))
    assert Event.objects.count() == events
    assert hongkou_flight.citations.count() == 2
    counted = hongkou_flight.figures.get(value=61)
    account = hongkou_flight.figures.get(value=59)
    assert account.account_of == counted
    assert account.report.file_name == "wenshan-flight.txt"
    assert account.history.latest().history_user.username == "editor"
    assert _workers_total(hongkou) == total
    assert stale_summaries() == {}


def test_the_minhang_train_imported_from_a_second_report_counts_50_not_100(editor_client):
    train = Event.objects.get(title="闵行区春节“点对点”包列服务及暖心慰问活动")
    minhang = _pairing("闵行区", "昭通市")
    total = _workers_total(minhang)
    page = _preview(editor_client, _train_again()).content.decode()
    assert f"#{train.pk} {train.title}" in page
    _import(editor_client, _train_again(同一活动=f"#{train.pk}"))
    assert train.citations.filter(report__file_name="minhang-train.txt").exists()
    assert train.figures.get(value=50, account_of=None).report.file_name != "minhang-train.txt"
    assert _workers_total(minhang) == total
    assert stale_summaries() == {}


def test_a_row_marked_new_is_saved_with_the_decision_in_its_history(editor_client, hongkou_flight):
    _import(editor_client, _wenshans_row(同一活动="新活动"))
    saved = Event.objects.get(title="文山州59名务工人员乘包机赴沪")
    reason = saved.history.earliest().history_change_reason
    assert f"不是同一活动（已核对：活动 #{hongkou_flight.pk}）" in reason
    assert stale_summaries() == {}


def test_a_bus_the_same_day_as_the_train_imports_without_a_question(editor_client):
    events = Event.objects.count()
    _import(editor_client, _train_again(标题="闵行区返岗大巴抵达", 原文摘录="返岗大巴抵达"))
    assert Event.objects.count() == events + 1


def test_a_same_event_cell_that_names_no_event_is_refused_in_chinese_and_saves_no_row(
    editor_client, hongkou_flight
):
    before = _counts()
    bus = _train_again(标题="闵行区返岗大巴抵达", 原文摘录="返岗大巴抵达")
    for cell, message in (
        ("下一行", "“同一活动”只能填已记录活动的编号"),
        ("999999", "没有编号为 999999 的活动"),
    ):
        response = _preview(editor_client, bus, _wenshans_row(同一活动=cell))
        assert "confirm_form" not in response.context
        assert message in response.content.decode()
        assert _counts() == before


def test_a_row_that_may_be_an_earlier_row_of_the_file_is_refused_until_it_names_that_row(
    editor_client,
):
    hongkou = make_report("hongkou-flight.txt", title="虹口区包机接文山州务工人员")
    hongkous = _wenshans_row(
        标题="虹口区包机接文山州61名务工人员",
        上海参与方="虹口区",
        云南地点="文山市、砚山县、西畴县、麻栗坡县",
        来源报道文件名=hongkou.file_name,
        原文摘录="61名务工人员乘包机抵沪",
        数值="61",
        数字原文摘录="61名务工人员乘包机抵沪",
    )
    page = _preview(editor_client, hongkous, _wenshans_row()).content.decode()
    assert "本文件第 1 行：虹口区包机接文山州61名务工人员" in page
    assert "填“第1行”" in page
    events = Event.objects.count()
    _import(editor_client, hongkous, _wenshans_row(同一活动="第1行"))
    assert Event.objects.count() == events + 1
    flight = Event.objects.get(title="虹口区包机接文山州61名务工人员")
    assert flight.citations.count() == 2
    assert flight.figures.get(value=59).account_of == flight.figures.get(value=61)
    assert stale_summaries() == {}


def test_the_import_template_has_the_same_event_column_and_says_how_to_fill_it(editor_client):
    response = editor_client.get("/admin/pairings/event/import-template/")
    book = load_workbook(io.BytesIO(response.content))
    assert [cell.value for cell in book["活动"][1]][-1] == "同一活动"
    notes = [row[0] for row in book["填写说明"].values]
    assert any(line.startswith("同一活动：") and "新活动" in line for line in notes)
