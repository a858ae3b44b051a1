"""Base views: locale, parameter limits, caching headers, problem+json errors."""

from django.utils import translation
from rest_framework import generics, mixins
from rest_framework.response import Response
from wagtail.models import Page

from api.exceptions import NotFound
from api.filters.common import reference_errors, validated_filters
from api.http import apply_caching, check_query_size, parse_id, request_language
from cms.people.selectors import locale_for


class PublicView(generics.GenericAPIView):
    """Read-only public view. Subclasses implement `get_queryset` with selectors."""

    public = True
    locale = None  # set per request in initial(); None while the OpenAPI schema is built
    language = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_query_size(request)
        self.language = request_language(request)
        translation.activate(self.language)
        self.locale = locale_for(self.language)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["locale"] = getattr(self, "locale", None)
        context["language"] = getattr(self, "language", None)
        return context

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if getattr(self, "language", None):
            response["Content-Language"] = self.language
        return apply_caching(request, response, public=self.public)


class PublicListView(mixins.ListModelMixin, PublicView):
    """A paginated list of `select(filters)`; `localise(objects)` runs on the page of results.

    The FilterSet only validates the query parameters; the selector called by `select` filters,
    so what the public may see is decided in one place.
    """

    def select(self, filters):
        raise NotImplementedError

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            # The OpenAPI generator asks for a model, with no database or request; the FilterSets
            # describe every parameter themselves, so the model only has to exist.
            return Page.objects.none()
        return self.select({})

    def localise(self, objects):
        return objects

    def get(self, request, *args, **kwargs):
        return self.list(request, *args, **kwargs)

    def list(self, request, *args, **kwargs):
        filters = validated_filters(getattr(self, "filterset_class", None), request.query_params)
        with reference_errors():
            queryset = self.select(filters)
        page = list(self.paginate_queryset(queryset))
        page = self.localise(page)
        serializer = self.get_serializer(page, many=True)
        return self.get_paginated_response(serializer.data)


class PublicDetailView(PublicView):
    """One object by a numeric id in the URL; `get_object_or_none(pk)` uses selectors."""

    pagination_class = None
    filter_backends = []
    lookup_url_kwarg = "pk"

    def get_object_or_none(self, pk):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        pk = parse_id(kwargs[self.lookup_url_kwarg], field=self.lookup_url_kwarg)
        obj = self.get_object_or_none(pk)
        if obj is None:
            raise NotFound()
        return Response(self.get_serializer(obj).data)
