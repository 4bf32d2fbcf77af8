"""Data safety: migrations run backward and forward, and a dump restored into an empty
database as the README says (maintenance on, restore, maintenance off) answers 503 while it
runs and gives identical, fresh pages after."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from cooperation.settings import cache_from_url
from pairings.cache import data_version
from pairings.models import Event, Figure, Pairing, PairingCitation
from summaries import writes
from tests.conftest import FIRST_REPORTS, REPORT_FIXTURES

PAGES = ["/", "/pairings/1/", "/pairings/4/", "/events/?prefecture=530600", "/reports/1/",
         "/regions/532927/"]  # fmt: skip


def _pages(client):
    return {url: client.get(url).content for url in PAGES}


@pytest.fixture
def shared_cache(tmp_path):
    """A cache every process sees, as app servers share one in production (CACHE_URL)."""
    location = f"file://{tmp_path / 'cache'}"
    with override_settings(CACHES={"default": cache_from_url(location)}):
        yield


def _in_maintenance(client):
    return {url: client.get(url).status_code for url in (*PAGES, "/healthz", "/admin/login/")}


@pytest.mark.django_db(transaction=True)
def test_a_dump_restored_as_the_readme_says_answers_503_meanwhile_and_identical_pages_after(
    client, live_report_data, shared_cache, tmp_path
):
    before = _pages(client)
    figures = Figure.objects.count()
    dump = io.StringIO()
    call_command("dumpdata", "pairings", "--natural-foreign", stdout=dump)
    backup = tmp_path / "backup.json"
    backup.write_text(dump.getvalue())
    event = Event.objects.get(pk=1)
    with writes.kept_current((Event, [event.pk])):  # as an editor's save in the admin
        event.title = "备份之后改过的标题"
        event.save()  # a change after the backup, which the restore takes back
    assert _pages(client) != before
    version = data_version()

    call_command("maintenance", "on", verbosity=0)
    assert set(_in_maintenance(client).values()) == {503}
    call_command("flush", "--noinput", verbosity=0)
    assert set(_in_maintenance(client).values()) == {503}
    call_command("loaddata", "regions", verbosity=0)  # reference data lives in its own fixture
    with override_settings(SIMPLE_HISTORY_ENABLED=False):  # as README's restore says
        call_command("loaddata", backup, verbosity=0)
    call_command("refresh_summaries", verbosity=0)
    call_command("maintenance", "off", verbosity=0)

    assert data_version() != version  # moved: no page drawn before the restore is served
    assert Figure.objects.count() == figures
    assert _pages(client) == before


def test_a_restore_django_does_not_see_shows_once_maintenance_ends(
    client, report_data, shared_cache
):
    first_fair = "嘉定区赴楚雄开展对口支援就业扶贫首场招聘活动"
    assert first_fair in client.get("/pairings/1/").content.decode()
    call_command("maintenance", "on", verbosity=0)
    # pg_restore writes behind Django's back, never through the doorway.
    Event.objects.filter(pk=1).update(title="恢复的备份里的标题")
    call_command("maintenance", "off", verbosity=0)
    assert "恢复的备份里的标题" in client.get("/pairings/1/").content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_maintenance_ends_with_the_planner_knowing_the_restored_data(report_data, shared_cache):
    with CaptureQueriesContext(connection) as queries:
        call_command("maintenance", "off", verbosity=0)
    assert [query["sql"] for query in queries] == ["ANALYZE"]


def test_maintenance_refuses_a_cache_no_server_shares(client, report_data):
    with pytest.raises(CommandError, match="locmem"):
        call_command("maintenance", "on", verbosity=0)
    assert client.get("/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_migrations_run_backward_to_zero_and_forward_again(live_report_data):
    call_command("migrate", "pairings", "zero", verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("loaddata", "regions", "reports", "report_data", verbosity=0)
    assert Figure.objects.count() == 63


@pytest.mark.django_db(transaction=True)
def test_a_database_of_the_release_before_pairing_citations_takes_the_fixtures_again(
    live_report_data,
):
    pairings = set(Pairing.objects.values_list("pk", flat=True))
    call_command("migrate", "pairings", "0025", verbosity=0)
    # As that release held them: each basis (the fixtures' citation numbered as its pairing) in
    # its pairing's own fields, and no citation row for it.
    pairing, citation = Pairing._meta.db_table, PairingCitation._meta.db_table
    with connection.cursor() as cursor:
        for field, column in (("basis_report_id", "report_id"), ("basis_excerpt", "excerpt")):
            cursor.execute(
                f"UPDATE {pairing} SET {field} = "
                f"(SELECT {column} FROM {citation} WHERE {citation}.id = {pairing}.id)"
            )
        cursor.execute(f"DELETE FROM {citation} WHERE id IN (SELECT id FROM {pairing})")
    call_command("migrate", verbosity=0)
    basis = set(PairingCitation.objects.filter(pk__in=pairings).values_list("pk", "pairing"))
    assert basis == {(pk, pk) for pk in pairings}, "each basis citation takes its pairing's pk"
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        call_command("loaddata", *REPORT_FIXTURES, verbosity=0)
    added = PairingCitation.objects.create(
        pairing_id=min(pairings), report_id=FIRST_REPORTS[0], excerpt="新的一条出处"
    )
    assert added.pk > max(PairingCitation.objects.exclude(pk=added.pk).values_list("pk", flat=True))
