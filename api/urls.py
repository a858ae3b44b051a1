"""Public delivery routes: REST under /api/v1/, GraphQL at /graphql/, exports."""

from django.conf import settings
from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api.exceptions import api_not_found
from api.graphql.views import GraphQLView
from api.views import conference, exports, pages, people, preview, releases, search, taxonomy

v1 = "api/v1/"

urlpatterns = [
    path(v1 + "schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI with its init script as a separate file, so the docs run under script-src 'self'.
    path(v1 + "docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path(v1 + "editions/", conference.EditionListView.as_view(), name="api-editions"),
    path(v1 + "editions/<str:year>/", conference.EditionDetailView.as_view(), name="api-edition"),
    path(
        v1 + "editions/<str:year>/releases/",
        releases.ReleaseListView.as_view(),
        name="api-releases",
    ),
    # Before releases/<version>/: "feed.atom" is no release name (cms.conference.releases).
    path(
        v1 + "editions/<str:year>/releases/feed.atom",
        releases.ReleaseFeedView.as_view(),
        name="api-release-feed",
    ),
    path(
        v1 + "editions/<str:year>/releases/<str:version>/",
        releases.ReleaseDetailView.as_view(),
        name="api-release",
    ),
    path(
        v1 + "editions/<str:year>/releases/<str:version>/diff/",
        releases.ReleaseDiffView.as_view(),
        name="api-release-diff",
    ),
    path(
        v1 + "editions/<str:year>/releases/<str:version>/schedule.xml",
        releases.ReleaseScheduleXMLView.as_view(),
        name="api-release-schedule-xml",
    ),
    path(
        v1 + "editions/<str:year>/releases/<str:version>/schedule.json",
        releases.ReleaseScheduleJSONView.as_view(),
        name="api-release-schedule-json",
    ),
    path(
        v1 + "editions/<str:year>/schedule.xml",
        exports.ScheduleXMLView.as_view(),
        name="api-schedule-xml",
    ),
    path(
        v1 + "editions/<str:year>/schedule.json",
        exports.ScheduleJSONView.as_view(),
        name="api-schedule-json",
    ),
    path(
        v1 + "editions/<str:year>/agenda.ics",
        exports.EditionICalView.as_view(),
        name="api-agenda-ics",
    ),
    path(
        v1 + "editions/<str:year>/agenda.csv",
        exports.EditionCSVView.as_view(),
        name="api-agenda-csv",
    ),
    path(v1 + "sessions/", conference.SessionListView.as_view(), name="api-sessions"),
    path(v1 + "sessions/<str:pk>/", conference.SessionDetailView.as_view(), name="api-session"),
    path(
        v1 + "sessions/<str:pk>/session.ics",
        exports.SessionICalView.as_view(),
        name="api-session-ics",
    ),
    path(v1 + "speakers/", people.SpeakerListView.as_view(), name="api-speakers"),
    path(v1 + "speakers/<str:pk>/", people.SpeakerDetailView.as_view(), name="api-speaker"),
    path(
        v1 + "speakers/<str:pk>/sessions.ics",
        exports.SpeakerICalView.as_view(),
        name="api-speaker-ics",
    ),
    path(v1 + "agenda.ics", exports.SelectionICalView.as_view(), name="api-selection-ics"),
    path(v1 + "partners/", conference.PartnerListView.as_view(), name="api-partners"),
    path(v1 + "organisations/", people.OrganisationListView.as_view(), name="api-organisations"),
    path(
        v1 + "organisations/<str:pk>/",
        people.OrganisationDetailView.as_view(),
        name="api-organisation",
    ),
    path(v1 + "rooms/", conference.RoomListView.as_view(), name="api-rooms"),
    path(v1 + "tracks/", conference.TrackListView.as_view(), name="api-tracks"),
    path(v1 + "topics/", taxonomy.TopicListView.as_view(), name="api-topics"),
    path(v1 + "topics/<str:pk>/", taxonomy.TopicDetailView.as_view(), name="api-topic"),
    path(v1 + "industries/", taxonomy.IndustryListView.as_view(), name="api-industries"),
    path(v1 + "industries/<str:pk>/", taxonomy.IndustryDetailView.as_view(), name="api-industry"),
    path(v1 + "pages/", pages.PageListView.as_view(), name="api-pages"),
    path(v1 + "pages/<str:pk>/", pages.PageDetailView.as_view(), name="api-page"),
    path(v1 + "preview/", preview.PreviewView.as_view(), name="api-preview"),
    path(v1 + "search/", search.SearchView.as_view(), name="api-search"),
    path(v1 + "search/suggest/", search.SuggestView.as_view(), name="api-search-suggest"),
    path("graphql/", GraphQLView.as_view(graphiql=settings.DEBUG), name="graphql"),
    re_path(r"^api/", api_not_found),
]
