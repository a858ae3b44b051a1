"""Shared GraphQL pieces: locale, filter arguments through the REST FilterSets, images."""

import graphene
from django.utils import translation
from graphene.utils.str_converters import to_snake_case
from graphql import FieldNode, FragmentSpreadNode, GraphQLError, InlineFragmentNode
from rest_framework.exceptions import ValidationError as DRFValidationError

from api.exceptions import ApiError
from api.filters.common import reference_errors, validated_filters
from api.http import language_codes, request_language
from api.params import int_or_none
from cms.people.selectors import locale_for

MAX_LIMIT = 500
DEFAULT_LIMIT = 100


class ImageUrls(graphene.ObjectType):
    """One absolute URL per size name. Each image field has its own sizes: photos square and
    thumbnail, logos logo and logoSmall, hero images and news pictures hero and card."""

    square = graphene.String(description="400x400, cropped")
    thumbnail = graphene.String(description="160x160, cropped")
    logo = graphene.String(description="At most 400x200")
    logo_small = graphene.String(description="At most 200x100")
    hero = graphene.String(description="1200x500, cropped")
    card = graphene.String(description="800 wide")


class Image(graphene.ObjectType):
    alt = graphene.String(required=True)
    width = graphene.Int(required=True, description="Of the original (aspect ratio).")
    height = graphene.Int(required=True, description="Of the original.")
    urls = graphene.Field(ImageUrls, required=True)


def locale_argument():
    return graphene.String(description="bg or en; default: Accept-Language, else bg.")


def context_locale(info, code=None):
    """(Locale, language code) from the argument, else the request; a clear error if unknown."""
    request = info.context
    if code is not None and code not in language_codes():
        raise GraphQLError(
            f"Unknown locale {code[:20]!r}; use one of {', '.join(language_codes())}."
        )
    if code is None:
        try:
            code = request_language(request)
        except ApiError as exc:
            raise GraphQLError(str(exc.detail)) from exc
    translation.activate(code)
    cache = request.__dict__.setdefault("_graphql_locales", {})
    if code not in cache:
        cache[code] = locale_for(code)
    return cache[code], code


def serializer_context(info, locale, fields=None):
    """`fields`: the names of the fields asked for (`requested_fields`), for a serializer that
    renders only those; None for all."""
    return {"request": info.context, "locale": locale, "fields": fields}


def requested_fields(info):
    """The (snake_case) names of the fields the query selects on the objects of the field being
    resolved, through fragments and every place the field is asked for; None when a selection
    cannot be read (render every field then)."""
    names = set()
    pending = [node.selection_set for node in info.field_nodes]
    seen_fragments = set()
    while pending:
        selection_set = pending.pop()
        if selection_set is None:
            return None
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                if not selection.name.value.startswith("__"):
                    names.add(to_snake_case(selection.name.value))
            elif isinstance(selection, InlineFragmentNode):
                pending.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = info.fragments.get(name)
                if fragment is None:
                    return None
                if name not in seen_fragments:
                    seen_fragments.add(name)
                    pending.append(fragment.selection_set)
            else:
                return None
    return frozenset(names)


def apply_filters(filterset_class, arguments, select):
    """`select(filters)` with the arguments validated by the REST FilterSet.

    The selector filters (and owns visibility); invalid values and references to anything the
    public cannot see become the same GraphQL error as in REST.
    """
    data = {key: str(value) for key, value in arguments.items() if value is not None}
    try:
        filters = validated_filters(filterset_class, data)
        with reference_errors():
            return select(filters)
    except DRFValidationError as exc:
        raise GraphQLError(_message(exc.detail)) from exc


def _message(errors):
    parts = []
    for field, messages in errors.items():
        if isinstance(messages, (list, tuple)):
            messages = " ".join(str(m) for m in messages)
        parts.append(f"{field}: {messages}")
    return "Invalid arguments: " + "; ".join(parts)


def window(queryset, limit, offset):
    limit = DEFAULT_LIMIT if limit is None else limit
    offset = offset or 0
    if not 0 < limit <= MAX_LIMIT:
        raise GraphQLError(f"limit must be between 1 and {MAX_LIMIT}.")
    if offset < 0:
        raise GraphQLError("offset cannot be negative.")
    return list(queryset[offset : offset + limit])


def parse_gql_id(value):
    number = int_or_none(str(value))
    if number is None:
        raise GraphQLError("id must be a positive whole number.")
    return number
