import os
import socket
import sys
import time

import pytest
from pathlib import Path

from workbench.sandbox import Limits, call_isolated, clean_env, network_isolation_prefix, run_limited, tail


def _python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_normal_exit_and_log(tmp_path):
    outcome = run_limited(_python("print('hello')"), tmp_path, clean_env(), Limits(wall_s=20), tmp_path / "log")
    assert outcome.ok and outcome.returncode == 0
    assert tail(tmp_path / "log").strip() == "hello"


def test_wall_clock_timeout_kills_the_whole_process_group(tmp_path):
    # The child starts a grandchild that would outlive it; both must be gone after the timeout.
    code = ("import subprocess, sys, time; "
            "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)']); "
            "open('grandchild.pid', 'w').write(str(p.pid)); time.sleep(60)")
    started = time.monotonic()
    outcome = run_limited(_python(code), tmp_path, clean_env(), Limits(wall_s=6), tmp_path / "log")
    assert outcome.timed_out and not outcome.ok
    assert time.monotonic() - started < 30
    grandchild = int((tmp_path / "grandchild.pid").read_text())
    assert _gone_within(grandchild, 5.0)


def _gone_within(pid: int, seconds: float) -> bool:
    # SIGKILL is delivered asynchronously: on a loaded machine the process may take a moment to die.
    deadline = time.monotonic() + seconds
    while _running(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie waiting for its reaper is not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state not in ("Z", "X")


def test_output_limit_stops_a_flood(tmp_path):
    code = "import sys\nwhile True: sys.stdout.write('x' * 65536)"
    outcome = run_limited(_python(code), tmp_path, clean_env(), Limits(wall_s=30, output_mb=1), tmp_path / "log")
    assert outcome.output_limit_hit
    assert (tmp_path / "log").stat().st_size <= 1024 * 1024


def test_memory_limit(tmp_path):
    code = "blocks = [bytearray(64 * 1024 * 1024) for _ in range(64)]"
    outcome = run_limited(_python(code), tmp_path, clean_env(), Limits(wall_s=30, memory_mb=512), tmp_path / "log")
    assert outcome.returncode != 0
    assert "MemoryError" in tail(tmp_path / "log")


@pytest.mark.skipif(network_isolation_prefix() is None, reason="no network namespaces on this machine")
def test_no_network_even_to_loopback(tmp_path):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    port = server.getsockname()[1]
    code = f"import socket; socket.create_connection(('127.0.0.1', {port}), timeout=5); print('connected')"
    try:
        outcome = run_limited(_python(code), tmp_path, clean_env(), Limits(wall_s=20), tmp_path / "log")
    finally:
        server.close()
    assert outcome.returncode != 0
    assert "connected" not in tail(tmp_path / "log")


def test_secrets_stay_out_of_the_child(tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-secret")
    code = "import os; print(os.environ.get('OPENAI_API_KEY', 'absent'))"
    run_limited(_python(code), tmp_path, clean_env(), Limits(wall_s=20), tmp_path / "log")
    assert tail(tmp_path / "log").strip() == "absent"


def test_isolated_call_returns_the_value():
    assert call_isolated(sum, [1, 2, 3], limits=Limits(wall_s=20)).value == 6


def test_isolated_call_survives_a_crash():
    call = call_isolated(os.abort, limits=Limits(wall_s=20))
    assert call.value is None and call.failure.startswith("crashed")


def test_isolated_call_time_limit():
    started = time.monotonic()
    call = call_isolated(time.sleep, 60, limits=Limits(wall_s=1))
    assert call.failure == "did not finish within 1 s"
    assert time.monotonic() - started < 10


def test_isolated_call_reports_an_exception():
    call = call_isolated(int, "not a number", limits=Limits(wall_s=20))
    assert call.failure.startswith("failed (ValueError")
