"""Celery application (production settings unless DJANGO_SETTINGS_MODULE says otherwise).

Without REDIS_URL (cms.settings.dev, the demo) tasks run eagerly in-process.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

app = Celery("conference")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
