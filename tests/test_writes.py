"""One doorway for writes (writes.kept_current): every writer goes through it, it refreshes
what a write touched and moves the cache's data version once the write is committed; a write
that bypasses it is found by `refresh_summaries --check` (test_summaries)."""

import re
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.auth.models import User

from pairings.admin import KeepsSummariesCurrent
from pairings.cache import data_version
from pairings.models import Event, Figure, Metric
from summaries import writes
from summaries.refresh import touched_by
from tests.builders import stale_summaries

ROOT = Path(__file__).resolve().parent.parent
# Where the summaries are refreshed or the data version moved by hand.
BY_HAND = re.compile(
    r"\brefresh\.refresh\(|\bbump_data_version\(|import .*\b(refresh|bump_data_version)\b"
)
ALLOWED = {
    "summaries/writes.py": "the doorway itself",
    "summaries/refresh.py": "what the doorway calls",
    "pairings/cache.py": "where the data version lives",
    "pairings/maintenance.py": "a restore is written behind Django's back, not by a writer",
    "tests/test_summaries.py": "tests refresh() itself",
    "tests/test_writes.py": "this test",
}
# Every writer of the data, and what it writes.
WRITERS = {
    "pairings/admin.py": "a save, revert or delete in the admin",
    "pairings/resources.py": "the spreadsheet import",
    "pairings/merging.py": "an editor's merge of two events, and its undo",
    "pairings/draft_review.py": "the drafts an editor confirms on a report's review screen",
    "pairings/management/commands/load_fixtures.py": "make setup's fixtures",
    "synthetic/generator.py": "generate_synthetic and remove_synthetic",
    "summaries/management/commands/refresh_summaries.py": "a refresh of everything",
    "tests/builders.py": "the tests' events",
}

# Code that writes records (or runs SQL), and the modules that have it without being writers.
WRITES = re.compile(
    r"\.save\(\)|\.delete\(\)|bulk_create\(|update_or_create\(|objects\.create\("
    r"|\.update\(\w+=|\.set\(\w+\)|cursor\.execute\("
)
NOT_WRITERS = {
    "summaries/refresh.py": "the doorway's refresh: it writes the summary tables",
    "pairings/fixtures.py": "load_fixtures' steps, inside its doorway",
    "pairings/forms.py": "an event's figures saved wholes first, inside the admin's doorway",
    "pairings/likely_same.py": "attach_report(), inside the doorway whose write it is given",
    "pairings/models.py": "Report.keep_text(): a full text no summary or page reads",
    "pairings/management/commands/create_roles.py": "the staff groups, no data",
    "pairings/views/health.py": "SELECT 1",
    "pairings/maintenance.py": "ANALYZE after a restore: the planner's statistics, no data",
}


def _sources():
    for folder in ("pairings", "summaries", "synthetic", "tests", "cooperation"):
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path.relative_to(ROOT).as_posix(), path.read_text()


def test_no_module_refreshes_the_summaries_or_moves_the_data_version_by_hand():
    by_hand = [
        f"{name}:{number}: {line.strip()}"
        for name, text in _sources()
        if name not in ALLOWED
        for number, line in enumerate(text.splitlines(), 1)
        if BY_HAND.search(line)
    ]
    assert by_hand == []


def test_every_module_that_writes_records_is_a_listed_writer():
    writing = {
        name
        for name, text in _sources()
        if name.startswith(("pairings/", "summaries/", "synthetic/")) and WRITES.search(text)
    }
    assert writing - set(NOT_WRITERS) - set(WRITERS) == set()


@pytest.mark.parametrize("name", WRITERS)
def test_every_writer_goes_through_the_doorway(name):
    assert "writes.kept_current(" in (ROOT / name).read_text(), WRITERS[name]


def test_every_admin_of_the_data_writes_through_the_doorway():
    data_admins = {
        model.__name__: isinstance(model_admin, KeepsSummariesCurrent)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label == "pairings"
    }
    assert data_admins and all(data_admins.values()), data_admins


def test_a_write_moves_the_data_version_once_it_is_committed(
    report_data, django_capture_on_commit_callbacks
):
    version = data_version()
    event = Event.objects.first()
    with django_capture_on_commit_callbacks(execute=True):
        with writes.kept_current((Event, [event.pk])):
            Event.objects.filter(pk=event.pk).update(title="改过的标题")
        assert data_version() == version  # a page drawn now still reads the data of before
    assert data_version() != version
    assert stale_summaries() == {}


def test_a_write_that_names_nothing_refreshes_and_moves_nothing(
    report_data, django_assert_num_queries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks, django_assert_num_queries(2):
        with writes.kept_current():  # a savepoint and its release
            pass
    assert callbacks == []


def test_reverting_a_figure_from_its_history_keeps_the_summaries_current(
    client, report_data, settings
):
    settings.SIMPLE_HISTORY_ENABLED = True
    client.force_login(User.objects.create_superuser("admin", password="correct-horse-battery"))
    figure = Figure.objects.filter(event__isnull=False, subsets__isnull=True).first()
    figure._change_reason = "录入"
    figure.save()  # the version to revert to
    first = figure.history.latest()
    url = f"/admin/pairings/figure/{figure.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {name: form.initial.get(name, "") for name in form.fields}
    data.update(value="123456", change_reason="数值更正")
    data = {key: "" if value is None else value for key, value in data.items()}
    assert client.post(url, data).status_code == 302
    revert = f"/admin/pairings/figure/{figure.pk}/history/{first.history_id}/"
    form = client.get(revert).context["adminform"].form
    data = {name: form.initial.get(name, "") for name in form.fields}
    data.update(change_reason="恢复原值")
    data = {key: "" if value is None else value for key, value in data.items()}
    response = client.post(revert, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Figure.objects.get(pk=figure.pk).value == first.value
    assert stale_summaries() == {}


def test_a_metrics_write_touches_the_events_and_months_of_its_figures(report_data):
    metric = Metric.objects.get(code="attendees")
    figures = Figure.objects.filter(metric=metric)
    months, events = touched_by(Metric, [metric.pk])
    assert events == set(figures.filter(event__isnull=False).values_list("event", flat=True))
    assert events and months
