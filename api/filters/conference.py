"""Filters for sessions, editions, rooms, tracks, partners and pages."""

import django_filters
from django.db.models import Exists, OuterRef
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from wagtail.models import Page

from api.filters.common import (
    DateFilter,
    IntFilter,
    StableOrderingFilter,
    TranslatedRefFilter,
    UpdatedSinceFilter,
    bind_names,
)
from cms.conference.models import (
    EditionPage,
    Partnership,
    Room,
    SessionPage,
    SessionSpeaker,
    Track,
)
from cms.people.models import Industry, Person, Topic

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

    def __init__(self, *args, year_field="edition_year", **kwargs):
        self.year_field = year_field
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        from rest_framework.exceptions import ValidationError

        if value in (None, ""):
            return qs
        year = EditionPage.objects.filter(pk=int(value)).values_list("year", flat=True).first()
        if year is None:
            raise ValidationError({"edition": [f"Unknown edition: {int(value)}."]})
        return qs.filter(**{self.year_field: year})


class SpeakerRefFilter(TranslatedRefFilter):
    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        return qs.filter(
            Exists(
                SessionSpeaker.objects.filter(
                    session=OuterRef("pk"), person__translation_key__in=self.keys(value)
                )
            )
        )


@bind_names
class SessionFilter(django_filters.FilterSet):
    year = YearFilter(field_name="edition_year")
    edition = EditionRefFilter(help_text="Edition id (any language).")
    day = DateFilter(
        field_name="start", lookup_expr="date", help_text="Day, YYYY-MM-DD (conference time)."
    )
    room = TranslatedRefFilter(field_name="room", model=Room, slug_field=None, help_text="Room id.")
    track = TranslatedRefFilter(field_name="track", model=Track, help_text="Track id or slug.")
    type = django_filters.ChoiceFilter(
        field_name="session_type", choices=SessionPage.Type.choices, help_text="Session type."
    )
    topic = TranslatedRefFilter(field_name="topics", model=Topic, help_text="Topic id or slug.")
    industry = TranslatedRefFilter(
        field_name="industries", model=Industry, help_text="Industry id or slug."
    )
    speaker = SpeakerRefFilter(model=Person, help_text="Speaker (person) id or slug.")
    language = django_filters.ChoiceFilter(
        choices=SessionPage.Language.choices, help_text="Session language."
    )
    updated_since = UpdatedSinceFilter(
        field_name="last_published_at", lookup_expr="gte", help_text="ISO 8601 date-time."
    )
    ordering = StableOrderingFilter(
        fields=(("start", "start"), ("title", "title"), ("last_published_at", "updated")),
        help_text="start, title or updated; prefix with - to reverse.",
    )

    class Meta:
        model = SessionPage
        fields = []

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if {"topic", "industry"} & {k for k, v in self.form.cleaned_data.items() if v}:
            queryset = queryset.distinct()
        return queryset


@bind_names
class EditionFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=EditionPage.Status.choices)
    updated_since = UpdatedSinceFilter(field_name="last_published_at", lookup_expr="gte")

    class Meta:
        model = EditionPage
        fields = []


@bind_names
class EditionChildFilter(django_filters.FilterSet):
    """Rooms (and, as TrackFilter, tracks): by edition year or edition id."""

    year = YearFilter(field_name="edition__year")
    edition = EditionRefFilter(year_field="edition__year", help_text="Edition id (any language).")

    class Meta:
        model = Room
        fields = []


@bind_names
class TrackFilter(EditionChildFilter):
    class Meta:
        model = Track
        fields = []


@bind_names
class PartnerFilter(django_filters.FilterSet):
    year = YearFilter(field_name="year")
    role = django_filters.ChoiceFilter(
        choices=Partnership.Role.choices, method="filter_role", help_text="Partnership role."
    )

    class Meta:
        model = EditionPage
        fields = []

    def filter_role(self, queryset, name, value):
        # The role narrows the groups shown; editions without that role are left out.
        return queryset.filter(partnerships__role=value).distinct()


@bind_names
class PageFilter(django_filters.FilterSet):
    type = django_filters.ChoiceFilter(
        choices=[("news", "News"), ("standard", "Content page"), ("venue", "Venue")],
        method="filter_type",
        help_text="Page type.",
    )
    year = YearFilter(field_name="edition_year")
    updated_since = UpdatedSinceFilter(field_name="last_published_at", lookup_expr="gte")

    class Meta:
        model = Page
        fields = []

    def filter_type(self, queryset, name, value):
        from cms.conference.models import NewsPage, StandardPage, VenuePage

        model = {"news": NewsPage, "standard": StandardPage, "venue": VenuePage}[value]
        return queryset.type(model)
