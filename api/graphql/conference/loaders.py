"""Batch loading for nested fields: one selector call for every parent in the response."""

from graphql import GraphQLError

from api.filters.conference import SessionFilter
from api.graphql.common import apply_filters, requested_fields, serializer_context
from api.http import language_codes
from api.serializers.conference import SessionSerializer
from api.serializers.releases import ReleaseSerializer
from cms.conference import selectors


class SessionSelection(SessionSerializer):
    """A SessionSerializer that renders only the fields the query asks for (the context's
    `fields`; all when None) and always the year. An agenda of hundreds of sessions asked for
    its times and titles does not build every session's JSON-LD, topics and calendar link."""

    def get_fields(self):
        fields = super().get_fields()
        wanted = self.context.get("fields")
        if wanted is None:
            return fields
        return {name: field for name, field in fields.items() if name in wanted or name == "year"}


def sessions_data(info, sessions, locale):
    """Localised sessions as the Session type reads them: the requested fields only."""
    context = serializer_context(info, locale, fields=requested_fields(info))
    return SessionSelection(sessions, many=True, context=context).data


def remember_editions(info, locale, editions):
    """Record which editions a response holds, so their sessions load together."""
    state = info.context.__dict__.setdefault("_graphql_editions", {})
    state.setdefault(locale.pk, set()).update(e["year"] for e in editions)


def edition_sessions(info, edition, arguments):
    request = info.context
    locale_pk = edition["_locale_pk"]
    cache = request.__dict__.setdefault("_graphql_edition_sessions", {})
    key = (
        locale_pk,
        tuple(sorted((k, str(v)) for k, v in arguments.items() if v is not None)),
        requested_fields(info),
    )
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
        data = sessions_data(info, sessions, locale)
        grouped = {}
        for item in data:
            grouped.setdefault(item["year"], []).append(item)
        cache[key] = grouped
    return cache[key].get(edition["year"], [])


# Releases ---------------------------------------------------------------------------------------


def release_data(info, release, *, year, language):
    """A release as the Release type reads it (its snapshot read only when asked for)."""
    context = {"request": info.context, "year": year, "language": language}
    data = dict(ReleaseSerializer(release, context=context).data)
    data["_release"] = release
    data["_language"] = language
    return data


def release_note(info, parent, locale):
    if locale is not None and locale not in language_codes():
        raise GraphQLError(
            f"Unknown locale {locale[:20]!r}; use one of {', '.join(language_codes())}."
        )
    return parent["notes"][locale or parent["_language"]]


def wants_snapshot(info):
    fields = requested_fields(info)
    return fields is None or "snapshot" in fields


def edition_releases(info, edition):
    """The releases of `edition`, for every edition of the response in one selector call."""
    request = info.context
    locale = edition["_locale"]
    snapshots = wants_snapshot(info)
    cache = request.__dict__.setdefault("_graphql_edition_releases", {})
    key = (locale.pk, snapshots)
    found = cache.get(key)
    if found is None or edition["year"] not in found:
        years = set(request.__dict__.get("_graphql_editions", {}).get(locale.pk, ()))
        years.add(edition["year"])
        found = {**(found or {}), **selectors.release_lists(years=years, snapshots=snapshots)}
        for year in years:
            found.setdefault(year, [])
        cache[key] = found
    return [
        release_data(info, release, year=edition["year"], language=locale.language_code)
        for release in found[edition["year"]]
    ]
