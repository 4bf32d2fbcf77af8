"""Drafting records from a report's text (pairings.drafting): the number grammar on phrases the
corpus prints, metrics from the registry's cue words, parts, periods, places, traditional
script, and the draft_records command's JSON."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from pairings.drafting import draft, registry
from pairings.drafting.phrases import Folded, number_phrases
from pairings.drafting.places import Gazetteer

PUBLISHED = datetime.date(2023, 10, 23)


@pytest.fixture
def drafted(report_data):
    metrics, gazetteer = registry(), Gazetteer.from_database()

    def drafted(text, title=""):
        return draft(text, PUBLISHED, title, metrics=metrics, gazetteer=gazetteer)

    return drafted


@pytest.mark.parametrize(
    "printed, value, high, qualifier, counter",
    [
        ("4.4万人", "44000", None, "exact", "人"),
        ("3000多人", "3000", None, "at_least", "人"),
        ("近200人次", "200", None, "about", "人次"),
        ("100至200名", "100", "200", "exact", "名"),
        ("1.2亿元", "120000000", None, "exact", "亿元"),
        ("8100万元以上", "81000000", None, "at_least", "万元"),
        ("两百余名", "200", None, "at_least", "名"),
        ("不到30人", "30", None, "at_most", "人"),
        ("1,500人", "1500", None, "exact", "人"),
    ],
)
def test_the_grammar_reads_each_number_phrase_the_corpus_prints(
    printed, value, high, qualifier, counter
):
    (phrase,) = number_phrases(Folded(printed).text)
    assert (phrase.value, phrase.value_high, phrase.qualifier, phrase.counter) == (
        Decimal(value),
        Decimal(high) if high else None,
        qualifier,
        counter,
    )


def test_a_year_and_an_ordinal_are_no_figures():
    assert number_phrases("2023年第一批务工人员") == []


@pytest.mark.parametrize(
    "printed",
    [
        "他们搭乘G1376次列车",  # a train's number
        "2017-2018年",  # a span of years
        "上海工运 2023年2期",  # a journal's issue
        "贺婧倩是一名门店后仓理货员",  # 一 as an article
        "来自省外的数十家企业",  # an unstated number
        "上海市每年有150万家庭",  # 家庭 is a noun, not 家 counting
        "“送教上门、来青实训”四位一体技能援教模式",  # an idiom
        "她的孩子5个月大的时候",  # a duration the registry has no unit for
    ],
)
def test_numbers_that_count_nothing_are_no_figures(printed):
    assert number_phrases(Folded(printed).text) == []


def test_hours_counted_with_个_are_hours():
    (phrase,) = number_phrases("经历了近60个小时的长途跋涉")
    assert (phrase.value, phrase.qualifier, phrase.units) == (Decimal(60), "about", ("hour",))


def test_a_number_in_brackets_after_a_figure_keeps_that_figure_s_qualifier():
    hours, days = number_phrases(Folded("家政服务培训课时不少于60个(6天)").text)
    assert (hours.qualifier, days.qualifier, days.value) == ("at_least", "at_least", Decimal(6))


def test_class_hours_counted_with_个_are_class_hours(drafted):
    (hours, days) = drafted("家政服务培训课时不少于60个(6天)。")["figures"]
    assert (hours["unit_code"], hours["qualifier"]) == ("class_hour", "at_least")
    assert (days["unit_code"], days["qualifier"]) == ("day", "at_least")


def test_a_page_printed_in_columns_is_read_across_its_line_breaks():
    paragraph = (
        "据悉，招聘现场主要提供普工、技工、仓管、厨师、保洁、服务等各类工种200余个招聘岗位，"
        "共吸引400余名求职者入场。经工作人员统计，现场共有36名求职者投递了个人简历，"
        "其中12名求职者当场与企业达成初步录用意向。"
    )
    printed = "\n".join(paragraph[i : i + 9] for i in range(0, len(paragraph), 9))
    folded = Folded(printed)
    assert [p.value for p in number_phrases(folded.text)] == [200, 400, 36, 12]
    assert "\n" not in folded.text


def test_short_lines_of_many_lengths_stay_paragraphs():
    assert Folded("有序登机\n\n外出务工人员在候机大厅合影留念").text.count("\n") == 2


def test_a_percentage_of_no_metric_is_a_rate_of_something_else(drafted):
    assert drafted("市场商品住房占住房供应量的40%左右。")["figures"] == []


def test_a_sentence_with_two_figures_drafts_both_with_their_own_metric_and_unit(drafted):
    figures = drafted("举办劳务协作培训班4期164人。")["figures"]
    assert [(f["value"], f["unit_code"], f["metric"]) for f in figures] == [
        (4, "item", "classes"),
        (164, "person", "trainees"),
    ]


def test_a_total_since_a_year_is_cumulative_and_dated_from_that_year(drafted):
    (figure,) = drafted("2021年以来，累计组织到沪就业4595人。")["figures"]
    assert figure["cumulative"] is True
    assert figure["metric"] == "workers_to_shanghai"
    assert (figure["period"]["start"], figure["period"]["precision"]) == ("2021", "year")
    assert figure["why"]["cumulative"] in ("累计", "以来")


def test_a_figure_after_其中_is_a_part_of_the_figure_before(drafted):
    whole, part = drafted("累计组织到沪就业4595人,其中脱贫劳动力1881人。")["figures"]
    assert (whole["part_of"], part["part_of"]) == (None, 0)


def test_a_report_in_traditional_script_is_matched_simplified_and_quoted_as_printed(drafted):
    text = "楚雄縣通過東西部協(xié)作機制轉(zhuǎn)移省外就業(yè)3648人。"
    (figure,) = drafted(text)["figures"]
    assert (figure["value"], figure["metric"]) == (3648, "out_of_province")
    assert figure["excerpt"] in text


def test_a_list_of_counties_after_their_prefecture_names_each_county(drafted):
    (figure,) = drafted("来自云南省红河州屏边、泸西、石屏和元阳四县的96名返岗务工人员抵达上海。")[
        "figures"
    ]
    assert figure["yunnan"] == ["红河州", "屏边县", "泸西县", "石屏县", "元阳县"]
    assert figure["shanghai"] == ["上海市"]


def test_a_sentence_without_a_counter_drafts_nothing(drafted):
    drafts = drafted("2023年10月23日，大姚县持续深化东西部协作，帮扶作用充分发挥。")
    assert drafts == {"events": [], "figures": []}


def test_a_figure_of_no_cue_word_keeps_its_metric_empty(drafted):
    (figure,) = drafted("共有36人。")["figures"]
    assert figure["metric"] is None


def test_a_job_fair_sentence_drafts_an_event_holding_its_figures(drafted):
    drafts = drafted("10月8日，嘉定区在楚雄州举办专场招聘会，提供岗位1000余个。")
    (event,) = drafts["events"]
    assert (event["kind"], event["shanghai"], event["yunnan"]) == (
        "job_fair",
        ["嘉定区"],
        ["楚雄州"],
    )
    assert event["period"]["start"] == "2023-10-08"
    assert drafts["figures"][0]["event"] == 0


def test_a_side_a_sentence_leaves_unnamed_is_the_one_named_before_it_in_its_paragraph(drafted):
    drafts = drafted("嘉定区人社局赴楚雄州开展劳务协作。当天，楚雄市120名务工人员报名赴沪。")
    (figure,) = drafts["figures"]
    assert (figure["shanghai"], figure["yunnan"]) == (["嘉定区"], ["楚雄市"])


def test_a_paragraph_s_places_do_not_reach_the_next_paragraph(drafted):
    drafts = drafted("嘉定区人社局赴楚雄州开展劳务协作。\n另有120名务工人员报名。", "大姚县")
    (figure,) = drafts["figures"]
    assert (figure["shanghai"], figure["yunnan"]) == ([], ["大姚县"])


def test_a_total_of_no_date_of_its_own_is_as_of_the_report_s_date(drafted):
    (figure,) = drafted("青浦区累计组织到沪就业4595人。")["figures"]
    assert figure["period"] == {
        "start": None,
        "end": "2023-10-23",
        "precision": "day",
        "as_printed": "",
    }
    assert figure["why"]["period"] == "累计"


def test_a_figure_of_no_date_of_its_own_takes_its_event_s(drafted):
    drafts = drafted("10月8日，嘉定区在楚雄州举办专场招聘会。招聘会提供岗位1000余个。")
    assert drafts["figures"][0]["period"]["start"] == "2023-10-08"
    assert drafts["figures"][0]["event"] == 0


def test_a_figure_of_no_date_and_no_event_stays_undated(drafted):
    (figure,) = drafted("共有36人。")["figures"]
    assert figure["period"] is None


FIGURE_FIELDS = {
    "value": (int, float),
    "qualifier": str,
    "unit": str,
    "metric": (str, type(None)),
    "cumulative": bool,
    "period": (dict, type(None)),
    "shanghai": list,
    "yunnan": list,
    "partners": list,
    "excerpt": str,
    "event": (int, type(None)),
}


def test_draft_records_prints_one_json_object_in_the_documented_format(
    report_data, tmp_path, capsys
):
    path = tmp_path / "report.txt"
    path.write_text("2023年2月8日至13日，浦东新区赴大理州宾川县举办招聘会，达成意向4.4万人。\n")
    call_command("draft_records", str(path), "--published", "2023-02-20", "--title", "招聘")
    drafts = json.loads(capsys.readouterr().out)
    assert set(drafts) == {"events", "figures"}
    (figure,) = drafts["figures"]
    for field, kind in FIGURE_FIELDS.items():
        assert isinstance(figure[field], kind), field
    assert figure["qualifier"] in ("exact", "at_least", "about", "at_most")
    assert (figure["value"], figure["unit"], figure["metric"]) == (44000, "人", "hiring_intents")
    assert figure["period"] == {
        "start": "2023-02-08",
        "end": "2023-02-13",
        "precision": "day",
        "as_printed": "2023年2月8日至13日",
    }
    assert (figure["shanghai"], figure["yunnan"]) == (["浦东新区"], ["大理州", "宾川县"])
    assert figure["event"] == 0


def test_a_chartered_train_is_a_dispatch_of_workers(drafted):
    (event,) = drafted("2月20日，宝山区人社局组织“点对点”包列服务，接回务工人员300名。")["events"]
    assert event["kind"] == "worker_dispatch"


def test_a_sentence_cut_by_a_page_break_is_read_whole(drafted):
    text = (
        "2月24日，春节长假后的首个工作日，上海虹桥火车站迎来了来自云南省红河州屏\n\n"
        "边、泸西两县的96名返岗务工人员。"
    )
    (figure,) = drafted(text)["figures"]
    assert figure["yunnan"] == ["红河州", "屏边县", "泸西县"]
