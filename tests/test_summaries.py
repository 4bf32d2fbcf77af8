"""The summary tables (the summaries app): every way the data is written leaves them equal to
what the data gives, and the pages read the same numbers from them as from the data."""

import datetime
from collections import Counter

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from pairings.filters import EventFilter
from pairings.models import YUNNAN_CODE, Event, Figure, Pairing, Region
from summaries import readers, refresh, writes
from tests.admin_forms import event_change_data
from tests.builders import make_event, make_events, stale_summaries


@pytest.fixture
def admin_client(client, report_data):
    client.force_login(User.objects.create_superuser("admin", password="correct-horse-battery"))
    return client


def _event(title):
    return Event.objects.get(title=title)


CHUXIONG_FAIR = "楚雄七个贫困县同时举办对口支援就业扶贫专场招聘会"


def test_the_loaded_report_data_is_tallied(report_data):
    assert stale_summaries() == {}


def test_moving_an_event_to_another_month_and_pairing_recomputes_both(admin_client):
    event = _event(CHUXIONG_FAIR)
    data = event_change_data(admin_client, event)
    other = Pairing.objects.get(shanghai__name="嘉定区", yunnan__name="楚雄州")
    data.update(period="2019-07", change_reason="日期更正", pairings=[other.pk])
    response = admin_client.post(f"/admin/pairings/event/{event.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert stale_summaries() == {}


def test_deleting_events_in_the_admin_recomputes_their_months(admin_client):
    # Events none of whose figures has a part (其中), which would protect it.
    deletable = Event.objects.filter(figures__isnull=False).exclude(figures__subsets__isnull=False)
    event = deletable.first()
    response = admin_client.post(f"/admin/pairings/event/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert stale_summaries() == {}
    ids = list(deletable.distinct().values_list("pk", flat=True)[:3])
    response = admin_client.post(
        "/admin/pairings/event/",
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )
    assert response.status_code == 302
    assert not Event.objects.filter(pk__in=ids).exists()
    assert stale_summaries() == {}


def test_changing_and_deleting_a_figure_in_the_admin_recomputes_its_month(admin_client):
    figure = Figure.objects.filter(event__isnull=False, subsets__isnull=True).first()
    form = admin_client.get(f"/admin/pairings/figure/{figure.pk}/change/").context["adminform"].form
    data = {name: form.initial.get(name, "") for name in form.fields}
    data.update(value="123456", change_reason="数值更正")
    data = {key: "" if value is None else value for key, value in data.items()}
    response = admin_client.post(f"/admin/pairings/figure/{figure.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert stale_summaries() == {}
    response = admin_client.post(f"/admin/pairings/figure/{figure.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert stale_summaries() == {}


def test_moving_a_figure_to_another_event_in_the_admin_redraws_both_events(admin_client):
    figure = Figure.objects.filter(event__isnull=False, subsets__isnull=True).first()
    other = Event.objects.exclude(pk=figure.event_id).first()
    form = admin_client.get(f"/admin/pairings/figure/{figure.pk}/change/").context["adminform"].form
    data = {name: form.initial.get(name, "") for name in form.fields}
    data.update(event=other.pk, change_reason="归属活动更正")
    data = {key: "" if value is None else value for key, value in data.items()}
    response = admin_client.post(f"/admin/pairings/figure/{figure.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Figure.objects.get(pk=figure.pk).event_id == other.pk
    assert stale_summaries() == {}


def test_a_write_that_bypasses_the_doorway_is_found_by_the_check_and_mended_by_a_refresh(
    report_data,
):
    Event.objects.filter(title=CHUXIONG_FAIR).update(kind="meeting")
    with pytest.raises(CommandError, match="stale"):
        call_command("refresh_summaries", "--check", verbosity=0)
    call_command("refresh_summaries", verbosity=0)
    call_command("refresh_summaries", "--check", verbosity=0)


def test_refreshing_no_month_changes_nothing(report_data, django_assert_num_queries):
    with django_assert_num_queries(0):
        refresh.refresh(set())


def test_the_tallies_give_what_the_data_gives(report_data):
    pairing = Pairing.objects.get(shanghai__name="嘉定区", yunnan__name="楚雄州")
    make_events(pairing, 30)

    def keyed(rows):
        return {(row["metric"], row["unit"]): row for row in rows}

    assert keyed(readers.figure_totals()) == keyed(Figure.objects.totals())
    for pairing in Pairing.objects.all():
        from_data = keyed(Figure.objects.for_pairing(pairing).totals())
        assert keyed(readers.figure_totals(pairing)) == from_data, pairing


FACET_FILTERS = [
    {},
    {"kind": ["job_fair"]},
    {"kind": ["job_fair", "worker_dispatch"], "shanghai": ["310114"]},
    {"prefecture": ["532300", "none"]},
    {"prefecture": ["530600"], "shanghai": ["310114", "310112"], "kind": ["job_fair"]},
    {"date_from": "2025-03-01", "date_to": "2026-02-28"},
    {"date_from": "2026-02-01"},
    {"date_to": "2018-06-30", "prefecture": ["532300"]},
    {"period": "last_year"},
    {"period": "this_year", "shanghai": ["310114"]},
    {"period": "all", "dated": "yes"},
    {"dated": "no"},
    {"dated": "no", "date_from": "2026-01-01"},
]


def counted_over_the_events(query):
    """Return the facet counts the slow, obvious way: for each facet, every event the other
    filters leave, its codes read one by one."""
    counts = {}
    for facet in ("shanghai", "prefecture", "kind"):
        others = EventFilter({name: value for name, value in query.items() if name != facet})
        events = others.qs.prefetch_related("shanghai_regions", "yunnan_regions")
        tally = Counter()
        for event in events:
            if facet == "kind":
                tally[event.kind] += 1
            elif facet == "shanghai":
                codes = {region.code for region in event.shanghai_regions.all()}
                tally.update(codes or {readers.NOT_STATED})
            else:
                places = {
                    region.parent_id if region.level == Region.Level.COUNTY else region.code
                    for region in event.yunnan_regions.all()
                }
                tally.update((places or {readers.NOT_STATED}) - {YUNNAN_CODE})
        counts[facet] = dict(tally)
    return counts


@pytest.fixture
def varied_events(report_data):
    pairing = Pairing.objects.get(shanghai__name="嘉定区", yunnan__name="楚雄州")
    make_events(pairing, 40)  # weekly from 2025-01-01, across month ends
    unplaced = make_event(pairing, title="未写云南地点的活动", day=datetime.date(2025, 12, 31))
    undated = make_event(pairing, title="日期未报道的活动")
    open_ended = make_event(pairing, title="自2024年起的活动", day=datetime.date(2024, 3, 1))
    with writes.kept_current((Event, [unplaced.pk, undated.pk, open_ended.pk])):
        unplaced.yunnan_regions.clear()
        Event.objects.filter(pk=undated.pk).update(
            date_start=None, date_end=None, date_precision=""
        )
        Event.objects.filter(pk=open_ended.pk).update(date_end=None)


@pytest.mark.parametrize("query", FACET_FILTERS)
def test_facet_counts_from_the_summaries_match_the_counts_over_the_events(varied_events, query):
    events = EventFilter(query)
    assert events.is_valid(), events.form.errors
    assert events._counted_by_summaries()
    assert events.facet_counts() == counted_over_the_events(query)


@pytest.mark.parametrize("query", FACET_FILTERS)
def test_facet_counts_from_the_digests_match_the_counts_over_the_events(varied_events, query):
    events = EventFilter(query)
    assert events.is_valid(), events.form.errors
    from_digests = events._facet_counts(events._facet_combinations_from_digests())
    assert from_digests == counted_over_the_events(query)


@pytest.mark.parametrize(
    "query",
    [
        {"q": "招聘"},
        {"q": "楚雄 测试", "kind": ["job_fair"]},
        {"county": ["532329"]},
        {"date_from": "2025-02-06"},
        {"date_to": "2025-02-27", "shanghai": ["310114"]},
    ],
)
def test_text_counties_and_part_months_are_counted_from_the_digests(varied_events, query):
    events = EventFilter(query)
    assert events.is_valid(), events.form.errors
    assert not events._counted_by_summaries()
    assert events.facet_counts() == counted_over_the_events(query)
