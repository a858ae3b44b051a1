"""The interface every engine implements."""


class EngineError(Exception):
    """The engine answered with an error (a bug on our side or a broken index)."""


class EngineUnavailable(EngineError):
    """The engine cannot be reached or is not able to answer now."""


class IndexMissing(EngineError):
    """The index (or alias) searched does not exist."""


class Engine:
    name = "engine"

    def ping(self):
        """True if the engine answers."""
        raise NotImplementedError

    def search(self, query, parsed):
        """search.query.Result for a validated Query and its Parsed form."""
        raise NotImplementedError

    def suggest(self, parsed_prefix, *, locale=None, limit=8):
        """Documents whose titles start with the words typed so far: [doc]."""
        raise NotImplementedError

    def get(self, doc_id):
        """The stored document with this id, or None."""
        raise NotImplementedError

    def get_many(self, doc_ids):
        """{doc_id: stored document} of those of `doc_ids` the index holds."""
        raise NotImplementedError

    def doc_ids(self):
        """The ids of every document in the index."""
        raise NotImplementedError

    def upsert(self, docs):
        raise NotImplementedError

    def delete(self, doc_ids):
        raise NotImplementedError

    def rebuild(self, batches, *, progress=None):
        """Replace the whole index by the documents of `batches` (an iterable of lists)."""
        raise NotImplementedError

    def count(self):
        raise NotImplementedError

    def drop(self):
        """Remove every index this engine owns (tests)."""
        raise NotImplementedError
