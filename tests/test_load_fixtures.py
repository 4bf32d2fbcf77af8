"""`manage.py load_fixtures` (make setup): loads the fixtures and refreshes only the summaries
the records it changed are part of, so that restarting over a large database stays quick; and
never undoes an editor's correction: the database is the source of truth once edited."""

import io
import json
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import IntegrityError
from django.utils import timezone

from pairings.models import (
    Event,
    EventCitation,
    Figure,
    FixtureLoad,
    Pairing,
    Region,
)
from summaries.models import EventDigest, EventRow, SummaryLock
from tests.admin_forms import event_change_data
from tests.builders import make_events, stale_summaries

FIXTURES = (
    "fixtures/metrics.json",
    "fixtures/regions.json",
    "fixtures/reports.json",
    "fixtures/report_data.json",
)
FIRST_FAIR = "嘉定区赴楚雄开展对口支援就业扶贫首场招聘活动"


def load_fixtures(*paths, stderr=None):
    output = io.StringIO()
    call_command("load_fixtures", *(paths or FIXTURES), stdout=output, stderr=stderr)
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


def test_csv_lines_stored_before_the_current_layout_are_redrawn_by_the_next_start(report_data):
    """As after migration 0013, or a release that adds a column to the events CSV."""
    EventRow.objects.update(layout="")
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


# An editor's corrections against `make setup`'s next load. Each runs on a database the fixtures
# were loaded into by this loader ("after a load") and on one loaded before it kept what it
# loaded (FixtureLoad), as every database is on the first start after the upgrade.
LOADS = ["after a load", "before loads were kept"]


@pytest.fixture(params=LOADS)
def started(request, report_data):
    if request.param == "after a load":
        load_fixtures()
    else:
        FixtureLoad.objects.all().delete()
    return request.param


@pytest.fixture
def editor(report_data):
    call_command("create_roles", verbosity=0)
    user = User.objects.create_user("editor", password="correct-horse-battery", is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))
    return user


def _correct_title(client, editor, title):
    """Change the first fair's title in the admin, as the editor does."""
    client.force_login(editor)
    event = Event.objects.get(pk=1)
    data = event_change_data(client, event)
    data.update(title=title, change_reason="标题按报道原文更正")
    assert client.post(f"/admin/pairings/event/{event.pk}/change/", data).status_code == 302


def _remove_citation(editor):
    """Delete the first fair's citation with history, as the admin's inline does."""
    citation = EventCitation.objects.get(pk=1)
    citation._history_user = editor
    citation.delete()


def _fixture_changed(tmp_path, model, pk, **fields):
    """Return the fixtures with one record of report_data.json changed, as a release might."""
    records = json.loads(open(FIXTURES[-1], encoding="utf-8").read())
    for record in records:
        if record["model"] == model and record["pk"] == pk:
            record["fields"].update(fields)
    changed = tmp_path / "report_data.json"
    changed.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    return (*FIXTURES[:-1], str(changed))


def _conflicts(*paths, keep_database=False):
    output = io.StringIO()
    options = {"keep_database": True} if keep_database else {}
    call_command("fixture_conflicts", *(paths or FIXTURES), stdout=output, **options)
    return output.getvalue()


def test_an_editors_title_correction_survives_the_next_start(started, editor, client):
    _correct_title(client, editor, "嘉定区赴楚雄开展首场对口招聘活动")
    assert load_fixtures() == "fixtures unchanged, summary tables complete\n"
    assert Event.objects.get(pk=1).title == "嘉定区赴楚雄开展首场对口招聘活动"
    assert Event.objects.get(pk=1).history.latest().history_user == editor


def test_a_citation_an_editor_removed_stays_removed(started, editor):
    _remove_citation(editor)
    assert load_fixtures() == "fixtures unchanged, summary tables complete\n"
    assert not EventCitation.objects.filter(pk=1).exists()


def test_a_fixture_change_to_an_untouched_record_is_applied_and_kept_in_its_history(
    started, tmp_path
):
    paths = _fixture_changed(tmp_path, "pairings.event", 2, venue="楚雄州人力资源市场")
    assert load_fixtures(*paths).startswith("1 fixture records loaded")
    assert Event.objects.get(pk=2).venue == "楚雄州人力资源市场"
    latest = Event.objects.get(pk=2).history.latest()
    assert latest.history_user is None
    assert latest.history_change_reason == paths[-1]
    assert latest.venue == "楚雄州人力资源市场"
    assert stale_summaries() == {}
    assert load_fixtures(*paths) == "fixtures unchanged, summary tables complete\n"


def test_a_fixture_change_to_a_record_an_editor_corrected_is_left_and_listed(
    started, editor, client, tmp_path
):
    _correct_title(client, editor, "嘉定区赴楚雄开展首场对口招聘活动")
    paths = _fixture_changed(tmp_path, "pairings.event", 1, title="嘉定区首场招聘活动（楚雄）")
    warnings = io.StringIO()
    assert load_fixtures(*paths, stderr=warnings).startswith("fixtures unchanged")
    assert "1 fixture records were changed or deleted in the database" in warnings.getvalue()
    assert Event.objects.get(pk=1).title == "嘉定区赴楚雄开展首场对口招聘活动"
    listed = _conflicts(*paths).splitlines()
    assert listed[0].split("\t") == [
        "model", "pk", "field", "fixture", "database", "changed by", "changed at", "reason"
    ]  # fmt: skip
    row = listed[1].split("\t")
    assert row[:3] == ["pairings.event", "1", "title"]
    assert row[3:6] == ["嘉定区首场招聘活动（楚雄）", "嘉定区赴楚雄开展首场对口招聘活动", "editor"]
    corrected = Event.objects.get(pk=1).history.latest().history_date
    assert row[6] == timezone.localtime(corrected).isoformat(timespec="seconds")
    assert row[7] == "标题按报道原文更正"
    assert len(listed) == 2


def test_a_fixture_change_to_a_citation_an_editor_removed_is_listed_as_deleted(
    started, editor, tmp_path
):
    _remove_citation(editor)
    paths = _fixture_changed(tmp_path, "pairings.eventcitation", 1, excerpt="2017年11月，区人社局")
    load_fixtures(*paths, stderr=io.StringIO())
    assert not EventCitation.objects.filter(pk=1).exists()
    row = _conflicts(*paths).splitlines()[1].split("\t")
    assert row[:3] == ["pairings.eventcitation", "1", "—"]
    assert row[4:6] == ["(deleted)", "editor"]


def test_keeping_the_databases_version_settles_a_conflict(started, editor, client, tmp_path):
    _correct_title(client, editor, "嘉定区赴楚雄开展首场对口招聘活动")
    paths = _fixture_changed(tmp_path, "pairings.event", 1, title="嘉定区首场招聘活动（楚雄）")
    assert "1 conflicts kept as the database holds them" in _conflicts(*paths, keep_database=True)
    assert _conflicts(*paths) == "no conflicts: every fixture record is loaded or settled\n"
    warnings = io.StringIO()
    assert load_fixtures(*paths, stderr=warnings).startswith("fixtures unchanged")
    assert warnings.getvalue() == ""
    assert Event.objects.get(pk=1).title == "嘉定区赴楚雄开展首场对口招聘活动"


@pytest.mark.django_db(transaction=True)
def test_a_fresh_database_gets_every_record_in_history_and_a_second_start_changes_nothing():
    call_command("flush", "--noinput", verbosity=0)
    records = sum(len(json.loads(Path(path).read_text())) for path in FIXTURES)
    assert load_fixtures().startswith(f"{records} fixture records loaded")
    assert (Event.objects.count(), Figure.objects.count(), EventCitation.objects.count()) == (
        24,
        63,
        24,
    )
    first = Event.history.filter(id=1).earliest()
    assert (first.history_type, first.history_change_reason) == ("+", FIXTURES[-1])
    assert stale_summaries() == {}
    assert load_fixtures() == "fixtures unchanged, summary tables complete\n"
