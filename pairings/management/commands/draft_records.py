"""Print the records drafted from a report's text as one JSON object; nothing is saved."""

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pairings.drafting import draft


class Command(BaseCommand):
    help = "Draft events and figures from a report's text and print them as JSON (README)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the report's text, UTF-8")
        parser.add_argument("--published", required=True, help="YYYY-MM-DD")
        parser.add_argument("--title", default="")

    def handle(self, *args, path, published, title, **options):
        try:
            date = datetime.date.fromisoformat(published)
        except ValueError as error:
            raise CommandError(f"--published must be YYYY-MM-DD: {published}") from error
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(str(error)) from error
        drafts = draft(text, date, title)
        self.stdout.write(json.dumps(drafts, ensure_ascii=False, indent=1))
