"""The design equivalence checker against the task's reference, with the real Yosys and Icarus.

Wrong answers are single edits of accel references (an operator, a constant, an edge, a dropped
``~``, an output left undriven); each must come out ``different`` with a counterexample that a
simulation of both designs confirms. Right answers (the reference itself, a rewrite in another
coding style) must come out equivalent.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench.formal.design_equivalence import (
    Counterexample,
    CycleValues,
    EquivalenceVerdict,
    check_equivalence,
    replay_counterexample,
)
from workbench.task.format import (
    EquivalenceSettings,
    ObservationMask,
    Task,
    TaskConfig,
    TaskFormatError,
    load_task,
)

ACCEL = Path(__file__).resolve().parents[2] / "benchmarks" / "accel"

pytestmark = pytest.mark.skipif(shutil.which("iverilog") is None, reason="Icarus Verilog is not installed")


def accel(name: str) -> Task:
    return load_task(ACCEL / name)


def edited(task: Task, old: str, new: str) -> str:
    reference = task.reference_text()
    assert reference.count(old) == 1, f"the edit's anchor must occur once in {task.id}'s reference"
    return reference.replace(old, new)


def with_settings(task: Task, settings: EquivalenceSettings) -> Task:
    return task.model_copy(update={"config": task.config.model_copy(update={"equivalence": settings})})


SAT_ADD_REWRITE = """
module sat_add #(parameter int WIDTH = 8) (
    input  logic signed [WIDTH-1:0] a,
    input  logic signed [WIDTH-1:0] b,
    output logic signed [WIDTH-1:0] sum,
    output logic                    overflow
);
    logic [WIDTH-1:0] raw;
    assign raw = a + b;
    wire too_high = ~a[WIDTH-1] & ~b[WIDTH-1] & raw[WIDTH-1];
    wire too_low  =  a[WIDTH-1] &  b[WIDTH-1] & ~raw[WIDTH-1];
    assign overflow = too_high | too_low;
    always_comb begin
        case ({too_high, too_low})
            2'b10:   sum = {1'b0, {(WIDTH-1){1'b1}}};
            2'b01:   sum = {1'b1, {(WIDTH-1){1'b0}}};
            default: sum = raw;
        endcase
    end
endmodule
"""

EDGE_DETECTOR_REWRITE = """
module edge_detector (input logic clk, input logic rst_n, input logic din,
                      output logic rise, output logic fall, output logic any_edge);
    logic last;
    logic [1:0] edges;  // {rise, fall}
    always @(posedge clk) begin
        last  <= din;
        edges <= rst_n ? {din && !last, !din && last} : 2'b00;
    end
    assign rise = edges[1];
    assign fall = edges[0];
    assign any_edge = rise | fall;
endmodule
"""

# The reference's FIFO in another style: other names, no separate read/write enables, a count update
# in one expression; the registers no longer match the reference's by name.
SYNC_FIFO_REWRITE = """
module sync_fifo #(parameter DEPTH = 8, parameter WIDTH = 8) (
  input clk, input rst_n, input wr_en, input [WIDTH-1:0] wr_data, input rd_en,
  output [WIDTH-1:0] rd_data, output full, output empty, output reg [$clog2(DEPTH+1)-1:0] count);
  reg [WIDTH-1:0] storage [0:DEPTH-1];
  reg [$clog2(DEPTH)-1:0] head, tail;
  wire push = wr_en & (count != DEPTH);
  wire pop = rd_en & (count != 0);
  assign full = count == DEPTH;
  assign empty = count == 0;
  assign rd_data = storage[head];
  always @(posedge clk) begin
    if (!rst_n) begin head <= 0; tail <= 0; count <= 0; end
    else begin
      if (push) begin storage[tail] <= wr_data; tail <= tail + 1; end
      if (pop) head <= head + 1;
      count <= count + push - pop;
    end
  end
endmodule
"""


@pytest.mark.parametrize("name", ["abs_diff", "sat_add", "edge_detector", "sync_fifo", "systolic_array_2x2"])
def test_a_reference_is_equivalent_to_itself(name: str, tmp_path: Path) -> None:
    task = accel(name)
    verdict = check_equivalence(task, task.reference_text(), tmp_path)
    assert verdict.status == "equivalent", verdict.reason
    assert verdict.label == "equivalent" and verdict.counterexample is None and verdict.seconds > 0


@pytest.mark.parametrize(("name", "rewrite"), [("sat_add", SAT_ADD_REWRITE), ("edge_detector", EDGE_DETECTOR_REWRITE)])
def test_a_rewrite_in_another_style_is_equivalent(name: str, rewrite: str, tmp_path: Path) -> None:
    verdict = check_equivalence(accel(name), rewrite, tmp_path)
    assert verdict.status == "equivalent", verdict.reason


def test_a_rewrite_whose_registers_do_not_match_is_equivalent_within_the_bound(tmp_path: Path) -> None:
    verdict = check_equivalence(accel("sync_fifo"), SYNC_FIFO_REWRITE, tmp_path, depth=3)
    assert (verdict.status, verdict.depth, verdict.label) == ("equivalent-bounded", 3, "equivalent-bounded:3")
    assert "induction did not close" in verdict.reason


WRONG_EDITS = [
    pytest.param("sat_add", "assign exact = a + b;", "assign exact = a - b;", id="operator"),
    pytest.param("sync_fifo", "count <= count + 1'b1;", "count <= count + 2'd2;", id="constant"),
    pytest.param("edge_detector", "always_ff @(posedge clk)", "always_ff @(negedge clk)", id="posedge-to-negedge"),
    pytest.param("edge_detector", "din & ~prev", "din & prev", id="dropped-not"),
    pytest.param("systolic_pe", "posedge", "negedge", id="posedge-to-negedge-pe"),
]


@pytest.mark.parametrize(("name", "old", "new"), WRONG_EDITS)
def test_a_single_edit_is_different_and_its_counterexample_replays(name: str, old: str, new: str,
                                                                     tmp_path: Path) -> None:
    task = accel(name)
    answer = edited(task, old, new)
    verdict = check_equivalence(task, answer, tmp_path / "check")
    assert verdict.status == "different", verdict.reason
    cex = verdict.counterexample
    assert cex is not None and cex.differing and cex.vcd is not None
    assert (tmp_path / "check" / cex.vcd).is_file()
    cycle, output = cex.differing[0]
    row = next(row for row in cex.cycles if row.cycle == cycle)
    assert row.reference[output] != row.answer[output]
    assert set(row.inputs) <= {port.name for port in task.config.ports if port.direction == "input"}
    assert "<- differs" in cex.table()
    assert replay_counterexample(task, answer, cex, tmp_path / "replay")
    # The same inputs on the reference itself show no difference: the replay can say no.
    assert not replay_counterexample(task, task.reference_text(), cex, tmp_path / "replay-reference")


def test_an_edge_change_is_seen_with_both_clock_phases_as_steps(tmp_path: Path) -> None:
    task = accel("edge_detector")
    verdict = check_equivalence(task, edited(task, "always_ff @(posedge clk)", "always_ff @(negedge clk)"), tmp_path)
    assert verdict.counterexample is not None and verdict.counterexample.half_cycles
    assert "clk" in verdict.counterexample.cycles[0].inputs


def test_an_output_left_undriven_is_different(tmp_path: Path) -> None:
    task = accel("abs_diff")
    answer = edited(task, "assign a_lt_b = a_minus_b[WIDTH];", "")
    verdict = check_equivalence(task, answer, tmp_path)
    assert verdict.status == "different"
    assert verdict.counterexample is not None
    cycle, output = verdict.counterexample.differing[0]
    assert output == "a_lt_b" and verdict.counterexample.cycles[cycle].answer["a_lt_b"] == "x"


def test_an_answer_x_that_simulation_shows_too_stays_different(tmp_path: Path) -> None:
    # The undriven output is X in Icarus as well: the replay confirms the X counterexample.
    task = accel("abs_diff")
    verdict = check_equivalence(task, edited(task, "assign a_lt_b = a_minus_b[WIDTH];", ""), tmp_path)
    assert verdict.status == "different" and "which simulation shows" in verdict.reason


def test_a_difference_only_in_the_checkers_x_is_its_own_verdict(tmp_path: Path) -> None:
    # The loop reads one element past the end: Yosys gives X, which reaches an `if`; a simulator
    # takes its `else` branch and the answer gives the reference's value for every input.
    task = accel("argmax")
    answer = edited(task, "i < N; i++", "i <= N; i++")
    verdict = check_equivalence(task, answer, tmp_path / "check")
    assert verdict.status == "differs-only-in-x", verdict.reason
    assert verdict.label == "differs-only-in-x" and "for any input" in verdict.reason
    cex = verdict.counterexample
    assert cex is not None and cex.differing
    cycle, output = cex.differing[0]
    assert "x" in cex.cycles[cycle].answer[output] and "x" not in cex.cycles[cycle].reference[output]
    assert not replay_counterexample(task, answer, cex, tmp_path / "replay")


def test_a_counterexample_resting_on_x_gives_way_to_one_with_defined_values(tmp_path: Path) -> None:
    # The pointer, updated on the falling edge, is X at the first rising one (a difference only in
    # X), but half a cycle later the grants differ with defined values, as a simulation shows.
    task = accel("round_robin_arbiter")
    answer = edited(task, "always_ff @(posedge clk)", "always_ff @(negedge clk)")
    verdict = check_equivalence(task, answer, tmp_path / "check")
    assert verdict.status == "different", verdict.reason
    cex = verdict.counterexample
    assert cex is not None and cex.half_cycles and cex.vcd == "defined_cex.vcd"
    rows = {row.cycle: row for row in cex.cycles}
    assert cex.differing and all(set(rows[c].reference[o] + rows[c].answer[o]) <= {"0", "1"}
                                 for c, o in cex.differing)
    assert replay_counterexample(task, answer, cex, tmp_path / "replay")


def test_a_latch_of_an_always_comb_is_modelled(tmp_path: Path) -> None:
    # Without its default the case holds next_state in a latch; the latch is closed only in states
    # that reset never leads to: equivalent. Dropping a reachable state's item too opens a difference.
    task = accel("seq_detector")
    no_default = edited(task, "            default: next_state = S_NONE;\n", "")
    verdict = check_equivalence(task, no_default, tmp_path / "closed")
    assert verdict.status == "equivalent", verdict.reason
    held = no_default.replace("            S_110:   next_state = din ? S_FOUND : S_NONE;\n", "")
    verdict = check_equivalence(task, held, tmp_path / "held")
    assert verdict.status == "different", verdict.reason
    assert verdict.counterexample is not None and not verdict.counterexample.half_cycles


def test_latches_the_clock_opens_are_read_with_both_clock_phases_as_steps(tmp_path: Path) -> None:
    # The history register as a master-slave pair of latches: the same flip-flop, made of latches
    # whose enable is the clock itself.
    task = accel("edge_detector")
    latches = ("    logic prev, master;\n    always_latch if (!clk) master = din;\n"
               "    always_latch if (clk) prev = master;\n")
    answer = edited(task, "    logic prev;\n", latches).replace("        prev <= din;\n", "")
    verdict = check_equivalence(task, answer, tmp_path, depth=6)
    assert verdict.label == "equivalent-bounded:6", verdict.reason
    assert verdict.method == "bounded check (both clock phases as steps)"


def test_a_register_never_reset_differs_where_the_reference_is_defined(tmp_path: Path) -> None:
    task = accel("edge_detector")
    answer = edited(task, "            rise     <= 1'b0;\n", "")
    verdict = check_equivalence(task, answer, tmp_path)
    assert verdict.status == "different", verdict.reason
    assert verdict.counterexample is not None and ("x" in verdict.counterexample.cycles[1].answer["rise"])


def test_an_interface_that_is_not_the_tasks_is_different(tmp_path: Path) -> None:
    task = accel("abs_diff")
    answer = edited(task, "output logic [WIDTH-1:0] diff,", "output logic [WIDTH-2:0] diff,")
    verdict = check_equivalence(task, answer, tmp_path)
    assert verdict.status == "different" and verdict.method == "interface"
    assert "'diff' is 7 bits wide, the task's is 8" in verdict.reason


def test_an_answer_yosys_cannot_read_is_unsupported_with_the_reason(tmp_path: Path) -> None:
    verdict = check_equivalence(accel("sat_add"), "module sat_add(input a; output b) garbage endmodule", tmp_path)
    assert verdict.status == "unsupported"
    assert verdict.reason.startswith("Yosys cannot read or elaborate the answer: ") and "ERROR" in verdict.reason


def test_an_answer_without_the_top_module_is_unsupported(tmp_path: Path) -> None:
    verdict = check_equivalence(accel("sat_add"), "module other(input a, output b); assign b = a; endmodule\n",
                                tmp_path)
    assert verdict.status == "unsupported" and "answer" in verdict.reason


SAT_ADD_WITH_RETURN = """
module sat_add #(parameter int WIDTH = 8) (
    input  logic signed [WIDTH-1:0] a,
    input  logic signed [WIDTH-1:0] b,
    output logic signed [WIDTH-1:0] sum,
    output logic                    overflow
);
    function automatic logic signed [WIDTH-1:0] saturated(input logic signed [WIDTH:0] exact);
        logic [WIDTH-1:0] limit;
        limit = {exact[WIDTH], {(WIDTH-1){~exact[WIDTH]}}};
        return exact[WIDTH] != exact[WIDTH-1] ? limit : exact[WIDTH-1:0];
    endfunction
    logic signed [WIDTH:0] exact;
    assign exact = a + b;
    assign overflow = exact[WIDTH] != exact[WIDTH-1];
    assign sum = saturated(exact);
endmodule
"""

EDGE_DETECTOR_WITH_RETURN = """
module edge_detector (input logic clk, input logic rst_n, input logic din,
                      output logic rise, output logic fall, output logic any_edge);
    function automatic logic [2:0] edges(input logic level, input logic last);
        return {level & ~last, ~level & last, level ^ last};
    endfunction
    logic prev;
    always_ff @(posedge clk) begin
        prev <= din;
        if (!rst_n) {rise, fall, any_edge} <= 3'b000;
        else        {rise, fall, any_edge} <= edges(din, prev);
    end
endmodule
"""


def with_reference(name: str, reference: str, folder: Path) -> Task:
    """The accel task ``name`` with ``reference`` for its reference design (a copy in ``folder``)."""
    copy = shutil.copytree(ACCEL / name, folder / name)
    task = load_task(copy)
    task.reference_path.write_text(reference)
    return task


@pytest.mark.parametrize(("name", "function", "with_return"),
                         [("sat_add", "saturated", SAT_ADD_WITH_RETURN),
                          ("edge_detector", "edges", EDGE_DETECTOR_WITH_RETURN)])
def test_a_final_return_is_read_as_an_assignment_to_the_function(name: str, function: str, with_return: str,
                                                                 tmp_path: Path) -> None:
    # Yosys does not parse `return`: the checker rewrites it, on the reference's side as on the answer's.
    assigned = with_return.replace("return ", f"{function} = ")
    task = with_reference(name, with_return, tmp_path)
    for answer in (assigned, with_return, accel(name).reference_text()):
        verdict = check_equivalence(task, answer, tmp_path / f"check{len(list(tmp_path.iterdir()))}")
        assert verdict.status == "equivalent", verdict.reason


def test_a_wrong_function_with_a_final_return_is_different(tmp_path: Path) -> None:
    answer = SAT_ADD_WITH_RETURN.replace("{(WIDTH-1){~exact[WIDTH]}}", "{(WIDTH-1){exact[WIDTH]}}")
    verdict = check_equivalence(accel("sat_add"), answer, tmp_path)
    assert verdict.status == "different", verdict.reason
    assert verdict.counterexample is not None and (0, "sum") in verdict.counterexample.differing


def test_an_early_return_is_unsupported_with_the_reason(tmp_path: Path) -> None:
    answer = SAT_ADD_WITH_RETURN.replace(
        "        return exact[WIDTH] != exact[WIDTH-1] ? limit : exact[WIDTH-1:0];\n",
        "        if (exact[WIDTH] == exact[WIDTH-1]) return exact[WIDTH-1:0];\n        return limit;\n")
    verdict = check_equivalence(accel("sat_add"), answer, tmp_path)
    assert verdict.status == "unsupported"
    assert verdict.reason.startswith("Yosys cannot read the answer: an early return in function saturated (line 11)")


def test_the_equivalence_section_masks_what_the_spec_leaves_open(tmp_path: Path) -> None:
    # An empty FIFO's read data is left open by the spec: this answer shows zero there.
    task = accel("sync_fifo")
    answer = edited(task, "assign rd_data = mem[rd_ptr];", "assign rd_data = empty ? '0 : mem[rd_ptr];")
    unmasked = check_equivalence(with_settings(task, EquivalenceSettings()), answer, tmp_path / "unmasked", depth=5)
    assert unmasked.status == "different" and unmasked.counterexample is not None
    assert {output for _, output in unmasked.counterexample.differing} == {"rd_data"}
    masked = with_settings(task, EquivalenceSettings(masks=[ObservationMask(output="rd_data", when="!empty")]))
    assert check_equivalence(masked, answer, tmp_path / "masked", depth=5).label == "equivalent-bounded:5"
    ignored = with_settings(task, EquivalenceSettings(outputs=["full", "empty", "count"]))
    assert check_equivalence(ignored, answer, tmp_path / "ignored", depth=5).status != "different"


def test_cycles_after_reset_can_be_ignored(tmp_path: Path) -> None:
    # Cycles 0 to 2 are not compared; a difference that lasts is still found after them.
    task = accel("edge_detector")
    answer = edited(task, "rise     <=  din & ~prev;", "rise     <=  din & prev;")
    ignoring = with_settings(task, EquivalenceSettings(ignore_cycles=3))
    verdict = check_equivalence(ignoring, answer, tmp_path, depth=4)
    assert verdict.status == "different"
    assert verdict.counterexample is not None and min(c for c, _ in verdict.counterexample.differing) >= 3


def test_the_equivalence_section_names_outputs_of_the_task() -> None:
    config = accel("sync_fifo").config.model_dump()
    with pytest.raises(ValueError, match="nope is not an output port"):
        TaskConfig.model_validate({**config, "equivalence": {"outputs": ["nope"]}})
    with pytest.raises(ValueError, match="not compared"):
        TaskConfig.model_validate({**config, "equivalence": {"outputs": ["full"],
                                                             "masks": [{"output": "count", "when": "1"}]}})
    assert TaskConfig.model_validate({**config, "equivalence": {"ignore_cycles": 2, "depth": 30}})


def test_a_task_with_a_bad_equivalence_section_is_a_format_error(tmp_path: Path) -> None:
    folder = tmp_path / "sync_fifo"
    shutil.copytree(ACCEL / "sync_fifo", folder)
    with (folder / "task.toml").open("a") as toml:
        toml.write('\n[equivalence]\noutputs = ["wr_en"]\n')
    with pytest.raises(TaskFormatError, match="equivalence"):
        load_task(folder)


def test_a_hostile_answer_stays_in_its_sandbox(tmp_path: Path) -> None:
    """File writes at elaboration (Yosys) and in simulation (the replay in Icarus) reach nothing
    outside the run's folder."""
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "planted.txt"
    task = accel("sat_add")
    hostile_block = (f'    integer f;\n    initial begin\n        f = $fopen("{target}", "w");\n'
                     f'        $fdisplay(f, "planted");\n        $fclose(f);\n    end\n')
    answer = edited(task, "assign exact = a + b;", "assign exact = a - b;\n" + hostile_block)
    verdict = check_equivalence(task, answer, tmp_path / "check")
    assert verdict.status in ("unsupported", "different")
    wrong = edited(task, "assign exact = a + b;", "assign exact = a - b;")
    found = check_equivalence(task, wrong, tmp_path / "wrong").counterexample
    assert found is not None
    assert replay_counterexample(task, answer, found, tmp_path / "replay")
    assert not target.exists() and list(outside.iterdir()) == []


def test_a_verdict_labels_its_bound() -> None:
    assert EquivalenceVerdict(status="equivalent-bounded", depth=12).label == "equivalent-bounded:12"
    assert EquivalenceVerdict(status="different").label == "different"
    table = Counterexample(cycles=[CycleValues(cycle=0, inputs={"a": "01"}, reference={"y": "1"},
                                               answer={"y": "0"})], differing=[(0, "y")]).table()
    assert table.splitlines()[0].split() == ["cycle", "a", "ref.y", "ans.y"]


@pytest.mark.slow
def test_every_accel_reference_is_equivalent_to_itself(tmp_path: Path) -> None:
    labels = {}
    for folder in sorted(ACCEL.iterdir()):
        task = load_task(folder)
        labels[task.id] = check_equivalence(task, task.reference_text(), tmp_path / task.id).label
    assert {name: label for name, label in labels.items() if label != "equivalent"} == {}
