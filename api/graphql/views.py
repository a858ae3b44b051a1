"""The GraphQL endpoint: throttled like REST, with depth and cost limits, no CSRF (no cookies)."""

from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView as BaseGraphQLView

from api.exceptions import problem_response
from api.graphql.validation import validation_rules
from api.throttling import AnonRateThrottle


@method_decorator(csrf_exempt, name="dispatch")
class GraphQLView(BaseGraphQLView):
    def __init__(self, **kwargs):
        kwargs.setdefault("validation_rules", validation_rules())
        super().__init__(**kwargs)

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
        response = super().dispatch(request, *args, **kwargs)
        if request.method in ("GET", "POST") and response.status_code == 200:
            response["Cache-Control"] = (
                "no-store" if request.method == "POST" else "public, max-age=60"
            )
        return response
