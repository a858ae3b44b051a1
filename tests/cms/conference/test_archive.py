"""Editions whose last day has passed become "archived" (past) by themselves: beat runs
`conference.archive_finished_editions` nightly. The day ends in the edition's own time zone, the
change is published (the API shows it) and an editor's unpublished draft stays their draft."""

import datetime

import pytest
from celery.schedules import crontab
from rest_framework.test import APIClient

from cms.celery import app as celery_app
from cms.conference.models import EditionPage
from cms.conference.services import archive_finished_editions
from tests.search import content

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def _api_status(year):
    return APIClient().get(f"/api/v1/editions/{year}/").json()["status"]


def test_finished_editions_are_archived_at_the_end_of_their_last_local_day(settings):
    edition = content.edition(content.conference(), 2031)  # 24-25 March, Europe/Sofia
    assert (edition.end_date, edition.status) == (datetime.date(2031, 3, 25), "live")
    draft = EditionPage.objects.get(pk=edition.pk)
    draft.title = "Издание 2031 (чернова)"
    draft.save_revision()

    # 23:59 on the last day in Sofia (21:59 UTC): still on. (Other editions of the test
    # database, the demo's, may end earlier and be archived along.)
    before = datetime.datetime(2031, 3, 25, 21, 59, tzinfo=UTC)
    assert 2031 not in archive_finished_editions(now=before)
    assert _api_status(2031) == "live"
    # 00:01 the day after in Sofia.
    after = datetime.datetime(2031, 3, 25, 22, 1, tzinfo=UTC)
    assert 2031 in archive_finished_editions(now=after)
    assert archive_finished_editions(now=after) == []  # once

    edition.refresh_from_db()
    assert (edition.status, edition.title) == ("archived", "Издание 2031")
    assert _api_status(2031) == "archived"
    latest = edition.get_latest_revision_as_object()
    assert (latest.title, latest.status) == ("Издание 2031 (чернова)", "archived")
    assert edition.has_unpublished_changes


def test_the_nightly_tasks_are_on_beat_s_schedule():
    entries = celery_app.conf.beat_schedule.values()
    schedule = {entry["task"]: entry["schedule"] for entry in entries}
    assert schedule["core.publish_scheduled"] == 60.0
    assert schedule["core.sweep_outbox"] == 60.0
    assert schedule["search.replay_pending"] == 60.0
    for task in ("search.check_consistency", "conference.archive_finished_editions"):
        nightly = schedule[task]
        assert isinstance(nightly, crontab) and len(nightly.hour) == len(nightly.minute) == 1
    celery_app.loader.import_default_modules()  # what a worker does when it starts
    for task in schedule:
        assert task in celery_app.tasks, task
