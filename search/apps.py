from django.apps import AppConfig

REPLAY_EVERY_SECONDS = 60.0


class SearchConfig(AppConfig):
    name = "search"
    label = "conference_search"
    verbose_name = "Cross-edition search"

    def ready(self):
        from cms.celery import app
        from search import signals

        signals.connect()
        # With `celery beat`, updates kept while the engine was down are retried every minute.
        app.conf.beat_schedule.setdefault(
            "search-replay-pending",
            {"task": "search.replay_pending", "schedule": REPLAY_EVERY_SECONDS},
        )
