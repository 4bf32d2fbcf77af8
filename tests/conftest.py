import datetime

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from pairings.maintenance import gather_planner_statistics
from pairings.metrics import WORKERS_TO_SHANGHAI
from pairings.models import (
    Event,
    Figure,
    LabourBrand,
    Pairing,
    PairingCitation,
    Region,
    Report,
    TrainingProgramme,
)
from tests.builders import make_event, make_report, make_staff

# The two reports the project was built from, then the corpus: fixtures/corpus_a.json and
# corpus_b.json hold the reports of ../shared/corpus/.
REPORT_FIXTURES = ("metrics", "regions", "reports", "report_data", "corpus_a", "corpus_b")
# The two reports the project was built from (fixtures/reports.json).
FIRST_REPORTS = (1, 2)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the report data once into the test database; each test runs in a transaction
    that is rolled back, so every test starts from exactly the report data."""
    with django_db_blocker.unblock(), override_settings(SIMPLE_HISTORY_ENABLED=False):
        call_command("loaddata", *REPORT_FIXTURES, verbosity=0)
        call_command("refresh_summaries", verbosity=0)


@pytest.fixture
def report_data(db):
    """The regions and every record built from the two reports (loaded once per session)."""


@pytest.fixture
def first_reports(report_data):
    """Only the records of the two reports the project was built from, for tests that know
    their 24 events and 63 figures by heart: the corpus records are deleted inside the test's
    transaction, which is rolled back after it."""
    corpus = Report.objects.exclude(pk__in=FIRST_REPORTS)
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        Figure.objects.filter(report__in=corpus, subset_of__isnull=False).delete()
        Figure.objects.filter(report__in=corpus).delete()
        Event.objects.filter(citations__report__in=corpus).delete()
        TrainingProgramme.objects.filter(report__in=corpus).delete()
        LabourBrand.objects.filter(report__in=corpus).delete()
        Pairing.objects.exclude(citations__report__in=FIRST_REPORTS).delete()
        PairingCitation.objects.filter(report__in=corpus).delete()
        corpus.delete()
        call_command("refresh_summaries", verbosity=0)


@pytest.fixture
def live_report_data(transactional_db):
    """The report data for tests that need real commits (a live server): transactional tests
    empty the database after themselves, so they load it again."""
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        call_command("loaddata", *REPORT_FIXTURES, verbosity=0)
        call_command("refresh_summaries", verbosity=0)
    # The tables were emptied and filled again: without fresh statistics PostgreSQL planned a
    # page's three-join query over 45,000 regions row by row, for minutes, in CI.
    gather_planner_statistics()


@pytest.fixture
def roles(report_data):
    call_command("create_roles", verbosity=0)


@pytest.fixture
def editor_client(client, roles):
    """A client logged in as a member of the editors group, as a clerk entering reports is."""
    client.force_login(make_staff("editor", "editors"))
    return client


@pytest.fixture
def viewer_client(client, roles):
    client.force_login(make_staff("viewer", "viewers"))
    return client


@pytest.fixture
def hongkou_flight(report_data):
    """The 2月18日 flight from 文山州 as 虹口区人社局's report gives it: 61 workers from four
    counties (文山市, 砚山县, 西畴县, 麻栗坡县)."""
    report = make_report("hongkou-flight.txt", title="虹口区包机接文山州务工人员")
    return make_event(
        Pairing.objects.get(shanghai__name="虹口区", yunnan__name="文山州"),
        day=datetime.date(2026, 2, 18),
        kind="worker_dispatch",
        title="虹口区包机接文山州61名务工人员",
        report=report,
        yunnan=list(Region.objects.filter(pk__in=("532601", "532622", "532623", "532624"))),
        figures=[(WORKERS_TO_SHANGHAI, 61, "person", "exact")],
    )


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with a cold cache, so query counts and totals are computed afresh."""
    cache.clear()


@pytest.fixture(autouse=True)
def site_language():
    """Every test starts in the site's language, as a new request does: a request to an English
    page leaves English active in the test's thread, and a message read outside a request (a
    model's clean(), a parser's error) would come out in English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def pytest_terminal_summary(terminalreporter):
    """Say once, where it cannot be missed, that the provenance check did not run (the reports
    folder is not beside the project; under CI its test fails instead)."""
    skipped = terminalreporter.stats.get("skipped", [])
    if any("test_data_integrity.py" in report.nodeid for report in skipped):
        terminalreporter.write_sep(
            "!",
            f"provenance check SKIPPED: {settings.REPORTS_DIR} or {settings.CORPUS_DIR} is "
            "missing, so no excerpt was checked against its report",
            yellow=True,
            bold=True,
        )
