"""Task: the data and configuration of one benchmark problem.

A task is a folder ``benchmarks/<suite>/<task-id>/`` holding ``task.toml`` (validated by
:class:`TaskConfig`), ``spec.md`` (a summary and a detailed specification), the golden
``reference.sv`` and a testbench. The pydantic models here are the single source of truth for the
format; ``docs/task.schema.json`` is generated from them.
"""

from __future__ import annotations

import json
import re
import tomllib
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Final, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PlainValidator,
    Tag,
    ValidationError,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from workbench.errors import WorkbenchError
from workbench.sim import SIMULATORS

SCHEMA_VERSION: Final = 1
IDENTIFIER = r"^[A-Za-z_][A-Za-z0-9_]*$"
TASK_ID = r"^[a-z0-9][a-z0-9_\-]*$"


class TaskFormatError(WorkbenchError, ValueError):
    """A task file is malformed. The message names the file, the field and what was expected."""


class TaskKind(StrEnum):
    SPEC_TO_RTL = "spec-to-rtl"
    COMPLETION = "completion"
    ASSERTION = "assertion"
    NL2SVA = "nl2sva"  # posed from an assertion task's nl2sva.toml: one task per property, never a task.toml
    HLS_DEBUG = "hls-debug"
    RTL_OPTIMIZE = "rtl-optimize"  # a working design to make smaller or faster, equivalent at its ports


class Difficulty(StrEnum):
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"
    UNRATED = "unrated"  # imported tasks whose suite does not rate them


class SpecLevel(StrEnum):
    SUMMARY = "summary"
    DETAILED = "detailed"


def _registered_simulator(name: object) -> str:
    """A name from the simulator registry; any other value is refused as a Literal refuses it."""
    if isinstance(name, str) and name in SIMULATORS:
        return name
    *others, last = [repr(known) for known in SIMULATORS]
    expected = f"{', '.join(others)} or {last}" if others else last
    raise PydanticCustomError("literal_error", "Input should be {expected}", {"expected": expected})


SimulatorName = Annotated[str, PlainValidator(_registered_simulator),
                          WithJsonSchema({"enum": list(SIMULATORS), "type": "string"})]
Language = Literal["verilog", "systemverilog", "chisel", "cpp"]  # cpp: HLS C++ kernels


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Port(_Strict):
    name: Annotated[str, Field(pattern=IDENTIFIER)]
    direction: Literal["input", "output", "inout"]
    width: Annotated[int, Field(ge=1, description="bit width with the default parameters")] = 1
    signed: bool = False
    description: str = ""


class Clock(_Strict):
    name: Annotated[str, Field(pattern=IDENTIFIER)] = "clk"
    period_ns: Annotated[int, Field(ge=2)] = 10
    edge: Literal["posedge", "negedge"] = "posedge"


class Reset(_Strict):
    name: Annotated[str, Field(pattern=IDENTIFIER)]
    active_low: bool
    synchronous: bool = True


class Parameter(_Strict):
    name: Annotated[str, Field(pattern=IDENTIFIER)]
    default: int
    min: int | None = None
    max: int | None = None
    description: str = ""


class TaskLimits(_Strict):
    compile_s: Annotated[float, Field(gt=0, description="wall-clock limit of the build")] = 120.0
    sim_s: Annotated[float, Field(gt=0, description="wall-clock limit of the simulation")] = 30.0
    memory_mb: Annotated[int, Field(ge=256, description="address-space limit per process")] = 4096
    output_mb: Annotated[int, Field(ge=1, description="largest file a candidate run may write")] = 64


class Testbench(_Strict):
    """The workbench's own testbench: cocotb tests in Python."""

    kind: Literal["cocotb"] = "cocotb"
    module: Annotated[
        str | None,
        Field(pattern=IDENTIFIER, description="cocotb test module; default: the task's test_*.py"),
    ] = None
    visible: Annotated[
        str | None,
        Field(pattern=IDENTIFIER, description="optional cocotb module of tests the model may see (e.g. the "
                                              "spec's examples); repair with tool feedback runs it, "
                                              "never the grading one"),
    ] = None


class HdlTestbench(_Strict):
    """A public suite's self-checking HDL testbench, judged by that suite's own pass rule."""

    kind: Literal["hdl"]
    top: Annotated[str, Field(pattern=IDENTIFIER, description="the testbench's top module")]
    sources: Annotated[list[str], Field(min_length=1, description="testbench files (and reference modules) "
                                                                    "compiled after the candidate")]
    candidate_file: Annotated[str, Field(description="the name the candidate is written under")] = "candidate.sv"
    pass_pattern: Annotated[str, Field(description="regular expression (multi-line) a passing run prints")]
    fail_pattern: Annotated[str | None, Field(description="regular expression no passing run prints")] = None
    compile_flags: Annotated[list[str], Field(description="Icarus flags of the suite's harness")] = []
    compiler_output_fails: Annotated[bool, Field(description="any compiler diagnostic fails the candidate "
                                                             "(VerilogEval v1's rule)")] = False
    data_files: Annotated[list[str], Field(description="files the testbench reads from its working folder")] = []


class PytestHarness(_Strict):
    """A public suite's cocotb harness run by pytest (CVDP): the candidate passes iff pytest does."""

    kind: Literal["pytest"]
    folder: Annotated[str, Field(description="the harness folder (its src/.env, test_runner.py, tests)")] = "harness"
    env_file: Annotated[str, Field(description="the harness's environment file, inside folder")] = "src/.env"
    test: Annotated[str, Field(description="the pytest file, inside folder")] = "src/test_runner.py"
    candidate_file: Annotated[str, Field(description="where the candidate is written, e.g. rtl/lfsr.sv; "
                                                     "/code/ in the harness's paths is the run folder")]
    context_files: Annotated[list[str], Field(description="given files copied into the run folder as they are, "
                                                          "e.g. rtl/ helpers the candidate instantiates")] = []


def _testbench_kind(value) -> str:
    kind = value.get("kind", "cocotb") if isinstance(value, dict) else getattr(value, "kind", "cocotb")
    return kind if kind in ("cocotb", "hdl", "pytest") else "cocotb"


AnyTestbench = Annotated[
    Annotated[Testbench, Tag("cocotb")] | Annotated[HdlTestbench, Tag("hdl")] | Annotated[PytestHarness, Tag("pytest")],
    Discriminator(_testbench_kind),
]


class ObservationMask(_Strict):
    """One output compared only in the cycles where a condition holds (a don't-care elsewhere)."""

    output: Annotated[str, Field(pattern=IDENTIFIER, description="the output port this mask applies to")]
    when: Annotated[str, Field(min_length=1, description="a Verilog expression over the task's port names, "
                                                         "read on the reference (its inputs and outputs): the "
                                                         "output is compared in the cycles where it is true, "
                                                         "e.g. \"!empty\"")]


class EquivalenceSettings(_Strict):
    """How an answer is compared with the reference by the equivalence checker: where the specification
    leaves behaviour open, the comparison does too."""

    outputs: Annotated[list[str] | None, Field(min_length=1, description="the outputs compared (default: every "
                                                                         "output); the others are don't-cares")] = None
    ignore_cycles: Annotated[int, Field(ge=0, le=64, description="the first cycles whose outputs are not "
                                                                 "compared (the reset cycle is cycle 0)")] = 0
    masks: Annotated[list[ObservationMask], Field(description="outputs compared only when a condition holds")] = []
    depth: Annotated[int | None, Field(ge=1, le=200, description="cycles of the bounded check when induction "
                                                                 "does not close (default 20)")] = None


class OptimizeSettings(_Strict):
    """rtl-optimize tasks: the working but inefficient design given to the model, and what "better"
    means for it (docs/optimize.md)."""

    given: Annotated[str, Field(description="the design to optimize; an answer must be equivalent to it")] = "given.sv"
    goal: Annotated[Literal["area", "delay", "area-delay"], Field(
        description="the figure an answer must lower: area (the CMOS transistor estimate), delay (AND-inverter "
                    "graph levels) or area-delay (their product)")]
    min_gain: Annotated[float, Field(gt=0, lt=1, description="the least relative reduction of the goal's figure "
                                                             "that counts as better")] = 0.02


class ChiselSettings(_Strict):
    """A task that also takes Chisel answers: its Chisel reference and top class."""

    reference: str = "reference.scala"
    top: Annotated[
        str | None,
        Field(pattern=IDENTIFIER, description="the top module's Scala class; default: the task's top in CamelCase"),
    ] = None


class TaskConfig(_Strict):
    """The contents of ``task.toml``."""

    schema_version: Literal[1] = SCHEMA_VERSION
    id: Annotated[str, Field(pattern=TASK_ID)]
    kind: TaskKind
    category: str
    difficulty: Difficulty
    top: Annotated[str, Field(pattern=IDENTIFIER, description="top module name")]
    ports: Annotated[list[Port], Field(description="every port of the top module (HLS kernels have none)")] = []
    clock: Clock | None = None
    reset: Reset | None = None
    parameters: list[Parameter] = []
    languages: Annotated[list[Language], Field(min_length=1)] = ["verilog", "systemverilog"]
    simulators: Annotated[list[SimulatorName], Field(min_length=1)] = list(SIMULATORS)
    limits: TaskLimits = TaskLimits()
    testbench: AnyTestbench = Testbench()
    reference: Annotated[str, Field(description="the golden answer: a design, or for assertion tasks the "
                                                "golden properties")] = "reference.sv"
    design: Annotated[str | None, Field(description="assertion tasks: the design the properties are about")] = None
    formal_depth: Annotated[int, Field(ge=1, le=200, description="assertion tasks: induction and cover depth "
                                                                 "(cycles) of the formal judge")] = 20
    nl2sva_judged_by: Annotated[Literal["proof+equivalence", "equivalence"], Field(
        description="assertion tasks: what an answer to one of its nl2sva properties must show: proven on the "
                    "design and equivalent to the reference, or (suites whose design is only a signal context, "
                    "e.g. FVEval) equivalent to the reference")] = "proof+equivalence"
    chisel: Annotated[ChiselSettings | None, Field(description="present when the task takes Chisel answers")] = None
    optimize: Annotated[OptimizeSettings | None, Field(description="rtl-optimize tasks: the given design and "
                                                                   "the goal")] = None
    equivalence: Annotated[EquivalenceSettings, Field(description="how answers are compared with the reference "
                                                                  "by the equivalence checker")] = EquivalenceSettings()
    support_files: list[str] = []
    tags: list[str] = []
    source_id: Annotated[str | None, Field(description="imported tasks: the problem's id in its public suite")] = None
    prompt: Annotated[str | None, Field(description="imported tasks: a file holding the public suite's own "
                                                    "prompt, posed verbatim (template suite-prompt)")] = None

    @model_validator(mode="after")
    def _names_are_consistent(self) -> TaskConfig:
        if not self.ports and self.kind != TaskKind.HLS_DEBUG:
            raise ValueError("field 'ports': a task of this kind lists at least one port")
        names = [p.name for p in self.ports]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"duplicate port names: {', '.join(duplicates)}")
        for signal, what in ((self.clock, "clock"), (self.reset, "reset")):
            if signal is not None and signal.name not in names:
                raise ValueError(f"{what} '{signal.name}' is not one of the ports")
        if self.kind == TaskKind.NL2SVA:
            raise ValueError("nl2sva tasks are the properties of an assertion task's nl2sva.toml, not task files")
        if (self.kind == TaskKind.ASSERTION) != (self.design is not None):
            raise ValueError("an assertion task names its design (design = \"design.sv\"); other kinds have none")
        outputs = {p.name for p in self.ports if p.direction == "output"}
        named = [*(self.equivalence.outputs or []), *(mask.output for mask in self.equivalence.masks)]
        unknown = sorted({name for name in named if name not in outputs})
        if unknown:
            raise ValueError(f"field 'equivalence': {', '.join(unknown)} is not an output port")
        compared = set(self.equivalence.outputs or outputs)
        if any(mask.output not in compared for mask in self.equivalence.masks):
            raise ValueError("field 'equivalence.masks': a mask names an output that is not compared")
        if (self.kind == TaskKind.RTL_OPTIMIZE) != (self.optimize is not None):
            raise ValueError("an rtl-optimize task has an [optimize] table naming its given design and goal; "
                             "other kinds have none")
        if ("chisel" in self.languages) != (self.chisel is not None):
            raise ValueError("a task takes Chisel answers when 'chisel' is in languages and a [chisel] table "
                             "names its reference; one without the other is a mistake")
        return self

    def port(self, name: str) -> Port | None:
        return next((p for p in self.ports if p.name == name), None)


class Spec(_Strict):
    summary: str
    detailed: str

    def text(self, level: SpecLevel = SpecLevel.DETAILED) -> str:
        return self.summary if level == SpecLevel.SUMMARY else self.detailed


class NlProperty(_Strict):
    """One natural-language property of an assertion task's design, with its reference SVA."""

    id: Annotated[str, Field(pattern=IDENTIFIER)]
    text: str
    reference: str


class Task(_Strict):
    """A loaded, validated task: its configuration, its specification and where it lives."""

    config: TaskConfig
    spec: Spec
    folder: Path
    suite: str
    nl_property: NlProperty | None = None  # set on the nl2sva tasks posed from an assertion task

    @property
    def id(self) -> str:
        return f"{self.config.id}.{self.nl_property.id}" if self.nl_property else self.config.id

    @property
    def kind(self) -> TaskKind:
        return TaskKind.NL2SVA if self.nl_property else self.config.kind

    def design_text(self) -> str:
        """Assertion and nl2sva tasks: the design the properties are about."""
        assert self.config.design is not None, "only assertion tasks (and their nl2sva tasks) have a design"
        return (self.folder / self.config.design).read_text()

    def given_text(self) -> str:
        """rtl-optimize tasks: the working design the model is asked to improve."""
        assert self.config.optimize is not None, "only rtl-optimize tasks have a given design"
        return (self.folder / self.config.optimize.given).read_text()

    def nl2sva_tasks(self) -> list[Task]:
        """An assertion task's natural-language properties (its nl2sva.toml), one task each."""
        path = self.folder / "nl2sva.toml"
        if self.config.kind != TaskKind.ASSERTION or not path.exists():
            return []
        try:
            entries = tomllib.loads(path.read_text())["property"]
            properties = [NlProperty.model_validate(entry) for entry in entries]
        except tomllib.TOMLDecodeError as error:
            raise TaskFormatError(f"{path}: not valid TOML: {error}") from None
        except (KeyError, TypeError):
            raise TaskFormatError(f"{path}: expected [[property]] tables with id, text and reference") from None
        except ValidationError as error:
            raise TaskFormatError(f"{path}: {describe_validation_error(error)}") from None
        return [self.model_copy(update={"nl_property": item}) for item in properties]

    @property
    def reference_path(self) -> Path:
        return self.folder / self.config.reference

    @property
    def test_module(self) -> str:
        return getattr(self.config.testbench, "module", None) or _single_test_module(self.folder)

    def reference_text(self, language: str = "systemverilog") -> str:
        """The golden solution in ``language`` (``chisel`` or a Verilog flavour)."""
        if self.nl_property:
            return self.nl_property.reference + "\n"
        if language == "chisel":
            return (self.folder / self._chisel().reference).read_text()
        return self.reference_path.read_text()

    @property
    def chisel_top(self) -> str:
        """The Scala class of the top module in Chisel answers."""
        return self._chisel().top or camel_case(self.config.top)

    def _chisel(self) -> ChiselSettings:
        if self.config.chisel is None:
            raise TaskFormatError(f"{self.folder / 'task.toml'}: task {self.id} takes no Chisel answers "
                                  "(no [chisel] table)")
        return self.config.chisel

    def with_visible_tests(self) -> Task | None:
        """This task graded by its visible testbench instead, or None when it has none."""
        visible = getattr(self.config.testbench, "visible", None)
        if visible is None:
            return None
        testbench = self.config.testbench.model_copy(update={"module": visible})
        return self.model_copy(update={"config": self.config.model_copy(update={"testbench": testbench})})


SCALA_KEYWORDS = frozenset("""abstract case catch class def do else extends false final finally for forSome if
implicit import lazy macro match new null object override package private protected return sealed super this
throw trait try true type val var while with yield""".split())


def scala_field(name: str) -> str:
    """A port name as a Scala identifier: keywords (a port called `match`) are backquoted."""
    return f"`{name}`" if name in SCALA_KEYWORDS else name


def camel_case(name: str) -> str:
    """A module name as a Scala class name: ``sat_add`` -> ``SatAdd``."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_") if part) or name


def load_task(folder: Path | str, suite: str | None = None) -> Task:
    """Load and validate one task folder; raise :class:`TaskFormatError` naming what is wrong."""
    folder = Path(folder).resolve()
    config = _load_config(folder / "task.toml")
    if config.id != folder.name:
        raise TaskFormatError(
            f"{folder / 'task.toml'}: field 'id': expected the folder name '{folder.name}', got '{config.id}'"
        )
    spec = _load_spec(folder / "spec.md")
    task = Task(config=config, spec=spec, folder=folder, suite=suite or folder.parent.name)
    _check_files(task)
    return task


def _load_config(path: Path) -> TaskConfig:
    if not path.is_file():
        raise TaskFormatError(f"{path}: missing (every task folder needs a task.toml)")
    try:
        raw = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as err:
        raise TaskFormatError(f"{path}: not valid TOML: {err}") from None
    try:
        return TaskConfig.model_validate(raw)
    except ValidationError as err:
        raise TaskFormatError(f"{path}: {describe_validation_error(err)}") from None


def describe_validation_error(err: ValidationError) -> str:
    problems = []
    for item in err.errors():
        location = ".".join(str(part) for part in item["loc"]) or "(top level)"
        given = item.get("input")
        shown = "" if isinstance(given, dict) else f" (got {given!r})"
        problems.append(f"field '{location}': {item['msg']}{shown}")
    return "; ".join(problems)


_SECTION = re.compile(r"^##\s+(.+?)\s*$", re.MULTILINE)


def _load_spec(path: Path) -> Spec:
    if not path.is_file():
        raise TaskFormatError(f"{path}: missing (every task folder needs a spec.md)")
    sections = markdown_sections(path.read_text())
    missing = [name for name in ("summary", "specification") if not sections.get(name)]
    if missing:
        raise TaskFormatError(
            f"{path}: expected non-empty sections '## Summary' and '## Specification'; "
            f"missing or empty: {', '.join(missing)}"
        )
    return Spec(summary=sections["summary"], detailed=sections["specification"])


def markdown_sections(text: str) -> dict[str, str]:
    headings = list(_SECTION.finditer(text))
    sections = {}
    for index, heading in enumerate(headings):
        end = headings[index + 1].start() if index + 1 < len(headings) else len(text)
        sections[heading.group(1).strip().lower()] = text[heading.end() : end].strip()
    return sections


def _check_files(task: Task) -> None:
    toml = task.folder / "task.toml"
    if not task.reference_path.is_file():
        raise TaskFormatError(f"{toml}: field 'reference': file '{task.config.reference}' not found")
    _require_files(task, toml, "support_files", task.config.support_files)
    _require_files(task, toml, "prompt", [task.config.prompt] if task.config.prompt else [])
    bench = task.config.testbench
    if task.config.kind == TaskKind.ASSERTION:
        assert task.config.design is not None  # TaskConfig's validator: an assertion task names its design
        if not (task.folder / task.config.design).is_file():
            raise TaskFormatError(f"{toml}: field 'design': file '{task.config.design}' not found")
    elif isinstance(bench, HdlTestbench):
        for field_name, names in (("sources", bench.sources), ("data_files", bench.data_files)):
            _require_files(task, toml, f"testbench.{field_name}", names)
    elif isinstance(bench, PytestHarness):
        harness = Path(bench.folder)
        _require_files(task, toml, "testbench.folder", [str(harness / bench.env_file), str(harness / bench.test)])
        _require_files(task, toml, "testbench.context_files", bench.context_files)
    elif not (task.folder / f"{task.test_module}.py").is_file():
        raise TaskFormatError(f"{toml}: field 'testbench.module': file '{task.test_module}.py' not found")
    if task.config.optimize and not (task.folder / task.config.optimize.given).is_file():
        raise TaskFormatError(f"{toml}: field 'optimize.given': file '{task.config.optimize.given}' not found")
    if task.config.chisel and not (task.folder / task.config.chisel.reference).is_file():
        raise TaskFormatError(f"{toml}: field 'chisel.reference': file '{task.config.chisel.reference}' not found")
    visible = getattr(bench, "visible", None)
    if visible is not None and not (task.folder / f"{visible}.py").is_file():
        raise TaskFormatError(f"{toml}: field 'testbench.visible': file '{visible}.py' not found")


def _require_files(task: Task, toml: Path, field_name: str, names: list[str]) -> None:
    missing = [name for name in names if not (task.folder / name).is_file()]
    if missing:
        raise TaskFormatError(f"{toml}: field '{field_name}': file '{missing[0]}' not found")


def _single_test_module(folder: Path) -> str:
    candidates = sorted(folder.glob("test_*.py"))
    if len(candidates) != 1:
        found = ", ".join(p.name for p in candidates) or "none"
        raise TaskFormatError(
            f"{folder / 'task.toml'}: field 'testbench.module': not set, and the folder must then hold "
            f"exactly one test_*.py (found: {found})"
        )
    return candidates[0].stem


def task_toml(config: TaskConfig) -> str:
    """``config`` as the text of a ``task.toml`` (fields left at their defaults are omitted), for
    tools that write tasks: importers and template instances."""
    data = config.model_dump(mode="json", exclude_defaults=True)
    data["id"], data["kind"] = config.id, config.kind.value  # always written, even when defaulted
    return toml_document(data)


def toml_document(data: dict) -> str:
    """``data`` (strings, numbers, booleans, lists, tables, arrays of tables) as TOML text."""
    return _toml_table(data, prefix="").lstrip("\n")


def _toml_table(data: dict, prefix: str) -> str:
    scalars = {k: v for k, v in data.items() if not _is_table(v) and not _is_table_array(v)}
    lines = [f"{_toml_key(key)} = {_toml_value(value)}" for key, value in scalars.items()]
    text = "\n".join(lines) + ("\n" if lines else "")
    for key, value in data.items():
        name = f"{prefix}{_toml_key(key)}"
        if _is_table(value):
            text += f"\n[{name}]\n" + _toml_table(value, f"{name}.").lstrip("\n")
        elif _is_table_array(value):
            for item in value:
                text += f"\n[[{name}]]\n" + _toml_table(item, f"{name}.").lstrip("\n")
    return text


def _toml_key(key: str) -> str:
    """A bare key when TOML allows one, else quoted (file names: `reference.sv` would be dotted)."""
    return key if re.fullmatch(r"[A-Za-z0-9_\-]+", key) else json.dumps(key)


def _is_table(value) -> bool:
    return isinstance(value, dict)


def _is_table_array(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a valid TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


def json_schema() -> dict:
    """The JSON schema of ``task.toml``, generated from :class:`TaskConfig`."""
    schema = TaskConfig.model_json_schema()
    schema["title"] = "RTL Workbench task.toml"
    return schema
