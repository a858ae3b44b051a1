"""The admin form of webhook endpoints."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cms.webhooks.models import WebhookEndpoint
from cms.webhooks.services import SUBSCRIBABLE_EVENT_TYPES
from cms.webhooks.urls_validation import url_check


class WebhookEndpointForm(WagtailAdminModelForm):
    # A plain text field: url_check gives the messages (Django's URLField would also guess a
    # scheme for an address typed without one).
    url = forms.CharField(
        label=_("URL"),
        max_length=2000,
        help_text=_(
            "Where the partner receives events: an https:// address on the public internet."
        ),
    )
    event_types = forms.MultipleChoiceField(
        label=_("Events"),
        choices=list(SUBSCRIBABLE_EVENT_TYPES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=True,
        help_text=_("The events this endpoint receives."),
        error_messages={"required": _("Choose at least one event.")},
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "event_types", "enabled"]
        help_texts = {
            "enabled": _("Disabled endpoints receive nothing; enabling one resets its failures."),
        }

    def clean_url(self):
        url = self.cleaned_data["url"].strip()
        url_check(url)
        return url

    def clean_event_types(self):
        chosen = set(self.cleaned_data["event_types"])
        return [t for t in SUBSCRIBABLE_EVENT_TYPES if t in chosen]
