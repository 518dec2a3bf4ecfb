"""The solver's steps and pipelines: what each pipeline runs, in which order, and the bounds of repair."""

from __future__ import annotations

from typing import get_args

from workbench.log.run import SolverSettings
from workbench.model import ModelOutput, ResponseCache, SampleContext, ScriptedModel
from workbench.scorer.result import Result, Status
from workbench.solver import (
    PIPELINES,
    Attempt,
    Check,
    Generate,
    RenderDesign,
    Repair,
    SolverState,
    build_pipeline,
    solve,
)

SPEC = "An 8-bit register with synchronous reset."


def _state(sample: int = 0) -> SolverState:
    return SolverState(SampleContext(task=None, sample=sample, top="reg8", spec=SPEC))


def _judge_by_text(state: SolverState) -> Attempt:
    """Judges answers by their text: scripted verdicts for the loop, not a check of any design."""
    status = Status.COMPILED if state.output.text == "good" else Status.FAIL_COMPILE
    result = Result(task_id="reg8", simulator="icarus", status=status, message=state.output.text)
    return Attempt(state.output.text, result)


def test_every_pipeline_a_run_can_name_has_its_steps():
    assert set(PIPELINES) == set(get_args(SolverSettings.model_fields["pipeline"].annotation))
    assert PIPELINES["rag+repair"] == ("retrieve", "prompt", "generate", "repair")


def test_a_pipeline_is_its_steps_in_order():
    generate, check, render = Generate(ScriptedModel(["x"])), Check(_judge_by_text), RenderDesign()
    direct = build_pipeline("direct", render, generate, check)
    assert direct == [render, generate]
    repair = build_pipeline("repair", render, generate, check, repair_rounds=2)
    assert repair[:2] == [render, generate] and repair[2] == Repair(check, generate, 2, "tools")


def test_repair_stops_on_success_and_leaves_nothing_unchecked():
    model = ScriptedModel(["bad", "good", "never asked for"])
    check = Check(_judge_by_text)
    state = solve([*build_pipeline("repair", RenderDesign(), Generate(model), check, repair_rounds=3), check], _state())
    assert model.calls == 2 and [a.answer for a in state.attempts] == ["bad", "good"]
    assert "does not compile" in state.attempts[0].feedback and state.attempts[1].feedback is None
    assert [m.role for m in state.messages] == ["system", "user", "assistant", "user"]


def test_repair_rounds_are_bounded_and_the_last_answer_is_left_to_the_scorer():
    model = ScriptedModel(["bad 1", "bad 2", "bad 3", "never asked for"])
    state = solve(build_pipeline("repair", RenderDesign(), Generate(model), Check(_judge_by_text), repair_rounds=2),
                  _state())
    assert model.calls == 3 and [a.answer for a in state.attempts] == ["bad 1", "bad 2"]
    assert state.output.text == "bad 3"


class _SeedEcho(ScriptedModel):
    """Answers with the seed it was given."""

    def __init__(self) -> None:
        super().__init__(lambda context: "")

    def generate(self, messages, config, context):
        super().generate(messages, config, context)
        return ModelOutput(text=f"seed {config.seed}")


def test_generate_seeds_each_sample_and_answers_a_repeated_conversation_from_the_cache(tmp_path):
    model = _SeedEcho()
    counted: list[str] = []
    generate = Generate(model, seed=10, cache=ResponseCache(tmp_path / "cache.sqlite"), count=counted.append)
    first = solve([RenderDesign(), generate], _state(sample=1))
    again = solve([RenderDesign(), generate], _state(sample=1))
    other = solve([RenderDesign(), generate], _state(sample=2))
    assert (first.output.text, first.cached) == ("seed 11", False)
    assert (again.output.text, again.cached) == ("seed 11", True)
    assert other.output.text == "seed 12" and model.calls == 2
    assert counted == ["cache_hits"]  # a scripted model calls no network: no model calls counted


def test_every_public_name_of_the_package_loads():
    import workbench.solver

    assert all(getattr(workbench.solver, name) is not None for name in workbench.solver.__all__)
