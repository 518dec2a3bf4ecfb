"""Run untrusted work in a child process: fresh folder, time, memory and output limits, no network.

The orchestrating process only waits; whatever the child does (hang, crash, flood its log, exhaust
memory) ends as an :class:`Outcome`, never as an exception or a dead parent.
"""

from __future__ import annotations

import functools
import os
import pickle
import resource
import select
import shutil
import signal
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Variables a simulation legitimately needs; everything else (API keys above all) stays out.
_PASSED_ENV = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "USER", "CCACHE_DIR", "OBJCACHE")


@dataclass(frozen=True)
class Limits:
    wall_s: float
    memory_mb: int = 4096  # address space; 0: none (AddressSanitizer reserves terabytes and limits itself)
    output_mb: int = 64  # output and every file written
    processes: int = 0  # 0: no limit of its own (it counts all of the user's processes, and root is exempt)


@dataclass(frozen=True)
class Outcome:
    returncode: int | None
    timed_out: bool
    duration_s: float
    signal_name: str | None = None
    output_limit_hit: bool = False

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out


@functools.cache
def network_isolation_prefix() -> tuple[str, ...] | None:
    """The command prefix that gives a child its own empty network namespace, or None if impossible."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return None
    for prefix in ((unshare, "--net"), (unshare, "--map-root-user", "--net")):
        probe = subprocess.run([*prefix, "true"], capture_output=True, timeout=10)
        if probe.returncode == 0:
            return prefix
    return None


def clean_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {name: os.environ[name] for name in _PASSED_ENV if name in os.environ}
    env.update(extra or {})
    return env


def run_limited(argv: list[str], cwd: Path, env: dict[str, str], limits: Limits,
                log_path: Path) -> Outcome:
    """Run ``argv`` in ``cwd`` with ``limits``; stdout and stderr go to ``log_path``."""
    prefix = network_isolation_prefix() or ()
    started = time.monotonic()
    with open(log_path, "wb") as log:
        child = subprocess.Popen(
            [*prefix, *argv], cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=functools.partial(_apply_limits, limits),
        )
        try:
            returncode = child.wait(timeout=limits.wall_s)
            timed_out = False
        except subprocess.TimeoutExpired:
            timed_out = True
            returncode = None
        finally:
            _kill_group(child)
    duration = time.monotonic() - started
    signal_name = signal.Signals(-returncode).name if returncode is not None and returncode < 0 else None
    # Python children ignore SIGXFSZ and fail with EFBIG instead: a full log also means the limit.
    flooded = signal_name == "SIGXFSZ" or log_path.stat().st_size >= limits.output_mb * 1024 * 1024
    return Outcome(returncode, timed_out, duration, signal_name, flooded)


# Python work on hostile text (parsing with pyslang, a C++ library that can crash on pathological
# input) runs in a long-lived worker process: as isolated as a child process, without paying for a
# fresh interpreter each time. A worker that crashes or overruns is killed and replaced. (A plain
# subprocess rather than multiprocessing, which would re-run the caller's __main__ script.)
@dataclass(frozen=True)
class IsolatedCall:
    value: Any = None
    failure: str | None = None  # why no value came back: a crash, the time limit, an exception


class _Worker:
    def __init__(self, limits: Limits) -> None:
        package_parent = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")])))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "workbench._worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env=env, start_new_session=True,
            preexec_fn=functools.partial(_apply_limits, limits))

    def call(self, function: Callable, args: tuple, wall_s: float) -> IsolatedCall:
        request = pickle.dumps((function, args))
        try:
            self.process.stdin.write(struct.pack("!Q", len(request)) + request)
            self.process.stdin.flush()
            header = self._read(8, wall_s)
            outcome, payload = pickle.loads(self._read(struct.unpack("!Q", header)[0], wall_s))
        except TimeoutError:
            return IsolatedCall(failure=f"did not finish within {wall_s:g} s")
        except (EOFError, BrokenPipeError, pickle.UnpicklingError):
            return IsolatedCall(failure=f"crashed (exit status {self.process.wait()})")
        return IsolatedCall(value=payload) if outcome == "value" else IsolatedCall(failure=payload)

    def _read(self, size: int, wall_s: float) -> bytes:
        data = b""
        deadline = time.monotonic() + wall_s
        while len(data) < size:
            ready, _, _ = select.select([self.process.stdout], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise TimeoutError
            chunk = os.read(self.process.stdout.fileno(), size - len(data))
            if not chunk:
                raise EOFError
            data += chunk
        return data

    def stop(self) -> None:
        _kill_group(self.process)


_workers: dict[Limits, _Worker] = {}
_workers_lock = threading.Lock()


def call_isolated(function: Callable, *args: Any, limits: Limits) -> IsolatedCall:
    """Run ``function(*args)`` in a worker process under ``limits``; a crash there is only a verdict here."""
    with _workers_lock:
        worker = _workers.get(limits)
        if worker is None or worker.process.poll() is not None:
            worker = _workers[limits] = _Worker(limits)
        call = worker.call(function, args, limits.wall_s)
        if call.failure and not call.failure.startswith("failed"):
            worker.stop()
            del _workers[limits]
        return call


def start_limited(argv: list[str], cwd: Path, env: dict[str, str], limits: Limits) -> subprocess.Popen:
    """A long-lived child (a compile server) under ``limits`` and without network, spoken to
    through its stdin and stdout; stop it with :func:`stop_limited`. ``limits.wall_s`` is left
    to the caller, who times each request."""
    prefix = network_isolation_prefix() or ()
    return subprocess.Popen([*prefix, *argv], cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, start_new_session=True,
                            preexec_fn=functools.partial(_apply_limits, limits))


def stop_limited(child: subprocess.Popen) -> None:
    _kill_group(child)


def _apply_limits(limits: Limits) -> None:
    memory = limits.memory_mb * 1024 * 1024
    output = limits.output_mb * 1024 * 1024
    if memory:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    if limits.processes:
        resource.setrlimit(resource.RLIMIT_NPROC, (limits.processes, limits.processes))
    resource.setrlimit(resource.RLIMIT_FSIZE, (output, output))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _kill_group(child: subprocess.Popen) -> None:
    """Kill the child's whole session (simulators fork compilers and make), then reap it."""
    try:
        os.killpg(child.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    child.wait()


def tail(path: Path, max_chars: int = 4000) -> str:
    """The end of a log file, safe for files the child may have filled with garbage."""
    if not path.is_file():
        return ""
    with open(path, "rb") as handle:
        size = handle.seek(0, os.SEEK_END)
        handle.seek(max(0, size - max_chars))
        return handle.read().decode("utf-8", errors="replace")


def log_tail(log: Path, folder: Path, max_chars: int = 20000) -> str:
    """The end of a log, with the throw-away ``folder``'s path removed so messages read `candidate.sv:3`."""
    return tail(log, max_chars).replace(f"{folder}/", "")
