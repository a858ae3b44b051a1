from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cms.conference.demo import DemoLoader, DemoSiteRefused
from cms.conference.models import EditionPage, SessionPage
from cms.people.models import Organisation, Person

DEMO_ADMIN = ("admin", "conference-demo")


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
