"""One exception hierarchy for the API and one handler that answers in RFC 9457 problem+json."""

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_BASE = "https://conference.example/problems/"


class ApiError(exceptions.APIException):
    """Base of every error the API raises on purpose."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "The request could not be served."
    default_code = "error"


class BadRequest(ApiError):
    """Malformed input: an id, a date, a parameter that is too long, an unknown locale."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "The request is malformed."
    default_code = "bad_request"

    def __init__(self, detail=None, *, field=None, code=None):
        super().__init__(detail, code)
        self.field = field


class NotFound(ApiError):
    status_code = status.HTTP_404_NOT_FOUND
    default_detail = "Nothing published matches this address."
    default_code = "not_found"


class PreviewTokenInvalid(ApiError):
    status_code = status.HTTP_403_FORBIDDEN
    default_detail = "The preview token is invalid or has expired."
    default_code = "preview_token_invalid"


TITLES = {
    400: "Bad request",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    415: "Unsupported media type",
    429: "Too many requests",
    500: "Internal server error",
}


def _flatten(detail):
    """DRF error detail -> {field: [message, ...]}."""
    if isinstance(detail, dict):
        errors = {}
        for key, value in detail.items():
            for sub_key, messages in _flatten(value).items():
                name = f"{key}.{sub_key}" if sub_key else str(key)
                errors[name] = messages
        return errors
    if isinstance(detail, list):
        messages = []
        for item in detail:
            if isinstance(item, (dict, list)):
                for sub in _flatten(item).values():
                    messages.extend(sub)
            else:
                messages.append(str(item))
        return {"": messages}
    return {"": [str(detail)]}


def problem(*, status_code, detail, code, instance, errors=None):
    body = {
        "type": PROBLEM_BASE + code,
        "title": TITLES.get(status_code, "Error"),
        "status": status_code,
        "detail": detail,
        "instance": instance,
    }
    if errors:
        body["errors"] = errors
    return body


def problem_exception_handler(exc, context):
    """DRF exception handler: every error as application/problem+json, never a stack trace."""
    if isinstance(exc, Http404):
        exc = NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    request = context.get("request")
    instance = request.path if request is not None else None
    if response is None:
        logger.exception("Unhandled API error", exc_info=exc)
        response = Response(status=500)
        code, detail, errors = "server_error", "The server could not answer this request.", None
    elif isinstance(exc, exceptions.ValidationError):
        errors = {(k or "non_field_errors"): v for k, v in _flatten(exc.detail).items()}
        code = "invalid_parameters"
        detail = "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in errors.items())
    else:
        detail = str(exc.detail) if hasattr(exc, "detail") else str(exc)
        code = getattr(exc, "default_code", "error")
        codes = exc.get_codes() if hasattr(exc, "get_codes") else None
        if isinstance(codes, str):
            code = codes
        errors = None
        field = getattr(exc, "field", None)
        if field:
            errors = {field: [detail]}
    response.data = problem(
        status_code=response.status_code,
        detail=detail,
        code=code,
        instance=instance,
        errors=errors,
    )
    response.content_type = PROBLEM_CONTENT_TYPE
    response["Cache-Control"] = "no-store"
    return response


def problem_response(request, *, status_code, detail, code):
    """A problem+json answer outside DRF (unknown /api/ paths, GraphQL throttling)."""
    return JsonResponse(
        problem(status_code=status_code, detail=detail, code=code, instance=request.path),
        status=status_code,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )


def api_not_found(request, *args, **kwargs):
    return problem_response(
        request, status_code=404, detail="No API route matches this address.", code="not_found"
    )
