"""Result: the typed verdict of scoring one candidate against one task."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from workbench.synth.figures import SynthFigures

if TYPE_CHECKING:
    from workbench.formal.design_equivalence import EquivalenceVerdict


class Status(StrEnum):
    PASS = "pass"
    # Built cleanly, but no testbench ran: function is unchecked (compile-only checks, never a
    # benchmark verdict).
    COMPILED = "compiled"
    FAIL_FUNCTIONAL = "fail_functional"
    # rtl-optimize: the tests pass, but the design is not proven equivalent to the given one, or is not
    # better than it on the task's goal
    FAIL_EQUIVALENCE = "fail_equivalence"
    FAIL_NOT_BETTER = "fail_not_better"
    FAIL_INTERFACE = "fail_interface"
    FAIL_COMPILE = "fail_compile"
    FAIL_EXTRACT = "fail_extract"
    TIMEOUT = "timeout"
    CRASH = "crash"
    INFRA_ERROR = "infra_error"

    @property
    def is_model_failure(self) -> bool:
        """Whether this verdict counts against the candidate (infrastructure errors never do)."""
        return self not in (Status.PASS, Status.COMPILED, Status.INFRA_ERROR)


class Stage(StrEnum):
    EXTRACT = "extract"
    INTERFACE = "interface"
    LINT = "lint"
    CHISEL = "chisel"  # Scala compile, elaboration and firtool
    COMPILE = "compile"
    SIMULATE = "simulate"
    FORMAL = "formal"


class AssertionVerdictRecord(BaseModel):
    label: str
    line: int
    verdict: str  # proven | cex | unknown | vacuous | unsupported | syntax_error | elaboration_error | error
    message: str = ""


class FormalScore(BaseModel):
    """What the open formal judge found in one answer to an assertion or nl2sva task."""

    assertions: int = 0
    parsed: bool = False  # the properties parsed and elaborated with the design
    supported: int = 0
    proven: int = 0
    cex: int = 0
    unknown: int = 0
    vacuous: int = 0
    mutants: int = 0  # assertion tasks: mutants tried (only when some assertion was proven)
    killed: int = 0
    relation: str | None = None  # nl2sva: equivalent | stronger | weaker | unrelated | ...
    # assertion tasks: the proven assertions also hold with every signal of the design free, so
    # they say nothing about it (e.g. `assert property (@(posedge clk) 1'b1)`)
    tautology: bool = False
    engine: str = ""
    depth: int = 0
    verdicts: list[AssertionVerdictRecord] = []


class HlsCheckRecord(BaseModel):
    check: str
    ok: bool
    detail: str = ""
    static: bool = False  # judged by the static pragma checker, not by execution


class HlsScore(BaseModel):
    """An answer to an hls-debug task: the checks of its fix, and its localization of the bug."""

    checks: list[HlsCheckRecord] = []
    predicted_lines: list[int] = []
    predicted_type: str | None = None
    line_top1: bool = False  # the first predicted line is a bug line
    line_top3: bool = False  # one of the first three is
    type_correct: bool = False


class EquivalenceScore(BaseModel):
    """The formal second verdict of an answer that passed simulation: is its design the task's
    reference at the outputs, cycle for cycle from reset (docs/equivalence.md)?"""

    status: Literal["equivalent", "equivalent-bounded", "different", "differs-only-in-x", "unknown", "unsupported"]
    label: str  # the status as reports print it: ``equivalent-bounded:N`` names its depth
    depth: int | None = None  # cycles from reset that were checked (bounded), or where a difference shows
    reason: str = ""
    method: str = ""  # how the checker decided (equivalence flow, k-induction, bounded check, SAT)
    counterexample: str = ""  # a ``different`` verdict's input sequence and both designs' outputs, per cycle
    seconds: float = 0.0

    @property
    def agrees(self) -> bool:
        """Whether the answer counts as the reference: proven, or no difference within the bound."""
        return self.status in ("equivalent", "equivalent-bounded")

    @classmethod
    def of(cls, verdict: EquivalenceVerdict) -> EquivalenceScore:
        """The checker's verdict as results record it (the counterexample as its per-cycle table)."""
        table = verdict.counterexample.table() if verdict.counterexample is not None else ""
        return cls(status=verdict.status, label=verdict.label, depth=verdict.depth, reason=verdict.reason,
                   method=verdict.method, counterexample=table, seconds=verdict.seconds)


class SynthesisScore(BaseModel):
    """A passing design's synthesis figures beside its task's reference's (same recipe), whose ratios
    reports show: below 1, the answer is smaller or shallower than the reference."""

    answer: SynthFigures
    reference: SynthFigures | None = None  # None: the task has no reference design to synthesise

    def ratio(self, figure: str) -> float | None:
        """``figure`` (transistors, aig_levels, luts, flip_flops, ...) of the answer over the reference's;
        None when either has no figures or the reference's is 0."""
        if self.answer.status != "ok" or self.reference is None or self.reference.status != "ok":
            return None
        mine, theirs = getattr(self.answer, figure), getattr(self.reference, figure)
        return round(mine / theirs, 4) if theirs else None


class OptimizationScore(BaseModel):
    """An answer to an rtl-optimize task: its goal figure beside the given design's and the expert
    reference's. ``improvement`` is the share of the given design's figure the answer saves (0.3:
    30% smaller or faster); ``versus_reference`` is the answer's figure over the reference's (below
    1: better than the expert)."""

    goal: str  # area | delay | area-delay
    figure: str  # what the goal measures: transistors, aig_levels, or their product
    given: float
    reference: float | None = None
    answer: float | None = None  # None: the answer was not synthesised (it failed before)
    improvement: float | None = None
    versus_reference: float | None = None
    min_gain: float = 0.0
    given_synthesis: SynthFigures | None = None  # (the answer's and the reference's: the result's ``synthesis``)


_ADDRESS = re.compile(r"0x[0-9a-f]+")


class Result(BaseModel):
    """The verdict of one answer, with its evidence. The per-kind detail is one optional typed field
    per judge (``formal``, ``hls``) rather than a tagged union: each scorer sets at most its own,
    readers test it for None, and the JSON stays the shape ``rtlwb score --json`` always printed.
    ``equivalence`` is the second verdict of a simulation pass, when it was asked for."""

    task_id: str
    simulator: str
    status: Status
    tests_run: int = 0
    tests_failed: int = 0
    message: str = ""
    diagnostics: str = ""
    lint: list[str] = []  # Verilator lint messages, when lint ran
    formal: FormalScore | None = None  # assertion and nl2sva tasks
    hls: HlsScore | None = None  # hls-debug tasks
    equivalence: EquivalenceScore | None = None  # a simulation pass compared with the reference (or the given design)
    synthesis: SynthesisScore | None = None  # a pass's synthesis figures, when they were asked for
    optimization: OptimizationScore | None = None  # rtl-optimize tasks
    tool_versions: dict[str, str] = {}
    durations_s: dict[Stage, float] = {}
    artefacts: Path | None = None
    seed: int = 0
    isolation: str = ""  # what isolated the answer's runs: bubblewrap, or none when waived (docs/security.md)

    def conclude(self, status: Status, message: str, diagnostics: str | None = None) -> Result:
        """Set the verdict (and the evidence, when given); returns the result itself."""
        self.status = status
        self.message = message
        if diagnostics is not None:
            self.diagnostics = diagnostics
        return self

    @property
    def passed(self) -> bool:
        return self.status == Status.PASS

    def verdict(self) -> tuple[Status, int, int, str]:
        """What must not change when the answer is scored with others (batched) instead of alone:
        status, counts and the first line of the failure message. (pytest's explanation under a
        failed assertion names signal handles by their path and may print object addresses, which
        differ from run to run anyway.)"""
        first_line = self.message.splitlines()[0] if self.message else ""
        return self.status, self.tests_run, self.tests_failed, _ADDRESS.sub("0x…", first_line)

    def summary(self) -> str:
        tests = ""
        if self.tests_run:
            tests = (f" ({self.tests_failed}/{self.tests_run} tests failed)" if self.tests_failed
                     else f" ({self.tests_run} tests passed)")
        detail = f": {self.message}" if self.message else ""
        return f"{self.task_id} [{self.simulator}] {self.status.value}{tests}{detail}"
