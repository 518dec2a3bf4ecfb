"""CVDP (NVlabs cvdp_benchmark) non-agentic code-generation problems, as tasks with their own harness.

A CVDP JSONL record (one per line) poses a prompt with given files (``input.context``), expects the
files of ``output.context`` (with their contents in the ``_with_solutions`` releases) and carries a
harness: a cocotb test run by pytest in Docker, configured by ``src/.env`` (``SIM``, ``TOPLEVEL``,
``VERILOG_SOURCES`` under ``/code/rtl/``...). The records imported are those whose answer is one
RTL file and whose harness runs on Icarus or Verilator; every other record is listed as skipped with
its reason. Each task keeps the harness as it is (:class:`workbench.task.format.PytestHarness`, run by
:mod:`workbench.scorer.pytest_harness`), CVDP's id as ``source_id`` and the prompt as CVDP lays it out
(the given files, then the request) in ``prompt.md``.

Kinds: a record whose given files include the very file to answer (CVDP's code completion,
modification, lint improvement and debugging) is a ``completion`` task: the model finishes or
rewrites code it is shown. The others (specification to RTL, with or without module reuse) are
``spec-to-rtl``.

Records without a solution (the public release hides most) are imported when the interface can
still be read from a given declaration of the top module; their reference is a placeholder, so the
golden self-test cannot vouch for their harness: each gets a note in the errata, is never counted
as a passing reference, and its port-only stub is still checked.

CVDP's interchange for local models works on the imported suite as it is: ``rtlwb tasks
export-prompts --format cvdp`` writes ``{"id", "prompt"}`` lines (CVDP's ids, the prompt of
``prompt.md``) and ``--model replay/FILE`` reads ``{"id", "completion"}`` lines, finding each task by
its ``source_id`` (see :mod:`workbench.importers.interop`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from workbench.hdl.interface import outline_design
from workbench.importers._audit import ImportAudit
from workbench.importers._importer import ImportRequest, SimulatorChoice, SuiteImporter
from workbench.importers._suite import (
    ImportedTask,
    ImportReport,
    SelfTestProgress,
    Skipped,
    checked_suite,
    header_parameters,
    write_imported_suite,
)
from workbench.scorer.pytest_harness import parse_env
from workbench.task.errata import Erratum
from workbench.task.format import (
    IDENTIFIER,
    Difficulty,
    Parameter,
    Port,
    PytestHarness,
    TaskConfig,
    TaskFormatError,
    TaskKind,
)
from workbench.task.suite import Suite

SUITE_NAME = "cvdp"
OPEN_SIMULATORS = ("icarus", "verilator")
HARNESS_FOLDER = "harness"
NO_REFERENCE = "// CVDP published no reference solution for this problem.\n"
# CVDP's categories (cidNNN) of code generation with an RTL answer, by the name of the problem.
GENERATION = {2: "rtl-code-completion", 3: "spec-to-rtl", 4: "rtl-code-modification", 5: "spec-to-rtl-module-reuse",
              7: "rtl-lint-improvement", 16: "rtl-debugging"}
VERIFICATION = {12: "testbench stimulus generation", 13: "testbench checker generation", 14: "assertion generation"}
COMPREHENSION = {6: "RTL/specification correspondence", 8: "testbench/test plan correspondence",
                 9: "question answering on RTL", 10: "question answering on testbenches"}
_COMMERCIAL_IMAGE = re.compile(r"__VERIF_EDA_IMAGE__")
_COMPOSE_TEST = re.compile(r"^\s*command\s*:.*\bpytest\b.*?/src/(\S+\.py)", re.MULTILINE)
_OWN_FILES = {"task.toml", "spec.md", "prompt.md", "reference.sv"}


class RecordSkipped(Exception):
    """A record that is not imported; the message says why."""


@dataclass(frozen=True)
class Record:
    """One parsed line of a CVDP JSONL file."""

    where: str  # file:line, for messages
    data: dict

    @property
    def id(self) -> str:
        return str(self.data.get("id", self.where))


@dataclass(frozen=True)
class Conversion:
    tasks: list[ImportedTask]
    skipped: list[Skipped]
    records: int
    without_reference: list[str]  # task ids imported without a published solution


class CvdpImporter(SuiteImporter):
    """Import CVDP's non-agentic code-generation problems with their own cocotb harness (run locally, no
    Docker), list every other record with its reason, then self-test: references pass, stubs fail."""

    source_help = "a CVDP JSONL file (non-agentic code generation; _with_solutions for a full self-test)"
    simulators = SimulatorChoice(None, "simulators of the self-test (default: each harness's own)")
    auditable = True

    def import_suite(self, source: Path, request: ImportRequest) -> ImportReport:
        return import_cvdp(source, request.out, simulators=request.simulators or None, jobs=request.jobs,
                           check=request.check, user_errata=request.user_errata, errata_folder=request.errata_folder,
                           progress=request.progress, audit=request.audit)


def import_cvdp(path: Path, out: Path | None = None, name: str = SUITE_NAME, simulators: list[str] | None = None,
                jobs: int = 2, check: bool = True, user_errata: Sequence[Erratum] = (),
                errata_folder: Path | None = None, progress: SelfTestProgress | None = None,
                audit: ImportAudit | None = None) -> ImportReport:
    """Import the CVDP JSONL file ``path`` as suite ``name`` (in ``out``, default the imported root),
    then self-test it on ``simulators`` (default: those the imported harnesses ask for) and audit its
    testbenches when ``audit`` says so."""
    conversion = convert_file(path)
    if not conversion.tasks:
        example = f", e.g. {conversion.skipped[0].reason}" if conversion.skipped else ""
        raise TaskFormatError(f"{path}: no record could be imported ({len(conversion.skipped)} skipped{example})")
    used = sorted({sim for task in conversion.tasks for sim in task.config.simulators})
    chosen = [sim for sim in (simulators or used) if sim in used] if check else []
    notes = [Erratum(task=task_id, problem="other", action="note",
                     evidence="CVDP published no reference solution: the golden self-test cannot vouch for this "
                              "harness (the reference is a placeholder and fails); the port-only stub is still checked")
             for task_id in conversion.without_reference]
    manifest = {"source": "NVlabs/cvdp_benchmark", "format": "CVDP JSONL (non-agentic code generation)",
                "file": str(Path(path).resolve()), "records": conversion.records,
                "without_reference": len(conversion.without_reference)}
    return write_imported_suite(name, conversion.tasks, out, manifest, skipped=conversion.skipped,
                                user_errata=[*user_errata, *notes], errata_folder=errata_folder, simulators=chosen,
                                jobs=jobs, self_test=cvdp_self_test(set(conversion.without_reference)),
                                progress=progress, audit=audit)


def convert_file(path: Path) -> Conversion:
    """Every record of ``path``: imported as a task, or skipped with its reason."""
    tasks, skipped, seen, without_reference, records = [], [], set(), [], 0
    for item in read_records(Path(path)):
        records += 1
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        try:
            task = convert_record(item)
            if task.config.id in seen:
                raise RecordSkipped(f"{item.where}: a second record with id '{item.id}'")
        except RecordSkipped as reason:
            skipped.append(Skipped(item.id, str(reason)))
            continue
        seen.add(task.config.id)
        tasks.append(task)
        if task.files["reference.sv"] == NO_REFERENCE:
            without_reference.append(task.config.id)
    return Conversion(tasks, skipped, records, without_reference)


def read_records(path: Path) -> Iterator[Record | Skipped]:
    """The records of a JSONL file; a line that is not a JSON object is a :class:`Skipped` naming it."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise TaskFormatError(f"{path}: cannot read the CVDP file ({error})") from None
    for number, line in enumerate(lines, start=1):
        where = f"{path}:{number}"
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            yield Skipped(where, f"{where}: not valid JSON ({error.msg} at column {error.colno})")
            continue
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            yield Skipped(where, f"{where}: expected a JSON object with a string 'id'")
            continue
        yield Record(where, data)


def convert_record(record: Record) -> ImportedTask:
    """One record as a task; raises :class:`RecordSkipped` with the reason when it cannot be one."""
    data, where = record.data, record.where
    category, difficulty = _categories(record)
    files = _harness_files(record)
    env = _harness_env(record, files)
    test = _harness_test(record, files)
    top, sources = env["TOPLEVEL"], _code_paths(record, env["VERILOG_SOURCES"])
    given = _text_files(data["input"].get("context"), f"{where}: input.context")
    answer_file, solution = _answer(record, top)
    missing = [source for source in sources if source != answer_file and source not in given]
    if missing:
        raise RecordSkipped(f"{where}: VERILOG_SOURCES names {missing[0]}, which is neither the answer "
                            "nor a given file")
    interface_source = solution or given.get(answer_file, "")
    ports, parameters = _interface(interface_source, top, where, has_solution=bool(solution))
    context_files = sorted(name for name in given if name != answer_file)
    for name in [answer_file, *context_files]:
        _check_relative(name, where)
    prompt = cvdp_prompt(data["input"].get("prompt", ""), given, answer_file)
    config = TaskConfig(
        id=task_id(record.id), kind=TaskKind.COMPLETION if answer_file in given else TaskKind.SPEC_TO_RTL,
        category=GENERATION[category], difficulty=difficulty, top=top, ports=ports, parameters=parameters,
        simulators=[env["SIM"]], source_id=record.id, prompt="prompt.md", tags=["cvdp", f"cid{category:03d}"],
        testbench=PytestHarness(kind="pytest", folder=HARNESS_FOLDER, test=f"src/{test}",
                                candidate_file=answer_file, context_files=context_files))
    task_files = {"prompt.md": prompt, "reference.sv": solution or NO_REFERENCE,
                  **{f"{HARNESS_FOLDER}/{name}": text for name, text in files.items()},
                  **{name: given[name] for name in context_files}}
    return ImportedTask(config=config, summary=_summary(data["input"].get("prompt", ""), top),
                        detailed=_demoted_headings(prompt), files=task_files)


def _categories(record: Record) -> tuple[int, Difficulty]:
    where, data = record.where, record.data
    if "patch" in data or "system_message" in data or not isinstance(data.get("input"), dict):
        raise RecordSkipped(f"{where}: an agentic record (repository context and patches, run in an agent's "
                            "container): only non-agentic one-shot problems are imported")
    categories = data.get("categories")
    cid = categories[0] if isinstance(categories, list) and categories else None
    found = re.fullmatch(r"cid(\d+)", str(cid))
    if not found:
        raise RecordSkipped(f"{where}: no CVDP category (expected categories [\"cidNNN\", difficulty], "
                            f"got {categories!r})")
    number = int(found.group(1))
    if number in COMPREHENSION:
        raise RecordSkipped(f"{where}: code comprehension (cid{number:03d}, {COMPREHENSION[number]}): the answer is "
                            "text scored by BLEU or an LLM judge, not by a harness")
    if number in VERIFICATION:
        raise RecordSkipped(f"{where}: {VERIFICATION[number]} (cid{number:03d}): the answer is verification code "
                            "scored by coverage on a commercial simulator")
    if number not in GENERATION:
        raise RecordSkipped(f"{where}: category cid{number:03d} is not one of CVDP's code-generation categories")
    difficulty = categories[1] if isinstance(categories, list) and len(categories) > 1 else None
    if difficulty not in {d.value for d in Difficulty}:
        raise RecordSkipped(f"{where}: difficulty {difficulty!r} is not easy, medium or hard")
    return number, Difficulty(difficulty)


def _harness_files(record: Record) -> dict[str, str]:
    harness = record.data.get("harness")
    files = harness.get("files") if isinstance(harness, dict) else None
    if not files:
        raise RecordSkipped(f"{record.where}: no harness files (harness.files is missing or empty)")
    files = _text_files(files, f"{record.where}: harness.files")
    for name in files:
        _check_relative(name, record.where)
    return files


def _harness_env(record: Record, files: dict[str, str]) -> dict[str, str]:
    if "src/.env" not in files:
        raise RecordSkipped(f"{record.where}: the harness has no src/.env")
    env = parse_env(files["src/.env"])
    sim = env.get("SIM", "").lower()
    if not sim:
        raise RecordSkipped(f"{record.where}: src/.env names no simulator (SIM)")
    if sim not in OPEN_SIMULATORS:
        raise RecordSkipped(f"{record.where}: the harness runs on {sim}, a commercial simulator "
                            "(only Icarus and Verilator harnesses run here)")
    if env.get("TOPLEVEL_LANG", "verilog").lower() != "verilog":
        raise RecordSkipped(f"{record.where}: TOPLEVEL_LANG is {env['TOPLEVEL_LANG']}; only Verilog designs are scored")
    for key in ("TOPLEVEL", "VERILOG_SOURCES"):
        if not env.get(key):
            raise RecordSkipped(f"{record.where}: src/.env has no {key}")
    if not re.fullmatch(IDENTIFIER, env["TOPLEVEL"]):
        raise RecordSkipped(f"{record.where}: TOPLEVEL '{env['TOPLEVEL']}' is not a plain module name")
    # CVDP marks the problems that need its commercial tools by their image, whatever SIM says.
    commercial = sorted(name for name, text in files.items() if _COMMERCIAL_IMAGE.search(text))
    if commercial:
        raise RecordSkipped(f"{record.where}: the harness runs in CVDP's commercial EDA image ({commercial[0]})")
    return env | {"SIM": sim}


def _harness_test(record: Record, files: dict[str, str]) -> str:
    """The pytest file the harness's docker-compose command runs (``test_runner.py`` when it names none)."""
    found = _COMPOSE_TEST.search(files.get("docker-compose.yml", ""))
    test = found.group(1) if found else "test_runner.py"
    if f"src/{test}" not in files:
        raise RecordSkipped(f"{record.where}: the harness runs src/{test}, which it does not contain")
    return test


def _code_paths(record: Record, sources: str) -> list[str]:
    """VERILOG_SOURCES as paths inside CVDP's /code (the candidate's folder)."""
    paths = []
    for source in sources.split():
        if not source.startswith("/code/"):
            raise RecordSkipped(f"{record.where}: VERILOG_SOURCES names {source}, outside /code (the answer's folder)")
        paths.append(source.removeprefix("/code/"))
    return paths


def _answer(record: Record, top: str) -> tuple[str, str]:
    """The answer's file and its solution ("" when the release hides it)."""
    output = record.data.get("output")
    expected = _text_files(output.get("context") if isinstance(output, dict) else None,
                           f"{record.where}: output.context")
    if len(expected) != 1:
        shown = ", ".join(sorted(expected)) or "none"
        raise RecordSkipped(f"{record.where}: the answer is {len(expected)} files ({shown}); "
                            "tasks here take one-file answers")
    (name, text), = expected.items()
    if text.strip() and not re.search(rf"\bmodule\s+{re.escape(top)}\b", text):
        raise RecordSkipped(f"{record.where}: the solution {name} does not define TOPLEVEL {top}")
    return name, text if text.strip() else ""


def _interface(code: str, top: str, where: str, has_solution: bool) -> tuple[list[Port], list[Parameter]]:
    """The ports and header parameters of ``top`` in ``code`` (the solution, or a given declaration)."""
    outline = outline_design(code, top) if code.strip() else None
    if outline is None or outline.top is None:
        if has_solution:
            raise RecordSkipped(f"{where}: pyslang cannot read the ports of module {top} in the solution")
        raise RecordSkipped(f"{where}: no solution is published and no given file declares module {top}: "
                            "its ports are unknown")
    ports = []
    for found in outline.ports:
        if found.direction not in ("input", "output", "inout") or not re.fullmatch(IDENTIFIER, found.name):
            raise RecordSkipped(f"{where}: port '{found.name}' ({found.direction}) of {top} cannot be "
                                "described in a task")
        ports.append(Port(name=found.name, direction=found.direction, width=max(1, found.width), signed=found.signed))
    return ports, header_parameters(code, top)


def _text_files(value, what: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise RecordSkipped(f"{what}: expected an object of file paths to texts")
    return value


def _check_relative(name: str, where: str) -> None:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or name in _OWN_FILES or path.parts[0] == HARNESS_FOLDER:
        raise RecordSkipped(f"{where}: file path '{name}' cannot be placed in a task folder")


def cvdp_prompt(request: str, given: dict[str, str], answer_file: str) -> str:
    """The prompt as CVDP's non-agentic runner lays it out: each given file, then the request, then
    where the one-file answer goes."""
    parts = [f"Consider the following content for the file {name}:\n```\n{text}\n```" for name, text in given.items()]
    parts.append(f"Provide me one answer for this request: {request}")
    parts.append(f"Please provide your response as plain text without any JSON formatting. "
                 f"Your response will be saved directly to: {answer_file}.")
    return "\n".join(parts) + "\n"


def _demoted_headings(text: str) -> str:
    """``text`` with its level-2 headings one level down: in spec.md they would end the section."""
    return re.sub(r"^##(?=\s)", "###", text, flags=re.MULTILINE)


def _summary(request: str, top: str) -> str:
    text = re.sub(r"[#*`]+", "", request)
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    return sentence[:300] or f"Write module {top}."


def task_id(source_id: str) -> str:
    """A CVDP id as a task id (lower case; anything but letters, digits, _ and - becomes _)."""
    cleaned = re.sub(r"[^a-z0-9_\-]+", "_", source_id.lower()).strip("_-")
    return cleaned or "record"


# --- the golden self-test, aware of the records without a published solution ------------------
def cvdp_self_test(without_reference: set[str]):
    """Like the shared self-test, but a task without a published solution cannot fail for its
    placeholder reference: only its port-only stub is judged (its note is in the errata)."""

    def self_test(suite: Suite, simulators: list[str], jobs: int,
                  progress: SelfTestProgress | None) -> tuple[list[Erratum], int, int]:
        summary = checked_suite(suite, simulators, jobs, progress)
        errata = []
        for row in summary.rows:
            if not row.golden_ok and row.task_id not in without_reference:
                errata.append(Erratum(task=row.task_id, problem="reference-fails", simulator=row.simulator,
                                      evidence=row.evidence))
            elif not row.stub_ok:
                errata.append(Erratum(task=row.task_id, problem="stub-passes", simulator=row.simulator,
                                      evidence=row.evidence or f"port-only stub: {row.stub.value}: {row.stub_message}"))
        errata += [Erratum(task=Path(str(p).split(":")[0]).parent.name, problem="other", evidence=str(p))
                   for p in suite.problems]
        return errata, summary.golden_pass, summary.stub_fail

    return self_test
