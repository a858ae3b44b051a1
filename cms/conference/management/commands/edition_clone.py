from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cms.conference.models import ConferencePage, EditionPage
from cms.conference.services import EditionCloneError, edition_clone
from cms.core import versions


class Command(BaseCommand):
    help = (
        "Start a new year's edition from an earlier one: rooms, tracks, partners and content-page "
        "skeleton (in every language) are copied as drafts with dates moved; sessions are not."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source-year", type=int, required=True, help="edition to copy")
        parser.add_argument("--year", type=int, required=True, help="year of the new edition")
        parser.add_argument(
            "--conference", help="slug of the conference (needed only when there are several)"
        )
        parser.add_argument("--user", help="username recorded as the author of the copy")

    @versions.invalidates_answers
    def handle(self, *args, source_year, year, conference=None, user=None, **options):
        conferences = ConferencePage.objects.filter(locale__language_code="bg")
        if conference:
            conferences = conferences.filter(slug=conference)
        if conferences.count() != 1:
            raise CommandError(
                "Name the conference with --conference SLUG (none or several match)."
            )
        source = EditionPage.objects.child_of(conferences.get()).filter(year=source_year).first()
        if source is None:
            raise CommandError(f"There is no {source_year} edition.")
        author = None
        if user:
            author = get_user_model().objects.filter(username=user).first()
            if author is None:
                raise CommandError(f"Unknown user {user!r}.")
        try:
            clone = edition_clone(source=source, year=year, user=author)
        except EditionCloneError as error:
            raise CommandError(" ".join(error.messages)) from error
        translations = clone.get_translations().count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Created draft edition {clone.year} ({clone.title!r}, page {clone.pk}) with "
                f"{clone.rooms.count()} rooms, {clone.tracks.count()} tracks, "
                f"{clone.partnerships.count()} partners and {translations} translation(s)."
            )
        )
