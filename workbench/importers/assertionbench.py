"""AssertionBench (a local copy of its ``verified_assertions/`` tree) as a suite of assertion tasks,
its LLM outputs as replay completions, and the formal golden self-test shared by assertion suites.

Layout read: ``verified_assertions/<category>/<module>/`` with the design (``*.v``, the files its
``FPV_<top>.tcl`` analyzes, their `` `include`` s inlined), ``bindings.sva`` (``bind <top> ...``) and
``default_ass.txt.tar.gz`` (one ``assert property(@(posedge clk) ...);`` per line, signals written
``<module>_::sig``). Each module becomes one task: ``design.sv`` and the golden ``properties.sva``,
rewritten as labelled assertions clocked by the tcl's clock and disabled by its reset.

Choices (each one documented in the suite manifest and the task spec):
- The golden sets are huge (2.2 million unique assertions over 111 modules, up to 390 000 for one):
  a task keeps the first ``max_reference`` unique ones, in file order.
- Jasper's ``reset rstn`` names the reset, not its level: the level comes from the design
  (``negedge rstn`` in a sensitivity list), else from the name (``rstn``, ``rst_n``, ``PRESETn``).
- Modules whose properties have no clock signal in the design (Jasper's ``clock -infer`` on a
  combinational design, ``@(posedge DEFAULT_CLOCK)``) are not imported: the open judge clocks its
  monitors with a signal of the design.
"""

from __future__ import annotations

import functools
import json
import re
import tarfile
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import Field

from workbench.formal.judge import elaboration_errors, judge_set
from workbench.formal.sva import SvaSyntaxError, lower_all, parse_assertions, replace_actions
from workbench.hdl.interface import design_signals, outline_design
from workbench.hdl.reset import reset_named
from workbench.importers._importer import ImportRequest, SuiteImporter
from workbench.importers._suite import (
    ImportedTask,
    ImportReport,
    SelfTestProgress,
    Skipped,
    outline_ports,
    write_imported_suite,
)
from workbench.scorer.assertion import score_assertions
from workbench.scorer.result import Status
from workbench.task.errata import Erratum
from workbench.task.format import Clock, Difficulty, NlProperty, Reset, Task, TaskConfig, TaskFormatError, TaskKind
from workbench.task.suite import Suite, load_suite

SUITE_NAME = "assertionbench"
GOLDEN_ARCHIVE = "default_ass.txt.tar.gz"
DEFAULT_MAX_REFERENCE = 64
_PREFIX = re.compile(r"\b[A-Za-z_]\w*_::")  # `<module>_::sig` -> `sig`
_TRUE = re.compile(r"\btrue\b")  # the archives write `##1 true` where the proven property files say `##1 1`
_GOLDEN_LINE = re.compile(r"^\s*assert\s+property\s*\(\s*@\(\s*(posedge|negedge)\s+(\w+)\s*\)\s*(.*)\)\s*;\s*$")
_INCLUDE = re.compile(r'^[ \t]*`include\s+"([^"]+)"[^\n]*$', re.MULTILINE)
_ANALYZE = re.compile(r"^\s*analyze\s+-(?:v2k|sv\d*)\s(.*?)(?=^\s*$|^\s*#|^\s*analyze|\Z)", re.MULTILINE | re.DOTALL)
_TCL_FILE = re.compile(r"\$\{?RTL_PATH\}?/+(\S+)")


@dataclass(frozen=True)
class TclSetup:
    """What an ``FPV_<top>.tcl`` says: the design files, the top, the clock and reset names."""

    path: Path
    files: list[str]
    top: str | None  # None: ``elaborate`` without ``-top``
    clock: str | None  # None: ``clock -infer``
    reset: str | None  # None: ``reset -none``


@dataclass(frozen=True)
class Golden:
    edge: str
    clock: str
    body: str  # the property after its clocking event, signal prefixes removed


@dataclass
class ModuleImport:
    task: ImportedTask | None = None
    skipped: Skipped | None = None
    counts: dict[str, int] = field(default_factory=dict)


# --- reading the suite ------------------------------------------------------------------------

class AssertionBenchImporter(SuiteImporter):
    """Import AssertionBench's verified modules as assertion tasks, then prove every golden assertion
    with the open formal judge (what is not proven becomes an erratum with the judge's evidence)."""

    source_help = "your copy of AssertionBench (the repository or its verified_assertions folder)"

    max_reference: Annotated[int, Field(description="golden assertions kept per module (the first unique ones)")] = (
        DEFAULT_MAX_REFERENCE)

    def import_suite(self, source: Path, request: ImportRequest) -> ImportReport:
        return import_assertionbench(source, request.out, max_reference=self.max_reference,
                                     user_errata=request.user_errata, errata_folder=request.errata_folder,
                                     check=request.check, jobs=request.jobs, progress=request.progress)


def import_assertionbench(root: Path, out: Path | None = None, max_reference: int = DEFAULT_MAX_REFERENCE,
                          formal_depth: int = 20, user_errata: Sequence[Erratum] = (),
                          errata_folder: Path | None = None, check: bool = True, jobs: int = 2,
                          max_located: int | None = 3, progress: SelfTestProgress | None = None) -> ImportReport:
    """Import the AssertionBench copy at ``root`` (its ``verified_assertions`` folder or the folder
    holding it) as the suite ``assertionbench``, self-tested formally unless ``check`` is false."""
    modules = module_folders(root)
    imported = [read_module(folder, max_reference, formal_depth) for folder in modules]
    tasks = _unique_ids([m.task for m in imported if m.task])
    skipped = [m.skipped for m in imported if m.skipped]
    manifest = {"source": "AssertionBench (achieve-lab/assertion_data_for_LLM), verified_assertions/",
                "judge": "the open formal judge (Yosys, SymbiYosys); verdicts differ from JasperGold's",
                "max_reference": max_reference, "formal_depth": formal_depth,
                "golden_total": sum(m.counts.get("golden", 0) for m in imported),
                "golden_unique": sum(m.counts.get("unique", 0) for m in imported),
                "reference_kept": sum(m.counts.get("kept", 0) for m in imported)}
    return write_imported_suite(SUITE_NAME, tasks, out, manifest, skipped, list(user_errata), errata_folder,
                                simulators=["formal"] if check else [], jobs=jobs,
                                self_test=functools.partial(formal_self_test, max_located=max_located),
                                progress=progress)


def module_folders(root: Path) -> list[Path]:
    """Every folder under ``root`` holding a golden archive, in a stable order."""
    base = root / "verified_assertions" if (root / "verified_assertions").is_dir() else root
    if not base.is_dir():
        raise TaskFormatError(f"{root}: not a folder (expected a copy of AssertionBench's verified_assertions)")
    folders = sorted({path.parent for path in base.rglob(GOLDEN_ARCHIVE) if len(path.relative_to(base).parts) <= 3})
    folders += sorted(p for p in base.glob("*/*") if p.is_dir() and list(p.glob("FPV_*.tcl")) and p not in folders)
    if not folders:
        raise TaskFormatError(f"{base}: no module folder (<category>/<module>/ with {GOLDEN_ARCHIVE} and FPV_*.tcl)")
    return sorted(set(folders))


def read_module(folder: Path, max_reference: int, formal_depth: int) -> ModuleImport:
    """One module folder as a task, or the reason it cannot be one."""
    name = folder.name
    try:
        goldens, total = read_goldens(folder / GOLDEN_ARCHIVE)
        bound = bound_top(folder / "bindings.sva")
        tcl = read_tcl(_tcl_file(folder, bound))
        top = tcl.top or bound
        design = design_text(folder, tcl)
    except TaskFormatError as problem:
        return ModuleImport(skipped=Skipped(name, str(problem)))
    outline = outline_design(design, top)
    if outline is None or outline.top is None:
        return ModuleImport(skipped=Skipped(name, f"{folder}: module '{top}' does not parse or is not defined "
                                                  f"(pyslang), in {', '.join(tcl.files)}"))
    ports = outline_ports(outline)
    port_names = {p.name for p in ports}
    clock = tcl.clock or (goldens[0].clock if goldens else None)
    if clock not in port_names:
        return ModuleImport(skipped=Skipped(name, f"{folder}: the properties' clock '{clock}' is not a port of "
                                                  f"'{top}' (combinational design: the open judge needs a clock)"))
    if tcl.reset is not None and tcl.reset not in port_names:
        return ModuleImport(skipped=Skipped(name, f"{folder}: the tcl's reset '{tcl.reset}' is not a port of '{top}'"))
    reset = reset_named(design, tcl.reset) if tcl.reset else None
    kept = goldens[:max_reference]
    config = TaskConfig(id=task_id(name), kind=TaskKind.ASSERTION, category=_category(folder),
                        difficulty=Difficulty.UNRATED,
                        top=top, ports=ports, clock=Clock(name=clock), reset=reset, design="design.sv",
                        reference="properties.sva", formal_depth=formal_depth, source_id=_source_id(folder),
                        tags=["assertionbench"])
    properties = golden_properties(kept, reset)
    summary = f"Write SystemVerilog assertions for the module `{top}` (AssertionBench, {config.category})."
    detailed = (f"Module `{top}` of AssertionBench ({_source_id(folder)}); the design is given in full. "
                f"Clock `{clock}`; " + (f"reset `{reset.name}`, active {'low' if reset.active_low else 'high'}."
                                         if reset else "no reset.") +
                f"\n\nThe golden set here holds {len(kept)} of the suite's {len(goldens)} unique verified "
                f"assertions ({total} lines), clocked and reset-disabled as its JasperGold setup says.")
    task = ImportedTask(config, summary, detailed, {"design.sv": design, "properties.sva": properties})
    return ModuleImport(task=task, counts={"golden": total, "unique": len(goldens), "kept": len(kept)})


def read_goldens(archive: Path) -> tuple[list[Golden], int]:
    """The unique golden assertions of ``archive`` in file order, and how many lines it holds."""
    if not archive.is_file():
        raise TaskFormatError(f"{archive}: missing (the module's golden assertions)")
    try:
        with tarfile.open(archive, "r:*") as tar:
            member = next((m for m in tar.getmembers() if m.isfile()), None)
            stream = tar.extractfile(member) if member is not None else None
            if stream is None:
                raise TaskFormatError(f"{archive}: the archive holds no file")
            text = stream.read().decode("utf-8", errors="replace")
    except (tarfile.TarError, OSError, EOFError) as error:
        raise TaskFormatError(f"{archive}: not a readable tar archive ({error})") from None
    lines = [line for line in text.splitlines() if line.strip()]
    unique: dict[str, Golden] = {}
    for number, line in enumerate(lines, 1):
        match = _GOLDEN_LINE.match(_TRUE.sub("1'b1", _PREFIX.sub("", line)))
        if match is None:
            raise TaskFormatError(f"{archive}: line {number} is not `assert property(@(posedge clk) ...);`")
        golden = Golden(match.group(1), match.group(2), " ".join(match.group(3).split()))
        unique.setdefault(f"{golden.edge} {golden.clock} {golden.body}", golden)
    return list(unique.values()), len(lines)


def bound_top(bindings: Path) -> str | None:
    """The module ``bindings.sva`` binds the properties into."""
    if not bindings.is_file():
        return None
    match = re.search(r"\bbind\s+(\w+)", bindings.read_text(errors="replace"))
    return match.group(1) if match else None


def _tcl_file(folder: Path, bound: str | None) -> Path:
    scripts = sorted(folder.glob("FPV_*.tcl"))
    if not scripts:
        raise TaskFormatError(f"{folder}: no FPV_<top>.tcl (the JasperGold setup naming clock and reset)")
    # A folder may hold a stray script copied from another module: prefer the one naming the bound top.
    for script in scripts:
        if bound and re.search(rf"elaborate\b[^\n]*\b{re.escape(bound)}\b", script.read_text(errors="replace")):
            return script
    return scripts[0]


def read_tcl(path: Path) -> TclSetup:
    text = path.read_text(errors="replace").replace("\\\n", " ")
    files = [name for block in _ANALYZE.findall(text) for name in _TCL_FILE.findall(block)]
    if not files:
        raise TaskFormatError(f"{path}: no `analyze -v2k`/`-sv` design file")
    top = re.search(r"^\s*elaborate\b[^\n]*-top\s+(\w+)", text, re.MULTILINE)
    clock = re.search(r"^\s*clock\s+(\S+)", text, re.MULTILINE)
    reset = re.search(r"^\s*reset\s+(\S+)", text, re.MULTILINE)
    return TclSetup(path=path, files=files, top=top.group(1) if top else None,
                    clock=clock.group(1) if clock and not clock.group(1).startswith("-") else None,
                    reset=reset.group(1).lstrip("!~") if reset and not reset.group(1).startswith("-") else None)


def design_text(folder: Path, tcl: TclSetup) -> str:
    """The tcl's design files in order, each `` `include`` inlined once: the judge reads one file."""
    seen: set[Path] = set()
    return "".join(_inlined(folder, name, seen, tcl.path) for name in tcl.files)


def _inlined(folder: Path, name: str, seen: set[Path], includer: Path) -> str:
    # Includes are searched in the module folder, then in its category folder (shared timescale.v).
    path = next((base / name for base in (folder, folder.parent) if (base / name).is_file()), None)
    if path is None:
        raise TaskFormatError(f"{includer}: names '{name}', which is neither in {folder} nor in {folder.parent}")
    if path in seen:
        return ""
    seen.add(path)
    text = path.read_text(errors="replace")
    return _INCLUDE.sub(lambda m: _inlined(folder, m.group(1), seen, path), text).rstrip("\n") + "\n"


def golden_properties(goldens: list[Golden], reset: Reset | None) -> str:
    disable = f" disable iff ({'!' if reset.active_low else ''}{reset.name})" if reset else ""
    return "".join(f"ab_{index}: assert property (@({g.edge} {g.clock}){disable} {g.body});\n"
                   for index, g in enumerate(goldens))


def task_id(name: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "_", name.lower()).strip("_-") or "module"


def _category(folder: Path) -> str:
    parent = folder.parent.name
    return "uncategorized" if parent == "verified_assertions" else parent


def _source_id(folder: Path) -> str:
    parts = folder.parts
    index = parts.index("verified_assertions") + 1 if "verified_assertions" in parts else len(parts) - 2
    return "/".join(parts[index:])


def _unique_ids(tasks: list[ImportedTask]) -> list[ImportedTask]:
    """Modules of the same name in two categories: both keep their category in the id."""
    counts: dict[str, int] = {}
    for task in tasks:
        counts[task.config.id] = counts.get(task.config.id, 0) + 1
    for task in tasks:
        if counts[task.config.id] > 1:
            task.config = task.config.model_copy(update={"id": task_id(f"{task.config.category}__{task.config.id}")})
    return tasks


# --- LLM outputs as replay completions ---------------------------------------------------------

@dataclass
class Conversion:
    written: int
    unmatched: list[str]  # file names of records whose module is no task of the suite (not imported)


def convert_llm_outputs(path: Path, suite_folder: Path, out: Path) -> Conversion:
    """Write ``final_data_<model>[_5shot].json`` as replay JSONL (``{task_id, sample, completion}``)
    for the imported suite in ``suite_folder``: each ``;``-separated property, deduplicated, becomes a
    labelled assertion clocked and reset-disabled like the task's golden set (the suite's own flow
    clocked them with the golden file's clock). Records of modules that were not imported are
    listed, not written."""
    tasks = _tasks_by_top(suite_folder)
    lines, unmatched = [], []
    for number, record in enumerate(_llm_records(path), 1):
        task = _match_task(record, tasks)
        if task is None:
            unmatched.append(record["file_name"])
            continue
        lines.append(json.dumps({"task_id": task.config.id, "sample": 0,
                                 "completion": llm_assertions(_assertion_text(path, number, record), task.config)}))
    out.write_text("".join(line + "\n" for line in lines))
    return Conversion(len(lines), unmatched)


def _llm_records(path: Path) -> list[dict]:
    try:
        records = json.loads(path.read_text())
    except (OSError, ValueError) as error:
        raise TaskFormatError(f"{path}: not a readable JSON file ({error})") from None
    if not isinstance(records, list) or not all(isinstance(r, dict) and "verilog_design" in r and "file_name" in r
                                                for r in records):
        raise TaskFormatError(f"{path}: expected a list of {{file_name, verilog_design, assertions_<model>}}")
    return records


def _assertion_text(path: Path, number: int, record: dict) -> str:
    keys = [key for key in record if key.startswith("assertions_")]
    if len(keys) != 1 or not isinstance(record[keys[0]], str):
        raise TaskFormatError(f"{path}: record {number} needs exactly one 'assertions_<model>' string")
    return record[keys[0]]


def _tasks_by_top(folder: Path) -> dict[str, list[Task]]:
    tasks: dict[str, list[Task]] = {}
    for task in load_suite(folder).tasks:
        tasks.setdefault(task.config.top, []).append(task)
    return tasks


def _match_task(record: dict, tasks: dict[str, list[Task]]) -> Task | None:
    """The task whose top module the record's design defines; file and module names repeat across
    categories, so among same-named tops the one whose design holds the record's module text wins."""
    design = record["verilog_design"]
    for name in re.findall(r"\bmodule\s+(\w+)", design):
        candidates = tasks.get(name, [])
        if len(candidates) > 1:
            module = _words(design[design.index(f"module {name}"):].split("endmodule")[0])
            candidates = [t for t in candidates if module in _words(t.design_text())] or candidates
        if candidates:
            return candidates[0]
    return None


def _words(text: str) -> str:
    return " ".join(re.sub(r"//[^\n]*", "", text).split())


def llm_assertions(text: str, config: TaskConfig) -> str:
    if config.clock is None:
        raise TaskFormatError(f"task {config.id}: no clock to clock the model's assertions with")
    clock = config.clock.name
    parts = list(dict.fromkeys(" ".join(part.split()) for part in text.split(";")))
    disable = ""
    if config.reset:
        disable = f" disable iff ({'!' if config.reset.active_low else ''}{config.reset.name})"
    return "".join(f"llm_{index}: assert property (@(posedge {clock}){disable} {part});\n"
                   for index, part in enumerate(p for p in parts if p))


# --- the formal golden self-test ---------------------------------------------------------------

TRIVIAL_ANSWER = "stub_true: assert property (@(posedge {clock}) 1'b1);\n"


@dataclass
class GoldenCheck:
    """The judge's findings on one task's golden set."""

    task: str
    assertions: int
    problem: str = ""  # syntax, elaboration, design unreadable: the whole set
    failing: dict[str, str] = field(default_factory=dict)  # label -> verdict and message
    more_failing: bool = False  # localization stopped at MAX_LOCATED
    stub_passes: bool = False

    @property
    def ok(self) -> bool:
        return not self.problem and not self.failing

    def evidence(self) -> str:
        if self.problem:
            return self.problem
        shown = "; ".join(f"{label}: {verdict}" for label, verdict in self.failing.items())
        more = " (and possibly more: localization stops at the first few)" if self.more_failing else ""
        return f"{len(self.failing)} of {self.assertions} golden assertions fail the self-test{more}: {shown}"


def formal_self_test(suite: Suite, simulators: list[str], jobs: int, progress: SelfTestProgress | None = None,
                     max_located: int | None = 3) -> tuple[list[Erratum], int, int]:
    """Judge every task's golden properties (a task with none: its design must read into Yosys);
    anything not proven is a ``reference-fails`` erratum, per task and per nl2sva property (tasks
    whose nl2sva answers are judged by equivalence alone: anything that does not parse, elaborate or
    lower). Also score an empty and a trivially true answer with the formal scorer: the stub
    "fails" only when both do."""
    def checked(task: Task, workdir: Path) -> GoldenCheck:
        check = check_golden(task, workdir / task.config.id, max_located)
        if progress is not None:
            progress.on_checked(task.id, check.ok)
        return check

    if progress is not None:
        progress.on_start(len(suite.tasks))
    with tempfile.TemporaryDirectory(prefix="rtlwb-selftest-") as workdir, ThreadPoolExecutor(max(1, jobs)) as pool:
        checks = list(pool.map(lambda task: checked(task, Path(workdir)), suite.tasks))
    errata = []
    for task, check in zip(suite.tasks, checks, strict=True):
        if not check.ok:
            errata.append(Erratum(task=task.id, problem="reference-fails", simulator="formal",
                                  evidence=check.evidence()))
        errata += [Erratum(task=nl.id, problem="reference-fails", simulator="formal",
                           evidence=f"{posed.id}: {check.failing[posed.id]}")
                   for nl, posed in _nl2sva_properties(task) if posed.id in check.failing]
    errata += [Erratum(task=Path(str(p).split(":")[0]).parent.name, problem="other", evidence=str(p))
               for p in suite.problems]
    return errata, sum(c.ok for c in checks), sum(not c.stub_passes for c in checks)


def check_golden(task: Task, workdir: Path, max_located: int | None = 3) -> GoldenCheck:
    config, design, properties = task.config, task.design_text(), task.reference_text()
    unparsed: dict[str, str] = {}
    try:
        assertions, _ = parse_assertions(properties)
    except SvaSyntaxError as error:
        nl_references = {posed.id: posed.reference for _, posed in _nl2sva_properties(task)}
        if not nl_references:
            return GoldenCheck(task.id, 0, problem=f"syntax error in {config.reference}: {error}")
        # One reference per nl2sva property: judge the ones that parse, report the others.
        unparsed = {label: f"syntax_error: {_syntax_error(text)}" for label, text in nl_references.items()
                    if _syntax_error(text)}
        properties = "".join(text + "\n" for label, text in nl_references.items() if label not in unparsed)
        assertions, _ = parse_assertions(properties)
    check = GoldenCheck(task.id, len(assertions) + len(unparsed), failing=dict(unparsed),
                        stub_passes=_stub_passes(task, workdir / "stub"))
    elaboration = elaboration_errors(design, config.top, properties)
    if elaboration:
        check.problem = f"elaboration error (pyslang): {elaboration}"
        return check
    lowered = lower_all(properties, frozenset(_parameters(design, config.top)))
    check.failing |= {item.assertion.label: f"unsupported: {item.unsupported}"
                      for item in lowered if not item.supported}
    supported = [item.assertion.label for item in lowered if item.supported]
    if config.nl2sva_judged_by == "equivalence":
        return check  # answers are compared with these references, never proven on the design
    verdict = _judge(task, properties, supported, workdir / "all", covers=True)
    if verdict.verdict == "error":
        alone = _judge(task, properties, [], workdir / "design", covers=False) if supported else verdict
        if alone.verdict == "error":
            check.problem = f"the design does not read into the formal tools (Yosys): {alone.message}"
            return check
    if verdict.verdict == "proven":
        check.failing |= {label: "vacuous: the antecedent never matches" for label in verdict.vacuous}
    else:
        located, more = _locate(task, properties, supported, workdir / "locate", max_located, verdict)
        check.failing |= located
        check.more_failing = more
    return check


def _nl2sva_properties(task: Task) -> list[tuple[Task, NlProperty]]:
    """An assertion task's nl2sva tasks, each with the property it poses (every one of them has one)."""
    return [(nl, nl.nl_property) for nl in task.nl2sva_tasks() if nl.nl_property is not None]


def _syntax_error(text: str) -> str:
    try:
        parse_assertions(text)
    except SvaSyntaxError as error:
        return str(error)
    return ""


def _stub_passes(task: Task, workdir: Path) -> bool:
    """Whether an empty or a trivially true answer passes the formal scorer on ``task``."""
    if task.config.clock is None:
        return False
    empty = score_assertions(task, "", workdir / "empty")
    trivial = score_assertions(task, TRIVIAL_ANSWER.format(clock=task.config.clock.name), workdir / "trivial")
    return Status.PASS in (empty.status, trivial.status)


def _judge(task: Task, properties: str, labels: list[str], folder: Path, covers: bool):
    kept = set(labels)
    subset = replace_actions(properties, lambda a: ";" if a.label in kept else None)
    config = task.config
    return judge_set(task.design_text(), config.top, subset, folder, config.reset, config.formal_depth, covers=covers)


def _locate(task: Task, properties: str, labels: list[str], folder: Path, limit: int | None,
            whole) -> tuple[dict[str, str], bool]:
    """The assertions among ``labels`` that are not proven, found by bisection (the whole set's
    verdict ``whole`` is known not to be proven), up to ``limit`` of them."""
    found: dict[str, str] = {}
    pending = [(labels, whole)]
    runs = 0
    while pending:
        group, verdict = pending.pop(0)
        if verdict.verdict == "proven":
            continue
        if len(group) == 1:
            found[group[0]] = verdict.verdict + (f": {verdict.message}" if verdict.message else "")
            if limit is not None and len(found) >= limit:
                return found, bool(pending)
            continue
        half = len(group) // 2
        for part in (group[:half], group[half:]):
            runs += 1
            pending.append((part, _judge(task, properties, part, folder / f"r{runs}", covers=False)))
    return found, False


def _parameters(design: str, top: str) -> list[str]:
    found = design_signals(design, top)
    return list(found.parameters) if found else []
