"""Run untrusted work in a child process: fresh folder, time, memory and output limits, no network.

The orchestrating process only waits; whatever the child does (hang, crash, flood its log, exhaust
memory) ends as an :class:`Outcome`, never as an exception or a dead parent.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import resource
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

# Variables a simulation legitimately needs; everything else (API keys above all) stays out.
_PASSED_ENV = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "USER", "CCACHE_DIR", "OBJCACHE")


@dataclass(frozen=True)
class Limits:
    wall_s: float
    memory_mb: int = 4096
    output_mb: int = 64


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


# In-process Python work on hostile text (parsing with pyslang, a C++ library that can crash on
# pathological input) runs in processes forked from a server that has the parser loaded already:
# as isolated as a child process, without paying for a fresh interpreter each time.
_FORK_CONTEXT = multiprocessing.get_context("forkserver")
_FORK_CONTEXT.set_forkserver_preload(["workbench.interface"])


@dataclass(frozen=True)
class IsolatedCall:
    value: Any = None
    failure: str | None = None  # why no value came back: a crash or the time limit


def call_isolated(function: Callable, *args: Any, limits: Limits) -> IsolatedCall:
    """Run ``function(*args)`` in a forked child under ``limits``; a crash there is only a verdict here."""
    receiver, sender = _FORK_CONTEXT.Pipe(duplex=False)
    child = _FORK_CONTEXT.Process(target=_call_and_send, args=(sender, function, args, limits), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(limits.wall_s):
            return IsolatedCall(failure=f"did not finish within {limits.wall_s:g} s")
        outcome, payload = receiver.recv()
        return IsolatedCall(value=payload) if outcome == "value" else IsolatedCall(failure=payload)
    except EOFError:
        child.join()
        return IsolatedCall(failure=f"crashed (exit status {child.exitcode})")
    finally:
        child.kill()
        child.join()
        receiver.close()


def _call_and_send(sender: Connection, function: Callable, args: tuple, limits: Limits) -> None:
    _apply_limits(limits)
    try:
        sender.send(("value", function(*args)))
    except Exception as error:  # noqa: BLE001 - any failure of the isolated work is a verdict
        sender.send(("failure", f"failed ({type(error).__name__}: {error})"))


def _apply_limits(limits: Limits) -> None:
    memory = limits.memory_mb * 1024 * 1024
    output = limits.output_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
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
