"""The scorer of hls-debug answers: the fixed kernel's checks (C simulation, sanitizers, random
vectors, static pragma check) and, reported apart, how well the answer located and named the bug."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from workbench.answer.extract import extract_fix, localization
from workbench.hls.csim import HarnessFailure, HlsCheck, score_kernel, toolchain_problem
from workbench.sandbox import isolation_name
from workbench.scorer._scorer import ScoreOptions, answer_folder
from workbench.scorer.result import HlsCheckRecord, HlsScore, Result, Stage, Status
from workbench.task.format import Task
from workbench.task.hls import bug_of


class HlsScorer:
    """hls-debug tasks: the fixed kernel run by C simulation. It simulates no HDL: ``options.sim`` does not apply."""

    name = "hls"
    version = 1
    batches = False

    def check(self, task: Task, options: ScoreOptions) -> None:
        pass  # every option it reads suits every task it judges

    def score(self, task: Task, answers: Sequence[str], options: ScoreOptions) -> list[Result]:
        return [score_fix(task, answer, answer_folder(task, options.workdir, "hls")) for answer in answers]


def score_fix(task: Task, completion: str, workdir: Path) -> Result:
    started = time.monotonic()
    bug = bug_of(task.folder)
    lines, kind = localization(completion)
    hls = HlsScore(predicted_lines=lines, predicted_type=kind, line_top1=bool(lines) and lines[0] in bug.config.lines,
                   line_top3=any(line in bug.config.lines for line in lines[:3]), type_correct=kind == bug.config.type)
    base = {"task_id": task.id, "simulator": "g++", "artefacts": workdir, "hls": hls, "isolation": isolation_name()}
    problem = toolchain_problem()
    if problem:
        return Result(**base, status=Status.INFRA_ERROR, message=problem)
    source = extract_fix(completion)
    if source is None:
        return Result(**base, status=Status.FAIL_EXTRACT, message="no ```cpp code block with the fixed kernel")
    try:
        outcomes = score_kernel(bug.kernel, source, workdir)
    except HarnessFailure as failure:
        return Result(**base, status=Status.INFRA_ERROR, message=f"the harness failed: {failure}",
                      durations_s={Stage.SIMULATE: time.monotonic() - started})
    hls.checks = [HlsCheckRecord(check=o.check.value, ok=o.ok, detail=o.detail, static=o.check == HlsCheck.PRAGMAS)
                  for o in outcomes]
    status, message = _verdict(outcomes)
    return Result(**base, status=status, message=message, durations_s={Stage.SIMULATE: time.monotonic() - started})


def _verdict(outcomes) -> tuple[Status, str]:
    failed = next((o for o in outcomes if not o.ok), None)
    if failed is None:
        return Status.PASS, "compiles; testbench, sanitizers, random vectors and (static) pragma check pass"
    label = f"{failed.check.value}: {failed.detail}"
    if failed.check == HlsCheck.COMPILE:
        return Status.FAIL_COMPILE, label
    if failed.timed_out:
        return Status.TIMEOUT, label
    return Status.FAIL_FUNCTIONAL, label
