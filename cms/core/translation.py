"""Keeping an object's links to translatable snippets in the object's own language.

A Bulgarian session lists Bulgarian topics, its English translation the English ones. Copying a
page for translation (wagtail-localize, `copy_for_translation`, an edition clone) copies its
many-to-many links as they are, that is to the source language's snippets; `LocalisedRelationsMixin`
points them at the translations in the page's locale when the page is saved.
"""

from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail.models import DraftStateMixin, TranslatableMixin


def translatable_many_to_many_fields(model):
    """The ParentalManyToManyFields of `model` that point at a translatable model."""
    return [
        field
        for field in model._meta.get_fields()
        if isinstance(field, ParentalManyToManyField)
        and issubclass(field.related_model, TranslatableMixin)
    ]


def _free_slug(model, slug, locale):
    taken = set(
        model._default_manager.filter(locale=locale, slug__startswith=slug).values_list(
            "slug", flat=True
        )
    )
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def translation_ensure(obj, locale):
    """The translation of the snippet `obj` in `locale`; created as an untranslated copy when
    missing (so that an editor can translate it later), except for snippets with a draft state,
    which an editor must publish themselves: None for those."""
    model = type(obj)
    found = model._default_manager.filter(
        translation_key=obj.translation_key, locale=locale
    ).first()
    if found is not None or issubclass(model, DraftStateMixin):
        return found
    copy = obj.copy_for_translation(locale)
    try:
        model._meta.get_field("slug")
    except models.FieldDoesNotExist:
        pass
    else:
        copy.slug = _free_slug(model, copy.slug, locale)
    copy.save()
    return copy


def localise_relations(instance):
    """Point the changed many-to-many links of `instance` to translatable snippets at their
    translations in `instance.locale`. Links read from the database and left alone are not
    looked at (they were checked when they were set). Returns the names of the fields changed."""
    pending = getattr(instance, "_cluster_related_objects", None) or {}
    locale_id = instance.locale_id
    changed = []
    if locale_id is None:
        return changed
    for field in translatable_many_to_many_fields(type(instance)):
        items = pending.get(field.name)
        if not items or all(item.locale_id == locale_id for item in items):
            continue
        model = field.related_model
        foreign = [item for item in items if item.locale_id != locale_id]
        local = {
            obj.translation_key: obj
            for obj in model._default_manager.filter(
                locale_id=locale_id, translation_key__in={item.translation_key for item in foreign}
            )
        }
        mapped, seen = [], set()
        for item in items:
            if item.locale_id != locale_id:
                item = local.get(item.translation_key) or translation_ensure(item, instance.locale)
            if item is not None and item.pk not in seen:
                seen.add(item.pk)
                mapped.append(item)
        setattr(instance, field.name, mapped)
        changed.append(field.name)
    return changed


class LocalisedRelationsMixin:
    """Saves a translatable model's links to translatable snippets in its own locale."""

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            localise_relations(self)
        return super().save(*args, **kwargs)
