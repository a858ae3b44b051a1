from django.apps import AppConfig


class ConferenceConfig(AppConfig):
    name = "cms.conference"
    label = "conference"
    verbose_name = "Conference"
