"""The review of a report's drafts on one screen: the text with each drafted figure's clause
marked, the drafted events and figures as the admin's fields, and "保存已确认", which saves the
ticked drafts through the admin forms' checks, all or nothing, in one write."""

import datetime

import pytest
from django.urls import reverse

from pairings.models import Event, Figure, Report

from .builders import make_report, stale_summaries

# A short report in the manner of corpus report 11 (大姚县人民政府).
TEXT = (
    "大姚县持续深化东西部协作\n"
    "2023年9月12日，上海市嘉定区与楚雄州大姚县在大姚县举办专场招聘会，"
    "现场达成就业意向326人。\n"
    "今年以来，累计输送农村劳动力到上海就业1200余人。"
)


@pytest.fixture
def report(report_data):
    report = make_report(title="大姚县持续深化东西部协作")
    report.date_start = report.date_end = datetime.date(2023, 10, 23)
    report.date_precision = "day"
    report.save()
    report.keep_text(TEXT, "测试")
    return report


def _drafts(client, report):
    return client.get(reverse("admin:pairings_report_drafts", args=[report.pk]))


def test_an_editor_sees_the_text_marked_beside_its_drafts(editor_client, report):
    response = _drafts(editor_client, report)
    assert response.status_code == 200
    page = response.content.decode()
    assert '<mark id="figure-e0-0">现场达成就业意向326人</mark>' in page
    assert "保存已确认" in page
    assert "专场招聘会" in page


def _save(client, report, **changes):
    data = _drafts(client, report).context["review"].data.copy()
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return client.post(reverse("admin:pairings_report_drafts", args=[report.pk]), data)


def test_saving_keeps_the_ticked_drafts_with_their_history(editor_client, report):
    response = _save(editor_client, report)
    assert response.status_code == 302
    event = Event.objects.get(citations__report=report)
    assert event.kind == Event.Kind.JOB_FAIR
    assert event.date_start == datetime.date(2023, 9, 12)
    assert "大姚县" in [r.name for r in event.yunnan_regions.all()]
    assert [r.name for r in event.shanghai_regions.all()] == ["嘉定区"]
    figures = Figure.objects.filter(report=report).order_by("value")
    assert [(f.value, f.qualifier, f.unit, f.is_cumulative) for f in figures] == [
        (326, "exact", "person", False),
        (1200, "at_least", "person", True),
    ]
    assert figures[0].event == event and figures[1].event is None
    reason = "据报道原文起草，经编辑确认"
    assert event.history.first().history_change_reason == reason
    assert figures[0].history.first().history_change_reason == reason
    assert event.history.first().history_user.username == "editor"
    assert stale_summaries() == {}


def test_an_unticked_figure_is_not_saved(editor_client, report):
    _save(editor_client, report, **{"f0-accepted": None})
    assert [f.value for f in Figure.objects.filter(report=report)] == [326]


def test_an_error_saves_nothing_and_is_shown_beside_its_field(editor_client, report):
    response = _save(editor_client, report, **{"f0-value": "许多"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "没有保存任何记录" in page
    assert 'class="errorlist' in page
    assert not Event.objects.filter(citations__report=report).exists()
    assert not Figure.objects.filter(report=report).exists()


def test_a_report_without_text_has_no_drafts_link(editor_client, report_data):
    report = make_report()
    page = editor_client.get(reverse("admin:pairings_report_change", args=[report.pk]))
    assert "从原文起草记录" not in page.content.decode()


def test_a_report_with_text_links_to_its_drafts(editor_client, report):
    page = editor_client.get(reverse("admin:pairings_report_change", args=[report.pk]))
    assert reverse("admin:pairings_report_drafts", args=[report.pk]) in page.content.decode()


def test_a_viewer_may_not_save_drafts(viewer_client, report):
    assert _drafts(viewer_client, report).status_code == 403
    assert Report.objects.filter(pk=report.pk).exists()


def test_a_counter_the_draft_read_is_not_read_again_from_the_value(editor_client, report):
    # Corpus report 11's "培训班4期": 期 counts classes (个) here, not a journal's issues; the
    # value sent to the form is the number alone, so the form keeps the draft's unit.
    report.keep_text("2023年9月，大姚县举办劳务协作培训班4期164人。", "测试")
    assert _save(editor_client, report).status_code == 302
    classes = Figure.objects.get(report=report, metric="classes")
    assert (classes.value, classes.unit) == (4, "item")


# A longer report of other events: three events with their figures, and totals of no event.
LONGER = (
    "姚安县东西部劳务协作工作综述\n"
    "2023年10月8日，上海市青浦区与德宏州芒市举办劳务协作座谈会，签订协议3份。\n"
    "2023年11月2日，上海市嘉定区在楚雄州姚安县举办培训班2期，培训农村劳动力120人，"
    "其中女性45人。\n"
    "2023年11月20日，上海市嘉定区与楚雄州姚安县举办专场招聘会，提供岗位800个。\n"
    "截至2023年10月底，姚安县累计帮助农村劳动力转移就业2.3万人，其中到上海就业860人。"
)
# Each draft is the admin's own forms, checked as the admin checks them on the screen and
# again when saved: its choices looked up, its model's constraints and foreign keys checked,
# an event's likely-same candidates found, and, when saved, its rows and their history
# written. That is a fixed cost per draft, never a query per row of another draft or per
# place of the Region table.
# On SQLite: 3 drafts read in 45 queries and saved in 120; 9 drafts in 112 and 213. The bound
# per draft leaves room for the extractor to draft a text's records as events or as figures.
GET_QUERIES, POST_QUERIES = 45, 120
PER_DRAFT = 20


def _queries(client, report, django_assert_max_num_queries):
    url = reverse("admin:pairings_report_drafts", args=[report.pk])
    client.get(url)  # the session and permissions, read on every page, are cached after
    with django_assert_max_num_queries(10_000) as read:
        review = client.get(url).context["review"]
    with django_assert_max_num_queries(10_000) as saved:
        assert client.post(url, review.data.copy()).status_code == 302
    drafts = len(review.events) + len(review.figures)
    drafts += sum(len(event.figure_drafts) for event in review.events)
    return drafts, len(read), len(saved)


def test_the_drafts_screen_of_a_small_report_runs_a_fixed_number_of_queries(
    editor_client, report, django_assert_num_queries
):
    url = reverse("admin:pairings_report_drafts", args=[report.pk])
    editor_client.get(url)
    with django_assert_num_queries(GET_QUERIES):
        data = editor_client.get(url).context["review"].data.copy()
    with django_assert_num_queries(POST_QUERIES):
        assert editor_client.post(url, data).status_code == 302


def test_the_drafts_screen_costs_a_bounded_number_of_queries_per_draft(
    editor_client, report, django_assert_max_num_queries
):
    few, few_read, few_saved = _queries(editor_client, report, django_assert_max_num_queries)
    longer = make_report(title="大姚县持续深化东西部协作（二）")
    longer.date_start = longer.date_end = report.date_start
    longer.date_precision = "day"
    longer.save()
    longer.keep_text(LONGER, "测试")
    many, many_read, many_saved = _queries(editor_client, longer, django_assert_max_num_queries)
    assert many > few
    assert many_read - few_read <= PER_DRAFT * (many - few)
    assert many_saved - few_saved <= PER_DRAFT * (many - few)
