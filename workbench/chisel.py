"""Chisel candidates: compile and elaborate them to SystemVerilog, then wrap them in the task's
interface so the same cocotb testbenches score Chisel and Verilog answers.

The toolchain (Chisel 6.7.0, Scala 2.13.15, firtool 1.62.1) lives in ``.venv/chisel``, put there by
``sim/chisel/setup.sh``. Compiling runs in a long-lived JVM, the compile server
(``sim/chisel/ChiselServer.scala``), started in the sandbox like every candidate process: its own
network namespace, no inherited secrets, memory and time limits. A warm server scores a candidate
in seconds where a cold JVM needs many; ``RTLWB_CHISEL_WARM=0`` gives every candidate a JVM of its
own (slower, and no candidate ever shares a JVM with another).
"""

from __future__ import annotations

import os
import re
import select
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from workbench.extract import ExtractionError
from workbench.interface import DesignOutline
from workbench.result import Status
from workbench.sandbox import Limits, clean_env, start_limited, stop_limited
from workbench.suite import PROJECT_ROOT
from workbench.task import Task

CHISEL_VERSION = "6.7.0"
SCALA_VERSION = "2.13.15"
FIRTOOL_VERSION = "1.62.1"

# The JVM reserves far more address space than it uses: the limit is generous, the heap is not.
_JVM_LIMITS = Limits(wall_s=3600, memory_mb=16384, output_mb=64)
_JVM_OPTIONS = ("-Xss8m", "-Xmx1536m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=128m")
_FENCE = re.compile(r"```[ \t]*(scala|chisel)?[^\n]*\n(.*?)(?:```|\Z)", re.DOTALL | re.IGNORECASE)


class ChiselUnavailable(RuntimeError):
    pass


@dataclass(frozen=True)
class ChiselBuild:
    verdict: str  # ok | scala | elaboration | firtool | internal | timeout
    log: str
    verilog: str | None = None

    def failure(self, limit_s: float) -> tuple[Status, str]:
        """The verdict and message for a build that did not succeed."""
        if self.verdict == "timeout":
            return Status.TIMEOUT, f"Chisel compilation did not finish within {limit_s:g} s"
        status, what = _FAILURES.get(self.verdict, _FAILURES["internal"])
        return status, f"{what}: {self.first_error}"

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


_FAILURES = {
    "scala": (Status.FAIL_COMPILE, "Scala compile error"),
    "elaboration": (Status.FAIL_COMPILE, "Chisel elaboration error"),
    "firtool": (Status.FAIL_COMPILE, "firtool error"),
    "internal": (Status.INFRA_ERROR, "the Chisel compile server failed"),
}
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
    if not (home / ".ready").is_file():
        return f"the Chisel toolchain is not set up in {home}: run `make setup` (sim/chisel/setup.sh)"
    return None


def extract_scala(answer: str) -> str:
    """The Scala source in a model answer: its scala/chisel fenced blocks, or the bare text."""
    blocks = [match.group(2) for match in _FENCE.finditer(answer) if (match.group(1) or "").lower() in ("scala", "chisel")]
    if not blocks:
        blocks = [match.group(2) for match in _FENCE.finditer(answer)]
    source = "\n\n".join(blocks) if blocks else answer
    if not re.search(r"\bclass\s+\w+", source):
        raise ExtractionError("no Scala class found in the answer (expected a ```scala block with the Chisel module)")
    return source


# --- the compile server --------------------------------------------------------------------

class _Server:
    def __init__(self) -> None:
        home = toolchain_home()
        jars = sorted(str(p) for p in (home / "lib").glob("*.jar"))
        plugin = next(j for j in jars if Path(j).name.startswith("chisel-plugin_"))
        classpath = os.pathsep.join(j for j in jars if j != plugin)
        env = clean_env({"CHISEL_FIRTOOL_PATH": str(home / "firtool" / "bin"), "PATH": os.environ.get("PATH", "")})
        argv = ["java", *_JVM_OPTIONS, "-cp", os.pathsep.join([str(home / "server"), classpath]),
                "rtlworkbench.ChiselServer", classpath, plugin]
        self.process = start_limited(argv, cwd=Path("/"), env=env, limits=_JVM_LIMITS)

    def run(self, folder: Path, top_class: str, timeout_s: float) -> str:
        """The server's verdict for the job in ``folder``; "timeout" (and the server is killed)."""
        self.process.stdin.write(f"{folder}\t{top_class}\n".encode())
        self.process.stdin.flush()
        deadline = time.monotonic() + timeout_s
        line = b""
        while not line.endswith(b"\n"):
            ready, _, _ = select.select([self.process.stdout], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                self.stop()
                return "timeout"
            chunk = os.read(self.process.stdout.fileno(), 4096)
            if not chunk:
                return "internal"
            line += chunk
        return line.decode().strip().partition("\t")[2] or "internal"

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        stop_limited(self.process)


class _ServerPool:
    """Idle warm servers; one job per server at a time, a new server when all are busy."""

    def __init__(self) -> None:
        self._idle: list[_Server] = []
        self._lock = threading.Lock()

    def acquire(self) -> _Server:
        with self._lock:
            while self._idle:
                server = self._idle.pop()
                if server.alive:
                    return server
        return _Server()

    def release(self, server: _Server) -> None:
        if not server.alive:
            return
        if os.environ.get("RTLWB_CHISEL_WARM", "1") == "0":
            server.stop()
            return
        with self._lock:
            self._idle.append(server)


_pool = _ServerPool()


def compile_chisel(source: str, top_class: str, folder: Path, timeout_s: float) -> ChiselBuild:
    """Compile and elaborate ``source`` (top ``top_class``) in ``folder``; never raises for the
    candidate's faults, only :class:`ChiselUnavailable` when the toolchain is missing."""
    reason = missing_reason()
    if reason:
        raise ChiselUnavailable(reason)
    (folder / "src").mkdir(parents=True, exist_ok=True)
    (folder / "src" / "Design.scala").write_text(source)
    server = _pool.acquire()
    try:
        verdict = server.run(folder, top_class, timeout_s)
    finally:
        _pool.release(server)
    log_path = folder / "chisel.log"
    log = log_path.read_text(errors="replace")[-20000:] if log_path.is_file() else ""
    log = _SOURCE_PATH.sub(r"\1", log)  # messages read `Design.scala:12`, wherever the job ran
    design = folder / "design.sv"
    return ChiselBuild(verdict, log, design.read_text() if verdict == "ok" and design.is_file() else None)


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
