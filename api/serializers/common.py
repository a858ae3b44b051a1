"""Fields shared by every domain: images with their sizes, public URLs, GUIDs, local times."""

import logging
import zoneinfo
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page

from cms.core.ids import guid  # noqa: F401  (re-exported: the serializers' GUIDs)

logger = logging.getLogger(__name__)

RENDITION_NAMES = {
    "fill-400x400": "square",
    "fill-160x160": "thumbnail",
    "max-400x200": "logo",
    "max-200x100": "logo_small",
    "fill-1200x500": "hero",
    "width-800": "card",
}


def absolute(request, url):
    if not url:
        return None
    if url.startswith(("http://", "https://")):
        return url
    if request is not None:
        return request.build_absolute_uri(url)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def page_url(page, request=None):
    """Where the frontend shows this page.

    Within one request, the pages under one parent are placed by their parent's address and
    their slug (Wagtail's URL of a page is its parent's plus the slug), so an agenda of hundreds
    of sessions works out the site's routing once per edition, not once per session."""
    if page is None:
        return None
    memo = request.__dict__.setdefault("_page_url_prefixes", {}) if request is not None else {}
    parent = getattr(page, "path", "")[: -Page.steplen]
    slug = getattr(page, "slug", "")
    prefix = memo.get(parent) if parent and slug else None
    if prefix is not None:
        return f"{prefix}{slug}/"
    path = page.get_url(request=request, current_site=None)
    if not path:
        return None
    if path.startswith(("http://", "https://")):
        path = urlsplit(path).path
    url = settings.FRONTEND_URL.rstrip("/") + path
    if parent and slug and url.endswith(f"/{slug}/"):
        memo[parent] = url[: -len(slug) - 1]
    return url


def plain_text(html):
    return " ".join(strip_tags(html or "").split())


@lru_cache(maxsize=64)
def zone(name):
    """The time zone called `name`; the site's default zone for an empty or unknown name."""
    try:
        return zoneinfo.ZoneInfo(name) if name else timezone.get_default_timezone()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return timezone.get_default_timezone()


class LocalDateTimeField(serializers.DateTimeField):
    """A date-time written with the UTC offset of the object's own time zone (a session's
    edition: `edition_timezone`), so a Berlin edition shows Berlin clock times whatever the
    server's zone."""

    def __init__(self, *, zone_source="edition_timezone", **kwargs):
        self.zone_source = zone_source
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return super().get_attribute(instance), getattr(instance, self.zone_source, None)

    def to_representation(self, value):
        moment, zone_name = value
        if moment is None:
            return None
        text = moment.astimezone(zone(zone_name)).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text


class ExpandableSerializer(serializers.Serializer):
    """A list item whose `expandable` fields appear only when named in the context's `expand`
    set (from the `expand` query parameter).

    Without `expand` in the context (the OpenAPI generator describing the item) every field is
    declared, the expandable ones as optional.
    """

    expandable = {}  # expand value -> names of the fields it adds

    def get_fields(self):
        fields = super().get_fields()
        expand = self.context.get("expand")
        if expand is None:
            return fields
        for value, names in self.expandable.items():
            if value not in expand:
                for name in names:
                    fields.pop(name, None)
        return fields


IMAGE_SIZES = {
    "square": "400x400, cropped",
    "thumbnail": "160x160, cropped",
    "logo": "at most 400x200",
    "logo_small": "at most 200x100",
    "hero": "1200x500, cropped",
    "card": "800 wide",
}


class ImageUrlsSerializer(serializers.Serializer):
    """One absolute URL per size name. Each image field has its own sizes: photos square and
    thumbnail, logos logo and logo_small (logo_small only inside lists), hero images and news
    pictures hero and card."""

    square = serializers.URLField(required=False, help_text=IMAGE_SIZES["square"])
    thumbnail = serializers.URLField(required=False, help_text=IMAGE_SIZES["thumbnail"])
    logo = serializers.URLField(required=False, help_text=IMAGE_SIZES["logo"])
    logo_small = serializers.URLField(required=False, help_text=IMAGE_SIZES["logo_small"])
    hero = serializers.URLField(required=False, help_text=IMAGE_SIZES["hero"])
    card = serializers.URLField(required=False, help_text=IMAGE_SIZES["card"])


class ImageSerializer(serializers.Serializer):
    alt = serializers.CharField()
    width = serializers.IntegerField(
        help_text="Width of the original (with height: its aspect ratio)."
    )
    height = serializers.IntegerField(help_text="Height of the original.")
    urls = ImageUrlsSerializer(help_text="Absolute URL per size name.")


def renditions(image, *specs):
    """{spec: rendition} of `image`; empty when its original file cannot be read (a lost or
    unreadable upload leaves the answer without that picture instead of failing it)."""
    try:
        return image.get_renditions(*specs)
    except SourceImageIOError:
        logger.warning("image %s: original file unreadable, left out", image.pk)
        return {}


def rendition_url(image, spec, request):
    """The absolute URL of one rendition of `image` (None without an image or its file)."""
    if image is None:
        return None
    found = renditions(image, spec)
    return absolute(request, found[spec].url) if spec in found else None


def image_data(image, specs, request):
    """{alt, width, height, urls: {size name: absolute URL}} for the renditions `specs`; None
    without an image or when its original file cannot be read."""
    if image is None:
        return None
    found = renditions(image, *specs)
    if not found:
        return None
    return {
        "alt": image.default_alt_text or image.title,
        "width": image.width,
        "height": image.height,
        "urls": {
            RENDITION_NAMES.get(spec, spec): absolute(request, rendition.url)
            for spec, rendition in found.items()
        },
    }


def image_field(specs):
    """A read-only field rendering an image foreign key with the given renditions."""

    @extend_schema_field(ImageSerializer(allow_null=True))
    class _ImageField(serializers.Field):
        def __init__(self, **kwargs):
            kwargs["read_only"] = True
            super().__init__(**kwargs)

        def to_representation(self, image):
            return image_data(image, specs, self.context.get("request"))

        def get_attribute(self, instance):
            try:
                return super().get_attribute(instance)
            except (AttributeError, KeyError):
                return None

    return _ImageField
