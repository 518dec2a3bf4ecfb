"""Log/Results: the run folder, written so that a crash at any instant loses nothing completed.

``runs/<run-id>/``
- ``run.json``: the full configuration, tool versions, git revision, seeds;
- ``completions.jsonl``: one record per generated sample (rendered messages, raw answer, usage);
- ``samples.jsonl``: one record per scored sample (verdict, diagnostics, artefact folder);
- ``equivalence.jsonl``: one record per distinct candidate that passed simulation and was compared
  with the task's reference (the formal second verdict); reading the samples puts it into each
  sample's ``result.equivalence``, so identical candidates share it as they share the verdict;
- ``synthesis.jsonl``: one record per distinct candidate that passed simulation and was
  synthesised beside the task's reference (docs/synthesis.md); read into ``result.synthesis``;
- ``model_errors.jsonl``: one record per failed model request (kind, message, attempts, time); a
  sample that failed is asked again by the next run, so only the errors of samples still without
  a completion count;
- ``results.json``: the run's figures (see :mod:`workbench.report.results`), rewritten whenever
  the run ends or resumes;
- ``artefacts/<task>/...``: each scoring's logs, ``results.xml`` and candidate;
- ``index.sqlite``: an index of ``samples.jsonl`` for queries, rebuilt from it whenever stale.

The JSONL files are append-only, one fsync'd line per record: after ``kill -9`` at most a partial
last line exists, which the next run cuts off before appending.
"""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import subprocess
from collections.abc import Iterable
from datetime import UTC, datetime
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from workbench._paths import write_atomically
from workbench._secrets import redact
from workbench.errors import WorkbenchError
from workbench.model import ChatMessage, GenerateConfig
from workbench.scorer import Result, ScoreOptions, Status
from workbench.scorer.result import EquivalenceScore, SynthesisScore
from workbench.task.format import SpecLevel
from workbench.task.suite import PROJECT_ROOT

LOG_VERSION = 1


class Selection(BaseModel):
    """Which tasks a run poses, how many samples of each, and the k of pass@k."""

    suites: list[str]
    tasks: list[str] | None = None
    limit: int | None = Field(None, ge=1, description="only the first N tasks: suites in the order given, each "
                              "suite's tasks in the order `rtlwb tasks list` shows (after --task)")
    n: int = Field(1, ge=1)
    k: list[int] = [1]


class ModelSettings(BaseModel):
    """The model that answers (its provider string) and how it samples."""

    name: str
    base_url: str | None = None
    generation: GenerateConfig = GenerateConfig()
    seed: int | None = Field(None, description="generation seed: sample i uses seed + i")


class SolverSettings(BaseModel):
    """How each task is posed and answered: the pipeline (see ``workbench.solver.PIPELINES``) and
    the options of its steps."""

    spec_level: SpecLevel = SpecLevel.DETAILED
    few_shot: int = Field(0, ge=0)
    language: Literal["verilog", "systemverilog", "chisel"] = Field(
        "systemverilog", description="the language answers are asked for (chisel: tasks with a Chisel reference)")
    translate: bool = Field(False, description="chisel only: the prompt gives the reference Verilog to translate")
    kind: Literal["assertion", "nl2sva"] = Field(
        "assertion", description="what suites of assertion tasks ask: properties for the design (assertion), "
                                 "or one property per natural-language statement (nl2sva)")
    pipeline: Literal["direct", "rag", "repair", "rag+repair"] = "direct"
    repair_rounds: int = Field(3, ge=1, description="repair attempts after the first answer")
    repair_feedback: Literal["tools", "oracle"] = Field(
        "tools", description="tools: interface, Verilator lint, compiler and the task's visible tests (if any) "
                             "judge each round, the grading testbench never runs; oracle: the grading "
                             "testbench judges each round and its failures go back (reported as such)")
    rag_k: int = Field(2, ge=1)
    rag_corpus: list[str] = Field([], description="user corpora (folders or datasets) added to the installed one")
    rag_embeddings: str | None = Field(None, description="embeddings provider: dense ranking, fused with BM25")
    rag_budget_tokens: int = Field(3000, ge=100)


class ScoringSettings(BaseModel):
    """How answers are judged."""

    simulator: str = "icarus"


# Where each key of the flat layout (run.json before the groups) lives now, in that layout's order:
# old run folders load through it, and the default run id is computed from it.
_FLAT_LAYOUT: dict[str, tuple[str, str]] = {
    "suites": ("selection", "suites"), "tasks": ("selection", "tasks"), "model": ("model", "name"),
    "base_url": ("model", "base_url"), "n": ("selection", "n"), "k": ("selection", "k"),
    "simulator": ("scoring", "simulator"), "spec_level": ("solver", "spec_level"),
    "few_shot": ("solver", "few_shot"), "language": ("solver", "language"), "translate": ("solver", "translate"),
    "kind": ("solver", "kind"), "pipeline": ("solver", "pipeline"), "repair_rounds": ("solver", "repair_rounds"),
    "repair_feedback": ("solver", "repair_feedback"), "rag_k": ("solver", "rag_k"),
    "rag_corpus": ("solver", "rag_corpus"), "rag_embeddings": ("solver", "rag_embeddings"),
    "rag_budget_tokens": ("solver", "rag_budget_tokens"), "generation": ("model", "generation"),
    "seed": ("model", "seed"),
}


class RunConfig(BaseModel):
    """Everything that defines a run's results (and so its default id), in groups. The flat layout
    of earlier run.json files is accepted too (as are its keywords: ``RunConfig(suites=..., model=...)``)."""

    selection: Selection
    model: ModelSettings
    solver: SolverSettings = SolverSettings()
    scoring: ScoringSettings = ScoringSettings()

    @model_validator(mode="before")
    @classmethod
    def _group_flat_keys(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        grouped: dict[str, Any] = {}
        for key, value in data.items():
            if key in _FLAT_LAYOUT and not (key == "model" and isinstance(value, dict | ModelSettings)):
                group, name = _FLAT_LAYOUT[key]
                grouped.setdefault(group, {})[name] = value
            else:
                grouped[key] = value
        return grouped

    def flat(self) -> dict[str, Any]:
        """The configuration in the flat layout of earlier run.json files, keys in its order."""
        return {key: getattr(getattr(self, group), name) for key, (group, name) in _FLAT_LAYOUT.items()}


class RepairRound(BaseModel):
    """One attempt of the repair pipeline: the answer, its verdict, and the feedback sent back."""

    completion: str
    status: Status
    checked_by: str = ""  # what judged this round: "lint+compile", "... + visible tests", "ORACLE ..."
    message: str = ""
    feedback: str | None = None


class CompletionRecord(BaseModel):
    task_id: str
    suite: str
    sample: int
    template: str
    messages: list[ChatMessage]
    completion: str
    model: str
    cached: bool = False
    input_tokens: int | None = None
    output_tokens: int | None = None
    latency_s: float = 0.0
    cost_usd: float | None = None
    attempts: int = 1
    rounds: list[RepairRound] = []


# The verdict's fields in the flat records of earlier versions, which held them beside the sample's.
_FLAT_RESULT_FIELDS = ("task_id", "status", "tests_run", "tests_failed", "message", "diagnostics", "artefacts", "seed",
                       "durations_s", "formal", "hls", "isolation")


class SampleRecord(BaseModel):
    """One scored sample: where it belongs, the scorer's :class:`Result` (its artefacts relative to
    the run folder) and which scorer gave it."""

    suite: str
    sample: int
    category: str
    difficulty: str
    spec_level: str
    candidate_key: str
    shared_from: int | None = None
    scorer: str = ""  # "name@version" of the scorer (empty in records of versions that did not say)
    result: Result

    @property
    def task_id(self) -> str:
        return self.result.task_id

    @model_validator(mode="before")
    @classmethod
    def _nest_flat_result(cls, data: Any) -> Any:
        """A flat record of an earlier version (which did not record the simulator either)."""
        if not isinstance(data, dict) or "result" in data:
            return data
        nested = {key: value for key, value in data.items() if key not in _FLAT_RESULT_FIELDS}
        verdict = {key: value for key, value in data.items() if key in _FLAT_RESULT_FIELDS}
        return {**nested, "result": {"simulator": "", **verdict}}


class EquivalenceRecord(BaseModel):
    """A distinct candidate that passed simulation, compared with its task's reference: every sample
    with its ``candidate_key`` shares the verdict."""

    suite: str
    task_id: str
    candidate_key: str
    sample: int  # the sample it was checked as
    equivalence: EquivalenceScore
    artefacts: Path | None = None  # the check's folder (scripts, logs, the counterexample's VCD), relative to the run


class SynthesisRecord(BaseModel):
    """A distinct candidate that passed simulation, synthesised beside its task's reference: every
    sample with its ``candidate_key`` shares the figures."""

    suite: str
    task_id: str
    candidate_key: str
    sample: int  # the sample it was synthesised as
    synthesis: SynthesisScore
    artefacts: Path | None = None  # the runs' folder (scripts, netlists, logs), relative to the run


class ModelErrorRecord(BaseModel):
    """A sample the model gave no answer for: an infrastructure error, not a model failure."""

    task_id: str
    suite: str
    sample: int
    kind: str  # the ModelError's kind: rate-limit, server, timeout, auth, ...
    message: str
    attempts: int = 1
    elapsed_s: float = 0.0
    time: str = ""  # ISO 8601, UTC


class ScoringRecord(BaseModel):
    """What judges a run's samples: each task kind's scorer (``name@version``) and the options."""

    scorers: dict[str, str] = {}
    options: ScoreOptions = ScoreOptions()
    # "suite/task" whose simulation passes are compared with the reference (the equivalence check):
    # the tasks of the "simulation and equivalent" pass@k. Empty: the run checks none.
    equivalence: list[str] = []
    synthesis: list[str] = []  # "suite/task" whose simulation passes are synthesised beside the reference


class RunInfo(BaseModel):
    log_version: int = LOG_VERSION
    run_id: str
    created: str
    config: RunConfig
    workbench_version: str
    git_revision: str | None
    python: str
    tool_versions: dict[str, str] = {}
    # "suite/task" ids the suites' errata exclude when the run began: left out of the "with errata"
    # figures, which reports show next to the "as published" ones.
    errata_excluded: list[str] = []
    scoring: ScoringRecord | None = None  # None: written by a version that did not record it
    # "suite/task" ids the run poses, in order: a task without samples is drawn as missing, never
    # left out. None: written by a version that did not record them.
    tasks: list[str] | None = None
    wall_time_s: float = 0.0  # summed over every command that worked on the run


class RunLog:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder).resolve()
        self.completions_path = self.folder / "completions.jsonl"
        self.samples_path = self.folder / "samples.jsonl"
        self.model_errors_path = self.folder / "model_errors.jsonl"
        self.equivalence_path = self.folder / "equivalence.jsonl"
        self.synthesis_path = self.folder / "synthesis.jsonl"
        self.index_path = self.folder / "index.sqlite"

    # --- creation -----------------------------------------------------------------------
    @classmethod
    def open(cls, folder: Path, run_id: str, config: RunConfig, tool_versions: dict[str, str],
             errata_excluded: Iterable[str] = (), tasks: list[str] | None = None) -> RunLog:
        """Open a run folder, creating it; an existing one must hold the same configuration. ``tasks``
        ("suite/task") are the tasks the run poses."""
        log = cls(folder)
        info_path = log.folder / "run.json"
        if info_path.is_file():
            existing = RunInfo.model_validate_json(info_path.read_text())
            if existing.config != config:
                raise RunConflictError(f"{info_path}: run '{run_id}' exists with a different configuration; "
                                       "choose another --run-id")
            if existing.tasks is None and tasks is not None:
                log._update_info(tasks=tasks)
        else:
            log.folder.mkdir(parents=True, exist_ok=True)
            info = RunInfo(run_id=run_id, created=datetime.now(UTC).isoformat(timespec="seconds"), config=config,
                           workbench_version=package_version("rtl-workbench"), git_revision=_git_revision(),
                           python=platform.python_version(), tool_versions=tool_versions,
                           errata_excluded=sorted(errata_excluded), tasks=tasks)
            write_atomically(info_path, redact(info.model_dump_json(indent=2)))
        for path in (log.completions_path, log.samples_path, log.model_errors_path, log.equivalence_path,
                     log.synthesis_path):
            _cut_partial_last_line(path)
        return log

    def info(self) -> RunInfo:
        return RunInfo.model_validate_json((self.folder / "run.json").read_text())

    def record_scoring(self, scorers: dict[str, str], options: ScoreOptions, equivalence: Iterable[str] = (),
                       synthesis: Iterable[str] = ()) -> None:
        """Note in run.json what judges the samples, and the tasks ("suite/task") whose passes are
        compared with the reference (``equivalence``) and synthesised (``synthesis``); the scorers
        and tasks of earlier commands stay."""
        info = self.info()
        earlier = info.scoring or ScoringRecord()
        scoring = ScoringRecord(scorers={**earlier.scorers, **scorers}, options=options,
                                equivalence=sorted({*earlier.equivalence, *equivalence}),
                                synthesis=sorted({*earlier.synthesis, *synthesis}))
        if scoring != info.scoring:
            self._update_info(scoring=scoring)

    def add_wall_time(self, seconds: float) -> None:
        """Count ``seconds`` more of work on the run (each command adds its own)."""
        self._update_info(wall_time_s=self.info().wall_time_s + seconds)

    def _update_info(self, **changes: Any) -> None:
        updated = self.info().model_copy(update=changes)
        write_atomically(self.folder / "run.json", redact(updated.model_dump_json(indent=2)))

    # --- records --------------------------------------------------------------------------
    def completions(self) -> list[CompletionRecord]:
        return [CompletionRecord.model_validate(r) for r in _read_jsonl(self.completions_path)]

    def samples(self) -> list[SampleRecord]:
        """The scored samples, each pass with its candidate's equivalence verdict and synthesis figures
        when there are some."""
        checked = {(r.suite, r.task_id, r.candidate_key): r.equivalence for r in self.equivalence_records()}
        synthesised = {(r.suite, r.task_id, r.candidate_key): r.synthesis for r in self.synthesis_records()}
        records = [SampleRecord.model_validate(r) for r in _read_jsonl(self.samples_path)]
        for record in records:
            key = (record.suite, record.task_id, record.candidate_key)
            if record.result.passed and record.result.equivalence is None:
                record.result.equivalence = checked.get(key)
            if record.result.passed and record.result.synthesis is None:
                record.result.synthesis = synthesised.get(key)
        return records

    def equivalence_records(self) -> list[EquivalenceRecord]:
        return [EquivalenceRecord.model_validate(r) for r in _read_jsonl(self.equivalence_path)]

    def append_equivalence(self, record: EquivalenceRecord) -> None:
        _append_jsonl(self.equivalence_path, record.model_dump_json())

    def synthesis_records(self) -> list[SynthesisRecord]:
        return [SynthesisRecord.model_validate(r) for r in _read_jsonl(self.synthesis_path)]

    def append_synthesis(self, record: SynthesisRecord) -> None:
        _append_jsonl(self.synthesis_path, record.model_dump_json())

    def model_errors(self) -> list[ModelErrorRecord]:
        """The model errors of samples that still have no completion (later answers resolve them)."""
        answered = {(c.suite, c.task_id, c.sample) for c in self.completions()}
        errors = [ModelErrorRecord.model_validate(r) for r in _read_jsonl(self.model_errors_path)]
        return [e for e in errors if (e.suite, e.task_id, e.sample) not in answered]

    def append_model_error(self, record: ModelErrorRecord) -> None:
        _append_jsonl(self.model_errors_path, record.model_dump_json())

    def append_completion(self, record: CompletionRecord) -> None:
        _append_jsonl(self.completions_path, record.model_dump_json())

    def append_sample(self, record: SampleRecord) -> None:
        # The checks after a pass have their journals (they come later, once per candidate); an
        # rtl-optimize verdict rests on its own equivalence check and synthesis, which stay with it.
        journaled = set() if record.result.optimization is not None else {"equivalence", "synthesis"}
        _append_jsonl(self.samples_path, record.model_dump_json(exclude={"result": journaled}))
        with self._index() as db:
            _index_sample(db, record)

    # --- index ----------------------------------------------------------------------------
    def _index(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.index_path, timeout=30)
        db.execute("CREATE TABLE IF NOT EXISTS samples (task_id TEXT, sample INTEGER, suite TEXT, category TEXT, "
                   "difficulty TEXT, status TEXT, message TEXT, PRIMARY KEY (task_id, sample))")
        return db

    def rebuild_index(self) -> None:
        """Make the SQLite index agree with samples.jsonl (the truth), e.g. after a crash."""
        records = self.samples()
        with self._index() as db:
            count = db.execute("SELECT COUNT(*) FROM samples").fetchone()[0]
            if count != len(records):
                db.execute("DELETE FROM samples")
                for record in records:
                    _index_sample(db, record)

    def query(self, sql: str, parameters: tuple = ()) -> list[tuple]:
        with self._index() as db:
            return db.execute(sql, parameters).fetchall()


class RunConflictError(WorkbenchError, ValueError):
    pass


def _index_sample(db: sqlite3.Connection, record: SampleRecord) -> None:
    db.execute("INSERT OR REPLACE INTO samples VALUES (?, ?, ?, ?, ?, ?, ?)",
               (record.task_id, record.sample, record.suite, record.category, record.difficulty,
                record.result.status.value, redact(record.result.message)))


def _append_jsonl(path: Path, line: str) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(redact(line) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def _read_jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # only a partial last line can be malformed: it was cut off on open
    return records


def _cut_partial_last_line(path: Path) -> None:
    if not path.is_file():
        return
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        with open(path, "r+b") as handle:
            handle.truncate(data.rfind(b"\n") + 1)




def _git_revision() -> str | None:
    try:
        done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True,
                              timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() or None if done.returncode == 0 else None
