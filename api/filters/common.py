"""Filters shared by the domains: references by id or slug, strict ordering, updated_since."""

import django_filters
from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.drainage import set_override
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError

from api.params import (
    DATETIME_HELP,
    MAX_ID,
    DateParamField,
    DateTimeParamField,
    IntParamField,
    int_or_none,
    int_schema,
)


class RefField(forms.CharField):
    """An id (digits) or a slug."""

    def clean(self, value):
        value = super().clean(value)
        if value in (None, ""):
            return value
        if value.isascii() and value.isdigit():
            if int_or_none(value) is None:
                raise forms.ValidationError("Not a valid id.")
            return value
        if not forms.SlugField().clean(value):
            raise forms.ValidationError("Give an id or a slug.")
        return value


@extend_schema_field(OpenApiTypes.STR)
class TranslatedRefFilter(django_filters.Filter):
    """Matches a related translatable object given by id (any locale) or slug.

    Filters on `<field_name>__translation_key`, so a Bulgarian id also finds English content.
    An id or slug that names nothing is a 400, not an empty list.
    """

    field_class = RefField

    def __init__(self, *args, model, slug_field="slug", **kwargs):
        self.ref_model = model
        self.slug_field = slug_field
        super().__init__(*args, **kwargs)

    def keys(self, value):
        if value.isdigit():
            qs = self.ref_model.objects.filter(pk=int(value))
        elif self.slug_field:
            qs = self.ref_model.objects.filter(**{self.slug_field: value})
        else:
            qs = self.ref_model.objects.none()
        keys = list(qs.values_list("translation_key", flat=True))
        if not keys:
            raise ValidationError({self.field_name_param: [f"Unknown {self.label_name}: {value}."]})
        return keys

    @property
    def field_name_param(self):
        return self.parent_name

    @property
    def label_name(self):
        return self.ref_model._meta.verbose_name

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        return qs.filter(**{f"{self.field_name}__translation_key__in": self.keys(value)})


def bind_names(filterset_class):
    """Let TranslatedRefFilter know the query parameter it was declared as."""
    for name, flt in filterset_class.base_filters.items():
        flt.parent_name = name
    return filterset_class


class StableOrderingFilter(django_filters.OrderingFilter):
    """Ordering with an id tie-breaker, so pages never overlap."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        if value:
            return qs.order_by(*qs.query.order_by, "pk")
        return qs


class IntFilter(django_filters.Filter):
    """An integer in ASCII digits within [min_value, max_value] (else a 400), so documented."""

    field_class = IntParamField

    def __init__(self, *args, min_value=1, max_value=MAX_ID, **kwargs):
        super().__init__(*args, min_value=min_value, max_value=max_value, **kwargs)
        set_override(self, "field", int_schema(min_value, max_value))


class DateFilter(django_filters.Filter):
    """A YYYY-MM-DD date within a sane range (else a 400)."""

    field_class = DateParamField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        set_override(self, "field", {"type": "string", "format": "date"})


class UpdatedSinceFilter(django_filters.Filter):
    """Changed at or after an ISO 8601 date-time within a sane range (else a 400)."""

    field_class = DateTimeParamField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", DATETIME_HELP)
        super().__init__(*args, **kwargs)
        set_override(self, "field", {"type": "string", "format": "date-time"})
