"""VerilogEval, read from the user's local copy, as a suite of tasks with its own testbenches.

Variants (never merged: their files differ in places):

- ``spec-to-rtl`` and ``code-complete`` (v2): ``dataset_<variant>/`` with ``problems.txt`` and per
  problem ``<id>_prompt.txt``, ``<id>_ref.sv`` (module ``RefModule``) and ``<id>_test.sv`` (top
  ``tb``, which instantiates ``RefModule`` and the answer's ``TopModule``).
- ``v1-human`` and ``v1-machine``: ``data/VerilogEval_{Human,Machine}.jsonl`` (``task_id``,
  ``prompt`` = the header of ``top_module``, ``canonical_solution``, ``test``) and the descriptions
  in ``descriptions/VerilogDescription_{Human,Machine}.jsonl``.

Each task keeps the suite's grading: Icarus with the suite's flags, a 30 s limit, pass iff the run
prints ``Mismatches: 0 in N samples`` (v2: and no ``TIMEOUT`` line; v1: and the compiler printed
nothing). The prompt is the suite's own.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated

from pydantic import Field

from workbench.importers._importer import GOLDEN_SELF_TEST, ImportRequest, SuiteImporter
from workbench.importers._suite import (
    ImportedTask,
    ImportReport,
    Skipped,
    first_sentence,
    module_interface,
    write_imported_suite,
)
from workbench.task.format import Difficulty, HdlTestbench, TaskConfig, TaskFormatError, TaskKind, TaskLimits

VARIANTS = ("spec-to-rtl", "code-complete", "v1-human", "v1-machine")
_V2_FOLDERS = {"spec-to-rtl": "dataset_spec-to-rtl", "code-complete": "dataset_code-complete-iccad2023"}
_ICARUS_FLAGS = ["-Wall", "-Winfloop", "-Wno-timescale", "-g2012"]
_PASS = r"^Mismatches: 0 in \d+ samples$"
_LIMITS = TaskLimits(sim_s=30.0)
HEADER_FILE = "header.sv"  # v1: the module header its completions continue


class VerilogEvalImporter(SuiteImporter):
    """Import VerilogEval (v2 spec-to-rtl or code-complete, v1 human or machine) with its own
    testbenches and pass rule, then self-test it: every reference must pass, every stub fail."""

    source_help = "your copy of VerilogEval (the repository, or the variant's folder)"
    simulators = GOLDEN_SELF_TEST
    auditable = True

    variant: Annotated[str, Field(description=f"one of: {', '.join(VARIANTS)}")] = "spec-to-rtl"

    def import_suite(self, source: Path, request: ImportRequest) -> ImportReport:
        tasks, skipped, manifest = read_verilog_eval(source, self.variant)
        return write_imported_suite(suite_name(self.variant), tasks, request.out, manifest, skipped,
                                    request.user_errata, request.errata_folder,
                                    request.self_test_on(GOLDEN_SELF_TEST.default), request.jobs,
                                    progress=request.progress, audit=request.audit)


def suite_name(variant: str) -> str:
    return f"verilog-eval-{variant}"


def read_verilog_eval(path: Path, variant: str) -> tuple[list[ImportedTask], list[Skipped], dict]:
    """The tasks of ``variant`` in the copy at ``path`` (the repository, or the variant's own folder),
    the problems that could not be imported, and the facts for the suite's manifest."""
    if variant not in VARIANTS:
        raise TaskFormatError(f"unknown VerilogEval variant '{variant}' (choose one of: {', '.join(VARIANTS)})")
    if variant.startswith("v1-"):
        return _read_v1(path, variant)
    return _read_v2(path, variant)


# --- v2 ----------------------------------------------------------------------------------------
def _read_v2(path: Path, variant: str) -> tuple[list[ImportedTask], list[Skipped], dict]:
    folder = path / _V2_FOLDERS[variant] if (path / _V2_FOLDERS[variant]).is_dir() else path
    listing = folder / "problems.txt"
    if not listing.is_file():
        raise TaskFormatError(f"{path}: no {_V2_FOLDERS[variant]}/problems.txt (is this a VerilogEval v2 copy?)")
    tasks, skipped = [], []
    for problem in listing.read_text().split():
        try:
            tasks.append(_v2_task(folder, problem, variant))
        except (OSError, ValueError) as why:
            skipped.append(Skipped(problem, str(why)))
    return tasks, skipped, {"format": "verilog-eval", "variant": variant, "source": str(folder)}


def _v2_task(folder: Path, problem: str, variant: str) -> ImportedTask:
    prompt, reference, test = (_read(folder / f"{problem}_{part}") for part in ("prompt.txt", "ref.sv", "test.sv"))
    ports, parameters = module_interface(reference, "RefModule", str(folder / f"{problem}_ref.sv"))
    golden = re.sub(r"\bmodule\s+RefModule\b", "module TopModule", reference, count=1)
    bench = HdlTestbench(kind="hdl", top="tb", sources=["test.sv", "ref.sv"], pass_pattern=_PASS,
                         fail_pattern=r"^TIMEOUT", compile_flags=_ICARUS_FLAGS)
    config = TaskConfig(id=_task_id(problem),
                        kind=TaskKind.SPEC_TO_RTL if variant == "spec-to-rtl" else TaskKind.COMPLETION,
                        category="verilog-eval", difficulty=Difficulty.UNRATED, top="TopModule", ports=ports,
                        parameters=parameters, simulators=["icarus"], limits=_LIMITS, testbench=bench,
                        source_id=problem, prompt="prompt.txt", tags=[f"verilog-eval-{variant}"])
    return ImportedTask(config, summary=first_sentence(prompt), detailed=prompt,
                        files={"prompt.txt": prompt, "reference.sv": golden, "ref.sv": reference, "test.sv": test})


# --- v1 ----------------------------------------------------------------------------------------
def _read_v1(path: Path, variant: str) -> tuple[list[ImportedTask], list[Skipped], dict]:
    flavour = "Human" if variant == "v1-human" else "Machine"
    data = _find(path, [f"data/VerilogEval_{flavour}.jsonl", f"VerilogEval_{flavour}.jsonl"])
    descriptions_file = _find(path, [f"descriptions/VerilogDescription_{flavour}.jsonl",
                                     f"VerilogDescription_{flavour}.jsonl"])
    descriptions = {record["task_id"]: record for record in _jsonl(descriptions_file)}
    tasks, skipped = [], []
    for record in _jsonl(data):
        problem = record.get("task_id", "?")
        try:
            tasks.append(_v1_task(record, descriptions.get(problem), variant, data))
        except (KeyError, ValueError) as why:
            skipped.append(Skipped(problem, f"{data}: {why}"))
    return tasks, skipped, {"format": "verilog-eval", "variant": variant, "source": str(data)}


def _v1_task(record: dict, description: dict | None, variant: str, data: Path) -> ImportedTask:
    problem = record["task_id"]
    if description is None:
        raise ValueError(f"task {problem} has no description")
    golden = record["prompt"] + record["canonical_solution"]
    ports, parameters = module_interface(golden, "top_module", f"{data} (task {problem})")
    detail = description["detail_description"].strip()
    prompt = f"{detail}\n\n{record['prompt']}"
    # v1 compiles one file (test + header + completion): the test file comes second here, which
    # Icarus accepts the same way.
    bench = HdlTestbench(kind="hdl", top="tb", sources=["test.sv"], pass_pattern=r"Mismatches: 0 in \d+ samples",
                         compile_flags=_ICARUS_FLAGS, compiler_output_fails=True)
    config = TaskConfig(id=_task_id(problem), kind=TaskKind.COMPLETION, category="verilog-eval",
                        difficulty=Difficulty.UNRATED, top="top_module", ports=ports, parameters=parameters,
                        simulators=["icarus"], limits=_LIMITS, testbench=bench, source_id=problem,
                        prompt="prompt.txt", tags=[f"verilog-eval-{variant}"])
    summary = description.get("simple_description") or first_sentence(detail)
    return ImportedTask(config, summary=summary, detailed=prompt,
                        files={"prompt.txt": prompt, "reference.sv": golden, "test.sv": record["test"],
                               HEADER_FILE: record["prompt"]})


# --- shared ------------------------------------------------------------------------------------
def _task_id(problem: str) -> str:
    """Task ids are lower case; VerilogEval's ids differ in more than case, so this stays one-to-one."""
    return re.sub(r"[^a-z0-9_\-]", "_", problem.lower())



def _read(path: Path) -> str:
    if not path.is_file():
        raise ValueError(f"{path}: missing")
    return path.read_text()


def _find(root: Path, candidates: list[str]) -> Path:
    for name in candidates:
        if (root / name).is_file():
            return root / name
    raise TaskFormatError(f"{root}: none of {', '.join(candidates)} (is this a VerilogEval v1 copy?)")


def _jsonl(path: Path) -> list[dict]:
    records = []
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as error:
            raise TaskFormatError(f"{path}:{number}: not JSON: {error.msg}") from None
    return records
