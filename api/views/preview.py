"""Draft preview for editors, through a signed, expiring token."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.response import Response

from api.exceptions import BadRequest, NotFound
from api.http import MAX_PARAM_LENGTH
from api.preview import preview_page
from api.schema_docs import ERRORS, PROBLEM, _problem
from api.serializers.conference import EditionDetailSerializer, SessionDetailSerializer
from api.serializers.pages import PageDetailSerializer
from api.views.base import PublicView
from cms.conference import selectors

SERIALIZERS = {
    "session": SessionDetailSerializer,
    "edition": EditionDetailSerializer,
    "news": PageDetailSerializer,
    "standard": PageDetailSerializer,
    "venue": PageDetailSerializer,
}


@extend_schema(
    tags=["preview"],
    parameters=[
        OpenApiParameter(
            "content_type",
            {"type": "string", "minLength": 1, "maxLength": MAX_PARAM_LENGTH},
            OpenApiParameter.QUERY,
            required=True,
            description="app_label.model, e.g. conference.sessionpage",
        ),
        OpenApiParameter(
            "token",
            {"type": "string", "minLength": 1, "maxLength": MAX_PARAM_LENGTH},
            OpenApiParameter.QUERY,
            required=True,
            description="Signed preview token from the Wagtail admin.",
        ),
    ],
    responses={
        200: OpenApiResponse(response=OpenApiTypes.OBJECT, description="The draft's content."),
        (403, PROBLEM): _problem("The token is forged or has expired."),
        **ERRORS,
    },
)
class PreviewView(PublicView):
    """A draft page's content, as the page's own detail route would show it once published."""

    public = False
    pagination_class = None
    filter_backends = []

    def get(self, request):
        content_type = request.query_params.get("content_type")
        token = request.query_params.get("token")
        if not content_type or not token:
            raise BadRequest(
                "Give content_type and token.", field="token" if content_type else "content_type"
            )
        page = preview_page(content_type=content_type, token=token)
        serializer_class = SERIALIZERS.get(selectors.preview_prepare(page))
        if serializer_class is None:
            raise NotFound("This kind of page has no preview.")
        context = self.get_serializer_context()
        data = serializer_class(page, context=context).data
        return Response({"content_type": content_type, "preview": True, "page": data})
