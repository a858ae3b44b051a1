import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cms.conference.models import EditionPage
from cms.conference.services import edition_clone, edition_editors_group_ensure


@pytest.fixture
def editor_2027(demo):
    edition = EditionPage.objects.get(year=2027, locale__language_code="bg")
    user = get_user_model().objects.create_user("editor27", password="pw")
    user.groups.add(edition_editors_group_ensure(edition=edition))
    return user


def test_edition_editor_can_edit_only_their_edition_in_both_languages(editor_2027):
    for edition in EditionPage.objects.all():
        permissions = edition.permissions_for_user(editor_2027)
        assert permissions.can_edit() is (edition.year == 2027), edition
        assert permissions.can_publish() is (edition.year == 2027), edition
    session = EditionPage.objects.get(year=2027, locale__language_code="en").get_children().first()
    assert session.permissions_for_user(editor_2027).can_edit()


def test_edition_editor_is_refused_another_edition_in_the_admin(client, editor_2027):
    client.force_login(editor_2027)
    own = EditionPage.objects.get(year=2027, locale__language_code="bg")
    other = EditionPage.objects.get(year=2026, locale__language_code="bg")
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    response = client.get(f"/admin/pages/{other.pk}/edit/")
    assert response.status_code in (302, 403)
    response = client.post(f"/admin/pages/{other.pk}/edit/", {"title": "hijacked"})
    assert response.status_code in (302, 403)
    other.refresh_from_db()
    assert other.title != "hijacked"


def test_edition_editor_cannot_start_a_new_edition(client, editor_2027):
    client.force_login(editor_2027)
    own = EditionPage.objects.get(year=2027, locale__language_code="bg")
    response = client.post(f"/admin/editions/{own.pk}/clone/", {"year": 2030})
    assert response.status_code in (302, 403)
    assert not EditionPage.objects.filter(year=2030).exists()


def test_cloned_edition_gets_its_own_editor_group(demo):
    source = EditionPage.objects.get(year=2027, locale__language_code="bg")
    clone = edition_clone(source=source, year=2028)
    group = Group.objects.get(name__startswith="Editors 2028")
    user = get_user_model().objects.create_user("editor28", password="pw")
    user.groups.add(group)
    assert clone.permissions_for_user(user).can_edit()
    assert not source.permissions_for_user(user).can_edit()
