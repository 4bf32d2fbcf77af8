from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from pairings import fixtures

COLUMNS = ("model", "pk", "field", "fixture", "database", "changed by", "changed at", "reason")


class Command(BaseCommand):
    help = (
        "List the fixture records load_fixtures left alone because their fixture changed and "
        "someone changed or deleted them in the database since they were loaded: one line per "
        "field, tab-separated. To take the fixture's version, make the change in the admin; "
        "--keep-database then settles the rest as the database holds them."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="JSON fixture files, as make setup loads")
        parser.add_argument(
            "--keep-database",
            action="store_true",
            help="After listing, keep the database's version of every conflict: load_fixtures "
            "stops reporting them until their fixture changes again.",
        )

    def handle(self, *args, paths, keep_database=False, **options):
        with transaction.atomic():
            conflicts = fixtures.plan(paths).conflicts
            if not conflicts:
                self.stdout.write("no conflicts: every fixture record is loaded or settled")
                return
            self.stdout.write("\t".join(COLUMNS))
            for conflict in conflicts:
                model, pk = conflict.fixture.key
                changed_at = (
                    timezone.localtime(conflict.changed_at).isoformat(timespec="seconds")
                    if conflict.changed_at
                    else ""
                )
                for field, in_fixture, in_database in conflict.differences:
                    row = (model, pk, field, in_fixture, in_database, conflict.changed_by)
                    self.stdout.write("\t".join(map(_cell, (*row, changed_at, conflict.reason))))
            if keep_database:
                fixtures.settle([conflict.fixture for conflict in conflicts])
                self.stdout.write(f"{len(conflicts)} conflicts kept as the database holds them")


def _cell(value):
    # One line per field whatever the text holds.
    return " ".join(str(value).split()) if value is not None else ""
