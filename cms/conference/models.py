"""The conference series, its yearly editions and everything that belongs to one edition.

Page tree (one tree per locale, Bulgarian is the source):
ConferencePage -> EditionPage (one per year) -> SessionPage, NewsPage, StandardPage, VenuePage.
Rooms, tracks and partnerships are ordered child objects of an edition, so they travel with it
when an edition is cloned or translated.
"""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_headless_preview.models import HeadlessPreviewMixin
from wagtail_localize.fields import SynchronizedField

from cms.conference import rules
from cms.core.forms import LocaleAdminPageForm
from cms.core.translation import LocalisedRelationsMixin
from cms.core.widgets import ChoiceList

RICH_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Heading"), form_classname="title", icon="title")
    paragraph = blocks.RichTextBlock(label=_("Paragraph"), features=RICH_FEATURES)
    image = ImageBlock(label=_("Image"))
    quote = blocks.BlockQuoteBlock(label=_("Quote"))
    embed = blocks.URLBlock(label=_("Video or map"), help_text=_("Link to a video or a map"))


class MaterialBlock(blocks.StreamBlock):
    document = blocks.StructBlock(
        [
            ("title", blocks.CharBlock(label=_("Title"))),
            ("document", DocumentChooserBlock(label=_("Document"))),
        ],
        label=_("Document"),
        icon="doc-full",
    )
    link = blocks.StructBlock(
        [
            ("title", blocks.CharBlock(label=_("Title"))),
            ("url", blocks.URLBlock(label=_("Address"))),
            (
                "kind",
                blocks.ChoiceBlock(
                    label=_("Kind"),
                    choices=[("slides", _("Slides")), ("video", _("Video")), ("link", _("Link"))],
                    default="link",
                ),
            ),
        ],
        label=_("Link"),
        icon="link",
    )


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.ChoiceBlock(
        label=_("network"),
        choices=[
            ("linkedin", "LinkedIn"),
            ("facebook", "Facebook"),
            ("x", "X"),
            ("youtube", "YouTube"),
            ("instagram", "Instagram"),
            ("website", _("Website")),
        ],
        default="linkedin",
    )
    url = blocks.URLBlock(label=_("address"))

    class Meta:
        icon = "link"
        label = _("Social link")


class ConferencePage(HeadlessPreviewMixin, Page):
    """The site root of one conference series; its children are the yearly editions."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_FEATURES)
    acronym = models.CharField(
        _("acronym"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                r"\A[a-z0-9-]+\Z",
                message=_("Use lowercase Latin letters, digits and hyphens only."),
            )
        ],
        help_text=_(
            "Short name of the series in lowercase Latin letters, digits and hyphens, e.g. "
            '"ncc". With the year it names the frab schedule (ncc2025) and starts the slugs of '
            "its sessions."
        ),
    )
    organiser_contact_email = models.EmailField(_("contact e-mail"), blank=True)
    social_links = StreamField(
        [("link", SocialLinkBlock())],
        blank=True,
        verbose_name=_("social links"),
        help_text=_("The series' profiles on social networks, shown in the site's footer."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("acronym"),
        FieldPanel("intro"),
        FieldPanel("organiser_contact_email"),
        FieldPanel("social_links"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    # One short name and one set of profiles for every language of the series.
    override_translatable_fields = [SynchronizedField("acronym"), SynchronizedField("social_links")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["conference.EditionPage", "conference.StandardPage"]

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")

    def editions(self):
        return EditionPage.objects.child_of(self).order_by("-year")


class EditionForm(LocaleAdminPageForm):
    """Topics, industries and partners in the edition's language; one edition per year."""

    def clean(self):
        cleaned = super().clean()
        parent = getattr(self, "parent_page", None)
        year = cleaned.get("year")
        if parent is not None and year:
            clash = EditionPage.objects.child_of(parent).filter(year=year)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error(
                    "year", _("An edition for %(year)s already exists.") % {"year": year}
                )
        return cleaned


class EditionPage(LocalisedRelationsMixin, HeadlessPreviewMixin, Page):
    """One yearly edition: dates, time zone, venue, theme, status, rooms, tracks and partners."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ANNOUNCED = "announced", _("Announced")
        LIVE = "live", _("Live")
        ARCHIVED = "archived", _("Archived")

    year = models.PositiveSmallIntegerField(_("year"))
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    timezone = models.CharField(_("time zone"), max_length=64, default="Europe/Sofia")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    theme = models.CharField(_("theme"), max_length=255, blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=RICH_FEATURES)
    venue_name = models.CharField(_("venue"), max_length=255)
    venue_address = models.CharField(_("street address"), max_length=255, blank=True)
    venue_city = models.CharField(_("city"), max_length=120, default="София")
    venue_postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    venue_country = models.CharField(_("country code"), max_length=2, default="BG")
    venue_latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    venue_longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("banner image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topics = ParentalManyToManyField(
        "people.Topic", verbose_name=_("topics"), blank=True, related_name="editions"
    )
    industries = ParentalManyToManyField(
        "people.Industry", verbose_name=_("industries"), blank=True, related_name="editions"
    )

    base_form_class = EditionForm
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("year"), FieldPanel("status")]),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("timezone"),
            ],
            heading=_("When"),
        ),
        FieldPanel("theme"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldRowPanel([FieldPanel("venue_postal_code"), FieldPanel("venue_city")]),
                FieldPanel("venue_country"),
                FieldRowPanel([FieldPanel("venue_latitude"), FieldPanel("venue_longitude")]),
            ],
            heading=_("Venue"),
        ),
        FieldPanel("registration_url"),
        FieldPanel("topics", widget=ChoiceList),
        FieldPanel("industries", widget=ChoiceList),
        InlinePanel("rooms", heading=_("Rooms"), label=_("room")),
        InlinePanel("tracks", heading=_("Tracks"), label=_("track")),
        InlinePanel("partnerships", heading=_("Partners"), label=_("partner")),
    ]
    # Translations follow the source's topics and industries on every sync, as their own
    # locale's versions (LocalisedRelationsMixin maps them when the translation is saved).
    override_translatable_fields = [
        SynchronizedField("topics", overridable=False),
        SynchronizedField("industries", overridable=False),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("theme", boost=2),
        index.SearchField("intro"),
        index.SearchField("venue_name"),
        index.FilterField("year"),
    ]

    parent_page_types = ["conference.ConferencePage"]
    subpage_types = [
        "conference.SessionPage",
        "conference.NewsPage",
        "conference.StandardPage",
        "conference.VenuePage",
    ]

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The last day cannot be before the first day.")
        if self.start_date and self.year and self.start_date.year != self.year:
            errors["start_date"] = _(
                "The first day must fall in the edition's year (%(year)s)."
            ) % {"year": self.year}
        try:
            zoneinfo.ZoneInfo(self.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            errors["timezone"] = _("Unknown time zone; use an IANA name such as Europe/Sofia.")
        if errors:
            raise ValidationError(errors)

    @property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.timezone)

    def sessions(self):
        return SessionPage.objects.child_of(self).order_by("start", "title")


class Room(TranslatableMixin, Orderable):
    """A room of one edition's venue."""

    edition = ParentalKey(
        EditionPage, verbose_name=_("edition"), related_name="rooms", on_delete=models.CASCADE
    )
    name = models.CharField(_("name"), max_length=120)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    floor = models.CharField(_("floor / directions"), max_length=120, blank=True)

    panels = [FieldPanel("name"), FieldPanel("capacity"), FieldPanel("floor")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self):
        return self.name


class Track(TranslatableMixin, Orderable):
    """A thematic track of one edition."""

    edition = ParentalKey(
        EditionPage, verbose_name=_("edition"), related_name="tracks", on_delete=models.CASCADE
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60)
    color = models.CharField(
        _("colour"),
        max_length=7,
        default="#1f6feb",
        help_text=_("As #RRGGBB, for example #1f6feb."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("color")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("track")
        verbose_name_plural = _("tracks")

    def __str__(self):
        return self.name


class Partnership(Orderable):
    """An organisation's role in one edition (organiser, patron, sponsor tier...) and its order."""

    class Role(models.TextChoices):
        ORGANISER = "organiser", _("Organiser")
        CO_ORGANISER = "co_organiser", _("Co-organiser")
        PATRON = "patron", _("Patron")
        PARTNER = "partner", _("Partner")
        VENUE_HOST = "venue_host", _("Venue host")
        SPONSOR = "sponsor", _("Sponsor")
        MEDIA_PARTNER = "media_partner", _("Media partner")

    class Tier(models.TextChoices):
        NONE = "", _("None")
        PLATINUM = "platinum", _("Platinum")
        GOLD = "gold", _("Gold")
        SILVER = "silver", _("Silver")
        BRONZE = "bronze", _("Bronze")

    edition = ParentalKey(
        EditionPage,
        verbose_name=_("edition"),
        related_name="partnerships",
        on_delete=models.CASCADE,
    )
    organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="partnerships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    tier = models.CharField(_("sponsor tier"), max_length=10, choices=Tier.choices, blank=True)

    panels = [FieldPanel("organisation"), FieldPanel("role"), FieldPanel("tier")]

    class Meta(Orderable.Meta):
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"

    def clean(self):
        super().clean()
        if self.tier and self.role != self.Role.SPONSOR:
            raise ValidationError({"tier": _("Only sponsors have a tier.")})


class SessionForm(LocaleAdminPageForm):
    """Limits room and track choices to the edition's own (topics, industries and speakers to
    the session's language) and checks the schedule rules."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        edition = self._edition()
        if edition is not None:
            if "room" in self.fields:
                self.fields["room"].queryset = Room.objects.filter(edition=edition)
            if "track" in self.fields:
                self.fields["track"].queryset = Track.objects.filter(edition=edition)

    def _edition(self):
        parent = getattr(self, "parent_page", None)
        if parent is None and self.instance.pk:
            parent = self.instance.get_parent()
        if parent is None:
            return None
        parent = parent.specific
        return parent if isinstance(parent, EditionPage) else None

    def clean(self):
        cleaned = super().clean()
        edition = self._edition()
        if edition is not None:
            for field, message in rules.schedule_errors(
                start=cleaned.get("start"), end=cleaned.get("end"), edition=edition
            ).items():
                if field in self.fields:
                    self.add_error(field, message)
        return cleaned


class SessionPage(LocalisedRelationsMixin, HeadlessPreviewMixin, Page):
    """A slot in the agenda: keynote, talk, panel, workshop, B2B meetings, networking, break..."""

    class Type(models.TextChoices):
        KEYNOTE = "keynote", _("Keynote")
        TALK = "talk", _("Talk")
        PANEL = "panel", _("Panel discussion")
        WORKSHOP = "workshop", _("Workshop")
        B2B = "b2b", _("B2B meetings")
        NETWORKING = "networking", _("Networking")
        BREAK = "break", _("Break")
        CEREMONY = "ceremony", _("Ceremony")

    class Language(models.TextChoices):
        BG = "bg", _("Bulgarian")
        EN = "en", _("English")
        BG_EN = "bg-en", _("Bulgarian and English (interpreted)")

    abstract = RichTextField(_("abstract"), blank=True, features=RICH_FEATURES)
    session_type = models.CharField(
        _("type"), max_length=12, choices=Type.choices, default=Type.TALK
    )
    # Both empty: the session is not scheduled yet (the public never sees it).
    start = models.DateTimeField(_("starts"), null=True, blank=True)
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    room = models.ForeignKey(
        Room,
        verbose_name=_("room"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    track = models.ForeignKey(
        Track,
        verbose_name=_("track"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.BG
    )
    cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_(
            "The session stays in the published agenda, marked as cancelled, so that people "
            "who planned to come see that it will not take place."
        ),
    )
    topics = ParentalManyToManyField(
        "people.Topic", verbose_name=_("topics"), blank=True, related_name="sessions"
    )
    industries = ParentalManyToManyField(
        "people.Industry", verbose_name=_("industries"), blank=True, related_name="sessions"
    )
    materials = StreamField(
        MaterialBlock(),
        verbose_name=_("materials"),
        help_text=_("Slides, recordings and other files or links of the session."),
        blank=True,
        use_json_field=True,
    )
    external_id = models.CharField(
        _("reference in the imported programme"),
        max_length=100,
        blank=True,
        db_index=True,
        help_text=_(
            "The session's identifier in the spreadsheet or schedule it was imported from; a "
            "new import of the same programme updates this session instead of adding another."
        ),
    )

    base_form_class = SessionForm
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("session_type"),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldRowPanel([FieldPanel("room"), FieldPanel("track")]),
                FieldPanel("language"),
                FieldPanel("cancelled"),
            ],
            heading=_("Schedule"),
        ),
        FieldPanel("abstract"),
        InlinePanel("speakers", heading=_("Speakers"), label=_("speaker")),
        FieldPanel("topics", widget=ChoiceList),
        FieldPanel("industries", widget=ChoiceList),
        FieldPanel("materials"),
    ]
    override_translatable_fields = EditionPage.override_translatable_fields + [
        SynchronizedField("external_id", overridable=False)
    ]
    search_fields = Page.search_fields + [
        index.SearchField("abstract"),
        index.FilterField("session_type"),
        index.FilterField("start"),
    ]

    parent_page_types = ["conference.EditionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["start"])]

    def clean(self):
        super().clean()
        edition = self.edition if self.path else None
        errors = rules.schedule_errors(start=self.start, end=self.end, edition=edition)
        if self.room_id and edition is not None and self.room.edition_id != edition.pk:
            errors["room"] = _("This room belongs to another edition.")
        if self.track_id and edition is not None and self.track.edition_id != edition.pk:
            errors["track"] = _("This track belongs to another edition.")
        if errors:
            raise ValidationError(errors)

    @property
    def edition(self):
        parent = self.get_parent()
        return parent.specific if parent is not None else None


class SessionSpeaker(Orderable):
    """A person on a session, in order, with their role."""

    class Role(models.TextChoices):
        SPEAKER = "speaker", _("Speaker")
        MODERATOR = "moderator", _("Moderator")
        PANELIST = "panelist", _("Panelist")
        HOST = "host", _("Host")

    session = ParentalKey(
        SessionPage, verbose_name=_("session"), related_name="speakers", on_delete=models.CASCADE
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="appearances",
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.SPEAKER)
    # The person's position at the time of this appearance (a 2025 session keeps the 2025
    # affiliation); empty: the person's current one.
    job_title = models.CharField(
        _("job title at the time"),
        max_length=255,
        blank=True,
        help_text=_("Leave empty to show the person's current job title."),
    )
    organisation = models.ForeignKey(
        "people.Organisation",
        verbose_name=_("organisation at the time"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appearances",
        help_text=_("Leave empty to show the person's current organisation."),
    )

    panels = [
        FieldPanel("person"),
        FieldPanel("role"),
        FieldRowPanel([FieldPanel("job_title"), FieldPanel("organisation")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"


class NewsPage(HeadlessPreviewMixin, Page):
    """A news item of one edition."""

    date = models.DateField(_("date"))
    intro = models.TextField(_("summary"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["conference.EditionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")


class StandardPage(HeadlessPreviewMixin, Page):
    """A generic content page (about, programme notes, call for speakers...)."""

    intro = models.TextField(_("summary"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True, use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = [
        "conference.ConferencePage",
        "conference.EditionPage",
        "conference.StandardPage",
    ]
    subpage_types = ["conference.StandardPage"]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")


class VenuePage(HeadlessPreviewMixin, Page):
    """Venue and practical information for one edition: getting there, accessibility, hotels."""

    getting_there = RichTextField(_("getting there"), blank=True, features=RICH_FEATURES)
    accessibility = RichTextField(_("accessibility"), blank=True, features=RICH_FEATURES)
    body = StreamField(
        BodyBlock(), verbose_name=_("more information"), blank=True, use_json_field=True
    )

    content_panels = Page.content_panels + [
        FieldPanel("getting_there"),
        FieldPanel("accessibility"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("getting_there"),
        index.SearchField("body"),
    ]

    parent_page_types = ["conference.EditionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("venue and practical information")
        verbose_name_plural = _("venue and practical information pages")


class AgendaUpload(models.Model):
    """A programme file uploaded for import, kept between its preview and the confirmation."""

    class Format(models.TextChoices):
        CSV = "csv", _("CSV")
        XLSX = "xlsx", _("Excel (XLSX)")
        FRAB_XML = "frab-xml", _("frab XML (pretalx, frab)")
        FRAB_JSON = "frab-json", _("frab JSON (pretalx, frab)")

    edition = models.ForeignKey(
        EditionPage, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("agenda upload", "user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    filename = models.CharField(
        pgettext_lazy("agenda upload", "file name"), max_length=255, blank=True
    )
    format = models.CharField(
        pgettext_lazy("agenda upload", "format"), max_length=12, choices=Format.choices
    )
    content = models.BinaryField(pgettext_lazy("agenda upload", "content"))
    created = models.DateTimeField(
        pgettext_lazy("agenda upload", "uploaded"), auto_now_add=True, db_index=True
    )

    class Meta:
        verbose_name = _("programme upload")
        verbose_name_plural = _("programme uploads")

    def __str__(self):
        return self.filename or str(self.pk)


VERSION_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}\Z"


class Release(models.Model):
    """A named version of an edition's public agenda, frozen when an editor released it: what
    partner sites, apps and feeds compare against (see cms.conference.releases)."""

    edition = models.ForeignKey(
        EditionPage, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="releases"
    )
    # The edition across its translations: releases are looked up by it, not by the page.
    edition_key = models.UUIDField(
        pgettext_lazy("release", "edition key"), editable=False, db_index=True
    )
    number = models.PositiveIntegerField(pgettext_lazy("release", "number"), editable=False)
    version = models.CharField(
        pgettext_lazy("release", "version"),
        max_length=32,
        validators=[
            RegexValidator(
                VERSION_PATTERN,
                _(
                    "Use up to 32 Latin letters, digits, dots, hyphens or underscores, "
                    "starting with a letter or digit (for example v2 or 2027-03)."
                ),
            )
        ],
    )
    note_bg = models.TextField(pgettext_lazy("release", "note (Bulgarian)"), max_length=500)
    note_en = models.TextField(
        pgettext_lazy("release", "note (English)"), max_length=500, blank=True
    )
    released_at = models.DateTimeField(pgettext_lazy("release", "released"), db_index=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("release", "released by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    snapshot = models.JSONField(pgettext_lazy("release", "snapshot"), editable=False)
    # {"agenda": digest of the snapshot's agenda, "bg": ..., "en": ...}: what "unchanged" means.
    digests = models.JSONField(
        pgettext_lazy("release", "fingerprints"), editable=False, default=dict
    )
    counts = models.JSONField(pgettext_lazy("release", "counts"), editable=False, default=dict)
    # Against the release before it: {"added": n, "removed": n, "changed": n}.
    changes = models.JSONField(pgettext_lazy("release", "changes"), editable=False, default=dict)

    class Meta:
        verbose_name = _("agenda release")
        verbose_name_plural = _("agenda releases")
        ordering = ["edition_key", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition_key", "number"], name="release_number_per_edition"
            ),
            models.UniqueConstraint(
                fields=["edition_key", "version"], name="release_version_per_edition"
            ),
        ]

    def __str__(self):
        return self.version
