import datetime
import io
from urllib.parse import quote

from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Revision
from wagtail_headless_preview.models import PagePreview

from cms.conference.models import SessionPage

from .conftest import at


def test_session_scheduled_for_later_goes_live_only_when_due(edition, add_session):
    session = add_session("Опит", at(26, 10), at(26, 11))
    session.unpublish()
    session.refresh_from_db()
    session.title = "Насрочена сесия"
    session.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = session.save_revision()
    revision.publish()
    session.refresh_from_db()
    assert not session.live

    call_command("publish_scheduled", stdout=io.StringIO())
    session.refresh_from_db()
    assert not session.live

    # Time passes: the scheduled moment is now in the past.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision = Revision.objects.get(pk=revision.pk)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    call_command("publish_scheduled", stdout=io.StringIO())
    session.refresh_from_db()
    assert session.live
    assert session.title == "Насрочена сесия"


def test_draft_changes_stay_out_of_the_live_page_until_published(edition, add_session):
    session = add_session("Публикувана", at(26, 10), at(26, 11))
    session.title = "Чернова"
    session.save_revision()
    live = SessionPage.objects.get(pk=session.pk)
    assert live.title == "Публикувана" and live.has_unpublished_changes
    assert live.get_latest_revision_as_object().title == "Чернова"


def test_editor_preview_points_the_frontend_at_a_signed_token(edition, add_session, settings):
    session = add_session("Публикувана", at(26, 10), at(26, 11))
    session.title = "Чернова за преглед"
    session.save_revision()
    draft = SessionPage.objects.get(pk=session.pk).get_latest_revision_as_object()
    request = RequestFactory().get("/")
    request.user = None
    response = draft.make_preview_request(request, draft.default_preview_mode)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"{settings.FRONTEND_URL}/api/preview" in html
    assert "content_type=conference.sessionpage" in html
    preview = PagePreview.objects.get()
    assert f"token={quote(preview.token)}" in html or f"token={preview.token}" in html
    assert preview.as_page().title == "Чернова за преглед"
