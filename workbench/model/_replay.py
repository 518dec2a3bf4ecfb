"""Completions produced elsewhere, replayed: the provider ``replay/FILE``."""

from __future__ import annotations

import json
from pathlib import Path

from workbench.model._model import (
    ChatMessage,
    GenerateConfig,
    Model,
    ModelError,
    ModelOutput,
    ModelRequest,
    SampleContext,
)


class ReplayModel(Model):
    """Completions produced elsewhere: JSONL records ``{"task_id", "sample", "completion"}``
    (``sample`` defaults to the record's rank among its task's records). VerilogEval's
    ``{"task_id", "completion"}`` and CVDP's ``{"id", "completion"}`` read as they are: an imported
    task is found by its own id or by its id in the public suite."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.name = f"replay/{self.path}"
        self.answers = _read_completions(self.path)

    def cache_identity(self) -> dict[str, str | None]:
        return {"model": "replay", "base_url": None}  # replayed answers are never cached

    def generate(self, messages: list[ChatMessage], config: GenerateConfig, context: SampleContext) -> ModelOutput:
        task = context.benchmark_task(self)
        key = (task.id, context.sample)
        if key not in self.answers and task.config.source_id:  # files of the suite's own tools use its ids
            key = (task.config.source_id, context.sample)
        if key not in self.answers:
            raise ModelError(f"{self.path}: no completion for task '{task.id}' sample {context.sample}")
        return ModelOutput(text=self.answers[key])

    def samples_for(self, task_id: str) -> int:
        return sum(1 for tid, _ in self.answers if tid == task_id)


def replay_model(request: ModelRequest) -> ReplayModel:
    return ReplayModel(Path(request.model))


def _read_completions(path: Path) -> dict[tuple[str, int], str]:
    if not path.is_file():
        raise ModelError(f"{path}: completions file not found")
    answers: dict[tuple[str, int], str] = {}
    counters: dict[str, int] = {}
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            task_id = str(record["task_id"] if "task_id" in record else record["id"])
            completion = record["completion"]
        except (json.JSONDecodeError, KeyError, TypeError) as problem:
            raise ModelError(f"{path}:{number}: expected a JSON object with 'task_id' (or 'id') and 'completion' "
                             f"({problem})") from None
        if not isinstance(completion, str):
            raise ModelError(f"{path}:{number}: 'completion' must be a string")
        sample = record.get("sample", record.get("sample_index"))
        if sample is None:  # files without sample numbers: records of a task are its samples in order
            sample = counters.get(task_id, 0)
        counters[task_id] = int(sample) + 1
        answers[(task_id, int(sample))] = completion
    return answers
