"""Generate a design from a free-form specification and verify it with the real tools.

The solver behind ``rtlwb generate``: the pipeline's steps (:mod:`workbench.solver._steps`) render
the request (with retrieved demonstrations for the ``rag`` pipelines), ask the model, check the
answer (interface outline with pyslang, Verilator lint, a build, and the user's own cocotb tests
when given), and in the ``repair`` pipelines send the tools' evidence back for another attempt;
the final answer is always checked. The folder it writes holds the final RTL, the whole prompt
trail and a verification report that says plainly what was and was not checked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.answer.extract import ExtractionError, extract_scala, extract_verilog
from workbench.errors import WorkbenchError
from workbench.hdl.interface import DesignOutline, outline_design
from workbench.model import ChatMessage, GenerateConfig, Model, ModelOutput, ResponseCache, SampleContext
from workbench.sandbox import Limits, call_isolated
from workbench.scorer import ScoreOptions, score
from workbench.scorer._chisel import elaborate_chisel
from workbench.scorer.result import Result, Stage, Status
from workbench.solver._pipelines import PIPELINES, retrieves
from workbench.solver._steps import Attempt, Check, Generate, RenderDesign, Retrieve, SolverState, build_pipeline, solve
from workbench.solver.retrieval import build_retriever
from workbench.task.format import Port, Spec, Task, TaskConfig, Testbench


class GenerateError(WorkbenchError, ValueError):
    """A request that cannot be carried out (bad option, unreadable tests file)."""


@dataclass(frozen=True)
class DesignRequest:
    spec: str
    top: str | None = None
    language: str = "systemverilog"
    tests: Path | None = None  # a cocotb test module the design must pass
    pipeline: str = "direct"
    repair_rounds: int = 3
    simulator: str = "icarus"
    rag_k: int = 2
    rag_corpus: tuple[str, ...] = ()  # user corpora (folders or datasets) added to the installed one
    rag_embeddings: str | None = None  # embeddings provider: dense ranking, fused with BM25
    rag_budget_tokens: int = 3000
    generation: GenerateConfig = field(default_factory=GenerateConfig)


@dataclass
class Generation:
    request: DesignRequest
    model: str
    template: str
    demonstrations: list[str]  # sources of the retrieved designs shown to the model
    messages: list[ChatMessage]
    attempts: list[Attempt] = field(default_factory=list)
    outputs: list[ModelOutput] = field(default_factory=list)
    model_calls: int = 0  # requests sent to a model that calls the network
    cache_hits: int = 0  # answers served from the response cache

    @property
    def final(self) -> Attempt:
        return self.attempts[-1]

    @property
    def verified(self) -> bool:
        """Whether the final design passed every check asked for (tests, or lint and build)."""
        wanted = Status.PASS if self.request.tests else Status.COMPILED
        return self.final.result.status == wanted


def generate_design(request: DesignRequest, model: Model, out: Path, cache: ResponseCache | None = None,
                    on_checked: Callable[[Attempt], None] | None = None) -> Generation:
    """Carry out ``request`` with ``model``, through ``cache`` when given (the same request twice
    sends the same prompts, so the second is answered from it); checks run under ``out/checks`` and
    ``on_checked`` is told of each. A model that surely cannot answer (no key, no server) fails
    before any request."""
    _validate(request)
    model.probe()
    counted: list[str] = []
    generate = Generate(model, request.generation, cache=cache, count=counted.append)
    check = Check(DesignJudge(request, out / "checks", on_checked))
    retrieve = (Retrieve(build_retriever(request.rag_corpus, request.rag_embeddings), request.rag_k)
                if retrieves(request.pipeline) else None)
    pipeline = build_pipeline(request.pipeline, RenderDesign(request.language, request.rag_budget_tokens), generate,
                              check, retrieve=retrieve, repair_rounds=request.repair_rounds)
    context = SampleContext(task=None, sample=0, top=request.top, spec=request.spec)
    state = solve([*pipeline, check], SolverState(context))  # the report is on the final answer: checked too
    return Generation(request, model.name, state.template, [d.source for d in state.demonstrations], state.messages,
                      state.attempts, state.outputs, counted.count("model_calls"), counted.count("cache_hits"))


@dataclass(frozen=True)
class DesignJudge:
    """:func:`check_answer` on the last answer; round N's files go under ``folder/round-N``."""

    request: DesignRequest
    folder: Path
    on_checked: Callable[[Attempt], None] | None = None

    def __call__(self, state: SolverState) -> Attempt:
        attempt = check_answer(state.output.text, self.request, self.folder / f"round-{len(state.attempts)}")
        if self.on_checked is not None:
            self.on_checked(attempt)
        return attempt


def check_answer(answer: str, request: DesignRequest, workdir: Path) -> Attempt:
    """Outline, lint, build and (with tests) simulate one answer. A Chisel answer is first
    elaborated to SystemVerilog, which is then checked with Chisel's port names."""
    checked = answer
    if request.language == "chisel":
        checked, failed = _elaborate_chisel(answer, request, workdir)
        if failed is not None:
            return Attempt(answer, failed)
    try:
        code = extract_verilog(checked).code
    except ExtractionError:
        outline = None
    else:
        call = call_isolated(outline_design, code, request.top, limits=Limits(wall_s=30, memory_mb=2048))
        outline = call.value
    task = _design_task(request, outline)
    result = score(task, checked, request.simulator,
                   ScoreOptions(workdir=workdir, lint=True, run_tests=request.tests is not None))
    return Attempt(answer, result, outline=outline, elaborated=code if request.language == "chisel" else None)


def _elaborate_chisel(answer: str, request: DesignRequest, workdir: Path) -> tuple[str, Result | None]:
    """(the elaborated design as an answer, None), or (the answer, the failed verdict)."""
    result = Result(task_id=_task_id(request.top or "design"), simulator=request.simulator, status=Status.FAIL_EXTRACT)
    try:
        source = extract_scala(answer)
    except ExtractionError as problem:
        result.message = str(problem)
        return answer, result
    verilog = elaborate_chisel(source, request.top or "Top", workdir / "chisel", _CHISEL_LIMIT_S, result)
    if verilog is None:
        return answer, result
    return f"```systemverilog\n{verilog}```", None


_CHISEL_LIMIT_S = 300.0


def _design_task(request: DesignRequest, outline: DesignOutline | None) -> Task:
    """The request as a task the scorer understands. Its interface is the design's own, so the
    interface check only asks that the top module exists; unparsable code gets a placeholder
    port, which the check never sees (it steps aside and the compiler judges)."""
    top = request.top or (outline.top if outline and outline.top else "top")
    ports = [Port(name=p.name, direction=p.direction if p.direction != "ref" else "inout", width=max(1, p.width),
                  signed=p.signed) for p in (outline.ports if outline else [])]
    testbench = Testbench(module=request.tests.stem) if request.tests else Testbench()
    config = TaskConfig(id=_task_id(top), kind="spec-to-rtl", category="generated", difficulty="medium", top=top,
                        ports=ports or [Port(name="unparsed", direction="input")], simulators=[request.simulator],
                        testbench=testbench)
    folder = request.tests.parent if request.tests else Path.cwd()
    summary = request.spec.strip().splitlines()[0][:200] if request.spec.strip() else top
    return Task(config=config, spec=Spec(summary=summary, detailed=request.spec), folder=folder, suite="generate")


def _task_id(top: str) -> str:
    return re.sub(r"[^a-z0-9_\-]", "_", top.lower()).lstrip("_-") or "design"


def _validate(request: DesignRequest) -> None:
    if request.pipeline not in PIPELINES:
        raise GenerateError(f"unknown pipeline '{request.pipeline}' (choose one of: {', '.join(PIPELINES)})")
    if request.language not in ("verilog", "systemverilog", "chisel"):
        raise GenerateError(f"language '{request.language}' is not supported (verilog, systemverilog, chisel)")
    if request.language == "chisel" and not (request.top and re.fullmatch(r"[A-Za-z_]\w*", request.top)):
        raise GenerateError("--lang chisel needs --top: the name of the Chisel module's class")
    if not request.spec.strip():
        raise GenerateError("the specification is empty")
    if request.tests is not None:
        if not request.tests.is_file():
            raise GenerateError(f"{request.tests}: tests file not found")
        if request.tests.suffix != ".py" or not re.fullmatch(r"[A-Za-z_]\w*", request.tests.stem):
            raise GenerateError(f"{request.tests}: expected a cocotb test module (a .py file named like test_x.py)")


# --- what is written --------------------------------------------------------------------------

def write_outputs(generation: Generation, out: Path) -> dict[str, Path]:
    """The final RTL, the prompt trail (JSON and Markdown) and the verification report."""
    out.mkdir(parents=True, exist_ok=True)
    final = generation.final
    top = (final.outline.top if final.outline and final.outline.top else None) or generation.request.top or "design"
    language = generation.request.language
    files = {"rtl": out / f"{top}.{ {'verilog': 'v', 'chisel': 'scala'}.get(language, 'sv') }",
             "trail_json": out / "prompt_trail.json", "trail_md": out / "prompt_trail.md",
             "report_md": out / "report.md", "report_json": out / "report.json"}
    try:
        code = extract_scala(final.answer) if language == "chisel" else extract_verilog(final.answer).code
        files["rtl"].write_text(code)
    except ExtractionError:
        files.pop("rtl")
    if final.elaborated:
        files["elaborated"] = out / f"{top}.sv"
        files["elaborated"].write_text(final.elaborated)
    trail = [message.model_dump() for message in generation.messages]
    trail.append({"role": "assistant", "content": final.answer})
    files["trail_json"].write_text(json.dumps(trail, indent=2))
    files["trail_md"].write_text(_trail_markdown(trail))
    files["report_json"].write_text(json.dumps(_report_data(generation), indent=2))
    files["report_md"].write_text(report_markdown(generation))
    return files


def _trail_markdown(trail: list[dict]) -> str:
    parts = [f"## {number}. {message['role']}\n\n````\n{message['content'].rstrip()}\n````\n"
             for number, message in enumerate(trail, start=1)]
    return "# Prompt trail\n\n" + "\n".join(parts)


def _report_data(generation: Generation) -> dict:
    request = generation.request
    return {
        "model": generation.model, "pipeline": request.pipeline, "template": generation.template,
        "simulator": request.simulator, "tests": str(request.tests) if request.tests else None,
        "demonstrations": generation.demonstrations, "verified": generation.verified,
        "function_checked": request.tests is not None,
        "rounds": [{"status": a.result.status.value, "message": a.result.message, "lint": a.result.lint,
                    "tests_run": a.result.tests_run, "tests_failed": a.result.tests_failed,
                    "top": a.outline.top if a.outline else None, "feedback": a.feedback}
                   for a in generation.attempts],
        "usage": {"input_tokens": _total(o.input_tokens for o in generation.outputs),
                  "output_tokens": _total(o.output_tokens for o in generation.outputs),
                  "cost_usd": _total(o.cost_usd for o in generation.outputs),
                  "model_calls": generation.model_calls, "cache_hits": generation.cache_hits},
    }


def _total(values) -> float | int | None:
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def report_markdown(generation: Generation) -> str:
    request, final = generation.request, generation.final
    result = final.result
    lines = ["# Verification report", "",
             f"- Model: `{generation.model}`; pipeline: `{request.pipeline}`; prompt template: `{generation.template}`",
             f"- Simulator: {request.simulator}; attempts: {len(generation.attempts)}"
             + (f" ({generation.cache_hits} answered from the response cache)" if generation.cache_hits else "")]
    if generation.demonstrations:
        lines.append(f"- Retrieved demonstrations: {', '.join(generation.demonstrations)}")
    lines += ["", "## Verdict", "", _verdict_sentence(generation), "", "## Checks of the final design", ""]
    lines += _check_lines(generation)
    if len(generation.attempts) > 1:
        lines += ["", "## Rounds", "", "| round | verdict | message |", "|---|---|---|"]
        lines += [f"| {number} | {a.result.status.value} | {_cell(a.result.message)} |"
                  for number, a in enumerate(generation.attempts)]
    if result.diagnostics:
        lines += ["", "## Diagnostics", "", "```", result.diagnostics[:4000], "```"]
    return "\n".join(lines) + "\n"


def _verdict_sentence(generation: Generation) -> str:
    result = generation.final.result
    if generation.request.tests is None:
        if result.status == Status.COMPILED:
            return ("The design lints and builds. **Function was not checked**: no tests were given "
                    "(pass `--tests test_x.py` to simulate it).")
        return f"The design does **not** build cleanly ({result.status.value}): {result.message}"
    if result.status == Status.PASS:
        return f"The design passes all {result.tests_run} tests of `{generation.request.tests.name}`."
    return f"The design **fails** ({result.status.value}): {result.message}"


def _check_lines(generation: Generation) -> list[str]:
    result, outline = generation.final.result, generation.final.outline
    if outline is None:
        interface = "not outlined (no module found, or pyslang could not parse it)"
    elif outline.top is None:
        interface = f"top module not found (modules: {', '.join(outline.modules) or 'none'})"
    else:
        ports = ", ".join(f"{p.direction} {'signed ' if p.signed else ''}[{p.width}] {p.name}" for p in outline.ports)
        interface = f"top `{outline.top}` ({ports or 'no ports'}); modules: {', '.join(outline.modules)}"
    skipped = [line for line in result.lint if line.startswith("lint skipped")]
    errors = [line for line in result.lint if line.startswith("error")]
    warnings = [line for line in result.lint if line.startswith("warning")]
    lint = skipped[0] if skipped else f"{len(errors)} errors, {len(warnings)} warnings"
    if Stage.LINT not in result.durations_s:
        lint = "not reached"
    if generation.request.tests is None:
        tests = "not run: no tests given, so function was not checked"
    elif result.tests_run:
        tests = f"{result.tests_run - result.tests_failed}/{result.tests_run} passed"
    else:
        reached = Stage.SIMULATE in result.durations_s
        tests = f"{result.status.value}: {result.message}" if reached else "not reached"
    lines = [f"- Interface: {interface}", f"- Lint (Verilator --lint-only -Wall): {lint}",
             f"- Build ({result.simulator}): {_build_state(result)}", f"- Tests: {tests}"]
    lines += [f"  - {line}" for line in (errors + warnings)[:20]]
    return lines


def _build_state(result: Result) -> str:
    if Stage.COMPILE not in result.durations_s:
        return "not reached"
    if Stage.SIMULATE in result.durations_s or result.status == Status.COMPILED:
        return "ok"
    return f"{result.status.value}: {result.message}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")[:160]
