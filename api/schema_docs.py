"""OpenAPI building blocks shared by the views: locale parameters and error responses."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from api.params import ID_SCHEMA, MAX_YEAR, MIN_YEAR, YEAR_SCHEMA


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details."""

    type = serializers.URLField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Messages per parameter or field.",
    )


def problem_response(description):
    return OpenApiResponse(response=ProblemSerializer, description=description)


_problem = problem_response


PROBLEM = "application/problem+json"

ERRORS = {
    (400, PROBLEM): _problem("Malformed id, date, unknown filter value or oversized parameter."),
    (404, PROBLEM): _problem("Nothing published at this address."),
    (429, PROBLEM): _problem("Too many requests; retry after the seconds in Retry-After."),
}

LOCALE_PARAMETERS = [
    OpenApiParameter(
        "locale",
        str,
        OpenApiParameter.QUERY,
        enum=["bg", "en"],
        description="Content language; falls back to the other language. Default: the "
        "Accept-Language header, else bg.",
    ),
    OpenApiParameter(
        "Accept-Language",
        str,
        OpenApiParameter.HEADER,
        description="Used when no locale parameter is given.",
    ),
]

YEAR_PATH = OpenApiParameter(
    "year", YEAR_SCHEMA, OpenApiParameter.PATH, description=f"Edition year, {MIN_YEAR}-{MAX_YEAR}."
)
ID_PATH = OpenApiParameter("id", ID_SCHEMA, OpenApiParameter.PATH, description="Numeric id.")


def only_public_api(endpoints, **kwargs):
    """drf-spectacular hook: document /api/v1/ only (not Wagtail's admin APIs)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
