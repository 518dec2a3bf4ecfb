"""Completions produced elsewhere, replayed: the provider ``replay/FILE``.

One reader for ``bench run --model replay/FILE`` and ``bench evaluate FILE``: the file is read
whole and checked line by line (JSON, UTF-8, one answer per task and sample) before any work, and
each line is matched with a task by any id a user may hold for it (see
:class:`workbench.task.suite.TaskIds`); the lines that match none are returned for the caller to name.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel

from workbench.model._model import (
    ChatMessage,
    GenerateConfig,
    Model,
    ModelError,
    ModelOutput,
    ModelRequest,
    SampleContext,
)
from workbench.task.format import Task
from workbench.task.suite import TaskIds

TaskSample = tuple[str, str, int]  # (suite, task id, sample)


class ReplayRecord(BaseModel):
    """One line of a replay file: the id as written there, and the suite when the line gives one
    (``bench generate`` writes it)."""

    line: int
    task_id: str
    suite: str | None = None
    sample: int
    completion: str


class ReplayModel(Model):
    """Completions produced elsewhere: JSONL records ``{"task_id", "sample", "completion"}``
    (``sample`` defaults to the record's rank among its task's records; ``suite`` is optional).
    VerilogEval's ``{"task_id", "completion"}`` and CVDP's ``{"id", "completion"}`` read as they
    are. A run matches the lines with its tasks first (:meth:`bind`); a task asked for alone is
    matched when asked."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.name = f"replay/{self.path}"
        self.records = read_replay(self.path)
        self._answers: dict[TaskSample, str] = {}
        self._bound: set[tuple[str, str]] = set()  # (suite, task id) already matched with the lines

    @property
    def answers(self) -> dict[tuple[str, int], str]:
        """Every completion by the task id and sample its line gives (before any matching)."""
        return {(record.task_id, record.sample): record.completion for record in self.records}

    def cache_identity(self) -> dict[str, str | None]:
        return {"model": "replay", "base_url": None}  # replayed answers are never cached

    def bind(self, tasks: Iterable[Task]) -> list[ReplayRecord]:
        """Match every line with one of ``tasks`` (several: the same id in several suites) and
        return the lines that match none. Two lines for one task and sample are an error."""
        tasks = list(tasks)
        ids = TaskIds(tasks)
        found: dict[TaskSample, ReplayRecord] = {}
        unmatched = []
        for record in self.records:
            matches = ids.lookup(record.task_id)
            matches = [task for task in matches if task.suite == record.suite] or matches
            if not matches:
                unmatched.append(record)
            for task in matches:
                key = (task.suite, task.id, record.sample)
                if key in found:
                    raise ModelError(self._twice(found[key], record, f"{task.suite}/{task.id}"))
                found[key] = record
        self._answers.update({key: record.completion for key, record in found.items()})
        self._bound |= {(task.suite, task.id) for task in tasks}
        return unmatched

    def samples_by_task(self) -> Counter[tuple[str, str]]:
        """How many samples each matched task has, by (suite, task id)."""
        return Counter((suite, task_id) for suite, task_id, _ in self._answers)

    def where(self, record: ReplayRecord) -> str:
        return f"{self.path}:{record.line}"

    def generate(self, messages: list[ChatMessage], config: GenerateConfig, context: SampleContext) -> ModelOutput:
        task = context.benchmark_task(self)
        if (task.suite, task.id) not in self._bound:
            self.bind([task])
        answer = self._answers.get((task.suite, task.id, context.sample))
        if answer is None:
            raise ModelError(f"{self.path}: no completion for task '{task.id}' sample {context.sample}")
        return ModelOutput(text=answer)

    def _twice(self, first: ReplayRecord, second: ReplayRecord, task: str) -> str:
        return (f"{self.where(second)}: task {task} sample {second.sample} is given twice, on lines {first.line} "
                f"('{first.task_id}') and {second.line} ('{second.task_id}'); keep one of them")


def replay_model(request: ModelRequest) -> ReplayModel:
    return ReplayModel(Path(request.model))


def read_replay(path: Path) -> list[ReplayRecord]:
    """Every record of a replay file; a line that is not UTF-8, not a record, or that repeats the
    id and sample of an earlier line is an error naming the file and the line, and so is a file
    without any record."""
    if not path.is_file():
        raise ModelError(f"{path}: completions file not found")
    records: list[ReplayRecord] = []
    counters: Counter[str] = Counter()  # records so far of each id: the sample of a line that gives none
    first_line: dict[tuple[str | None, str, int], int] = {}
    for number, raw in enumerate(path.read_bytes().splitlines(), start=1):
        record = _record(path, number, raw, counters)
        if record is None:
            continue
        key = (record.suite, record.task_id, record.sample)
        if key in first_line:
            raise ModelError(f"{path}:{number}: task '{record.task_id}' sample {record.sample} is given twice, on "
                             f"lines {first_line[key]} and {number}; keep one of them")
        first_line[key] = number
        counters[record.task_id] = max(counters[record.task_id], record.sample + 1)
        records.append(record)
    if not records:
        raise ModelError(f"{path}: no completions in the file (expected JSON lines with 'task_id' and 'completion')")
    return records


def _record(path: Path, number: int, raw: bytes, counters: Counter[str]) -> ReplayRecord | None:
    """The record of one line (None for a blank line)."""
    try:
        line = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as problem:
        raise ModelError(f"{path}:{number}: not UTF-8 text (byte 0x{raw[problem.start]:02x} at column "
                         f"{problem.start + 1})") from None
    if not line.strip():
        return None
    try:
        fields = json.loads(line)
        task_id = str(fields["task_id"] if "task_id" in fields else fields["id"])
        completion = fields["completion"]
    except (json.JSONDecodeError, KeyError, TypeError) as problem:
        raise ModelError(f"{path}:{number}: expected a JSON object with 'task_id' (or 'id') and 'completion' "
                         f"({problem})") from None
    if not isinstance(completion, str):
        raise ModelError(f"{path}:{number}: 'completion' must be a string")
    sample = fields.get("sample", fields.get("sample_index"))
    if sample is None:  # files without sample numbers: records of a task are its samples in order
        sample = counters[task_id]
    if isinstance(sample, bool) or not isinstance(sample, int) or sample < 0:
        raise ModelError(f"{path}:{number}: 'sample' must be a whole number >= 0, not {sample!r}")
    suite = fields.get("suite")
    return ReplayRecord(line=number, task_id=task_id, suite=str(suite) if suite else None, sample=sample,
                        completion=completion)
