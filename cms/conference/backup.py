"""Edition backups: a self-contained archive of one edition, its restore, and a content hash.

`edition_export` writes a zip: `manifest.json` (format and app version, year, counts, content
hashes, a SHA-256 of every member), `content.json` and the original image and document files.
The content is read generically from each model's fields (`_meta`, modelcluster's child relations
and parental many-to-many fields, StreamField blocks, rich text), so a new field travels without
changes here. References never carry primary keys: translatable objects (pages, rooms, tracks,
people, organisations, topics, industries) are named by model, locale and translation key, images
and documents by a key derived from their content.

`edition_import` restores an archive in one transaction into an empty site or beside the existing
editions (optionally as another year): people, organisations, taxonomy and images that already
exist are reused, pages keep their live, draft, scheduled and restricted state, and the usual
publish signals update the search index and the frontend.

`content_hash` is a SHA-256 of a canonical JSON view of the edition: every page in both languages,
drafts and schedules, view restrictions, the snippets, images (with a checksum of the file) and
documents they reference; no primary keys, no publishing timestamps, no file paths, and the
edition's own translation keys replaced by positions in the tree, so a restore hashes equal to
its source. `year_neutral=True` moves the edition to a reference year first, so an edition
imported as another year hashes equal to the one it came from.
"""

import datetime
import hashlib
import json
import re
import uuid
import zipfile
import zoneinfo
from decimal import Decimal
from importlib import metadata
from pathlib import PurePosixPath

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, models, transaction
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail import blocks
from wagtail.coreutils import find_available_slug, resolve_model_string
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock
from wagtail.images.models import AbstractImage
from wagtail.models import (
    Locale,
    Page,
    PageViewRestriction,
    Revision,
    RevisionMixin,
    Site,
    TranslatableMixin,
)
from wagtail.signals import page_published, published

from cms.conference.models import ConferencePage, EditionPage
from cms.conference.services import _edition_slug, _edition_title, _move_date, free_slug
from cms.people.models import Industry, Organisation, Person, Topic

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CONTENT = "content.json"
# Order matters on import: a person points at an organisation.
SNIPPET_MODELS = (Topic, Industry, Organisation, Person)
REFERENCE_YEAR = 2000  # a leap year: every date has a place in it
# Bookkeeping that is rebuilt on import or belongs to this database only.
SKIPPED_FIELDS = {
    "id",
    "page_ptr",
    "path",
    "depth",
    "numchild",
    "url_path",
    "content_type",
    "owner",
    "locked",
    "locked_at",
    "locked_by",
    "latest_revision",
    "live_revision",
    "alias_of",
    "uploaded_by_user",
    "collection",
    "file",
    "file_size",
    "file_hash",
    "width",
    "height",
}
SKIPPED_RELATIONS = {"wagtail_admin_comments"}
# Left out of the content hash: when things were published or stored, and file names.
UNHASHED_KEYS = {
    "first_published_at",
    "last_published_at",
    "latest_revision_created_at",
    "created_at",
    "file",
}
# Timestamps of history that keep their value when an edition moves to another year.
UNSHIFTED_FIELDS = UNHASHED_KEYS | {"locked_at"}
TAG = re.compile(r"<(a|embed)\b([^>]*)>")
ID_ATTR = re.compile(r'\bid="([^"]*)"')


class BackupError(Exception):
    """The archive cannot be written or restored; nothing was changed."""


# Values


def _encode(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    return value


def _canonical(data):
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _sha256(data):
    return hashlib.sha256(data).hexdigest()


def _map_strings(data, function):
    if isinstance(data, str):
        return function(data)
    if isinstance(data, list):
        return [_map_strings(item, function) for item in data]
    if isinstance(data, dict):
        return {key: _map_strings(value, function) for key, value in data.items()}
    return data


def _replace_all(data, mapping):
    """`data` with every occurrence of each key of `mapping` in its strings replaced."""
    if not mapping:
        return data
    pattern = re.compile("|".join(re.escape(key) for key in sorted(mapping, key=len)[::-1]))
    return _map_strings(data, lambda text: pattern.sub(lambda m: mapping[m.group(0)], text))


def _drop_keys(data, keys):
    if isinstance(data, list):
        return [_drop_keys(item, keys) for item in data]
    if isinstance(data, dict):
        return {k: _drop_keys(v, keys) for k, v in data.items() if k not in keys}
    return data


def _model(label):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError) as error:
        raise BackupError(f"the archive names an unknown model {label!r}") from error


def _walk_block(block, raw, on_ref, on_html):
    """The raw (database) value of `block` with references and rich text passed through."""
    if raw is None:
        return None
    if isinstance(block, blocks.StreamBlock):
        walked = []
        for child in raw:
            if isinstance(child, dict) and child.get("type") in block.child_blocks:
                child_block = block.child_blocks[child["type"]]
                value = _walk_block(child_block, child.get("value"), on_ref, on_html)
                child = {**child, "value": value}
            walked.append(child)
        return walked
    if isinstance(block, blocks.ListBlock):
        return [
            {**item, "value": _walk_block(block.child_block, item.get("value"), on_ref, on_html)}
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item
            else _walk_block(block.child_block, item, on_ref, on_html)
            for item in raw
        ]
    if isinstance(block, ImageBlock) and not isinstance(raw, dict):
        return on_ref(get_image_model(), raw)
    if isinstance(block, blocks.StructBlock):
        if not isinstance(raw, dict):
            return raw
        return {
            key: _walk_block(block.child_blocks[key], value, on_ref, on_html)
            if key in block.child_blocks
            else value
            for key, value in raw.items()
        }
    if isinstance(block, blocks.ChooserBlock):
        return on_ref(resolve_model_string(block.target_model), raw)
    if isinstance(block, blocks.RichTextBlock):
        return on_html(raw)
    return raw


_RICH_TEXT_MODELS = {
    ("a", "page"): lambda: Page,
    ("a", "document"): get_document_model,
    ("embed", "image"): get_image_model,
}


def _walk_rich_text(html, on_ref):
    """Rich text (database format) with the ids of page links, documents and images mapped."""
    if not html:
        return html

    def tag(match):
        name, attrs = match.group(1), match.group(2)
        kind = re.search(r'\b(?:linktype|embedtype)="([^"]*)"', attrs)
        model = _RICH_TEXT_MODELS.get((name, kind.group(1) if kind else None))
        if model is None:
            return match.group(0)

        def new_id(id_match):
            value = on_ref(model(), id_match.group(1) or None)
            return f'id="{value if value is not None else ""}"'

        return f"<{name}{ID_ATTR.sub(new_id, attrs, count=1)}>"

    return TAG.sub(tag, html)


def _is_translatable(model):
    return issubclass(model, TranslatableMixin)


def _child_relations(model):
    return [r for r in get_all_child_relations(model) if r.name not in SKIPPED_RELATIONS]


# Export


class _Exporter:
    """Turns model instances into archive data; collects the images, documents and snippets
    they reference."""

    def __init__(self, *, with_files=True):
        self.with_files = with_files
        self.locales = dict(Locale.objects.values_list("pk", "language_code"))
        self.images = {}  # key -> record
        self.image_keys = {}  # pk -> key
        self.documents = {}
        self.document_keys = {}
        self.files = {}  # archive name -> bytes
        self.snippet_keys = set()  # (model, translation_key)

    # References

    def ref(self, model, pk):
        if pk in (None, ""):
            return None
        if issubclass(model, AbstractImage):
            return self._file_ref(model, pk, "wagtailimages.image", self.images, self.image_keys)
        if issubclass(model, AbstractDocument):
            return self._file_ref(
                model, pk, "wagtaildocs.document", self.documents, self.document_keys
            )
        if issubclass(model, Page):
            model = Page
        if not _is_translatable(model):
            raise BackupError(f"references to {model._meta.label} cannot be exported")
        row = (
            model.objects.filter(pk=pk).values_list("locale_id", "translation_key").first()
            if str(pk).isdigit()
            else None
        )
        if row is None:
            return None
        if model in SNIPPET_MODELS:
            self.snippet_keys.add((model, row[1]))
        return f"{model._meta.label_lower}/{self.locales[row[0]]}/{row[1]}"

    def _file_ref(self, model, pk, label, records, keys):
        if pk in keys:
            return f"{label}/{keys[pk]}"
        obj = model.objects.filter(pk=pk).first() if str(pk).isdigit() else None
        if obj is None:
            return None
        try:
            with obj.file.open("rb") as handle:
                data = handle.read()
        except OSError as error:
            raise BackupError(f"{label} {obj.title!r}: cannot read {obj.file.name}") from error
        digest = _sha256(data)
        suffix = PurePosixPath(obj.file.name).suffix.lower()
        folder = "images" if label.startswith("wagtailimages") else "documents"
        record = self.fields(obj)
        record.update(
            sha256=digest,
            file=f"{folder}/{digest}{suffix}",
            filename=PurePosixPath(obj.file.name).name,
            tags=sorted(obj.tags.names()),
        )
        key = _sha256(_canonical(_drop_keys(record, UNHASHED_KEYS | {"filename"})).encode())[:32]
        keys[pk] = key
        records[key] = record
        if self.with_files:
            self.files[record["file"]] = data
        return f"{label}/{key}"

    def html(self, value):
        return _walk_rich_text(value, self.ref)

    # Fields

    def fields(self, obj):
        """Every field of `obj` as JSON data, references as natural references."""
        model = type(obj)
        data = {}
        for field in model._meta.concrete_fields:
            if field.name in SKIPPED_FIELDS or field.primary_key or isinstance(field, ParentalKey):
                continue
            if field.is_relation:
                if field.related_model is Locale:
                    data[field.name] = self.locales.get(getattr(obj, field.attname))
                elif field.many_to_one or field.one_to_one:
                    data[field.name] = self.ref(field.related_model, getattr(obj, field.attname))
                continue
            value = field.value_from_object(obj)
            if isinstance(field, StreamField):
                raw = field.get_prep_value(value) if value is not None else []
                data[field.name] = _walk_block(field.stream_block, raw, self.ref, self.html)
            elif isinstance(field, RichTextField):
                data[field.name] = self.html(value)
            else:
                data[field.name] = _encode(value)
        for field in get_all_child_m2m_relations(model):
            related = getattr(obj, field.name).all()
            data[field.name] = sorted(
                r for r in (self.ref(field.related_model, item.pk) for item in related) if r
            )
        for relation in _child_relations(model):
            children = sorted(
                getattr(obj, relation.name).all(),
                key=lambda child: getattr(child, "sort_order", None) or 0,
            )
            data[relation.name] = [self.fields(child) for child in children]
        return data

    def revisions(self, obj, *, all_revisions):
        revisions = Revision.objects.for_instance(obj).order_by("created_at", "pk")
        if not all_revisions:
            wanted = models.Q(pk__in=[obj.latest_revision_id, obj.live_revision_id])
            revisions = revisions.filter(wanted | models.Q(approved_go_live_at__isnull=False))
        return [
            {
                "created_at": _encode(revision.created_at),
                "approved_go_live_at": _encode(revision.approved_go_live_at),
                "latest": revision.pk == obj.latest_revision_id,
                "live": revision.pk == obj.live_revision_id,
                "content": self.fields(revision.as_object()),
            }
            for revision in revisions
        ]

    def page(self, page, *, base_depth, all_revisions):
        page = page.specific
        parent = page.get_parent()
        slugs = [a.slug for a in page.get_ancestors(inclusive=True).filter(depth__gt=base_depth)]
        return {
            "type": page._meta.label_lower,
            "translation_key": str(page.translation_key),
            "parent": str(parent.translation_key) if page.depth > base_depth + 1 else None,
            "path": "/".join(slugs),
            "fields": self.fields(page),
            "restrictions": [
                {
                    "restriction_type": r.restriction_type,
                    "password": r.password,
                    "groups": sorted(g.name for g in r.groups.all()),
                }
                for r in PageViewRestriction.objects.filter(page=page).order_by("pk")
            ],
            "revisions": self.revisions(page, all_revisions=all_revisions),
        }

    def snippet(self, obj, *, all_revisions):
        entry = {
            "type": type(obj)._meta.label_lower,
            "translation_key": str(obj.translation_key),
            "fields": self.fields(obj),
        }
        if isinstance(obj, RevisionMixin):
            entry["revisions"] = self.revisions(obj, all_revisions=all_revisions)
        return entry


def _edition_pages(edition):
    """The edition's pages in every locale: {language code: [pages in tree order]}."""
    pages = {}
    for translation in [edition, *edition.get_translations()]:
        code = translation.locale.language_code
        pages[code] = list(
            Page.objects.descendant_of(translation, inclusive=True).order_by("path").specific()
        )
    return dict(sorted(pages.items()))


def edition_find(year, conference=None):
    """The source-locale edition page of `year` (in `conference` if given), or None."""
    editions = EditionPage.objects.filter(year=year, locale=Locale.get_default())
    if conference is not None:
        editions = editions.child_of(conference)
    edition = editions.order_by("path").first()
    if edition is None:  # an edition that exists in another language only
        edition = EditionPage.objects.filter(year=year).order_by("path").first()
    return edition


def edition_content(edition, *, revisions=False, with_files=True):
    """(content, files) of `edition`: the archive's JSON data and its files by archive name."""
    edition = edition.specific
    exporter = _Exporter(with_files=with_files)
    conference = edition.get_parent().specific
    pages = {
        code: [
            exporter.page(page, base_depth=locale_pages[0].depth - 1, all_revisions=revisions)
            for page in locale_pages
        ]
        for code, locale_pages in _edition_pages(edition).items()
    }
    conferences = {
        c.locale.language_code: {
            "type": c.specific._meta.label_lower,
            "fields": exporter.fields(c.specific),
        }
        for c in [conference, *conference.get_translations()]
    }
    snippets = []
    done = set()
    # Snippets reference other snippets and images: export until nothing new is referenced.
    while pending := sorted(exporter.snippet_keys - done, key=lambda k: (str(k[0]), str(k[1]))):
        for model, key in pending:
            done.add((model, key))
            for obj in model.objects.filter(translation_key=key).order_by("locale__language_code"):
                snippets.append(exporter.snippet(obj, all_revisions=revisions))
    order = {m._meta.label_lower: i for i, m in enumerate(SNIPPET_MODELS)}
    snippets.sort(
        key=lambda s: (order[s["type"]], s["translation_key"], s["fields"].get("locale") or "")
    )
    content = {
        "format": FORMAT_VERSION,
        "edition": {
            "year": edition.year,
            "translation_key": str(edition.translation_key),
            "timezone": edition.timezone,
        },
        "conference": {"translation_key": str(conference.translation_key), "pages": conferences},
        "pages": pages,
        "snippets": snippets,
        "images": dict(sorted(exporter.images.items())),
        "documents": dict(sorted(exporter.documents.items())),
        "revisions": revisions,
    }
    return content, exporter.files


# Year and hash


def _shift_datetime(value, year, tz):
    moment = datetime.datetime.fromisoformat(value)
    local = moment.astimezone(tz)
    return _move_date(local, local.year + year).astimezone(datetime.UTC).isoformat()


def _shift_fields(model, fields, delta, tz):
    shifted = dict(fields)
    for name, value in fields.items():
        if value is None or name in UNSHIFTED_FIELDS:
            continue
        try:
            field = model._meta.get_field(name)
        except Exception:
            continue
        if isinstance(field, models.DateTimeField):
            shifted[name] = _shift_datetime(value, delta, tz)
        elif isinstance(field, models.DateField):
            day = datetime.date.fromisoformat(value)
            shifted[name] = _move_date(day, day.year + delta).isoformat()
    return shifted


def shift_year(content, year):
    """`content` moved to `year`: the edition's year, dates and times (local times kept), and the
    edition's title and slug as a cloned edition gets them. History timestamps stay."""
    old = content["edition"]["year"]
    if old == year:
        return content
    delta = year - old
    tz = zoneinfo.ZoneInfo(content["edition"]["timezone"])
    content = json.loads(json.dumps(content))
    content["edition"]["year"] = year
    for entries in content["pages"].values():
        for entry in entries:
            model = _model(entry["type"])
            parts = [entry["fields"]] + [r["content"] for r in entry["revisions"]]
            shifted = []
            for fields in parts:
                fields = _shift_fields(model, fields, delta, tz)
                if issubclass(model, EditionPage):
                    fields["year"] = year
                    for name in ("title", "draft_title", "seo_title"):
                        if fields.get(name):
                            fields[name] = _edition_title(fields[name], old, year)
                    fields["slug"] = _edition_slug(fields["slug"], old, year)
                shifted.append(fields)
            entry["fields"] = shifted[0]
            for revision, fields in zip(entry["revisions"], shifted[1:], strict=True):
                revision["content"] = fields
                if revision["approved_go_live_at"]:
                    revision["approved_go_live_at"] = _shift_datetime(
                        revision["approved_go_live_at"], delta, tz
                    )
    for entries in content["pages"].values():
        for entry in entries:
            entry["path"] = "/".join([entries[0]["fields"]["slug"], *entry["path"].split("/")[1:]])
    return content


def _local_labels(content):
    """Translation key -> position label for the edition's own pages, rooms and tracks."""
    default = Locale.get_default().language_code
    codes = sorted(content["pages"], key=lambda code: (code != default, code))
    labels = {}
    for code in codes:
        for entry in content["pages"][code]:
            key = entry["translation_key"]
            relative = entry["path"].split("/", 1)[1] if "/" in entry["path"] else ""
            page_label = labels.setdefault(key, f"page:{code}:{relative}")
            for name, value in entry["fields"].items():
                if not (isinstance(value, list) and value and isinstance(value[0], dict)):
                    continue
                for index, child in enumerate(value):
                    child_key = child.get("translation_key")
                    if child_key:
                        labels.setdefault(child_key, f"{name}:{page_label}:{index}")
    return labels


def _hash_view(content):
    def entry_view(entry):
        revisions = entry.get("revisions") or []
        draft = None
        if entry["fields"].get("has_unpublished_changes"):
            latest = [r for r in revisions if r["latest"]]
            draft = latest[0]["content"] if latest else None
        return {
            "type": entry["type"],
            "translation_key": entry["translation_key"],
            "parent": entry.get("parent"),
            "fields": entry["fields"],
            "restrictions": entry.get("restrictions"),
            "draft": draft,
            "scheduled": sorted(
                r["approved_go_live_at"] for r in revisions if r["approved_go_live_at"]
            ),
        }

    view = {
        "edition": {
            "year": content["edition"]["year"],
            "translation_key": content["edition"]["translation_key"],
        },
        "pages": {
            code: [entry_view(e) for e in entries] for code, entries in content["pages"].items()
        },
        "snippets": [entry_view(e) for e in content["snippets"]],
        "images": content["images"],
        "documents": content["documents"],
    }
    view = _drop_keys(view, UNHASHED_KEYS | {"filename"})
    return _replace_all(view, _local_labels(content))


def content_digest(content, *, year_neutral=False):
    """The content hash of archive data (see `content_hash`)."""
    if year_neutral:
        content = shift_year(content, REFERENCE_YEAR)
    return _sha256(_canonical(_hash_view(content)).encode())


def content_hash(edition, *, year_neutral=False):
    """SHA-256 of the edition's content in canonical JSON, in every language: pages with their
    fields, drafts, schedules and restrictions, the snippets they reference, image and document
    metadata with file checksums. No primary keys, publishing timestamps or file paths."""
    content, _files = edition_content(edition, with_files=False)
    return content_digest(content, year_neutral=year_neutral)


# Archive


def _app_version():
    try:
        return metadata.version("conference-platform")
    except metadata.PackageNotFoundError:
        return "unknown"


def _counts(content):
    counts = {f"pages_{code}": len(entries) for code, entries in sorted(content["pages"].items())}
    for entry in content["snippets"]:
        counts[entry["type"]] = counts.get(entry["type"], 0) + 1
    counts["images"] = len(content["images"])
    counts["documents"] = len(content["documents"])
    counts["revisions"] = sum(
        len(e.get("revisions") or [])
        for e in [*content["snippets"], *(p for ps in content["pages"].values() for p in ps)]
    )
    return counts


def edition_export(*, edition, path, revisions=False):
    """Write the archive of `edition` to `path`; returns its manifest."""
    content, files = edition_content(edition, revisions=revisions)
    content_bytes = json.dumps(content, ensure_ascii=False, indent=1, sort_keys=True).encode()
    manifest = {
        "format": FORMAT_VERSION,
        "app": "conference-platform",
        "app_version": _app_version(),
        "year": content["edition"]["year"],
        "created_at": timezone.now().isoformat(),
        "revisions": revisions,
        "counts": _counts(content),
        "content_hash": content_digest(content),
        "content_hash_year_neutral": content_digest(content, year_neutral=True),
        "files": {
            CONTENT: _sha256(content_bytes),
            **{name: _sha256(data) for name, data in sorted(files.items())},
        },
    }
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
        archive.writestr(CONTENT, content_bytes)
        for name, data in sorted(files.items()):
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED)
    return manifest


def archive_read(path):
    """(manifest, content, files) of an archive, checked: BackupError says what is wrong."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if MANIFEST not in names or CONTENT not in names:
                raise BackupError(f"{path} is not an edition archive (no {MANIFEST})")
            manifest = json.loads(archive.read(MANIFEST))
            if not isinstance(manifest, dict) or manifest.get("app") != "conference-platform":
                raise BackupError(f"{path} is not an edition archive of this platform")
            if manifest.get("format") != FORMAT_VERSION:
                raise BackupError(
                    f"{path} has archive format {manifest.get('format')!r}; this version reads "
                    f"format {FORMAT_VERSION} only"
                )
            expected = manifest.get("files") or {}
            files = {}
            for name, digest in expected.items():
                if name not in names:
                    raise BackupError(f"{path} is incomplete: {name} is missing")
                data = archive.read(name)
                if _sha256(data) != digest:
                    raise BackupError(f"{path} is damaged: {name} does not match its checksum")
                files[name] = data
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as error:
        raise BackupError(f"{path} is not a readable zip archive ({error})") from error
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BackupError(f"{path} has an unreadable manifest ({error})") from error
    except OSError as error:
        raise BackupError(f"cannot read {path}: {error.strerror or error}") from error
    try:
        content = json.loads(files.pop(CONTENT))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BackupError(f"{path} has unreadable content ({error})") from error
    if content.get("format") != FORMAT_VERSION or not isinstance(content.get("pages"), dict):
        raise BackupError(f"{path} has content in an unknown format")
    return manifest, content, files


# Import


class _Importer:
    def __init__(self, content, files, *, progress, stored):
        self.content = content
        self.stored = stored
        self.files = files
        self.progress = progress
        self.locales = {}
        self.image_pks = {}
        self.document_pks = {}
        self.created = {"pages": 0, "snippets": 0, "images": 0, "documents": 0}
        self.reused = {"snippets": 0, "images": 0, "documents": 0}
        self.published_pages = []
        self.published_snippets = []

    def locale(self, code):
        if code not in self.locales:
            self.locales[code], _ = Locale.objects.get_or_create(language_code=code)
        return self.locales[code]

    # References

    def resolve(self, model, ref):
        if ref in (None, ""):
            return None
        label, _, rest = str(ref).partition("/")
        if label == "wagtailimages.image":
            return self.image_pks.get(rest)
        if label == "wagtaildocs.document":
            return self.document_pks.get(rest)
        code, _, key = rest.partition("/")
        target = _model(label)
        try:
            uuid.UUID(key)
        except ValueError as error:
            raise BackupError(f"bad reference {ref!r} in the archive") from error
        return (
            target.objects.filter(locale__language_code=code, translation_key=key)
            .values_list("pk", flat=True)
            .first()
        )

    def html(self, value):
        return _walk_rich_text(value, self.resolve)

    def assign(self, obj, data):
        """Set the fields of `obj` from archive `data` (the inverse of `_Exporter.fields`)."""
        model = type(obj)
        for name, value in data.items():
            try:
                field = model._meta.get_field(name)
            except Exception:
                continue  # a field this version no longer has
            if name in SKIPPED_FIELDS or getattr(field, "primary_key", False):
                continue
            if isinstance(field, ParentalKey):
                continue
            if field.many_to_many:
                pks = [self.resolve(field.related_model, ref) for ref in value or []]
                setattr(obj, name, list(field.related_model.objects.filter(pk__in=pks)))
            elif field.one_to_many:
                child_model = field.related_model
                children = []
                for child_data in value or []:
                    child = child_model()
                    self.assign(child, child_data)
                    children.append(child)
                setattr(obj, name, children)
            elif field.is_relation:
                if field.related_model is Locale:
                    obj.locale = self.locale(value)
                else:
                    setattr(obj, field.attname, self.resolve(field.related_model, value))
            elif isinstance(field, StreamField):
                raw = _walk_block(field.stream_block, value or [], self.resolve, self.html)
                setattr(obj, name, field.to_python(raw))
            elif isinstance(field, RichTextField):
                setattr(obj, name, self.html(value))
            elif value is None:
                setattr(obj, name, None)
            else:
                setattr(obj, name, field.to_python(value))
        return obj

    # Files

    def file_objects(self):
        for kind, model, pks in (
            ("images", get_image_model(), self.image_pks),
            ("documents", get_document_model(), self.document_pks),
        ):
            for key, record in self.content[kind].items():
                data = self.files.get(record["file"])
                if data is None or _sha256(data) != record["sha256"]:
                    raise BackupError(f"the archive lacks the file of {kind[:-1]} {key}")
                existing = self._existing_file_object(model, key, record)
                if existing is not None:
                    pks[key] = existing
                    self.reused[kind] += 1
                    continue
                obj = model()
                self.assign(obj, {k: v for k, v in record.items() if k not in ("tags",)})
                name = PurePosixPath(record.get("filename") or record["file"]).name
                obj.file = ContentFile(data, name=name)
                obj._set_file_hash()
                obj.file_size = len(data)
                obj.save()
                self.stored.append(obj.file)
                if record.get("tags"):
                    obj.tags.add(*record["tags"])
                pks[key] = obj.pk
                self.created[kind] += 1

    def _existing_file_object(self, model, key, record):
        exporter = _Exporter(with_files=False)
        for candidate in model.objects.filter(title=record["title"]).order_by("pk"):
            try:
                ref = exporter.ref(model, candidate.pk)
            except BackupError:
                continue
            if ref and ref.endswith(f"/{key}"):
                return candidate.pk
        return None

    # Snippets and pages

    def revisions(self, obj, entries, *, tree_fields=()):
        latest = live = None
        for entry in entries or []:
            instance = type(obj)()
            self.assign(instance, entry["content"])
            instance.pk = obj.pk
            for name in tree_fields:
                setattr(instance, name, getattr(obj, name))
            instance.locale = obj.locale
            instance.translation_key = obj.translation_key
            revision = Revision.objects.create(
                content_object=obj,
                base_content_type=obj.get_base_content_type(),
                content=instance.serializable_data(),
                object_str=str(instance)[:255] if str(instance) else str(obj),
                created_at=datetime.datetime.fromisoformat(entry["created_at"]),
                approved_go_live_at=(
                    datetime.datetime.fromisoformat(entry["approved_go_live_at"])
                    if entry["approved_go_live_at"]
                    else None
                ),
            )
            if entry["latest"]:
                latest = revision
            if entry["live"]:
                live = revision
        updates = {}
        if latest is not None:
            updates["latest_revision"] = latest
        if live is not None and hasattr(obj, "live_revision"):
            updates["live_revision"] = live
        if updates:
            type(obj).objects.filter(pk=obj.pk).update(**updates)
            for name, value in updates.items():
                setattr(obj, name, value)

    def snippets(self):
        for entry in self.content["snippets"]:
            model = _model(entry["type"])
            if model not in SNIPPET_MODELS:
                raise BackupError(f"the archive holds {entry['type']}, which is not a snippet")
            code = entry["fields"]["locale"]
            existing = model.objects.filter(
                translation_key=entry["translation_key"], locale=self.locale(code)
            ).first()
            if existing is not None:
                self.reused["snippets"] += 1
                continue
            obj = model()
            self.assign(obj, entry["fields"])
            obj.translation_key = entry["translation_key"]
            obj.slug = free_slug(model, obj.slug, obj.locale)
            obj.save()
            self.revisions(obj, entry.get("revisions"))
            if getattr(obj, "live", False) and isinstance(obj, RevisionMixin):
                self.published_snippets.append(obj)
            self.created["snippets"] += 1

    def conference(self, code, year):
        """The conference page in locale `code` the edition goes under (created if missing)."""
        data = self.content["conference"]
        key = data["translation_key"]
        locale = self.locale(code)
        conference = ConferencePage.objects.filter(translation_key=key, locale=locale).first()
        if conference is not None:
            return conference
        others = ConferencePage.objects.filter(translation_key=key)
        if not others.exists():
            candidates = ConferencePage.objects.values_list("translation_key", flat=True)
            keys = set(candidates)
            if len(keys) > 1:
                raise BackupError(
                    "this site has several conferences and none is the archive's; "
                    "import into a site with one conference"
                )
            if keys:
                key = keys.pop()
                conference = ConferencePage.objects.filter(
                    translation_key=key, locale=locale
                ).first()
                if conference is not None:
                    return conference
        spec = data["pages"].get(code) or next(iter(data["pages"].values()))
        conference = _model(spec["type"])()
        self.assign(conference, spec["fields"])
        conference.locale = locale
        conference.translation_key = key
        root = Page.get_first_root_node()
        conference.slug = find_available_slug(root, conference.slug)
        conference.live = spec["fields"].get("live", True)
        root.add_child(instance=conference)
        revision = conference.save_revision()
        if conference.live:
            revision.publish()
        self._serve_from_default_site(conference)
        self.created["pages"] += 1
        return conference

    def _serve_from_default_site(self, conference):
        if conference.locale != Locale.get_default():
            return
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            if not Site.objects.filter(hostname="localhost", port=80).exists():
                Site.objects.create(
                    hostname="localhost",
                    port=80,
                    root_page=conference,
                    is_default_site=True,
                    site_name=conference.title,
                )
            return
        root = site.root_page
        if type(root.specific) is Page and not root.get_children().exists():
            site.root_page = conference
            site.save()

    def pages(self, year):
        default = Locale.get_default().language_code
        codes = sorted(self.content["pages"], key=lambda code: (code != default, code))
        for code in codes:
            locale = self.locale(code)
            conference = self.conference(code, year)
            if EditionPage.objects.child_of(conference).filter(year=year).exists():
                raise BackupError(f"an edition for {year} already exists")
            parents = {}
            for entry in self.content["pages"][code]:
                parent = conference if entry["parent"] is None else parents.get(entry["parent"])
                if parent is None:
                    raise BackupError(f"the archive's page {entry['path']!r} has no parent")
                page = self.page(entry, parent, locale)
                parents[entry["translation_key"]] = page
            self.progress(f"{len(parents)} pages in {code}")

    def page(self, entry, parent, locale):
        model = _model(entry["type"])
        if not issubclass(model, Page):
            raise BackupError(f"the archive holds {entry['type']}, which is not a page")
        page = model()
        self.assign(page, entry["fields"])
        page.locale = locale
        page.translation_key = entry["translation_key"]
        parent.add_child(instance=page)
        self.revisions(
            page,
            entry["revisions"],
            tree_fields=("id", "path", "depth", "numchild", "url_path", "content_type_id"),
        )
        for restriction in entry["restrictions"]:
            groups = [Group.objects.get_or_create(name=name)[0] for name in restriction["groups"]]
            view_restriction = PageViewRestriction(
                page=page,
                restriction_type=restriction["restriction_type"],
                password=restriction["password"],
            )
            view_restriction.save()
            view_restriction.groups.set(groups)
        if page.live:
            self.published_pages.append(page)
        self.created["pages"] += 1
        return page

    def announce(self):
        """The publish signals an editor's publish sends, so the search index and the
        frontend hear of the restored content when the transaction commits."""
        for obj in self.published_snippets:
            published.send(sender=type(obj), instance=obj, revision=obj.live_revision)
        for page in self.published_pages:
            page_published.send(sender=type(page), instance=page, revision=page.live_revision)


def _edition_local_keys(content):
    keys = set()
    for entries in content["pages"].values():
        for entry in entries:
            keys.add(entry["translation_key"])
            for value in entry["fields"].values():
                if isinstance(value, list):
                    keys.update(
                        c["translation_key"]
                        for c in value
                        if isinstance(c, dict) and c.get("translation_key")
                    )
    return keys


def _keys_taken(content):
    keys = _edition_local_keys(content)
    for entries in content["pages"].values():
        for entry in entries:
            model = _model(entry["type"])
            for relation in _child_relations(model):
                if _is_translatable(relation.related_model):
                    if relation.related_model.objects.filter(translation_key__in=keys).exists():
                        return True
    return Page.objects.filter(translation_key__in=keys).exists()


def edition_import(*, path, year=None, progress=None):
    """Restore the archive at `path` (as `year` if given) in one transaction; returns a summary.

    Raises BackupError, changing nothing, for an unreadable, damaged or foreign archive, an
    unknown format, or a year that already has an edition. Files stored before a failure are
    removed again.
    """
    stored = []
    try:
        with transaction.atomic():
            try:
                return _edition_import(path, year, progress or (lambda message: None), stored)
            except (ValidationError, DatabaseError, KeyError, TypeError, ValueError) as error:
                detail = "; ".join(getattr(error, "messages", [])) or repr(error)
                raise BackupError(f"the archive's content cannot be restored ({detail})") from error
    except BaseException:
        for file in stored:
            file.storage.delete(file.name)
        raise


def _edition_import(path, year, progress, stored):
    manifest, content, files = archive_read(path)
    source_year = content["edition"]["year"]
    year = source_year if year is None else int(year)
    if not 1900 < year < 3000:
        raise BackupError("give a four-digit year")
    if _year_taken(content, year):
        raise BackupError(f"an edition for {year} already exists")
    content = shift_year(content, year)
    if _keys_taken(content):
        # Beside its own source: the edition's pages, rooms and tracks get new identities.
        mapping = {key: str(uuid.uuid4()) for key in _edition_local_keys(content)}
        content = _replace_all(content, mapping)
    importer = _Importer(content, files, progress=progress, stored=stored)
    importer.file_objects()
    progress(
        f"images: {importer.created['images']} restored, {importer.reused['images']} reused; "
        f"documents: {importer.created['documents']} restored"
    )
    importer.snippets()
    progress(
        f"snippets: {importer.created['snippets']} restored, "
        f"{importer.reused['snippets']} already here"
    )
    importer.pages(year)
    importer.announce()
    edition = edition_find(year, importer.conference(Locale.get_default().language_code, year))
    if edition is None:
        edition = EditionPage.objects.filter(
            translation_key=content["edition"]["translation_key"]
        ).first()
    restored = content_hash(edition, year_neutral=year != source_year)
    expected = manifest.get("content_hash_year_neutral" if year != source_year else "content_hash")
    return {
        "edition": edition,
        "year": year,
        "created": importer.created,
        "reused": importer.reused,
        "hash_matches": restored == expected,
    }


def _year_taken(content, year):
    key = content["conference"]["translation_key"]
    conferences = ConferencePage.objects.filter(translation_key=key)
    if not conferences.exists():
        conferences = ConferencePage.objects.all()
    return any(
        EditionPage.objects.child_of(conference).filter(year=year).exists()
        for conference in conferences
    )
