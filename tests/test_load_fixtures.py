"""`manage.py load_fixtures` (make setup): loads the fixtures and refreshes only the summaries
the records it changed are part of, so that restarting over a large database stays quick."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import IntegrityError
from django.test import override_settings

from pairings.models import Event, EventCitation, EventDigest, Pairing, Region, SummaryLock
from tests.builders import make_events, stale_summaries

FIXTURES = ("fixtures/regions.json", "fixtures/reports.json", "fixtures/report_data.json")
FIRST_FAIR = "嘉定区赴楚雄开展对口支援就业扶贫首场招聘活动"


def load_fixtures(*paths):
    output = io.StringIO()
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        call_command("load_fixtures", *(paths or FIXTURES), stdout=output)
    return output.getvalue()


def last_refresh():
    return SummaryLock.objects.values_list("refreshed_at", flat=True).first()


def test_unchanged_fixtures_are_neither_loaded_again_nor_refreshed(report_data):
    refreshed = last_refresh()
    assert load_fixtures() == "fixtures unchanged, summary tables complete\n"
    assert last_refresh() == refreshed


def test_a_record_changed_since_is_loaded_again_and_its_event_redrawn(report_data):
    pairing = Pairing.objects.get(shanghai__name="嘉定区", yunnan__name="楚雄州")
    make_events(pairing, 5)
    Event.objects.filter(title=FIRST_FAIR).update(title="改过的标题", kind="meeting")
    assert stale_summaries() != {}
    assert load_fixtures().startswith("1 fixture records loaded, the summaries they touch")
    assert Event.objects.filter(title=FIRST_FAIR, kind="job_fair").exists()
    assert EventDigest.objects.filter(text__contains=FIRST_FAIR).exists()
    assert stale_summaries() == {}


def test_a_renamed_region_redraws_every_event_naming_it(report_data):
    Region.objects.filter(name="楚雄州").update(name="楚雄")
    assert load_fixtures().startswith("1 fixture records loaded")
    assert Region.objects.filter(name="楚雄州").exists()
    assert stale_summaries() == {}


def test_missing_summary_rows_are_all_recomputed(report_data):
    """As after `migrate` adds a summary table: its rows are drawn although no fixture changed."""
    EventDigest.objects.all().delete()
    assert "every summary table refreshed" in load_fixtures()
    assert stale_summaries() == {}


def test_a_fixture_that_fails_to_load_changes_nothing(report_data, tmp_path):
    Event.objects.filter(title=FIRST_FAIR).update(title="改过的标题")
    broken = tmp_path / "broken.json"
    citation = {"event": 9999, "report": 1, "excerpt": "一条无所属活动的出处"}
    broken.write_text(json.dumps([{"model": "pairings.eventcitation", "fields": citation}]))
    with pytest.raises(IntegrityError):
        load_fixtures(*FIXTURES, broken)
    assert Event.objects.filter(title="改过的标题").exists()
    assert not EventCitation.objects.filter(event=9999).exists()


def test_a_link_to_a_region_that_does_not_exist_is_refused_by_name(report_data, tmp_path):
    broken = tmp_path / "broken.json"
    event = {"title": "无效地点的活动", "kind": "job_fair", "yunnan_regions": ["539999"]}
    broken.write_text(json.dumps([{"model": "pairings.event", "pk": 9999, "fields": event}]))
    with pytest.raises(IntegrityError, match="539999"):
        load_fixtures(*FIXTURES, broken)
    assert not Event.objects.filter(pk=9999).exists()
