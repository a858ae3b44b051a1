from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cms.conference import agenda_export
from cms.conference.management.commands.agenda_import import edition_for
from cms.conference.models import AgendaUpload


class Command(BaseCommand):
    help = (
        "Export an edition's programme as its editors see it (drafts included) as CSV, XLSX, "
        "frab XML or frab JSON; the files can be imported again with agenda_import."
    )

    def add_arguments(self, parser):
        parser.add_argument("--edition", type=int, required=True, metavar="YEAR")
        parser.add_argument(
            "--conference", help="slug of the conference (needed only when there are several)"
        )
        parser.add_argument("--format", choices=AgendaUpload.Format.values, required=True)
        parser.add_argument(
            "-o", "--output", metavar="FILE", help="file to write (default: standard output)"
        )

    def handle(self, *args, edition, format, conference=None, output=None, **options):
        if format == AgendaUpload.Format.XLSX and not output:
            raise CommandError(_("An XLSX export needs -o FILE."))
        target = edition_for(edition, conference)
        exported = agenda_export.agenda_export(edition=target, format=format)
        if output:
            with open(output, "wb") as handle:
                handle.write(exported.content)
            self.stderr.write(
                _("Wrote %(file)s (%(size)s bytes).")
                % {"file": output, "size": len(exported.content)}
            )
            return
        self.stdout.write(exported.content.decode("utf-8-sig"), ending="")
