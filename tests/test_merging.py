"""Merging afterwards: an editor who finds two records of one event merges them in the admin,
the second's id keeps leading to the event, and the merge can be undone from its page."""

import datetime
from decimal import Decimal

import pytest

from pairings import merging
from pairings.metrics import WORKERS_TO_SHANGHAI
from pairings.models import Event, EventCitation, EventMerge, Figure, Pairing, Region, Report
from summaries import check
from tests.builders import make_event, make_report, stale_summaries, workers_total
from tests.pages import fetch_page
from tests.test_accounts import wenshan_flight  # noqa: F401 (a fixture)

# The 2月23日 闵行 train of 50 workers, as report 1 tells it (fixtures/report_data.json).
MINHANG_TRAIN = 19
REASON = "两篇报道所写为同一趟专列"


@pytest.fixture
def minhang_zhaotong(report_data):
    return Pairing.objects.get(shanghai__name="闵行区", yunnan__name="昭通市")


@pytest.fixture
def train_entered_twice(minhang_zhaotong):
    """The same train entered again from another report, with its 50 workers and a county."""
    return make_event(
        minhang_zhaotong,
        day=datetime.date(2026, 2, 23),
        kind="worker_dispatch",
        title="闵行“点对点”返岗专列抵沪",
        report=make_report("minhang-train-again.txt", "闵行返岗专列再报道"),
        yunnan=[Region.objects.get(name="昭通市"), Region.objects.get(name="永善县")],
        figures=[
            ("workers_to_shanghai", 50, "person", "exact"),
            ("vehicles", 1, "vehicle", "exact"),
        ],
    )


def _workers(pairing):
    return workers_total(Figure.objects.for_pairing(pairing).totals())


def _merge(client, second, into, reason=REASON):
    return client.post(f"/admin/pairings/event/{second}/merge/", {"into": into, "reason": reason})


def _state(*events):
    """Return what each event holds: its figures (report, value, the figure each is an account
    of, the whole each is part of), citations, places and pairings."""
    return {
        event.pk: {
            "figures": set(
                Figure.objects.filter(event=event.pk).values_list(
                    "pk", "metric", "value", "report_id", "account_of_id", "subset_of_id"
                )
            ),
            "citations": set(
                EventCitation.objects.filter(event=event.pk).values_list(
                    "pk", "report_id", "excerpt"
                )
            ),
            **{
                name: set(getattr(event, name).values_list("pk", flat=True))
                for name in merging.PLACE_LINKS
            },
        }
        for event in events
    }


def _current():
    assert stale_summaries() == {}
    assert not any(rows["missing"] or rows["extra"] for rows in check.differences().values())


def _undo(client, merged_pk, reason="核对后并非同一活动"):
    return client.post(f"/admin/pairings/event/{merged_pk}/merged/", {"reason": reason})


def test_the_minhang_train_entered_twice_merges_into_one_batch_of_two_reports(
    client, editor_client, minhang_zhaotong, train_entered_twice, django_capture_on_commit_callbacks
):
    before = _workers(minhang_zhaotong)
    with django_capture_on_commit_callbacks(execute=True):
        response = _merge(editor_client, train_entered_twice.pk, MINHANG_TRAIN)
    assert response.status_code == 302
    told = editor_client.get(response.url).content.decode()
    assert f"已把活动 {train_entered_twice.pk} 合并到本活动" in told
    assert not Event.objects.filter(pk=train_entered_twice.pk).exists()
    train = Event.objects.get(pk=MINHANG_TRAIN)
    assert set(train.citations.values_list("report__file_name", flat=True)) == {
        "000_b619cccd90127e23.txt",
        "minhang-train-again.txt",
    }
    # The 50 workers are counted once, the second report's 50 kept as its account of them;
    # the vehicle the first record lacked moves over.
    assert _workers(minhang_zhaotong) == before - Decimal(50)
    counted = train.figures.get(metric=WORKERS_TO_SHANGHAI, account_of=None)
    assert list(
        train.figures.values_list("metric", "value", "account_of", "report__file_name")
    ) == [
        (WORKERS_TO_SHANGHAI, Decimal(50), None, "000_b619cccd90127e23.txt"),
        (WORKERS_TO_SHANGHAI, Decimal(50), counted.pk, "minhang-train-again.txt"),
        ("vehicles", Decimal(1), None, "minhang-train-again.txt"),
    ]
    assert {region.name for region in train.yunnan_regions.all()} == {"昭通市", "永善县"}
    _current()
    page = fetch_page(client, f"/pairings/{minhang_zhaotong.pk}/")
    [shown] = page.select(f"#figure-{counted.pk}")
    assert "50 人 · 2 份报道" in shown.get_text(" ", strip=True)


@pytest.fixture
def flight_entered_twice(report_data):
    """The 2月18日 flight from 文山州 entered twice: 61 from 虹口区人社局's report, 59 from
    文山州's."""
    hongkou = make_report("hongkou-flight.txt", title="虹口区包机接文山州务工人员")
    wenshan = make_report("wenshan-flight.txt", title="文山州59名务工人员乘包机赴沪")
    Report.objects.filter(pk=hongkou.pk).update(publication="虹口区人社局")
    Report.objects.filter(pk=wenshan.pk).update(publication="文山州")
    pairing = Pairing.objects.get(shanghai__name="虹口区", yunnan__name="文山州")
    return [
        make_event(
            pairing,
            day=datetime.date(2026, 2, 18),
            kind="worker_dispatch",
            title=title,
            report=Report.objects.get(pk=report.pk),
            figures=[(WORKERS_TO_SHANGHAI, workers, "person", "exact")],
        )
        for title, report, workers in (
            ("虹口区包机接文山州务工人员", hongkou, 61),
            ("文山州59名务工人员乘包机赴沪", wenshan, 59),
        )
    ]


def test_the_wenshan_flight_entered_as_61_and_59_merges_into_accounts_side_by_side(
    client, editor_client, flight_entered_twice, django_capture_on_commit_callbacks
):
    hongkou, wenshan = flight_entered_twice
    pairing = hongkou.pairings.get()
    before = _workers(pairing)
    with django_capture_on_commit_callbacks(execute=True):
        assert _merge(editor_client, wenshan.pk, hongkou.pk).status_code == 302
    assert _workers(pairing) == before - 59
    _current()
    page = fetch_page(client, f"/pairings/{pairing.pk}/")
    text = page.select_one(f"#event-{hongkou.pk}").get_text(" ", strip=True)
    assert "61 人（虹口区人社局）／59 人（文山州）" in text.replace(" （", "（")


def test_the_same_report_entered_twice_is_kept_once_and_comes_back_with_an_undo(
    editor_client, minhang_zhaotong, django_capture_on_commit_callbacks
):
    train = Event.objects.get(pk=MINHANG_TRAIN)
    report = train.citations.get().report
    again = make_event(
        minhang_zhaotong,
        day=datetime.date(2026, 2, 23),
        kind="worker_dispatch",
        title="闵行区春节“点对点”包列服务（重复录入）",
        report=report,
        figures=[(WORKERS_TO_SHANGHAI, 50, "person", "exact")],
    )
    before, state = _workers(minhang_zhaotong), _state(train, again)
    with django_capture_on_commit_callbacks(execute=True):
        _merge(editor_client, again.pk, MINHANG_TRAIN)
    # One report's 50, entered twice, is one account: the second copy waits in the merge.
    assert list(train.figures.values_list("value", "account_of")) == [(Decimal(50), None)]
    assert train.citations.count() == 1
    assert _workers(minhang_zhaotong) == before - 50
    _current()
    with django_capture_on_commit_callbacks(execute=True):
        assert _undo(editor_client, again.pk).status_code == 302
    assert _state(train, again) == state
    assert _workers(minhang_zhaotong) == before
    _current()


@pytest.mark.parametrize("kept", ["the flight with its accounts", "the 文山州 record"])
def test_accounts_the_merged_events_figures_had_stay_accounts_of_the_counted_figure(
    client,
    editor_client,
    wenshan_flight,  # noqa: F811 (the fixture imported above)
    kept,
    django_capture_on_commit_callbacks,
):
    counted, account = wenshan_flight  # 61 (虹口区人社局), and 文山州's 59 beside it
    flight = counted.event
    pairing = flight.pairings.get()
    wenshan_only = make_event(
        pairing,
        day=datetime.date(2026, 2, 18),
        kind="worker_dispatch",
        title="文山州59名务工人员乘包机赴沪",
        report=account.report,
        figures=[(WORKERS_TO_SHANGHAI, 59, "person", "exact")],
    )
    [first, second] = (
        [flight, wenshan_only]
        if kept == "the flight with its accounts"
        else [
            wenshan_only,
            flight,
        ]
    )
    before, state = _workers(pairing), _state(first, second)
    with django_capture_on_commit_callbacks(execute=True):
        assert _merge(editor_client, second.pk, first.pk).status_code == 302
    # 文山州's 59 twice is one account; the other report's figure is an account of the kept
    # record's counted figure, never of an account, and the total counts one of them.
    figures = first.figures.order_by("pk")
    [kept_counted] = [figure for figure in figures if figure.account_of_id is None]
    assert [(f.value, f.account_of_id) for f in figures if f.account_of_id] == [
        (Decimal(59) if kept_counted.value == 61 else Decimal(61), kept_counted.pk)
    ]
    for figure in figures:
        if figure.account_of_id:
            assert figure.errors_as_account_of(figure.account_of) == {}
    assert _workers(pairing) == before - 61 - 59 + kept_counted.value
    _current()
    sides = ["61 人（虹口区人社局）", "59 人（文山州）"]
    if kept_counted.value == 59:
        sides.reverse()
    page = fetch_page(client, f"/pairings/{pairing.pk}/")
    text = page.select_one(f"#event-{first.pk}").get_text(" ", strip=True)
    assert "／".join(sides) in text.replace(" （", "（")
    with django_capture_on_commit_callbacks(execute=True):
        assert _undo(editor_client, second.pk).status_code == 302
    assert _state(first, second) == state
    assert _workers(pairing) == before
    _current()


def test_history_says_who_merged_and_why(editor_client, train_entered_twice):
    _merge(editor_client, train_entered_twice.pk, MINHANG_TRAIN)
    merged = EventMerge.objects.get(merged_pk=train_entered_twice.pk)
    assert (merged.event_id, merged.merged_by.username, merged.reason) == (
        MINHANG_TRAIN,
        "editor",
        REASON,
    )
    record = merged.history.get()
    assert (record.history_user.username, record.history_change_reason) == ("editor", REASON)
    deleted = Event.history.filter(id=train_entered_twice.pk, history_type="-").get()
    assert deleted.history_change_reason == REASON


def test_a_merged_events_old_links_lead_to_the_event_it_was_merged_into(
    client, editor_client, train_entered_twice, minhang_zhaotong
):
    _merge(editor_client, train_entered_twice.pk, MINHANG_TRAIN)
    response = client.get(f"/events/{train_entered_twice.pk}/")
    assert response.status_code == 302
    assert response["Location"] == f"/pairings/{minhang_zhaotong.pk}/#event-{MINHANG_TRAIN}"
    admin_page = editor_client.get(f"/admin/pairings/event/{train_entered_twice.pk}/change/")
    assert admin_page["Location"] == f"/admin/pairings/event/{train_entered_twice.pk}/merged/"


def test_an_events_address_leads_to_the_page_that_shows_it(client, report_data):
    assert client.get(f"/events/{MINHANG_TRAIN}/")["Location"].endswith(f"#event-{MINHANG_TRAIN}")
    assert client.get("/events/999999/").status_code == 404


def test_undo_restores_both_events_with_their_citations_and_figures(
    editor_client, minhang_zhaotong, train_entered_twice, django_capture_on_commit_callbacks
):
    before = _workers(minhang_zhaotong)
    citations = set(train_entered_twice.citations.values_list("pk", "report_id", "excerpt"))
    figures = set(train_entered_twice.figures.values_list("pk", "metric", "value"))
    _merge(editor_client, train_entered_twice.pk, MINHANG_TRAIN)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"/admin/pairings/event/{train_entered_twice.pk}/merged/",
            {"reason": "核对后并非同一趟专列"},
        )
    assert response.status_code == 302
    restored = Event.objects.get(pk=train_entered_twice.pk)
    assert set(restored.citations.values_list("pk", "report_id", "excerpt")) == citations
    assert set(restored.figures.values_list("pk", "metric", "value")) == figures
    assert {region.name for region in restored.yunnan_regions.all()} == {"昭通市", "永善县"}
    train = Event.objects.get(pk=MINHANG_TRAIN)
    assert [region.name for region in train.yunnan_regions.all()] == ["昭通市"]
    assert train.citations.count() == 1 and train.figures.count() == 1
    assert not EventMerge.objects.exists()
    assert _workers(minhang_zhaotong) == before
    assert stale_summaries() == {}
    undone = EventMerge.history.filter(history_type="-").get()
    assert undone.history_change_reason == "核对后并非同一趟专列"


def test_a_viewer_can_neither_merge_nor_undo(viewer_client, train_entered_twice):
    second = train_entered_twice.pk
    assert _merge(viewer_client, second, MINHANG_TRAIN).status_code == 403
    assert Event.objects.filter(pk=second).exists()
    merging.merge(train_entered_twice, Event.objects.get(pk=MINHANG_TRAIN), REASON, None)
    page = viewer_client.get(f"/admin/pairings/event/{second}/merged/").content.decode()
    assert REASON in page and "撤销合并" not in page
    undo = viewer_client.post(f"/admin/pairings/event/{second}/merged/", {"reason": "试试"})
    assert undo.status_code == 403
    assert EventMerge.objects.filter(merged_pk=second).exists()


@pytest.mark.parametrize(
    "into, reason, message",
    [
        ("self", REASON, "不能把活动合并到它自己。"),
        ("merged", REASON, "已合并到活动"),
        (999999, REASON, "没有编号为 999999 的活动。"),
        (MINHANG_TRAIN, "", "这个字段是必填项。"),
    ],
)
def test_a_merge_is_refused_in_chinese(
    editor_client, minhang_zhaotong, train_entered_twice, into, reason, message
):
    if into == "self":
        into = train_entered_twice.pk
    elif into == "merged":
        third = make_event(minhang_zhaotong, title="第三条记录")
        _merge(editor_client, third.pk, MINHANG_TRAIN)
        into = third.pk
    response = _merge(editor_client, train_entered_twice.pk, into, reason)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Event.objects.filter(pk=train_entered_twice.pk).exists()


def test_an_event_of_no_pairing_is_found_in_the_events_browser(client, report_data):
    event = Event.objects.filter(pairings__isnull=True).exclude(date_start=None).first()
    location = client.get(f"/events/{event.pk}/")["Location"]
    assert location.startswith("/events/?") and location.endswith(f"#event-{event.pk}")
    page = client.get(location.split("#")[0]).content.decode()
    assert f'id="event-{event.pk}"' in page


def test_every_page_sends_a_link_to_an_event_it_does_not_hold_to_the_events_address(
    client, report_data
):
    page = client.get("/pairings/6/").content.decode()
    assert 'data-event-link="/events/0/"' in page


def test_a_merge_the_account_rule_refuses_is_refused_with_its_reason_and_nothing_moves(
    editor_client, flight_entered_twice, monkeypatch
):
    hongkou, wenshan = flight_entered_twice
    state = _state(hongkou, wenshan)
    monkeypatch.setattr(
        Figure, "errors_as_account_of", lambda figure, counted: {"account_of": "规则不允许"}
    )
    response = _merge(editor_client, wenshan.pk, hongkou.pk)
    assert response.status_code == 200
    assert "规则不允许" in response.content.decode()
    assert _state(hongkou, wenshan) == state
    assert not EventMerge.objects.exists()
