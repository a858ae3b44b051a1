"""Page-number pagination with strict parameters: bad numbers are a 400, not a silent default."""

from rest_framework import pagination

from api.exceptions import BadRequest, NotFound

MAX_PAGE_SIZE = 100


class PageNumberPagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise BadRequest(
                f"page_size must be a whole number from 1 to {self.max_page_size}.",
                field="page_size",
            )
        return int(raw)

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.get(self.page_query_param, "1")
        if not raw.isdigit() or int(raw) < 1 or len(raw) > 9:
            raise BadRequest("page must be a whole number from 1.", field="page")
        try:
            return super().paginate_queryset(queryset, request, view)
        except pagination.NotFound as exc:
            raise NotFound("This page of results does not exist.") from exc
