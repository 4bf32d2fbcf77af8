"""Drafting a figure's metric (pairings.drafting.metrics): cue words read in the whole clause,
whose people a clause counts, parts, plans, and workers going to Shanghai."""

import datetime

import pytest

from pairings.drafting import draft, registry
from pairings.drafting.places import Gazetteer


@pytest.fixture
def metric_of(report_data):
    metrics, gazetteer = registry(), Gazetteer.from_database()

    def metric_of(text):
        figures = draft(text, datetime.date(2024, 3, 5), metrics=metrics, gazetteer=gazetteer)
        return [figure["metric"] for figure in figures["figures"]]

    return metric_of


def test_a_cue_further_along_the_clause_names_the_metric(metric_of):
    assert metric_of("本期有180人将参加为期两周的家政技能培训。") == ["trainees"]


def test_a_word_for_whom_it_counts_yields_to_what_they_did(metric_of):
    assert metric_of("洽谈现场共有58名求职者向用工企业投递了简历。") == ["resumes"]
    assert metric_of("乡镇累计使用资金320万元用于拨付务工补贴。") == ["funds_disbursed"]


def test_a_counter_only_one_metric_takes_names_it(metric_of):
    assert metric_of("学员们坐了约40个小时的火车。") == ["duration"]


def test_a_part_that_names_nothing_counts_what_its_whole_counts(metric_of):
    assert metric_of("今年吸纳当地劳动力420人，其中脱贫人口95人。") == ["hires", "hires"]


def test_a_plan_is_counted_by_the_planned_twin_of_its_metric(metric_of):
    assert metric_of("下半年计划再举办30场招聘会。") == ["planned_job_fairs"]


def test_workers_going_to_a_shanghai_district_are_workers_to_shanghai(metric_of):
    assert metric_of("首批35名勐海籍劳动力到达松江入职。") == ["workers_to_shanghai"]
    assert metric_of("全年向上海方向转移就业73人。") == ["workers_to_shanghai"]


def test_persons_of_a_paragraph_telling_of_arrival_in_shanghai_went_there(metric_of):
    text = "来自景洪、勐腊的67名外出人员。他们乘坐高铁于晚间抵达上海。"
    assert metric_of(text) == ["workers_to_shanghai"]


def test_migrant_workers_are_not_by_that_word_transferred(metric_of):
    assert metric_of("当天共有83名返岗务工人员在车站集合。") == [None]


def test_an_intent_to_hire_is_an_intent_and_job_openings_are_positions(metric_of):
    assert metric_of("现场有47人与企业达成录用意向。") == ["hiring_intents"]
    assert metric_of("园区企业共提供900余个就业机会。") == ["positions"]
    assert metric_of("开设电工、焊工等5个培训项目。") == ["trades"]
