"""Merging afterwards: an editor who finds two records of one event merges them in the admin,
the second's id keeps leading to the event, and the merge can be undone from its page."""

import datetime
from decimal import Decimal

import pytest

from pairings import merging
from pairings.models import Event, EventMerge, Figure, Pairing, Region
from tests.builders import make_event, make_report, stale_summaries

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
    totals = Figure.objects.for_pairing(pairing).totals()
    return next(
        row["total"]
        for row in totals
        if (row["metric"], row["unit"]) == ("workers_to_shanghai", "person")
    )


def _merge(client, second, into, reason=REASON):
    return client.post(f"/admin/pairings/event/{second}/merge/", {"into": into, "reason": reason})


def test_a_merge_moves_the_second_events_records_and_counts_the_batch_once(
    editor_client, minhang_zhaotong, train_entered_twice, django_capture_on_commit_callbacks
):
    before = _workers(minhang_zhaotong)
    with django_capture_on_commit_callbacks(execute=True):
        response = _merge(editor_client, train_entered_twice.pk, MINHANG_TRAIN)
    assert response.status_code == 302
    assert not Event.objects.filter(pk=train_entered_twice.pk).exists()
    train = Event.objects.get(pk=MINHANG_TRAIN)
    assert set(train.citations.values_list("report__file_name", flat=True)) == {
        "000_b619cccd90127e23.txt",
        "minhang-train-again.txt",
    }
    # The 50 workers are counted once; the vehicle the first record lacked moves over.
    assert _workers(minhang_zhaotong) == before - Decimal(50)
    assert list(train.figures.values_list("metric", "value")) == [
        ("workers_to_shanghai", Decimal(50)),
        ("vehicles", Decimal(1)),
    ]
    assert {region.name for region in train.yunnan_regions.all()} == {"昭通市", "永善县"}
    assert stale_summaries() == {}


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
