"""Admin view: start next year's edition from an existing one."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cms.conference.models import EditionPage
from cms.conference.services import EditionCloneError, edition_clone


class EditionCloneForm(forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("Year of the new edition"), min_value=1901, max_value=2999
    )


def edition_clone_view(request, page_id):
    source = get_object_or_404(EditionPage, pk=page_id)
    conference = source.get_parent()
    if not conference.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    form = EditionCloneForm(request.POST or None, initial={"year": source.year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            clone = edition_clone(source=source, year=form.cleaned_data["year"], user=request.user)
        except EditionCloneError as error:
            for message in error.messages:
                form.add_error("year", message)
        else:
            messages.success(
                request,
                _(
                    "Edition %(year)s created as a draft from %(source)s: rooms, tracks, "
                    "partners and content pages were copied; add its sessions next."
                )
                % {"year": clone.year, "source": source.year},
            )
            return redirect(reverse("wagtailadmin_pages:edit", args=[clone.pk]))
    return TemplateResponse(
        request,
        "conference/admin/edition_clone.html",
        {"form": form, "source": source, "page": source},
    )
