"""The template library: parameterized accelerator blocks in ``rtl_templates/<name>/``.

A block is ``template.toml`` (validated by :class:`TemplateConfig`), ``description.md``, the RTL
``<name>.sv`` and a cocotb test that reads its parameters from the design. Instantiating a block
rewrites its parameter defaults, and yields a task for that parameterization, so an instance is
checked by the same scorer as any candidate (sandboxed, on Icarus or Verilator).

A parameter declares the rules its description states (a range, a power of two, a multiple of a
number or of another parameter, a bound by another parameter); every parameterization is checked
against them: the defaults and the test configurations when the block loads, an instance before
it is written.
"""

from __future__ import annotations

import operator
import re
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from workbench.errors import WorkbenchError
from workbench.scorer import ScoreOptions, score
from workbench.scorer.result import Result
from workbench.task.format import (
    IDENTIFIER,
    ChiselSettings,
    Clock,
    Difficulty,
    Parameter,
    Port,
    Reset,
    Spec,
    Task,
    TaskConfig,
    TaskFormatError,
    TaskKind,
    describe_validation_error,
    load_task,
    markdown_sections,
    task_toml,
)
from workbench.task.suite import PROJECT_ROOT

TEMPLATES_ROOT = PROJECT_ROOT / "rtl_templates"
Category = Literal["compute", "dataflow", "memory", "control", "interface", "activation"]


class TemplatePort(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: Annotated[str, Field(pattern=IDENTIFIER)]
    direction: Literal["input", "output", "inout"]
    width: int | str = Field(1, description="bits, or an expression over the parameters")
    signed: bool = False
    description: str = ""


Bound = int | str  # a number, or an expression over the block's parameters ("DEPTH", "IN_WIDTH-1")


class TemplateParameter(Parameter):
    """A block parameter: a task parameter (``min``/``max`` are its range) and the other rules
    its description states, checked whenever the block is instantiated."""

    power_of_two: bool = False
    multiple_of: Bound | None = None
    at_least: Bound | None = None
    at_most: Bound | None = None

    def rules(self) -> list[str]:
        """The rules beyond the range, as ``templates show`` prints them and errors name them."""
        return [*(["a power of two"] if self.power_of_two else []),
                *(f"{relation} {bound}" for relation, bound, _ in self._relations())]

    def violation(self, values: dict[str, int], block: str) -> str | None:
        """What is wrong with this parameter's value among ``values`` (all of the block's), or None."""
        value = values[self.name]
        if (self.min is not None and value < self.min) or (self.max is not None and value > self.max):
            return f"{self.name}={value} is outside [{self.min}, {self.max}]"
        if self.power_of_two and (value < 1 or value & (value - 1)):
            return f"{self.name}={value} must be a power of two"
        for relation, bound, holds in self._relations():
            limit = _evaluate(bound, values, block)
            if not holds(value, limit):
                here = "" if isinstance(bound, int) else f" (= {limit} here)"
                return f"{self.name}={value} must be {relation} {bound}{here}"
        return None

    def _relations(self) -> list[tuple[str, Bound, Callable[[int, int], bool]]]:
        relations: list[tuple[str, Bound | None, Callable[[int, int], bool]]] = [
            ("a multiple of", self.multiple_of, lambda value, limit: limit != 0 and value % limit == 0),
            (">=", self.at_least, operator.ge), ("<=", self.at_most, operator.le)]
        return [(relation, bound, holds) for relation, bound, holds in relations if bound is not None]


class TestConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    parameters: dict[str, int]


class TemplateConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: Annotated[str, Field(pattern=IDENTIFIER)]
    summary: str
    category: Category
    tags: list[str] = []
    related: list[str] = []
    languages: list[Literal["verilog", "systemverilog", "chisel"]] = ["systemverilog"]
    parameters: list[TemplateParameter] = []
    ports: Annotated[list[TemplatePort], Field(min_length=1)]
    clock: Clock | None = None
    reset: Reset | None = None
    test_configs: Annotated[list[TestConfig], Field(min_length=2)]

    @model_validator(mode="after")
    def _configs_name_known_parameters(self) -> TemplateConfig:
        known = {p.name for p in self.parameters}
        for config in self.test_configs:
            unknown = set(config.parameters) - known
            if unknown:
                raise ValueError(f"test_configs name unknown parameters: {', '.join(sorted(unknown))}")
        return self

    @model_validator(mode="after")
    def _parameterizations_keep_the_rules(self) -> TemplateConfig:
        defaults = {p.name: p.default for p in self.parameters}
        for label, overrides in [("the defaults", {}), *((f"test_configs {config.parameters}", config.parameters)
                                                         for config in self.test_configs)]:
            values = defaults | overrides
            problems = [found for p in self.parameters if (found := p.violation(values, self.name))]
            if problems:
                raise ValueError(f"{label}: {'; '.join(problems)}")
        return self


class BlockTemplate(BaseModel):
    model_config = ConfigDict(frozen=True)
    config: TemplateConfig
    spec: Spec
    folder: Path

    @property
    def name(self) -> str:
        return self.config.name

    @property
    def rtl_path(self) -> Path:
        return self.folder / f"{self.name}.sv"

    def rtl(self) -> str:
        return self.rtl_path.read_text()

    @property
    def has_chisel(self) -> bool:
        return "chisel" in self.config.languages

    @property
    def chisel_path(self) -> Path:
        return self.folder / f"{self.name}.scala"

    def resolve(self, overrides: dict[str, int] | None = None) -> dict[str, int]:
        """Parameter values: defaults with ``overrides`` applied, checked against every parameter's
        rules (the overridden parameters first: a default can break a rule only through them)."""
        overrides = overrides or {}
        values = {p.name: p.default for p in self.config.parameters}
        unknown = [name for name in overrides if name not in values]
        if unknown:
            raise TemplateError(f"{self.name}: no parameter '{unknown[0]}' (has: {', '.join(values) or 'none'})")
        values |= overrides
        for parameter in sorted(self.config.parameters, key=lambda p: p.name not in overrides):
            problem = parameter.violation(values, self.name)
            if problem:
                default = "" if parameter.name in overrides else (
                    f"; {parameter.default} is its default, so give {parameter.name} a value too")
                raise TemplateError(f"{self.name}: {problem}{default}")
        return values

    def instantiate(self, overrides: dict[str, int] | None = None, language: str = "systemverilog") -> str:
        """The design with its parameter defaults set to the resolved values: the RTL, or with
        ``language="chisel"`` the Scala source (constructor defaults ``NAME: Int = value``)."""
        values = self.resolve(overrides)
        chisel = language == "chisel"
        if chisel and not self.has_chisel:
            raise TemplateError(f"{self.name}: no Chisel version (template.toml languages has no 'chisel')")
        path = self.chisel_path if chisel else self.rtl_path
        text = path.read_text()
        for name, value in values.items():
            pattern = _scala_default_of(name) if chisel else _default_of(name)
            text, count = pattern.subn(rf"\g<1>{value}", text, count=1)
            if count != 1:
                form = f"{name}: Int = ..." if chisel else f"parameter ... {name} = ..."
                raise TemplateError(f"{path}: parameter '{name}' has no `{form}` default")
        return text

    def as_task(self, overrides: dict[str, int] | None = None) -> Task:
        """A task for one parameterization: its ports at those widths, its test as testbench."""
        values = self.resolve(overrides)
        ports = [Port(name=p.name, direction=p.direction, width=_evaluate(p.width, values, self.name),
                      signed=p.signed, description=p.description) for p in self.config.ports]
        parameters = [Parameter.model_validate(p.model_dump(include=set(Parameter.model_fields)) |
                                               {"default": values[p.name]}) for p in self.config.parameters]
        chisel = ChiselSettings(reference=self.chisel_path.name) if self.has_chisel else None
        languages = ["verilog", "systemverilog", *(["chisel"] if chisel else [])]
        config = TaskConfig(id=self.name.lower(), kind=TaskKind.SPEC_TO_RTL, category=self.config.category,
                            difficulty=Difficulty.MEDIUM, top=self.name, ports=ports, clock=self.config.clock,
                            reset=self.config.reset, parameters=parameters, tags=self.config.tags,
                            languages=languages, chisel=chisel)
        return Task(config=config, spec=self.spec, folder=self.folder, suite="rtl_templates")

    def write_task(self, folder: Path, overrides: dict[str, int] | None = None) -> Task:
        """A standalone task folder for one parameterization (task.toml with the ports at those
        widths, spec.md, the instance as reference.sv, the block's tests), loaded back to prove it."""
        task = self.as_task(overrides)
        try:
            config = TaskConfig.model_validate(task.config.model_dump() | {"id": folder.name})
        except ValidationError as error:
            raise TemplateError(f"{folder}: not usable as a task folder: {describe_validation_error(error)}") from None
        folder.mkdir(parents=True, exist_ok=True)
        values = ", ".join(f"{p.name} = {p.default}" for p in config.parameters)
        (folder / "task.toml").write_text(task_toml(config))
        (folder / "spec.md").write_text(f"# {self.name}\n\n## Summary\n{self.spec.summary}\n\n## Specification\n"
                                        f"{self.spec.detailed}\n\nThis instance: {values or 'no parameters'}.\n")
        (folder / "reference.sv").write_text(self.instantiate(overrides))
        if self.has_chisel:
            (folder / self.chisel_path.name).write_text(self.instantiate(overrides, "chisel"))
        shutil.copy(self.folder / f"test_{self.name}.py", folder)
        return load_task(folder, suite=folder.parent.name)

    def check(self, sim: str = "icarus", language: str = "systemverilog") -> list[tuple[dict[str, int], Result]]:
        """Score each test configuration's instance (in ``language``) with the block's own tests."""
        return [(config.parameters, score(self.as_task(config.parameters),
                                          self.instantiate(config.parameters, language), sim,
                                          ScoreOptions(language=language)))
                for config in self.config.test_configs]


class TemplateError(WorkbenchError, ValueError):
    pass


def _scala_default_of(name: str) -> re.Pattern:
    return re.compile(rf"(\b{re.escape(name)}\s*:\s*Int\s*=\s*)-?\d+")


def _default_of(name: str) -> re.Pattern:
    """``parameter ... NAME = default``, the whole default (``DEPTH - 2``, ``$clog2(N) + 1``): up to
    the comma, semicolon, closing parenthesis, end of line or comment that ends it."""
    default = r"(?:[^,;()\n/]|/(?![/*])|\([^()\n]*\))+?(?=[ \t]*(?:[,;)\n]|//|/\*))"
    return re.compile(rf"(\bparameter\b[^=;,)]*?\b{re.escape(name)}\s*=\s*){default}")


_EXPRESSION = re.compile(r"^[\w\s+\-*/()$]+$")


def _evaluate(expression: int | str, values: dict[str, int], block: str) -> int:
    """A port width or a parameter's bound: an expression over the parameters (integers, + - * /,
    parentheses, $clog2)."""
    if isinstance(expression, int):
        return expression
    if not _EXPRESSION.match(expression):
        raise TemplateError(f"{block}: expression '{expression}' uses unsupported syntax")
    python = re.sub(r"\$clog2\s*\(", "_clog2(", expression).replace("/", "//")
    names = {"_clog2": lambda x: max(0, (int(x) - 1).bit_length()), **values}
    try:
        return int(eval(python, {"__builtins__": {}}, names))  # restricted to the checked syntax
    except (NameError, SyntaxError, ZeroDivisionError) as problem:
        raise TemplateError(f"{block}: cannot evaluate '{expression}': {problem}") from None


def load_template(folder: Path) -> BlockTemplate:
    folder = Path(folder).resolve()
    toml = folder / "template.toml"
    if not toml.is_file():
        raise TaskFormatError(f"{toml}: missing")
    try:
        config = TemplateConfig.model_validate(tomllib.loads(toml.read_text()))
    except tomllib.TOMLDecodeError as error:
        raise TaskFormatError(f"{toml}: not valid TOML: {error}") from None
    except ValidationError as error:
        raise TaskFormatError(f"{toml}: {describe_validation_error(error)}") from None
    if config.name != folder.name:
        raise TaskFormatError(f"{toml}: field 'name': expected the folder name '{folder.name}'")
    description_file = folder / "description.md"
    sections = markdown_sections(description_file.read_text()) if description_file.is_file() else {}
    if not sections.get("summary") or not sections.get("description"):
        raise TaskFormatError(f"{description_file}: needs sections '## Summary' and '## Description'")
    template = BlockTemplate(config=config, spec=Spec(summary=sections["summary"], detailed=sections["description"]),
                        folder=folder)
    needed_files = [template.rtl_path, folder / f"test_{config.name}.py",
                    *([template.chisel_path] if template.has_chisel else [])]
    for needed in needed_files:
        if not needed.is_file():
            raise TaskFormatError(f"{toml}: {needed.name} not found")
    return template


class Library(BaseModel):
    """The loaded blocks; a malformed block is reported, not allowed to hide the others."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    templates: list[BlockTemplate] = []
    problems: list[str] = []


def load_library(root: Path = TEMPLATES_ROOT) -> Library:
    library = Library()
    for toml in sorted(Path(root).glob("*/template.toml")):
        try:
            library.templates.append(load_template(toml.parent))
        except TaskFormatError as problem:
            library.problems.append(str(problem))
    return library


def find_template(name: str, root: Path = TEMPLATES_ROOT) -> BlockTemplate:
    folder = Path(root) / name
    if not (folder / "template.toml").is_file():
        known = ", ".join(t.name for t in load_library(root).templates) or "none"
        raise TemplateError(f"no template '{name}' (known: {known})")
    return load_template(folder)
