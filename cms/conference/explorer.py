"""The page explorer, with an edition's children listed as its timetable.

Below an EditionPage the explorer lists the sessions by start (unscheduled sessions after the
scheduled ones, other pages last) with Day, Time and Room columns, read from annotations so that
no row costs a query. The columns' headers order by start or by room instead. Below any other
page the explorer is Wagtail's, unchanged. The values are those of the session rows (the live
version); a draft's changes show once published.
"""

import functools
import zoneinfo

from django.db.models import Case, F, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Length, Substr
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.translation import pgettext, pgettext_lazy
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.ui.tables import Column
from wagtail.admin.urls import display_custom_404
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.viewsets.pages import base_page_viewset

from cms.conference.models import EditionPage, SessionPage

SESSION_ORDERINGS = ("start", "-start", "room", "-room")
DEFAULT_SESSION_ORDERING = "start"


def _local(page, value):
    return value.astimezone(zoneinfo.ZoneInfo(page._edition_timezone))


def session_day(page):
    """The session's weekday and date in its edition's time zone ("" for other pages)."""
    if not isinstance(page, SessionPage) or page._session_start is None:
        return ""
    return formats.date_format(_local(page, page._session_start), "l, j E")


def session_time(page):
    """HH:MM–HH:MM in the edition's time zone, or "not scheduled" ("" for other pages)."""
    if not isinstance(page, SessionPage):
        return ""
    if page._session_start is None:
        return pgettext("page explorer", "not scheduled")
    start = _local(page, page._session_start).strftime("%H:%M")
    if page._session_end is None:
        return start
    return f"{start}–{_local(page, page._session_end).strftime('%H:%M')}"


def session_room(page):
    """The session's room; "All rooms" for a scheduled session without one ("" for other pages
    and for unscheduled sessions without a room)."""
    if not isinstance(page, SessionPage):
        return ""
    if page._session_room or page._session_start is None:
        return page._session_room or ""
    return pgettext("page explorer", "All rooms")


def annotate_sessions(pages):
    """`pages` (a Page queryset) with their session's start, end, room name and room order (None
    on other pages), and the time zone of their parent when it is an edition."""
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - EditionPage.steplen)
    return pages.annotate(
        _is_session=Case(
            When(sessionpage__isnull=False, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        _session_start=F("sessionpage__start"),
        _session_end=F("sessionpage__end"),
        _session_room=F("sessionpage__room__name"),
        _session_room_order=F("sessionpage__room__sort_order"),
        _edition_timezone=Subquery(
            EditionPage.objects.filter(path=parent_path).values("timezone")[:1]
        ),
    )


def order_sessions(pages, ordering):
    """Sessions first (by start or by room, as `ordering` says), then the other pages in their
    tree order. Unscheduled sessions come after the scheduled ones either way."""
    descending = ordering.startswith("-")
    start, room = F("_session_start"), F("_session_room_order")
    if descending:
        start, room = start.desc(nulls_last=True), room.desc(nulls_last=True)
    else:
        start, room = start.asc(nulls_last=True), room.asc(nulls_first=True)
    if ordering.lstrip("-") == "room":
        return pages.order_by("_is_session", room, start, "path")
    return pages.order_by("_is_session", start, room, "path")


class EditionExplorableIndexView(ExplorableIndexView):
    """Wagtail's explorer; below an edition, its sessions by start with day, time and room."""

    @cached_property
    def lists_sessions(self):
        return isinstance(self.parent_page, EditionPage)

    @cached_property
    def session_columns(self):
        return [
            Column(
                "session_day",
                label=pgettext_lazy("page explorer", "Day"),
                accessor=session_day,
                sort_key="start",
            ),
            Column(
                "session_time", label=pgettext_lazy("page explorer", "Time"), accessor=session_time
            ),
            Column(
                "session_room",
                label=pgettext_lazy("page explorer", "Room"),
                accessor=session_room,
                sort_key="room",
            ),
        ]

    @cached_property
    def explorable_columns(self):
        columns = super().explorable_columns
        if not self.lists_sessions:
            return columns
        after = next((i + 1 for i, col in enumerate(columns) if col.name == "title"), 1)
        return [*columns[:after], *self.session_columns, *columns[after:]]

    def get_valid_orderings(self):
        orderings = super().get_valid_orderings()
        if self.lists_sessions and not self.is_searching:
            # The search backends order only by indexed fields, not by these annotations.
            orderings.extend(SESSION_ORDERINGS)
        return orderings

    def get_ordering(self):
        if not self.lists_sessions or self.is_searching:
            return super().get_ordering()
        ordering = self.request.GET.get("ordering", DEFAULT_SESSION_ORDERING)
        if ordering not in self.get_valid_orderings():
            ordering = DEFAULT_SESSION_ORDERING
        return ordering

    def get_base_queryset(self):
        pages = super().get_base_queryset()
        if self.lists_sessions:
            pages = annotate_sessions(pages)
        return pages

    def order_queryset(self, queryset):
        if self.lists_sessions and self.ordering in SESSION_ORDERINGS:
            return order_sessions(queryset, self.ordering)
        return super().order_queryset(queryset)


@functools.cache
def _view(**kwargs):
    return base_page_viewset.construct_view(
        EditionExplorableIndexView, **base_page_viewset.get_index_view_kwargs(), **kwargs
    )


def _admin_view(view):
    """Decorated as Wagtail decorates its admin URLs."""
    return never_cache(display_custom_404(require_admin_access(view)))


@_admin_view
def explore(request, parent_page_id):
    """wagtailadmin_explore: the explorer below `parent_page_id`."""
    return _view()(request, parent_page_id=parent_page_id)


@_admin_view
def explore_results(request, parent_page_id):
    """wagtailadmin_explore_results: the explorer's results, as a fragment."""
    return _view(results_only=True)(request, parent_page_id=parent_page_id)
