"""Admin view: start next year's edition from an existing one."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.models import Locale

from cms.conference.models import EditionPage, Partnership, SessionPage
from cms.conference.services import EditionCloneError, edition_clone

SKELETON_SESSION_TYPES = (
    SessionPage.Type.BREAK,
    SessionPage.Type.CEREMONY,
    SessionPage.Type.B2B,
    SessionPage.Type.NETWORKING,
)


class PartnershipChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        role = obj.get_role_display()
        if obj.tier:
            role = _("%(role)s, %(tier)s") % {"role": role, "tier": obj.get_tier_display()}
        return _("%(organisation)s (%(role)s)") % {
            "organisation": obj.organisation.name,
            "role": role,
        }


class EditionCloneForm(forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("Year of the new edition"), min_value=1901, max_value=2999
    )
    session_types = forms.MultipleChoiceField(
        label=gettext_lazy("Sessions to carry over as drafts"),
        help_text=gettext_lazy(
            "The timetable skeleton: sessions of these types move to the same day of the "
            "edition and the same time, without speakers or materials."
        ),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    partnerships = PartnershipChoiceField(
        label=gettext_lazy("Partners to carry over"),
        queryset=Partnership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, source, **kwargs):
        super().__init__(*args, **kwargs)
        counts = dict(
            SessionPage.objects.child_of(source)
            .filter(start__isnull=False)
            .values_list("session_type")
            .annotate(count=Count("pk"))
            .order_by()
        )
        self.fields["session_types"].choices = [
            (
                value,
                ngettext(
                    "%(type)s (%(count)s session)",
                    "%(type)s (%(count)s sessions)",
                    counts.get(value, 0),
                )
                % {"type": label, "count": counts.get(value, 0)},
            )
            for value, label in SessionPage.Type.choices
        ]
        partnerships = source.partnerships.select_related("organisation").order_by(
            "sort_order", "pk"
        )
        self.fields["partnerships"].queryset = partnerships
        self.fields["session_types"].initial = list(SKELETON_SESSION_TYPES)
        self.fields["partnerships"].initial = [partnership.pk for partnership in partnerships]


def _source_language_edition(edition):
    """The edition in the default language (what edition_clone copies from), else `edition`."""
    return edition.get_translation_or_none(Locale.get_default()) or edition


def edition_clone_view(request, page_id):
    source = get_object_or_404(EditionPage, pk=page_id)
    conference = source.get_parent()
    if not conference.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    origin = _source_language_edition(source)
    form = EditionCloneForm(request.POST or None, source=origin, initial={"year": source.year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            clone = edition_clone(
                source=origin,
                year=form.cleaned_data["year"],
                user=request.user,
                session_types=form.cleaned_data["session_types"],
                partnerships=[partnership.pk for partnership in form.cleaned_data["partnerships"]],
            )
        except EditionCloneError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {}
            for field, field_messages in (errors or {"year": error.messages}).items():
                for message in field_messages:
                    form.add_error(field if field in form.fields else None, message)
        else:
            sessions = SessionPage.objects.child_of(clone).count()
            messages.success(
                request,
                ngettext(
                    "Edition %(year)s created as a draft from %(source)s: rooms, tracks, "
                    "the chosen partners and content pages were copied, and %(sessions)s "
                    "session was carried over as a draft; add the rest of its sessions next.",
                    "Edition %(year)s created as a draft from %(source)s: rooms, tracks, "
                    "the chosen partners and content pages were copied, and %(sessions)s "
                    "sessions were carried over as drafts; add the rest of its sessions next.",
                    sessions,
                )
                % {"year": clone.year, "source": source.year, "sessions": sessions},
            )
            return redirect(reverse("wagtailadmin_pages:edit", args=[clone.pk]))
    return TemplateResponse(
        request,
        "conference/admin/edition_clone.html",
        {"form": form, "source": source, "page": source},
    )
