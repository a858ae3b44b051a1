"""Starting next year with the timetable skeleton (chosen session types) and chosen partners."""

import datetime
import html
import re
import zoneinfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.core.management import CommandError, call_command
from wagtail.models import Locale

from cms.conference.models import EditionPage, SessionPage
from cms.conference.services import EditionCloneError, edition_clone

SOFIA = zoneinfo.ZoneInfo("Europe/Sofia")
SKELETON = ("break", "ceremony", "b2b", "networking")


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")
    client.force_login(user)
    return client


def edition_of(year, language="bg"):
    return EditionPage.objects.get(year=year, locale__language_code=language)


def ordered(queryset):
    return list(queryset.order_by("sort_order", "pk"))


def partner_slugs(edition):
    return list(
        edition.partnerships.order_by("sort_order", "pk").values_list(
            "organisation__slug", flat=True
        )
    )


def test_clone_carries_sessions_of_the_chosen_types_to_the_new_days(demo):
    source = edition_of(2025)
    clone = edition_clone(source=source, year=2028, session_types=SKELETON)

    originals = SessionPage.objects.child_of(source).filter(session_type__in=SKELETON)
    copies = {s.slug: s for s in SessionPage.objects.child_of(clone)}
    assert originals.exists() and len(copies) == originals.count()
    assert {s.session_type for s in copies.values()} <= set(SKELETON)
    source_rooms, clone_rooms = ordered(source.rooms), ordered(clone.rooms)
    source_tracks, clone_tracks = ordered(source.tracks), ordered(clone.tracks)
    for original in originals:
        copy = copies[original.slug]
        local, moved = original.start.astimezone(SOFIA), copy.start.astimezone(SOFIA)
        assert moved.time() == local.time()
        assert moved.date() == clone.start_date + (local.date() - source.start_date)
        assert copy.end - copy.start == original.end - original.start
        assert (copy.title, copy.live, copy.has_unpublished_changes) == (
            original.title,
            False,
            True,
        )
        assert not copy.speakers.exists() and len(copy.materials) == 0
        assert copy.external_id == ""
        if original.room:
            assert copy.room == clone_rooms[source_rooms.index(original.room)]
        else:
            assert copy.room is None
        if original.track:
            assert copy.track == clone_tracks[source_tracks.index(original.track)]
        else:
            assert copy.track is None
        assert set(copy.topics.values_list("pk", flat=True)) == set(
            original.topics.values_list("pk", flat=True)
        )
    registration = originals.get(slug="registration")  # a break on the first day at 9:00
    copy = copies["registration"]
    assert copy.start.astimezone(SOFIA).time() == registration.start.astimezone(SOFIA).time()
    assert copy.start.astimezone(SOFIA).date() == clone.start_date
    assert not originals.filter(live=False).exists()  # the source stays as it was
    assert originals.filter(speakers__isnull=False).exists()


def test_clone_leaves_out_the_types_not_chosen(demo):
    source = edition_of(2025)
    clone = edition_clone(source=source, year=2028, session_types=["ceremony"])

    english = clone.get_translation(Locale.objects.get(language_code="en"))
    for edition in (clone, english):
        types = SessionPage.objects.child_of(edition).values_list("session_type", flat=True)
        assert set(types) == {"ceremony"}
    ceremonies = SessionPage.objects.child_of(source).filter(session_type="ceremony")
    assert SessionPage.objects.child_of(clone).count() == ceremonies.count()


def test_clone_links_english_copies_as_translations_under_the_english_clone(demo):
    source = edition_of(2025)
    en = Locale.objects.get(language_code="en")
    clone = edition_clone(source=source, year=2028, session_types=SKELETON)
    english_clone = clone.get_translation(en)

    copies = list(SessionPage.objects.child_of(clone))
    english = list(SessionPage.objects.child_of(english_clone))
    assert copies and len(english) == len(copies)
    english_rooms = ordered(english_clone.rooms)
    for copy in copies:
        translation = copy.get_translation(en).specific
        assert translation.get_parent().pk == english_clone.pk
        assert (translation.start, translation.end) == (copy.start, copy.end)
        assert not translation.live and not translation.speakers.exists()
        original = SessionPage.objects.child_of(source.get_translation(en)).get(
            translation_key=SessionPage.objects.child_of(source).get(slug=copy.slug).translation_key
        )
        assert translation.title == original.title
        if copy.room:
            assert translation.room.edition_id == english_clone.pk
            assert translation.room.translation_key == copy.room.translation_key
            assert translation.room == english_rooms[ordered(clone.rooms).index(copy.room)]
            assert translation.room.name != copy.room.name  # the English name
        else:
            assert translation.room is None
        assert all(topic.locale_id == en.pk for topic in translation.topics.all())


def test_clone_keeps_the_local_time_across_a_change_to_summer_time(edition, add_session):
    # 2025-03-29..31 spans the switch to summer time (30 March); the 2026 copy starts on the day
    # of its switch (29 March), so the same wall-clock time has another UTC offset.
    edition.start_date, edition.end_date = datetime.date(2025, 3, 29), datetime.date(2025, 3, 31)
    edition.save()
    first = add_session(
        "Регистрация",
        datetime.datetime(2025, 3, 29, 10, 0, tzinfo=SOFIA),
        datetime.datetime(2025, 3, 29, 10, 30, tzinfo=SOFIA),
        room=edition.rooms.order_by("sort_order").last(),
    )
    last = add_session(
        "Закриване",
        datetime.datetime(2025, 3, 31, 17, 0, tzinfo=SOFIA),
        datetime.datetime(2025, 3, 31, 18, 0, tzinfo=SOFIA),
    )
    SessionPage.objects.filter(pk__in=[first.pk, last.pk]).update(session_type="break")
    unscheduled = add_session("Без час", None, None)
    SessionPage.objects.filter(pk=unscheduled.pk).update(session_type="break")

    clone = edition_clone(source=edition, year=2026, session_types=["break"])

    copies = {s.slug: s for s in SessionPage.objects.child_of(clone)}
    assert set(copies) == {first.slug, last.slug}
    opening = copies[first.slug].start.astimezone(SOFIA)
    closing = copies[last.slug].start.astimezone(SOFIA)
    assert (opening.date(), opening.time()) == (datetime.date(2026, 3, 29), datetime.time(10))
    assert opening.utcoffset() == datetime.timedelta(hours=3)
    assert (closing.date(), closing.time()) == (datetime.date(2026, 3, 31), datetime.time(17))
    assert copies[first.slug].end - copies[first.slug].start == datetime.timedelta(minutes=30)
    assert copies[first.slug].room == clone.rooms.order_by("sort_order").last()


def test_clone_carries_only_the_chosen_partnerships_in_both_languages(demo):
    source = edition_of(2027)
    chosen = [
        p
        for p in ordered(source.partnerships)
        if p.organisation.slug in {"bca", "mechatronica-labs"}
    ]
    clone = edition_clone(source=source, year=2028, partnerships=[p.pk for p in chosen])

    assert list(
        clone.partnerships.order_by("sort_order").values_list("organisation__slug", "role", "tier")
    ) == [("bca", "organiser", ""), ("mechatronica-labs", "sponsor", "silver")]
    english = clone.get_translation(Locale.objects.get(language_code="en"))
    assert partner_slugs(english) == ["bca", "mechatronica-labs"]
    assert len(partner_slugs(source)) == 9  # the source keeps all


def test_clone_refuses_an_unknown_type_or_a_foreign_partnership(demo):
    source = edition_of(2027)
    with pytest.raises(EditionCloneError) as error:
        edition_clone(source=source, year=2028, session_types=["lunch"])
    assert "lunch" in error.value.message_dict["session_types"][0]
    foreign = edition_of(2025).partnerships.first()
    with pytest.raises(EditionCloneError) as error:
        edition_clone(source=source, year=2028, partnerships=[foreign.pk])
    assert str(foreign.pk) in error.value.message_dict["partnerships"][0]
    assert not EditionPage.objects.filter(year=2028).exists()


def test_command_carries_the_named_types_and_partners(demo, capsys):
    call_command(
        "edition_clone",
        "--source-year=2025",
        "--year=2028",
        "--session-types=break, ceremony",
        "--partnerships=bca,sofia-tech-park",
    )
    out = capsys.readouterr().out
    clone = edition_of(2028)
    carried = SessionPage.objects.child_of(clone)
    assert set(carried.values_list("session_type", flat=True)) == {"break", "ceremony"}
    assert f"{carried.count()} session(s) carried" in out
    assert partner_slugs(clone) == ["bca", "sofia-tech-park"]
    assert partner_slugs(edition_of(2028, "en")) == ["bca", "sofia-tech-park"]


def test_command_defaults_to_every_partner_and_no_sessions(demo, capsys):
    call_command("edition_clone", "--source-year=2027", "--year=2028")
    assert "0 session(s) carried" in capsys.readouterr().out
    assert partner_slugs(edition_of(2028)) == partner_slugs(edition_of(2027))


def test_command_with_partnerships_none(demo):
    call_command("edition_clone", "--source-year=2027", "--year=2028", "--partnerships=none")
    assert partner_slugs(edition_of(2028)) == partner_slugs(edition_of(2028, "en")) == []


def test_command_refuses_a_bad_session_type_naming_the_valid_ones(edition):
    editions = EditionPage.objects.count()
    with pytest.raises(CommandError) as error:
        call_command(
            "edition_clone", "--source-year=2025", "--year=2026", "--session-types=break,lunch"
        )
    message = str(error.value)
    assert "lunch" in message
    assert all(value in message for value in SessionPage.Type.values)
    assert EditionPage.objects.count() == editions


def test_command_refuses_an_organisation_that_is_not_a_partner(demo):
    with pytest.raises(CommandError) as error:
        call_command("edition_clone", "--source-year=2027", "--year=2028", "--partnerships=nobody")
    assert "nobody" in str(error.value) and "bca" in str(error.value)
    assert not EditionPage.objects.filter(year=2028).exists()


def checkboxes(content, name):
    """{value: checked} of the checkboxes called `name` in an HTML page."""
    inputs = re.findall(rf'<input[^>]*name="{name}"[^>]*>', content)
    return {re.search(r'value="([^"]*)"', tag).group(1): " checked" in tag for tag in inputs}


def test_admin_clone_view_offers_session_types_and_partners(admin_client, demo):
    source = edition_of(2025)
    response = admin_client.get(f"/admin/editions/{source.pk}/clone/")
    assert response.status_code == 200
    content = html.unescape(response.content.decode())

    types = checkboxes(content, "session_types")
    assert types == {value: value in SKELETON for value in SessionPage.Type.values}
    breaks = SessionPage.objects.child_of(source).filter(session_type="break").count()
    keynotes = SessionPage.objects.child_of(source).filter(session_type="keynote").count()
    assert breaks > 1 and f"Почивка ({breaks} сесии)" in content
    assert f"Основен доклад ({keynotes} {'сесия' if keynotes == 1 else 'сесии'})" in content
    partners = checkboxes(content, "partnerships")
    assert partners == {str(p.pk): True for p in source.partnerships.all()}
    for partnership in source.partnerships.select_related("organisation"):
        assert partnership.organisation.name in content
    assert "Организатор" in content


def test_admin_clone_view_clones_with_a_subset(admin_client, demo):
    source = edition_of(2025)
    keep = [p for p in ordered(source.partnerships) if p.organisation.slug == "bca"]
    response = admin_client.post(
        f"/admin/editions/{source.pk}/clone/",
        {"year": 2028, "session_types": ["break"], "partnerships": [p.pk for p in keep]},
    )
    clone = edition_of(2028)
    assert response.status_code == 302
    carried = SessionPage.objects.child_of(clone)
    breaks = SessionPage.objects.child_of(source).filter(session_type="break").count()
    assert carried.count() == breaks and set(carried.values_list("session_type", flat=True)) == {
        "break"
    }
    assert partner_slugs(clone) == partner_slugs(edition_of(2028, "en")) == ["bca"]
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert f"{breaks} сесии са пренесени като чернови" in message


def test_clone_moves_the_year_in_slugs_and_drafts_open_in_the_editor_as_saved(demo):
    source = edition_of(2027)
    keep = [p.pk for p in ordered(source.partnerships)[:2]]
    clone = edition_clone(source=source, year=2028, partnerships=keep, session_types=["b2b"])
    english = clone.get_translation(Locale.objects.get(language_code="en")).specific

    for edition in (clone, english):  # "b2b-2027" in the source
        slugs = SessionPage.objects.child_of(edition).values_list("slug", flat=True)
        assert list(slugs) == ["b2b-2028"]

    for edition in (clone, english):
        draft = EditionPage.objects.get(pk=edition.pk).get_latest_revision_as_object()
        assert partner_slugs(draft) == partner_slugs(edition) == ["ministry-of-economy", "bca"]
        assert [room.translation_key for room in ordered(draft.rooms)] == [
            room.translation_key for room in ordered(edition.rooms)
        ]
    for session in SessionPage.objects.child_of(clone):
        draft = session.get_latest_revision_as_object()
        assert (draft.start, draft.room_id, draft.speakers.count()) == (
            session.start,
            session.room_id,
            0,
        )
