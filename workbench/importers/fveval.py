"""FVEval (its CSVs: ``design_name, task_id, prompt, ref_solution, testbench``) as assertion tasks.

- ``nl2sva_human.csv``, ``nl2sva_machine.csv``: the rows of one design (same ``design_name`` and
  testbench text) become one assertion task. Its design is the CSV's testbench module (the signals
  the properties name live there), its ``nl2sva.toml`` holds each row's natural-language prompt and
  reference, and its golden ``properties.sva`` all the references. Task ids ending ``_trial<N>``
  are samples of one problem: the first is kept. As in FVEval, an answer passes when it is
  equivalent to the reference (``nl2sva_judged_by = "equivalence"``): the design is only a signal
  context, so the references are checked to parse, elaborate and lower, not proven on it.
- ``design2sva_fsm.csv``, ``design2sva_pipeline.csv``: each row's RTL (the ``prompt`` column) is
  one assertion task with no reference, scored by proof. No format change is needed: the golden
  ``properties.sva`` holds no assertion, and the formal scorer's rule for assertion answers (at least
  one assertion; every one proven by k-induction and non-vacuous) is FVEval's proof rule made strict
  (an unknown or vacuous assertion fails it too). Its bind-harness only defines ``tb_reset`` as
  ``!reset_``: properties are placed inside the design and use ``disable iff (!reset_)``.

FVEval judges with JasperGold; here the open judge proves each design2sva design's readability and,
for nl2sva, each reference's syntax and lowering; problems become errata with the judge's evidence.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.hdl.interface import outline_design
from workbench.importers._importer import ImportRequest, SuiteImporter
from workbench.importers._suite import (
    ImportedTask,
    ImportReport,
    SelfTestProgress,
    Skipped,
    outline_ports,
    write_imported_suite,
)
from workbench.importers.assertionbench import formal_self_test
from workbench.task.errata import Erratum
from workbench.task.format import Clock, Difficulty, Reset, TaskConfig, TaskFormatError, TaskKind, toml_document

SUITE_NAME = "fveval"
COLUMNS = ("design_name", "task_id", "prompt", "ref_solution", "testbench")
NL2SVA_FILES = {"nl2sva_human.csv": "human", "nl2sva_machine.csv": "machine"}
DESIGN2SVA_FILES = {"design2sva_fsm.csv": "fsm", "design2sva_pipeline.csv": "pipeline"}
NO_REFERENCE = "// FVEval design2sva: no reference properties; an answer is scored by proof alone.\n"
_TRIAL = re.compile(r"_trial\d+$")
_LABEL = re.compile(r"^\s*(?:\w+\s*:\s*)?(?=assert\b)")
_BIND = re.compile(r"^\s*bind\s+(\w+)", re.MULTILINE)
_CLOCK = "clk"  # every FVEval design's clock


@dataclass(frozen=True)
class Row:
    design_name: str
    task_id: str
    prompt: str
    ref_solution: str
    testbench: str


class FvevalImporter(SuiteImporter):
    """Import FVEval (NL2SVA grouped by design and judged by equivalence, Design2SVA scored by proof),
    then check every reference with the open formal judge."""

    source_help = "an FVEval CSV, or a folder holding nl2sva_*.csv / design2sva_*.csv"

    def import_suite(self, source: Path, request: ImportRequest) -> ImportReport:
        return import_fveval(source, request.out, user_errata=request.user_errata,
                             errata_folder=request.errata_folder, check=request.check, jobs=request.jobs,
                             progress=request.progress)


def import_fveval(root: Path, out: Path | None = None, user_errata: Sequence[Erratum] = (),
                  errata_folder: Path | None = None, check: bool = True, jobs: int = 2,
                  formal_depth: int = 20, progress: SelfTestProgress | None = None) -> ImportReport:
    """Import the FVEval CSVs found under ``root`` as the suite ``fveval``, each golden property
    proven by the open judge unless ``check`` is false."""
    files = csv_files(root)
    tasks: list[ImportedTask] = []
    skipped: list[Skipped] = []
    for path in files:
        rows = read_rows(path)
        if path.name in NL2SVA_FILES:
            made, missed = nl2sva_tasks(rows, NL2SVA_FILES[path.name], formal_depth)
        else:
            made, missed = design2sva_tasks(rows, DESIGN2SVA_FILES[path.name], formal_depth)
        tasks += made
        skipped += missed
    manifest = {"source": "FVEval (NVlabs/FVEval): " + ", ".join(p.name for p in files),
                "judge": "the open formal judge (Yosys, SymbiYosys); FVEval's own scoring uses JasperGold",
                "formal_depth": formal_depth}
    return write_imported_suite(SUITE_NAME, tasks, out, manifest, skipped, list(user_errata), errata_folder,
                                simulators=["formal"] if check else [], jobs=jobs,
                                self_test=functools.partial(formal_self_test, max_located=None), progress=progress)


def csv_files(root: Path) -> list[Path]:
    """The suite's CSVs under ``root`` (a file, or a folder searched recursively)."""
    known = {**NL2SVA_FILES, **DESIGN2SVA_FILES}
    if root.is_file():
        if root.name not in known:
            raise TaskFormatError(f"{root}: not an FVEval CSV (expected one of: {', '.join(known)})")
        return [root]
    found = sorted(path for path in root.rglob("*.csv") if path.name in known) if root.is_dir() else []
    if not found:
        raise TaskFormatError(f"{root}: no FVEval CSV found (expected one of: {', '.join(known)})")
    return found


def read_rows(path: Path) -> list[Row]:
    try:
        with path.open(newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
            if missing:
                raise TaskFormatError(f"{path}: missing column(s) {', '.join(missing)} "
                                      f"(expected {', '.join(COLUMNS)})")
            return [Row(**{column: (record[column] or "") for column in COLUMNS}) for record in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise TaskFormatError(f"{path}: not a readable CSV file ({error})") from None


# --- nl2sva ----------------------------------------------------------------------------------

def nl2sva_tasks(rows: list[Row], variant: str, formal_depth: int) -> tuple[list[ImportedTask], list[Skipped]]:
    groups: dict[tuple[str, str], list[Row]] = {}
    for row in rows:
        groups.setdefault((row.design_name, row.testbench), []).append(row)
    tasks: list[ImportedTask] = []
    skipped: list[Skipped] = []
    used: set[str] = set()
    for (design_name, testbench), members in groups.items():
        identifier = _unique(_task_id(f"nl2sva_{variant}_{design_name}"), used)
        config = _config(identifier, testbench, None, f"nl2sva-{variant}", formal_depth,
                         ["fveval", f"nl2sva-{variant}"], source_id=design_name)
        if isinstance(config, str):
            skipped.append(Skipped(design_name, config))
            continue
        # The CSV's design is a signal context (a testbench module with free inputs), so, as in
        # FVEval, an answer is judged by its equivalence to the reference, not by a proof on it.
        config = config.model_copy(update={"nl2sva_judged_by": "equivalence"})
        problems = _problems(members)
        properties = [{"id": _property_id(row.task_id), "text": row.prompt.strip(),
                       "reference": relabel(row.ref_solution, _property_id(row.task_id))} for row in problems]
        summary = f"Properties of the module `{config.top}` (FVEval NL2SVA, {variant}: {design_name})."
        detailed = (f"FVEval's NL2SVA-{variant} design `{design_name}`: {len(properties)} natural-language "
                    f"properties (nl2sva.toml) about the module `{config.top}` given in full." + _clocking(config))
        files = {"design.sv": testbench.strip() + "\n",
                 "properties.sva": "".join(p["reference"] + "\n" for p in properties),
                 "nl2sva.toml": toml_document({"property": properties})}
        tasks.append(ImportedTask(config, summary, detailed, files))
    return tasks, skipped


def _problems(rows: list[Row]) -> list[Row]:
    """One row per problem: ``<id>_trial<N>`` rows are samples of ``<id>``."""
    kept: dict[str, Row] = {}
    for row in rows:
        kept.setdefault(_TRIAL.sub("", row.task_id), row)
    return list(kept.values())


def relabel(reference: str, label: str) -> str:
    """``reference`` (one ``assert property``, labelled or not) labelled ``label``."""
    return _LABEL.sub(f"{label}: ", reference.strip(), count=1)


def _property_id(task_id: str) -> str:
    name = re.sub(r"\W+", "_", _TRIAL.sub("", task_id)).strip("_")
    return name if re.match(r"[A-Za-z_]", name) else f"p_{name}"


# --- design2sva ------------------------------------------------------------------------------

def design2sva_tasks(rows: list[Row], variant: str, formal_depth: int) -> tuple[list[ImportedTask], list[Skipped]]:
    tasks: list[ImportedTask] = []
    skipped: list[Skipped] = []
    used: set[str] = set()
    for row in _problems(rows):
        bound = _BIND.search(row.testbench)
        identifier = _unique(_task_id(f"design2sva_{variant}_{row.task_id}"), used)
        config = _config(identifier, row.prompt, bound.group(1) if bound else None, f"design2sva-{variant}",
                         formal_depth, ["fveval", f"design2sva-{variant}", "no-reference"], source_id=row.task_id)
        if isinstance(config, str):
            skipped.append(Skipped(row.task_id, config))
            continue
        summary = f"Write SystemVerilog assertions for the module `{config.top}` (FVEval Design2SVA, {variant})."
        detailed = (f"FVEval's Design2SVA-{variant} design `{row.task_id}`, given in full. There is no reference: "
                    "an answer passes when it has at least one assertion and every assertion is proven and "
                    "non-vacuous. The suite's harness names `tb_reset` (= `!reset_`); properties here sit inside "
                    "the design and use `disable iff (!reset_)`." + _clocking(config))
        tasks.append(ImportedTask(config, summary, detailed, {"design.sv": row.prompt.strip() + "\n",
                                                              "properties.sva": NO_REFERENCE}))
    return tasks, skipped


# --- shared ----------------------------------------------------------------------------------

def _config(identifier: str, design: str, top: str | None, category: str, formal_depth: int, tags: list[str],
            source_id: str) -> TaskConfig | str:
    """The task configuration of ``design`` (top: ``top``, or its first uninstantiated module), or
    why there is none."""
    outline = outline_design(design, top)
    if outline is None or outline.top is None:
        return f"{source_id}: the design does not parse (pyslang) or does not define module '{top}'"
    ports = outline_ports(outline)
    names = {p.name for p in ports}
    if _CLOCK not in names:
        return f"{source_id}: module '{outline.top}' has no port {_CLOCK} to clock the properties"
    # FVEval's designs share one convention: clk, and reset_ active low (tb_reset = !reset_).
    reset = Reset(name="reset_", active_low=True) if "reset_" in names else None
    return TaskConfig(id=identifier, kind=TaskKind.ASSERTION, category=category, difficulty=Difficulty.UNRATED,
                      top=outline.top, ports=ports, clock=Clock(name=_CLOCK), reset=reset, design="design.sv",
                      reference="properties.sva", formal_depth=formal_depth, tags=tags, source_id=source_id)


def _clocking(config: TaskConfig) -> str:
    reset = f" reset `{config.reset.name}`, active low." if config.reset else " no reset."
    return f"\n\nClock `{_CLOCK}` (rising edge);{reset}"


def _task_id(text: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "_", text.lower()).strip("_-")


def _unique(identifier: str, used: set[str]) -> str:
    candidate, number = identifier, 2
    while candidate in used:
        candidate, number = f"{identifier}_{number}", number + 1
    used.add(candidate)
    return candidate
