"""Cross-edition identities: people, organisations and the topic/industry taxonomies.

These are snippets, translatable into every content language (Bulgarian is the source), with
draft state so that an unpublished profile never leaves through the API. One record per real-world
person or organisation; their appearances and partnerships belong to editions.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, PreviewableMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index

from cms.core.forms import LocaleAdminModelForm


class Topic(TranslatableMixin, index.Indexed, models.Model):
    """A programme topic (for example "Industry 4.0"); the same list serves every edition."""

    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=160)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


class Industry(TranslatableMixin, index.Indexed, models.Model):
    """An industry the conference puts an emphasis on (for example "ICT")."""

    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=160)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("industry")
        verbose_name_plural = _("industries")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


class Organisation(
    TranslatableMixin, DraftStateMixin, RevisionMixin, PreviewableMixin, index.Indexed, models.Model
):
    """A ministry, agency, network, association, company or venue; one record across editions."""

    class Kind(models.TextChoices):
        PUBLIC_BODY = "public_body", _("Public body")
        AGENCY = "agency", _("Agency")
        NETWORK = "network", _("Network")
        ASSOCIATION = "association", _("Association or cluster")
        COMPANY = "company", _("Company")
        TECH_PARK = "tech_park", _("Tech park")
        MEDIA = "media", _("Media")
        ACADEMIA = "academia", _("University or research")

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=160)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COMPANY)
    description = RichTextField(_("description"), blank=True, features=["bold", "italic", "link"])
    website = models.URLField(_("website"), blank=True)
    country = models.CharField(_("country code"), max_length=2, default="BG")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("slug"), FieldPanel("kind")],
            heading=_("Identity"),
        ),
        FieldPanel("description"),
        FieldPanel("website"),
        FieldPanel("country"),
        FieldPanel("logo"),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("short_name", boost=3),
        index.SearchField("description"),
        index.AutocompleteField("name"),
        index.FilterField("live"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name

    def get_preview_template(self, request, mode_name):
        return "people/organisation_preview.html"


class Person(
    TranslatableMixin, DraftStateMixin, RevisionMixin, PreviewableMixin, index.Indexed, models.Model
):
    """A speaker, moderator, panelist or host: one profile, many appearances across editions."""

    name = models.CharField(_("full name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=160)
    job_title = models.CharField(_("job title"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    bio = RichTextField(_("biography"), blank=True, features=["bold", "italic", "link"])
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)
    linkedin = models.URLField(_("LinkedIn profile"), blank=True)

    # The organisation is chosen among those in the person's language.
    base_form_class = LocaleAdminModelForm
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("slug"),
                FieldPanel("job_title"),
                FieldPanel("organisation"),
            ],
            heading=_("Identity"),
        ),
        FieldPanel("bio"),
        FieldPanel("photo"),
        MultiFieldPanel([FieldPanel("website"), FieldPanel("linkedin")], heading=_("Links")),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("job_title"),
        index.SearchField("bio"),
        index.AutocompleteField("name"),
        index.FilterField("live"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name

    def get_preview_template(self, request, mode_name):
        return "people/person_preview.html"
