from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.conference import explorer
from cms.core import health
from cms.core.security import serve_media

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Wagtail's page explorer, with an edition's sessions as a timetable; before the admin's
    # own patterns (same paths and names), which it takes the place of.
    path("admin/pages/<int:parent_page_id>/", explorer.explore, name="wagtailadmin_explore"),
    path(
        "admin/pages/<int:parent_page_id>/results/",
        explorer.explore_results,
        name="wagtailadmin_explore_results",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("api.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif settings.MEDIA_SERVE and settings.MEDIA_URL.startswith("/"):
    prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns.append(re_path(rf"^{prefix}(?P<path>.+)$", serve_media, name="media"))

urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)
