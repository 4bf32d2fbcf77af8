"""Data safety: migrations run backward and forward, and a dump restored into an empty
database gives identical pages."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from pairings.models import Event, Figure

PAGES = ["/", "/pairings/1/", "/pairings/4/", "/events/?prefecture=530600", "/reports/1/",
         "/regions/532927/"]  # fmt: skip


def _pages(client):
    return {url: client.get(url).content for url in PAGES}


@pytest.mark.django_db(transaction=True)
def test_a_dump_restored_into_an_empty_database_gives_identical_pages(
    client, live_report_data, tmp_path
):
    from django.core.cache import cache

    before = _pages(client)
    dump = io.StringIO()
    call_command("dumpdata", "pairings", "--natural-foreign", stdout=dump)
    call_command("flush", "--noinput", verbosity=0)
    assert Event.objects.count() == 0
    call_command("loaddata", "regions", verbosity=0)  # reference data lives in its own fixture
    backup = tmp_path / "backup.json"
    backup.write_text(dump.getvalue())
    with override_settings(SIMPLE_HISTORY_ENABLED=False):  # as README's restore says
        call_command("loaddata", backup, verbosity=0)
    cache.clear()
    assert Figure.objects.count() == 63
    assert _pages(client) == before


@pytest.mark.django_db(transaction=True)
def test_migrations_run_backward_to_zero_and_forward_again(live_report_data):
    call_command("migrate", "pairings", "zero", verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("loaddata", "regions", "reports", "report_data", verbosity=0)
    assert Figure.objects.count() == 63
