import time

from django.core.management.base import BaseCommand

from synthetic.generator import remove


class Command(BaseCommand):
    help = "Delete every synthetic record (what hangs off a synthetic report); report data stays."

    def handle(self, *args, **options):
        started = time.perf_counter()
        deleted = remove()
        if not deleted:
            self.stdout.write("no synthetic data")
            return
        for table, rows in deleted.items():
            self.stdout.write(f"{table}: {rows:,} deleted")
        self.stdout.write(f"took {time.perf_counter() - started:.1f}s")
