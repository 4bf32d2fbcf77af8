"""Which numbers of a report are drafted as figures of this cooperation (pairings.drafting.scope
and the number grammar): not quoted names or first-person speech, not one person's monthly
wage, not another province's workers, and each figure once however often it is printed."""

import datetime
from decimal import Decimal

import pytest

from pairings.drafting import draft, registry
from pairings.drafting.phrases import Folded, number_phrases
from pairings.drafting.places import Gazetteer

PUBLISHED = datetime.date(2024, 3, 15)


@pytest.fixture
def values(report_data):
    metrics, gazetteer = registry(), Gazetteer.from_database()

    def values(text, title=""):
        drafts = draft(text, PUBLISHED, title, metrics=metrics, gazetteer=gazetteer)
        return [figure["value"] for figure in drafts["figures"]]

    return values


def test_a_number_inside_a_quoted_programme_name_is_no_figure(values):
    assert values("宝山区开展“三项服务”行动，组织120名务工人员赴沪。") == [120]


def test_quoted_words_spoken_in_the_first_person_are_no_figure(values):
    assert values("“我在上海的工厂干了五年了，”来自永平县的务工人员说。") == []


def test_a_manager_s_quoted_account_of_the_company_stays_a_figure(values):
    assert values("“今年公司已在宾川县招收员工80余名。”人事经理介绍。") == [80]


@pytest.mark.parametrize(
    "text",
    [
        "在浦东的物流企业，务工人员每月能拿到4800元。",
        "她说现在一个月到手的工资有6200元左右。",
        "保洁员月收入可达5000~6000元/月。",
    ],
)
def test_one_person_s_monthly_wage_is_no_figure(values, text):
    assert values(text) == []


def test_a_county_s_income_from_labour_stays_a_figure(values):
    assert values("全县劳务经济收入突破2.5亿元。") == [250000000]


def test_another_province_s_workers_are_not_this_cooperation_s(values):
    assert values("当天，300余名四川外出务工人员乘专列前往广州。") == []


def test_a_clause_of_another_province_s_workers_beside_shanghai_is_not_this_cooperation_s(
    values,
):
    assert values("除了赴上海的务工人员，还有400多名务工人员前往江苏。") == []


def test_shanghai_beside_another_province_keeps_the_figure(values):
    assert values("上海、浙江已向云南累计投入帮扶资金5亿元。") == [500000000]


def test_a_paragraph_of_other_provinces_alone_drafts_no_figure(values):
    assert values("春节后，上海还将为安徽、河南等省的务工人员举办50多场招聘会。") == []


def test_a_whole_province_s_totals_without_shanghai_are_not_this_cooperation_s(values):
    assert values("截至2月10日，全省已有组织输出农村劳动力5.2万人。") == []


def test_a_whole_province_s_figure_for_shanghai_stays(values):
    assert values("截至2月10日，全省已有组织输送赴上海务工人员5200人。") == [5200]


def test_a_headline_printed_again_in_the_body_is_one_figure(values):
    text = "普洱318名务工人员乘专列赴沪\n3月2日，318名来自普洱市的务工人员乘专列抵达上海。"
    assert values(text) == [318]


def test_a_figure_restated_later_with_the_same_metric_is_one_figure(values):
    text = "首批42名务工人员抵达上海。\n记者了解到，这42名务工人员将进入物流企业工作。"
    assert values(text) == [42]


def test_small_counts_printed_twice_are_two_figures(values):
    assert values("举办电工培训班2期。另举办家政培训班2期。") == [2, 2]


def test_the_group_the_figures_after_it_come_from_is_not_counted_again(values):
    assert values("在报名的64人中，有40人通过面试。") == [40]


@pytest.mark.parametrize("printed", ["传承千年技艺的百年老店", "万家灯火"])
def test_a_hundred_or_a_thousand_alone_is_a_way_of_speaking(printed):
    assert number_phrases(Folded(printed).text) == []


def test_the_n_th_year_running_counts_n_years():
    (phrase,) = number_phrases("这已是大理州连续第五年组织务工人员赴沪就业")
    assert (phrase.value, phrase.units) == (Decimal(5), ("year",))


def test_how_long_a_worker_has_stayed_is_no_figure():
    assert number_phrases("她在松江的电子厂已经干了8年了") == []


def test_the_same_number_counting_two_things_is_two_figures(values):
    text = (
        "6月5日，松江区与文山州举办招聘会，提供岗位300个，现场达成就业意向150人。\n"
        "当月，文山州培训农村劳动力150人。"
    )
    assert values(text) == [300, 150, 150]
