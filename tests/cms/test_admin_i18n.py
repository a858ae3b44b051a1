"""Every string our apps show in the admin exists in Bulgarian and English.

The model walk fails when a verbose name, field label, help text, choice, StreamField block label
or panel heading of ours reads the same in both languages (that is: it was never translated, or
never marked for translation), unless it is a word both languages share. The catalogue checks
fail on untranslated, fuzzy or stale entries. The admin tests log in as a Bulgarian editor and
read the edit forms and listings the way the editor sees them.
"""

import html
import json
import re
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.test.utils import isolate_apps
from django.utils import translation
from django.utils.translation import gettext, ngettext, npgettext, pgettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.users.models import UserProfile

from cms.conference.models import (
    ConferencePage,
    EditionPage,
    NewsPage,
    SessionPage,
    StandardPage,
    VenuePage,
)
from cms.people.models import Person

OUR_APPS = ("core", "people", "conference", "webhooks")
# Names and codes that read the same in Bulgarian and English.
SAME_IN_BOTH = {
    "LinkedIn",
    "Facebook",
    "X",
    "YouTube",
    "Instagram",
    "CSV",
    "Excel (XLSX)",
    "frab XML (pretalx, frab)",
    "frab JSON (pretalx, frab)",
}
CATALOGUE = Path(settings.BASE_DIR) / "cms" / "locale" / "bg" / "LC_MESSAGES" / "django.po"


def both(text):
    with translation.override("bg"):
        bulgarian = str(text)
    with translation.override("en"):
        english = str(text)
    return bulgarian, english


def inherited_field_names(model):
    """Fields a model gets from abstract models outside our apps (Wagtail's mixins)."""
    names = set()
    for base in model.__mro__[1:]:
        meta = getattr(base, "_meta", None)
        if meta is not None and meta.abstract and meta.app_label not in OUR_APPS:
            names.update(field.name for field in meta.local_fields + meta.local_many_to_many)
    return names


INLINE_BLOCKS = (blocks.StructBlock, blocks.StreamBlock, blocks.ListBlock)


def block_strings(block, where, root=True):
    """Labels, help texts and choices of our StreamField blocks (a block without a label shows
    its Python name). Wagtail's own blocks (ImageBlock...) bring their own strings."""
    meta = block.meta
    if not root:
        yield f"{where} label", meta.label
    if getattr(meta, "help_text", None):
        yield f"{where} help_text", meta.help_text
    if isinstance(block, blocks.ChoiceBlock):
        for value, label in block.field.choices:
            if value:
                yield f"{where} choice {value!r}", label
    if type(block).__module__.startswith("cms.") or type(block) in INLINE_BLOCKS:
        for name, child in getattr(block, "child_blocks", {}).items():
            yield from block_strings(child, f"{where}.{name}", root=False)


def panel_strings(panels, where):
    for panel in panels:
        if isinstance(panel, (MultiFieldPanel, ObjectList)) or isinstance(panel, InlinePanel):
            if panel.heading:
                yield f"{where} panel heading", panel.heading
        if isinstance(panel, InlinePanel) and panel.label:
            yield f"{where} inline panel {panel.relation_name} label", panel.label
        if isinstance(panel, FieldPanel) and panel.heading:
            yield f"{where} field panel {panel.field_name} heading", panel.heading
        yield from panel_strings(getattr(panel, "children", []), where)


def model_strings(model):
    name = model._meta.label
    yield f"{name} verbose_name", model._meta.verbose_name
    if "verbose_name_plural" not in model._meta.original_attrs:
        yield f"{name} verbose_name_plural (not set)", None
    yield f"{name} verbose_name_plural", model._meta.verbose_name_plural
    inherited = inherited_field_names(model)
    for field in model._meta.get_fields():
        if not (field.concrete or field.many_to_many) or field.auto_created:
            continue
        if getattr(field, "model", None) is not model or field.name in inherited:
            continue
        where = f"{name}.{field.name}"
        yield f"{where} verbose_name", field.verbose_name
        if field.help_text:
            yield f"{where} help_text", field.help_text
        for value, label in field.flatchoices or ():
            yield f"{where} choice {value!r}", label
        if isinstance(field, StreamField):
            yield from block_strings(field.stream_block, f"{where} block")
    own_panels = []
    if issubclass(model, Page):
        own_panels = [p for p in model.content_panels if p not in Page.content_panels]
    own_panels += getattr(model, "panels", [])
    yield from panel_strings(own_panels, name)


def our_models():
    return [m for m in apps.get_models() if m._meta.app_label in OUR_APPS]


def hook_strings():
    from cms.conference import views, wagtail_hooks
    from cms.people import wagtail_hooks as people_hooks

    yield "EditionCloneMenuItem.label", wagtail_hooks.EditionCloneMenuItem.label
    yield "EditionCloneForm.year", views.EditionCloneForm.base_fields["year"].label
    yield "DirectoryGroup.menu_label", people_hooks.DirectoryGroup.menu_label
    yield "PersonViewSet.menu_label", people_hooks.PersonViewSet.menu_label
    from cms.webhooks import views as webhook_views

    yield "EndpointViewSet.menu_label", webhook_views.EndpointViewSet.menu_label
    yield "DeliveryViewSet.menu_label", webhook_views.DeliveryViewSet.menu_label
    yield "Agenda releases button", wagtail_hooks.RELEASES_LABEL
    for label in OUR_APPS:
        yield f"app {label} verbose_name", apps.get_app_config(label).verbose_name


def untranslated(strings):
    problems = []
    for where, text in strings:
        if text is None:
            problems.append(f"{where}: missing")
            continue
        bulgarian, english = both(text)
        if bulgarian == english and english not in SAME_IN_BOTH:
            problems.append(f"{where}: {english!r} has no Bulgarian translation")
    return problems


def test_the_walk_covers_every_model_of_our_apps():
    names = {m._meta.label for m in our_models()}
    assert {"conference.SessionPage", "people.Topic", "core.ChangeEvent"} <= names
    strings = [where for m in our_models() for where, _text in model_strings(m)]
    # A sample of what must be in the walk: a choice, a block, a panel heading.
    assert "conference.SessionPage.session_type choice 'b2b'" in strings
    assert "conference.NewsPage.body block.heading label" in strings
    assert "conference.SessionPage panel heading" in strings


def test_every_string_of_our_models_has_a_bulgarian_translation(db):
    problems = untranslated(s for model in our_models() for s in model_strings(model))
    assert not problems, "\n".join(problems)


def test_menus_buttons_and_apps_have_bulgarian_names():
    problems = untranslated(hook_strings())
    assert not problems, "\n".join(problems)


@isolate_apps("cms.conference")
def test_the_walk_notices_strings_left_in_english():
    class Untranslated(models.Model):
        colour = models.CharField(_("colour"), max_length=10, help_text="Any colour")
        body = StreamField([("text", blocks.CharBlock())], blank=True)

        class Meta:
            app_label = "conference"
            verbose_name = _("track")

        def __str__(self):
            return self.colour

    assert untranslated(model_strings(Untranslated)) == [
        "conference.Untranslated verbose_name_plural (not set): missing",
        "conference.Untranslated.colour help_text: 'Any colour' has no Bulgarian translation",
        # A field without a verbose name is labelled with its Python name, in English.
        "conference.Untranslated.body verbose_name: 'body' has no Bulgarian translation",
        "conference.Untranslated.body block.text label: missing",
    ]


def catalogue():
    return polib.pofile(str(CATALOGUE))


def test_catalogue_has_no_untranslated_fuzzy_or_obsolete_entries():
    po = catalogue()
    assert not po.metadata_is_fuzzy
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert [e.msgid for e in po.obsolete_entries()] == []


def test_catalogue_holds_only_strings_of_our_apps():
    """Wagtail's and Django's strings stay in their own catalogues."""
    outside = [
        (entry.msgid, path)
        for entry in catalogue()
        for path, _line in entry.occurrences
        if not path.startswith(("cms/", "api/", "search/"))
    ]
    assert outside == []


def test_compiled_catalogue_matches_the_po_file():
    """Every entry reads as the .po file says (a stale .mo, or a clash with another
    catalogue, shows here)."""
    wrong = []
    with translation.override("bg"):
        for entry in catalogue().translated_entries():
            if entry.msgid_plural:
                forms = entry.msgstr_plural
                if entry.msgctxt:
                    got = npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1)
                else:
                    got = ngettext(entry.msgid, entry.msgid_plural, 1)
                expected = forms[0]
            else:
                if entry.msgctxt:
                    got = pgettext(entry.msgctxt, entry.msgid)
                else:
                    got = gettext(entry.msgid)
                expected = entry.msgstr
            if got != expected:
                wrong.append((entry.msgid, got, expected))
    assert wrong == []


# The admin as a Bulgarian editor sees it


@pytest.fixture
def bulgarian_editor(client, db):
    user = get_user_model().objects.create_superuser("редактор", "ed@example.com", "парола-123")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "bg"
    profile.save()
    response = client.post(
        "/admin/login/", {"username": "редактор", "password": "парола-123", "next": "/admin/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    return client


def visible_lines(response):
    """The text nodes of a page, without scripts and styles, one per line."""
    assert response.status_code == 200
    text = response.content.decode()
    text = re.sub(r"<(script|style|template)\b.*?</\1>", " ", text, flags=re.S)
    return {html.unescape(line).strip() for line in re.split(r"<[^>]+>", text)} - {""}


def bulgarian_page(model):
    """A Bulgarian page of `model`; for sessions and editions one with speakers and topics, or
    partners, so that their inline forms show."""
    pages = model.objects.filter(locale__language_code="bg")
    if model is SessionPage:
        pages = pages.filter(speakers__isnull=False, topics__isnull=False)
    if model is EditionPage:
        pages = pages.filter(partnerships__isnull=False)
    return pages.order_by("pk").first()


EDIT_FORMS = [
    (
        ConferencePage,
        ["Абревиатура", "Въведение", "Имейл за контакт", "Социални мрежи"],
        ["Acronym", "Introduction", "Contact e-mail", "Social links"],
    ),
    (
        EditionPage,
        [
            "Кога",
            "Година",
            "Първи ден",
            "Водеща тема",
            "Място на провеждане",
            "Връзка за регистрация",
            "Изображение за банер",
            "Географска ширина",
            "Теми",
            "Индустрии",
            "Зали",
            "Тематични направления",
            "Партньори",
            "Добави зала",
            "Добави партньор",
            "Спонсорско ниво",
            "Платинен",
            "Избрани:",
        ],
        [
            "When",
            "Registration link",
            "Banner image",
            "Latitude",
            "Topics",
            "Industries",
            "Rooms",
            "Tracks",
            "Partners",
            "Add room",
            "Sponsor tier",
            "Platinum",
            "Chosen:",
        ],
    ),
    (
        SessionPage,
        [
            "График",
            "Вид",
            "Начало",
            "Край",
            "Зала",
            "Направление",
            "Език",
            "Резюме",
            "Лектори",
            "Добави лектор",
            "Роля",
            "Теми",
            "Индустрии",
            "Материали",
            "Панелна дискусия",
        ],
        [
            "Schedule",
            "Session type",
            "Type",
            "Starts",
            "Ends",
            "Speakers",
            "Add speaker",
            "Topics",
            "Industries",
            "Materials",
            "Panel discussion",
        ],
    ),
    (
        NewsPage,
        ["Дата", "Кратко описание", "Изображение", "Съдържание"],
        ["Date", "Summary", "Image", "Body"],
    ),
    (StandardPage, ["Кратко описание", "Съдържание"], ["Summary", "Body"]),
    (
        VenuePage,
        ["Как да стигнете", "Достъпност", "Допълнителна информация"],
        ["Getting there", "Accessibility", "More information"],
    ),
]


@pytest.mark.parametrize(
    ("model", "bulgarian", "english"), EDIT_FORMS, ids=[form[0].__name__ for form in EDIT_FORMS]
)
def test_bulgarian_editor_sees_our_edit_forms_in_bulgarian(
    bulgarian_editor, demo_db, model, bulgarian, english
):
    page = bulgarian_page(model)
    lines = visible_lines(bulgarian_editor.get(f"/admin/pages/{page.pk}/edit/"))
    assert [label for label in bulgarian if label not in lines] == []
    assert [label for label in english if label in lines] == []


def test_bulgarian_editor_adds_a_session_in_bulgarian(bulgarian_editor, demo_db):
    edition = bulgarian_page(EditionPage)
    response = bulgarian_editor.get(f"/admin/pages/add/conference/sessionpage/{edition.pk}/")
    lines = visible_lines(response)
    assert {"График", "Вид", "Лектори", "Теми"} <= lines
    assert not {"Schedule", "Speakers", "Topics"} & lines


SNIPPETS = [
    ("person", "Хора", "People"),
    ("organisation", "Организации", "Organisations"),
    ("topic", "Теми", "Topics"),
    ("industry", "Индустрии", "Industries"),
]


@pytest.mark.parametrize(("model", "bulgarian", "english"), SNIPPETS)
def test_bulgarian_editor_sees_snippet_listings_in_bulgarian(
    bulgarian_editor, demo_db, model, bulgarian, english
):
    lines = visible_lines(bulgarian_editor.get(f"/admin/snippets/people/{model}/"))
    assert bulgarian in lines
    assert english not in lines


def test_bulgarian_editor_sees_a_person_form_in_bulgarian(bulgarian_editor, demo_db):
    person = Person.objects.filter(locale__language_code="bg").order_by("pk").first()
    lines = visible_lines(bulgarian_editor.get(f"/admin/snippets/people/person/edit/{person.pk}/"))
    assert {"Основни данни", "Име и фамилия", "Длъжност", "Организация", "Биография"} <= lines
    assert not {"Identity", "Full name", "Job title", "Biography", "Photo"} & lines


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def test_bulgarian_editor_sees_our_menu_in_bulgarian(bulgarian_editor, demo_db):
    response = bulgarian_editor.get("/admin/")
    props = re.search(
        r'<script[^>]*id="wagtail-sidebar-props"[^>]*>(.*?)</script>', response.content.decode()
    )
    labels = set(strings_in(json.loads(props.group(1))))
    assert {"Указател", "Хора", "Организации", "Теми", "Индустрии"} <= labels
    assert not {"Directory", "People", "Organisations", "Topics", "Industries"} & labels


def test_an_english_editor_gets_the_same_forms_in_english(client, db, demo_db):
    user = get_user_model().objects.create_superuser("editor", "en@example.com", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    page = bulgarian_page(SessionPage)
    lines = visible_lines(client.get(f"/admin/pages/{page.pk}/edit/"))
    assert {"Schedule", "Type", "Starts", "Speakers", "Add speaker", "Topics"} <= lines
    assert not {"График", "Лектори", "Теми"} & lines


# Wagtail's own Bulgarian catalogue covers about a fifth of the admin; cms/locale_upstream
# supplies the rest of what an editor meets.

UPSTREAM_DIR = Path(settings.BASE_DIR) / "cms" / "locale_upstream" / "bg" / "LC_MESSAGES"
UPSTREAM = UPSTREAM_DIR / "django.po"
# Looked up in Bulgarian and rightly left as they are.
SAME_IN_BULGARIAN = {"URL", "exact"}


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_upstream_catalogue_is_complete_and_apart_from_ours(domain):
    upstream = polib.pofile(str(UPSTREAM_DIR / f"{domain}.po"))
    assert not upstream.metadata_is_fuzzy
    assert upstream.untranslated_entries() == [] and upstream.fuzzy_entries() == []
    ours = {(e.msgctxt, e.msgid) for e in catalogue()}
    assert [e.msgid for e in upstream if (e.msgctxt, e.msgid) in ours] == []
    assert [
        e.msgid for e in upstream if e.occurrences[0][0].startswith(("cms", "api", "search"))
    ] == []


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_upstream_catalogue_only_fills_gaps_of_the_packages_own_catalogues(domain):
    """Once a package translates a string itself, its entry here is dropped."""
    import importlib.util

    translated_upstream = []
    for entry in polib.pofile(str(UPSTREAM_DIR / f"{domain}.po")):
        package = entry.occurrences[0][0]
        spec = importlib.util.find_spec(package.split("/")[0])
        root = Path(spec.submodule_search_locations[0]).parent
        own = root / package / "locale" / "bg" / "LC_MESSAGES" / f"{domain}.po"
        if own.exists():
            found = polib.pofile(str(own)).find(entry.msgid)
            if found is not None and found.translated():
                translated_upstream.append(entry.msgid)
    assert translated_upstream == []


@pytest.fixture
def untranslated_lookups(monkeypatch):
    """The msgids looked up in Bulgarian that no catalogue translates."""
    from django.utils.translation import trans_real

    seen = set()
    ours = {e.msgid for e in catalogue()}
    gettext_of, ngettext_of = (
        trans_real.DjangoTranslation.gettext,
        trans_real.DjangoTranslation.ngettext,
    )

    def gettext(self, message):
        result = gettext_of(self, message)
        # Punctuation such as Django's label suffix ":" needs no translation.
        english = re.search("[A-Za-z]", message)
        if self.to_language() == "bg" and result == message and english and message not in ours:
            seen.add(message)
        return result

    def ngettext(self, singular, plural, number):
        result = ngettext_of(self, singular, plural, number)
        if self.to_language() == "bg" and result in (singular, plural):
            seen.add(singular)
        return result

    monkeypatch.setattr(trans_real.DjangoTranslation, "gettext", gettext)
    monkeypatch.setattr(trans_real.DjangoTranslation, "ngettext", ngettext)
    return seen


def test_bulgarian_editor_meets_no_english_in_the_admin(
    bulgarian_editor, demo_db, untranslated_lookups
):
    edition, session = bulgarian_page(EditionPage), bulgarian_page(SessionPage)
    person = Person.objects.filter(locale__language_code="bg").order_by("pk").first()
    urls = [
        "/admin/",
        f"/admin/pages/{edition.pk}/",
        f"/admin/pages/{edition.pk}/edit/",
        f"/admin/pages/{session.pk}/edit/",
        f"/admin/pages/add/conference/sessionpage/{edition.pk}/",
        f"/admin/pages/{session.pk}/history/",
        "/admin/snippets/people/person/",
        f"/admin/snippets/people/person/edit/{person.pk}/",
        "/admin/snippets/people/topic/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/account/",
        f"/admin/editions/{edition.pk}/clone/",
        f"/admin/localize/submit/page/{edition.pk}/",
    ]
    for url in urls:
        assert bulgarian_editor.get(url).status_code == 200, url
    assert sorted(untranslated_lookups - SAME_IN_BULGARIAN) == []


def test_bulgarian_editor_gets_the_admin_scripts_strings_in_bulgarian(bulgarian_editor):
    catalogue = bulgarian_editor.get("/admin/jsi18n/").content.decode()
    for english, bulgarian in (("Collapse all", "Свий всички"), ("Expand all", "Разгъни всички")):
        # The catalogue is JSON with ASCII escapes.
        assert json.dumps({english: bulgarian})[1:-1] in catalogue


def test_the_lookup_check_notices_a_missing_translation(untranslated_lookups):
    with translation.override("bg"):
        gettext("A sentence nobody translated")
        gettext("Reports")
    assert untranslated_lookups == {"A sentence nobody translated"}


def test_login_page_is_bulgarian_to_the_last_label(client, db):
    """Before logging in, Wagtail speaks the site's default language, Bulgarian."""
    from cms.core.forms import AdminLoginForm

    lines = visible_lines(client.get("/admin/login/"))
    assert {"Влезте в Wagtail", "Парола"} <= lines
    assert "Password" not in lines
    assert both(AdminLoginForm().fields["password"].label) == ("Парола", "Password")


def test_dashboard_names_the_site_in_the_editor_s_language(bulgarian_editor):
    assert "Национална клъстерна конференция" in visible_lines(bulgarian_editor.get("/admin/"))
