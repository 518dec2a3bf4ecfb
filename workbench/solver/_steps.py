"""Solver steps: a pipeline is an ordered list of them, each reading and extending one sample's state.

``retrieve`` finds the designs most similar to the specification, ``prompt`` renders the messages
(with those designs as demonstrations), ``generate`` asks the model (through the response cache
when there is one), ``check`` judges the last answer, ``repair`` sends a failed check's evidence
back and asks again, for a bounded number of rounds. The pipelines a run names are these steps in
order (``PIPELINES``); ``rtlwb bench`` and ``rtlwb generate`` build theirs from the same steps.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench.hdl.interface import DesignOutline
from workbench.model import ChatMessage, GenerateConfig, Model, ModelOutput, ResponseCache, SampleContext, cache_key
from workbench.scorer.result import Result
from workbench.solver._pipelines import PIPELINES, retrieves
from workbench.solver.prompt import Demonstration, Prompt, render, render_design
from workbench.solver.repair import repair_check, repair_feedback
from workbench.solver.retrieval import CorpusRetriever, task_source
from workbench.task.format import SpecLevel, Task


@dataclass
class Attempt:
    """One answer and what the check said about it; ``feedback`` is what went back to the model."""

    answer: str
    result: Result
    checked_by: str = ""  # what judged it: "lint+compile", "... + visible tests", "ORACLE ..."
    feedback: str | None = None
    outline: DesignOutline | None = None  # free-form designs: the interface found in the answer
    elaborated: str | None = None  # a Chisel answer's SystemVerilog (what was checked)


@dataclass
class SolverState:
    """One sample on its way through a pipeline. ``messages`` grows with each repair round; it
    never holds the last answer, which is ``outputs[-1]``."""

    context: SampleContext  # a task's sample, or a free-form request (task None)
    demonstrations: list[Demonstration] = field(default_factory=list)
    messages: list[ChatMessage] = field(default_factory=list)
    template: str = ""
    outputs: list[ModelOutput] = field(default_factory=list)  # every answer, first to last
    cached: bool = False  # whether the last answer came from the response cache
    attempts: list[Attempt] = field(default_factory=list)  # the checked answers, in order

    @property
    def output(self) -> ModelOutput:
        return self.outputs[-1]


Step = Callable[[SolverState], None]  # a step reads the state and extends it


# --- retrieve ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Retrieve:
    """The ``k`` designs most similar to the specification; for a task never its own design; for
    an rtl-optimize task the ``k`` optimization patterns most similar to its category and spec."""

    retriever: CorpusRetriever
    k: int
    level: SpecLevel = SpecLevel.DETAILED  # the task's specification searched with

    def __call__(self, state: SolverState) -> None:
        task = state.context.task
        if task is None:
            hits = self.retriever.search(state.context.spec, k=self.k)
        elif task.config.optimize is not None:  # the patterns whose inefficiency the given design may share
            query = f"{task.config.category} {' '.join(task.config.tags)} {task.spec.text(self.level)}"
            hits = self.retriever.search(query, k=self.k, exclude=task_source(task), patterns=True,
                                         exclude_design=task.reference_text())  # never the task's answer
        else:
            hits = self.retriever.search(task.spec.text(self.level), k=self.k, exclude=task_source(task))
        state.demonstrations = [Demonstration(source=hit.source, code=hit.code) for hit in hits]


# --- prompt ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RenderTask:
    """A task's prompt, with ``few_shot`` examples: the first other tasks of its suite among
    ``examples_from`` (the run's tasks), in their order."""

    level: SpecLevel = SpecLevel.DETAILED
    language: str = "systemverilog"
    translate: bool = False
    budget_tokens: int = 3000  # for demonstrations
    few_shot: int = 0
    examples_from: tuple[Task, ...] = ()

    def __call__(self, state: SolverState) -> None:
        task = _task(state)
        examples = [t for t in self.examples_from if t.suite == task.suite and t.id != task.id][: self.few_shot]
        _set_prompt(state, render(task, self.level, examples, state.demonstrations, budget_tokens=self.budget_tokens,
                                  language=self.language, translate=self.translate))


@dataclass(frozen=True)
class RenderDesign:
    """A free-form design request's prompt."""

    language: str = "systemverilog"
    budget_tokens: int = 3000  # for demonstrations

    def __call__(self, state: SolverState) -> None:
        context = state.context
        _set_prompt(state, render_design(context.spec, context.top, self.language, state.demonstrations,
                                         self.budget_tokens))


def _task(state: SolverState) -> Task:
    if state.context.task is None:
        raise ValueError("this step works on benchmark tasks, not free-form requests")
    return state.context.task


def _set_prompt(state: SolverState, prompt: Prompt) -> None:
    state.messages = list(prompt.messages)
    state.template = prompt.template


# --- generate ----------------------------------------------------------------------------------

def _uncounted(name: str) -> None:
    pass


@dataclass(frozen=True)
class Generate:
    """One answer to the messages so far, from ``cache`` when the very same conversation was
    answered before. ``count`` is told "cache_hits" and, for models that call the network,
    "model_calls"."""

    model: Model
    generation: GenerateConfig = field(default_factory=GenerateConfig)
    seed: int | None = None  # sample i is generated with seed + i
    cache: ResponseCache | None = None
    count: Callable[[str], None] = _uncounted

    def __call__(self, state: SolverState) -> None:
        context = state.context
        generation = self._config(context.sample)
        if self.cache is None:
            output, state.cached = self._ask(state, generation), False
        else:
            key = cache_key(self.model.cache_identity(), state.messages, generation, state.template, context.sample)
            cached = self.cache.get(key)
            state.cached = cached is not None
            if cached is not None:
                self.count("cache_hits")
                # reused, not paid for again: its original cost stays in the cache entry
                output = cached.model_copy(update={"cost_usd": 0.0 if cached.cost_usd is not None else None})
            else:
                output = self._ask(state, generation)
                self.cache.put(key, self.model.name, output)
        state.outputs.append(output)

    def _ask(self, state: SolverState, generation: GenerateConfig) -> ModelOutput:
        output = self.model.generate(state.messages, generation, state.context)
        if self.model.calls_network:
            self.count("model_calls")
        return output

    def _config(self, sample: int) -> GenerateConfig:
        if self.seed is None:
            return self.generation
        return self.generation.model_copy(update={"seed": self.seed + sample})


# --- check -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Check:
    """Judges the last answer, once: a check after a repair that stopped on success finds it judged."""

    judge: Callable[[SolverState], Attempt]

    def __call__(self, state: SolverState) -> None:
        if len(state.attempts) < len(state.outputs):
            state.attempts.append(self.judge(state))


@dataclass(frozen=True)
class TaskJudge:
    """The repair check of a task's answer (see :func:`repair_check`): in ``tools`` mode lint, the
    compiler and the task's visible tests, in ``oracle`` mode the grading testbench. Its files go
    under ``artefacts/<suite>-<task>/repair``."""

    simulator: str
    mode: str
    artefacts: Path
    language: str = "systemverilog"

    def __call__(self, state: SolverState) -> Attempt:
        task = _task(state)
        workdir = self.artefacts / f"{task.suite}-{task.id}" / "repair"
        result, checked_by = repair_check(task, state.output.text, self.simulator, self.mode, workdir, self.language)
        return Attempt(state.output.text, result, checked_by)


# --- repair ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Repair:
    """AutoChip-style: check the answer, send the evidence back, ask again; at most ``rounds``
    times, and not after a check that has nothing to say (success, or an infrastructure failure).
    The last answer is left unchecked when the rounds run out."""

    check: Check
    generate: Generate
    rounds: int
    feedback: str = "tools"  # tools or oracle: how the evidence is worded

    def __call__(self, state: SolverState) -> None:
        for _ in range(self.rounds):
            self.check(state)
            attempt = state.attempts[-1]
            attempt.feedback = repair_feedback(_named_in_its_folder(attempt.result), self.feedback)
            if attempt.feedback is None:
                return
            state.messages += [ChatMessage(role="assistant", content=state.output.text),
                               ChatMessage(role="user", content=attempt.feedback)]
            self.generate(state)


def _named_in_its_folder(result: Result) -> Result:
    """``result`` with its evidence naming files relative to the answer's own folder (``candidate.sv``):
    the feedback holds no local path to send to a provider, and no random folder name that would make
    the same repair a different prompt on every run (and so never served from the response cache)."""
    if result.artefacts is None:
        return result
    folder = str(result.artefacts)

    def relative(text: str) -> str:
        return text.replace(folder + "/", "").replace(folder, ".")

    return result.model_copy(update={"message": relative(result.message), "diagnostics": relative(result.diagnostics),
                                     "lint": [relative(line) for line in result.lint]})


# --- pipelines ---------------------------------------------------------------------------------

def solve(pipeline: Sequence[Step], state: SolverState) -> SolverState:
    for step in pipeline:
        step(state)
    return state


def build_pipeline(name: str, prompt: Step, generate: Generate, check: Check, *, retrieve: Step | None = None,
                   repair_rounds: int = 3, feedback: str = "tools") -> list[Step]:
    """The steps of pipeline ``name``, in order (``check`` is the repair step's)."""
    if retrieve is None and retrieves(name):
        raise ValueError(f"the {name} pipeline needs a retriever")
    steps: dict[str, Step] = {"prompt": prompt, "generate": generate,
                              "repair": Repair(check, generate, repair_rounds, feedback)}
    if retrieve is not None:
        steps["retrieve"] = retrieve
    return [steps[step] for step in PIPELINES[name]]
