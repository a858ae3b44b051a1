from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cms.conference.demo import DemoLoader, DemoSiteRefused, demo_identity
from cms.conference.models import ConferencePage, EditionPage, SessionPage
from cms.core import versions
from cms.people.models import Organisation, Person

DEMO_ADMIN = ("admin", "conference-demo")
DEMO_ACRONYM = "ncc"


def demo_acronym_ensure():
    """Give the demo conference (every language) the acronym "ncc" where it has none, also on a
    demo loaded before the field existed; returns how many pages changed.

    An acronym an editor chose stays. A page that is live with nothing pending is published
    with it; otherwise the live row gets it and a new draft carries it, so an editor's
    unpublished changes stay unpublished."""
    changed = 0
    for page in ConferencePage.objects.filter(
        translation_key=demo_identity("conference"), acronym=""
    ):
        if page.live and not page.has_unpublished_changes:
            page.acronym = DEMO_ACRONYM
            page.save_revision().publish()
        else:
            ConferencePage.objects.filter(pk=page.pk).update(acronym=DEMO_ACRONYM)
            draft = page.get_latest_revision_as_object()
            draft.acronym = DEMO_ACRONYM
            draft.save_revision()
        changed += 1
    return changed


class Command(BaseCommand):
    help = (
        "Load the demo National Cluster Conference (three bilingual editions at Sofia Tech Park). "
        "Idempotent: a second run creates nothing and overwrites nothing, and what an editor "
        "deleted stays deleted. Refuses a database with content the demo did not create unless "
        "--force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin",
            action="store_true",
            help=f"also create the demo superuser {DEMO_ADMIN[0]!r} "
            f"(password {DEMO_ADMIN[1]!r}) if missing",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="load the demo even though the database holds other content or its default "
            "site serves pages the demo did not create (that site is left as it is)",
        )

    @versions.invalidates_answers
    def handle(self, *args, admin=False, force=False, **options):
        steps = {"n": 0}

        def progress(message):
            steps["n"] += 1
            self.stdout.write(f"[{steps['n']:>2}] {message}")

        try:
            DemoLoader(progress=progress).run(force=force)
        except DemoSiteRefused as refused:
            raise CommandError(
                f"This does not look like the demo site: {refused}. Nothing was changed. "
                "Run load_demo on an empty database, or pass --force to add the demo conference "
                "beside the existing content."
            ) from refused
        if demo_acronym_ensure():
            progress(f"conference acronym {DEMO_ACRONYM!r}")
        if admin:
            User = get_user_model()
            if not User.objects.filter(username=DEMO_ADMIN[0]).exists():
                User.objects.create_superuser(DEMO_ADMIN[0], "admin@example.com", DEMO_ADMIN[1])
                progress(f"superuser {DEMO_ADMIN[0]}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo ready: {EditionPage.objects.count()} edition pages, "
                f"{SessionPage.objects.count()} session pages, {Person.objects.count()} people, "
                f"{Organisation.objects.count()} organisations (all counts cover both languages)."
            )
        )
