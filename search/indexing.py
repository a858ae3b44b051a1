"""Applying content changes to the engines.

`sync(refs)` rebuilds the documents of the given refs from the content as it is now and writes
them to the database engine (always, so it can answer when the primary engine is down) and to
the external engine if one is configured. A ref whose object is gone or no longer public has its
document removed. When the external engine cannot be reached, the refs are kept in the
PendingUpdate outbox and applied by `replay()` once it answers again.
"""

import datetime
import json
import logging

from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone

from cms.core import versions
from search import documents, engines
from search.documents import Ref
from search.engines import EngineUnavailable
from search.models import PendingUpdate

log = logging.getLogger(__name__)
BATCH_SIZE = 200


def _apply(engine, refs):
    docs, gone = documents.build(refs)
    if docs:
        engine.upsert(docs)
    if gone:
        engine.delete(sorted(r.doc_id for r in gone))
    if docs or gone:
        # Cached search answers were read from the index as it was (cms.core.versions).
        transaction.on_commit(lambda: versions.bump([versions.SEARCH]), robust=True)
    return docs, gone


CHANGING = "changing"  # PendingUpdate rows of changes committed but not yet applied anywhere
STUCK_AFTER = datetime.timedelta(minutes=5)
MAX_SUSPECTS = 2000


def mark_changing(refs):
    """Record, in the transaction of the change, that these documents are about to change.

    Until `sync` has applied them, searches leave these documents out (`suspects`): a page
    restricted or unpublished a moment ago is not served from the index in the meantime, not
    even as a speaker's snippet or a facet count.
    """
    keep(CHANGING, refs)


def suspects(engine_name):
    """Document ids an engine may still hold in a state that is no longer true."""
    return set(
        PendingUpdate.objects.filter(engine__in=(CHANGING, engine_name)).values_list(
            "doc_id", flat=True
        )[:MAX_SUSPECTS]
    )


def _pending_engines():
    return PendingUpdate.objects.exclude(engine=CHANGING)


def keep(engine_name, refs):
    """Remember updates `engine_name` missed, for `replay()`."""
    PendingUpdate.objects.bulk_create(
        [PendingUpdate(engine=engine_name, doc_id=r.doc_id) for r in refs],
        ignore_conflicts=True,
    )


def sync(refs):
    """Bring the documents of `refs` up to date everywhere. Returns the number of documents.

    An engine that cannot take the update (unreachable, or its table broken) gets it later:
    the refs are kept and `replay()` applies them once it answers again.
    """
    refs = sorted(set(refs))
    if not refs:
        return 0
    started = timezone.now()
    done = 0
    database = engines.database()
    for start in range(0, len(refs), BATCH_SIZE):
        batch = refs[start : start + BATCH_SIZE]
        try:
            with transaction.atomic():
                docs, gone = _apply(database, batch)
        except DatabaseError:
            log.exception("database search table unwritable: %d updates kept", len(batch))
            keep(database.name, batch)
        else:
            done += len(docs)
        external = engines.external()
        if external is None:
            continue
        try:
            _apply(external, batch)
        except EngineUnavailable:
            log.warning("%s unreachable: %d updates kept for later", external.name, len(batch))
            keep(external.name, batch)
    # Applied, or kept per engine for the replay: no longer merely "changing".
    PendingUpdate.objects.filter(
        engine=CHANGING, doc_id__in=[r.doc_id for r in refs], created_at__lte=started
    ).delete()
    if _pending_engines().exists():
        replay()
    return done


def pending_count(engine_name=None):
    qs = _pending_engines()
    if engine_name:
        qs = qs.filter(engine=engine_name)
    return qs.count()


def replay():
    """Apply the kept updates to every engine that missed them, and the changes whose update
    never ran (a lost task). Returns how many were applied."""
    applied = 0
    stuck = list(
        PendingUpdate.objects.filter(
            engine=CHANGING, created_at__lt=timezone.now() - STUCK_AFTER
        ).values_list("doc_id", flat=True)[:500]
    )
    if stuck:
        refs = []
        for doc_id in stuck:
            try:
                refs.append(Ref.parse(doc_id))
            except ValueError:
                PendingUpdate.objects.filter(engine=CHANGING, doc_id=doc_id).delete()
        applied += sync(refs)
    for engine in (engines.database(), engines.external()):
        if engine is not None:
            applied += _replay(engine)
    return applied


def _replay(engine):
    applied = 0
    while True:
        pending = list(PendingUpdate.objects.filter(engine=engine.name).order_by("pk")[:500])
        if not pending:
            return applied
        refs = []
        for item in pending:
            try:
                refs.append(Ref.parse(item.doc_id))
            except ValueError:
                pass
        try:
            with transaction.atomic():
                _apply(engine, refs)
        except (EngineUnavailable, DatabaseError):
            PendingUpdate.objects.filter(pk__in=[p.pk for p in pending]).update(
                attempts=F("attempts") + 1
            )
            return applied
        PendingUpdate.objects.filter(pk__in=[p.pk for p in pending]).delete()
        applied += len(pending)


def batches(refs, size=BATCH_SIZE, *, on_gone=None):
    """Documents of `refs` in lists of `size`, for rebuilds."""
    refs = sorted(set(refs))
    for start in range(0, len(refs), size):
        docs, gone = documents.build(refs[start : start + size])
        if on_gone and gone:
            on_gone(gone)
        if docs:
            yield docs


def rebuild(engine, *, progress=None, batch_size=BATCH_SIZE):
    """Rebuild one engine's index from all content. Returns the number of documents."""
    refs = documents.all_refs()
    if progress:
        progress(0, len(refs))
    done = engine.rebuild(
        batches(refs, batch_size), progress=(lambda n: progress(n, len(refs))) if progress else None
    )
    if engine.name != "database":
        PendingUpdate.objects.filter(engine=engine.name).delete()
    versions.bump([versions.SEARCH])
    return done


def _comparable(doc):
    """A document as every engine stores it: no index-only terms, no empty values, JSON types."""
    from django.core.serializers.json import DjangoJSONEncoder

    from search.engines.dsl import SOURCE_EXCLUDES

    kept = {
        key: value
        for key, value in doc.items()
        if not key.startswith("_") and key not in SOURCE_EXCLUDES and value not in ("", None)
    }
    return json.loads(json.dumps(kept, cls=DjangoJSONEncoder, sort_keys=True))


def check_consistency(*, repair=True, batch_size=BATCH_SIZE):
    """Compare every engine's documents with what the published content builds now: missing,
    stale and extra (no longer public) documents; with `repair`, bring them up to date.
    Returns {engine name: {"checked", "missing", "stale", "extra"}}."""
    report = {}
    refs = sorted(set(documents.all_refs()))
    for engine in (engines.database(), engines.external()):
        if engine is None:
            continue
        counts = {"checked": 0, "missing": 0, "stale": 0, "extra": 0}
        seen = set()
        for start in range(0, len(refs), batch_size):
            docs, _gone = documents.build(refs[start : start + batch_size])
            stored = engine.get_many([doc["doc_id"] for doc in docs])
            fix = []
            for doc in docs:
                seen.add(doc["doc_id"])
                have = stored.get(doc["doc_id"])
                if have is None:
                    counts["missing"] += 1
                    fix.append(doc)
                elif _comparable(have) != _comparable(doc):
                    counts["stale"] += 1
                    fix.append(doc)
            counts["checked"] += len(docs)
            if repair and fix:
                with transaction.atomic():
                    engine.upsert(fix)
        extra = sorted(engine.doc_ids() - seen)
        counts["extra"] = len(extra)
        if repair and extra:
            with transaction.atomic():
                engine.delete(extra)
        if any(counts[key] for key in ("missing", "stale", "extra")):
            log.warning("search index %s drifted: %s", engine.name, counts)
        report[engine.name] = counts
    return report
