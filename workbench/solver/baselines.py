"""Built-in baselines that need no network: the golden reference (the harness's own check) and a
retrieval baseline. Models that know the benchmark; the model registry names them
(``reference``, ``retrieval``) without importing this module until one is asked for."""

from __future__ import annotations

import re

from workbench.model import ChatMessage, GenerateConfig, Model, ModelError, ModelOutput, SampleContext
from workbench.solver.retrieval import CorpusRetriever, task_source
from workbench.task.format import TaskKind
from workbench.task.hls import bug_of


class ReferenceModel(Model):
    """Answers with the task's golden solution: a harness that does not give 100% with it is broken."""

    name = "reference"

    def generate(self, messages: list[ChatMessage], config: GenerateConfig, context: SampleContext) -> ModelOutput:
        task = context.benchmark_task(self)
        if task.kind == TaskKind.HLS_DEBUG:  # the golden kernel, and where the bug was
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
        self._retriever = CorpusRetriever.installed()

    def generate(self, messages: list[ChatMessage], config: GenerateConfig, context: SampleContext) -> ModelOutput:
        if context.language == "chisel":
            raise ModelError("the retrieval baseline answers in SystemVerilog only (its corpus is Verilog)")
        task = context.task
        top: str | None
        exclude: str | None
        if task is not None and task.kind in (TaskKind.ASSERTION, TaskKind.NL2SVA):
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
        return ModelOutput(text=f"// retrieved from {best.source} (score {best.score:.2f})\n"
                                f"```systemverilog\n{renamed}```\n")
