"""Admin view: everything an edition's editors should look at before publishing its agenda."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from cms.conference import schedule
from cms.conference.models import EditionPage

KIND_HEADINGS = {
    "room": _("A room used twice at once"),
    "speaker": _("A person in two places at once"),
    "outside": _("Outside the edition's days"),
    "untranslated": _("Sessions not translated yet"),
    "profile": _("Speakers without a biography or photo"),
    "unscheduled": _("Not scheduled yet"),
}


def _url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def edition_conflicts_view(request, page_id):
    edition = schedule.source_edition(get_object_or_404(EditionPage, pk=page_id))
    if not edition.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    problems = schedule.edition_conflicts(edition)
    groups = []
    for kind in schedule.PROBLEM_KINDS:
        entries = [
            {
                "message": problem.message,
                "sessions": [
                    reverse("wagtailadmin_pages:edit", args=[pk]) for pk in problem.session_ids
                ],
                "person": _url("wagtailsnippets_people_person:edit", problem.person_id)
                if problem.person_id
                else None,
            }
            for problem in problems
            if problem.kind == kind
        ]
        if entries:
            groups.append({"kind": kind, "heading": KIND_HEADINGS[kind], "entries": entries})
    return TemplateResponse(
        request,
        "conference/admin/agenda_conflicts.html",
        {
            "edition": edition,
            "page": edition,
            "groups": groups,
            "total": len(problems),
            "board_url": _url("conference_agenda_board", edition.pk),
        },
    )
