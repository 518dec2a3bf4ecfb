"""Chisel candidates: compile and elaborate them to SystemVerilog, then wrap them in the task's
interface so the same cocotb testbenches score Chisel and Verilog answers.

The toolchain (Chisel 6.7.0, Scala 2.13.15, firtool 1.62.1) lives in ``.venv/chisel``, put there by
``sim/chisel/setup.sh``. A candidate is compiled by a compile server of its own
(``sim/chisel/ChiselServer.scala``: scalac, Chisel elaboration and firtool in one JVM) started in
the sandbox with the candidate's job folder as its only writable place, and stopped as soon as its
one job is done: no candidate ever shares a JVM with another, and no thread or process a candidate
starts outlives its compile (the sandbox's pid namespace ends with the server).

To keep the latency down, each process keeps one spare server started ahead
(``RTLWB_CHISEL_WARM=1``, the default): started when a candidate takes the previous spare, it
warms up on a design of the workbench's own (class loading, JIT) while that candidate compiles and
is simulated, so the next candidate finds a warm JVM of its own. The warm-up costs the CPU a cold
compile would: on an idle core it is free, on a saturated machine it is not.
``RTLWB_CHISEL_WARM=0`` starts each candidate's server when the candidate comes, cold (no idle JVM
held). A class-data-sharing archive made by the set-up (``server.jsa``) shortens every start.

Whose fault a failure is: everything the server says or does once the candidate's code is in it
belongs to the candidate (a server that dies, hangs or talks nonsense mid-request is the answer's
crash or timeout). Only the harness's own state makes an infrastructure error: java or the
toolchain missing, the disk full, or a server that did not complete its readiness handshake (a line
it prints before reading any request; for a spare, after compiling and elaborating the warm-up
design: a self-test of the toolchain in the sandbox) before any candidate code was sent.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import re
import select
import shutil
import stat
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from workbench.hdl.interface import DesignOutline
from workbench.sandbox import (
    Isolation,
    Limits,
    clean_env,
    disk_full,
    isolation,
    killing_signal,
    start_limited,
    stop_limited,
)
from workbench.task.format import Task
from workbench.task.suite import PROJECT_ROOT

CHISEL_VERSION = "6.7.0"
SCALA_VERSION = "2.13.15"
FIRTOOL_VERSION = "1.62.1"

# The JVM reserves far more address space than it uses: the limit is generous, the heap is not.
_JVM_LIMITS = Limits(wall_s=3600, memory_mb=16384, output_mb=64)
_JVM_OPTIONS = ("-Xss8m", "-Xmx1536m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=128m",
                "-XX:-UsePerfData", "-Xshare:auto", "-Xlog:disable", "-Xlog:all=warning:stderr")
_READY_S = 180.0  # a server's start (and a spare's warm-up), before any candidate code: the machine's time
_REPLY_BYTES = 1 << 20  # more protocol output than this without the reply: the answer is writing to it
_LOG_CHARS = 20000
_SPARE_NICENESS = 15


class ChiselUnavailable(RuntimeError):
    pass


@dataclass(frozen=True)
class ChiselBuild:
    # ok | scala | elaboration | firtool: the server's verdict; internal: the compiler failed on the
    # answer; crash: the server died mid-request; timeout; infra: the harness's own failure
    verdict: str
    log: str
    verilog: str | None = None
    detail: str = ""  # the harness's own words on what happened (how the server died, why it did not start)

    @property
    def infra_failure(self) -> bool:
        return self.verdict == "infra"

    def failure_message(self, limit_s: float) -> str:
        """What went wrong in a build that did not succeed (the scorer maps ``verdict`` to a status)."""
        if self.verdict == "timeout":
            return f"Chisel compilation did not finish within {limit_s:g} s"
        what = _FAILURES.get(self.verdict, _FAILURES["crash"])
        return f"{what}: {self.detail or self.first_error}"

    @property
    def first_error(self) -> str:
        """The first error in the tools' own words: scalac's (with its found/required lines),
        firtool's (which point into the Scala source), or Chisel's exception."""
        lines = [line for line in self.log.splitlines() if line.strip()]
        for number, line in enumerate(lines):
            if _SOURCE_ERROR.search(line):
                details = [d.strip() for d in lines[number + 1 : number + 3] if _SCALAC_DETAIL.match(d)]
                return " ".join([line.strip(), *details])
        for line in lines:
            if "error" in line.lower():
                return _SERVER_PREFIX.sub("", line.strip())
        return lines[0].strip() if lines else self.verdict


# Only "infra" is the harness's: it comes from the harness's own state, never from the server's words.
_FAILURES = {
    "scala": "Scala compile error",
    "elaboration": "Chisel elaboration error",
    "firtool": "firtool error",
    "internal": "the Chisel compiler failed on the answer",
    "crash": "the compile server died while elaborating the answer",
    "infra": "Chisel infrastructure failure",
}
_SERVER_VERDICTS = frozenset({"ok", "scala", "elaboration", "firtool", "internal"})
_SOURCE_ERROR = re.compile(r"Design\.scala:\d+(:\d+)?: error")
_SCALAC_DETAIL = re.compile(r"^\s*(found|required)\s*:")
_SERVER_PREFIX = re.compile(r"^(elaboration|firtool|internal) error: ")
_SOURCE_PATH = re.compile(r"[^\s\"']*src/(Design\.scala)")


def toolchain_home() -> Path:
    return Path(os.environ.get("RTLWB_CHISEL_HOME", PROJECT_ROOT / ".venv" / "chisel"))


def missing_reason() -> str | None:
    """Why Chisel cannot run here, or None."""
    home = toolchain_home()
    if shutil.which("java") is None:
        return "java is not installed (Debian: apt-get install default-jdk-headless; or `make setup`)"
    stamp = home / ".ready"
    if not stamp.is_file():
        return f"the Chisel toolchain is not set up in {home}: run `make setup` (sim/chisel/setup.sh)"
    sources = PROJECT_ROOT / "sim" / "chisel"
    if any(path.stat().st_mtime > stamp.stat().st_mtime for path in sources.glob("*") if path.is_file()):
        return f"the Chisel toolchain in {home} is older than sim/chisel: run `make setup` (sim/chisel/setup.sh)"
    return None


def warm_spare() -> bool:
    """Whether a spare compile server is kept started ahead (``RTLWB_CHISEL_WARM``, default 1)."""
    return os.environ.get("RTLWB_CHISEL_WARM", "1") != "0"


# --- one compile server per candidate ---------------------------------------------------------

class _Server:
    """A compile server in the sandbox for one candidate: its job folder, made fresh for it, is the
    only place it can write. ``warm_up``: it compiles the workbench's own design before it says ready."""

    def __init__(self, warm_up: bool) -> None:
        home = toolchain_home().resolve()
        jars = sorted(str(p) for p in (home / "lib").glob("*.jar"))
        plugin = next(j for j in jars if Path(j).name.startswith("chisel-plugin_"))
        classpath = os.pathsep.join(j for j in jars if j != plugin)
        archive = home / "server" / "server.jsa"  # class data sharing, made by the set-up
        options = [*_JVM_OPTIONS, *([f"-XX:SharedArchiveFile={archive}"] if archive.is_file() else [])]
        argv = ["java", *options, "-cp", os.pathsep.join([str(home / "server" / "server.jar"), classpath]),
                "rtlworkbench.ChiselServer", classpath, plugin, *(["--warm-up"] if warm_up else [])]
        # A spare warms up on idle CPU only (see lower_priority), and gets the normal priority back
        # when a candidate takes it: that needs root, and the sandbox's own uid and session.
        self._niced = warm_up and os.geteuid() == 0 and isolation() is Isolation.BUBBLEWRAP
        if self._niced:
            argv = ["nice", "-n", str(_SPARE_NICENESS), *argv]
        env = clean_env({"CHISEL_FIRTOOL_PATH": str(home / "firtool" / "bin"), "PATH": os.environ.get("PATH", "")})
        self.owner = os.getpid()
        self.started = time.monotonic()
        self.folder = Path(tempfile.mkdtemp(prefix=f"{self.owner}-", dir=_jobs_root())).resolve()
        try:
            self.process = start_limited(argv, cwd=self.folder, env=env, limits=_JVM_LIMITS, readable=(home,))
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise
        assert self.process.stdin is not None and self.process.stdout is not None  # start_limited's pipes
        self._requests, self._replies = self.process.stdin, self.process.stdout
        self._pending = b""
        self._ready: str | None = None  # the handshake's answer once read
        self._namespace: tuple[int, str] | None = None  # the sandbox's pid 1 and its pid namespace, once ready
        self._stopped = False
        self._command: int | None = None  # the sandboxed command's pid (a spare's, to set its priority)
        self.self_test_failed = False  # the toolchain failed on the workbench's own design: never a candidate's fault

    def lower_priority(self) -> None:
        """The spare's session at a low priority too: with the kernel's autogroups (one per session,
        and the sandbox starts one) a thread's nice value only ranks it within its own session."""
        if not self._niced:
            return
        deadline = time.monotonic() + 2.0
        while self._command is None and time.monotonic() < deadline and self.process.poll() is None:
            self._command = _sandboxed_command(self.process.pid)
            if self._command is None:
                time.sleep(0.01)
        _set_autogroup_nice(self._command, _SPARE_NICENESS)

    def promote(self) -> None:
        """Normal priority for every thread of the server (a spare was started at a low one)."""
        if not self._niced:
            return
        self._niced = False
        with contextlib.suppress(OSError):
            uid = os.stat(self.folder).st_uid  # the sandbox's uid: it owns its writable folder
            if uid != 0 and uid != os.geteuid():
                os.setpriority(os.PRIO_USER, uid, 0)
        if self._command is not None and self._namespace is not None:
            with contextlib.suppress(OSError):  # still the server's process, not a new one with its pid
                if os.readlink(f"/proc/{self._command}/ns/pid") == self._namespace[1]:
                    _set_autogroup_nice(self._command, 0)

    def wait_ready(self, timeout_s: float) -> str | None:
        """None once the server has said it is ready, else why it did not (no candidate code has
        been sent: the harness's problem)."""
        if self._ready is None:
            kind, text = self._read_line("ready\t", time.monotonic() + timeout_s)
            self._handshake(kind, text, timeout_s)
        return self._ready or None

    def answered(self) -> bool:
        """Whether the handshake has come (or failed for good), without waiting for it."""
        if self._ready is None:
            kind, text = self._read_line("ready\t", time.monotonic())
            if kind != "timeout":
                self._handshake(kind, text, 0)
        return self._ready is not None

    def _handshake(self, kind: str, text: str, timeout_s: float) -> None:
        if kind == "line":
            verdict, _, detail = text.partition("\t")
            self.self_test_failed = verdict != "ok"
            self._ready = "" if verdict == "ok" else f"its self-test failed ({verdict}): {detail or 'no message'}"
            self._namespace = _namespace_init(self.process.pid)
        elif kind == "eof":
            self._ready = f"it exited before its readiness handshake ({self._exit()})"
        elif kind == "timeout":
            self._ready = f"it did not complete its readiness handshake within {timeout_s:g} s"
        else:
            self._ready = "it wrote garbage instead of its readiness handshake"

    def run(self, top_class: str, timeout_s: float) -> tuple[str, str]:
        """(verdict, detail) for the candidate whose source is in ``folder/src``; verdict "lost" when
        the server was already gone before the request (the candidate never ran)."""
        if self.process.poll() is not None:
            return "lost", self._exit()
        try:
            self._requests.write(f"{self.folder}\t{top_class}\n".encode())
            self._requests.flush()
        except OSError:  # BrokenPipeError: it died before reading the request
            return "lost", self._exit()
        kind, text = self._read_line("done\t", time.monotonic() + timeout_s)
        if kind == "line":
            return (text, "") if text in _SERVER_VERDICTS else ("internal", "the server's reply was garbled")
        if kind == "timeout":
            return "timeout", ""
        if kind == "eof":
            return "crash", self._exit()
        return "internal", "the answer flooded the compile server's output"

    def _read_line(self, prefix: str, deadline: float) -> tuple[str, str]:
        """("line", rest of the first line starting with ``prefix``), or ("eof" | "timeout" | "flood", "")."""
        wanted = prefix.encode()
        received = 0
        while True:
            while b"\n" in self._pending:
                line, _, self._pending = self._pending.partition(b"\n")
                if line.startswith(wanted):
                    return "line", line[len(wanted):].decode(errors="replace").strip()
            if received > _REPLY_BYTES or len(self._pending) > _REPLY_BYTES:
                return "flood", ""
            ready, _, _ = select.select([self._replies], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                return "timeout", ""
            chunk = os.read(self._replies.fileno(), 65536)
            if not chunk:
                return "eof", ""
            received += len(chunk)
            self._pending += chunk

    def _exit(self) -> str:
        """How the server ended, in the harness's words."""
        try:
            code = self.process.wait(timeout=5)
        except Exception:  # noqa: BLE001 (still running with its output closed: stop() ends it)
            return "it closed its output"
        name = killing_signal(code)
        return f"killed by {name}" if name else f"exit status {code}"

    def stop(self) -> None:
        """End the server and everything started in its sandbox; the job folder stays for reading."""
        if os.getpid() != self.owner or self._stopped:  # a forked child never stops its parent's servers
            return
        self._stopped = True  # once: a second kill could hit a new process that got the same pid
        init = _pidfd(*self._namespace) if self._namespace else None  # opened before the kill, closed at once
        try:
            stop_limited(self.process)
            if init is not None:
                # The kernel ends every process of a pid namespace before its pid 1 exits: then
                # nothing of the candidate is left, not even a zombie.
                select.select([init], [], [], 10.0)
        finally:
            if init is not None:
                os.close(init)

    def discard(self) -> None:
        self.stop()
        if os.getpid() == self.owner:
            shutil.rmtree(self.folder, ignore_errors=True)


def _namespace_init(pid: int) -> tuple[int, str] | None:
    """The sandbox's pid 1 (bwrap's child) and its pid namespace, when there is one (not without
    the sandbox)."""
    with contextlib.suppress(OSError, ValueError):
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        namespace = os.readlink(f"/proc/{children[0]}/ns/pid") if len(children) == 1 else ""
        if namespace and namespace != os.readlink("/proc/self/ns/pid"):
            return int(children[0]), namespace
    return None


@functools.cache
def _jobs_root() -> Path:
    """Where the job folders are made: ``<pid>-*`` each, so that the first server of a process can
    remove what processes that ended without cleaning up (killed, ``os._exit``) left behind."""
    root = Path(tempfile.gettempdir()) / f"rtlwb-chisel-{os.geteuid()}"
    root.mkdir(mode=0o700, exist_ok=True)
    for folder in root.iterdir():
        owner = folder.name.partition("-")[0]
        if owner.isdigit() and not Path(f"/proc/{owner}").exists():
            shutil.rmtree(folder, ignore_errors=True)
    return root


def _sandboxed_command(pid: int) -> int | None:
    """The pid of the command bwrap ``pid`` runs (the child of the sandbox's pid 1), once it is in
    a session of the sandbox's own (bwrap's --new-session: from then on its autogroup is its own)."""
    with contextlib.suppress(OSError, ValueError, IndexError):
        init = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()[0]
        command = int(Path(f"/proc/{init}/task/{init}/children").read_text().split()[0])
        if _session(command) not in (None, _session(pid)):
            return command
    return None


def _session(pid: int) -> int | None:
    with contextlib.suppress(OSError, ValueError, IndexError):
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[3])
    return None


def _set_autogroup_nice(pid: int | None, niceness: int) -> None:
    if pid is not None:
        with contextlib.suppress(OSError):  # no autogroups in this kernel: the nice values suffice
            Path(f"/proc/{pid}/autogroup").write_text(str(niceness))


def _pidfd(pid: int, namespace: str) -> int | None:
    """A pidfd of ``pid`` if it is still the process in ``namespace`` (not a new one with its number)."""
    try:
        fd = os.pidfd_open(pid)
    except OSError:
        return None
    try:
        if os.readlink(f"/proc/{pid}/ns/pid") == namespace:
            return fd
    except OSError:
        pass
    os.close(fd)
    return None


class _Spares:
    """At most one spare server per process, started ahead by a helper thread that lives as long as
    the process (the sandbox dies with the thread that started it)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._spare: _Server | None = None
        self._wanted = threading.Event()
        self._thread: threading.Thread | None = None
        self._closed = False

    def take(self) -> _Server | None:
        """The spare once it has answered its handshake; one still warming up stays the spare (the
        candidate gets a cold server sooner than the rest of the warm-up would take)."""
        with self._lock:
            spare = self._spare
            if spare is None:
                return None
            if not spare.answered():
                if time.monotonic() - spare.started < _READY_S:
                    return None
                self._spare = None  # hung in its warm-up: replaced (and the candidate starts its own)
                spare.discard()
                return None
            self._spare = None
        return spare

    def refill(self) -> None:
        if not warm_spare():
            return
        with self._lock:
            if self._closed:
                return
            if self._thread is None:
                self._thread = threading.Thread(target=self._keep, name="chisel-spare", daemon=True)
                self._thread.start()
        self._wanted.set()

    def _keep(self) -> None:
        while True:
            self._wanted.wait()
            self._wanted.clear()
            with self._lock:
                if self._spare is not None or self._closed:
                    continue
            try:
                started = _Server(warm_up=True)
                started.lower_priority()
            except Exception:  # noqa: BLE001 (the next candidate starts one itself and reports why not)
                continue
            server: _Server | None = started
            with self._lock:
                if self._spare is None and not self._closed:
                    self._spare, server = server, None
            if server is not None:
                server.discard()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            spare, self._spare = self._spare, None
        if spare is not None:
            spare.discard()


_spares = _Spares()


def _after_fork() -> None:
    global _spares  # the parent's spare and helper thread are not the child's
    _spares = _Spares()


os.register_at_fork(after_in_child=_after_fork)
atexit.register(lambda: _spares.close())


def _ready_server(fresh: bool) -> tuple[_Server | None, str, bool]:
    """(a server that passed its handshake, "", _) — the spare if one is ready and not ``fresh`` —
    or (None, why not, whether a fresh server may be tried: not when the toolchain failed its
    self-test, which a server without one would launder into the candidate's failure)."""
    server = None if fresh else _spares.take()
    if server is not None:
        server.promote()
    else:
        try:
            server = _Server(warm_up=False)
        except (OSError, StopIteration) as error:  # the toolchain's jars or the sandbox's tools are broken
            return None, f"{type(error).__name__}: {error}", False
    problem = server.wait_ready(_READY_S)
    if problem is None:
        return server, "", True
    server.discard()
    return None, problem, not server.self_test_failed


def compile_chisel(source: str, top_class: str, folder: Path, timeout_s: float) -> ChiselBuild:
    """Compile and elaborate ``source`` (top ``top_class``) in a server of its own; the source, the
    log and the design come back to ``folder``. Never raises for the candidate's faults, only
    :class:`ChiselUnavailable` when the toolchain is missing (and the sandbox's own exceptions)."""
    reason = missing_reason()
    if reason:
        raise ChiselUnavailable(reason)
    (folder / "src").mkdir(parents=True, exist_ok=True)
    (folder / "src" / "Design.scala").write_text(source)
    try:
        problem = ""
        for attempt in range(2):  # a server that fails before the request is the harness's: once more, fresh
            server, problem, retry = _ready_server(fresh=attempt > 0)
            _spares.refill()  # the next spare warms up while this candidate compiles and is simulated
            if server is None:
                if retry:
                    continue
                break
            try:
                (server.folder / "src").mkdir()
                (server.folder / "src" / "Design.scala").write_text(source)
                verdict, detail = server.run(top_class, timeout_s)
            finally:
                server.stop()  # every thread and process of the candidate ends here
            if verdict != "lost":
                break
            problem = f"it stopped before the request ({detail})"
            server.discard()
            server = None
        if server is None:
            return _finish(folder, "infra", f"the compile server did not start: {problem}")
        try:
            log = _read_regular(server.folder / "chisel.log", _LOG_CHARS) or ""
            log = _SOURCE_PATH.sub(r"\1", log.replace(f"{server.folder}/", ""))  # `Design.scala:12`
            verilog = _read_regular(server.folder / "design.sv") if verdict == "ok" else None
        finally:
            server.discard()
        if verdict == "ok" and verilog is None:
            verdict, detail = "internal", "the server reported success but wrote no design.sv"
        if verdict not in ("ok", "timeout") and disk_full(folder):
            return _finish(folder, "infra", "the disk is full", log)
        return _finish(folder, verdict, detail, log, verilog)
    finally:
        _spares.refill()


def _finish(folder: Path, verdict: str, detail: str, log: str = "", verilog: str | None = None) -> ChiselBuild:
    """The build, its log and design written into the caller's folder."""
    if detail:
        log = f"{log.rstrip()}\n[workbench] {detail}\n".lstrip()
    (folder / "chisel.log").write_text(log)
    if verilog is not None:
        (folder / "design.sv").write_text(verilog)
    return ChiselBuild(verdict, log, verilog, detail)


def _read_regular(path: Path, last_chars: int | None = None) -> str | None:
    """A file the candidate could have replaced: read only if it is a regular file (no symlink,
    fifo or device), the last ``last_chars`` characters if given."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None
        if last_chars is not None:
            handle.seek(max(0, info.st_size - last_chars))
        return handle.read(_JVM_LIMITS.output_mb * 1024 * 1024).decode("utf-8", errors="replace")



# --- the wrapper -------------------------------------------------------------------------

class InterfaceMismatch(ValueError):
    pass


def wrap(task: Task, verilog: str, outline: DesignOutline, chisel_top: str) -> str:
    """The Chisel output with a wrapper module named like the task's top that maps the task's
    ports onto Chisel's (``clock``, ``reset``, ``io_<name>``). Raises :class:`InterfaceMismatch`."""
    config = task.config
    inner = chisel_top if chisel_top != config.top else f"{chisel_top}_chisel"
    if inner != chisel_top:
        verilog = re.sub(rf"\bmodule\s+{re.escape(chisel_top)}\b", f"module {inner}", verilog, count=1)
    found = {port.name: port for port in outline.ports}
    connections, problems = [], []
    if "clock" in found:
        clock = config.clock.name if config.clock else "1'b0"
        connections.append(f".clock({clock})")
    if "reset" in found:
        connections.append(f".reset({_reset_expression(task)})")
    for port in config.ports:
        if (config.clock and port.name == config.clock.name) or (config.reset and port.name == config.reset.name):
            continue
        chisel_name = f"io_{port.name}"
        actual = found.get(chisel_name)
        if actual is None:
            problems.append(f"the Chisel module has no port io.{port.name} ({port.direction}, {port.width} bits)")
        elif actual.direction != port.direction:
            problems.append(f"io.{port.name} is an {actual.direction}, expected an {port.direction}")
        elif actual.width != port.width:
            problems.append(f"io.{port.name} is {actual.width} bits wide, expected {port.width}")
        connections.append(f".{chisel_name}({port.name})")
    expected = {f"io_{p.name}" for p in config.ports} | {"clock", "reset"}
    problems += [f"unexpected port {name.replace('io_', 'io.', 1)}" for name in found if name not in expected]
    if problems:
        raise InterfaceMismatch("; ".join(problems))
    return verilog + "\n" + _wrapper_text(task, inner, connections)


def _reset_expression(task: Task) -> str:
    reset = task.config.reset
    if reset is None:
        return "1'b0"
    return f"!{reset.name}" if reset.active_low else reset.name


def _wrapper_text(task: Task, inner: str, connections: list[str]) -> str:
    config = task.config
    parameters = ", ".join(f"parameter int {p.name} = {p.default}" for p in config.parameters)
    ports = ",\n".join(f"    {p.direction} logic {'signed ' if p.signed else ''}"
                       f"{f'[{p.width - 1}:0] ' if p.width > 1 else ''}{p.name}" for p in config.ports)
    header = f"module {config.top}{f' #({parameters})' if parameters else ''} (\n{ports}\n);"
    body = ",\n".join(f"        {c}" for c in connections)
    return (f"// Wrapper generated by the workbench: the task's interface onto Chisel's port names.\n"
            f"{header}\n    {inner} chisel_top (\n{body}\n    );\nendmodule\n")
