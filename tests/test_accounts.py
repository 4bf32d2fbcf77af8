"""One quantity, several accounts: another report's account of a figure already recorded is
kept with its own source, shown beside it, and never added to a total."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import translation

from pairings.metrics import WORKERS_TO_SHANGHAI
from pairings.models import Figure, Pairing, Report
from summaries import readers, writes
from tests.admin_forms import event_change_data, inline
from tests.builders import make_event, make_report, stale_summaries, workers_total
from tests.pages import fetch_page
from tests.test_events import PAGE_QUERIES


def _pairing(shanghai, yunnan):
    return Pairing.objects.get(shanghai__name=shanghai, yunnan__name=yunnan)


def add_account(counted, value, report, excerpt):
    """Record another report's account of `counted` as an editor does, through the doorway."""
    account = Figure(
        event=counted.event,
        pairing=counted.pairing,
        metric=counted.metric,
        value=value,
        unit=counted.unit,
        is_cumulative=counted.is_cumulative,
        account_of=counted,
        report=report,
        excerpt=excerpt,
    )
    account.full_clean()
    with TestCase.captureOnCommitCallbacks(execute=True), writes.kept_current() as write:
        account.save()
        write.wrote(Figure, [account.pk])
    return account


@pytest.fixture
def minhang_train(report_data):
    """The 2月23日 闵行 train of 50 (report 1), and the same 50 from a second report."""
    counted = Figure.objects.get(
        event__title="闵行区春节“点对点”包列服务及暖心慰问活动", metric=WORKERS_TO_SHANGHAI
    )
    second = make_report("minhang-train.txt", title="闵行区“点对点”返岗专列抵沪")
    account = add_account(counted, 50, second, "50名昭通籍务工人员乘专列抵达上海")
    return counted, account


@pytest.fixture
def wenshan_flight(report_data):
    """The 2月18日 flight from 文山州: 61 in 虹口区人社局's report, 59 in 文山州's."""
    hongkou = make_report("hongkou-flight.txt", title="虹口区包机接文山州务工人员")
    Report.objects.filter(pk=hongkou.pk).update(publication="虹口区人社局")
    wenshan = make_report("wenshan-flight.txt", title="文山州59名务工人员乘包机赴沪")
    Report.objects.filter(pk=wenshan.pk).update(publication="文山州")
    event = make_event(
        _pairing("虹口区", "文山州"),
        day=datetime.date(2026, 2, 18),
        kind="worker_dispatch",
        title="虹口区包机接文山州务工人员",
        report=hongkou,
        figures=[(WORKERS_TO_SHANGHAI, 61, "person", "exact")],
    )
    counted = event.figures.get()
    account = add_account(counted, 59, Report.objects.get(pk=wenshan.pk), "59名务工人员乘包机")
    return counted, account


def test_the_minhang_train_reported_twice_counts_50_not_100(minhang_train):
    counted, _account = minhang_train
    minhang = _pairing("闵行区", "昭通市")
    # The pairing's other batch: 永善县's 151 of 2024 (corpus 13).
    others = workers_total(
        Figure.objects.for_pairing(minhang).exclude(event=counted.event_id).totals()
    )
    assert others == Decimal(151)
    assert workers_total(readers.figure_totals(minhang)) == others + 50
    assert workers_total(Figure.objects.for_pairing(minhang).totals()) == others + 50
    assert stale_summaries() == {}


def test_a_flight_reported_as_61_and_59_counts_61_once(wenshan_flight):
    counted, account = wenshan_flight
    others = Figure.objects.exclude(event=counted.event_id).totals()
    assert workers_total(readers.figure_totals()) == workers_total(others) + 61
    hongkou = _pairing("虹口区", "文山州")
    others = Figure.objects.for_pairing(hongkou).exclude(event=counted.event_id).totals()
    assert workers_total(readers.figure_totals(hongkou)) == workers_total(others) + 61
    assert not Figure.objects.summable().filter(pk=account.pk).exists()
    assert stale_summaries() == {}


def test_the_counted_quantity_a_new_figure_would_be_an_account_of(wenshan_flight):
    counted, account = wenshan_flight
    third = Figure(
        event=counted.event, metric=counted.metric, unit="person", report=make_report("t.txt")
    )
    figures = counted.event.figures
    assert figures.counted_quantity_of(third) == counted  # never the account beside it
    others = ({"unit": "person_time"}, {"is_cumulative": True}, {"report": counted.report})
    # A subgroup's number (corpus 17's 60余 文山州务工人员 of a flight's 100) is a part of the
    # whole, never another account of it.
    for other in (*others, {"subset_of": counted, "subgroup": "文山州务工人员"}):
        assert figures.counted_quantity_of(Figure(**{**_fields(third), **other})) is None


def _fields(figure):
    names = ("event", "metric", "unit", "report", "is_cumulative", "subset_of")
    return {name: getattr(figure, name) for name in names}


def _refusal(figure):
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        figure.full_clean()
    return refused.value.message_dict["account_of"][0]


def test_an_account_of_another_metric_or_unit_is_refused(minhang_train):
    counted, account = minhang_train
    account.metric_id = "attendees"
    assert "同一指标" in _refusal(account)


def test_an_account_from_the_same_report_is_refused(minhang_train):
    counted, account = minhang_train
    account.report = counted.report
    assert "另一篇报道" in _refusal(account)


def test_an_account_of_another_events_figure_is_refused(minhang_train, wenshan_flight):
    _counted, account = minhang_train
    account.account_of = wenshan_flight[0]
    assert "同一活动" in _refusal(account)


def test_an_account_names_the_figure_that_counts_never_another_account(minhang_train):
    counted, account = minhang_train
    third = Figure(
        event=counted.event,
        metric=counted.metric,
        value=50,
        unit="person",
        account_of=account,
        report=make_report("third.txt"),
        excerpt="50名",
    )
    assert "计入合计的数字" in _refusal(third)
    third.account_of = None
    third.save()
    counted.account_of = third  # counted has an account of its own
    assert "已有其他报道" in _refusal(counted)


def _rows(data, prefix):
    """Return the rows of an inline formset in POST data, as dicts of their fields."""
    count = int(data[f"{prefix}-TOTAL_FORMS"])
    return [
        {
            key.removeprefix(f"{prefix}-{index}-"): value
            for key, value in data.items()
            if key.startswith(f"{prefix}-{index}-")
        }
        for index in range(count)
    ]


def _train_with_a_second_report(editor_client, **account):
    """Return 闵行's train's counted figure and the POST data of its change form as an editor
    fills it in to add a second report's citation and its account of the 50 workers."""
    counted = Figure.objects.get(
        event__title="闵行区春节“点对点”包列服务及暖心慰问活动", metric=WORKERS_TO_SHANGHAI
    )
    second = make_report("minhang-train.txt", title="闵行区“点对点”返岗专列抵沪")
    excerpt = "50名昭通籍务工人员乘专列抵达上海"
    data = event_change_data(editor_client, counted.event)
    citations = _rows(data, "citations") + [{"report": second.pk, "excerpt": excerpt}]
    figures = _rows(data, "figures")
    figures.append(
        {
            "metric": WORKERS_TO_SHANGHAI,
            "value": "50",
            "unit": "person",
            "qualifier": "exact",
            "report": second.pk,
            "excerpt": excerpt,
            **account,
        }
    )
    data.update(inline("citations", citations, initial=len(citations) - 1))
    data.update(inline("figures", figures, initial=len(figures) - 1))
    data["change_reason"] = "另一篇报道也报道了这趟专列"
    return counted, data


def _row_of(counted):
    return str(list(counted.event.figures.order_by("pk")).index(counted) + 1)


@pytest.mark.parametrize("by", ["stored", "row"])
def test_an_editor_marks_a_second_reports_figure_as_an_account_on_the_events_screen(
    editor_client, report_data, by
):
    counted = Figure.objects.get(
        event__title="闵行区春节“点对点”包列服务及暖心慰问活动", metric=WORKERS_TO_SHANGHAI
    )
    chosen = {"account_of": counted.pk} if by == "stored" else {"account_of_row": _row_of(counted)}
    counted, data = _train_with_a_second_report(editor_client, **chosen)
    response = editor_client.post(f"/admin/pairings/event/{counted.event_id}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    account = counted.accounts.get()
    assert (account.value, account.report.file_name) == (50, "minhang-train.txt")
    minhang = _pairing("闵行区", "昭通市")
    assert workers_total(readers.figure_totals(minhang)) == Decimal(151 + 50)
    assert stale_summaries() == {}


def test_an_account_naming_a_row_of_another_metric_is_refused_and_nothing_saved(
    editor_client, report_data
):
    counted, data = _train_with_a_second_report(editor_client, account_of_row="1")
    data["figures-1-metric"] = "attendees"
    figures = Figure.objects.count()
    response = editor_client.post(f"/admin/pairings/event/{counted.event_id}/change/", data)
    assert response.status_code == 200
    assert "同一指标" in response.content.decode()
    assert Figure.objects.count() == figures


def test_disagreeing_accounts_are_shown_side_by_side_with_their_sources(client, wenshan_flight):
    counted, account = wenshan_flight
    page = fetch_page(client, f"/pairings/{_pairing('虹口区', '文山州').pk}/")
    [item] = page.select(f"#event-{counted.event_id}")
    text = item.get_text(" ", strip=True)
    assert "61 人（虹口区人社局）／59 人（文山州）" in text.replace(" （", "（")
    assert "2 份报道" in text
    assert not page.select(f"#figure-{account.pk}")  # beside its figure, not a second batch
    assert f'href="#source-{account.pk}"' in str(item)
    browser = fetch_page(client, "/events/?shanghai=310109")
    row = browser.select_one(f"#event-{counted.event_id}").get_text(" ", strip=True)
    assert "61 人（虹口区人社局）／59 人（文山州）" in row.replace(" （", "（")
    assert "2 份报道" in row


def test_agreeing_accounts_read_as_one_figure_of_two_reports(client, minhang_train):
    counted, account = minhang_train
    page = fetch_page(client, f"/pairings/{_pairing('闵行区', '昭通市').pk}/")
    [shown] = page.select(f"#figure-{counted.pk}")
    assert "50 人 · 2 份报道" in shown.get_text(" ", strip=True)
    links = [a["href"] for a in shown.select("a.source-link")]
    assert sorted(links) == sorted([f"#source-{counted.pk}", f"#source-{account.pk}"])


def _listed(client, **params):
    response = client.get("/events/", params)
    assert response.status_code == 200
    rows = BeautifulSoup(response.content, "html.parser").select('tr[id^="event-"]')
    return {int(row["id"].removeprefix("event-")) for row in rows}, response


def test_the_events_browser_finds_events_told_by_several_reports(
    client, minhang_train, wenshan_flight
):
    several, response = _listed(client, reports="several")
    # And the 2025-02-01 flight, told by corpus reports 16 and 17.
    flight = Figure.objects.get(pk=15502).event_id
    assert several == {minhang_train[0].event_id, wenshan_flight[0].event_id, flight}
    disagree, _ = _listed(client, reports="disagree")
    assert disagree == {wenshan_flight[0].event_id}  # 61 against 59; 闵行's 50 and 50 agree
    with_a_side, _ = _listed(client, reports="several", shanghai="310112")
    assert with_a_side == {minhang_train[0].event_id}


def test_the_report_filters_facet_counts_add_up_to_their_result(client, wenshan_flight):
    response = client.get("/events/", {"reports": "disagree"})
    facets = response.context["facets"]
    kinds = next(group for group in facets if group["name"] == "kind")
    counts = [option["count"] for option in kinds["options"] if option["count"]]
    assert counts == [1]


def test_a_malformed_report_filter_shows_the_form_error(client, report_data):
    response = client.get("/events/", {"reports": "many"})
    assert response.status_code == 400  # the page with its form error, as every bad filter
    assert "“many”不是有效的选项" in response.content.decode()
    assert client.get("/events/export.csv", {"reports": "many"}).status_code == 400


@pytest.mark.parametrize("reports", ["several", "disagree"])
def test_a_report_filter_takes_no_more_queries_than_any_filter(
    client, wenshan_flight, django_assert_num_queries, reports
):
    with django_assert_num_queries(PAGE_QUERIES):
        assert client.get("/events/", {"reports": reports}).status_code == 200


def _csv_records(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    header, *rows = csv.reader(io.StringIO(body.decode("utf-8").removeprefix("\ufeff")))
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_downloads_name_the_figure_an_account_is_of(client, wenshan_flight):
    counted, account = wenshan_flight
    counted_text = "到沪务工 61 人（虹口区包机接文山州务工人员（hongkou-flight.txt））"
    events = _csv_records(client.get("/events/export.csv", {"shanghai": "310109"}))
    flight = [row for row in events if row["标题"] == counted.event.title]
    assert [(row["数值"], row["同一数量的另一报道"]) for row in flight] == [
        ("61", ""),
        ("59", counted_text),
    ]
    pairing = _pairing("虹口区", "文山州")
    figures = _csv_records(client.get(f"/pairings/{pairing.pk}/export.csv"))
    assert {row["同一数量的另一报道"] for row in figures if row["数值"] == "59"} == {counted_text}
    about = client.get("/events/export.txt").content.decode()
    assert "合计只计“同一数量的另一报道”所指的那一个，从不相加" in about
