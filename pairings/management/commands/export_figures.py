import json

from django.core.management.base import BaseCommand

from pairings.exports import audit_record, figures_for_export


def printed_date(figure):
    """Return the date as its report printed it and how its period was found (the event's,
    for an event's figure), so the audit can check a resolved date against the report."""
    dated = figure.event if figure.event_id else figure
    return {"date_text": dated.date_text, "date_basis": dated.date_basis or None}


class Command(BaseCommand):
    help = "Write every stored figure as JSON Lines to stdout, for auditing against the reports."

    def handle(self, *args, **options):
        count = 0
        for figure in (
            figures_for_export().order_by("report__file_name", "pk").iterator(chunk_size=2000)
        ):
            record = {**audit_record(figure), **printed_date(figure)}
            self.stdout.write(json.dumps(record, ensure_ascii=False))
            count += 1
        self.stderr.write(f"{count} figures exported.")
