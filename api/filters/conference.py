"""Filters for sessions, editions, rooms, tracks, partners and pages.

FilterSets only validate parameters (and describe them in the OpenAPI schema); the cms selectors
do the filtering, so visibility is decided in one place.
"""

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from api.filters.common import (
    DateFilter,
    IntFilter,
    StableOrderingFilter,
    TranslatedRefFilter,
    UpdatedSinceFilter,
    bind_names,
)
from cms.conference.choices import EDITION_STATUS, PARTNER_ROLES, SESSION_LANGUAGES, SESSION_TYPES

YEAR_HELP = "Edition year, e.g. 2025."


@extend_schema_field(OpenApiTypes.INT)
class YearFilter(IntFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1900)
        kwargs.setdefault("max_value", 2999)
        kwargs.setdefault("help_text", YEAR_HELP)
        super().__init__(*args, **kwargs)


@extend_schema_field(OpenApiTypes.INT)
class EditionRefFilter(IntFilter):
    """Edition page id (any locale): matches by the edition's year."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


@bind_names
class SessionFilter(django_filters.FilterSet):
    year = YearFilter()
    edition = EditionRefFilter(help_text="Edition id (any language).")
    day = DateFilter(help_text="Day, YYYY-MM-DD (conference time).")
    room = TranslatedRefFilter(slug_field=None, help_text="Room id.")
    track = TranslatedRefFilter(help_text="Track id or slug.")
    type = django_filters.ChoiceFilter(choices=SESSION_TYPES, help_text="Session type.")
    topic = TranslatedRefFilter(help_text="Topic id or slug.")
    industry = TranslatedRefFilter(help_text="Industry id or slug.")
    speaker = TranslatedRefFilter(help_text="Speaker (person) id or slug.")
    language = django_filters.ChoiceFilter(choices=SESSION_LANGUAGES, help_text="Session language.")
    updated_since = UpdatedSinceFilter(help_text="ISO 8601 date-time.")
    ordering = StableOrderingFilter(
        fields=(("start", "start"), ("title", "title"), ("last_published_at", "updated")),
        help_text="start, title or updated; prefix with - to reverse.",
    )


@bind_names
class EditionFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=EDITION_STATUS)
    updated_since = UpdatedSinceFilter()


@bind_names
class EditionChildFilter(django_filters.FilterSet):
    """Rooms (and, as TrackFilter, tracks): by edition year or edition id."""

    year = YearFilter()
    edition = EditionRefFilter(help_text="Edition id (any language).")


@bind_names
class TrackFilter(EditionChildFilter):
    pass


@bind_names
class PartnerFilter(django_filters.FilterSet):
    year = YearFilter()
    role = django_filters.ChoiceFilter(choices=PARTNER_ROLES, help_text="Partnership role.")


@bind_names
class PageFilter(django_filters.FilterSet):
    type = django_filters.ChoiceFilter(
        choices=[("news", "News"), ("standard", "Content page"), ("venue", "Venue")],
        help_text="Page type.",
    )
    year = YearFilter()
    updated_since = UpdatedSinceFilter()
