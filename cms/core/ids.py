"""Stable public identifiers: one UUID per object and all its translations, the same in every
export, API answer, release and webhook."""

import uuid
from functools import lru_cache

GUID_NAMESPACE = uuid.UUID("6f1d3c58-2b8e-4f61-9a3e-0c5b1d7e9a42")


@lru_cache(maxsize=2**16)
def guid(kind, translation_key):
    """A stable UUID for an object and all its translations (a pure function: remembered)."""
    return str(uuid.uuid5(GUID_NAMESPACE, f"{kind}:{translation_key}"))
