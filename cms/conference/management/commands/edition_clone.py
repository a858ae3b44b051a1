from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cms.conference.models import ConferencePage, EditionPage, SessionPage
from cms.conference.services import EditionCloneError, edition_clone
from cms.core import versions


def _comma_list(value):
    return [item.strip() for item in (value or "").split(",") if item.strip()]


class Command(BaseCommand):
    help = (
        "Start a new year's edition from an earlier one: rooms, tracks, partners and content-page "
        "skeleton (in every language) are copied as drafts with dates moved; sessions of the "
        "types named with --session-types (the timetable skeleton) are carried to the same day "
        "and local time, without speakers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source-year", type=int, required=True, help="edition to copy")
        parser.add_argument("--year", type=int, required=True, help="year of the new edition")
        parser.add_argument(
            "--conference", help="slug of the conference (needed only when there are several)"
        )
        parser.add_argument("--user", help="username recorded as the author of the copy")
        parser.add_argument(
            "--session-types",
            default="",
            metavar="TYPE,...",
            help=(
                "comma-separated session types to carry as drafts, for example "
                f"break,ceremony,b2b,networking (one of: {', '.join(SessionPage.Type.values)}); "
                "none by default"
            ),
        )
        parser.add_argument(
            "--partnerships",
            default="all",
            metavar="all|none|SLUG,...",
            help=(
                "partnerships to carry: all (the default), none, or the comma-separated slugs "
                "of the organisations to keep"
            ),
        )

    @versions.invalidates_answers
    def handle(
        self,
        *args,
        source_year,
        year,
        conference=None,
        user=None,
        session_types="",
        partnerships="all",
        **options,
    ):
        types = _comma_list(session_types)
        unknown = sorted(set(types) - set(SessionPage.Type.values))
        if unknown:
            raise CommandError(
                f"Unknown session type(s): {', '.join(unknown)}. "
                f"Valid types: {', '.join(SessionPage.Type.values)}."
            )
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
        partnership_ids = self._partnership_ids(source, partnerships)
        author = None
        if user:
            author = get_user_model().objects.filter(username=user).first()
            if author is None:
                raise CommandError(f"Unknown user {user!r}.")
        try:
            clone = edition_clone(
                source=source,
                year=year,
                user=author,
                session_types=types,
                partnerships=partnership_ids,
            )
        except EditionCloneError as error:
            raise CommandError(" ".join(error.messages)) from error
        translations = clone.get_translations().count()
        sessions = SessionPage.objects.child_of(clone).count()
        self.stdout.write(
            self.style.SUCCESS(
                f"Created draft edition {clone.year} ({clone.title!r}, page {clone.pk}) with "
                f"{clone.rooms.count()} rooms, {clone.tracks.count()} tracks, "
                f"{clone.partnerships.count()} partners, {sessions} session(s) carried as drafts "
                f"and {translations} translation(s)."
            )
        )

    def _partnership_ids(self, source, value):
        """None (carry all) or the ids of `source`'s partnerships of the named organisations."""
        value = (value or "all").strip()
        if value == "all":
            return None
        if value == "none":
            return []
        slugs = _comma_list(value)
        partnerships = source.partnerships.select_related("organisation")
        known = {partnership.organisation.slug for partnership in partnerships}
        unknown = sorted(set(slugs) - known)
        if unknown:
            raise CommandError(
                f"Not a partner of the {source.year} edition: {', '.join(unknown)}. "
                f"Its partners: {', '.join(sorted(known)) or 'none'}."
            )
        return [
            partnership.pk
            for partnership in partnerships
            if partnership.organisation.slug in set(slugs)
        ]
