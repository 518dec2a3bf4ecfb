"""The HLS debugging suites' format: kernels (``kernel.toml``) and their bugs (``bugs/*/bug.toml``),
loaded and posed as ``hls-debug`` tasks. Building and judging them is :mod:`workbench.hls`'s.

A kernel folder holds the golden kernel, its header, testbench and random driver; each of its
``bugs/`` holds one buggy copy of the kernel source. See docs/hls-tasks.md.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from workbench.task.format import (
    IDENTIFIER,
    Difficulty,
    Spec,
    Task,
    TaskConfig,
    TaskFormatError,
    TaskKind,
    describe_validation_error,
)

LOGIC_BUGS = ("out-of-bounds", "uninitialized-read", "oversized-shift", "infinite-loop", "sign-extension",
              "lost-unroll-iteration", "zero-init", "wrong-buffer-half", "off-by-one", "wrong-operator")
PRAGMA_BUGS = ("array-partition", "dataflow", "interface", "nested-pipeline", "incomplete-unroll")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class KernelConfig(_Strict):
    name: Annotated[str, Field(pattern=IDENTIFIER)]
    top: Annotated[str, Field(pattern=IDENTIFIER, description="the kernel function")]
    source: str
    header: str
    testbench: str
    driver: str
    spec: str = "spec.md"
    category: str


class BugConfig(_Strict):
    id: Annotated[str, Field(pattern=IDENTIFIER)]
    bug_class: Annotated[Literal["logic", "pragma"], Field(alias="class")]
    type: str
    lines: Annotated[list[int], Field(min_length=1)]
    symptom: str
    show_testbench: bool = True


@dataclass(frozen=True)
class Kernel:
    folder: Path
    config: KernelConfig

    @property
    def name(self) -> str:
        return self.config.name

    def text(self, name: str) -> str:
        return (self.folder / name).read_text()


@dataclass(frozen=True)
class Bug:
    kernel: Kernel
    folder: Path
    config: BugConfig

    @property
    def id(self) -> str:
        return self.config.id

    @property
    def buggy_source(self) -> str:
        return (self.folder / self.kernel.config.source).read_text()


@dataclass
class HlsSuite:
    name: str
    kernels: list[Kernel] = field(default_factory=list)
    bugs: list[Bug] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def is_hls_suite(folder: Path) -> bool:
    return any(folder.glob("*/kernel.toml"))


def load_hls_suite(folder: Path) -> HlsSuite:
    """Every kernel and bug under ``folder``; a malformed one is a problem named with its file."""
    suite = HlsSuite(folder.name)
    for kernel_file in sorted(folder.glob("*/kernel.toml")):
        try:
            kernel = _load_kernel(kernel_file)
        except TaskFormatError as error:
            suite.problems.append(str(error))
            continue
        suite.kernels.append(kernel)
        for bug_file in sorted(kernel.folder.glob("bugs/*/bug.toml")):
            try:
                suite.bugs.append(_load_bug(kernel, bug_file))
            except TaskFormatError as error:
                suite.problems.append(str(error))
    return suite


def _load_toml(path: Path, model: type[_Strict]):
    try:
        return model.model_validate(tomllib.loads(path.read_text()))
    except tomllib.TOMLDecodeError as error:
        raise TaskFormatError(f"{path}: not valid TOML: {error}") from None
    except ValidationError as error:
        raise TaskFormatError(f"{path}: {describe_validation_error(error)}") from None


def _load_kernel(path: Path) -> Kernel:
    config = _load_toml(path, KernelConfig)
    if config.name != path.parent.name:
        raise TaskFormatError(f"{path}: field 'name': expected the folder name '{path.parent.name}'")
    for name in (config.source, config.header, config.testbench, config.driver, config.spec):
        if not (path.parent / name).is_file():
            raise TaskFormatError(f"{path}: names '{name}', which is not in {path.parent}")
    return Kernel(path.parent, config)


def _load_bug(kernel: Kernel, path: Path) -> Bug:
    config = _load_toml(path, BugConfig)
    allowed = LOGIC_BUGS if config.bug_class == "logic" else PRAGMA_BUGS
    if config.type not in allowed:
        raise TaskFormatError(f"{path}: field 'type': '{config.type}' is not a {config.bug_class} bug type "
                              f"({', '.join(allowed)})")
    if config.id != path.parent.name:
        raise TaskFormatError(f"{path}: field 'id': expected the folder name '{path.parent.name}'")
    if not (path.parent / kernel.config.source).is_file():
        raise TaskFormatError(f"{path}: the buggy {kernel.config.source} is missing from {path.parent}")
    return Bug(kernel, path.parent, config)


def hls_tasks(suite: HlsSuite, suite_name: str) -> list[Task]:
    """Each bug as an ``hls-debug`` task: its folder is the bug's, its reference the golden kernel."""
    tasks = []
    for bug in suite.bugs:
        kernel = bug.kernel
        spec_text = kernel.text(kernel.config.spec)
        title = spec_text.strip().splitlines()[0].lstrip("# ").strip() if spec_text.strip() else kernel.name
        config = TaskConfig(id=bug.id, kind=TaskKind.HLS_DEBUG, category=kernel.config.category,
                            difficulty=Difficulty.MEDIUM, top=kernel.config.top, languages=["cpp"],
                            reference=f"../../{kernel.config.source}",
                            tags=[bug.config.bug_class, bug.config.type])
        tasks.append(Task(config=config, spec=Spec(summary=title, detailed=spec_text), folder=bug.folder,
                          suite=suite_name))
    return tasks


@functools.cache
def bug_of(folder: Path) -> Bug:
    """The bug an ``hls-debug`` task's folder holds (with its kernel)."""
    kernel = _load_kernel(folder.parent.parent / "kernel.toml")
    return _load_bug(kernel, folder / "bug.toml")
