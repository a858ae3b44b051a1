from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "cms.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.core import outbox
        from cms.webhooks import events

        outbox.register("webhooks", plan=events.plan, deliver=events.deliver)
