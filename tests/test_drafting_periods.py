"""Drafting a figure's period and whether it is a total (pairings.drafting.periods): a date a
section prints once dates the section's later figures, a span up to a date (截至目前, 以来)
makes them totals, and headings and datelines date nothing."""

import datetime

import pytest

from pairings.drafting import draft, registry
from pairings.drafting.places import Gazetteer

PUBLISHED = datetime.date(2024, 11, 15)


@pytest.fixture
def drafted(report_data):
    metrics, gazetteer = registry(), Gazetteer.from_database()

    def drafted(text, title=""):
        return draft(text, PUBLISHED, title, metrics=metrics, gazetteer=gazetteer)

    return drafted


def test_a_section_s_lead_date_dates_its_later_figures_of_no_date(drafted):
    drafts = drafted(
        "金山区·普洱市\n"
        "6月12日，金山区人社局赴普洱市开展劳务协作。\n"
        "双方梳理岗位信息，现场提供岗位900余个，85人达成就业意向。"
    )
    assert [f["period"]["start"] for f in drafts["figures"]] == ["2024-06-12", "2024-06-12"]
    assert [f["cumulative"] for f in drafts["figures"]] == [False, False]


def test_a_span_up_to_today_makes_the_section_s_later_figures_totals(drafted):
    drafts = drafted(
        "截至目前，全县实现农村劳动力转移就业6.4万人。\n其间新建帮扶车间12个，培训乡村厨师860人。"
    )
    assert [f["cumulative"] for f in drafts["figures"]] == [True, True, True]
    assert {(f["period"]["start"], f["period"]["end"]) for f in drafts["figures"]} == {
        (None, "2024-11-15")
    }


def test_a_heading_ends_the_dates_of_the_section_before_it(drafted):
    drafts = drafted(
        "6月12日，金山区人社局赴普洱市开展劳务协作。\n松江区·文山州\n双方签约劳动力300人。"
    )
    assert drafts["figures"][-1]["period"] is None


def test_a_dateline_dates_no_figure_after_it(drafted):
    drafts = drafted("发布日期：2024年9月30日 来源：县人社局\n举办劳务协作培训班3期120人。")
    assert [f["period"] for f in drafts["figures"]] == [None, None]


def test_a_year_in_a_document_s_title_dates_nothing(drafted):
    drafts = drafted("双方签订《2025年度劳务协作框架协议》，宝山区8家企业提供岗位400个。")
    assert [f["period"] for f in drafts["figures"]] == [None, None]


def test_a_draft_event_of_no_date_takes_its_section_s(drafted):
    drafts = drafted("9月3日，闵行区人社局带队赴昭通市开展劳务协作。\n两场招聘会吸引1200余人到场。")
    assert drafts["events"][-1]["period"]["start"] == "2024-09-03"


def test_this_year_and_its_months_are_read_as_one_period(drafted):
    drafts = drafted("今年1至10月，全市帮助脱贫劳动力转移就业3.1万人。")
    assert drafts["figures"][0]["period"] == {
        "start": "2024-01",
        "end": "2024-10",
        "precision": "month",
        "as_printed": "今年1至10月",
    }


def test_a_month_printed_with_份_starts_a_span_that_runs_to_the_report_s_day(drafted):
    drafts = drafted("3月份以来，该企业已累计吸纳红河州务工人员70余名。")
    assert (drafts["figures"][0]["period"]["start"], drafts["figures"][0]["period"]["end"]) == (
        "2024-03-01",
        "2024-11-15",
    )


def test_a_list_of_days_is_one_period_from_the_first_to_the_last(drafted):
    drafts = drafted("9月6日、9日分两批乘专车抵沪的45名务工人员已全部上岗。")
    period = drafts["figures"][-1]["period"]
    assert (period["start"], period["end"]) == ("2024-09-06", "2024-09-09")


def test_a_lunar_day_after_a_solar_day_only_repeats_it(drafted):
    drafts = drafted("2024年2月12日大年初三上午，载有40多名临沧籍务工人员的包机抵达虹桥机场。")
    period = drafts["figures"][0]["period"]
    assert (period["start"], period["end"]) == ("2024-02-12", "2024-02-12")


def test_a_figure_dated_as_of_a_day_is_a_total(drafted):
    drafts = drafted("目前，寻甸县通过东西部协作转移省外就业2716人。")
    assert drafts["figures"][0]["cumulative"] is True


def test_a_figure_dated_days_ago_is_no_total(drafted):
    drafts = drafted("日前，40名务工人员乘专列抵达上海。")
    assert drafts["figures"][0]["cumulative"] is False


def test_a_result_a_report_sums_up_is_a_total_left_undated(drafted):
    drafts = drafted("强化就业帮扶。完成农村劳动力转移就业615人，实现消费帮扶金额3620万元。")
    assert [(f["cumulative"], f["period"]) for f in drafts["figures"]] == [(True, None)] * 2


def test_a_count_right_after_完成_is_one_task_s_result(drafted):
    drafts = drafted("现场对接企业用工需求，完成35名人员招聘。")
    assert drafts["figures"][0]["cumulative"] is False


def test_meetings_held_one_after_another_are_no_total(drafted):
    drafts = drafted("先后召开县政府常务会研究劳务协作工作4次。")
    assert (drafts["figures"][0]["cumulative"], drafts["figures"][0]["period"]) == (False, None)


def test_a_part_of_a_total_is_a_total(drafted):
    drafts = drafted("完成转移就业381人，其中公益性岗位就业126人、到上海务工就业17人。")
    assert [f["cumulative"] for f in drafts["figures"]] == [True, True, True]


def test_a_headline_s_figure_takes_the_date_its_restatement_prints(drafted):
    drafts = drafted(
        "楚雄州163名务工人员乘专列赴沪\n2025年3月2日上午，楚雄州163名务工人员乘专列出发前往上海。"
    )
    assert [f["period"]["start"] for f in drafts["figures"] if f["value"] == 163] == ["2025-03-02"]


def test_a_deadline_dates_no_event_and_is_read_as_until_it(drafted):
    drafts = drafted("金山区在普洱市开办养老护理培训班，计划培训300人，明年底前完成全部培训任务。")
    assert drafts["events"][0]["period"] is None
    assert drafted("全县计划6月底前培训农村劳动力300人。")["figures"][0]["period"] == {
        "start": None,
        "end": "2024-06",
        "precision": "month",
        "as_printed": "6月底前",
    }


def test_a_day_printed_past_the_lead_dates_its_own_paragraph_a_span_the_section(drafted):
    drafts = drafted(
        "日前，普洱市“金嫂”培训项目正式启动。\n"
        "5月，上海市安排劳务协作资金300万元。\n"
        "培训项目包括家政服务、养老护理2种，课时不少于60个。\n"
        "截至目前，全县转移就业1.2万人。\n"
        "其间培训农村劳动力860人。"
    )
    periods = [f["period"] for f in drafts["figures"]]
    assert periods[0]["as_printed"] == "5月"
    assert periods[1:3] == [None, None]
    assert [(p["start"], p["end"]) for p in periods[3:]] == [(None, "2024-11-15")] * 2


def test_an_event_told_during_another_takes_its_day(drafted):
    drafts = drafted(
        "10月12日，金山区与普洱市劳务协作交流会在普洱市召开。\n会上，两地签订劳务协作协议3份。"
    )
    assert [e["period"]["start"] for e in drafts["events"]] == ["2024-10-12", "2024-10-12"]
