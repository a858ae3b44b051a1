"""An edition's editors add people, organisations and images, and change only those their
edition uses (or that they created); deleting stays with the organising team."""

import importlib
import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupCollectionPermission
from wagtail.permissions import policy_registry
from wagtail.test.utils.form_data import nested_form_data, rich_text

from cms.conference.models import EditionPage, Partnership, SessionSpeaker
from cms.conference.schedule import person_create
from cms.conference.services import edition_editors_group_ensure, edition_image_collection
from cms.people.models import Organisation, Person

PEOPLE = "/admin/snippets/people/person/"
ORGANISATIONS = "/admin/snippets/people/organisation/"
DENIED = (302, 403)


@pytest.fixture
def edition_2027(demo):
    return EditionPage.objects.get(year=2027, locale__language_code="bg")


@pytest.fixture
def editor(client, edition_2027):
    user = get_user_model().objects.create_user("editor27", password="pw")
    user.groups.add(edition_editors_group_ensure(edition=edition_2027))
    client.force_login(user)
    return user


def speakers(year):
    """Translation keys of the people on sessions of the `year` editions (every language)."""
    under = Q(pk__in=[])
    for path in EditionPage.objects.filter(year=year).values_list("path", flat=True):
        under |= Q(session__path__startswith=path)
    return set(
        SessionSpeaker.objects.filter(under).values_list("person__translation_key", flat=True)
    )


def partners(year):
    """Translation keys of the partners of the `year` editions."""
    return set(
        Partnership.objects.filter(edition__year=year).values_list(
            "organisation__translation_key", flat=True
        )
    )


def person_form(person, **changes):
    data = {
        "name": person.name,
        "slug": person.slug,
        "job_title": person.job_title,
        "organisation": str(person.organisation_id or ""),
        "bio": rich_text(person.bio),
        "photo": str(person.photo_id or ""),
        "website": person.website,
        "linkedin": person.linkedin,
        **changes,
    }
    return nested_form_data(data)


def organisation_form(organisation, **changes):
    data = {
        "name": organisation.name,
        "short_name": organisation.short_name,
        "slug": organisation.slug,
        "kind": organisation.kind,
        "description": rich_text(organisation.description),
        "website": organisation.website,
        "country": organisation.country,
        "logo": str(organisation.logo_id or ""),
        **changes,
    }
    return nested_form_data(data)


def png(name="photo.png"):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_edition_editor_adds_and_publishes_people_and_organisations(client, editor):
    assert client.get("/admin/").status_code == 200
    assert client.get(f"{PEOPLE}add/?locale=bg").status_code == 200
    response = client.post(
        f"{PEOPLE}add/?locale=bg",
        {
            **person_form(Person(name="Нов Лектор", slug="nov-lektor")),
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    person = Person.objects.get(slug="nov-lektor")
    assert person.live and person.locale.language_code == "bg"
    # What they created stays theirs to change.
    assert client.get(f"{PEOPLE}edit/{person.pk}/").status_code == 200
    response = client.post(
        f"{PEOPLE}edit/{person.pk}/",
        {**person_form(person, job_title="Директор"), "action-publish": "action-publish"},
    )
    assert response.status_code == 302
    assert Person.objects.get(pk=person.pk).job_title == "Директор"

    response = client.post(
        f"{ORGANISATIONS}add/?locale=bg",
        {
            **organisation_form(Organisation(name="Нов партньор", slug="nov-partnyor")),
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    organisation = Organisation.objects.get(slug="nov-partnyor")
    assert organisation.live
    assert client.get(f"{ORGANISATIONS}edit/{organisation.pk}/").status_code == 200

    # The schedule board's quick add works for them too, published.
    added = Person.objects.get(pk=person_create(name="Бърз Лектор", user=editor).pk)
    assert added.live
    policy = policy_registry.get_by_type(Person)
    assert policy.user_has_permission_for_instance(editor, "change", added)
    assert policy.user_has_permission_for_instance(editor, "publish", added)


def test_edition_editor_changes_only_what_their_edition_uses(client, editor, edition_2027):
    outsider = Person.objects.create(
        name="Говорил през 2025", slug="only-2025", locale=edition_2027.locale
    )
    outsider.save_revision().publish()
    session_2025 = EditionPage.objects.get(year=2025, locale=edition_2027.locale).sessions()[0]
    SessionSpeaker.objects.create(session=session_2025, person=outsider)
    speakers_2027 = speakers(2027)
    only_2025 = speakers(2025) - speakers_2027 - speakers(2026)
    assert outsider.translation_key in only_2025
    speaker = Person.objects.filter(translation_key__in=speakers_2027, locale__language_code="en")
    speaker = speaker.order_by("pk")[0]

    # A speaker of 2027 (here the English profile: matched across languages).
    assert client.get(f"{PEOPLE}edit/{speaker.pk}/").status_code == 200
    response = client.post(
        f"{PEOPLE}edit/{speaker.pk}/",
        {**person_form(speaker, job_title="Edited"), "action-publish": "action-publish"},
    )
    assert response.status_code == 302
    assert Person.objects.get(pk=speaker.pk).job_title == "Edited"

    # Someone who spoke only in 2025.
    assert client.get(f"{PEOPLE}edit/{outsider.pk}/").status_code in DENIED
    response = client.post(f"{PEOPLE}edit/{outsider.pk}/", person_form(outsider, name="Hijacked"))
    assert response.status_code in DENIED
    assert client.get(f"{PEOPLE}unpublish/{outsider.pk}/").status_code in DENIED
    outsider.refresh_from_db()
    assert outsider.name != "Hijacked" and outsider.live
    assert not outsider.revisions.filter(user=editor).exists()

    # The listing shows what they may change.
    listed = set(client.get(f"{PEOPLE}?locale=en").context["object_list"])
    assert speaker in listed
    assert not {p for p in listed if p.translation_key in only_2025}
    assert {p.translation_key for p in listed} <= speakers_2027

    # Organisations: the 2027 partners and their speakers' employers, not the others.
    partner = Organisation.objects.filter(
        translation_key__in=partners(2027), locale__language_code="bg"
    )[0]
    employer = Person.objects.get(pk=speaker.pk).organisation
    assert client.get(f"{ORGANISATIONS}edit/{partner.pk}/").status_code == 200
    if employer is not None:
        assert client.get(f"{ORGANISATIONS}edit/{employer.pk}/").status_code == 200
    unrelated = Organisation.objects.create(
        name="Несвързана", slug="nesvarzana", locale=partner.locale
    )
    assert client.get(f"{ORGANISATIONS}edit/{unrelated.pk}/").status_code in DENIED
    listed = set(client.get(f"{ORGANISATIONS}?locale=bg").context["object_list"])
    assert partner in listed and unrelated not in listed

    # The organising team (the model's change permission) keeps every record.
    team = get_user_model().objects.create_user("team", password="pw")
    team.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="people", codename__in=["change_person", "publish_person"]
        )
    )
    policy = policy_registry.get_by_type(Person)
    assert policy.user_has_permission_for_instance(team, "change", outsider)
    assert policy.user_has_permission_for_instance(team, "publish", outsider)
    assert not policy.user_has_permission_for_instance(editor, "change", outsider)
    assert policy.instances_user_has_permission_for(team, "change").count() == (
        Person.objects.count()
    )


def test_edition_editor_cannot_delete_people_or_organisations(client, editor):
    speaker = Person.objects.filter(translation_key__in=speakers(2027))[0]
    partner = Organisation.objects.filter(translation_key__in=partners(2027))[0]
    for url, record in ((PEOPLE, speaker), (ORGANISATIONS, partner)):
        assert client.get(f"{url}delete/{record.pk}/").status_code in DENIED
        assert client.post(f"{url}delete/{record.pk}/").status_code in DENIED
        assert type(record).objects.filter(pk=record.pk).exists()
        edit_page = client.get(f"{url}edit/{record.pk}/").content.decode()
        assert f"{url}delete/{record.pk}/" not in edit_page


def test_edition_editor_uploads_into_their_collection_and_chooses_shared_images(
    client, editor, edition_2027
):
    collection = Collection.objects.get(name=edition_image_collection(edition_2027))
    root = Collection.get_first_root_node()
    assert collection.get_parent() == root
    shared = get_image_model().objects.filter(collection=root).first()
    assert shared is not None

    response = client.post(
        "/admin/images/add/", {"title": "Зала", "file": png(), "collection": collection.pk}
    )
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Зала")
    assert image.collection == collection and image.uploaded_by_user == editor
    assert client.get(f"/admin/images/{image.pk}/").status_code == 200

    # Their collection is the only one they add to: the form offers no other.
    assert "collection" not in client.get("/admin/images/add/").context["form"].fields
    client.post("/admin/images/add/", {"title": "В корена", "file": png(), "collection": root.pk})
    assert get_image_model().objects.get(title="В корена").collection == collection

    chooser = client.get("/admin/images/chooser/")
    assert chooser.status_code == 200
    policy = policy_registry.get_by_type(get_image_model())
    choosable = policy.instances_user_has_permission_for(editor, "choose")
    assert shared in choosable and image in choosable
    assert not policy.user_has_permission_for_instance(editor, "change", shared)


def test_migration_gives_existing_groups_the_new_permissions(edition_2027):
    group = edition_editors_group_ensure(edition=edition_2027)
    granted = set(group.permissions.all())
    collection_grants = set(
        GroupCollectionPermission.objects.filter(group=group).values_list(
            "collection__name", "permission__codename"
        )
    )
    assert {p.codename for p in granted} >= {"add_person", "publish_organisation"}
    # A group made before: page permissions only, no image collection.
    group.permissions.remove(*(p for p in granted if p.content_type.app_label == "people"))
    GroupCollectionPermission.objects.filter(group=group).delete()
    Collection.objects.get(name=edition_image_collection(edition_2027)).delete()

    migration = importlib.import_module(
        "cms.people.migrations.0003_edition_editors_people_and_images"
    )
    migration.edition_editors_complete(apps, None)
    migration.edition_editors_complete(apps, None)  # and again: nothing more

    assert set(group.permissions.all()) == granted
    assert (
        set(
            GroupCollectionPermission.objects.filter(group=group).values_list(
                "collection__name", "permission__codename"
            )
        )
        == collection_grants
    )
    assert Collection.objects.filter(name=edition_image_collection(edition_2027)).count() == 1
