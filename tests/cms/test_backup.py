"""Edition backups: export, restore into an empty site or as another year, and refusals that
change nothing. Every test works inside its own transaction on top of the demo conference."""

import datetime
import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Revision, Site

from cms.conference.backup import content_hash
from cms.conference.models import (
    EditionPage,
    NewsPage,
    Partnership,
    Room,
    SessionPage,
    SessionSpeaker,
    Track,
    VenuePage,
)
from cms.people.models import Industry, Organisation, Person, Topic

Image = get_image_model()
Document = get_document_model()
COUNTED = (
    Page,
    Revision,
    PageViewRestriction,
    Person,
    Organisation,
    Topic,
    Industry,
    Room,
    Track,
    Partnership,
    SessionSpeaker,
    Image,
    Document,
    Site,
    Locale,
    Group,
)
DOCUMENT_BYTES = b"Programme of the National Cluster Conference\n"


def _rows():
    return {model.__name__: model.objects.count() for model in COUNTED}


def _media_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def _read(file_field):
    with file_field.open("rb") as handle:
        return handle.read()


def _edition(year, code="bg"):
    return EditionPage.objects.get(year=year, locale__language_code=code)


def _export(year, path, *args):
    call_command("edition_export", str(year), str(path), *args, stdout=_Sink())
    return path


def _import(path, *args):
    out = _Sink()
    call_command("edition_import", str(path), *args, stdout=out)
    return out.text


class _Sink:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


@pytest.fixture
def edition(demo_db, db):
    """The 2027 edition with what the demo lacks: a draft page, unpublished changes, a
    scheduled session, a private page, a document, images in rich text and in a StreamField,
    and an image with a focal point and alt text."""
    edition = _edition(2027)
    hero = edition.hero_image
    hero.description = "Sofia Tech Park, the Innovation Forum"
    hero.focal_point_x, hero.focal_point_y = 600, 250
    hero.focal_point_width, hero.focal_point_height = 200, 100
    hero.save()
    document = Document(title="Programme", file=ContentFile(DOCUMENT_BYTES, name="programme.txt"))
    document.save()

    session = edition.sessions().live().first()
    session.abstract = (
        f'<p>The <a linktype="document" id="{document.pk}">programme</a>.</p>'
        f'<embed alt="The hall" embedtype="image" format="left" id="{hero.pk}"/>'
    )
    session.materials = [
        {"type": "document", "value": {"title": "Programme", "document": document.pk}},
        {
            "type": "link",
            "value": {"title": "Slides", "url": "https://example.com/s", "kind": "slides"},
        },
    ]
    session.save_revision().publish()
    live_title = session.title
    session.title = "Чернова на заглавието"
    session.save_revision()  # unpublished changes

    news = NewsPage(
        title="Чернова на новина",
        slug="draft-news",
        date=edition.start_date,
        intro="Още не е публикувана.",
        body=[
            {
                "type": "image",
                "value": {"image": hero.pk, "alt_text": "The hall", "decorative": False},
            },
            {
                "type": "paragraph",
                "value": f'<p>See <a linktype="page" id="{session.pk}">the opening</a>.</p>',
            },
        ],
        live=False,
    )
    edition.add_child(instance=news)
    news.save_revision()

    start = session.start + datetime.timedelta(hours=6)
    scheduled = SessionPage(
        title="Сесия по график",
        slug="scheduled-session",
        start=start,
        end=start + datetime.timedelta(hours=1),
        live=False,
        go_live_at=timezone.now() + datetime.timedelta(days=30),
    )
    edition.add_child(instance=scheduled)
    scheduled.save_revision().publish()  # go_live_at in the future: scheduled, not live

    venue = VenuePage.objects.child_of(edition).get()
    PageViewRestriction.objects.create(page=venue, restriction_type="password", password="s3cr3t")
    edition.refresh_from_db()
    edition.live_title = live_title
    return edition


def _delete_everything():
    for pk in list(Page.objects.filter(depth=2).values_list("pk", flat=True)):
        Page.objects.get(pk=pk).delete()
    for model in (Person, Organisation, Topic, Industry, Image, Document):
        model.objects.all().delete()


def test_round_trip_into_an_empty_site_restores_an_equal_edition(edition, tmp_path):
    before = content_hash(edition)
    en = Locale.objects.get(language_code="en")
    sessions = {
        "bg": SessionPage.objects.child_of(edition).count(),
        "en": SessionPage.objects.child_of(edition.get_translation(en)).count(),
    }
    image_bytes = {image.title: _read(image.file) for image in Image.objects.all()}
    archive = _export(2027, tmp_path / "edition-2027.zip")
    manifest = json.loads(zipfile.ZipFile(archive).read("manifest.json"))
    assert manifest["content_hash"] == before
    assert manifest["format"] == 1 and manifest["year"] == 2027

    _delete_everything()
    assert not EditionPage.objects.exists() and not Person.objects.exists()
    assert not Image.objects.exists()

    output = _import(archive)
    assert "hashes equal" in output

    restored = _edition(2027)
    assert content_hash(restored) == before
    restored_en = restored.get_translation(en)
    assert restored_en.year == 2027 and restored_en.translation_key == restored.translation_key
    assert SessionPage.objects.child_of(restored).count() == sessions["bg"]
    assert SessionPage.objects.child_of(restored_en).count() == sessions["en"]
    assert Person.objects.filter(locale=en).exists()
    assert Site.objects.get(is_default_site=True).root_page_id == restored.get_parent().pk

    # Drafts stay drafts, schedules stay scheduled, private stays private.
    news = NewsPage.objects.child_of(restored).get(slug="draft-news")
    assert not news.live and news.latest_revision is not None
    opening = SessionPage.objects.child_of(restored).get(title=edition.live_title)
    assert opening.live and opening.has_unpublished_changes
    assert opening.latest_revision.as_object().title == "Чернова на заглавието"
    scheduled = SessionPage.objects.child_of(restored).get(slug="scheduled-session")
    assert not scheduled.live
    assert (
        Revision.objects.for_instance(scheduled).filter(approved_go_live_at__isnull=False).exists()
    )
    venue = VenuePage.objects.child_of(restored).get()
    assert venue.get_view_restrictions().get().password == "s3cr3t"

    # References resolve to the restored objects; files come back byte for byte.
    document = Document.objects.get()
    assert _read(document.file) == DOCUMENT_BYTES
    assert f'linktype="document" id="{document.pk}"' in opening.abstract
    assert opening.materials[0].value["document"] == document
    hero = restored.hero_image
    assert f'embedtype="image" format="left" id="{hero.pk}"' in opening.abstract
    assert (hero.focal_point_x, hero.description) == (600, "Sofia Tech Park, the Innovation Forum")
    assert news.latest_revision.as_object().body[0].value.pk == hero.pk
    assert Image.objects.count() == manifest["counts"]["images"]
    for image in Image.objects.all():
        assert _read(image.file) == image_bytes[image.title], image.title


def test_import_as_another_year_beside_the_original_reuses_people(edition, tmp_path):
    original = content_hash(edition)
    neutral = content_hash(edition, year_neutral=True)
    shared = {model: model.objects.count() for model in (Person, Organisation, Topic, Image)}
    archive = _export(2027, tmp_path / "edition-2027.zip")

    output = _import(archive, "--year", "2031")
    assert "hashes equal" in output

    copy = _edition(2031)
    assert copy.slug != edition.slug and "2031" in copy.title
    assert content_hash(copy, year_neutral=True) == neutral
    assert content_hash(copy) != original
    assert content_hash(_edition(2027)) == original, "the original is left as it was"
    assert {model: model.objects.count() for model in shared} == shared
    assert copy.get_translation(Locale.objects.get(language_code="en")).year == 2031
    sessions = SessionPage.objects.child_of(copy)
    assert {s.start.year for s in sessions} == {2031}
    assert not NewsPage.objects.child_of(copy).get(slug="draft-news").live
    assert not sessions.get(slug="scheduled-session").live
    # Rooms are the copy's own, and its sessions use them.
    assert {s.room.edition_id for s in sessions if s.room_id} <= {copy.pk}


def test_export_with_revisions_restores_the_history(edition, tmp_path):
    opening = SessionPage.objects.child_of(edition).get(title=edition.live_title)
    history = Revision.objects.for_instance(opening).count()
    assert history >= 3
    _import(_export(2027, tmp_path / "full.zip", "--revisions"), "--year", "2032")
    copy = SessionPage.objects.child_of(_edition(2032)).get(title=edition.live_title)
    assert Revision.objects.for_instance(copy).count() == history
    slim = _export(2027, tmp_path / "slim.zip")
    counts = json.loads(zipfile.ZipFile(slim).read("manifest.json"))["counts"]
    full = json.loads(zipfile.ZipFile(tmp_path / "full.zip").read("manifest.json"))["counts"]
    assert full["revisions"] > counts["revisions"]


def _rewrite(source, target, *, manifest=None, content=None, drop=(), fix_checksum=False):
    with zipfile.ZipFile(source) as old:
        data = {name: old.read(name) for name in old.namelist() if name not in drop}
    if content is not None:
        data["content.json"] = json.dumps(content(json.loads(data["content.json"]))).encode()
    meta = json.loads(data["manifest.json"])
    if fix_checksum:
        meta["files"]["content.json"] = hashlib.sha256(data["content.json"]).hexdigest()
    if manifest is not None:
        meta = manifest(meta)
    data["manifest.json"] = json.dumps(meta).encode()
    with zipfile.ZipFile(target, "w") as new:
        for name, body in data.items():
            new.writestr(name, body)
    return target


def _retitle_edition(content):
    content["pages"]["bg"][0]["fields"]["title"] = "Someone else's edition"
    return content


def _retitle_and_break(content):
    """New image titles (so the images are stored again), then a reference that fails late."""
    for record in content["images"].values():
        record["title"] = "Copy of " + record["title"]
    sessions = [e for e in content["pages"]["en"] if e["type"] == "conference.sessionpage"]
    sessions[-1]["fields"]["start"] = "the morning after"
    return content


def _write(target, data):
    target.write_bytes(data)
    return target


BAD_ARCHIVES = {
    "not a zip": (lambda a, t: _write(t, b"not an archive"), "not a readable zip"),
    "truncated": (
        lambda a, t: _write(t, a.read_bytes()[: a.stat().st_size // 2]),
        "not a readable zip",
    ),
    "wrong version": (
        lambda a, t: _rewrite(a, t, manifest=lambda m: {**m, "format": 2}),
        "archive format 2",
    ),
    "foreign": (
        lambda a, t: _rewrite(a, t, manifest=lambda m: {**m, "app": "other"}),
        "not an edition archive",
    ),
    "tampered": (
        lambda a, t: _rewrite(a, t, content=_retitle_edition),
        "does not match its checksum",
    ),
    "missing image": (
        lambda a, t: _rewrite(
            a, t, drop=[n for n in zipfile.ZipFile(a).namelist() if n.startswith("images/")][:1]
        ),
        "is missing",
    ),
    "fails half-way": (
        lambda a, t: _rewrite(a, t, content=_retitle_and_break, fix_checksum=True),
        "cannot be restored .*the morning after",
    ),
}


@pytest.mark.parametrize("kind", list(BAD_ARCHIVES))
def test_bad_archive_is_refused_and_changes_nothing(edition, tmp_path, kind):
    archive = _export(2027, tmp_path / "edition-2027.zip")
    make, message = BAD_ARCHIVES[kind]
    bad = make(archive, tmp_path / "bad.zip")
    rows, files = _rows(), _media_files()
    with pytest.raises(CommandError, match=message):
        _import(bad, "--year", "2035")
    assert _rows() == rows
    assert _media_files() == files
    assert not EditionPage.objects.filter(year=2035).exists()


@pytest.mark.parametrize("year", [None, "2026"])
def test_year_that_has_an_edition_is_refused(edition, tmp_path, year):
    archive = _export(2027, tmp_path / "edition-2027.zip")
    rows = _rows()
    with pytest.raises(CommandError, match=f"an edition for {year or 2027} already exists"):
        _import(archive, *(["--year", year] if year else []))
    assert _rows() == rows


def test_export_of_a_missing_year_is_a_command_error(db, tmp_path):
    with pytest.raises(CommandError, match="There is no 1999 edition"):
        _export(1999, tmp_path / "none.zip")
    with pytest.raises(CommandError, match="There is no archive"):
        _import(tmp_path / "none.zip")
