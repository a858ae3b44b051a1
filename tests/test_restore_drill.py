"""Restore drill: the whole database through `pg_dump -Fc` / `pg_restore` into a new database,
the media folder through tar, and the restored site must hold the same content (hash of every
edition, row counts of the main tables), computed by a separate `manage.py` process."""

import glob
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision, Site

from tests.servers import ROOT, database_url

pytestmark = pytest.mark.slow
COMMAND_SECONDS = 600
REPORT = """
import json
from tests.test_restore_drill import drill_report
print("DRILL " + json.dumps(drill_report()))
"""


def drill_report():
    """Content hash of every edition and row counts of the main tables of this database."""
    from cms.conference.backup import content_hash
    from cms.conference.models import (
        EditionPage,
        Partnership,
        Room,
        SessionPage,
        SessionSpeaker,
        Track,
    )
    from cms.people.models import Industry, Organisation, Person, Topic

    models = (
        Page,
        EditionPage,
        SessionPage,
        Room,
        Track,
        Partnership,
        SessionSpeaker,
        Person,
        Organisation,
        Topic,
        Industry,
        get_image_model(),
        get_document_model(),
        Revision,
        Site,
        Locale,
    )
    editions = EditionPage.objects.filter(locale=Locale.get_default()).order_by("year")
    return {
        "hashes": {str(e.year): content_hash(e) for e in editions},
        "counts": {m._meta.label: m.objects.count() for m in models},
    }


def _postgres_binary(name):
    """A PostgreSQL client program: on PATH, else the newest under /usr/lib/postgresql."""
    found = shutil.which(name)
    if found:
        return found

    def version(path):
        return int(re.search(r"/postgresql/(\d+)/", path).group(1))

    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=version)
    if not candidates:
        pytest.fail(
            f"{name} is not installed: the restore drill needs Debian's postgresql-client "
            "(`make services` installs it)"
        )
    return candidates[-1]


def _run(args, **kwargs):
    result = subprocess.run(
        args, capture_output=True, text=True, timeout=COMMAND_SECONDS, check=False, **kwargs
    )
    assert result.returncode == 0, f"{args[0]} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _admin_connection():
    db = connection.settings_dict
    return psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"],
        dbname="postgres",
        autocommit=True,
    )


@pytest.fixture
def restored_database():
    """The URL of a new, empty, uniquely named database; dropped afterwards."""
    if connection.vendor != "postgresql":
        pytest.skip("the restore drill runs on PostgreSQL (set DATABASE_URL)")
    name = f"restore_drill_{secrets.token_hex(6)}"
    with _admin_connection() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield database_url().rsplit("/", 1)[0] + f"/{name}"
    with _admin_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _files(root):
    root = Path(root)
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_database_and_media_restore_to_the_same_content(demo_db, db, restored_database, tmp_path):
    pg_dump, pg_restore = _postgres_binary("pg_dump"), _postgres_binary("pg_restore")
    tar = shutil.which("tar")
    assert tar, "tar is not installed"
    original = drill_report()
    assert set(original["hashes"]) == {"2025", "2026", "2027"}

    # Back up: the database in PostgreSQL's custom format, the media folder as a tarball.
    dump = tmp_path / "conference.dump"
    _run([pg_dump, "--format=custom", "--no-owner", f"--file={dump}", database_url()])
    media = tmp_path / "media.tar.gz"
    _run([tar, "-C", str(settings.MEDIA_ROOT), "-czf", str(media), "."])

    # Restore both somewhere new.
    _run(
        [pg_restore, "--no-owner", "--no-privileges", "--exit-on-error"]
        + [f"--dbname={restored_database}", str(dump)]
    )
    var = tmp_path / "restored-var"
    media_root = var / "test-media"  # where cms.settings.test keeps media under CONFERENCE_VAR_DIR
    media_root.mkdir(parents=True)
    _run([tar, "-C", str(media_root), "-xzf", str(media)])
    assert _files(media_root) == _files(settings.MEDIA_ROOT), "media came back byte for byte"

    # A separate process reads the restored database and media.
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"OPENSEARCH_URL", "ELASTICSEARCH_URL"} and not key.startswith("PYTEST_")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.test",
        DATABASE_URL=restored_database,
        CONFERENCE_VAR_DIR=str(var),
        SEARCH_ENGINES="database",
    )
    output = _run([sys.executable, "manage.py", "shell", "-v0", "-c", REPORT], cwd=ROOT, env=env)
    lines = [line for line in output.splitlines() if line.startswith("DRILL ")]
    assert lines, f"no report from the restored site:\n{output}"
    restored = json.loads(lines[-1].removeprefix("DRILL "))
    assert restored["counts"] == original["counts"]
    assert restored["hashes"] == original["hashes"]
