"""The report data: every figure is cited, verbatim, and says what its report says."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command

from pairings.models import (
    Event,
    EventCitation,
    Figure,
    LabourBrand,
    Pairing,
    PairingCitation,
    Region,
    Report,
    TrainingProgramme,
)
from pairings.numerals import numbers_in
from tests.conftest import FIRST_REPORTS, REPORT_FIXTURES

PROVENANCE_UNCHECKED = "the excerpts were not checked against the reports"
CORPUS_PREFIX = "corpus/"


def _reports_dirs():
    """Return the folders of the reports and of the corpus, which a developer may not have beside
    the project (the check is skipped, and conftest says so once at the end) but CI always has:
    there a missing folder fails the run rather than passing it unchecked."""
    for folder in (settings.REPORTS_DIR, settings.CORPUS_DIR):
        if not folder.exists():
            message = f"{folder} is missing: {PROVENANCE_UNCHECKED}"
            if os.environ.get("CI", "").lower() in ("true", "1"):
                pytest.fail(f"{message} (CI must check them)")
            pytest.skip(message)


def _text_path(report):
    """Return the file of a report's text: "corpus/NN.txt" is in the corpus folder, any other
    name in the reports folder."""
    corpus_name = report.file_name.removeprefix(CORPUS_PREFIX)
    if corpus_name != report.file_name:
        return settings.CORPUS_DIR / corpus_name
    return settings.REPORTS_DIR / report.file_name


def _without_whitespace(text):
    return re.sub(r"\s+", "", text)


def _report_texts():
    _reports_dirs()
    return {
        report.pk: _without_whitespace(_text_path(report).read_text())
        for report in Report.objects.all()
    }


def _cited_records():
    """Yield (what, report id, excerpt) for every record that quotes a report."""
    for figure in Figure.objects.all():
        yield f"figure {figure.pk}", figure.report_id, figure.excerpt
    for citation in EventCitation.objects.all():
        yield f"event {citation.event_id}", citation.report_id, citation.excerpt
    for citation in PairingCitation.objects.select_related("pairing__shanghai", "pairing__yunnan"):
        yield f"pairing {citation.pairing}", citation.report_id, citation.excerpt
    for brand in LabourBrand.objects.all():
        yield f"brand {brand}", brand.report_id, brand.excerpt
    for programme in TrainingProgramme.objects.all():
        yield f"programme {programme}", programme.report_id, programme.excerpt


def test_loading_the_fixtures_twice_duplicates_nothing(report_data):
    counts = [model.objects.count() for model in (Region, Report, Pairing, Event, Figure)]
    call_command("loaddata", *REPORT_FIXTURES, verbosity=0)
    assert [model.objects.count() for model in (Region, Report, Pairing, Event, Figure)] == counts


def test_both_reports_are_recorded_with_their_file_names(report_data):
    first = Report.objects.filter(pk__in=FIRST_REPORTS)
    assert set(first.values_list("file_name", flat=True)) == {
        "000_b619cccd90127e23.txt",
        "003_53aa273dfd8f5f7d.txt",
    }


def test_every_record_passes_model_validation(report_data):
    for model in (Pairing, PairingCitation, Event, Figure, LabourBrand, TrainingProgramme, Report):
        for record in model.objects.all():
            record.full_clean()


def test_every_figure_has_a_report_and_a_short_excerpt(report_data):
    for what, report_id, excerpt in _cited_records():
        assert report_id, what
        assert 0 < len(excerpt) <= 120, what


def test_every_event_is_cited_by_a_report(report_data):
    assert not Event.objects.filter(citations__isnull=True).exists()


def test_every_excerpt_occurs_verbatim_in_its_report(report_data):
    texts = _report_texts()
    missing = [
        what
        for what, report_id, excerpt in _cited_records()
        if _without_whitespace(excerpt) not in texts[report_id]
    ]
    assert missing == []


def test_every_value_is_a_number_its_excerpt_writes(report_data):
    unsupported = [
        (figure.pk, figure.value, figure.excerpt)
        for figure in Figure.objects.all()
        for value in (figure.value, figure.value_high)  # a range: both its bounds
        if value is not None and value not in numbers_in(figure.excerpt)
    ]
    assert unsupported == []


def test_no_figure_stands_for_something_unreported_as_zero(report_data):
    assert not Figure.objects.filter(value=0).exists()


def test_a_part_is_never_larger_than_its_whole(report_data):
    for part in Figure.objects.filter(subset_of__isnull=False).select_related("subset_of"):
        if part.unit == part.subset_of.unit:
            assert part.value <= part.subset_of.value, part.pk


def test_qualifiers_follow_the_reports_words(report_data):
    wording = {"余": "at_least", "多": "at_least", "超过": "at_least", "突破": "at_least"}
    for figure in Figure.objects.all():
        value_text = re.escape(str(int(figure.value))) if figure.value >= 1 else None
        for word, qualifier in wording.items():
            if value_text and re.search(value_text + r"\s*(个|名|家|人)?" + word, figure.excerpt):
                assert figure.qualifier == qualifier, figure.pk


def test_month_precision_dates_are_never_shown_as_a_day(report_data):
    first_fair = Event.objects.get(title="嘉定区赴楚雄开展对口支援就业扶贫首场招聘活动")
    assert first_fair.date_precision == "month"
    assert first_fair.period_display == "2017年11月"


def test_an_open_ended_series_keeps_its_open_end(report_data):
    luoping = Event.objects.get(title__startswith="罗平县")
    assert luoping.date_end is None
    assert luoping.period_display == "自2026年2月起"


def test_the_2026_report_misnaming_of_wenshan_is_stored_under_the_official_name(report_data):
    visit = Event.objects.get(title__startswith="上海市代表团")
    assert "文山壮族苗族自治州" in {region.full_name for region in visit.yunnan_regions.all()}


def test_every_pairing_of_both_reports_is_recorded(report_data):
    pairs = {
        (p.shanghai.name, p.yunnan.name)
        for p in Pairing.objects.with_sides().filter(citations__report__in=FIRST_REPORTS)
    }
    assert pairs == {
        ("嘉定区", "楚雄州"),
        ("嘉定区", "德钦县"),
        ("奉贤区", "大理州"),
        ("青浦区", "德宏州"),
        ("松江区", "昭通市"),
        ("闵行区", "昭通市"),
        ("宝山区", "曲靖市"),
        ("徐汇区", "红河州"),
        ("浦东新区", "怒江州"),
        ("黄浦区", "西盟县"),
        ("上海市", "文山州"),
        ("上海市", "红河州"),
    }


def test_every_labour_brand_is_recorded(report_data):
    brands = LabourBrand.objects.filter(report__in=FIRST_REPORTS)
    assert set(brands.values_list("name", flat=True)) == {
        "楚字号",
        "青浦快递小哥",
        "巍山乡厨",
    }


def _provenance_check_without_reports(tmp_path, **env):
    """Run the provenance check alone, in its own pytest on its own SQLite database, with the
    reports folder pointed at a place that does not exist."""
    check = "tests/test_data_integrity.py::test_every_excerpt_occurs_verbatim_in_its_report"
    return subprocess.run(
        [sys.executable, "-m", "pytest", check, "-p", "no:randomly", "-p", "no:cacheprovider"],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "REPORTS_DIR": str(tmp_path / "no-reports"),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_without_the_reports_the_provenance_check_fails_under_ci(tmp_path):
    result = _provenance_check_without_reports(tmp_path, CI="true")
    assert result.returncode == 1, result.stdout
    assert "1 failed" in result.stdout
    assert PROVENANCE_UNCHECKED in result.stdout


def test_without_the_reports_a_local_run_says_once_that_it_skipped_the_provenance_check(
    tmp_path,
):
    result = _provenance_check_without_reports(tmp_path, CI="")
    assert result.returncode == 0, result.stdout
    assert result.stdout.count("provenance check SKIPPED") == 1
