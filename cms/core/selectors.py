"""What every selector shares: references given by the public, and ordering by public names.

A reference (an id or a slug a visitor typed into a filter) resolves only among objects the public
may see. Anything else, hidden or never created, raises the same UnknownReference, so a filter's
answer cannot tell a hidden object from a missing one.
"""


class UnknownReference(LookupError):
    """A filter named an object the public cannot see (or that does not exist)."""

    def __init__(self, field, value, label):
        self.field, self.value, self.label = field, value, label
        super().__init__(f"Unknown {label}: {value}.")


def ref_value(value):
    """(pk, None) for an id of ASCII digits, else (None, slug)."""
    if isinstance(value, int):
        return value, None
    text = str(value)
    if text.isascii() and text.isdigit():
        return int(text), None
    return None, text


def resolve_keys(queryset, value, *, field, label, slug_field="slug"):
    """translation_keys of the visible objects in `queryset` named by `value` (id or slug)."""
    pk, slug = ref_value(value)
    if pk is not None:
        matches = queryset.filter(pk=pk)
    elif slug_field:
        matches = queryset.filter(**{slug_field: slug})
    else:
        matches = queryset.none()
    keys = list(matches.values_list("translation_key", flat=True).distinct())
    if not keys:
        raise UnknownReference(field, value, label)
    return keys


def order(queryset, ordering, fields):
    """Order by public names (`-name` reverses), with the primary key as tie-breaker."""
    if not ordering:
        return queryset
    terms = []
    for name in ordering:
        descending = name.startswith("-")
        column = fields[name.lstrip("-")]
        terms.append(f"-{column}" if descending else column)
    return queryset.order_by(*terms, "pk")
