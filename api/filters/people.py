"""Filters for speakers and organisations."""

import django_filters
from django.db.models import Exists, OuterRef

from api.filters.common import (
    StableOrderingFilter,
    TranslatedRefFilter,
    UpdatedSinceFilter,
    bind_names,
)
from api.filters.conference import YearFilter
from cms.conference.models import Partnership, SessionPage, SessionSpeaker
from cms.people.models import Organisation, Person


class AppearsInYearFilter(YearFilter):
    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        from django.db.models import F
        from django.db.models.functions import Substr
        from wagtail.models import Page

        sessions = SessionPage.objects.annotate(
            parent_path=Substr("path", 1, (F("depth") - 1) * Page.steplen)
        ).filter(
            Exists(Page.objects.filter(path=OuterRef("parent_path"), editionpage__year=int(value)))
        )
        keys = SessionSpeaker.objects.filter(session__in=sessions).values("person__translation_key")
        return qs.filter(translation_key__in=keys)


@bind_names
class SpeakerFilter(django_filters.FilterSet):
    year = AppearsInYearFilter(help_text="Only people appearing in this edition year.")
    organisation = TranslatedRefFilter(
        field_name="organisation", model=Organisation, help_text="Organisation id or slug."
    )
    updated_since = UpdatedSinceFilter(field_name="last_published_at", lookup_expr="gte")
    ordering = StableOrderingFilter(fields=(("name", "name"), ("last_published_at", "updated")))

    class Meta:
        model = Person
        fields = []


class PartnersInYearFilter(YearFilter):
    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        keys = Partnership.objects.filter(edition__year=int(value)).values(
            "organisation__translation_key"
        )
        return qs.filter(translation_key__in=keys)


@bind_names
class OrganisationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Organisation.Kind.choices)
    year = PartnersInYearFilter(help_text="Only partners of this edition year.")
    updated_since = UpdatedSinceFilter(field_name="last_published_at", lookup_expr="gte")
    ordering = StableOrderingFilter(fields=(("name", "name"), ("last_published_at", "updated")))

    class Meta:
        model = Organisation
        fields = []
