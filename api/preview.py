"""Signed, expiring preview tokens for drafts (compatible with wagtail-headless-preview).

The token signs "id=<page id>" with the salt wagtail-headless-preview uses, so the Wagtail admin's
headless preview links and tokens made here both work. A PagePreview row with the same token
(the editor's unsaved form) wins over the page's latest saved revision.
"""

from django.conf import settings
from django.core import signing
from wagtail.models import Page
from wagtail_headless_preview.models import PagePreview

from api.exceptions import BadRequest, NotFound, PreviewTokenInvalid

SALT = "headlesspreview.token"


def signer():
    return signing.TimestampSigner(salt=SALT)


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
        if "id" not in fields or not fields["id"].isdigit():
            raise NotFound("Nothing to preview for this token.")
        base = Page.objects.filter(pk=int(fields["id"])).first()
        if base is None:
            raise NotFound("The page of this preview no longer exists.")
        page = base.specific.get_latest_revision_as_object()
    label = f"{page._meta.app_label}.{page._meta.model_name}"
    if content_type != label:
        raise BadRequest("content_type does not match the token.", field="content_type")
    return page
