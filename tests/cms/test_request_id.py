"""Every response carries a request id (X-Request-ID): a client's own id is kept when it is a
UUID, anything else is replaced (no log injection); log lines are JSON objects carrying it.
That it reaches the Celery tasks a request queues is shown in tests/test_background.py."""

import json
import logging
import re
import subprocess
import sys

import pytest

from tests.servers import ROOT

HEX32 = re.compile(r"^[0-9a-f]{32}$")


@pytest.mark.django_db
def test_every_response_has_a_request_id(client):
    first = client.get("/api/v1/editions/")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert HEX32.match(first) and HEX32.match(second) and first != second


@pytest.mark.django_db
def test_a_client_s_uuid_is_kept_and_anything_else_replaced(client):
    mine = "6f1c2b0e-4a8d-4c3e-9b7a-0d5e2f1a3c4b"
    assert client.get("/healthz", HTTP_X_REQUEST_ID=mine)["X-Request-ID"] == mine
    for hostile in ("abc", "x" * 300, '1", "level": "CRITICAL'):
        answer = client.get("/healthz", HTTP_X_REQUEST_ID=hostile)["X-Request-ID"]
        assert HEX32.match(answer), hostile


def test_log_lines_are_json_with_the_request_id():
    code = (
        "import logging; from django_guid import set_guid; "
        "set_guid('0123456789abcdef0123456789abcdef'); "
        "logging.getLogger('cms.test').warning('hello %s', 'world')"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "cms.settings.dev", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    line = next(entry for entry in lines if entry.get("logger") == "cms.test")
    assert line["message"] == "hello world"
    assert line["level"] == logging.getLevelName(logging.WARNING)
    assert line["request_id"] == "0123456789abcdef0123456789abcdef"
