"""Production settings: the default everywhere, refuse to start half-configured, pass
`check --deploy`, serve static files and uploaded images (subprocesses with production settings)."""

import os
import re
import subprocess
import sys

import pytest
from django.db import connection

from tests.servers import ROOT, Gunicorn, database_url, production_env

pytestmark = pytest.mark.slow


def _run(args, env):
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _bare_env():
    """The environment of a deployment that forgot DJANGO_SETTINGS_MODULE and its secrets."""
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in {"DATABASE_URL", "REDIS_URL"}
    }


@pytest.mark.parametrize(
    "args",
    [
        ["manage.py", "check"],
        ["-c", "import cms.wsgi"],
        ["-c", "from cms.celery import app; print(app.conf.broker_url)"],
    ],
    ids=["manage.py", "wsgi", "celery"],
)
def test_entry_points_without_settings_module_refuse_to_start(args):
    result = _run(args, _bare_env())
    assert result.returncode != 0, result.stdout
    assert "ImproperlyConfigured" in result.stderr
    assert "cms.settings.production needs DJANGO_SECRET_KEY" in result.stderr
    assert "DJANGO_SETTINGS_MODULE=cms.settings.dev" in result.stderr


def test_entry_points_default_to_production_settings_without_debug():
    env = {
        **_bare_env(),
        "DJANGO_SECRET_KEY": "k" * 60,
        "DATABASE_URL": "postgres://u:p@127.0.0.1:1/none",
        "REDIS_URL": "redis://127.0.0.1:1/0",
    }
    script = (
        "import cms.wsgi\nfrom django.conf import settings\n"
        "print(settings.SETTINGS_MODULE, settings.DEBUG, settings.SECRET_KEY == 'k' * 60)"
    )
    result = _run(["-c", script], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["cms.settings.production", "False", "True"]


@pytest.mark.parametrize("missing", ["DATABASE_URL", "REDIS_URL"])
def test_production_refuses_to_start_without_database_or_redis(missing):
    env = {
        **_bare_env(),
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": "k" * 60,
        "DATABASE_URL": "postgres://u:p@127.0.0.1:1/none",
        "REDIS_URL": "redis://127.0.0.1:1/0",
    }
    del env[missing]
    result = _run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert f"cms.settings.production needs {missing}" in result.stderr


@pytest.mark.django_db
def test_production_check_deploy_prints_no_warning():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    env = production_env(DJANGO_ALLOWED_HOSTS="conference.example")
    env.pop("DJANGO_SETTINGS_MODULE")  # the default of manage.py
    result = _run(["-W", "error", "manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout, result.stdout
    assert "WARNING" not in result.stdout + result.stderr


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    """STATIC_ROOT after `collectstatic` with production storage (hashed, compressed)."""
    static_root = tmp_path_factory.mktemp("static")
    env = production_env(STATIC_ROOT=static_root, DATABASE_URL="sqlite:////nonexistent/db")
    result = _run(["manage.py", "collectstatic", "--noinput", "-v0"], env)
    assert result.returncode == 0, result.stderr
    assert (static_root / "staticfiles.json").exists()
    return static_root


@pytest.fixture
def production_server(collected_static, demo_db, db, settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL), shared with the server process")
    env = production_env(
        STATIC_ROOT=collected_static,
        MEDIA_ROOT=settings.MEDIA_ROOT,
        DATABASE_URL=database_url(),
    )
    server = Gunicorn(env, tmp_path / "gunicorn.log")
    yield server
    server.stop()


def test_production_serves_admin_static_files_with_whitenoise(production_server):
    login = production_server.get("/admin/login/")
    assert login.status_code == 200, production_server.log()[-3000:]
    css = re.findall(r'href="(/static/wagtailadmin/css/core\.[0-9a-f]{12}\.css)"', login.text)
    assert css, login.text[:2000]
    response = production_server.get(css[0])
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/css")
    assert "immutable" in response.headers["Cache-Control"]
    compressed = production_server.get(css[0], headers={"Accept-Encoding": "gzip"})
    assert compressed.headers.get("Content-Encoding") == "gzip"


def test_production_serves_uploaded_image_renditions_from_media_root(production_server):
    response = production_server.get("/api/v1/speakers/?locale=en&page_size=100")
    assert response.status_code == 200, production_server.log()[-3000:]
    urls = [
        url
        for speaker in response.json()["results"]
        if speaker.get("photo")
        for url in speaker["photo"]["urls"].values()
    ]
    assert urls, response.text[:2000]
    path = "/" + urls[0].split("/", 3)[3]
    assert path.startswith("/media/images/")
    image = production_server.get(path)
    assert image.status_code == 200, production_server.log()[-3000:]
    assert image.headers["Content-Type"].startswith("image/")
    assert image.headers["Cache-Control"] == "public, max-age=86400"
    assert "sandbox" in image.headers["Content-Security-Policy"]


def test_production_does_not_serve_documents_from_media_root(production_server, settings):
    (settings.MEDIA_ROOT / "documents").mkdir(parents=True, exist_ok=True)
    (settings.MEDIA_ROOT / "documents" / "private.txt").write_text("private")
    assert production_server.get("/media/documents/private.txt").status_code == 404
    assert production_server.get("/media/images/../documents/private.txt").status_code == 404
