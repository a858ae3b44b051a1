"""Admin forms whose choices of translatable snippets keep to the language being edited.

A Bulgarian session is tagged with Bulgarian topics, its speakers are the Bulgarian profiles; the
English translation uses the English ones. Every choice field of such a form that offers a
translatable model (topics, industries, people, organisations, rooms, tracks) offers only the
objects in the locale of the object being edited (for a new page: its parent's locale), and a
value of another locale sent anyway is refused with a message naming the object and both
languages.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.forms.auth import LoginForm
from wagtail.models import Page, TranslatableMixin

IN_LANGUAGE = {"bg": _("in Bulgarian"), "en": _("in English")}


def in_language(locale):
    """The phrase for "in <the locale's language>": "in Bulgarian", "на английски"."""
    return IN_LANGUAGE.get(locale.language_code) or locale.get_display_name()


def other_locale_message(obj, locale):
    return _(
        "“%(name)s” is %(other)s, but you are editing %(language)s: choose %(items)s %(language)s."
    ) % {
        "name": obj,
        "other": in_language(obj.locale),
        "language": in_language(locale),
        "items": type(obj)._meta.verbose_name_plural,
    }


class LocaleChoiceMixin:
    """For ModelChoiceField and ModelMultipleChoiceField limited to one locale: explains a value
    that exists in another locale instead of calling it merely invalid."""

    locale = None

    def _other_locale_error(self, values):
        model = self.queryset.model
        key = self.to_field_name or "pk"
        try:
            others = list(
                model._default_manager.filter(**{f"{key}__in": list(values)})
                .exclude(locale=self.locale)
                .select_related("locale")
                .order_by("pk")
            )
        except (ValueError, TypeError, ValidationError):
            return None
        if not others:
            return None
        return ValidationError(
            [other_locale_message(obj, self.locale) for obj in others], code="other_locale"
        )

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as error:
            # ModelChoiceField: a single value. ModelMultipleChoiceField checks its values in
            # _check_values instead.
            if error.code != "invalid_choice" or isinstance(self, forms.ModelMultipleChoiceField):
                raise
            raise self._other_locale_error([value]) or error from None

    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except ValidationError as error:
            if error.code != "invalid_choice":
                raise
            raise self._other_locale_error(value) or error from None


_LOCALISED_CLASSES = {}


def _localised_class(field_class):
    if issubclass(field_class, LocaleChoiceMixin):
        return field_class
    if field_class not in _LOCALISED_CLASSES:
        _LOCALISED_CLASSES[field_class] = type(
            f"Locale{field_class.__name__}", (LocaleChoiceMixin, field_class), {}
        )
    return _LOCALISED_CLASSES[field_class]


def offers_translatable_model(field):
    queryset = getattr(field, "queryset", None)
    if queryset is None:
        return False
    model = queryset.model
    # Links to pages may cross languages on purpose (wagtail-localize resolves them at runtime).
    return issubclass(model, TranslatableMixin) and not issubclass(model, Page)


def limit_field_to_locale(field, locale):
    """Offer only `locale`'s objects in `field`, and explain a value of another locale."""
    field.queryset = field.queryset.filter(locale=locale)
    # The same field with the explaining checks: a subclass that adds no state, so the field's
    # label, widget, help text and choices stay as the form built them.
    field.__class__ = _localised_class(type(field))
    field.locale = locale


def localise_initial(form, name, locale):
    """Show links to another locale's objects (older content, a fresh translation) as their
    translations in `locale`, so that saving the form keeps them."""
    field = form.fields[name]
    value = form.initial.get(name)
    if not isinstance(field, forms.ModelMultipleChoiceField) or not value:
        return
    model = field.queryset.model
    objects = [v for v in value if isinstance(v, model)]
    if len(objects) != len(value) or all(obj.locale_id == locale.pk for obj in objects):
        return
    local = dict(
        model._default_manager.filter(
            locale=locale, translation_key__in=[obj.translation_key for obj in objects]
        ).values_list("translation_key", "pk")
    )
    mapped = []
    for obj in objects:
        pk = obj.pk if obj.locale_id == locale.pk else local.get(obj.translation_key)
        if pk is not None and pk not in mapped:
            mapped.append(pk)
    form.initial[name] = mapped


def limit_form_to_locale(form, locale):
    for name, field in form.fields.items():
        if name != "locale" and offers_translatable_model(field):
            limit_field_to_locale(field, locale)
            if not form.is_bound:
                localise_initial(form, name, locale)
    for formset in getattr(form, "formsets", {}).values():
        for child in formset.forms:
            limit_form_to_locale(child, locale)


class LocaleChoicesMixin:
    """A model form whose translatable-snippet choices keep to the locale being edited."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale = self.edited_locale()
        if locale is not None:
            limit_form_to_locale(self, locale)

    def edited_locale(self):
        instance = self.instance
        if getattr(instance, "locale_id", None):
            return instance.locale
        parent = getattr(self, "parent_page", None)
        return parent.locale if parent is not None else None


class LocaleAdminPageForm(LocaleChoicesMixin, WagtailAdminPageForm):
    pass


class LocaleAdminModelForm(LocaleChoicesMixin, WagtailAdminModelForm):
    pass


class AdminLoginForm(LoginForm):
    """Wagtail's login form with a label for the password in the visitor's language (Wagtail's
    own shows the field's name, "Password", in every language)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
