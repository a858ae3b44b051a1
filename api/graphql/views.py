"""The GraphQL endpoint: throttled like REST, size/depth/cost limits, a time limit, no CSRF."""

import hashlib
import json
import time
from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.http import HttpResponseBadRequest, HttpResponseNotAllowed
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView as BaseGraphQLView
from graphene_django.views import HttpError
from graphql import (
    ExecutionResult,
    GraphQLError,
    MiddlewareManager,
    OperationType,
    execute,
    get_operation_ast,
)

from api.caching import ResponseCache
from api.exceptions import ApiError, problem_response
from api.graphql.validation import parse_query, validate_document
from api.http import request_language
from api.throttling import AnonRateThrottle
from cms.core import versions

QUERY_CANCELED = "57014"  # PostgreSQL: canceling statement due to statement timeout


def answered_without_errors(body):
    """Only complete answers are kept: one with errors (a time limit, a bad argument) is not."""
    try:
        return "errors" not in json.loads(body)
    except ValueError:
        return False


class TimeLimitExceeded(GraphQLError):
    def __init__(self, seconds):
        super().__init__(
            f"The query ran longer than the time limit of {seconds:g} s and was stopped. "
            "Ask for fewer fields, or pass a smaller limit to list fields.",
            extensions={"code": "TIME_LIMIT_EXCEEDED"},
        )


def _query_canceled(error):
    cause = error.__cause__
    return getattr(cause, "sqlstate", None) == QUERY_CANCELED


class DeadlineMiddleware:
    """graphql-core middleware: no resolver starts after the deadline; a cancelled SQL
    statement (statement_timeout) ends the request the same way."""

    def __init__(self, deadline, seconds):
        self.deadline = deadline
        self.seconds = seconds
        self.expired = False

    def resolve(self, next_, root, info, **arguments):
        if self.expired or time.monotonic() >= self.deadline:
            self.expired = True
            raise TimeLimitExceeded(self.seconds)
        try:
            return next_(root, info, **arguments)
        except DatabaseError as error:
            if _query_canceled(error):
                self.expired = True
                raise TimeLimitExceeded(self.seconds) from error
            raise


@contextmanager
def statement_timeout(seconds):
    """A transaction in which no SQL statement runs longer than `seconds` (PostgreSQL).

    SET LOCAL ends with the transaction; inside an outer transaction the previous value is
    restored explicitly.
    """
    with transaction.atomic():
        postgres = connection.vendor == "postgresql"
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT current_setting('statement_timeout'), "
                    "set_config('statement_timeout', %s, true)",
                    [f"{max(1, int(seconds * 1000))}ms"],
                )
                previous = cursor.fetchone()[0]
        yield
        if postgres and not transaction.get_rollback():
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('statement_timeout', %s, true)", [previous])


@method_decorator(csrf_exempt, name="dispatch")
class GraphQLView(BaseGraphQLView):
    def dispatch(self, request, *args, **kwargs):
        throttle = AnonRateThrottle()
        if not throttle.allow_request(request, self):
            wait = throttle.wait()
            response = problem_response(
                request,
                status_code=429,
                detail="Request was throttled.",
                code="throttled",
            )
            if wait is not None:
                response["Retry-After"] = str(max(1, int(wait)))
            return response
        cached = self.response_cache(request)
        response = cached.answer() if cached is not None else None
        if response is None:
            try:
                # graphene-django decorates dispatch with ensure_csrf_cookie; this endpoint sets
                # no cookies (cacheable answers, no sessions), so call the undecorated method.
                response = BaseGraphQLView.dispatch.__wrapped__(self, request, *args, **kwargs)
            except BaseException:
                if cached is not None:
                    cached.release()
                raise
        if cached is not None:
            response = cached.finish(response, store=answered_without_errors)
            if request.method == "POST":  # answers to POST are not for HTTP caches
                for header in ("ETag", "Last-Modified"):
                    if header in response:
                        del response[header]
        if request.method in ("GET", "POST") and response.status_code == 200:
            response["Cache-Control"] = (
                "no-store" if request.method == "POST" else "public, max-age=60"
            )
        return response

    def response_cache(self, request):
        """The cache of a query's answer (api.caching), or None: GraphiQL, other methods."""
        if (
            request.method not in ("GET", "POST")
            or self.graphiql
            and self.can_display_graphiql(request, {})
        ):
            return None
        try:
            language = request_language(request)
        except ApiError:
            language = ""
        extra = ["graphql", request.method, request.content_type]
        if request.method == "POST":
            extra.append(hashlib.sha256(request.body).hexdigest())
        cached = ResponseCache(
            request,
            scopes=[versions.ALL, versions.SEARCH],
            language=language,
            extra=extra,
            conditional=request.method == "GET",
        )
        return cached if cached.active else None

    def get_response(self, request, data, show_graphiql=False):
        result, status_code = super().get_response(request, data, show_graphiql)
        if getattr(request, "_graphql_time_limit_exceeded", False):
            status_code = 503
        return result, status_code

    def execute_graphql_request(
        self, request, data, query, variables, operation_name, show_graphiql=False
    ):
        """graphene-django's steps, with our limits: size before parsing, the standard rules
        and ours before execution, and a deadline during it."""
        started = time.monotonic()
        if not query:
            if show_graphiql:
                return None
            raise HttpError(HttpResponseBadRequest("Must provide query string."))
        if not isinstance(query, str):
            return ExecutionResult(errors=[GraphQLError("The query must be a string.")])
        if variables is not None and not isinstance(variables, dict):
            return ExecutionResult(errors=[GraphQLError("Variables must be a JSON object.")])
        try:
            document = parse_query(query)
        except GraphQLError as error:
            return ExecutionResult(errors=[error])

        operation_ast = get_operation_ast(document, operation_name)
        if (
            request.method.lower() == "get"
            and operation_ast is not None
            and operation_ast.operation != OperationType.QUERY
        ):
            if show_graphiql:
                return None
            raise HttpError(
                HttpResponseNotAllowed(
                    ["POST"],
                    f"Can only perform a {operation_ast.operation.value} operation from a "
                    "POST request.",
                )
            )

        schema = self.schema.graphql_schema
        validation_errors = validate_document(schema, document, variables)
        if validation_errors:
            return ExecutionResult(data=None, errors=validation_errors)

        seconds = settings.API_GRAPHQL_TIME_LIMIT
        deadline = DeadlineMiddleware(started + seconds, seconds)
        extra = self.get_middleware(request) or ()
        if isinstance(extra, MiddlewareManager):
            extra = extra.middlewares
        middleware = [deadline, *extra]
        try:
            with statement_timeout(max(deadline.deadline - time.monotonic(), 0.05)):
                result = execute(
                    schema,
                    document,
                    root_value=self.get_root_value(request),
                    context_value=self.get_context(request),
                    variable_values=variables,
                    operation_name=operation_name,
                    middleware=middleware,
                    execution_context_class=self.execution_context_class,
                )
                if deadline.expired or any(
                    isinstance(getattr(e, "original_error", None), DatabaseError)
                    for e in result.errors or ()
                ):
                    # An aborted transaction can only be rolled back; nothing was written.
                    transaction.set_rollback(True)
        except Exception as error:  # noqa: BLE001 - graphene-django answers these as errors
            return ExecutionResult(errors=[error])
        if deadline.expired:
            request._graphql_time_limit_exceeded = True
            return ExecutionResult(data=None, errors=[TimeLimitExceeded(seconds)])
        return result
