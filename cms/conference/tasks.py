"""Celery tasks of the conference domain."""

from celery import shared_task

from cms.conference import services


@shared_task(name="conference.archive_finished_editions", acks_late=True)
def archive_finished_editions():
    """Nightly: editions whose last day has passed become "archived" (past)."""
    return services.archive_finished_editions()
