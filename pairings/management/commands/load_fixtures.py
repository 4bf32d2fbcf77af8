import time
from collections import defaultdict

from django.core.management.base import BaseCommand
from django.core.management.color import no_style
from django.db import connection

from pairings import fixtures
from summaries import check, writes


class Command(BaseCommand):
    help = (
        "Load JSON fixture files (make setup): new records are added and a record whose fixture "
        "changed is rewritten (with history) only if no one changed or deleted it since it was "
        "last loaded; the summary tables are refreshed only where a record was written."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="JSON fixture files, in loading order")

    def handle(self, *args, paths, verbosity=1, **options):
        started = time.perf_counter()
        with writes.kept_current() as write:
            stale = check.incomplete()
            if stale:
                write.refreshes_everything()
            plan = fixtures.plan(paths)
            tracked = [fixture for fixture in plan.writes if fixture.record.object.pk is not None]
            for model, pks in _pks_by_model(tracked).items():
                write.touches(model, pks)
            for fixture in plan.writes:
                fixtures.save(fixture)
            written = _pks_by_model(plan.writes)
            if written:
                _check_and_reset(written)
            fixtures.settle(tracked + plan.settled)
            for model, pks in written.items():
                write.wrote(model, pks)
        if plan.conflicts:
            self.stderr.write(
                f"{len(plan.conflicts)} fixture records were changed or deleted in the database "
                "since they were loaded and their fixture changed too: the database's are kept. "
                "manage.py fixture_conflicts lists them."
            )
        if verbosity and not (stale or written):
            self.stdout.write("fixtures unchanged, summary tables complete")
        elif verbosity:
            records = len(plan.writes)
            refreshed = "every summary table" if stale else "the summaries they touch"
            took = time.perf_counter() - started
            self.stdout.write(
                f"{records} fixture records loaded, {refreshed} refreshed ({took:.1f}s)"
            )


def _pks_by_model(records):
    pks = defaultdict(list)
    for fixture in records:
        pks[fixture.model].append(fixture.record.object.pk)
    return dict(pks)


def _check_and_reset(written):
    """Check the foreign keys of what was written, links included (SQLite would keep an event
    placed in a region that does not exist), and move PostgreSQL's id sequences past the ids
    the fixtures set, as loaddata does."""
    connection.check_constraints(
        table_names=[model._meta.db_table for model in written]
        + [
            field.remote_field.through._meta.db_table
            for model in written
            for field in model._meta.many_to_many
        ]
    )
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(written)):
            cursor.execute(sql)
