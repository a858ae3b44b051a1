"""Fields shared by every domain: images with renditions, public URLs, GUIDs."""

import uuid

from django.conf import settings
from django.utils.html import strip_tags
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

GUID_NAMESPACE = uuid.UUID("6f1d3c58-2b8e-4f61-9a3e-0c5b1d7e9a42")

RENDITION_NAMES = {
    "fill-400x400": "square",
    "fill-160x160": "thumbnail",
    "max-400x200": "logo",
    "max-200x100": "logo_small",
    "fill-1200x500": "hero",
    "width-800": "card",
}


def guid(kind, translation_key):
    """A stable UUID for an object and all its translations."""
    return str(uuid.uuid5(GUID_NAMESPACE, f"{kind}:{translation_key}"))


def absolute(request, url):
    if not url:
        return None
    if url.startswith(("http://", "https://")):
        return url
    if request is not None:
        return request.build_absolute_uri(url)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def page_url(page, request=None):
    """Where the frontend shows this page."""
    path = page.get_url(request=request, current_site=None) if page is not None else None
    if not path:
        return None
    if path.startswith(("http://", "https://")):
        from urllib.parse import urlsplit

        path = urlsplit(path).path
    return settings.FRONTEND_URL.rstrip("/") + path


def plain_text(html):
    return " ".join(strip_tags(html or "").split())


class RenditionSerializer(serializers.Serializer):
    url = serializers.URLField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class ImageSerializer(serializers.Serializer):
    alt = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    renditions = serializers.DictField(
        child=RenditionSerializer(),
        help_text="Sizes by name: square (400x400), thumbnail (160x160), logo (max 400x200), "
        "logo_small (max 200x100), hero (1200x500), card (800 wide).",
    )


def image_data(image, specs, request):
    if image is None:
        return None
    renditions = image.get_renditions(*specs)
    return {
        "alt": image.default_alt_text or image.title,
        "width": image.width,
        "height": image.height,
        "renditions": {
            RENDITION_NAMES.get(spec, spec): {
                "url": absolute(request, rendition.url),
                "width": rendition.width,
                "height": rendition.height,
            }
            for spec, rendition in renditions.items()
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
