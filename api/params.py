"""Strict parsing of path and query parameters: ASCII-digit integers and dates within a range.

Every id, year, page number and date the public API reads goes through here, so a value that
`str.isdigit()` accepts but `int()` does not (`²`), full-width digits (`１２`), signs, huge numbers
and dates whose conversion to UTC overflows are a 400 problem+json, never a 500.
"""

import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_date as django_parse_date
from django.utils.dateparse import parse_datetime as django_parse_datetime

from api.exceptions import BadRequest

MAX_ID = 2**63 - 1
MIN_YEAR = 1900
MAX_YEAR = 2999

_DIGITS = re.compile(r"[0-9]{1,19}", re.ASCII)

# A date or date-time written with a year in [MIN_YEAR, MAX_YEAR] (the schema's `pattern`).
YEAR_PREFIX_PATTERN = r"^(19[0-9]{2}|2[0-9]{3})-"
DATE_SCHEMA = {"type": "string", "format": "date", "pattern": YEAR_PREFIX_PATTERN}
DATETIME_SCHEMA = {"type": "string", "format": "date-time", "pattern": YEAR_PREFIX_PATTERN}
ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
YEAR_SCHEMA = {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR}
DATE_HELP = f"YYYY-MM-DD, years {MIN_YEAR}-{MAX_YEAR}."
DATETIME_HELP = (
    f"ISO 8601 date-time (e.g. 2025-10-01T09:00:00+03:00), years {MIN_YEAR}-{MAX_YEAR}; "
    "without an offset, conference time."
)


def int_schema(min_value, max_value):
    return {"type": "integer", "minimum": min_value, "maximum": max_value}


def int_or_none(value, *, min_value=1, max_value=MAX_ID):
    """The integer `value` stands for when it is 1-19 ASCII digits within the range, else None."""
    if not isinstance(value, str) or not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if min_value <= number <= max_value else None


def parse_int(value, *, field, min_value=1, max_value=MAX_ID):
    """An integer parameter in [min_value, max_value] written in ASCII digits, else a 400."""
    number = int_or_none(value, min_value=min_value, max_value=max_value)
    if number is None:
        raise BadRequest(
            f"{field} must be a whole number from {min_value} to {max_value}.", field=field
        )
    return number


def parse_id(value, *, field="id"):
    """A positive integer id from a URL or parameter, else a 400."""
    return parse_int(value, field=field, min_value=1, max_value=MAX_ID)


def parse_year(value, *, field="year"):
    return parse_int(value, field=field, min_value=MIN_YEAR, max_value=MAX_YEAR)


def date_or_none(value):
    """A date in YYYY-MM-DD (ASCII) within the sane year range, else None."""
    if not isinstance(value, str) or not value.isascii():
        return None
    try:
        parsed = django_parse_date(value.strip())
    except ValueError:
        return None
    if parsed is None or not MIN_YEAR <= parsed.year <= MAX_YEAR:
        return None
    return parsed


def datetime_or_none(value):
    """An aware datetime from ISO 8601 (ASCII) within the sane year range, else None.

    A value without an offset is read in the current time zone. The range applies to the year as
    written; an offset moves it by at most a day, which Python and the database represent.
    """
    if not isinstance(value, str) or not value.isascii():
        return None
    try:
        parsed = django_parse_datetime(value.strip())
    except ValueError:
        return None
    if parsed is None or not MIN_YEAR <= parsed.year <= MAX_YEAR:
        return None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    try:
        parsed.astimezone(datetime.UTC)
    except (OverflowError, ValueError):
        return None
    return parsed


class DateParamField(forms.Field):
    """Form field for django-filter: a date within the sane range. An absent parameter is no
    filter; an empty one (`day=`) is a 400, as the schema's format says."""

    def to_python(self, value):
        if value is None:
            return None
        parsed = date_or_none(value)
        if parsed is None:
            raise forms.ValidationError(f"Give a date as {DATE_HELP}", code="invalid")
        return parsed


class DateTimeParamField(forms.Field):
    """Form field for django-filter: an aware date-time within the sane range. An absent
    parameter is no filter; an empty one (`updated_since=`) is a 400."""

    def to_python(self, value):
        if value is None:
            return None
        parsed = datetime_or_none(value)
        if parsed is None:
            raise forms.ValidationError(f"Give a date-time as {DATETIME_HELP}", code="invalid")
        return parsed


class IntParamField(forms.Field):
    """Form field for django-filter: ASCII digits within [min_value, max_value]. An absent
    parameter is no filter; an empty one (`year=`) is a 400."""

    def __init__(self, *args, min_value=1, max_value=MAX_ID, **kwargs):
        self.min_value = min_value
        self.max_value = max_value
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value is None:
            return None
        number = int_or_none(value, min_value=self.min_value, max_value=self.max_value)
        if number is None:
            raise forms.ValidationError(
                f"Give a whole number from {self.min_value} to {self.max_value}.", code="invalid"
            )
        return number


def expand_schema(choices):
    """The OpenAPI schema of a comma-separated `expand` list drawn from `choices`."""
    return {
        "type": "array",
        "items": {"type": "string", "enum": list(choices)},
        "uniqueItems": True,
        "maxItems": len(choices),
    }


def parse_expand(values, *, choices, field="expand"):
    """The set of names in comma-separated `values` (the parameter's values, repeated or not),
    each one of `choices` and given at most once; else a 400 naming the parameter.

    No parameter, or an empty one, expands nothing.
    """
    names = [name for value in values for name in value.split(",")] if any(values) else []
    for name in names:
        if name not in choices:
            raise BadRequest(
                f"Unknown {field} value {name[:30]!r}; give a comma-separated list of "
                f"{', '.join(choices)}.",
                field=field,
            )
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise BadRequest(
            f"Give each {field} value once ({', '.join(repeated)} repeated).", field=field
        )
    return frozenset(names)


# A release's name as editors may write it (cms.conference.models.VERSION_PATTERN: the API may
# not import models; a test keeps the two equal) or "latest".
VERSION_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$"
VERSION_SCHEMA = {"type": "string", "pattern": VERSION_PATTERN, "minLength": 1, "maxLength": 32}


def parse_version(value, *, field="version"):
    """A release name (1-32 ASCII letters, digits, dots, hyphens, underscores, starting with a
    letter or digit; "latest" for the newest), else a 400."""
    if not isinstance(value, str) or not re.fullmatch(VERSION_PATTERN, value, re.ASCII):
        raise BadRequest(
            f"{field} must be a release name such as v2 or latest: 1-32 Latin letters, digits, "
            "dots, hyphens or underscores, starting with a letter or digit.",
            field=field,
        )
    return value
