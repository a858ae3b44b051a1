from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "conference_search"
    verbose_name = "Cross-edition search"

    def ready(self):
        from cms.core import health
        from search import health as search_health
        from search import signals

        signals.connect()
        health.register("search", search_health.engine)
