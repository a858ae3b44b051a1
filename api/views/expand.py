"""`expand=`: list items are lean; a client names the extra fields it wants."""

from drf_spectacular.utils import OpenApiParameter

from api.params import expand_schema, parse_expand


def expand_parameter(choices, description):
    """The OpenAPI description of `expand`: a comma-separated list of `choices`."""
    return OpenApiParameter(
        "expand",
        expand_schema(choices),
        OpenApiParameter.QUERY,
        style="form",
        explode=False,
        description=f"{description} Comma-separated, each value at most once; an unknown "
        "value is a 400.",
    )


class ExpandMixin:
    """For a list view: `expand` is parsed when the list is rendered (a 400 for an unknown or
    repeated value) and handed to the serializer as the context's `expand` set.

    While the OpenAPI schema is built no request was parsed, the context's `expand` is None and
    the serializer declares every field it can give.
    """

    expansions = ()
    expand = None

    def list(self, request, *args, **kwargs):
        self.expand = parse_expand(request.query_params.getlist("expand"), choices=self.expansions)
        return super().list(request, *args, **kwargs)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["expand"] = self.expand
        return context
