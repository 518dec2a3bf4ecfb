"""Run untrusted work in a sandbox: the answer's folder is all it can write, and nothing outlives it.

Every compile, elaboration, simulation, C simulation and formal run of a model answer goes through
:func:`run_limited` (one command) or :func:`start_limited` (a long-lived server). With bubblewrap
(the default, see docs/security.md) the command sees:

- a read-only view of the system's tool folders (``/usr``, a few files of ``/etc``), the Python
  installation, the workbench package and the read-only tool caches, plus the ``readable`` paths
  the caller names (read-only copies of the task files a run needs);
- ``writable`` (by default its working folder) as the only writable places, an empty private
  ``/tmp`` and ``HOME``; the task folders, the response cache, the run folders and the real home
  are not there at all;
- new pid, network, IPC and UTS namespaces and a fresh ``/proc``: no ancestor to read, no network,
  and when the run ends its whole pid namespace ends with it (``--die-with-parent`` too);
- when the orchestrator is root, an unprivileged user id of its own (one per job slot, held with a
  lock for the run), so that ``RLIMIT_NPROC`` really counts its processes, and a cgroup per slot
  (pids and memory) where the machine offers cgroups v1; rlimits (memory, CPU, file size, core)
  for every process in any case;
- a cleared environment: only the variables the caller passes.

Where bubblewrap cannot run, scoring refuses (:class:`SandboxUnavailable`) unless the user asked
for ``--unsafe-no-sandbox`` (``RTLWB_UNSAFE_NO_SANDBOX=1``); results of such runs say so.

Whether a run failed because of the answer or because of the harness is decided from the
harness's own state (the sandbox reported that it never started the command, the disk is really
full), never from text the answer could print.
"""

from __future__ import annotations

import contextlib
import fcntl
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
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from workbench._paths import cache_dir
from workbench.errors import WorkbenchError

# Variables a tool legitimately needs; everything else (API keys above all) stays out.
_PASSED_ENV = ("PATH", "LANG", "LC_ALL", "USER", "CCACHE_DIR", "OBJCACHE")
_UNSAFE_VARIABLE = "RTLWB_UNSAFE_NO_SANDBOX"
_SANDBOX_HOME = "/tmp/home"  # inside the sandbox's private /tmp
# System folders a tool may need, read-only; /etc only in the parts tools read (no host secrets).
_SYSTEM_FOLDERS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/opt")
_ETC_ENTRIES = ("ld.so.cache", "alternatives", "passwd", "group", "nsswitch.conf", "localtime", "java-17-openjdk",
                "java-21-openjdk", "perl")
_SLOT_UID_BASE = int(os.environ.get("RTLWB_SANDBOX_UID_BASE", "61000"))
_SLOTS = 64
_DEFAULT_PROCESSES = 256  # per run (per slot uid): compilers fork, a fork bomb stops here
_DISK_FULL_BYTES = 16 * 1024 * 1024  # less free space than this under the work folder: the machine's fault


class SandboxUnavailable(WorkbenchError, RuntimeError):
    """Untrusted work was about to run without the sandbox the user did not waive."""


class Isolation(StrEnum):
    BUBBLEWRAP = "bubblewrap"  # root: slot uids (+ cgroups where offered); otherwise a user namespace
    NONE = "none"  # --unsafe-no-sandbox: child processes with rlimits only


@dataclass(frozen=True)
class Limits:
    wall_s: float
    # address space of each process; 0: none (AddressSanitizer reserves terabytes and limits itself)
    memory_mb: int = 4096
    output_mb: int = 64  # output and every file written
    processes: int = 0  # 0: the sandbox's default per run


@dataclass(frozen=True)
class RunOutcome:
    returncode: int | None
    timed_out: bool
    duration_s: float
    signal_name: str | None = None
    output_limit_hit: bool = False
    infra_failure: str | None = None  # the harness's own failure (sandbox, disk): never the answer's

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out and self.infra_failure is None


def clean_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {name: os.environ[name] for name in _PASSED_ENV if name in os.environ}
    env.update(extra or {})
    return env


# --- which isolation is in force ------------------------------------------------------------

def unsafe_requested() -> bool:
    return os.environ.get(_UNSAFE_VARIABLE, "") not in ("", "0")


def allow_unsafe() -> None:
    """The user passed ``--unsafe-no-sandbox``: untrusted work runs without bubblewrap, even where
    it could run (children inherit the choice)."""
    os.environ[_UNSAFE_VARIABLE] = "1"
    isolation.cache_clear()


_probe_lock = threading.Lock()


@functools.cache
def sandbox_problem() -> str | None:
    """Why bubblewrap cannot isolate runs here, or None when it can (probed once per process)."""
    with _probe_lock:  # threads asking at once wait for the one probe
        return _probe()


def _probe() -> str | None:
    if shutil.which("bwrap") is None:
        return "bubblewrap (bwrap) is not installed: `apt-get install bubblewrap` or `make setup`"
    Path(_private_tmp()).mkdir(parents=True, exist_ok=True, mode=0o700)
    probe = Path(tempfile.mkdtemp(prefix="probe-", dir=_private_tmp()))
    try:
        outcome = _run_sandboxed(["true"], probe, clean_env(), Limits(wall_s=30), probe / "log", (), (probe,))
        if outcome.ok:
            return None
        return (outcome.infra_failure
                or f"the probe exited with status {outcome.returncode}: {tail(probe / 'log', 300).strip()}")
    except OSError as error:
        return f"bubblewrap cannot start: {error}"
    finally:
        shutil.rmtree(probe, ignore_errors=True)


@functools.cache
def isolation() -> Isolation:
    """The isolation every untrusted run gets in this process; raises :class:`SandboxUnavailable`
    when bubblewrap cannot run and the user did not pass ``--unsafe-no-sandbox``."""
    if unsafe_requested():
        return Isolation.NONE
    problem = sandbox_problem()
    if problem is None:
        return Isolation.BUBBLEWRAP
    raise SandboxUnavailable(f"untrusted code will not run without a sandbox: {problem}; "
                             "to run it anyway at your own risk, pass --unsafe-no-sandbox")


def isolation_name() -> str:
    """What results record about their isolation: ``bubblewrap``, or ``none`` when it was waived."""
    return Isolation.NONE.value if unsafe_requested() or sandbox_problem() is not None else Isolation.BUBBLEWRAP.value


def isolation_summary() -> str:
    """One line for ``rtlwb doctor`` and reports: what isolates an untrusted run here."""
    if unsafe_requested():
        return "none: --unsafe-no-sandbox (RTLWB_UNSAFE_NO_SANDBOX) is in force"
    problem = sandbox_problem()
    if problem is not None:
        return f"none ({problem})"
    if os.geteuid() == 0:
        groups = [name for name in ("pids", "memory") if _cgroup_root(name)]
        cgroups = f"cgroups v1 {'+'.join(groups)}" if groups else "rlimits (no writable cgroups)"
        return (f"bubblewrap: own pid/net/ipc/uts namespaces, read-only tools, uid per job slot "
                f"({_SLOT_UID_BASE}-{_SLOT_UID_BASE + _SLOTS - 1}), {cgroups}")
    return "bubblewrap: user namespace, own pid/net/ipc/uts namespaces, read-only tools, rlimits"


# --- running one command --------------------------------------------------------------------

def run_limited(argv: list[str], cwd: Path, env: dict[str, str], limits: Limits, log_path: Path, *,
                readable: Sequence[Path] = (), writable: Sequence[Path] | None = None) -> RunOutcome:
    """Run ``argv`` in ``cwd`` under ``limits``; stdout and stderr go to ``log_path``. ``writable``
    (default: ``cwd`` alone) are the only places it can write; ``readable`` are the extra paths it
    may read (``cwd`` is always readable)."""
    writable = _checked_writable((cwd,) if writable is None else tuple(writable))
    if isolation() is Isolation.NONE:
        return _run_unsandboxed(argv, cwd, env, limits, log_path)
    return _run_sandboxed(argv, cwd, env, limits, log_path, (cwd, *readable), writable)


def _checked_writable(writable: tuple[Path, ...]) -> tuple[Path, ...]:
    """``writable``, after making sure none is a folder no run may own (they are handed to the
    slot's uid): the root, a system folder, a home, or a folder holding the workbench itself."""
    protected = {Path("/"), Path("/etc"), Path("/tmp"), Path.home(), *map(Path, _SYSTEM_FOLDERS)}
    package = Path(__file__).resolve().parent
    for path in writable:
        resolved = path.resolve()
        if resolved in protected or package.is_relative_to(resolved) or Path(sys.prefix).is_relative_to(resolved):
            raise ValueError(f"refusing to make {resolved} writable for an untrusted run")
    return writable


def _run_sandboxed(argv: list[str], cwd: Path, env: dict[str, str], limits: Limits, log_path: Path,
                   readable: Sequence[Path], writable: Sequence[Path]) -> RunOutcome:
    with _slot() as uid:
        _open_up(readable, writable, uid)
        if uid is not None:
            _set_cgroups(uid, limits)
        status_read, status_write = os.pipe()
        command = _bwrap_argv(argv, cwd, readable, writable, uid, status_write)
        started = time.monotonic()
        try:
            try:
                with open(log_path, "wb") as log:
                    child = subprocess.Popen(
                        command, cwd="/", env=_sandbox_env(env), stdin=subprocess.DEVNULL, stdout=log,
                        stderr=subprocess.STDOUT, start_new_session=True, pass_fds=(status_write,),
                        preexec_fn=functools.partial(_enter_limits, limits, uid))
            finally:
                os.close(status_write)  # once, here: a second close could hit another thread's new fd
            returncode, timed_out = _wait(child, limits.wall_s)
        except BaseException:
            os.close(status_read)
            raise
        finally:
            _end_slot(uid)
        status = _read_all(status_read)
    duration = time.monotonic() - started
    infra = None
    if not timed_out and '"exit-code"' not in status and returncode != 0:
        said = tail(log_path, 300).strip() or f"bwrap exit status {returncode}"
        infra = f"the sandbox did not start the command: {said}"
    return _outcome(returncode, timed_out, duration, limits, log_path, cwd, infra)


def _run_unsandboxed(argv: list[str], cwd: Path, env: dict[str, str], limits: Limits, log_path: Path) -> RunOutcome:
    """``--unsafe-no-sandbox``: a child process in its own session with rlimits, nothing more."""
    started = time.monotonic()
    with open(log_path, "wb") as log:
        child = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                 stderr=subprocess.STDOUT, start_new_session=True,
                                 preexec_fn=functools.partial(_enter_limits, limits, None))
    returncode, timed_out = _wait(child, limits.wall_s)
    return _outcome(returncode, timed_out, time.monotonic() - started, limits, log_path, cwd, None)


def _wait(child: subprocess.Popen, wall_s: float) -> tuple[int | None, bool]:
    """Wait for ``child`` up to ``wall_s`` (woken by its exit through a pidfd: Popen.wait's polling
    would add milliseconds to every run), then kill its group whatever happened."""
    try:
        pidfd = os.pidfd_open(child.pid)
    except OSError:  # kernels before 5.3
        pidfd = None
    try:
        if pidfd is None:
            return child.wait(timeout=wall_s), False
        ready, _, _ = select.select([pidfd], [], [], wall_s)
        return (child.wait(), False) if ready else (None, True)
    except subprocess.TimeoutExpired:
        return None, True
    finally:
        if pidfd is not None:
            os.close(pidfd)
        _kill_group(child)


def _outcome(returncode: int | None, timed_out: bool, duration: float, limits: Limits, log_path: Path, cwd: Path,
             infra: str | None) -> RunOutcome:
    signal_name = killing_signal(returncode)
    # Python children ignore SIGXFSZ and fail with EFBIG instead: a full log also means the limit.
    flooded = signal_name == "SIGXFSZ" or log_path.stat().st_size >= limits.output_mb * 1024 * 1024
    if infra is None and not timed_out and returncode != 0 and disk_full(cwd):
        infra = "the disk is full"  # measured here, never read from the answer's output
    return RunOutcome(returncode, timed_out, duration, signal_name, flooded, infra)


def killing_signal(returncode: int | None) -> str | None:
    """The signal that ended a sandboxed command, or None: bwrap reports a command killed by signal
    N as exit status 128+N, and bwrap itself killed shows as -N."""
    if returncode is None:
        return None
    number = -returncode if returncode < 0 else returncode - 128 if 128 < returncode < 128 + signal.NSIG else None
    try:
        return None if number is None else signal.Signals(number).name
    except ValueError:
        return None


def disk_full(folder: Path) -> bool:
    """Whether the disk under ``folder`` is really full (measured, never read from any output)."""
    try:
        stats = os.statvfs(folder)
    except OSError:
        return False
    return stats.f_bavail * stats.f_frsize < _DISK_FULL_BYTES


def _read_all(fd: int) -> str:
    chunks = []
    with contextlib.suppress(OSError):
        while chunk := os.read(fd, 65536):
            chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks).decode(errors="replace")


def _sandbox_env(env: dict[str, str]) -> dict[str, str]:
    """The command's whole environment: what the caller passed, a private home and temp folder."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **env, "HOME": _SANDBOX_HOME, "TMPDIR": "/tmp"}


def _bwrap_argv(argv: list[str], cwd: Path, readable: Sequence[Path], writable: Sequence[Path], uid: int | None,
                status_fd: int) -> list[str]:
    command = [shutil.which("bwrap") or "bwrap", "--die-with-parent", "--new-session",
               "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
               "--json-status-fd", str(status_fd), "--hostname", "sandbox"]
    if uid is None:  # not root: a user namespace provides the mounts
        command.append("--unshare-user")
    command += ["--proc", "/proc", "--dev", "/dev", "--perms", "01777", "--tmpfs", "/tmp",
                "--perms", "0777", "--dir", _SANDBOX_HOME]
    for folder in _SYSTEM_FOLDERS:
        path = Path(folder)
        if path.is_symlink():
            command += ["--symlink", os.readlink(path), folder]
        elif path.is_dir():
            command += ["--ro-bind", folder, folder]
    command += ["--perms", "0755", "--dir", "/etc"]
    for entry in _ETC_ENTRIES:
        if os.path.lexists(f"/etc/{entry}"):
            command += ["--ro-bind", f"/etc/{entry}", f"/etc/{entry}"]
    # a readable path inside a writable one (the working folder, say) stays writable
    readable = [path for path in readable if not any(path == w or path.is_relative_to(w) for w in writable)]
    mounts = {str(path): "--ro-bind" for path in (*_tool_paths(), *readable)}
    mounts |= {str(path): "--bind" for path in writable}
    for folder in _mount_parents(mounts):  # bwrap would create them closed to the unprivileged uid
        command += ["--perms", "0755", "--dir", folder]
    for target in sorted(mounts, key=lambda p: (p.count("/"), p)):  # parents before what is inside them
        command += [mounts[target], target, target]
    command += ["--chdir", str(cwd), "--"]
    if uid is not None:
        command += [shutil.which("setpriv") or "setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups",
                    "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"]
    return command + argv


def _mount_parents(mounts: dict[str, str]) -> list[str]:
    """The folders above the mount points that are neither mounted nor inside a mount, parents first."""
    def covered(folder: Path) -> bool:
        return folder == Path("/tmp") or any(folder == Path(m) or folder.is_relative_to(m) for m in mounts)

    parents = {parent for path in mounts for parent in Path(path).parents if parent != Path("/")}
    return sorted((str(p) for p in parents if not covered(p)), key=lambda p: (p.count("/"), p))


@functools.cache
def _tool_paths() -> tuple[Path, ...]:
    """What every run may read besides the system: Python, the venv, the workbench package, the
    read-only tool caches. Not the project's other folders (tasks, runs), not the home."""
    package = Path(__file__).resolve().parent
    candidates = [Path(sys.base_prefix), Path(sys.prefix), package, _yowasp_cache(),
                  cache_dir() / "verilator"]
    paths = []
    for path in candidates:
        path = path.resolve()
        if path.exists() and not any(path == Path(f) or path.is_relative_to(f) for f in _SYSTEM_FOLDERS):
            paths.append(path)
    return tuple(dict.fromkeys(paths))


def _yowasp_cache() -> Path:
    if "YOWASP_CACHE_DIR" in os.environ:
        return Path(os.environ["YOWASP_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "YoWASP"


def shared_folder(folder: Path) -> Path:
    """``folder``, made writable by every job slot (a compiler cache that runs of any slot add to):
    the sandbox binds it as it is, without handing it to one slot's uid. Tools writing there must
    leave their files open to all (ccache: ``CCACHE_UMASK=000``)."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0 and not folder.stat().st_mode & 0o002:
        for parent, folders, files in os.walk(folder):
            for name in [*folders, *files]:
                path = os.path.join(parent, name)
                with contextlib.suppress(OSError):
                    os.chmod(path, 0o777 if os.path.isdir(path) else 0o666, follow_symlinks=False)
        folder.chmod(0o777)
    return folder


def yowasp_env() -> dict[str, str]:
    """What a sandboxed yowasp tool needs to find its compiled WebAssembly (read-only)."""
    return {"YOWASP_CACHE_DIR": str(_yowasp_cache().resolve())}


def _open_up(readable: Sequence[Path], writable: Sequence[Path], uid: int | None) -> None:
    """Let the slot's uid read the readable folders and own the writable ones."""
    if uid is None:
        return
    for path in readable:
        with contextlib.suppress(OSError):
            mode = path.stat().st_mode
            if path.is_dir() and mode & 0o005 != 0o005:
                path.chmod(mode | 0o005)
    for folder in writable:
        folder.mkdir(parents=True, exist_ok=True)
        if folder.stat().st_mode & 0o002:
            continue  # a folder shared by every slot (a compiler cache): open to all, owned by none
        os.chown(folder, uid, uid)
        for parent, folders, files in os.walk(folder):
            for name in folders + files:
                with contextlib.suppress(OSError):
                    os.chown(os.path.join(parent, name), uid, uid, follow_symlinks=False)


# --- job slots: a uid, a lock and cgroups each ----------------------------------------------

# Slot uids are machine-wide, so their locks must be too: under $TMPDIR, a process with another
# TMPDIR would take a busy slot and its start-of-slot kill would end another run's processes.
_SLOT_LOCKS = Path("/run/rtlwb-sandbox-slots" if os.access("/run", os.W_OK) else "/tmp/rtlwb-sandbox-slots")


def _private_tmp() -> str:
    return os.path.join(os.environ.get("TMPDIR", "/tmp"), f"rtlwb-sandbox-{os.geteuid()}")


@contextlib.contextmanager
def _slot() -> Iterator[int | None]:
    """A job slot's uid for the run (root only; None otherwise), exclusively held."""
    if os.geteuid() != 0:
        yield None
        return
    folder = _SLOT_LOCKS
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    start = os.getpid() % _SLOTS
    handle = None
    for attempt in range(_SLOTS * 200):
        index = (start + attempt) % _SLOTS
        candidate = open(folder / f"{index}.lock", "w")  # noqa: SIM115 (held for the run)
        try:
            fcntl.flock(candidate, fcntl.LOCK_EX | fcntl.LOCK_NB)
            handle = candidate
            break
        except BlockingIOError:
            candidate.close()
            if index == (start + _SLOTS - 1) % _SLOTS:
                time.sleep(0.05)
    if handle is None:
        raise SandboxUnavailable(f"all {_SLOTS} sandbox slots stayed busy")
    uid = _SLOT_UID_BASE + index
    try:
        _kill_uid(uid)  # a slot starts empty, whatever happened before
        yield uid
    finally:
        handle.close()


def _enter_limits(limits: Limits, uid: int | None) -> None:
    """In the child, before bwrap starts: rlimits for every process, and the slot's cgroups."""
    memory = limits.memory_mb * 1024 * 1024
    output = limits.output_mb * 1024 * 1024
    if memory:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    processes = limits.processes or _DEFAULT_PROCESSES
    if uid is None and os.geteuid() != 0:
        processes += _processes_of(os.getuid())  # the user's own processes count too
    if uid is not None or os.geteuid() != 0:
        resource.setrlimit(resource.RLIMIT_NPROC, (processes, processes))
    cpu = int(limits.wall_s) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    resource.setrlimit(resource.RLIMIT_FSIZE, (output, output))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if uid is not None:
        _join_cgroups(uid)


def _cgroup_root(controller: str) -> Path | None:
    root = Path("/sys/fs/cgroup") / controller
    return root if os.geteuid() == 0 and (root / "cgroup.procs").is_file() and os.access(root, os.W_OK) else None


def _slot_cgroups(uid: int) -> list[Path]:
    return [root / "rtlwb" / f"slot-{uid}" for root in map(_cgroup_root, ("pids", "memory")) if root is not None]


def _set_cgroups(uid: int, limits: Limits) -> None:
    """The slot's cgroups, limited for this run (in the parent: the child only joins them)."""
    processes = str(limits.processes or _DEFAULT_PROCESSES)
    memory = str((limits.memory_mb or 8192) * 1024 * 1024 * 2)  # all of the run's processes together
    for group in _slot_cgroups(uid):
        values = {"pids.max": processes} if group.parent.parent.name == "pids" else {"memory.limit_in_bytes": memory}
        with contextlib.suppress(OSError):
            group.mkdir(parents=True, exist_ok=True)
            for name, value in values.items():
                if _written_cgroup_values.get((group, name)) != value:
                    (group / name).write_text(value)
                    _written_cgroup_values[(group, name)] = value


_written_cgroup_values: dict[tuple[Path, str], str] = {}


def _join_cgroups(uid: int) -> None:
    for group in _slot_cgroups(uid):
        with contextlib.suppress(OSError):
            (group / "cgroup.procs").write_text(str(os.getpid()))


def _end_slot(uid: int | None) -> None:
    if uid is not None:
        _kill_uid(uid)


def _kill_uid(uid: int) -> None:
    """Kill every process of the slot's uid: the pid namespace already ended them, this is the
    check that nothing escaped it."""
    for pid in _pids_of(uid):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)


def _pids_of(uid: int) -> list[int]:
    root = _cgroup_root("pids")
    if root is not None:
        procs = root / "rtlwb" / f"slot-{uid}" / "cgroup.procs"
        with contextlib.suppress(OSError):
            return [int(line) for line in procs.read_text().split()]
        return []
    return [pid for pid in _all_pids() if _uid_of(pid) == uid]


def _processes_of(uid: int) -> int:
    return sum(1 for pid in _all_pids() if _uid_of(pid) == uid)


def _all_pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def _uid_of(pid: int) -> int | None:
    try:
        return os.stat(f"/proc/{pid}").st_uid
    except OSError:
        return None


# --- long-lived sandboxed servers -----------------------------------------------------------

_servers: dict[int, contextlib.ExitStack] = {}
_servers_lock = threading.Lock()


def start_limited(argv: list[str], cwd: Path, env: dict[str, str], limits: Limits, *,
                  readable: Sequence[Path] = (), writable: Sequence[Path] | None = None) -> subprocess.Popen:
    """A long-lived child (a compile server) in the sandbox, spoken to through its stdin and
    stdout; it holds a job slot until :func:`stop_limited`. ``limits.wall_s`` is left to the
    caller, who times each request."""
    writable = _checked_writable((cwd,) if writable is None else tuple(writable))
    if isolation() is Isolation.NONE:
        return subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, start_new_session=True,
                                preexec_fn=functools.partial(_enter_limits, limits, None))
    stack = contextlib.ExitStack()
    uid = stack.enter_context(_slot())
    stack.callback(_end_slot, uid)
    try:
        readable = (cwd, *readable)
        _open_up(readable, writable, uid)
        if uid is not None:
            _set_cgroups(uid, limits)
        status_read, status_write = os.pipe()
        stack.callback(os.close, status_read)
        command = _bwrap_argv(argv, cwd, readable, writable, uid, status_write)
        child = subprocess.Popen(command, cwd="/", env=_sandbox_env(env), stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True,
                                 pass_fds=(status_write,), preexec_fn=functools.partial(_enter_limits, limits, uid))
        os.close(status_write)
    except BaseException:
        stack.close()
        raise
    with _servers_lock:
        _servers[child.pid] = stack
    return child


def stop_limited(child: subprocess.Popen) -> None:
    _kill_group(child)
    with _servers_lock:
        stack = _servers.pop(child.pid, None)
    if stack is not None:
        stack.close()


def _kill_group(child: subprocess.Popen) -> None:
    """Kill the child's whole session (bwrap, and with it the sandbox's pid namespace), then reap it."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signal.SIGKILL)
    child.wait()


# --- Python work on hostile text ------------------------------------------------------------

# Python work on hostile text (parsing with pyslang, a C++ library that can crash on pathological
# input) runs in a long-lived worker process: as isolated as a child process, without paying for a
# fresh interpreter each time. A worker that crashes or overruns is killed and replaced. (A plain
# subprocess rather than multiprocessing, which would re-run the caller's __main__ script.) It runs
# our own code on the text, never the text as code; its environment holds no secrets.
@dataclass(frozen=True)
class IsolatedCall:
    value: Any = None
    failure: str | None = None  # why no value came back: a crash, the time limit, an exception


class _Worker:
    def __init__(self, limits: Limits) -> None:
        package_parent = str(Path(__file__).resolve().parent.parent)
        env = clean_env({"PYTHONPATH": os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")])),
                         "HOME": os.environ.get("HOME", "/")})
        self.process = subprocess.Popen(
            [sys.executable, "-m", "workbench.hdl._worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env=env, start_new_session=True,
            preexec_fn=functools.partial(_worker_limits, limits))
        assert self.process.stdin is not None and self.process.stdout is not None  # the pipes asked for
        self._requests, self._replies = self.process.stdin, self.process.stdout

    def call(self, function: Callable, args: tuple, wall_s: float) -> IsolatedCall:
        request = pickle.dumps((function, args))
        try:
            self._requests.write(struct.pack("!Q", len(request)) + request)
            self._requests.flush()
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
            ready, _, _ = select.select([self._replies], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise TimeoutError
            chunk = os.read(self._replies.fileno(), size - len(data))
            if not chunk:
                raise EOFError
            data += chunk
        return data

    def stop(self) -> None:
        _kill_group(self.process)


def _worker_limits(limits: Limits) -> None:
    memory = limits.memory_mb * 1024 * 1024
    if memory:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


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


# --- logs -----------------------------------------------------------------------------------

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
