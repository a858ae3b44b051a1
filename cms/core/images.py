"""Images generated locally with Pillow (portraits, logos, banners) for demo and synthetic data."""

import hashlib
import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model


def _colour(seed):
    digest = hashlib.sha256(seed.encode()).digest()
    return tuple(60 + b % 150 for b in digest[:3])


def _initials(text):
    words = [w for w in text.replace("–", " ").split() if w[:1].isalpha()]
    return "".join(w[0] for w in words[:2]).upper() or "?"


def render_png(*, text, size=(400, 400), seed=None):
    """A PNG with a colour derived from `seed` and the initials of `text` in the middle."""
    width, height = size
    img = PILImage.new("RGB", size, _colour(seed or text))
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=int(min(width, height) * 0.35))
    label = _initials(text)
    box = draw.textbbox((0, 0), label, font=font)
    draw.text(
        ((width - (box[2] - box[0])) / 2 - box[0], (height - (box[3] - box[1])) / 2 - box[1]),
        label,
        fill=(255, 255, 255),
        font=font,
    )
    buffer = io.BytesIO()
    img.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def image_ensure(*, title, text=None, size=(400, 400), collection=None):
    """Return the Wagtail image titled `title`, generating it the first time."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    data = render_png(text=text or title, size=size, seed=title)
    slug = hashlib.sha1(title.encode()).hexdigest()[:12]
    image = Image(title=title, file=ImageFile(io.BytesIO(data), name=f"{slug}.png"))
    if collection is not None:
        image.collection = collection
    image.save()
    return image
