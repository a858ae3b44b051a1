"""Agenda releases of an edition: the list, one release's snapshot, the diff between two, the
frab schedule of a release and the Atom feed of the releases.

A release is public while its edition is (cms.conference.selectors): for an unpublished or
private edition every route here answers 404. Answers follow the edition's content version
(a new release bumps it), so they carry ETags and are cached like the edition's exports.
"""

import json

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from api.exceptions import NotFound
from api.exports import frab
from api.exports.releases import release_feed, release_schedule
from api.pagination import PageNumberPagination
from api.params import VERSION_SCHEMA, parse_version, parse_year
from api.renderers import AtomRenderer, XMLRenderer
from api.schema_docs import ERRORS, LOCALE_PARAMETERS, PROBLEM, YEAR_PATH, problem_response
from api.serializers.common import guid
from api.serializers.releases import (
    ReleaseDetailSerializer,
    ReleaseDiffSerializer,
    ReleaseSerializer,
    release_ref,
    release_url,
)
from api.views.base import PublicListView, PublicView, edition_scopes
from api.views.exports import _file
from cms.conference import release_diff, selectors

VERSION_PATH = OpenApiParameter(
    "version",
    VERSION_SCHEMA,
    OpenApiParameter.PATH,
    description="A release's name (any letter case), e.g. v2; `latest` for the newest.",
)
FROM_QUERY = OpenApiParameter(
    "from",
    VERSION_SCHEMA,
    OpenApiParameter.QUERY,
    description="The release to compare against (a name or `latest`). Default: the release "
    "before `version`; for the first release, an empty agenda (every session added). A newer "
    "release than `version` gives the changes backwards; the same release, no changes.",
)
RELEASE_PARAMETERS = [*LOCALE_PARAMETERS, YEAR_PATH, VERSION_PATH]
RELEASE_ERRORS = {
    **ERRORS,
    (404, PROBLEM): problem_response(
        "No published edition for the year, or no release of that name."
    ),
}


def _doc(**kwargs):
    """extend_schema for the GET of a view class (an operation_id needs the method)."""
    return extend_schema_view(get=extend_schema(**kwargs))


def _edition_missing(year):
    return NotFound(f"No published edition for {year}.")


class ReleaseMixin:
    """The year and release of the URL, through the selectors; 400 for a malformed one, 404 for
    one that is not public."""

    pagination_class = None
    filter_backends = []
    year = None

    def cache_scopes(self, request, year=None, **kwargs):
        return edition_scopes(year)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "year": self.year}

    def parse_year(self, year):
        self.year = parse_year(year)
        return self.year

    def release(self, year, version, *, field="version"):
        version = parse_version(version, field=field)
        release = selectors.release_get(year=self.year, version=version)
        if release is None:
            if selectors.release_edition_key(year=self.year) is None:
                raise _edition_missing(self.year)
            raise NotFound(f"The edition of {self.year} has no release named {version!r}.")
        return release


@_doc(
    operation_id="release_list",
    tags=["releases"],
    parameters=[*LOCALE_PARAMETERS, YEAR_PATH],
    responses={200: ReleaseSerializer, **ERRORS},
)
class ReleaseListView(ReleaseMixin, PublicListView):
    """The releases of an edition's agenda, newest first: named versions partners can fetch,
    compare and follow (see the feed)."""

    serializer_class = ReleaseSerializer
    filterset_class = None
    pagination_class = PageNumberPagination

    def list(self, request, year):
        year = self.parse_year(year)
        releases = selectors.release_list(year=year)
        if releases is None:
            raise _edition_missing(year)
        page = self.paginate_queryset(releases)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@_doc(
    operation_id="release_detail",
    tags=["releases"],
    parameters=RELEASE_PARAMETERS,
    responses={200: ReleaseDetailSerializer, **RELEASE_ERRORS},
)
class ReleaseDetailView(ReleaseMixin, PublicView):
    """One release with its snapshot: the agenda as it was released, in both languages."""

    serializer_class = ReleaseDetailSerializer

    def get(self, request, year, version):
        self.parse_year(year)
        return Response(self.get_serializer(self.release(year, version)).data)


@_doc(
    operation_id="release_diff",
    tags=["releases"],
    parameters=[*RELEASE_PARAMETERS, FROM_QUERY],
    responses={200: ReleaseDiffSerializer, **RELEASE_ERRORS},
)
class ReleaseDiffView(ReleaseMixin, PublicView):
    """What changed from one release to another, per session: added, removed, or changed with
    each changed field's value before and after (time, room, title, speakers, cancellation,
    track, type, language, abstract), and the same in sentences (`summary_text`)."""

    serializer_class = ReleaseDiffSerializer

    def get(self, request, year, version):
        self.parse_year(year)
        target = self.release(year, version)
        raw = request.query_params.get("from")
        if raw is None:
            base = selectors.release_previous(target)
        else:
            base = self.release(year, raw, field="from")
        changes = release_diff.diff(base.snapshot if base else {}, target.snapshot)
        return Response(
            {
                "edition": self.year,
                "from": release_ref(base),
                "to": release_ref(target),
                "summary": changes["summary"],
                "summary_text": release_diff.summary_lines(changes, self.language),
                "sessions": changes["sessions"],
            }
        )


def _release_export_doc(operation_id, media_type, description, renderers):
    return _doc(
        operation_id=operation_id,
        tags=["releases"],
        parameters=[
            *RELEASE_PARAMETERS,
            OpenApiParameter(
                "format",
                str,
                OpenApiParameter.QUERY,
                enum=["", *(r.format for r in renderers)],
                description=f"Response format; empty or absent: {renderers[0].format}.",
            ),
        ],
        responses={
            (200, media_type): OpenApiResponse(
                response=OpenApiTypes.OBJECT if "json" in media_type else OpenApiTypes.STR,
                description=description,
            ),
            **RELEASE_ERRORS,
        },
    )


@_release_export_doc(
    "release_schedule_xml",
    "application/xml",
    "frab schedule XML of the release in the requested language (validates against "
    "schedule.xml.xsd), its `version` the release's name. Without speakers' pictures and "
    "biographies (a release keeps neither).",
    [XMLRenderer, JSONRenderer],
)
class ReleaseScheduleXMLView(ReleaseMixin, PublicView):
    renderer_classes = [XMLRenderer, JSONRenderer]

    def get(self, request, year, version):
        self.parse_year(year)
        release = self.release(year, version)
        schedule = release_schedule(release, language=self.language, request=request)
        return _file(
            frab.schedule_xml(schedule),
            "application/xml; charset=utf-8",
            f"schedule-{self.year}-{release.version}.xml",
        )


@_release_export_doc(
    "release_schedule_json",
    "application/json",
    "frab schedule JSON of the release in the requested language (validates against "
    "schema.json), its `version` the release's name. Without speakers' pictures and "
    "biographies (a release keeps neither).",
    [JSONRenderer],
)
class ReleaseScheduleJSONView(ReleaseMixin, PublicView):
    renderer_classes = [JSONRenderer]

    def get(self, request, year, version):
        self.parse_year(year)
        release = self.release(year, version)
        schedule = release_schedule(release, language=self.language, request=request)
        body = json.dumps(frab.schedule_json(schedule), ensure_ascii=False, separators=(",", ":"))
        return _file(
            body.encode("utf-8"),
            "application/json; charset=utf-8",
            f"schedule-{self.year}-{release.version}.json",
        )


@_doc(
    operation_id="release_feed",
    tags=["releases"],
    parameters=[
        *LOCALE_PARAMETERS,
        YEAR_PATH,
        OpenApiParameter(
            "format",
            str,
            OpenApiParameter.QUERY,
            enum=["", "atom", "json"],
            description="Response format; empty or absent: atom (json only for errors).",
        ),
    ],
    responses={
        (200, "application/atom+xml"): OpenApiResponse(
            response=OpenApiTypes.STR,
            description="Atom 1.0 feed of the edition's releases, newest first: each entry the "
            "release's note and its changes since the release before, in words, in the "
            "requested language; its link the release's API address.",
        ),
        **ERRORS,
    },
)
class ReleaseFeedView(ReleaseMixin, PublicView):
    """An Atom feed of the releases of an edition, for feed readers."""

    renderer_classes = [AtomRenderer, JSONRenderer]

    def get(self, request, year):
        year = self.parse_year(year)
        edition = selectors.release_edition(year=year, locale=self.locale)
        if edition is None:
            raise _edition_missing(year)
        releases = list(selectors.release_list(year=year, snapshots=True) or [])
        if releases:
            updated = releases[0].released_at
        else:
            updated = edition.last_published_at or edition.first_published_at or timezone.now()
        list_url = request.build_absolute_uri(f"/api/v1/editions/{year}/releases/")

        def links(release):
            if release is None:
                return {"self": request.build_absolute_uri(), "alternate": list_url}
            return release_url({"request": request}, year, release.version)

        body = release_feed(
            edition=edition,
            edition_guid=guid("edition", edition.translation_key),
            releases=releases,
            language=self.language,
            links=links,
            updated=updated,
        )
        return _file(body, "application/atom+xml; charset=utf-8", f"releases-{year}.atom")
