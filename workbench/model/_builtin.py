"""Built-in models that need no network: the golden reference, a retrieval baseline, replayed
completions produced elsewhere, and scripted answers for tests."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from workbench.model._model import ChatMessage, GenerateConfig, Model, ModelError, ModelOutput, SampleContext


class ReferenceModel(Model):
    """Answers with the task's golden solution: a harness that does not give 100% with it is broken."""

    name = "reference"

    def generate(self, messages: list[ChatMessage], config: GenerateConfig, context: SampleContext) -> ModelOutput:
        task = _benchmark_task(self, context)
        if task.kind.value == "hls-debug":  # the golden kernel, and where the bug was
            from workbench.hls.csim import bug_of

            bug = bug_of(task.folder).config
            return ModelOutput(text=f"```cpp\n{task.reference_text()}```\nBUG LINE: "
                                    f"{', '.join(map(str, bug.lines))}\nBUG TYPE: {bug.type}\n")
        fence = "scala" if context.language == "chisel" else "systemverilog"
        return ModelOutput(text=f"```{fence}\n{task.reference_text(context.language)}```\n")


class RetrievalModel(Model):
    """A real baseline: the reference of the most similar *other* task or block (BM25 over specs),
    with its top module renamed to the one asked for. Never the task's own reference."""

    name = "retrieval"

    def __init__(self) -> None:
        from workbench.solver.retrieval import CorpusRetriever

        self._retriever = CorpusRetriever.installed()

    def generate(self, messages: list[ChatMessage], config: GenerateConfig, context: SampleContext) -> ModelOutput:
        from workbench.solver.retrieval import task_source

        if context.language == "chisel":
            raise ModelError("the retrieval baseline answers in SystemVerilog only (its corpus is Verilog)")
        task = context.task
        if task is not None and task.kind.value in ("assertion", "nl2sva"):
            raise ModelError("the retrieval baseline answers design tasks only (its corpus holds designs)")
        if task is not None:
            spec, top, exclude = task.spec.detailed, task.config.top, task_source(task)
        else:
            spec, top, exclude = context.spec, context.top, None
        hits = self._retriever.search(spec, k=1, exclude=exclude)
        if not hits:
            return ModelOutput(text="No similar design was found in the corpus.")
        best = hits[0]
        renamed = re.sub(rf"\bmodule\s+{re.escape(best.top)}\b", f"module {top or best.top}", best.code)
        return ModelOutput(text=f"// retrieved from {best.source} (score {best.score:.2f})\n```systemverilog\n{renamed}```\n")


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
        task = _benchmark_task(self, context)
        key = (task.id, context.sample)
        if key not in self.answers and task.config.source_id:  # files of the suite's own tools use its ids
            key = (task.config.source_id, context.sample)
        if key not in self.answers:
            raise ModelError(f"{self.path}: no completion for task '{context.task.id}' sample {context.sample}")
        return ModelOutput(text=self.answers[key])

    def samples_for(self, task_id: str) -> int:
        return sum(1 for tid, _ in self.answers if tid == task_id)


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
            raise ModelError(f"{path}:{number}: expected a JSON object with 'task_id' (or 'id') and 'completion' ({problem})") from None
        if not isinstance(completion, str):
            raise ModelError(f"{path}:{number}: 'completion' must be a string")
        sample = record.get("sample", record.get("sample_index"))
        if sample is None:  # files without sample numbers: records of a task are its samples in order
            sample = counters.get(task_id, 0)
        counters[task_id] = int(sample) + 1
        answers[(task_id, int(sample))] = completion
    return answers


class ScriptedModel(Model):
    """Answers from a script, for tests: a list (taken in call order) or a function of the context.

    Its answers are fixtures, never a model's result; runs made with it say ``scripted`` as model.
    """

    def __init__(self, script: Sequence[str] | Callable[[SampleContext], str], name: str = "scripted") -> None:
        self.name = name
        self._script = script
        self._next = 0
        self.calls = 0
        self.received: list[list[ChatMessage]] = []

    def generate(self, messages: list[ChatMessage], config: GenerateConfig, context: SampleContext) -> ModelOutput:
        self.calls += 1
        self.received.append(list(messages))
        if callable(self._script):
            return ModelOutput(text=self._script(context))
        if self._next >= len(self._script):
            raise ModelError("the script has no more answers")
        self._next += 1
        return ModelOutput(text=self._script[self._next - 1])


def _benchmark_task(model: Model, context: SampleContext):
    if context.task is None:
        raise ModelError(f"the {model.name} model answers benchmark tasks only; "
                         "free-form requests need a chat model or the retrieval baseline")
    return context.task
