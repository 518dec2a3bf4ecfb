import contextlib
import os
import socket
import sys
import time
from pathlib import Path

import pytest

from workbench import sandbox
from workbench.sandbox import Limits, call_isolated, clean_env, run_limited, start_limited, stop_limited, tail


def _python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_normal_exit_and_log(tmp_path):
    outcome = run_limited(_python("print('hello')"), tmp_path, clean_env(), Limits(wall_s=20), tmp_path / "log")
    assert outcome.ok and outcome.returncode == 0
    assert tail(tmp_path / "log").strip() == "hello"


def test_wall_clock_timeout_kills_the_whole_process_group(tmp_path):
    # The child starts a grandchild that would outlive it; both must be gone after the timeout.
    code = ("import subprocess, sys, time; "
            "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(61.5)']); time.sleep(60)")
    started = time.monotonic()
    outcome = run_limited(_python(code), tmp_path, clean_env(), Limits(wall_s=6), tmp_path / "log")
    assert outcome.timed_out and not outcome.ok
    assert time.monotonic() - started < 30
    deadline = time.monotonic() + 5
    while [pid for pid in os.listdir("/proc") if pid.isdigit() and "time.sleep(61.5)" in _cmdline(pid)]:
        assert time.monotonic() < deadline, "the grandchild outlived the run"
        time.sleep(0.05)


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


# --- the bubblewrap sandbox: what a run can see, write and leave behind ---------------------

def test_the_work_folder_is_the_only_writable_place(tmp_path):
    work, outside = tmp_path / "work", tmp_path / "outside"
    work.mkdir()
    outside.mkdir()
    targets = [outside / "x", Path("/tmp/rtlwb-escape-test"), Path.home() / "rtlwb-escape-test",
               Path(sandbox.__file__).parent / "escape.py"]
    code = ("import sys\nfor path in sys.argv[1:]:\n    try: open(path, 'w').write('x'); print('WROTE', path)\n"
            "    except OSError as e: print('refused', path, e.errno)\nopen('inside', 'w').write('ok')")
    outcome = run_limited([sys.executable, "-c", code, *map(str, targets)], work, clean_env(), Limits(wall_s=20),
                          tmp_path / "log")
    assert outcome.ok, tail(tmp_path / "log")
    log = tail(tmp_path / "log")
    assert all(f"refused {path}" in log for path in targets if path.parent != Path("/tmp"))
    assert (work / "inside").read_text() == "ok"
    assert not any(path.exists() for path in targets)  # /tmp inside is private: nothing reaches the host's


def test_host_files_and_ancestors_are_invisible(tmp_path, monkeypatch):
    canary = tmp_path / "canary.txt"
    canary.write_text("canary-7f3a")
    monkeypatch.setenv("RTLWB_TEST_TOKEN", "tok-canary-91b2")
    work = tmp_path / "work"
    work.mkdir()
    # the parent's environment through /proc, a file beside the work folder, the real home
    code = ("import os, glob\n"
            "for pid in os.listdir('/proc'):\n"
            "    try: print(open(f'/proc/{pid}/environ', 'rb').read())\n"
            "    except OSError: pass\n"
            f"for path in [{str(canary)!r}, os.path.expanduser('~/.bashrc'), '/etc/shadow']:\n"
            "    try: print(open(path).read())\n"
            "    except OSError as e: print('refused', path)\n"
            "print('pids', sorted(int(p) for p in os.listdir('/proc') if p.isdigit()))")
    outcome = run_limited([sys.executable, "-c", code], work, clean_env(), Limits(wall_s=20), tmp_path / "log")
    log = tail(tmp_path / "log", 100000)
    assert outcome.ok, log
    assert "canary-7f3a" not in log and "tok-canary-91b2" not in log
    assert f"refused {canary}" in log
    pids = eval(log.split("pids ", 1)[1].splitlines()[0])
    assert max(pids) < 100  # its own pid namespace: no process of the host is there


def test_readable_paths_are_read_only(tmp_path):
    data, work = tmp_path / "data", tmp_path / "work"
    data.mkdir()
    work.mkdir()
    (data / "vectors.txt").write_text("42")
    code = f"print(open({str(data / 'vectors.txt')!r}).read()); open({str(data / 'vectors.txt')!r}, 'w')"
    outcome = run_limited([sys.executable, "-c", code], work, clean_env(), Limits(wall_s=20), tmp_path / "log",
                          readable=[data])
    assert outcome.returncode != 0
    assert "42" in tail(tmp_path / "log") and "Read-only file system" in tail(tmp_path / "log")
    assert (data / "vectors.txt").read_text() == "42"


def test_nothing_outlives_its_run(tmp_path):
    # a daemon (double fork, new session) that would write a marker a moment later
    code = ("import os, time\n"
            "if os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
            "        time.sleep(2); open('late-marker', 'w').write('alive')\n    os._exit(0)\n"
            "print('parent done')")
    outcome = run_limited([sys.executable, "-c", code], tmp_path, clean_env(), Limits(wall_s=20), tmp_path / "log")
    assert outcome.ok
    time.sleep(3)
    assert not (tmp_path / "late-marker").exists()
    assert not [pid for pid in os.listdir("/proc") if pid.isdigit() and _cmdline(pid).find("late-marker") >= 0]


def _cmdline(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


def _processes_running(marker: str) -> int:
    """Processes whose command line holds ``marker`` (other tests' processes, running in parallel
    under xdist, do not count)."""
    count = 0
    for name in os.listdir("/proc"):
        with contextlib.suppress(OSError):  # the process ended meanwhile
            count += name.isdigit() and marker.encode() in Path(f"/proc/{name}/cmdline").read_bytes()
    return count


def test_a_fork_bomb_is_contained(tmp_path):
    marker = f"fork-bomb-{tmp_path.name}"
    code = f"import os  # {marker}\nwhile True:\n    try: os.fork()\n    except OSError: pass\n"
    started = time.monotonic()
    outcome = run_limited([sys.executable, "-c", code], tmp_path, clean_env(), Limits(wall_s=5), tmp_path / "log")
    assert outcome.timed_out
    assert time.monotonic() - started < 20
    deadline = time.monotonic() + 10
    while _processes_running(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_running(marker) == 0


def test_a_sandbox_that_cannot_start_is_an_infrastructure_failure(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    outcome = run_limited(["true"], work, clean_env(), Limits(wall_s=20), tmp_path / "log",
                          readable=[tmp_path / "does-not-exist"])
    assert outcome.infra_failure and "sandbox did not start" in outcome.infra_failure
    assert not outcome.ok


def test_an_answer_that_fails_loudly_is_not_an_infrastructure_failure(tmp_path):
    code = "print('No space left on device'); print('bwrap: Can't find source path'); raise SystemExit(1)"
    outcome = run_limited([sys.executable, "-c", code], tmp_path, clean_env(), Limits(wall_s=20), tmp_path / "log")
    assert outcome.returncode == 1 and outcome.infra_failure is None


def test_a_server_holds_its_sandbox_until_stopped(tmp_path):
    code = ("import sys\nfor line in sys.stdin:\n"
            "    open('seen', 'a').write(line); print(line.strip().upper(), flush=True)")
    child = start_limited([sys.executable, "-c", code], tmp_path, clean_env(), Limits(wall_s=60))
    try:
        child.stdin.write(b"hello\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == b"HELLO"
    finally:
        stop_limited(child)
    assert (tmp_path / "seen").read_text() == "hello\n"
    assert child.poll() is not None


@pytest.mark.skipif(os.geteuid() != 0, reason="job slots (a uid each) exist only when running as root")
def test_a_run_with_another_tmpdir_leaves_a_held_slot_alone(tmp_path, monkeypatch):
    # Slot uids are machine-wide: a run whose TMPDIR differs (a test, a user's shell) must still
    # see the slot as taken, or its start-of-slot kill ends the holder's processes.
    (tmp_path / "server").mkdir()
    code = "import sys\nfor line in sys.stdin:\n    print(line.strip().upper(), flush=True)"
    child = start_limited([sys.executable, "-c", code], tmp_path / "server", clean_env(), Limits(wall_s=60))
    try:
        monkeypatch.setenv("TMPDIR", str(tmp_path))
        (tmp_path / "run").mkdir()
        assert run_limited(["true"], tmp_path / "run", clean_env(), Limits(wall_s=30), tmp_path / "log").ok
        child.stdin.write(b"still here\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == b"STILL HERE"
    finally:
        stop_limited(child)


def test_unsafe_mode_runs_without_the_sandbox_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("RTLWB_UNSAFE_NO_SANDBOX", "1")
    sandbox.isolation.cache_clear()
    try:
        assert sandbox.isolation() is sandbox.Isolation.NONE
        assert sandbox.isolation_name() == "none"
        outcome = run_limited([sys.executable, "-c", "import os; print(os.getpid())"], tmp_path, clean_env(),
                              Limits(wall_s=20), tmp_path / "log")
        assert outcome.ok and int(tail(tmp_path / "log")) > 1  # the host's pid namespace
    finally:
        monkeypatch.delenv("RTLWB_UNSAFE_NO_SANDBOX")
        sandbox.isolation.cache_clear()


def test_without_bubblewrap_scoring_refuses(monkeypatch):
    monkeypatch.setattr(sandbox.shutil, "which", lambda name, *a, **k: None)
    sandbox.sandbox_problem.cache_clear()
    sandbox.isolation.cache_clear()
    try:
        with pytest.raises(sandbox.SandboxUnavailable, match="--unsafe-no-sandbox"):
            sandbox.isolation()
    finally:
        monkeypatch.undo()
        sandbox.sandbox_problem.cache_clear()
        sandbox.isolation.cache_clear()


@pytest.mark.parametrize("folder", ["/", "/usr", str(Path(sandbox.__file__).resolve().parent.parent)])
def test_no_run_may_own_the_system_or_the_workbench(tmp_path, folder):
    with pytest.raises(ValueError, match="refusing to make"):
        run_limited(["true"], Path(folder), clean_env(), Limits(wall_s=5), tmp_path / "log")
    with pytest.raises(ValueError, match="refusing to make"):
        run_limited(["true"], tmp_path, clean_env(), Limits(wall_s=5), tmp_path / "log", writable=[Path(folder)])
