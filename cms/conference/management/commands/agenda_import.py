from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cms.conference import agenda_import
from cms.conference.models import AgendaUpload, ConferencePage, EditionPage


def edition_for(year, conference=None):
    """The edition of `year` (in the default language) of the only, or the named, conference."""
    conferences = ConferencePage.objects.filter(locale__language_code="bg")
    if conference:
        conferences = conferences.filter(slug=conference)
    editions = list(EditionPage.objects.filter(year=year, locale__language_code="bg"))
    editions = [e for e in editions if any(e.is_child_of(c) for c in conferences)]
    if not editions:
        raise CommandError(_("There is no %(year)s edition.") % {"year": year})
    if len(editions) > 1:
        raise CommandError(_("Name the conference with --conference SLUG (several match)."))
    return editions[0]


class Command(BaseCommand):
    help = (
        "Import an edition's programme from a spreadsheet (CSV, XLSX) or a frab schedule "
        "(XML, JSON): prints what would be created and changed, then applies it through the "
        "editorial rules unless --dry-run. Exits with an error listing the problem rows when "
        "there are any."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the programme file")
        parser.add_argument("--edition", type=int, required=True, metavar="YEAR")
        parser.add_argument(
            "--conference", help="slug of the conference (needed only when there are several)"
        )
        parser.add_argument("--user", help="username recorded as the author of the changes")
        parser.add_argument(
            "--format",
            choices=AgendaUpload.Format.values,
            help="the file's format (by default from its extension or content)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="print the plan without changing anything"
        )
        parser.add_argument(
            "--skip-problems",
            action="store_true",
            help="import the other rows and leave out the rows with problems",
        )

    def handle(self, *args, file, edition, conference=None, user=None, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(_("No such file: %(file)s") % {"file": file})
        target = edition_for(edition, conference)
        author = None
        if user:
            author = get_user_model().objects.filter(username=user).first()
            if author is None:
                raise CommandError(_("Unknown user “%(user)s”.") % {"user": user})
        try:
            source = agenda_import.parse(
                path.read_bytes(), format=options.get("format"), filename=path.name
            )
        except agenda_import.AgendaFileError as error:
            raise CommandError(" ".join(error.messages)) from error
        plan = agenda_import.plan_import(edition=target, source=source, user=author)
        for line in agenda_import.plan_lines(plan):
            self.stdout.write(line)
        skip = options.get("skip_problems")
        if plan.problems and not (skip and not options.get("dry_run")):
            raise CommandError(
                "\n".join([_("The file has problems:"), *(str(p) for p in plan.problems)])
            )
        if options.get("dry_run"):
            self.stdout.write(_("Dry run: nothing was changed."))
            return
        try:
            result = agenda_import.apply(plan, author, skip_problems=bool(skip))
        except agenda_import.AgendaImportError as error:
            raise CommandError("\n".join(error.messages)) from error
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(warning))
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Imported into %(year)s: %(created)s created (as drafts), %(changed)s "
                    "changed, %(unchanged)s unchanged, %(skipped)s skipped, %(people)s new "
                    "people."
                )
                % {
                    "year": target.year,
                    "created": result.created,
                    "changed": result.changed,
                    "unchanged": result.unchanged,
                    "skipped": result.skipped,
                    "people": result.people,
                }
            )
        )
