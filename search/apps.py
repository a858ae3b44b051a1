from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "conference_search"
    verbose_name = "Cross-edition search"

    def ready(self):
        from search import signals

        signals.connect()
