"""Base views: locale, parameter limits, the response cache and its headers, problem+json errors."""

from django.utils import translation
from rest_framework import generics, mixins
from rest_framework.response import Response
from wagtail.models import Page

from api.caching import ResponseCache
from api.exceptions import BadRequest, NotFound
from api.filters.common import reference_errors, validated_filters
from api.http import apply_caching, check_query_size, parse_id, request_language
from api.params import parse_year
from cms.core import versions
from cms.people.selectors import locale_for


def edition_scopes(year):
    """Versions of one edition's answers: its own and the all-editions generation. An unusable
    year gets the scope of everything (the view answers it with a 400 or 404)."""
    try:
        return [versions.EDITIONS, versions.edition(parse_year(str(year)))]
    except BadRequest:
        return [versions.ALL]


class PublicView(generics.GenericAPIView):
    """Read-only public view. Subclasses implement `get_queryset` with selectors."""

    public = True
    language = None  # set per request in initial(); None while the OpenAPI schema is built
    response_cache = None
    # False: answers get ETags from the versions but are rendered every time.
    cache_bodies = True
    _locale = None

    @property
    def locale(self):
        """The request's Locale, read when the answer is rendered (not for a cached one)."""
        if self._locale is None and self.language:
            self._locale = locale_for(self.language)
        return self._locale

    def cache_scopes(self, request, **kwargs):
        """The content versions this answer depends on (cms.core.versions): everything public,
        unless a view knows better."""
        return [versions.ALL]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_query_size(request)
        self.language = request_language(request)
        translation.activate(self.language)
        if self.public and request.method in ("GET", "HEAD"):
            self._use_response_cache(request, kwargs)

    def _use_response_cache(self, request, kwargs):
        """Answer from the cache (or 304) when it can; else render with the handler and let
        finalize_response store the answer."""
        cached = ResponseCache(
            request,
            scopes=self.cache_scopes(request, **kwargs),
            language=self.language,
            extra=[request.accepted_renderer.format],
            bodies=self.cache_bodies,
        )
        if not cached.active:
            return
        self.response_cache = cached
        method = request.method.lower()
        handler = getattr(self, method)

        def answer(request, *args, **kwargs):
            response = cached.answer()
            if response is not None:
                return response
            try:
                return handler(request, *args, **kwargs)
            except BaseException:
                cached.release()
                raise

        # DRF looks the handler up on the instance after initial(); this request's goes through
        # the cache.
        setattr(self, method, answer)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["locale"] = getattr(self, "locale", None)
        context["language"] = getattr(self, "language", None)
        return context

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if getattr(self, "language", None):
            response["Content-Language"] = self.language
        if self.response_cache is not None:
            return self.response_cache.finish(response)
        return apply_caching(request, response, public=self.public)


class PublicListView(mixins.ListModelMixin, PublicView):
    """A paginated list of `select(filters)`; `localise(objects)` runs on the page of results.

    The FilterSet only validates the query parameters; the selector called by `select` filters,
    so what the public may see is decided in one place.

    `edition_scoped`: filtered by one `year`, the list shows that edition's content only, so its
    answers follow that edition's version.
    """

    edition_scoped = False

    def cache_scopes(self, request, **kwargs):
        years = request.GET.getlist("year")
        if self.edition_scoped and len(years) == 1:
            return edition_scopes(years[0])
        return super().cache_scopes(request, **kwargs)

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
