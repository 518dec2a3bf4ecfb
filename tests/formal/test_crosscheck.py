"""The lowering agrees with Verilator's own simulation of the SVA, construct by construct."""

from __future__ import annotations

import pytest

from workbench.formal import crosscheck as crosscheck_module
from workbench.formal.crosscheck import CONSTRUCTS, crosscheck, crosscheck_constructs
from workbench.formal.sva import lower_all
from workbench.task.format import Reset

FREE = "module free(input clk, input rst_n, input a, input b, input c); endmodule\n"


@pytest.mark.slow
def test_every_supported_construct_fails_at_the_same_cycles_as_verilator_says(tmp_path):
    result = crosscheck_constructs(tmp_path)
    assert not result.problem
    assert {a.label for a in result.agreements} == {item.assertion.label for item in lower_all(CONSTRUCTS)}
    for agreement in result.agreements:
        assert agreement.agreed, (agreement.label, agreement.first_difference)
        assert len(agreement.sva) >= 20, f"{agreement.label} hardly fails: the comparison would prove nothing"


def test_a_lowering_that_means_something_else_is_caught(tmp_path, monkeypatch):
    # The monitor of `a |=> b` is swapped for that of `a |-> b`: off by one cycle.
    wrong = lower_all("p: assert property (@(posedge clk) disable iff (!rst_n) a |-> b);")
    monkeypatch.setattr(crosscheck_module, "lower_all", lambda text, constants=frozenset(): wrong)
    result = crosscheck(FREE, "free", "p: assert property (@(posedge clk) disable iff (!rst_n) a |=> b);", tmp_path,
                        Reset(name="rst_n", active_low=True), cycles=100, seeds=(1,))
    assert not result.problem
    (agreement,) = result.agreements
    assert not agreement.agreed and agreement.first_difference is not None


def test_a_design_that_does_not_build_is_a_problem_not_an_agreement(tmp_path):
    result = crosscheck(FREE.replace("endmodule", "missing_block u ();\nendmodule"), "free",
                        "p: assert property (@(posedge clk) a |-> b);", tmp_path, cycles=10, seeds=(1,))
    assert not result.agreed and "build failed" in result.problem
