"""Admin registration of the cross-edition snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.people.models import Industry, Organisation, Person, Topic


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "job_title", "organisation", "locale"]
    search_fields = ["name", "job_title"]


class OrganisationViewSet(SnippetViewSet):
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
