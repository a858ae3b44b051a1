"""Signed, expiring preview tokens for drafts (compatible with wagtail-headless-preview).

The token signs "id=<page id>" with the salt wagtail-headless-preview uses, so the Wagtail admin's
headless preview links and tokens made here both work. A PagePreview row with the same token
(the editor's unsaved form) wins over the page's latest saved revision.
"""

import time

from django.conf import settings
from django.core import signing
from wagtail.models import Page
from wagtail_headless_preview.models import PagePreview

from api.exceptions import BadRequest, NotFound, PreviewTokenInvalid
from api.params import int_or_none

SALT = "headlesspreview.token"


# Clocks of the hosts that sign and check tokens may differ by this much.
CLOCK_SKEW = 60


class PreviewSigner(signing.TimestampSigner):
    """wagtail-headless-preview's signer that also refuses tokens dated in the future."""

    def unsign(self, value, max_age=None):
        result = signing.Signer.unsign(self, value)
        value, timestamp = result.rsplit(self.sep, 1)
        try:
            timestamp = signing.b62_decode(timestamp)
        except ValueError as exc:
            raise signing.BadSignature("Malformed timestamp.") from exc
        age = time.time() - timestamp
        if age < -CLOCK_SKEW:
            raise signing.BadSignature("Timestamp in the future.")
        if max_age is not None and age > max_age:
            raise signing.SignatureExpired(f"Signature age {age} > {max_age} seconds")
        return value


def signer():
    return PreviewSigner(salt=SALT)


def preview_token_create(*, page):
    """A token that shows `page`'s latest revision for API_PREVIEW_TOKEN_MAX_AGE seconds."""
    return signer().sign(f"id={page.pk}")


def preview_page(*, content_type, token):
    """The draft page a token stands for; raises an ApiError otherwise."""
    try:
        identifier = signer().unsign(token, max_age=settings.API_PREVIEW_TOKEN_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise PreviewTokenInvalid("The preview token has expired; preview again.") from exc
    except signing.BadSignature as exc:
        raise PreviewTokenInvalid() from exc
    stored = PagePreview.objects.filter(token=token).select_related("content_type").first()
    if stored is not None:
        page = stored.as_page()
    else:
        fields = dict(part.split("=", 1) for part in identifier.split(";") if "=" in part)
        pk = int_or_none(fields.get("id"))
        if pk is None:
            raise NotFound("Nothing to preview for this token.")
        # depth > 1: the tree's root is no page of the site.
        base = Page.objects.filter(pk=pk, depth__gt=1).first()
        if base is None:
            raise NotFound("The page of this preview no longer exists.")
        page = base.specific.get_latest_revision_as_object()
    label = f"{page._meta.app_label}.{page._meta.model_name}"
    if content_type != label:
        raise BadRequest("content_type does not match the token.", field="content_type")
    return page
