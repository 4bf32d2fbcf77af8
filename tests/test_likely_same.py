"""The matcher: an event entered from a second report is recognised as one already recorded,
and a different event on the same day, in the next year or of other numbers is not."""

import datetime
from decimal import Decimal

import pytest

from pairings.dates import read_period
from pairings.likely_same import Quantity, likely_same, similar, transport_of
from pairings.metrics import WORKERS_TO_SHANGHAI
from pairings.models import Event, Pairing, Region
from tests.builders import make_event, make_report

PUBLISHED_2026 = (datetime.date(2026, 2, 24), "day")
PUBLISHED_2027 = (datetime.date(2027, 2, 24), "day")
WENSHAN_COUNTIES = ("532601", "532622", "532623", "532624")  # 文山市, 砚山县, 西畴县, 麻栗坡县


def _regions(*codes):
    return list(Region.objects.filter(pk__in=codes))


def _workers(value):
    return Quantity(WORKERS_TO_SHANGHAI, "person", Decimal(value))


@pytest.fixture
def hongkou_flight(report_data):
    """The 2月18日 flight from 文山州 as 虹口区人社局's report gives it: 61 workers from four
    counties."""
    report = make_report("hongkou-flight.txt", title="虹口区包机接文山州务工人员")
    return make_event(
        Pairing.objects.get(shanghai__name="虹口区", yunnan__name="文山州"),
        day=datetime.date(2026, 2, 18),
        kind="worker_dispatch",
        title="虹口区包机接文山州61名务工人员",
        report=report,
        yunnan=_regions(*WENSHAN_COUNTIES),
        figures=[(WORKERS_TO_SHANGHAI, 61, "person", "exact")],
    )


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
