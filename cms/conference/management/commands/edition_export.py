import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.conference.backup import BackupError, edition_export, edition_find


class Command(BaseCommand):
    help = (
        "Write one edition to a self-contained archive (.zip): its pages in every language with "
        "their live, draft, scheduled and restricted state, the people, organisations, topics, "
        "industries, images and documents they reference, and a manifest with a content hash. "
        "Restore it with edition_import."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="the edition's year")
        parser.add_argument("file", help="the archive to write (an existing file is replaced)")
        parser.add_argument(
            "--revisions",
            action="store_true",
            help="include every revision of the pages and snippets (default: only the live, "
            "latest and scheduled ones)",
        )

    def handle(self, *args, year, file, revisions=False, **options):
        edition = edition_find(year)
        if edition is None:
            raise CommandError(f"There is no {year} edition.")
        path = Path(file)
        if not path.parent.is_dir():
            raise CommandError(f"The folder {path.parent} does not exist.")
        started = time.monotonic()
        try:
            manifest = edition_export(edition=edition, path=path, revisions=revisions)
        except BackupError as error:
            raise CommandError(f"Export failed: {error}.") from error
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error.strerror or error}.") from error
        counts = ", ".join(f"{name} {count}" for name, count in manifest["counts"].items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote edition {year} to {path} ({path.stat().st_size / 1024:.0f} KiB in "
                f"{time.monotonic() - started:.1f} s): {counts}; content hash "
                f"{manifest['content_hash']}."
            )
        )
