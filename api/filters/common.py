"""Filters shared by the domains: references by id or slug, strict ordering, updated_since."""

import re
from contextlib import contextmanager
from types import SimpleNamespace

import django_filters
from django import forms
from drf_spectacular.drainage import set_override
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError

from api.http import MAX_PARAM_LENGTH
from api.params import (
    DATE_SCHEMA,
    DATETIME_HELP,
    DATETIME_SCHEMA,
    MAX_ID,
    DateParamField,
    DateTimeParamField,
    IntParamField,
    int_or_none,
    int_schema,
)
from cms.core.selectors import UnknownReference

REF_PATTERN = r"^[-a-zA-Z0-9_]*$"
_REF = re.compile(r"[-a-zA-Z0-9_]+", re.ASCII)


class RefField(forms.CharField):
    """An id (digits) or a slug, taken as written (no stripping); empty is no filter."""

    def __init__(self, *args, **kwargs):
        kwargs["strip"] = False
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value in (None, ""):
            return value
        if value.isascii() and value.isdigit():
            if int_or_none(value) is None:
                raise forms.ValidationError("Not a valid id.")
            return value
        if not _REF.fullmatch(value):
            raise forms.ValidationError("Give an id or a slug.")
        return value


@extend_schema_field({"type": "string", "maxLength": MAX_PARAM_LENGTH, "pattern": REF_PATTERN})
class TranslatedRefFilter(django_filters.Filter):
    """An id (any locale) or slug of a related object; the selector resolves it among what the
    public may see, so a hidden object answers exactly like one that never existed."""

    field_class = RefField

    def __init__(self, *args, model=None, slug_field="slug", **kwargs):
        self.slug_field = slug_field
        super().__init__(*args, **kwargs)


def bind_names(filterset_class):
    """Name each filter after its query parameter (the FilterSets have no model to take labels
    from)."""
    for name, flt in filterset_class.base_filters.items():
        flt.parent_name = name
        if flt._label is None:
            flt.label = name.replace("_", " ")
    return filterset_class


class StableOrderingFilter(django_filters.OrderingFilter):
    """Ordering by public names (`-` reverses); the selector orders, with an id tie-breaker.

    The choices are the public names themselves, in English whatever the active language: the
    parent class would translate its labels once, in the language active at import.
    """

    def build_choices(self, fields, labels):
        choices = []
        for name in fields.values():
            choices += [(name, name), (f"-{name}", f"{name} (descending)")]
        return choices


_NO_QUERYSET = SimpleNamespace(model=None)  # the FilterSet never filters, so it needs none


def validated_filters(filterset_class, data):
    """The cleaned filter values of `data` (a QueryDict or dict), without empty ones.

    FilterSets only validate; selectors filter. Invalid values raise a DRF ValidationError.
    """
    if filterset_class is None:
        return {}
    filterset = filterset_class(data=data, queryset=_NO_QUERYSET)
    if not filterset.form.is_valid():
        raise ValidationError(filterset.form.errors)
    return {
        name: value
        for name, value in filterset.form.cleaned_data.items()
        if value not in (None, "", [], ())
    }


@contextmanager
def reference_errors():
    """A selector's UnknownReference becomes a 400 for the parameter that named it."""
    try:
        yield
    except UnknownReference as exc:
        raise ValidationError({exc.field: [str(exc)]}) from exc


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
        set_override(self, "field", DATE_SCHEMA)


class UpdatedSinceFilter(django_filters.Filter):
    """Changed at or after an ISO 8601 date-time within a sane range (else a 400)."""

    field_class = DateTimeParamField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", DATETIME_HELP)
        super().__init__(*args, **kwargs)
        set_override(self, "field", DATETIME_SCHEMA)
