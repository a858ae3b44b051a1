from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from cms.conference.demo import DemoLoader
from cms.conference.models import EditionPage, SessionPage
from cms.people.models import Organisation, Person

DEMO_ADMIN = ("admin", "conference-demo")


class Command(BaseCommand):
    help = (
        "Load the demo National Cluster Conference (three bilingual editions at Sofia Tech Park). "
        "Idempotent: a second run creates nothing and overwrites nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin",
            action="store_true",
            help=f"also create the demo superuser {DEMO_ADMIN[0]!r} "
            f"(password {DEMO_ADMIN[1]!r}) if missing",
        )

    def handle(self, *args, admin=False, **options):
        steps = {"n": 0}

        def progress(message):
            steps["n"] += 1
            self.stdout.write(f"[{steps['n']:>2}] {message}")

        DemoLoader(progress=progress).run()
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
