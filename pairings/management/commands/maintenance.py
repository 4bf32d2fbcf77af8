from django.core.management.base import BaseCommand, CommandError

from pairings import maintenance


class Command(BaseCommand):
    help = (
        "Take the site to maintenance (on: every page answers 503) and back (off: pages are "
        "drawn afresh from the data, the data version moved), as a restore needs."
    )

    def add_arguments(self, parser):
        parser.add_argument("state", choices=["on", "off"])

    def handle(self, *args, state, verbosity=1, **options):
        try:
            maintenance.switch(state == "on")
        except maintenance.SwitchUnreachable as error:
            raise CommandError(f"maintenance {state} failed: {error}") from error
        if verbosity and state == "on":
            self.stdout.write("maintenance on: every page answers 503")
        elif verbosity:
            self.stdout.write("maintenance off: pages are drawn afresh from the data")
