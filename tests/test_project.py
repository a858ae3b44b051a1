"""Project-level checks: migrations in sync, the zero-setup SQLite path works end to end."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def test_migrations_are_in_sync_with_models(db):
    call_command("makemigrations", "--check", "--dry-run", stdout=io.StringIO())


@pytest.mark.slow
def test_sqlite_demo_loads_and_renders_without_services(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.dev",
        CONFERENCE_VAR_DIR=str(tmp_path),
        MEDIA_ROOT=str(tmp_path / "media"),
    )

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    for args in (["migrate", "--noinput", "-v0"], ["load_demo", "--admin"]):
        result = manage(*args)
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "db.sqlite3").exists()
    script = (
        "from django.test import Client\n"
        "from django.conf import settings\n"
        "assert settings.DATABASES['default']['ENGINE'].endswith('sqlite3')\n"
        "c = Client()\n"
        "for url in ['/', '/2025/tech-parks-panel/', '/en/2025/tech-parks-panel/']:\n"
        "    r = c.get(url, HTTP_HOST='127.0.0.1')\n"
        "    print(url, r.status_code, r.content.decode()[:2000].replace('\\n', ' '))\n"
        "c.login(username='admin', password='conference-demo')\n"
        "print('admin', c.get('/admin/', HTTP_HOST='127.0.0.1').status_code)\n"
    )
    result = manage("shell", "-c", script)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("/ 200") for line in lines), result.stdout
    assert any(
        line.startswith("/2025/tech-parks-panel/ 200") and "Технологичните паркове" in line
        for line in lines
    )
    assert any(
        line.startswith("/en/2025/tech-parks-panel/ 200") and "Tech parks" in line for line in lines
    )
    assert "admin 200" in lines
