"""News, content and venue pages."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.serializers.common import ImageSerializer, image_data, page_url
from cms.conference.choices import page_type
from cms.conference.selectors import HERO_RENDITIONS


class PageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    type = serializers.SerializerMethodField()
    title = serializers.CharField()
    slug = serializers.SlugField()
    locale = serializers.CharField(source="locale.language_code")
    year = serializers.IntegerField(source="edition_year", allow_null=True)
    date = serializers.DateField(allow_null=True, required=False, default=None)
    intro = serializers.CharField(required=False, default="")
    image = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField(source="last_published_at", allow_null=True)

    def get_type(self, obj) -> str:
        return page_type(obj) or "standard"

    @extend_schema_field(ImageSerializer(allow_null=True))
    def get_image(self, obj):
        return image_data(
            getattr(obj, "image_l", None), HERO_RENDITIONS, self.context.get("request")
        )

    def get_url(self, obj) -> str | None:
        return page_url(obj, self.context.get("request"))


class StreamBlockSerializer(serializers.Serializer):
    """One StreamField block."""

    type = serializers.CharField()
    value = serializers.JSONField(help_text="The block's content; its shape depends on type.")
    id = serializers.CharField()


class PageDetailSerializer(PageSerializer):
    body = serializers.SerializerMethodField()
    getting_there = serializers.CharField(required=False, default="", help_text="HTML (venue)")
    accessibility = serializers.CharField(required=False, default="", help_text="HTML (venue)")

    @extend_schema_field(StreamBlockSerializer(many=True))
    def get_body(self, obj):
        """StreamField blocks: [{type, value, id}]."""
        body = getattr(obj, "body", None)
        if body is None:
            return []
        return body.stream_block.get_api_representation(body, self.context)
