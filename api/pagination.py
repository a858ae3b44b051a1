"""Page-number pagination with strict parameters: bad numbers are a 400, not a silent default."""

from rest_framework import pagination

from api.exceptions import NotFound
from api.params import int_schema, parse_int

MAX_PAGE_SIZE = 100
MAX_PAGE = 10**9 - 1


class PageNumberPagination(pagination.PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        return parse_int(raw, field="page_size", min_value=1, max_value=self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.get(self.page_query_param, "1")
        parse_int(raw, field="page", min_value=1, max_value=MAX_PAGE)
        try:
            return super().paginate_queryset(queryset, request, view)
        except pagination.NotFound as exc:
            raise NotFound("This page of results does not exist.") from exc

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        ranges = {
            self.page_query_param: (1, MAX_PAGE),
            self.page_size_query_param: (1, self.max_page_size),
        }
        for parameter in parameters:
            if parameter["name"] in ranges:
                parameter["schema"] = int_schema(*ranges[parameter["name"]])
        return parameters
