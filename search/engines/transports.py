"""The small part that differs between Elasticsearch and OpenSearch: the client.

The elasticsearch 8 client refuses to talk to OpenSearch (product check), so each engine gets
its own client; both receive the same JSON built with elasticsearch-dsl.
"""

import logging

from search import conf
from search.engines.base import EngineError, EngineUnavailable, IndexMissing

log = logging.getLogger(__name__)


class Transport:
    name = "transport"

    def search(self, index, body):
        raise NotImplementedError

    def bulk(self, lines, *, refresh=False):
        raise NotImplementedError

    def create_index(self, name, body):
        raise NotImplementedError

    def delete_index(self, name):
        raise NotImplementedError

    def put_mapping(self, index, mapping):
        """Add the fields of `mapping` that the indices behind `index` lack."""
        raise NotImplementedError

    def aliases(self, name):
        """{physical index: [alias, ...]} for the indices `name` (alias or index) points at."""
        raise NotImplementedError

    def update_aliases(self, actions):
        raise NotImplementedError

    def refresh(self, index):
        raise NotImplementedError

    def count(self, index):
        raise NotImplementedError

    def ping(self):
        raise NotImplementedError

    def indices(self, pattern):
        raise NotImplementedError


class OpenSearchTransport(Transport):
    name = "opensearch"

    def __init__(self, url):
        from opensearchpy import OpenSearch

        self.url = url
        self.client = OpenSearch(
            hosts=[url], timeout=conf.timeout(), max_retries=0, retry_on_timeout=False
        )

    def _call(self, method, *args, **kwargs):
        from opensearchpy import exceptions

        try:
            return method(*args, **kwargs)
        except (exceptions.ConnectionError, exceptions.ConnectionTimeout) as exc:
            raise EngineUnavailable(f"{self.name} unreachable") from exc
        except exceptions.TransportError as exc:
            status = exc.status_code if isinstance(exc.status_code, int) else 503
            if status == 404:
                raise
            if status >= 500 or status == 429:
                raise EngineUnavailable(f"{self.name} answered {status}") from exc
            raise EngineError(f"{self.name} answered {status}: {exc.error}") from exc

    def search(self, index, body):
        from opensearchpy import exceptions

        try:
            return self._call(self.client.search, index=index, body=body)
        except exceptions.NotFoundError as exc:
            raise IndexMissing(index) from exc

    def bulk(self, lines, *, refresh=False):
        return self._call(self.client.bulk, body=lines, refresh="true" if refresh else "false")

    def create_index(self, name, body):
        return self._call(self.client.indices.create, index=name, body=body)

    def put_mapping(self, index, mapping):
        return self._call(self.client.indices.put_mapping, index=index, body=mapping)

    def delete_index(self, name):
        from opensearchpy import exceptions

        try:
            return self._call(self.client.indices.delete, index=name, ignore=404)
        except exceptions.NotFoundError:
            return None

    def aliases(self, name):
        from opensearchpy import exceptions

        try:
            found = self._call(self.client.indices.get_alias, name=name, ignore=404)
        except exceptions.NotFoundError:
            return {}
        if found.get("status") == 404 or "error" in found:
            return {}
        return {index: sorted(value.get("aliases", {})) for index, value in found.items()}

    def update_aliases(self, actions):
        return self._call(self.client.indices.update_aliases, body={"actions": actions})

    def refresh(self, index):
        return self._call(self.client.indices.refresh, index=index)

    def count(self, index):
        from opensearchpy import exceptions

        try:
            return self._call(self.client.count, index=index, ignore=404).get("count", 0)
        except exceptions.NotFoundError:
            return 0

    def ping(self):
        try:
            self._call(self.client.cluster.health)
        except EngineError:
            return False
        return True

    def indices(self, pattern):
        from opensearchpy import exceptions

        try:
            found = self._call(self.client.indices.get, index=pattern, ignore=404)
            return sorted(k for k, v in found.items() if isinstance(v, dict) and "settings" in v)
        except exceptions.NotFoundError:
            return []


class ElasticsearchTransport(Transport):
    """Elasticsearch 8/9 through the low-level request API of the official client."""

    name = "elasticsearch"

    def __init__(self, url):
        from elasticsearch import Elasticsearch

        self.url = url
        self.client = Elasticsearch(url, request_timeout=conf.timeout(), max_retries=0)

    def _request(self, method, path, body=None, params=None, *, missing_ok=False):
        import elastic_transport
        from elasticsearch import ApiError

        headers = {"accept": "application/json"}
        if body is not None:
            headers["content-type"] = (
                "application/x-ndjson" if path.endswith("_bulk") else "application/json"
            )
        try:
            response = self.client.perform_request(
                method, path, body=body, params=params, headers=headers
            )
        except (elastic_transport.ConnectionError, elastic_transport.ConnectionTimeout) as exc:
            raise EngineUnavailable(f"{self.name} unreachable") from exc
        except ApiError as exc:
            if exc.status_code == 404 and missing_ok:
                return None
            if exc.status_code >= 500 or exc.status_code == 429:
                raise EngineUnavailable(f"{self.name} answered {exc.status_code}") from exc
            raise EngineError(f"{self.name} answered {exc.status_code}: {exc.body}") from exc
        return response.body

    def search(self, index, body):
        found = self._request("POST", f"/{index}/_search", body, missing_ok=True)
        if found is None:
            raise IndexMissing(index)
        return found

    def bulk(self, lines, *, refresh=False):
        return self._request(
            "POST", "/_bulk", lines, params={"refresh": "true" if refresh else "false"}
        )

    def create_index(self, name, body):
        return self._request("PUT", f"/{name}", body)

    def put_mapping(self, index, mapping):
        return self._request("PUT", f"/{index}/_mapping", mapping)

    def delete_index(self, name):
        return self._request("DELETE", f"/{name}", missing_ok=True)

    def aliases(self, name):
        found = self._request("GET", f"/_alias/{name}", missing_ok=True) or {}
        return {index: sorted(value.get("aliases", {})) for index, value in found.items()}

    def update_aliases(self, actions):
        return self._request("POST", "/_aliases", {"actions": actions})

    def refresh(self, index):
        return self._request("POST", f"/{index}/_refresh")

    def count(self, index):
        found = self._request("GET", f"/{index}/_count", missing_ok=True)
        return found["count"] if found else 0

    def ping(self):
        try:
            self._request("GET", "/_cluster/health")
        except EngineError:
            return False
        return True

    def indices(self, pattern):
        return sorted(self._request("GET", f"/{pattern}", missing_ok=True) or {})
