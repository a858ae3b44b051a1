"""Applying content changes to the engines.

`sync(refs)` rebuilds the documents of the given refs from the content as it is now and writes
them to the database engine (always, so it can answer when the primary engine is down) and to
the external engine if one is configured. A ref whose object is gone or no longer public has its
document removed. When the external engine cannot be reached, the refs are kept in the
PendingUpdate outbox and applied by `replay()` once it answers again.
"""

import logging

from django.db import DatabaseError, transaction
from django.db.models import F

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
    return docs, gone


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
    if PendingUpdate.objects.exists():
        replay()
    return done


def pending_count(engine_name=None):
    qs = PendingUpdate.objects.all()
    if engine_name:
        qs = qs.filter(engine=engine_name)
    return qs.count()


def replay():
    """Apply the kept updates to every engine that missed them. Returns how many were applied."""
    applied = 0
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
    return done
