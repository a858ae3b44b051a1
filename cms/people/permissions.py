"""Who may change which people and organisations in the admin.

Users with the model's change permission (the organising team) and superusers change every
record. Users who may only add records (an edition's editors) change and publish the records
their editions use, matched across languages by translation key:

- a person who appears (SessionSpeaker) in a session under a page they may change, or whom
  they created (the user of the record's first revision);
- an organisation that is a partner of such an edition, the employer of such a person (or the
  organisation named on such an appearance), or one they created.

Deleting needs the model's delete permission, as Wagtail's ModelPermissionPolicy says.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from wagtail.models import GroupPagePermission, Revision
from wagtail.permission_policies.base import ModelPermissionPolicy

# Actions on one record that users with only the add permission take on the records in scope.
SCOPED_ACTIONS = frozenset({"change", "publish"})


def _edited_page_paths(user):
    """Tree paths of the pages whose subtree the user may change through their groups."""
    return list(
        GroupPagePermission.objects.filter(
            group__user=user, permission__codename="change_page"
        ).values_list("page__path", flat=True)
    )


def _under(paths, lookup):
    """A filter on `lookup` (a page path) for pages at or below any of `paths`."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{lookup}__startswith": path})
    return condition


def _created_by(model, user):
    """Translation keys of the `model` records whose first revision `user` saved."""
    first_revision_user = (
        Revision.objects.filter(
            base_content_type=ContentType.objects.get_for_model(model),
            object_id=Cast(OuterRef("pk"), CharField()),
        )
        .order_by("created_at", "pk")
        .values("user_id")[:1]
    )
    return (
        model._default_manager.annotate(_creator_id=Subquery(first_revision_user))
        .filter(_creator_id=user.pk)
        .values("translation_key")
    )


def people_in_scope(user):
    """The people the user's editions use or the user created, in every language."""
    person_model = apps.get_model("people", "Person")
    session_speaker = apps.get_model("conference", "SessionSpeaker")
    appearing = session_speaker.objects.filter(
        _under(_edited_page_paths(user), "session__path")
    ).values("person__translation_key")
    return person_model._default_manager.filter(
        Q(translation_key__in=appearing) | Q(translation_key__in=_created_by(person_model, user))
    )


def organisations_in_scope(user):
    """The organisations the user's editions use or the user created, in every language."""
    organisation_model = apps.get_model("people", "Organisation")
    partnership = apps.get_model("conference", "Partnership")
    session_speaker = apps.get_model("conference", "SessionSpeaker")
    paths = _edited_page_paths(user)
    partners = partnership.objects.filter(_under(paths, "edition__path")).values(
        "organisation__translation_key"
    )
    employers = (
        people_in_scope(user)
        .filter(organisation__isnull=False)
        .values("organisation__translation_key")
    )
    named_on_appearances = (
        session_speaker.objects.filter(_under(paths, "session__path"))
        .filter(organisation__isnull=False)
        .values("organisation__translation_key")
    )
    return organisation_model._default_manager.filter(
        Q(translation_key__in=partners)
        | Q(translation_key__in=employers)
        | Q(translation_key__in=named_on_appearances)
        | Q(translation_key__in=_created_by(organisation_model, user))
    )


class EditionScopedPermissionPolicy(ModelPermissionPolicy):
    """ModelPermissionPolicy where users with the add permission but not the change permission
    change and publish only the records `in_scope(user)` returns."""

    def __init__(self, model, in_scope):
        super().__init__(model)
        self.in_scope = in_scope

    def _changes_everything(self, user):
        return user.has_perm(self._get_permission_name("change"))

    def _is_scoped(self, user):
        return (
            user.is_active
            and not self._changes_everything(user)
            and user.has_perm(self._get_permission_name("add"))
        )

    def user_has_permission(self, user, action):
        # With the add permission there are records the user may change: their editions'.
        if action == "change" and self._is_scoped(user):
            return True
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = set(actions)
        if "change" in actions:
            actions.add("add")
        return super().users_with_any_permission(actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if action in SCOPED_ACTIONS and self._is_scoped(user):
            return (
                self.user_has_permission(user, action)
                and self.in_scope(user).filter(pk=instance.pk).exists()
            )
        return super().user_has_permission_for_instance(user, action, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        scoped = self._is_scoped(user)
        in_scope = False
        for action in actions:
            if scoped and action in SCOPED_ACTIONS:
                in_scope = in_scope or self.user_has_permission(user, action)
            elif super().user_has_permission(user, action):
                return self.model._default_manager.all()
        if in_scope:
            return self.in_scope(user)
        return self.model._default_manager.none()


class InstancePermissionCheckedMixin:
    """For admin views of one record: the view's permission is checked on that record (the
    generic views check the change and publish permissions on the model only)."""

    def user_has_permission(self, permission):
        allowed = super().user_has_permission(permission)
        instance = getattr(self, "object", None)
        if allowed and instance is not None and instance.pk is not None:
            return self.user_has_permission_for_instance(permission, instance)
        return allowed
