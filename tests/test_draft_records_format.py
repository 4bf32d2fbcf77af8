"""What `manage.py draft_records` prints validates against its JSON Schema
(pairings/management/commands/draft_records.schema.json, the README's format) on every report
of ../shared/ and on a text that gives every shape a figure can take."""

import io
import json
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from django.core.management import call_command

from pairings.dates import DatePrecision
from pairings.metrics import Qualifier, Unit
from pairings.models import Event, Report

SCHEMA_PATH = Path(settings.BASE_DIR) / "pairings/management/commands/draft_records.schema.json"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
SHARED = Path(settings.BASE_DIR).parent / "shared"
DEFS = SCHEMA["$defs"]


def _drafts(path, published, title=""):
    out = io.StringIO()
    call_command("draft_records", str(path), published=published, title=title, stdout=out)
    return json.loads(out.getvalue())


def _valid(drafts):
    jsonschema.Draft202012Validator(SCHEMA).validate(drafts)


def test_the_schema_is_a_valid_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_the_schema_names_the_models_own_choices():
    figure, event = DEFS["figure"]["properties"], DEFS["event"]["properties"]
    assert figure["qualifier"]["enum"] == Qualifier.values
    assert figure["unit_code"]["enum"] == Unit.values
    assert event["kind"]["enum"] == Event.Kind.values
    assert DEFS["period"]["properties"]["precision"]["enum"] == DatePrecision.values


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared holds the reports' texts")
def test_the_drafts_of_every_shared_report_validate_against_the_schema(report_data):
    checked = 0
    for report in Report.objects.exclude(file_name="").order_by("pk"):
        folder = SHARED if "/" in report.file_name else SHARED / "reports"
        path = folder / report.file_name
        if not path.exists():
            continue
        drafts = _drafts(path, report.date_start.isoformat(), report.title)
        try:
            _valid(drafts)
        except jsonschema.ValidationError as error:
            pytest.fail(f"{report.file_name}: {error.message} at {list(error.absolute_path)}")
        checked += 1
    assert checked >= 22


# Every shape a figure takes: a range, a figure without a date, a cumulative total as of the
# report's date (a null start), a 其中 part of a total, and partners beside the two sides.
SYNTHETIC = (
    "元阳县组织农村劳动力参加技能培训，共有200人参加。\n"
    "2024年3月5日，上海市闵行区与红河州元阳县、浙江省宁波市在元阳县举办专场招聘会，"
    "提供就业岗位1000至1500个，现场达成就业意向300余人，其中脱贫劳动力120人。\n"
    "会上，闵行区和浙江省宁波市的12家企业也参加了招聘。\n"
    "截至目前，元阳县累计输送农村劳动力到上海就业4.4万人。"
)


def test_a_text_of_every_figure_shape_validates_against_the_schema(report_data, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(SYNTHETIC, encoding="utf-8")
    drafts = _drafts(path, "2024-03-20")
    _valid(drafts)
    figures = drafts["figures"]
    assert any(f["value_high"] is not None for f in figures)
    assert any(f["part_of"] is not None for f in figures)
    assert any(f["period"] is None for f in figures)
    assert any(f["cumulative"] and f["period"]["start"] is None for f in figures)
    assert any(f["partners"] for f in drafts["events"] + figures)
    assert any(f["event"] is not None for f in figures)


def test_a_field_the_schema_does_not_list_is_refused():
    with pytest.raises(jsonschema.ValidationError):
        _valid({"events": [], "figures": [], "notes": []})
