"""The scorer seam: one protocol for every task kind, and the registry that picks a kind's scorer.

A :class:`Scorer` judges answers to one task and returns one :class:`Result` per answer, in order.
``workbench.score``, ``rtlwb score``, the bench loop and the self-test all reach a task's scorer
through :func:`get_scorer`, so they judge alike. The registry names each scorer as
``"module:Class"`` and imports it on first use: importing :mod:`workbench.scorer` loads no
simulator, parser or formal tool.

Adding a task kind's scorer: a module with a class that has the protocol's members, and one line
in :data:`_SCORERS`.
"""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from workbench._exports import load
from workbench.errors import WorkbenchError
from workbench.scorer.result import Result
from workbench.task.format import Task, TaskKind


class ScoreOptions(BaseModel):
    """How to score: what every kind's scorer may need (each reads its own)."""

    model_config = ConfigDict(frozen=True)

    sim: str | None = None  # simulated kinds: the simulator (None: the task's first); others ignore it
    seed: int | None = None  # of the testbench (None: one derived from the task id)
    waves: bool = False
    keep_build: bool = False
    workdir: Path | None = None  # where each answer gets its fresh artefact folder (None: a temporary folder)
    lint: bool = False  # Verilator --lint-only before the build; its errors fail the candidate
    run_tests: bool = True  # False: stop after a clean build (status ``compiled``)
    language: str = "systemverilog"  # of the answer: verilog, systemverilog or chisel
    solver: str = "yices"  # formal kinds: the SMT solver of the open judge


class SimulatorNotAllowedError(WorkbenchError, ValueError):
    """The options ask for a simulator the task does not run on: a usage error, raised before any work."""


class Scorer(Protocol):
    name: str
    version: int  # raised whenever a verdict could change, so that records say which judge gave them
    batches: bool  # whether several answers to one task are worth scoring in one call (shared processes)

    def check(self, task: Task, options: ScoreOptions) -> None:
        """Raise :class:`SimulatorNotAllowedError` when ``options`` cannot score ``task``; does no work."""

    def score(self, task: Task, answers: Sequence[str], options: ScoreOptions) -> list[Result]:
        """One result per answer, in order, each as if the answer had been scored alone."""


_SCORERS: dict[TaskKind, str] = {
    TaskKind.SPEC_TO_RTL: "workbench.scorer.simulation:SimulationScorer",
    TaskKind.COMPLETION: "workbench.scorer.simulation:SimulationScorer",
    TaskKind.ASSERTION: "workbench.scorer.assertion:FormalScorer",
    TaskKind.NL2SVA: "workbench.scorer.assertion:FormalScorer",
    TaskKind.HLS_DEBUG: "workbench.scorer.hls_debug:HlsScorer",
    TaskKind.RTL_OPTIMIZE: "workbench.scorer.optimize:OptimizeScorer",
}


def get_scorer(kind: TaskKind | str) -> Scorer:
    """The scorer of tasks of ``kind`` (one instance per scorer, whichever kinds share it)."""
    return _scorer_at(_SCORERS[TaskKind(kind)])


@functools.cache
def _scorer_at(path: str) -> Scorer:
    return load(path)()


def scorer_label(scorer: Scorer) -> str:
    """How records name a scorer: ``name@version``."""
    return f"{scorer.name}@{scorer.version}"


def score(task: Task, answer: str, sim: str | None = None, options: ScoreOptions = ScoreOptions()) -> Result:
    """Score the model answer ``answer`` for ``task`` (on simulator ``sim``, for simulated kinds)."""
    return score_many(task, [answer], sim, options)[0]


def score_many(task: Task, answers: Sequence[str], sim: str | None = None,
               options: ScoreOptions = ScoreOptions()) -> list[Result]:
    """Score several answers for ``task``: one result per answer, in order, each the one :func:`score` gives."""
    if sim is not None:
        options = options.model_copy(update={"sim": sim})
    return get_scorer(task.kind).score(task, answers, options)


def simulator_of(task: Task, options: ScoreOptions) -> str:
    """The simulator ``options`` ask for (by default the task's first), if the task runs on it."""
    allowed = task.config.simulators
    sim = options.sim or allowed[0]
    if sim not in allowed:
        raise SimulatorNotAllowedError(f"task {task.suite}/{task.id} does not run on {sim}; "
                                       f"it allows {', '.join(allowed)}")
    return sim


def answer_folder(task: Task, workdir: Path | None, label: str) -> Path:
    """A fresh folder for one answer's artefacts (or one batch's), under ``workdir``."""
    parent = (workdir or Path(tempfile.gettempdir()) / "rtlwb").resolve()  # children run elsewhere
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{task.id}-{label}-", dir=parent))
