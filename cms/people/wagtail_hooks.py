"""Admin registration of the cross-edition snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.people.models import Industry, Organisation, Person, Topic
from cms.people.permissions import (
    EditionScopedPermissionPolicy,
    InstancePermissionCheckedMixin,
    organisations_in_scope,
    people_in_scope,
)

# Registered before the viewsets below, which would otherwise create the default policy.
register_permission_policy(Person, EditionScopedPermissionPolicy(Person, people_in_scope))
register_permission_policy(
    Organisation, EditionScopedPermissionPolicy(Organisation, organisations_in_scope)
)


def _checked_on_instance(view_class):
    return type(view_class.__name__, (InstancePermissionCheckedMixin, view_class), {})


class EditionScopedSnippetViewSet(SnippetViewSet):
    """Views of one record check the permission on that record; the listing shows the records
    the user may change (all of them for the organising team)."""

    edit_view_class = _checked_on_instance(snippet_views.EditView)
    usage_view_class = _checked_on_instance(snippet_views.UsageView)
    revisions_view_class = _checked_on_instance(snippet_views.PreviewRevisionView)
    revisions_compare_view_class = _checked_on_instance(snippet_views.RevisionsCompareView)
    revisions_unschedule_view_class = _checked_on_instance(snippet_views.RevisionsUnscheduleView)
    unpublish_view_class = _checked_on_instance(snippet_views.UnpublishView)

    def get_queryset(self, request):
        return policy_registry.get_by_type(self.model).instances_user_has_any_permission_for(
            request.user, {"change", "delete", "view"}
        )


class PersonViewSet(EditionScopedSnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "job_title", "organisation", "locale"]
    search_fields = ["name", "job_title"]


class OrganisationViewSet(EditionScopedSnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name", "kind", "locale"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug", "locale"]


class IndustryViewSet(SnippetViewSet):
    model = Industry
    icon = "cogs"
    list_display = ["name", "slug", "locale"]


class DirectoryGroup(SnippetViewSetGroup):
    menu_label = _("Directory")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (PersonViewSet, OrganisationViewSet, TopicViewSet, IndustryViewSet)


register_snippet(DirectoryGroup)
