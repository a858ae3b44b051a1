"""platform/scripts/stack.sh: refuses bad settings before starting anything, and stop ends exactly
the sessions its pid files name (the full start runs in `make test-frontend`)."""

import os
import subprocess
import sys

from tests.servers import ROOT, wait_until

STACK = ROOT / "platform" / "scripts" / "stack.sh"


def stack(*args, state, **env):
    return subprocess.run(
        ["bash", str(STACK), *args],
        env={**os.environ, "STACK_DIR": str(state), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie of ours counts as gone.
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split(")")[-1].split()[0] != "Z"


def session(sid):
    """Pids of the processes in session `sid`."""
    found = subprocess.run(["ps", "-o", "pid=", "-s", str(sid)], capture_output=True, text=True)
    return [int(pid) for pid in found.stdout.split()]


def test_stack_help_lists_the_commands(tmp_path):
    result = stack("--help", state=tmp_path)
    assert result.returncode == 0
    for word in ("start", "stop", "status", "STACK_DIR", "STACK_API_PORT"):
        assert word in result.stdout


def test_stack_refuses_bad_settings_before_starting_anything(tmp_path):
    for env, message in [
        ({"STACK_DB": "conf; drop"}, "STACK_DB must be a lower-case identifier"),
        ({"STACK_API_PORT": "80"}, "must be numbers within 1024-65535"),
        ({"STACK_API_PORT": "8100", "STACK_WEB_PORT": "8100"}, "must differ"),
        ({"STACK_REDIS_DB": "x"}, "STACK_REDIS_DB must be a number"),
    ]:
        result = stack("start", state=tmp_path / "state", **env)
        assert result.returncode == 1, result
        assert message in result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "state").exists()


def test_stack_unknown_command_is_a_usage_error(tmp_path):
    result = stack("restart-everything", state=tmp_path)
    assert result.returncode == 2
    assert "Usage:" in result.stderr


def test_stack_stop_ends_the_recorded_sessions_and_is_idempotent(tmp_path):
    (tmp_path / "run").mkdir()
    # A service with a child, in its own session, as start launches them.
    leader = subprocess.Popen(
        ["bash", "-c", "sleep 300 & wait"], start_new_session=True, stdout=subprocess.DEVNULL
    )
    wait_until(lambda: len(session(leader.pid)) == 2, "the service's child")
    child = next(pid for pid in session(leader.pid) if pid != leader.pid)
    (tmp_path / "run" / "worker.pid").write_text(f"{leader.pid}\n")
    # A pid file naming a process that leads no session of its own (this test) is not ours.
    (tmp_path / "run" / "beat.pid").write_text(f"{os.getpid()}\n")
    try:
        result = stack("stop", state=tmp_path)
        assert result.returncode == 0, result
        assert leader.wait(timeout=30) is not None
        wait_until(lambda: not alive(child), "the service's child stopped")
        assert alive(os.getpid())
        assert "worker stopped" in result.stdout
        assert not (tmp_path / "run" / "worker.pid").exists()
        again = stack("stop", state=tmp_path)
        assert again.returncode == 0, again
        status = stack("status", state=tmp_path)
        assert status.returncode != 0
        assert "worker    stopped" in status.stdout
    finally:
        if leader.poll() is None:
            os.killpg(leader.pid, 9)
            leader.wait()


def test_stack_measure_refuses_without_a_stack(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "platform" / "scripts" / "measure_stack.py")]
        + ["--stack-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "start the stack with `make stack` first" in result.stderr
    assert "Traceback" not in result.stderr
