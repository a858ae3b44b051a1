"""Admin views of webhooks: endpoints (create, edit with their secret and actions) and the
delivery log. Thin: the work is in cms.webhooks.services."""

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.permission_policies import ModelPermissionPolicy

from cms.webhooks import services
from cms.webhooks.forms import WebhookEndpointForm
from cms.webhooks.models import WebhookDelivery, WebhookEndpoint

ENDPOINTS = "webhooks"
DELIVERIES = "webhook_deliveries"

endpoint_policy = ModelPermissionPolicy(WebhookEndpoint)
# The delivery log is for whoever manages endpoints; nobody adds or edits deliveries.
delivery_policy = ModelPermissionPolicy(WebhookDelivery, auth_model=WebhookEndpoint)


def deliveries_url(endpoint=None):
    url = reverse(f"{DELIVERIES}:index")
    return f"{url}?endpoint={endpoint.pk}" if endpoint is not None else url


class EndpointIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .annotate(
                failed_deliveries=Count(
                    "deliveries", filter=Q(deliveries__status=WebhookDelivery.Status.FAILED)
                )
            )
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.append(
            ListingButton(
                _("Delivery log"), url=deliveries_url(instance), icon_name="list-ul", priority=15
            )
        )
        return buttons


class EndpointCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()

    def get_success_url(self):
        # The edit page shows the new endpoint's signing secret, for the partner.
        return reverse(f"{ENDPOINTS}:edit", args=[self.object.pk])


class EndpointEditView(generic.EditView):
    def save_instance(self):
        if self.form.instance.enabled and "enabled" in self.form.changed_data:
            services.endpoint_counters_reset(endpoint=self.form.instance)
        return super().save_instance()

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            HeaderButton(_("Delivery log"), url=deliveries_url(self.object), icon_name="list-ul")
        )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["deliveries_url"] = deliveries_url(self.object)
        context["recent_deliveries"] = self.object.deliveries.order_by("-created_at", "-pk")[:5]
        return context


def _endpoint_for_change(request, pk):
    if not endpoint_policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    return get_object_or_404(WebhookEndpoint, pk=pk)


@require_POST
def send_test_view(request, pk):
    endpoint = _endpoint_for_change(request, pk)
    if not endpoint.enabled:
        messages.error(request, gettext("Enable the endpoint before sending it a test event."))
        return redirect(f"{ENDPOINTS}:edit", endpoint.pk)
    delivery = services.test_event_send(endpoint=endpoint, user=request.user)
    messages.success(
        request,
        format_html(
            '{} <a href="{}">{}</a>',
            gettext("A test event (%(id)s) was queued for “%(name)s”.")
            % {"id": delivery.message_id, "name": endpoint.name},
            deliveries_url(endpoint),
            gettext("See the delivery log."),
        ),
    )
    return redirect(f"{ENDPOINTS}:edit", endpoint.pk)


@require_POST
def rotate_secret_view(request, pk):
    endpoint = _endpoint_for_change(request, pk)
    services.secret_rotate(endpoint=endpoint)
    messages.warning(
        request,
        gettext(
            "A new signing secret was made for “%(name)s”; give it to the partner: deliveries "
            "are signed with it from now on."
        )
        % {"name": endpoint.name},
    )
    return redirect(f"{ENDPOINTS}:edit", endpoint.pk)


@require_POST
def enable_view(request, pk):
    endpoint = _endpoint_for_change(request, pk)
    services.endpoint_enable(endpoint=endpoint)
    messages.success(request, gettext("“%(name)s” is enabled again.") % {"name": endpoint.name})
    return redirect(f"{ENDPOINTS}:edit", endpoint.pk)


class EndpointViewSet(ModelViewSet):
    model = WebhookEndpoint
    name = ENDPOINTS
    icon = "link-external"
    menu_label = _("Webhooks")
    add_to_settings_menu = True
    menu_order = 900
    add_to_reference_index = False
    copy_view_enabled = False
    index_view_class = EndpointIndexView
    add_view_class = EndpointCreateView
    edit_view_class = EndpointEditView
    edit_template_name = "webhooks/endpoint_edit.html"
    list_display = [
        "name",
        "url",
        Column("event_types", label=_("Events"), accessor="get_event_types_display"),
        StatusTagColumn(
            "enabled",
            label=_("Status"),
            accessor=lambda e: gettext("Enabled") if e.enabled else gettext("Disabled"),
            primary=lambda e: e.enabled,
        ),
        Column("consecutive_failures", label=_("Failed attempts in a row")),
        Column("failed_deliveries", label=_("Failed deliveries")),
    ]
    list_filter = ["enabled"]

    def get_form_class(self, for_update=False):
        return WebhookEndpointForm

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("send-test/<int:pk>/", send_test_view, name="send_test"),
            path("rotate-secret/<int:pk>/", rotate_secret_view, name="rotate_secret"),
            path("enable/<int:pk>/", enable_view, name="enable"),
        ]


class DeliveryIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("endpoint")


class DeliveryInspectView(generic.InspectView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["payload"] = self.object.payload
        return context


class DeliveryViewSet(ModelViewSet):
    """The delivery log: read-only, newest first, filtered by status, endpoint and event."""

    model = WebhookDelivery
    name = DELIVERIES
    url_prefix = "webhooks/deliveries"
    icon = "list-ul"
    menu_label = _("Webhook delivery log")
    add_to_settings_menu = True
    menu_order = 901
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = DeliveryIndexView
    inspect_view_class = DeliveryInspectView
    inspect_template_name = "webhooks/delivery_inspect.html"
    ordering = ["-created_at", "-pk"]
    list_display = [
        "message_id",
        "endpoint",
        "event_type",
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor="get_status_display",
            primary=lambda d: d.status == WebhookDelivery.Status.SUCCEEDED,
        ),
        "attempts",
        "response_code",
        DateColumn("created_at", label=_("Created")),
        DateColumn("last_attempt_at", label=_("Last attempt")),
        DateColumn("next_attempt_at", label=_("Next attempt")),
    ]
    list_filter = ["status", "endpoint", "event_type"]
    inspect_view_fields = [
        "endpoint",
        "message_id",
        "event_type",
        "status",
        "attempts",
        "response_code",
        "response_excerpt",
        "last_error",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "delivered_at",
    ]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add_url_name", "edit_url_name", "delete_url_name", "copy_url_name"):
            view_kwargs[name] = None
        view_kwargs["history_url_name"] = view_kwargs["usage_url_name"] = None
        return view_kwargs

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]

    def get_permissions_to_register(self):
        # Access to the log follows the endpoints' permissions; the deliveries have none to grant.
        return Permission.objects.none()

    def get_form_class(self, for_update=False):  # pragma: no cover - no add or edit views
        return None
