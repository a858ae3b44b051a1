"""Rebuild the search index with no downtime."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from search import engines, indexing
from search.engines import EngineError


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the published content. OpenSearch/Elasticsearch: fills "
        "a new index while searches keep using the current one, then swaps the alias in one "
        "step and drops the old index. Database engine: replaces its documents in one "
        "transaction. Also applies the updates kept while the engine was down."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--engine",
            choices=["all", "database", "external"],
            default="all",
            help="which index to rebuild (default: all configured)",
        )
        parser.add_argument(
            "--batch-size", type=int, default=indexing.BATCH_SIZE, help="documents per batch"
        )
        parser.add_argument("--quiet", action="store_true", help="no progress output")

    def handle(self, *args, engine, batch_size, quiet, **options):
        targets = []
        if engine in ("all", "database"):
            targets.append(engines.database())
        if engine in ("all", "external"):
            external = engines.external()
            if external is None and engine == "external":
                raise CommandError("No OpenSearch/Elasticsearch URL is configured.")
            if external is not None:
                targets.append(external)
        for target in targets:
            started = time.monotonic()
            progress = None if quiet else self._progress(target.name)
            try:
                count = indexing.rebuild(target, progress=progress, batch_size=batch_size)
            except EngineError as exc:
                raise CommandError(f"{target.name}: {exc}") from exc
            if not quiet:
                self.stdout.write("")
            self.stdout.write(
                self.style.SUCCESS(
                    f"{target.name}: {count} documents in {time.monotonic() - started:.1f} s"
                )
            )

    def _progress(self, name):
        interactive = sys.stdout.isatty()
        state = {"last": -1}

        def report(done, total):
            percent = int(done * 100 / total) if total else 100
            if percent == state["last"]:
                return
            state["last"] = percent
            line = f"{name}: {done}/{total} sources ({percent}%)"
            if interactive:
                self.stdout.write("\r" + line, ending="")
            elif percent % 10 == 0:
                self.stdout.write(line)
            self.stdout.flush()

        return report
