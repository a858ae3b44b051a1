"""Admin registration of webhooks: endpoints and the delivery log under Settings, and a
homepage panel that tells editors of endpoints disabled after repeated failures."""

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from cms.webhooks.models import WebhookDelivery, WebhookEndpoint
from cms.webhooks.views import (
    DeliveryViewSet,
    EndpointViewSet,
    delivery_policy,
    endpoint_policy,
)

register_permission_policy(WebhookEndpoint, endpoint_policy)
register_permission_policy(WebhookDelivery, delivery_policy)


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [EndpointViewSet(), DeliveryViewSet()]


class DisabledEndpointsPanel(Component):
    name = "webhooks_disabled"
    template_name = "webhooks/home_disabled_endpoints.html"
    order = 90

    def __init__(self, endpoints):
        self.endpoints = endpoints

    def get_context_data(self, parent_context):
        return {"endpoints": self.endpoints}


@hooks.register("construct_homepage_panels")
def add_disabled_endpoints_panel(request, panels):
    if not endpoint_policy.user_has_any_permission(request.user, ["add", "change", "delete"]):
        return
    endpoints = list(
        WebhookEndpoint.objects.filter(enabled=False, disabled_at__isnull=False).order_by(
            "-disabled_at"
        )[:20]
    )
    if endpoints:
        panels.append(DisabledEndpointsPanel(endpoints))
