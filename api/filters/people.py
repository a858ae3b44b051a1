"""Filters for speakers and organisations (validation only; the selectors filter)."""

import django_filters

from api.filters.common import (
    StableOrderingFilter,
    TranslatedRefFilter,
    UpdatedSinceFilter,
    bind_names,
)
from api.filters.conference import YearFilter
from cms.people.choices import ORGANISATION_KINDS


@bind_names
class SpeakerFilter(django_filters.FilterSet):
    year = YearFilter(help_text="Only people appearing in this edition year.")
    organisation = TranslatedRefFilter(help_text="Organisation id or slug.")
    updated_since = UpdatedSinceFilter()
    ordering = StableOrderingFilter(fields=(("name", "name"), ("last_published_at", "updated")))


@bind_names
class OrganisationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=ORGANISATION_KINDS)
    year = YearFilter(help_text="Only partners of this edition year.")
    updated_since = UpdatedSinceFilter()
    ordering = StableOrderingFilter(fields=(("name", "name"), ("last_published_at", "updated")))
