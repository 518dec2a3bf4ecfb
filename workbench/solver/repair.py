"""The repair step's check and the feedback sent back to the model after a failed round."""

from __future__ import annotations

from pathlib import Path

from workbench.scorer import ScoreOptions, score
from workbench.scorer.result import Result, Status
from workbench.task.format import Task


def repair_check(task: Task, answer: str, sim: str, mode: str, workdir: Path,
                 language: str = "systemverilog") -> tuple[Result, str]:
    """The check behind one repair round, and what it consisted of. In ``tools`` mode the grading
    testbench never runs: lint, the compiler and the task's visible tests (when it has some)
    decide; in ``oracle`` mode the grading testbench does."""
    if mode == "oracle":
        options = ScoreOptions(workdir=workdir, lint=True, language=language)
        return score(task, answer, sim, options), "ORACLE: grading testbench"
    visible = task.with_visible_tests()
    options = ScoreOptions(workdir=workdir, lint=True, run_tests=visible is not None, language=language)
    return score(visible or task, answer, sim, options), "lint+compile" + (" + visible tests" if visible else "")


_REPAIR_OPENINGS = {
    Status.FAIL_EXTRACT: "Your reply contained no complete module.",
    Status.FAIL_INTERFACE: "Your module does not have the required interface.",
    Status.FAIL_COMPILE: "Your design does not compile.",
    Status.TIMEOUT: "Your design did not finish in time.",
    Status.CRASH: "Your design crashed the simulator.",
}


def repair_feedback(result: Result, mode: str) -> str | None:
    """What goes back to the model after a failed check, or None when the round succeeded (or the
    infrastructure failed, which is no evidence about the design)."""
    if result.status in (Status.PASS, Status.COMPILED, Status.INFRA_ERROR):
        return None
    testbench = "the testbench" if mode == "oracle" else "the visible tests"
    opening = _REPAIR_OPENINGS.get(result.status, f"Your design fails {testbench} ({result.status.value}).")
    lint = [line for line in result.lint if line not in result.diagnostics]
    evidence = "\n".join(part for part in (result.message, result.diagnostics[:3000]) if part)
    if lint:
        evidence += "\n\nVerilator lint:\n" + "\n".join(lint[:30])
    return f"{opening}\n\n{evidence}\n\nReply with the complete corrected design in one ```systemverilog block."
