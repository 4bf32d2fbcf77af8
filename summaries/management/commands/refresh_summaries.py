import time

from django.core.management.base import BaseCommand, CommandError

from summaries import writes
from summaries.check import differences


class Command(BaseCommand):
    help = (
        "Recompute the summary tables from the data. Run it after a write that bypassed "
        "summaries.writes.kept_current (loaddata, a restore, a shell); --check only compares."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Change nothing; fail when the summary tables do not match the data.",
        )

    def handle(self, *args, check=False, verbosity=1, **options):
        started = time.perf_counter()
        if check:
            stale = {
                tally: rows
                for tally, rows in differences().items()
                if rows["missing"] or rows["extra"]
            }
            for tally, rows in stale.items():
                self.stderr.write(
                    f"{tally}: {len(rows['missing'])} rows missing, {len(rows['extra'])} extra"
                )
            if stale:
                raise CommandError("summary tables are stale: run manage.py refresh_summaries")
            if verbosity:
                self.stdout.write(f"summary tables current ({time.perf_counter() - started:.1f}s)")
            return
        with writes.kept_current(everything=True):
            pass  # the write was made behind its back: a shell, loaddata, a restore
        if verbosity:
            self.stdout.write(f"summary tables refreshed ({time.perf_counter() - started:.1f}s)")
