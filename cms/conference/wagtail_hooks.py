"""Admin integration: schedule-clash warnings, the clone action, per-edition editor groups."""

from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.widgets import ListingButton

from cms.conference.models import EditionPage, SessionPage
from cms.conference.rules import session_conflicts
from cms.conference.services import edition_editors_group_ensure
from cms.conference.views import edition_clone_view


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("editions/<int:page_id>/clone/", edition_clone_view, name="conference_edition_clone")
    ]


def _warn_about_conflicts(request, page):
    page = page.specific
    if isinstance(page, SessionPage):
        for conflict in session_conflicts(session=page):
            messages.warning(request, conflict.message)


@hooks.register("after_create_page")
def after_create_page(request, page):
    _warn_about_conflicts(request, page)
    if isinstance(page.specific, EditionPage):
        edition_editors_group_ensure(edition=page.specific)


@hooks.register("after_edit_page")
def after_edit_page(request, page):
    _warn_about_conflicts(request, page)


@hooks.register("register_page_listing_more_buttons")
def edition_clone_listing_button(page, user, next_url=None):
    if (
        isinstance(page.specific_deferred, EditionPage)
        and page.get_parent().permissions_for_user(user).can_add_subpage()
    ):
        yield ListingButton(
            _("Start next year's edition"),
            reverse("conference_edition_clone", args=[page.pk]),
            priority=60,
        )


class EditionCloneMenuItem(ActionMenuItem):
    name = "action-edition-clone"
    label = _("Start next year's edition")
    icon_name = "copy"

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and isinstance(page, EditionPage)
            and page.get_parent().permissions_for_user(context["request"].user).can_add_subpage()
        )

    def get_url(self, context):
        return reverse("conference_edition_clone", args=[context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_edition_clone_menu_item():
    return EditionCloneMenuItem(order=90)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "conference.edition_clone",
        _("Start next year's edition"),
        _("Copied as the start of a new edition"),
    )


@hooks.register("register_admin_urls")
def register_agenda_conflicts_url():
    from cms.conference.conflict_views import edition_conflicts_view

    return [
        path(
            "editions/<int:page_id>/agenda/conflicts/",
            edition_conflicts_view,
            name="conference_agenda_conflicts",
        )
    ]


def _agenda_board_label():
    from django.utils.translation import pgettext

    return pgettext("agenda board", "Agenda board")


def _may_use_agenda_board(page, user):
    from cms.conference.schedule import source_edition

    if not isinstance(page.specific_deferred, EditionPage):
        return False
    permissions = source_edition(page).permissions_for_user(user)
    return permissions.can_edit() or permissions.can_add_subpage()


@hooks.register("register_admin_urls")
def register_agenda_board_urls():
    from cms.conference import board

    return board.urlpatterns()


def _edition_buttons(page, user):
    """The edition's tools, in the page listing's "More" menu and the page header."""
    if _may_use_agenda_board(page, user):
        yield ListingButton(
            _agenda_board_label(),
            reverse("conference_agenda_board", args=[page.pk]),
            icon_name="table",
            priority=55,
        )
    if _may_see_releases(page, user):
        yield ListingButton(
            RELEASES_LABEL,
            reverse("conference_edition_releases", args=[page.pk]),
            icon_name="history",
            priority=57,
        )


@hooks.register("register_page_listing_more_buttons")
def edition_listing_buttons(page, user, next_url=None):
    yield from _edition_buttons(page, user)


@hooks.register("register_page_header_buttons")
def edition_header_buttons(page, user, view_name=None, next_url=None):
    yield from _edition_buttons(page, user)


class AgendaBoardMenuItem(ActionMenuItem):
    name = "action-agenda-board"
    icon_name = "table"

    @property
    def label(self):
        return _agenda_board_label()

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and isinstance(page, EditionPage)
            and _may_use_agenda_board(page, context["request"].user)
        )

    def get_url(self, context):
        return reverse("conference_agenda_board", args=[context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_agenda_board_menu_item():
    return AgendaBoardMenuItem(order=85)


@hooks.register("register_admin_urls")
def register_agenda_import_urls():
    from cms.conference import import_views

    return [
        path(
            "editions/<int:page_id>/agenda/import/",
            import_views.agenda_import_view,
            name="conference_agenda_import",
        ),
        path(
            "editions/<int:page_id>/agenda/import/<int:upload_id>/",
            import_views.agenda_import_confirm_view,
            name="conference_agenda_import_confirm",
        ),
        path(
            "editions/<int:page_id>/agenda/import/export/<str:format>/",
            import_views.agenda_export_view,
            name="conference_agenda_export",
        ),
    ]


@hooks.register("register_page_listing_more_buttons")
def agenda_import_listing_button(page, user, next_url=None):
    from cms.conference.import_views import user_may_import

    if user_may_import(page, user):
        yield ListingButton(
            _("Import or export the programme"),
            reverse("conference_agenda_import", args=[page.pk]),
            icon_name="upload",
            priority=65,
        )


@hooks.register("register_admin_urls")
def register_agenda_releases_url():
    from cms.conference.release_views import release_list_view

    return [
        path(
            "editions/<int:page_id>/releases/",
            release_list_view,
            name="conference_edition_releases",
        )
    ]


RELEASES_LABEL = _("Agenda releases")


def _may_see_releases(page, user):
    from cms.conference.schedule import source_edition

    if not isinstance(page.specific_deferred, EditionPage):
        return False
    return source_edition(page).permissions_for_user(user).can_edit()
