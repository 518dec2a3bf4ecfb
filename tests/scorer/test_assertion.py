"""Scoring assertion and nl2sva answers with the open formal judge, alone and inside a bench run."""

from __future__ import annotations

import pytest

from workbench.answer.extract import extract_properties
from workbench.eval.bench import Bench
from workbench.log.run import RunConfig
from workbench.model import ScriptedModel
from workbench.scorer.assertion import score_assertions
from workbench.scorer.result import Status
from workbench.task.format import TaskKind
from workbench.task.suite import load_suite

SUITE = load_suite("assert")
COUNTER = next(t for t in SUITE.tasks if t.id == "sat_counter")
CLOCKED = "@(posedge clk) disable iff (!rst_n)"


def test_the_golden_properties_pass_and_kill_every_mutant(tmp_path):
    result = score_assertions(COUNTER, f"```systemverilog\n{COUNTER.reference_text()}```", tmp_path)
    formal = result.formal
    assert result.status == Status.PASS, result.message
    assert formal.proven == formal.assertions == 7 and formal.vacuous == 0
    assert formal.mutants == 5 and formal.killed == 5


def test_a_tautology_fails_though_proven_and_non_vacuous(tmp_path):
    trivial = score_assertions(COUNTER, f"t: assert property ({CLOCKED} 1'b1);\n"
                                        f"u: assert property ({CLOCKED} inc |-> inc);", tmp_path / "trivial")
    assert trivial.formal.proven == 2 and trivial.formal.tautology
    assert trivial.status == Status.FAIL_FUNCTIONAL and "tautology" in trivial.message
    # One assertion about the design among tautologies is enough: the answer says something.
    about_the_design = f"ok: assert property ({CLOCKED} level == 3'd7 && inc && !dec |=> level == 3'd7);"
    mixed = score_assertions(COUNTER, f"t: assert property ({CLOCKED} 1'b1);\n{about_the_design}", tmp_path / "mixed")
    assert mixed.status == Status.PASS and not mixed.formal.tautology


def test_a_false_property_fails_and_only_proven_ones_are_tried_on_the_mutants(tmp_path):
    answer = (f"ok: assert property ({CLOCKED} level == 3'd7 && inc && !dec |=> level == 3'd7);\n"
              f"wrong: assert property ({CLOCKED} inc |=> level == 3'd7);\n"
              f"odd: assert property ({CLOCKED} inc |-> s_eventually level == 3'd7);\n")
    result = score_assertions(COUNTER, answer, tmp_path)
    formal = result.formal
    assert result.status == Status.FAIL_FUNCTIONAL
    assert [v.verdict for v in formal.verdicts] == ["proven", "cex", "unsupported"]
    assert (formal.assertions, formal.supported, formal.proven, formal.cex) == (3, 2, 1, 1)
    assert formal.mutants == 5 and 0 < formal.killed < 5  # one saturation property kills some, not all


def test_syntax_errors_name_the_line_and_an_answer_without_assertions_is_an_extraction_failure(tmp_path):
    broken = score_assertions(COUNTER, f"a: assert property ({CLOCKED} inc |=> level == 3'd7);\nb: assert property (",
                              tmp_path / "a")
    assert broken.status == Status.FAIL_COMPILE and "line 2" in broken.message
    empty = score_assertions(COUNTER, "```systemverilog\n// nothing to assert\n```", tmp_path / "b")
    assert empty.status == Status.FAIL_EXTRACT


def test_an_undeclared_signal_is_an_elaboration_failure(tmp_path):
    result = score_assertions(COUNTER, f"a: assert property ({CLOCKED} inc |=> levle == 3'd7);", tmp_path)
    assert result.status == Status.FAIL_COMPILE and "levle" in result.message


def test_nl2sva_passes_only_when_equivalent_to_the_reference(tmp_path):
    posed = COUNTER.nl2sva_tasks()[0]
    assert posed.kind == TaskKind.NL2SVA and posed.id == "sat_counter.sat_high"
    good = score_assertions(posed, posed.reference_text(), tmp_path / "good")
    assert good.status == Status.PASS and good.formal.relation == "equivalent"
    # True of the design, but says less than the reference.
    weaker = score_assertions(posed, f"p: assert property ({CLOCKED} level == 3'd7 && inc && !dec |=> level != 3'd0);",
                              tmp_path / "weaker")
    assert weaker.formal.proven == 1 and weaker.formal.relation == "weaker"
    assert weaker.status == Status.FAIL_FUNCTIONAL and "weaker" in weaker.message


def test_extract_properties_takes_the_code_blocks():
    assert extract_properties("Here:\n```sva\na: assert property (x);\n```\nand\n```\nb: assert property (y);\n```") \
        == "a: assert property (x);\n\nb: assert property (y);\n"


@pytest.mark.slow
def test_bench_runs_nl2sva_reference_at_100_and_wrong_answers_at_0(tmp_path):
    tasks = ["sat_counter.sat_high", "sat_counter.sat_low"]
    config = RunConfig(suites=["assert"], tasks=tasks, model="reference", kind="nl2sva")
    from workbench.solver.baselines import ReferenceModel

    summary = Bench(config, ReferenceModel(), tmp_path / "runs").run()
    assert summary.pass_at_k[0].value == 1.0 and summary.formal.equivalent == 1.0
    wrong = Bench(RunConfig(suites=["assert"], tasks=tasks, model="scripted", kind="nl2sva"),
                  ScriptedModel(lambda context: f"p: assert property ({CLOCKED} inc |=> level == 3'd7);"),
                  tmp_path / "runs").run()
    assert wrong.pass_at_k[0].value == 0.0 and wrong.formal.cex == 1.0
    prompts = ScriptedModel(lambda context: "x")
    Bench(RunConfig(suites=["assert"], tasks=tasks, model="scripted-prompts", kind="nl2sva"), prompts,
          tmp_path / "runs").generate()
    assert all("saturat" in messages[-1].content.lower() or "level" in messages[-1].content
               for messages in prompts.received)


@pytest.mark.parametrize(("infra", "status"),
                         [(None, Status.FAIL_FUNCTIONAL), ("the disk is full", Status.INFRA_ERROR)])
def test_only_the_harness_failing_is_an_infrastructure_error(tmp_path, monkeypatch, infra, status):
    """sby failing on an answer's monitor is that answer's failure, whatever its log says."""
    import workbench.formal.judge as judge_module
    from workbench.formal.sby import FormalOutcome

    def failing(sources, top, folder, mode="prove", depth=20, solver="yices", timeout_s=120):
        return FormalOutcome("error", mode, depth, solver, "ERROR: No space left on device", infra=infra)

    monkeypatch.setattr(judge_module, "run_sby", failing)
    result = score_assertions(COUNTER, f"p: assert property ({CLOCKED} level <= 3'd7);", tmp_path)
    assert result.status == status, result.message
