"""What a dataset is made of: records (one module with the modules it needs), rejections (input
that could not become a record, and why), and what each curation stage learned about a record."""

from __future__ import annotations

import hashlib
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Language(StrEnum):
    VERILOG = "verilog"
    SYSTEMVERILOG = "systemverilog"
    CHISEL = "chisel"


class Provenance(BaseModel):
    """Where a record came from, precisely enough to find it again."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    source: str  # the ingested folder, file or dataset, as named on the command line
    path: str  # the file inside the source, or "row N" of a table
    license: str | None = None  # the source's license field, when it has one


class Record(BaseModel):
    """One design module, self-contained: ``code`` holds the module and every module it instantiates
    that its source defines (dependencies first), so each record compiles on its own."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str
    language: Language
    top: str  # the module (Chisel: the class) this record is about
    code: str
    dependencies: list[str] = Field(default_factory=list)  # modules of the source that ``code`` includes
    missing: list[str] = Field(default_factory=list)  # modules instantiated that the source does not define
    provenance: Provenance
    description: str | None = None  # a description shipped with the source (a dataset column, NAME.md)
    testbench: str | None = None  # a self-checking HDL testbench shipped with the source
    reference: str | None = None  # a reference design the record must match


def record_id(provenance: Provenance, top: str, code: str) -> str:
    """Stable across re-ingestion of the same input; distinct for the same code found in two places,
    so that duplicates are found by the dedup stage, not silently merged."""
    key = "\0".join((provenance.source, provenance.path, top, code))
    return hashlib.sha256(key.encode()).hexdigest()[:16]


class Rejection(BaseModel):
    """Input that did not become a record: a binary file, an oversized one, a file with no module."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    source: str
    path: str
    reason: str


class CheckVerdict(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    SKIPPED = "skipped"  # not applicable, or the tool is missing: ``message`` says which


class CheckResult(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    verdict: CheckVerdict
    message: str = ""  # the first diagnostic of a failure, or why the check was skipped
    seconds: float = 0.0


class Verification(BaseModel):
    """The verify stage's findings for one record: each check ("parse", "lint", "compile", "synth",
    "simulate"), the synthesis figures, and the overall verdict."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    record_id: str
    verified: bool  # every check that ran passed, and at least parse and compile ran
    reason: str = ""  # why not verified: the first failing check and its message
    checks: dict[str, CheckResult] = Field(default_factory=dict)
    lint_warnings: int | None = None
    cells: int | None = None  # Yosys generic cells after `synth`
    depth: int | None = None  # longest combinational path in cells (Yosys `ltp -noff`)
    verifier: str = ""  # the verifier's version: a new one re-verifies everything


class Duplicate(BaseModel):
    """A record that duplicates another: it is dropped from exports, its ``kept`` record stays."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    record_id: str
    kept: str  # the cluster's representative
    kind: str  # "exact" (same normalized text) or "near" (estimated Jaccard similarity >= threshold)
    similarity: float


class Contamination(BaseModel):
    """A record too close to a benchmark task."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    record_id: str
    task: str  # "suite/task"
    overlap: float  # fraction of the record's n-grams found in the task
    longest: int  # longest run of consecutive shared n-grams, in tokens
    dropped: bool  # decontaminate --action drop (False: only flagged)


class Description(BaseModel):
    """Descriptions at three grains (as in MG-Verilog) and what checked them."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    record_id: str
    summary: str  # one line
    detailed: str  # behaviour and interface, every port named
    commented_code: str  # the code with block-level comments, otherwise unchanged
    model: str
    accepted: bool
    problems: list[str] = Field(default_factory=list)  # why not accepted: ports not named, code changed
