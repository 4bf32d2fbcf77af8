import json

from django.core.management.base import BaseCommand

from pairings.rows import audit_record, figures_for_export


class Command(BaseCommand):
    help = "Write every stored figure as JSON Lines to stdout, for auditing against the reports."

    def handle(self, *args, **options):
        count = 0
        for figure in (
            figures_for_export().order_by("report__file_name", "pk").iterator(chunk_size=2000)
        ):
            self.stdout.write(json.dumps(audit_record(figure), ensure_ascii=False))
            count += 1
        self.stderr.write(f"{count} figures exported.")
