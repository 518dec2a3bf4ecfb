"""The open formal judge: real pyslang, real Yosys/SymbiYosys, real yices."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.formal.judge import SourceFiles, inject, judge
from workbench.formal.sby import run_sby
from workbench.formal.sva import SvaSyntaxError, lower_all, parse_assertions
from workbench.task.format import Reset

COUNTER = """module counter(input logic clk, input logic rst, input logic en, output logic [3:0] q);
  always_ff @(posedge clk) if (rst) q <= 0; else if (en) q <= (q == 9) ? 4'd0 : q + 4'd1;
endmodule
"""
RESET = Reset(name="rst", active_low=False)


def _judge(properties: str, tmp_path: Path, depth: int = 12):
    return judge(COUNTER, "counter", properties, tmp_path, RESET, depth=depth)


def test_true_properties_are_proven_with_the_engine_recorded(tmp_path):
    report = _judge("""
p_range: assert property (@(posedge clk) disable iff (rst) q <= 9);
p_wrap:  assert property (@(posedge clk) disable iff (rst) q == 9 && en |=> q == 0);
p_step:  assert property (@(posedge clk) disable iff (rst) en && q != 9 |=> q == $past(q) + 4'd1);
p_hold:  assert property (@(posedge clk) disable iff (rst) !en |=> $stable(q));
p_later: assert property (@(posedge clk) disable iff (rst) q == 2 && en ##1 en |-> ##[1:2] q == 4 || !en);
""", tmp_path)
    assert [v.verdict for v in report.verdicts] == ["proven"] * 5, report.verdicts
    assert report.verdicts[0].engine == "smtbmc yices" and report.verdicts[0].depth == 12
    assert [v.line for v in report.verdicts] == [2, 3, 4, 5, 6]


def test_a_false_property_gets_a_counterexample_trace(tmp_path):
    (verdict,) = _judge("p: assert property (@(posedge clk) disable iff (rst) q == 3 |-> ##1 q == 4);",
                        tmp_path).verdicts
    assert verdict.verdict == "cex" and verdict.failing_step is not None
    assert Path(verdict.trace).is_file() and Path(verdict.trace).read_text().startswith("$")


def test_an_antecedent_that_never_matches_is_vacuous(tmp_path):
    (verdict,) = _judge("p: assert property (@(posedge clk) disable iff (rst) en && !en |=> q == 7);",
                        tmp_path).verdicts
    assert verdict.verdict == "vacuous"


def test_unsupported_constructs_are_named_never_dropped(tmp_path):
    report = _judge("""
p1: assert property (@(posedge clk) q == 1 |-> s_eventually q == 2);
p2: assert property (@(posedge clk) en [*1:2] |-> q != 0);
p3: assert property (q == 1);
p4: assert property (@(posedge clk) en |-> ##[1:$] q == 0);
""", tmp_path)
    assert [v.verdict for v in report.verdicts] == ["unsupported"] * 4
    assert "s_eventually q == 2" in report.verdicts[0].message
    assert "repetition" in report.verdicts[1].message
    assert "no clocking event" in report.verdicts[2].message
    assert "$" in report.verdicts[3].message


def test_syntax_and_elaboration_errors_name_the_line(tmp_path):
    with pytest.raises(SvaSyntaxError, match="line 2"):
        parse_assertions("p1: assert property (@(posedge clk) q <= 9);\np2: assert property (@(posedge clk) q <= );")
    assert _judge("p: assert property (@(posedge clk) q <= );", tmp_path).problem.startswith(
        "syntax error: properties.sva:1: ")
    report = _judge("p: assert property (@(posedge clk) missing_signal == 0);", tmp_path)
    assert report.problem == "elaboration error: properties.sva:1:36: use of undeclared identifier 'missing_signal'"
    assert report.verdicts[0].verdict == "elaboration_error"


def test_an_assertion_that_does_not_elaborate_spoils_only_itself_and_is_located_in_the_property_file(tmp_path):
    properties = """p_range: assert property (@(posedge clk) disable iff (rst) q <= 9);
p_typo: assert property (@(posedge clk) disable iff (rst)
                         qq == 3 |-> ##1 q == 4);
p_false: assert property (@(posedge clk) disable iff (rst) q == 3 |-> ##1 q == 4);
"""
    report = judge(COUNTER, "counter", properties, tmp_path, RESET, depth=12, files=SourceFiles("c.sv", "p.sva"))
    assert [(v.label, v.line, v.verdict) for v in report.verdicts] == [
        ("p_range", 1, "proven"), ("p_typo", 2, "elaboration_error"), ("p_false", 4, "cex")]
    assert report.verdicts[1].message == "p.sva:3:26: use of undeclared identifier 'qq'"
    assert report.problem == f"elaboration error: {report.verdicts[1].message}"


def test_an_error_of_the_design_is_located_at_the_design_files_own_line(tmp_path):
    design = COUNTER + "module helper(input logic a, output logic b);\n  assign b = undeclared_net;\nendmodule\n"
    report = judge(design, "counter", "p1: assert property (@(posedge clk) q <= 9);\n"
                   "p2: assert property (@(posedge clk) q <= 10);\n", tmp_path, RESET, files=SourceFiles("c.sv"))
    where = "c.sv:5:14: use of undeclared identifier 'undeclared_net'"
    assert report.problem == f"elaboration error: {where}"
    assert [(v.verdict, v.message) for v in report.verdicts] == [("elaboration_error", where)] * 2


def test_lowering_shifts_every_operand_to_its_cycle():
    (lowered,) = lower_all("p: assert property (@(posedge clk) disable iff (rst) a ##1 b |=> ##[0:1] c);")
    assert "($past(a, 3)) && ($past(b, 2))" in lowered.check
    assert "(($past(c, 1)) || (c))" in lowered.check
    assert "__sva_age_0 >= 8'd3 && __sva_run_0 >= 8'd4" in lowered.check and "cover" in lowered.antecedent_cover
    (constant,) = lower_all("p: assert property (@(posedge clk) a |=> q < WIDTH);", frozenset({"WIDTH"}))
    assert "q < WIDTH" in constant.check.replace("(", "").replace(")", "")


def test_injection_puts_the_monitor_inside_the_top_module():
    text = inject("module other; endmodule\n" + COUNTER, "counter", "// monitor\n")
    assert text.index("// monitor") > text.index("module counter") and text.rstrip().endswith("endmodule")


def test_sby_cover_reports_unreached_statements(tmp_path):
    design = COUNTER.replace("endmodule", "  always @(posedge clk) if (!rst) cover (q == 12);\n"
                                          "  initial assume (rst);\nendmodule")
    outcome = run_sby({"design.sv": design}, "counter", tmp_path, "cover", 14)
    assert outcome.verdict == "unreachable" and outcome.unreached


def test_sva_check_command_reports_each_assertion_as_json(tmp_path):
    import json
    import subprocess
    import sys

    (tmp_path / "counter.sv").write_text(COUNTER)
    (tmp_path / "props.sva").write_text(
        "p_range: assert property (@(posedge clk) disable iff (rst) q <= 9);\n"
        "p_false: assert property (@(posedge clk) disable iff (rst) q == 3 |-> ##1 q == 4);\n")
    done = subprocess.run([sys.executable, "-m", "workbench.cli.main", "sva", "check",
                           "--design", str(tmp_path / "counter.sv"), "--props", str(tmp_path / "props.sva"),
                           "--reset", "rst", "--active-high", "--depth", "12", "--json"],
                          capture_output=True, text=True, timeout=300)
    report = json.loads(done.stdout)
    assert done.returncode == 1 and "not comparable" in report["judge"]
    assert [(a["label"], a["status"]) for a in report["assertions"]] == [("p_range", "proven"), ("p_false", "cex")]


def test_a_whole_property_set_in_one_run_names_unsupported_and_vacuous_members(tmp_path):
    from workbench.formal.judge import judge_set

    properties = """p_range: assert property (@(posedge clk) disable iff (rst) q <= 9);
p_vac: assert property (@(posedge clk) disable iff (rst) en && !en |=> q == 7);
p_un: assert property (@(posedge clk) q == 1 |-> s_eventually q == 2);
"""
    golden = judge_set(COUNTER, "counter", properties, tmp_path / "golden", RESET, depth=20)
    assert (golden.verdict, golden.unsupported, golden.vacuous) == ("proven", ("p_un",), ("p_vac",))
    mutant = COUNTER.replace("(q == 9) ?", "(q == 10) ?")
    killed = judge_set(mutant, "counter", properties, tmp_path / "mutant", RESET, depth=20, covers=False)
    assert killed.verdict == "cex"


def test_past_with_a_depth_and_the_first_cycle_after_reset_are_checked(tmp_path):
    report = _judge("""
p_two: assert property (@(posedge clk) disable iff (rst) en ##1 en |=> q == $past(q, 2) + 4'd2 || $past(q, 2) >= 4'd8);
p_reset: assert property (@(posedge clk) disable iff (rst) $past(rst) |-> q == 0);
""", tmp_path)
    assert [v.verdict for v in report.verdicts] == ["proven", "proven"], report.verdicts
    no_reset = COUNTER.replace("if (rst) q <= 0; else if", "if")
    property_ = "p: assert property (@(posedge clk) disable iff (rst) $past(rst) |-> q == 0);"
    (broken,) = judge(no_reset, "counter", property_, tmp_path / "broken", RESET, depth=12).verdicts
    assert broken.verdict == "cex"


@pytest.mark.parametrize(("infra", "verdict"), [(None, "elaboration_error"), ("the disk is full", "error")])
def test_only_the_harness_failing_is_an_error_verdict(tmp_path, monkeypatch, infra, verdict):
    """sby failing on the answer's monitor (its log may say anything) is the answer's failure; "error"
    (an infrastructure error for the scorer) only comes from the harness's state."""
    import workbench.formal.judge as judge_module
    from workbench.formal.sby import FormalOutcome

    def failing(sources, top, folder, mode="prove", depth=20, solver="yices", timeout_s=120):
        return FormalOutcome("error", mode, depth, solver, "ERROR: No space left on device", infra=infra)

    monkeypatch.setattr(judge_module, "run_sby", failing)
    (only,) = _judge("p: assert property (@(posedge clk) disable iff (rst) q <= 9);", tmp_path).verdicts
    assert only.verdict == verdict


def test_a_proof_that_runs_out_of_time_is_unknown(tmp_path, monkeypatch):
    import workbench.formal.judge as judge_module
    from workbench.formal.sby import FormalOutcome

    monkeypatch.setattr(judge_module, "run_sby", lambda sources, top, folder, mode="prove", depth=20, solver="yices":
                        FormalOutcome("timeout", mode, depth, solver, ""))
    (only,) = _judge("p: assert property (@(posedge clk) disable iff (rst) q <= 9);", tmp_path).verdicts
    assert only.verdict == "unknown"
