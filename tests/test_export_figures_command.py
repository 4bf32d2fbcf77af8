"""manage.py export_figures: every stored figure as JSON Lines, for auditing."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from pairings.rows import AUDIT_KEYS

# These tests know the two first reports' records by heart; the corpus is left out.
pytestmark = pytest.mark.usefixtures("first_reports")


def _export():
    out = StringIO()
    call_command("export_figures", stdout=out, stderr=StringIO())
    return [json.loads(line) for line in out.getvalue().splitlines()]


def _find(records, excerpt_part, metric):
    [record] = [r for r in records if excerpt_part in r["excerpt"] and r["metric"] == metric]
    return record


def test_it_writes_one_object_per_figure_with_the_audit_keys_and_the_printed_date(report_data):
    records = _export()
    assert len(records) == 63
    assert all(tuple(record) == AUDIT_KEYS for record in records)


def test_it_counts_figures_per_report(report_data):
    per_report = {}
    for record in _export():
        per_report[record["report"]] = per_report.get(record["report"], 0) + 1
    assert per_report == {"000_b619cccd90127e23.txt": 34, "003_53aa273dfd8f5f7d.txt": 29}


def test_it_applies_wan_and_keeps_the_cumulative_flag(report_data):
    weishan = _find(_export(), "13.82万", "transferred")
    assert weishan["value"] == 138200
    assert weishan["cumulative"] is True
    assert weishan["shanghai"] == []  # the report names no Shanghai district for 巍山
    assert weishan["yunnan"] == ["巍山县"]


def test_it_truncates_dates_to_their_precision(report_data):
    first_fair = _find(_export(), "1000余个", "positions")
    assert (first_fair["date_start"], first_fair["date_end"]) == ("2017-11", "2017-11")
    assert first_fair["date_precision"] == "month"
    assert first_fair["qualifier"] == "at_least"
    assert first_fair["value"] == 1000


def test_it_exports_day_ranges_and_places(report_data):
    songjiang = _find(_export(), "3000多人", "attendees")
    assert (songjiang["date_start"], songjiang["date_end"]) == ("2026-01-20", "2026-01-24")
    assert songjiang["shanghai"] == ["松江区"]
    assert set(songjiang["yunnan"]) == {"昭阳区", "彝良县", "镇雄县", "威信县"}


def test_it_keeps_decimals_and_person_times(report_data):
    records = _export()
    assert _find(records, "75.1%", "employment_rate")["value"] == 75.1
    assert _find(records, "5112人次", "trainees")["unit"] == "person_time"
