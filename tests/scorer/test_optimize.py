"""The rtl-optimize scorer with the real simulator, equivalence checker and Yosys: an answer passes
only when it passes the tests, is equivalent to the given design and is better on the goal."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench.scorer import Status, get_scorer, score_many
from workbench.task.format import Task, TaskFormatError, load_task

TASK = Path(__file__).parent / "optimize_task"

# Smaller than the given design and right on every vector of the tests, but wrong at a=5, b=6, c=7.
SMALLER_NOT_EQUIVALENT = """module shared_mac (input logic [3:0] a, b, c, output logic [7:0] y);
    assign y = (a == 4'd5 && b == 4'd6 && c == 4'd7) ? 8'd0 : a * (b + c);
endmodule
"""
# Equivalent to the given design, and larger: three multipliers.
LARGER = """module shared_mac (input logic [3:0] a, b, c, output logic [7:0] y);
    logic [7:0] ab, ac, aa;
    assign ab = a * b;
    assign ac = a * c;
    assign aa = a * a;
    assign y = ab + ac + aa - a * a;
endmodule
"""


@pytest.fixture(scope="module")
def task(tmp_path_factory: pytest.TempPathFactory) -> Task:
    folder = tmp_path_factory.mktemp("optimize") / "shared_mac"
    shutil.copytree(TASK, folder)
    return load_task(folder)


@pytest.fixture(scope="module")
def results(task: Task, tmp_path_factory: pytest.TempPathFactory):
    answers = [task.reference_text(), task.given_text(), SMALLER_NOT_EQUIVALENT, LARGER, "no code here"]
    return dict(zip(["reference", "given", "smaller", "larger", "garbage"], score_many(task, answers), strict=True))


def test_the_kind_has_its_own_scorer() -> None:
    assert get_scorer("rtl-optimize").name == "optimize"


def test_the_reference_passes_with_its_improvement_over_the_given_design(results) -> None:
    result = results["reference"]
    assert result.status == Status.PASS, result.message
    assert result.equivalence is not None and result.equivalence.status == "equivalent"
    optimization = result.optimization
    assert optimization is not None and optimization.goal == "area" and optimization.figure == "transistors"
    assert optimization.answer == optimization.reference < optimization.given
    assert optimization.improvement == pytest.approx(1 - optimization.answer / optimization.given, abs=1e-4)
    assert optimization.improvement > 0.2 and optimization.versus_reference == 1.0
    assert result.synthesis is not None and result.synthesis.ratio("transistors") == 1.0
    assert "better" in result.message


def test_the_given_design_is_equivalent_to_itself_but_not_better(results) -> None:
    result = results["given"]
    assert result.status == Status.FAIL_NOT_BETTER
    assert result.equivalence is not None and result.equivalence.agrees
    assert result.optimization is not None and result.optimization.improvement == 0.0
    assert "not better" in result.message


def test_a_smaller_answer_that_passes_the_tests_but_is_not_equivalent_fails_with_a_counterexample(results) -> None:
    result = results["smaller"]
    assert result.status == Status.FAIL_EQUIVALENCE
    assert result.tests_run == 1 and result.tests_failed == 0  # the tests alone would have passed it
    assert result.equivalence is not None and result.equivalence.status == "different"
    table = result.equivalence.counterexample
    assert "differs" in table and result.diagnostics == table
    assert result.synthesis is None  # never synthesised: its figures do not matter


def test_an_equivalent_answer_that_is_larger_fails_as_not_better(results) -> None:
    result = results["larger"]
    assert result.status == Status.FAIL_NOT_BETTER
    assert result.equivalence is not None and result.equivalence.agrees
    optimization = result.optimization
    assert optimization is not None and optimization.answer is not None
    assert optimization.improvement is not None and optimization.improvement < optimization.min_gain


def test_an_answer_without_code_fails_before_any_check(results) -> None:
    result = results["garbage"]
    assert result.status == Status.FAIL_EXTRACT
    assert result.equivalence is None and result.optimization is None


def test_a_task_of_the_kind_without_an_optimize_table_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "shared_mac"
    shutil.copytree(TASK, folder)
    toml = folder / "task.toml"
    toml.write_text(toml.read_text().replace('[optimize]\ngoal = "area"\n', ""))
    with pytest.raises(TaskFormatError, match="rtl-optimize task has an \\[optimize\\] table"):
        load_task(folder)


def test_a_missing_given_design_is_named(tmp_path: Path) -> None:
    folder = tmp_path / "shared_mac"
    shutil.copytree(TASK, folder)
    (folder / "given.sv").unlink()
    with pytest.raises(TaskFormatError, match=r"optimize\.given.*given\.sv"):
        load_task(folder)
