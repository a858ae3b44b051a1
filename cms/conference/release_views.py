"""Admin view: release an edition's public agenda as a named version, and see the releases."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _

from cms.conference import release_diff, releases, schedule
from cms.conference.models import VERSION_PATTERN, EditionPage, Release


class ReleaseForm(forms.Form):
    version = forms.RegexField(
        label=pgettext_lazy("release", "Version"),
        regex=VERSION_PATTERN,
        max_length=32,
        required=False,
        help_text=gettext_lazy(
            "The name partners see, for example v2; empty: the next number. Latin letters, "
            "digits, dots, hyphens and underscores."
        ),
        error_messages={
            "invalid": gettext_lazy(
                "Use up to 32 Latin letters, digits, dots, hyphens or underscores, starting "
                "with a letter or digit (for example v2 or 2027-03)."
            )
        },
    )
    note_bg = forms.CharField(
        label=pgettext_lazy("release", "Note for the public (Bulgarian)"),
        max_length=releases.NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    note_en = forms.CharField(
        label=pgettext_lazy("release", "Note for the public (English)"),
        max_length=releases.NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Empty: the Bulgarian note is shown in English too."),
    )


def _language():
    return "en" if (get_language() or "").startswith("en") else "bg"


def release_list_view(request, page_id):
    edition = schedule.source_edition(get_object_or_404(EditionPage, pk=page_id))
    permissions = edition.permissions_for_user(request.user)
    if not permissions.can_edit():
        raise PermissionDenied
    may_release = permissions.can_publish()
    form = ReleaseForm(request.POST or None)
    if request.method == "POST":
        if not may_release:
            raise PermissionDenied
        if form.is_valid():
            try:
                release = releases.release_create(
                    edition=edition,
                    user=request.user,
                    version=form.cleaned_data["version"],
                    note_bg=form.cleaned_data["note_bg"],
                    note_en=form.cleaned_data["note_en"],
                )
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, problems in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, problems)
                else:
                    form.add_error(None, error.messages)
            else:
                messages.success(
                    request,
                    _("Released “%(version)s”: partners and the feed have it now.")
                    % {"version": release.version},
                )
                return redirect("conference_edition_releases", edition.pk)
    language = _language()
    snapshot, _digests, previous, changes = releases.release_preview(edition=edition)
    unchanged = (
        previous is not None
        and snapshot is not None
        and previous.digests.get("agenda") == _digests.get("agenda")
    )
    rows = []
    found = list(
        Release.objects.filter(edition_key=edition.translation_key)
        .select_related("released_by")
        .order_by("-number")
    )
    for index, release in enumerate(found):
        before = found[index + 1] if index + 1 < len(found) else None
        lines = (
            release_diff.summary_lines(
                release_diff.diff(before.snapshot, release.snapshot), language
            )
            if before is not None
            else []
        )
        rows.append({"release": release, "lines": lines, "links": releases.release_links(release)})
    if not form.is_bound:
        form = ReleaseForm(initial={"version": releases.next_version(edition.translation_key)})
    return TemplateResponse(
        request,
        "conference/admin/agenda_releases.html",
        {
            "edition": edition,
            "page": edition,
            "form": form,
            "may_release": may_release,
            "public": snapshot is not None,
            "previous": previous,
            "unchanged": unchanged,
            "pending_lines": release_diff.summary_lines(changes, language) if changes else [],
            "counts": release_diff.counts(snapshot) if snapshot else None,
            "rows": rows,
            "board_url": reverse("conference_agenda_board", args=[edition.pk]),
        },
    )
