"""Synthesis figures in the bench: every simulation pass of a synthesised task gets its design's
figures beside the reference's (its own unit of work, once per distinct candidate, never again on
resume); failures are never synthesised; results and reports show the ratios."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from workbench.eval.bench import Bench
from workbench.log.run import RunConfig
from workbench.model import ScriptedModel
from workbench.report.results import run_results

# Every lane's output is its input: wrong whenever a lane is negative.
WRONG = """module relu #(parameter int LANES = 4) (input logic [8*LANES-1:0] x, output logic [8*LANES-1:0] y);
    assign y = x;
endmodule
"""
# Right, and larger than the reference: each lane is multiplied by 3 and then by 171, the inverse of 3
# modulo 256 (no synthesis step proves the product is the lane itself).
LARGER = """module relu #(parameter int LANES = 4) (input logic [8*LANES-1:0] x, output logic [8*LANES-1:0] y);
    genvar i;
    generate
        for (i = 0; i < LANES; i = i + 1) begin : g_lane
            logic [7:0] lane, tripled;
            assign lane = x[8*i +: 8];
            assign tripled = lane * 8'd3;
            assign y[8*i +: 8] = lane[7] ? 8'd0 : tripled * 8'd171;
        end
    endgenerate
endmodule
"""


def _answers(context) -> str:
    code = [context.task.reference_text(), context.task.reference_text(), LARGER, WRONG][context.sample]
    return f"```systemverilog\n{code}```"


def _relu_run(tmp_path: Path, synthesis: bool | None) -> Bench:
    config = RunConfig(suites=["accel"], tasks=["relu"], model="scripted", n=4)
    return Bench(config, ScriptedModel(_answers), tmp_path / "runs", jobs=1, equivalence=False, synthesis=synthesis)


def test_passes_are_synthesised_once_per_distinct_answer_beside_the_reference(tmp_path: Path) -> None:
    bench = _relu_run(tmp_path, synthesis=None)  # the accel suite is synthesised by default
    summary = bench.run()
    assert summary.status_counts == {"fail_functional": 1, "pass": 3}
    assert bench.stats.syntheses == 2  # the reference's text twice, and the larger answer
    samples = {s.sample: s for s in bench.log.samples()}
    assert samples[3].result.synthesis is None  # a failure is never synthesised
    reference, copy, larger = (samples[i].result.synthesis for i in range(3))
    assert reference is not None and copy is not None and larger is not None
    assert reference.ratio("transistors") == 1.0 and reference.reference is not None
    assert reference.answer.comparable() == reference.reference.comparable()
    assert copy == reference  # identical answers share one unit's figures
    larger_ratio = larger.ratio("transistors")
    assert larger_ratio is not None and larger_ratio > 1.0
    assert larger.answer.recipe is not None and "abc -g cmos2" in larger.answer.recipe.yosys_script

    counts = summary.synthesis
    assert counts is not None and (counts.passes, counts.synthesised, counts.missing) == (3, 3, 0)
    spread = next(s for s in counts.ratios if s.figure == "transistors")
    assert (spread.samples, spread.median, spread.low, spread.high) == (3, 1.0, 1.0, larger_ratio)
    [task] = counts.per_task
    assert task.task_id == "relu" and task.passes == 3 and task.reference["transistors"] > 0

    results = run_results(bench.log.folder)
    assert results.synthesis == counts
    journal = bench.log.synthesis_path.read_text()
    again = _relu_run(tmp_path, synthesis=None)
    again.run()
    assert again.stats.scorings == 0 and again.stats.syntheses == 0
    assert again.log.synthesis_path.read_text() == journal


def test_synth_off_records_nothing_and_a_later_run_with_it_adds_the_figures(tmp_path: Path) -> None:
    off = _relu_run(tmp_path, synthesis=False)
    summary = off.run()
    assert summary.synthesis is None and off.stats.syntheses == 0
    assert not off.log.synthesis_path.exists() or not off.log.synthesis_path.read_text()
    on = _relu_run(tmp_path, synthesis=True)
    summary = on.run()
    assert on.stats.scorings == 0 and on.stats.syntheses == 2
    assert summary.synthesis is not None and summary.synthesis.synthesised == 3


def test_the_report_shows_the_figures_beside_pass_at_k(tmp_path: Path) -> None:
    bench = _relu_run(tmp_path, synthesis=True)
    bench.run()
    shown = subprocess.run([sys.executable, "-m", "workbench.cli.main", "bench", "report", str(bench.log.folder),
                            "--html", str(tmp_path / "report.html")], capture_output=True, text=True,
                           env=dict(os.environ), timeout=300)
    assert shown.returncode == 0, shown.stderr
    runs = shown.stdout.split("## Runs", 1)[1].split("##", 1)[0]
    assert "| pass@1 | transistors vs reference | AIG levels vs reference |" in runs
    assert "## Synthesis figures of passing designs" in shown.stdout
    assert "| accel/relu | 3 |" in shown.stdout.split("## Synthesis figures per task", 1)[1]
    assert "Synthesis figures of passing designs" in (tmp_path / "report.html").read_text()
    results = json.loads((bench.log.folder / "results.json").read_text())
    assert results["synthesis"]["synthesised"] == 3


def test_an_optimize_verdict_keeps_its_equivalence_and_figures_in_the_samples(tmp_path: Path) -> None:
    config = RunConfig(suites=["optimize"], tasks=["max_chain_balance"], model="scripted", n=2)
    given = "```systemverilog\n{}```"

    def answers(context) -> str:
        task = context.task
        return given.format(task.reference_text() if context.sample == 0 else task.given_text())

    bench = Bench(config, ScriptedModel(answers), tmp_path / "runs", jobs=1)
    summary = bench.run()
    assert summary.status_counts == {"fail_not_better": 1, "pass": 1}
    assert bench.stats.syntheses == 0 and bench.stats.equivalence_checks == 0  # the scorer did both
    for sample in bench.log.samples():  # read back from samples.jsonl
        assert sample.result.equivalence is not None and sample.result.equivalence.status == "equivalent"
        assert sample.result.optimization is not None and sample.result.synthesis is not None
    assert summary.optimize is not None and summary.optimize.equivalent_not_better == 0.5
    assert summary.synthesis is not None and summary.synthesis.synthesised == 1
