import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.conference.backup import BackupError, edition_import
from cms.core import versions


class Command(BaseCommand):
    help = (
        "Restore an edition archive written by edition_export, in one transaction, into an empty "
        "site or beside the existing editions (--year imports it as another year). People, "
        "organisations, taxonomy and images that already exist are reused; pages keep their "
        "live, draft, scheduled and restricted state. A damaged archive, an unknown format or a "
        "year that already has an edition changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive (.zip) to restore")
        parser.add_argument(
            "--year",
            type=int,
            help="import as this year: dates, times, the edition's title and slug move with it",
        )

    @versions.invalidates_answers
    def handle(self, *args, file, year=None, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no archive at {path}.")
        started = time.monotonic()
        try:
            summary = edition_import(
                path=path, year=year, progress=lambda message: self.stdout.write(f"  {message}")
            )
        except BackupError as error:
            raise CommandError(f"Nothing was imported: {error}.") from error
        created, reused = summary["created"], summary["reused"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported edition {summary['year']} ({summary['edition'].title!r}) in "
                f"{time.monotonic() - started:.1f} s: {created['pages']} pages, "
                f"{created['snippets']} snippets ({reused['snippets']} reused), "
                f"{created['images']} images ({reused['images']} reused), "
                f"{created['documents']} documents."
            )
        )
        if summary["hash_matches"]:
            self.stdout.write("The restored content hashes equal to the archive's.")
        else:
            self.stdout.write(
                self.style.WARNING(
                    "The restored content differs from the archive's hash: existing people, "
                    "organisations or taxonomy were reused as they are here, or slugs were taken."
                )
            )
