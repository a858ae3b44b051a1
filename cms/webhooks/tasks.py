"""Celery tasks of webhooks: one attempt of one delivery, and the sweep of overdue ones."""

from celery import shared_task

from cms.webhooks import services


@shared_task(bind=True, name="webhooks.deliver", acks_late=True, reject_on_worker_lost=True)
def deliver(self, delivery_id):
    """Attempt one delivery; a failure queues the next attempt with the backoff schedule (in
    eager mode, without a worker, the sweep makes it)."""
    return services.delivery_attempt(delivery_id, eager=bool(self.request.is_eager))


@shared_task(name="webhooks.sweep", acks_late=True)
def sweep():
    """Queue again the deliveries whose attempt is overdue (a lost task, a broker that was down)."""
    return services.sweep()
