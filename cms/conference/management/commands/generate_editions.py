from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from cms.conference.synthetic import FIRST_YEAR, SLUG, SyntheticGenerator
from cms.core import versions


class Command(BaseCommand):
    help = (
        f"Generate a deterministic synthetic conference ({SLUG!r}) with N editions of M sessions "
        f"each, years from {FIRST_YEAR}, for benchmarks. Editions that exist are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--editions", type=int, default=20, help="number of editions (default 20)"
        )
        parser.add_argument(
            "--sessions", type=int, default=300, help="sessions per edition (default 300)"
        )
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    @versions.invalidates_answers
    def handle(self, *args, editions, sessions, seed, no_progress=False, **options):
        if not (1 <= editions <= 200) or not (1 <= sessions <= 5000):
            raise CommandError("Use 1-200 editions and 1-5000 sessions per edition.")
        with tqdm(
            total=editions * sessions, unit="session", disable=no_progress, file=self.stderr
        ) as bar:
            _, created = SyntheticGenerator(
                editions=editions, sessions=sessions, seed=seed, progress=bar.update
            ).run()
        self.stdout.write(self.style.SUCCESS(f"{created} new editions ({editions} requested)."))
