import io

from django.core.management import call_command

from cms.conference.models import EditionPage, SessionPage, SessionSpeaker
from cms.conference.synthetic import SLUG


def _snapshot():
    sessions = SessionPage.objects.filter(url_path__contains=f"/{SLUG}/").order_by("url_path")
    return [
        (
            s.url_path,
            s.title,
            s.start.isoformat(),
            s.room.name,
            s.session_type,
            tuple(
                SessionSpeaker.objects.filter(session=s)
                .order_by("sort_order")
                .values_list("person__slug", flat=True)
            ),
        )
        for s in sessions
    ]


def test_generate_editions_is_deterministic_for_a_seed(db):
    call_command(
        "generate_editions", editions=2, sessions=12, seed=7, no_progress=True, stdout=io.StringIO()
    )
    first = _snapshot()
    assert len(first) == 24
    assert EditionPage.objects.filter(year__in=[2000, 2001]).count() == 2
    SessionPage.objects.filter(url_path__contains=f"/{SLUG}/").delete()
    EditionPage.objects.filter(url_path__contains=f"/{SLUG}/").delete()
    call_command(
        "generate_editions", editions=2, sessions=12, seed=7, no_progress=True, stdout=io.StringIO()
    )
    assert _snapshot() == first


def test_generate_editions_differs_with_another_seed_and_keeps_existing(db):
    out = io.StringIO()
    call_command("generate_editions", editions=1, sessions=5, seed=1, no_progress=True, stdout=out)
    titles = [t for _, t, *_ in _snapshot()]
    call_command("generate_editions", editions=1, sessions=5, seed=2, no_progress=True, stdout=out)
    assert [t for _, t, *_ in _snapshot()] == titles  # existing edition kept
    assert "0 new editions" in out.getvalue()
