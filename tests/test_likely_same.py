"""The matcher: an event entered from a second report is recognised as one already recorded,
and a different event on the same day, in the next year or of other numbers is not."""

import datetime
from decimal import Decimal

import pytest
from django.test import TestCase

from pairings.dates import read_period
from pairings.likely_same import Quantity, likely_same, similar, transport_of
from pairings.metrics import WORKERS_TO_SHANGHAI
from pairings.models import Event, EventCitation, Figure, Pairing, Region, Report
from summaries import readers
from tests.admin_forms import event_change_data, inline
from tests.builders import make_report, stale_summaries, workers_total

PUBLISHED_2026 = (datetime.date(2026, 2, 24), "day")
PUBLISHED_2027 = (datetime.date(2027, 2, 24), "day")
WENSHAN_COUNTIES = ("532601", "532622", "532623", "532624")  # 文山市, 砚山县, 西畴县, 麻栗坡县


def _regions(*codes):
    return list(Region.objects.filter(pk__in=codes))


def _workers(value):
    return Quantity(WORKERS_TO_SHANGHAI, "person", Decimal(value))


@pytest.fixture
def minhang_train(report_data):
    """The 2月23日 闵行 train of 50 from 昭通市 (report 1)."""
    return Event.objects.get(title="闵行区春节“点对点”包列服务及暖心慰问活动")


def _found(**entered):
    """Return the events the matcher proposes for an event entered with these fields."""
    entered.setdefault("kind", "worker_dispatch")
    return [candidate.event for candidate in likely_same(**entered)]


def _train_again(printed="2月23日", published=PUBLISHED_2026, **changes):
    """The 闵行 train as a second report gives it."""
    if "shanghai" not in changes:
        changes["shanghai"] = _regions("310112")
    if "yunnan" not in changes:
        changes["yunnan"] = _regions("530600")
    entered = {
        "period": read_period(printed, published).bounds,
        "quantities": [_workers(50)],
        "text": "闵行区“点对点”返岗专列抵沪 50名昭通籍务工人员乘专列抵达上海",
    }
    return _found(**{**entered, **changes})


def test_the_wenshan_flight_of_59_in_wenshans_report_is_the_61_of_hongkous(hongkou_flight):
    found = _found(
        period=read_period("2月18日", PUBLISHED_2026).bounds,
        shanghai=[],  # 文山州's report names no district
        yunnan=_regions("532600"),  # and no county
        quantities=[_workers(59)],
        text="文山州59名务工人员乘包机赴沪",
    )
    assert found == [hongkou_flight]


def test_a_candidate_says_why_it_may_be_the_same_event(hongkou_flight):
    [candidate] = likely_same(
        kind="worker_dispatch",
        period=read_period("2月18日", PUBLISHED_2026).bounds,
        shanghai=_regions("310109"),
        yunnan=_regions("532600"),
        quantities=[_workers(59)],
        text="文山州59名务工人员乘包机赴沪",
    )
    assert candidate.reasons == [
        "同类活动，日期重叠",
        "上海参与方相同或相含",
        "云南地点相同或相含",
        "交通方式相同：包机",
        "数字相近：59 人 与 61 人",
    ]


def test_the_minhang_train_entered_again_from_another_report_is_a_candidate(
    minhang_train, django_assert_max_num_queries
):
    sides = {"shanghai": _regions("310112"), "yunnan": _regions("530600")}
    with django_assert_max_num_queries(7):  # regions of each side, events, four prefetches
        assert _train_again(**sides) == [minhang_train]


def test_a_day_printed_without_a_year_matches_only_in_the_year_of_its_report(minhang_train):
    assert _train_again(published=PUBLISHED_2027) == []


def test_a_bus_on_the_same_day_as_the_train_is_another_event(minhang_train):
    assert _train_again(text="闵行区返岗大巴抵达 50名昭通籍务工人员") == []


def test_a_train_from_another_prefecture_the_same_day_is_another_event(minhang_train):
    assert _train_again(yunnan=_regions("530300")) == []  # 曲靖市


def test_300_workers_are_not_the_trains_50(minhang_train):
    assert _train_again(quantities=[_workers(300)]) == []


def test_another_kind_of_event_the_same_day_is_not_a_candidate(minhang_train):
    assert _train_again(kind="job_fair") == []


def test_an_event_is_never_its_own_candidate(minhang_train):
    assert _train_again(exclude=minhang_train.pk) == []


def test_shanghai_contains_its_districts_and_an_unnamed_means_matches_any(minhang_train):
    assert _train_again(shanghai=_regions("310000"), text="昭通务工人员返岗") == [minhang_train]


def test_numbers_within_a_fifth_of_each_other_are_similar():
    assert similar(_workers(61), _workers(59))
    assert similar(_workers(50), _workers(40))
    assert not similar(_workers(50), _workers(39))
    assert not similar(_workers(50), _workers(300))
    ranged = Quantity(WORKERS_TO_SHANGHAI, "person", Decimal(100), Decimal(200))
    assert similar(ranged, _workers(230))


def test_the_means_of_transport_are_read_from_the_words():
    assert transport_of("搭乘G202次列车") == {"train"}
    assert transport_of("乘东方航空MU7641航班") == {"flight"}
    assert transport_of("通过包机和包车来沪返岗") == {"flight", "bus"}
    assert transport_of("集中赴沪") == set()


def _wenshan_report():
    report = make_report("wenshan-flight.txt", title="文山州59名务工人员乘包机赴沪")
    Report.objects.filter(pk=report.pk).update(publication="文山州")
    return report


def _flight_from_wenshans_report(**changes):
    """POST data of the 2月18日 flight as an editor types it from 文山州's report: 59 workers,
    no district, no county."""
    report = _wenshan_report()
    excerpt = "2月18日，59名务工人员乘包机赴沪"
    return {
        "kind": "worker_dispatch",
        "title": "文山州59名务工人员乘包机赴沪",
        "period": "2月18日",
        "pairings": [Pairing.objects.get(shanghai__name="虹口区", yunnan__name="文山州").pk],
        "shanghai_regions": [],
        "yunnan_regions": ["532600"],
        "partner_regions": [],
        "partners": "",
        "venue": "",
        "summary": "",
        "change_reason": "",
        **inline("citations", [{"report": report.pk, "excerpt": excerpt}]),
        **inline(
            "figures",
            [
                {
                    "metric": WORKERS_TO_SHANGHAI,
                    "value": "59",
                    "unit": "person",
                    "qualifier": "exact",
                    "report": report.pk,
                    "excerpt": excerpt,
                }
            ],
        ),
        **changes,
    }


def _counts():
    return Event.objects.count(), Figure.objects.count(), EventCitation.objects.count()


def test_an_editor_entering_the_flight_again_sees_the_recorded_one_and_nothing_is_saved(
    editor_client, hongkou_flight
):
    before = _counts()
    response = editor_client.post("/admin/pairings/event/add/", _flight_from_wenshans_report())
    assert response.status_code == 200
    page = response.content.decode()
    assert "可能已记录的同一活动" in page
    assert f"#{hongkou_flight.pk} 虹口区包机接文山州61名务工人员" in page
    assert "2026年2月18日" in page
    assert "文山市、砚山县、西畴县、麻栗坡县" in page
    assert "61 人（虹口区包机接文山州务工人员）" in page
    assert "虹口区包机接文山州61名务工人员摘录" in page  # the recorded citation's excerpt
    assert "这是同一活动的另一份报道" in page and "不是同一活动" in page
    assert _counts() == before


def test_the_same_flight_from_another_report_is_attached_and_counted_once(
    editor_client, hongkou_flight
):
    events = Event.objects.count()
    data = _flight_from_wenshans_report(same_event=str(hongkou_flight.pk))
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = editor_client.post("/admin/pairings/event/add/", data)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pairings/event/{hongkou_flight.pk}/change/"
    assert Event.objects.count() == events
    assert hongkou_flight.citations.count() == 2
    counted = hongkou_flight.figures.get(value=61)
    account = hongkou_flight.figures.get(value=59)
    assert account.account_of == counted
    assert account.history.latest().history_user.username == "editor"
    hongkou = Pairing.objects.get(shanghai__name="虹口区", yunnan__name="文山州")
    others = Figure.objects.for_pairing(hongkou).exclude(event=hongkou_flight).totals()
    assert workers_total(readers.figure_totals(hongkou)) == workers_total(others) + 61
    assert stale_summaries() == {}
    landed = editor_client.get(response["Location"]).content.decode()
    assert "出处 1 条，数字 1 个（其中 1 个是已有数字的另一份报道" in landed


def test_a_report_the_event_already_cites_is_not_cited_twice(editor_client, hongkou_flight):
    hongkou_report = hongkou_flight.citations.get().report
    data = _flight_from_wenshans_report(same_event=str(hongkou_flight.pk))
    data["citations-0-report"] = hongkou_report.pk
    data["figures-0-report"] = hongkou_report.pk
    asked = editor_client.post("/admin/pairings/event/add/", {**data, "same_event": ""})
    assert "（即本次录入的报道）" in asked.content.decode()  # the candidate already cites it
    response = editor_client.post("/admin/pairings/event/add/", data, follow=True)
    assert "这是同一篇报道的重复录入，未添加任何内容" in response.content.decode()
    assert hongkou_flight.citations.count() == 1
    assert hongkou_flight.figures.count() == 1  # the same report's 61 is not entered again
    assert stale_summaries() == {}


def test_not_the_same_event_is_saved_with_the_decision_in_its_history(
    editor_client, hongkou_flight
):
    data = _flight_from_wenshans_report(same_event="new")
    assert editor_client.post("/admin/pairings/event/add/", data).status_code == 302
    saved = Event.objects.get(title="文山州59名务工人员乘包机赴沪")
    reason = saved.history.latest().history_change_reason
    assert f"不是同一活动（已核对：活动 #{hongkou_flight.pk}）" in reason
    assert stale_summaries() == {}


def test_a_bus_entered_the_day_of_the_train_is_saved_without_a_question(editor_client):
    data = _flight_from_wenshans_report(
        title="闵行区返岗大巴抵达",
        period="2月23日",
        pairings=[Pairing.objects.get(shanghai__name="闵行区", yunnan__name="昭通市").pk],
        shanghai_regions=["310112"],
        yunnan_regions=["530600"],
    )
    data["figures-0-value"] = "50"
    assert editor_client.post("/admin/pairings/event/add/", data).status_code == 302


def test_changing_an_event_asks_again_only_when_its_kind_date_or_places_change(
    editor_client, hongkou_flight
):
    data = _flight_from_wenshans_report(same_event="new")
    assert editor_client.post("/admin/pairings/event/add/", data).status_code == 302
    saved = Event.objects.get(title="文山州59名务工人员乘包机赴沪")
    url = f"/admin/pairings/event/{saved.pk}/change/"
    data = event_change_data(editor_client, saved)
    data.update(title="文山州务工人员乘包机赴沪", change_reason="标题按报道原文")
    assert editor_client.post(url, data).status_code == 302
    data.update(period="2026-02-17至2026-02-18")
    page = editor_client.post(url, data).content.decode()
    assert "可能已记录的同一活动" in page
    assert "这是同一活动的另一份报道" not in page  # two recorded events are merged instead
    data.update(same_event="new")
    assert editor_client.post(url, data).status_code == 302
