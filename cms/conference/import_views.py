"""Admin views: import an edition's programme from a file (upload, preview, confirm) and export it.

Nothing is written before the editor confirms: the uploaded file is kept (`AgendaUpload`) between
the preview and the confirmation, which reads it again and applies the plan of that moment.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from cms.conference import agenda_export, agenda_import, schedule
from cms.conference.models import AgendaUpload, EditionPage


def user_may_import(page, user):
    """Whether `user` may import into (and export) the edition `page`: they may add its pages."""
    if not isinstance(page.specific_deferred, EditionPage):
        return False
    return schedule.source_edition(page).permissions_for_user(user).can_add_subpage()


class AgendaUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Programme file"),
        help_text=gettext_lazy(
            "A spreadsheet (CSV or XLSX) with a header row, or a frab schedule (XML or JSON) "
            "exported by pretalx or frab; at most 5 MB."
        ),
    )
    format = forms.ChoiceField(
        label=pgettext_lazy("agenda import", "Format"),
        choices=[("", gettext_lazy("Recognise from the file"))] + list(AgendaUpload.Format.choices),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        if upload.size > agenda_import.MAX_UPLOAD_SIZE:
            self.add_error(
                "file",
                _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
                % {
                    "size": round(upload.size / 1024 / 1024, 1),
                    "limit": agenda_import.MAX_UPLOAD_SIZE // 1024 // 1024,
                },
            )
            return cleaned
        content = upload.read()
        fmt = cleaned.get("format") or agenda_import.detect_format(content, upload.name)
        try:
            agenda_import.parse(content, format=fmt, filename=upload.name)
        except agenda_import.AgendaFileError as error:
            for message in error.messages:
                self.add_error("file", message)
            return cleaned
        cleaned["content"] = content
        cleaned["detected_format"] = fmt
        return cleaned


def _edition(request, page_id):
    page = get_object_or_404(EditionPage, pk=page_id)
    edition = schedule.source_edition(page)
    if not edition.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    return edition


def _exports(edition):
    return [
        (label, reverse("conference_agenda_export", args=[edition.pk, value]))
        for value, label in AgendaUpload.Format.choices
    ]


def _board_url(edition):
    try:
        return reverse("conference_agenda_board", args=[edition.pk])
    except NoReverseMatch:
        return reverse("wagtailadmin_explore", args=[edition.pk])


def agenda_import_view(request, page_id):
    edition = _edition(request, page_id)
    if request.method == "POST":
        form = AgendaUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = agenda_import.agenda_upload_store(
                edition=edition,
                user=request.user,
                filename=form.cleaned_data["file"].name,
                format=form.cleaned_data["detected_format"],
                content=form.cleaned_data["content"],
            )
            return redirect(
                reverse("conference_agenda_import_confirm", args=[edition.pk, upload.pk])
            )
    else:
        form = AgendaUploadForm()
    return TemplateResponse(
        request,
        "conference/admin/agenda_import.html",
        {"form": form, "edition": edition, "page": edition, "exports": _exports(edition)},
    )


def agenda_import_confirm_view(request, page_id, upload_id):
    edition = _edition(request, page_id)
    upload = get_object_or_404(AgendaUpload, pk=upload_id, edition=edition, user=request.user)
    try:
        plan = agenda_import.agenda_upload_plan(upload=upload, user=request.user)
    except agenda_import.AgendaFileError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("conference_agenda_import", args=[edition.pk]))
    errors = []
    if request.method == "POST":
        try:
            result = agenda_import.agenda_upload_apply(
                upload=upload,
                user=request.user,
                skip_problems=bool(request.POST.get("skip_problems")),
            )
        except (agenda_import.AgendaImportError, agenda_import.AgendaFileError) as error:
            errors = error.messages
        else:
            messages.success(
                request,
                _(
                    "Programme imported from %(file)s: %(created)s created (as drafts), "
                    "%(changed)s changed, %(unchanged)s unchanged, %(skipped)s skipped."
                )
                % {
                    "file": upload.filename,
                    "created": result.created,
                    "changed": result.changed,
                    "unchanged": result.unchanged,
                    "skipped": result.skipped,
                },
            )
            if result.people:
                messages.info(
                    request,
                    ngettext(
                        "%(count)s new person was added to the Directory.",
                        "%(count)s new people were added to the Directory.",
                        result.people,
                    )
                    % {"count": result.people},
                )
            for warning in result.warnings:
                messages.warning(request, warning)
            return redirect(_board_url(edition))
    return TemplateResponse(
        request,
        "conference/admin/agenda_import_preview.html",
        {
            "edition": edition,
            "page": edition,
            "upload": upload,
            "plan": plan,
            "errors": errors,
            "import_url": reverse("conference_agenda_import", args=[edition.pk]),
        },
    )


def agenda_export_view(request, page_id, format):
    edition = _edition(request, page_id)
    if format not in AgendaUpload.Format.values:
        raise Http404
    exported = agenda_export.agenda_export(edition=edition, format=format)
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response
