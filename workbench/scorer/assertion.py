"""The scorer of assertion and nl2sva answers: the open formal judge, then mutants or equivalence.

- assertion (design -> SVA): every assertion judged on the design; the proven, non-vacuous ones
  are then proven on each mutant of the design, and a counterexample there kills the mutant.
  The answer passes when it has assertions, every one is proven and non-vacuous, and they are not
  a tautology: proven again with every signal of the design free, at least one must fail (an
  answer that says nothing about the design cannot pass, mutants or not).
- nl2sva: the single assertion must be proven, non-vacuous and equivalent to the reference; for
  tasks judged by equivalence alone (``nl2sva_judged_by``), equivalent to the reference.

Verdicts come from open tools (Yosys, SymbiYosys, yices) and are not comparable to those of
commercial formal tools.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from workbench.answer.extract import extract_properties
from workbench.formal.equivalence import compare_properties, free_design
from workbench.formal.judge import JudgeReport, elaboration_errors, judge, judge_set
from workbench.formal.sva import SvaSyntaxError, parse_assertions, replace_actions
from workbench.sandbox import isolation_name
from workbench.scorer._scorer import ScoreOptions, answer_folder
from workbench.scorer.result import AssertionVerdictRecord, FormalScore, Result, Stage, Status
from workbench.task.format import Task, TaskKind


class FormalScorer:
    """assertion and nl2sva tasks: the open formal judge. It simulates nothing: ``options.sim`` does not apply."""

    name = "formal"
    version = 1
    batches = False

    def check(self, task: Task, options: ScoreOptions) -> None:
        pass  # every option it reads suits every task it judges

    def score(self, task: Task, answers: Sequence[str], options: ScoreOptions) -> list[Result]:
        return [score_assertions(task, answer, answer_folder(task, options.workdir, "formal"), options.solver)
                for answer in answers]


def score_assertions(task: Task, completion: str, workdir: Path, solver: str = "yices") -> Result:
    started = time.monotonic()
    workdir.mkdir(parents=True, exist_ok=True)
    properties = extract_properties(completion)
    base = {"task_id": task.id, "simulator": "formal", "artefacts": workdir, "isolation": isolation_name()}
    try:
        assertions, _ = parse_assertions(properties)
    except SvaSyntaxError as error:
        return Result(**base, status=Status.FAIL_COMPILE, message=f"SVA syntax error: {error}",
                      formal=FormalScore(), durations_s={Stage.FORMAL: time.monotonic() - started})
    if not assertions:
        return Result(**base, status=Status.FAIL_EXTRACT, message="no `assert property` statement in the answer",
                      formal=FormalScore(parsed=True))
    design, config = task.design_text(), task.config
    elaboration = elaboration_errors(design, config.top, properties)
    if elaboration:  # the answer fails whatever its other assertions prove: spare their proofs
        return Result(**base, status=Status.FAIL_COMPILE, message=f"SVA elaboration error: {elaboration}",
                      formal=FormalScore(assertions=len(assertions), parsed=True),
                      durations_s={Stage.FORMAL: time.monotonic() - started})
    report = judge(design, config.top, properties, workdir / "judge", config.reset, config.formal_depth, solver)
    formal = _score(report, len(assertions), config.formal_depth)
    if report.problem:
        return Result(**base, status=Status.FAIL_COMPILE, message=f"SVA {report.problem}", formal=formal,
                      durations_s={Stage.FORMAL: time.monotonic() - started})
    good = [v.label for v in report.verdicts if v.verdict == "proven"]
    if task.kind == TaskKind.ASSERTION and good:
        try:
            formal.tautology = _is_tautology(task, properties, set(good), workdir / "free", solver)
            _kill_mutants(task, properties, set(good), workdir / "mutants", formal, solver)
        except _HarnessFailure as failure:
            return Result(**base, status=Status.INFRA_ERROR, message=f"the formal tools could not run: {failure}",
                          formal=formal, durations_s={Stage.FORMAL: time.monotonic() - started})
    if task.kind == TaskKind.NL2SVA and (good or _by_equivalence(task)) and formal.supported == formal.assertions:
        relation = compare_properties(properties, task.reference_text(), design, config.top, workdir / "equivalence",
                                      config.formal_depth, solver)
        formal.relation = relation.relation
        if relation.infra:
            return Result(**base, status=Status.INFRA_ERROR, formal=formal,
                          message=f"the formal tools could not run: {relation.infra}",
                          durations_s={Stage.FORMAL: time.monotonic() - started})
    status, message = _verdict(task, formal)
    return Result(**base, status=status, message=message, formal=formal,
                  durations_s={Stage.FORMAL: time.monotonic() - started})


class _HarnessFailure(Exception):
    """A formal run failed for the harness's own reasons (a tool missing, the sandbox)."""


def _score(report: JudgeReport, count: int, depth: int) -> FormalScore:
    engines = {v.engine for v in report.verdicts if v.engine}
    return FormalScore(
        assertions=count, parsed=not report.problem,
        supported=sum(v.verdict not in ("unsupported", "elaboration_error", "syntax_error") for v in report.verdicts),
        proven=report.count("proven"), cex=report.count("cex"), unknown=report.count("unknown"),
        vacuous=report.count("vacuous"), engine=", ".join(sorted(engines)), depth=depth,
        verdicts=[AssertionVerdictRecord(label=v.label, line=v.line, verdict=v.verdict, message=v.message)
                  for v in report.verdicts])


def _by_equivalence(task: Task) -> bool:
    return task.config.nl2sva_judged_by == "equivalence"


def _is_tautology(task: Task, properties: str, proven: set[str], folder: Path, solver: str) -> bool:
    """Whether the ``proven`` assertions also hold on a design whose every signal is free."""
    config = task.config
    free = free_design(task.design_text(), config.top, config.clock.name if config.clock else "clk")
    if free is None:
        return False
    kept = replace_actions(properties, lambda assertion: ";" if assertion.label in proven else None)
    verdict = judge_set(free, config.top, kept, folder, config.reset, config.formal_depth, solver, covers=False)
    if verdict.infra:
        raise _HarnessFailure(verdict.infra)
    return verdict.verdict == "proven"


def _kill_mutants(task: Task, properties: str, proven: set[str], folder: Path, formal: FormalScore,
                  solver: str) -> None:
    """Prove the answer's proven assertions on each mutant: a counterexample kills it."""
    kept = replace_actions(properties, lambda assertion: ";" if assertion.label in proven else None)
    mutants = sorted((task.folder / "mutants").glob("mutant_*.sv"))
    config = task.config
    formal.mutants = len(mutants)
    for mutant in mutants:
        verdict = judge_set(mutant.read_text(), config.top, kept, folder / mutant.stem, config.reset,
                            config.formal_depth, solver, covers=False)
        if verdict.infra:
            raise _HarnessFailure(verdict.infra)
        formal.killed += verdict.verdict == "cex"


def _verdict(task: Task, formal: FormalScore) -> tuple[Status, str]:
    counts = (f"{formal.proven}/{formal.assertions} proven, {formal.cex} cex, {formal.unknown} unknown, "
              f"{formal.vacuous} vacuous, {formal.assertions - formal.supported} unsupported")
    errors = [v.message for v in formal.verdicts if v.verdict == "error"]  # the harness's failures alone
    if errors:
        return Status.INFRA_ERROR, f"the formal tools could not run: {errors[0]} ({counts})"
    all_proven = formal.proven == formal.assertions
    if task.kind == TaskKind.NL2SVA:
        if formal.assertions != 1:
            return Status.FAIL_FUNCTIONAL, f"{formal.assertions} assertions where one was asked for ({counts})"
        if _by_equivalence(task):
            if formal.relation == "equivalent":
                return Status.PASS, f"equivalent to the reference (judged by equivalence alone; {counts})"
            return Status.FAIL_FUNCTIONAL, f"{formal.relation or 'not compared'} to the reference ({counts})"
        if not all_proven:
            return Status.FAIL_FUNCTIONAL, counts
        if formal.relation != "equivalent":
            return Status.FAIL_FUNCTIONAL, f"proven, but {formal.relation} than the reference property" \
                if formal.relation in ("stronger", "weaker") else f"proven, but {formal.relation} to the reference"
        return Status.PASS, "proven, non-vacuous and equivalent to the reference"
    kills = f"; kills {formal.killed}/{formal.mutants} mutants" if formal.mutants else ""
    if all_proven and formal.tautology:
        return Status.FAIL_FUNCTIONAL, f"a tautology: the assertions hold with every signal free ({counts}{kills})"
    return (Status.PASS if all_proven else Status.FAIL_FUNCTIONAL), counts + kills
