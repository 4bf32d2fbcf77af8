import time

from django.core.management.base import BaseCommand, CommandError

from synthetic.generator import SyntheticDataExists, generate


class Command(BaseCommand):
    help = (
        "Create N synthetic events over all Shanghai districts and Yunnan prefectures, with "
        "places, figures and cumulative series, under one synthetic report (for the benchmark). "
        "The same seed makes the same data; remove it with remove_synthetic."
    )

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, default=10_000, help="how many events")
        parser.add_argument("--seed", type=int, default=1, help="random seed")

    def handle(self, *args, events, seed, **options):
        if events < 0:
            raise CommandError("--events must be 0 or more")
        started = time.perf_counter()
        try:
            counts = generate(events, seed)
        except SyntheticDataExists as error:
            raise CommandError(str(error)) from None
        seconds = time.perf_counter() - started
        for name, value in counts.items():
            self.stdout.write(
                f"{name}: {value:,}" if isinstance(value, int) else f"{name}: {value}"
            )
        self.stdout.write(f"took {seconds:.1f}s")
