"""Give the existing per-edition editor groups what cms.conference.services.
edition_editors_group_ensure now grants: adding and publishing people and organisations, and an
image collection for the edition (add, change, choose) with choosing on the root collection.

Written against the historical models, as edition_editors_group_ensure was at this point; the
collection tree insert goes through Wagtail's Collection model, which keeps treebeard's paths.
"""

from django.conf import settings
from django.db import migrations

PEOPLE_PERMISSIONS = ("add_person", "publish_person", "add_organisation", "publish_organisation")
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
IMAGE_PERMISSIONS = ("add_image", "change_image", "choose_image")
STEPLEN = 4  # the length of one level of wagtailcore's tree paths


def edition_editors_complete(apps, schema_editor):
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection as TreeCollection

    EditionPage = apps.get_model("conference", "EditionPage")
    Page = apps.get_model("wagtailcore", "Page")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    editions = list(EditionPage.objects.filter(locale__language_code=language).order_by("path"))
    if not editions:
        return
    admin_access = list(
        Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    people = list(
        Permission.objects.filter(content_type__app_label="people", codename__in=PEOPLE_PERMISSIONS)
    )
    pages = list(
        Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS
        )
    )
    images = list(
        Permission.objects.filter(
            content_type__app_label="wagtailimages", codename__in=IMAGE_PERMISSIONS
        )
    )
    root = TreeCollection.get_first_root_node()
    for edition in editions:
        conference = Page.objects.get(path=edition.path[:-STEPLEN])
        group, _created = Group.objects.get_or_create(
            name=f"Editors {edition.year}: {conference.title}"[:150]
        )
        group.permissions.add(*admin_access, *people)
        for page in Page.objects.filter(translation_key=edition.translation_key):
            for permission in pages:
                GroupPagePermission.objects.get_or_create(
                    group_id=group.pk, page_id=page.pk, permission_id=permission.pk
                )
        name = f"Edition {edition.year}: {conference.title}"[:255]
        collection = root.get_children().filter(name=name).first() or root.add_child(name=name)
        for permission in images:
            GroupCollectionPermission.objects.get_or_create(
                group_id=group.pk, collection_id=collection.pk, permission_id=permission.pk
            )
            if permission.codename == "choose_image":
                GroupCollectionPermission.objects.get_or_create(
                    group_id=group.pk, collection_id=root.pk, permission_id=permission.pk
                )


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_admin_labels"),
        ("conference", "0007_agenda_upload"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(edition_editors_complete, migrations.RunPython.noop)]
