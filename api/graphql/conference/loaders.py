"""Batch loading for nested fields: one selector call for every parent in the response."""

from api.filters.conference import SessionFilter
from api.graphql.common import apply_filters, serializer_context
from api.serializers.conference import SessionSerializer
from cms.conference import selectors


def remember_editions(info, locale, editions):
    """Record which editions a response holds, so their sessions load together."""
    state = info.context.__dict__.setdefault("_graphql_editions", {})
    state.setdefault(locale.pk, set()).update(e["year"] for e in editions)


def edition_sessions(info, edition, arguments):
    request = info.context
    locale_pk = edition["_locale_pk"]
    cache = request.__dict__.setdefault("_graphql_edition_sessions", {})
    key = (locale_pk, tuple(sorted((k, str(v)) for k, v in arguments.items() if v is not None)))
    if key not in cache:
        locale = edition["_locale"]
        years = request.__dict__.get("_graphql_editions", {}).get(locale_pk, {edition["year"]})
        queryset = apply_filters(
            SessionFilter,
            arguments,
            lambda filters: selectors.session_list(
                locale=locale, filters={**filters, "years": sorted(years)}
            ),
        )
        sessions = selectors.sessions_localise(queryset, locale)
        data = SessionSerializer(sessions, many=True, context=serializer_context(info, locale)).data
        grouped = {}
        for item in data:
            grouped.setdefault(item["year"], []).append(item)
        cache[key] = grouped
    return cache[key].get(edition["year"], [])
