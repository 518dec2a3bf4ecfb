"""CVDP-style pytest harnesses run locally (synthetic problems of tests/fixtures/cvdp): real
simulators, real pytest, the verdict from pytest's status and cocotb's own results files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench.importers.cvdp import import_cvdp
from workbench.sandbox import RunOutcome
from workbench.scorer.pytest_harness import Layout, judge_harness_run, parse_env, run_pytest_harness
from workbench.scorer.result import Result, Status
from workbench.sim import get_simulator
from workbench.task.format import Task, TaskLimits, load_task
from workbench.task.stub import port_only_stub
from workbench.task.suite import load_suite

FIXTURES = Path(__file__).parent.parent / "fixtures" / "cvdp"
COUNTER = "cvdp_copilot_counter_0001"

COUNTS_DOWN = """module counter #(parameter WIDTH = 4) (input logic clk, input logic rst, input logic en,
                                         output logic [WIDTH-1:0] count);
    always_ff @(posedge clk) if (rst) count <= '0; else if (en) count <= count - 1'b1;
endmodule
"""
HANGS = """module counter #(parameter WIDTH = 4) (input logic clk, input logic rst, input logic en,
                                         output logic [WIDTH-1:0] count);
    always @(posedge clk) while (1) count = count;
endmodule
"""


@pytest.fixture(scope="module")
def suite_folder(tmp_path_factory) -> Path:
    """The synthetic problems imported without their self-test (the importer's tests run it)."""
    folder = tmp_path_factory.mktemp("cvdp") / "cvdp"
    import_cvdp(FIXTURES / "synthetic.jsonl", folder, check=False)
    return folder


@pytest.fixture(scope="module")
def counter(suite_folder) -> Task:
    return next(task for task in load_suite(suite_folder).tasks if task.id == COUNTER)


def _run(task: Task, code: str, folder: Path, simulator: str = "icarus"):
    folder.mkdir(parents=True)
    return run_pytest_harness(task, code, get_simulator(simulator), folder, _unjudged(task, simulator))


def _unjudged(task: Task, simulator: str) -> Result:
    return Result(task_id=task.id, simulator=simulator, status=Status.INFRA_ERROR)


def _with_harness_file(task: Task, destination: Path, text: str, name: str = "test_runner.py") -> Task:
    """A copy of ``task`` whose harness file ``src/<name>`` is ``text``."""
    folder = destination / task.id
    shutil.copytree(task.folder, folder)
    (folder / "harness" / "src" / name).write_text(text)
    return load_task(folder)


def test_the_reference_passes(counter, tmp_path):
    verdict = _run(counter, counter.reference_text(), tmp_path / "run")
    assert verdict.status == Status.PASS, verdict.message + verdict.diagnostics
    assert "none failed" in verdict.message and "counts_and_wraps" in verdict.message


def test_the_port_only_stub_fails_with_the_assertion_message(counter, tmp_path):
    verdict = _run(counter, port_only_stub(counter.config), tmp_path / "run")
    assert verdict.status == Status.FAIL_FUNCTIONAL
    assert verdict.message.startswith("AssertionError:") and "expected 1" in verdict.message


def test_a_wrong_answer_fails(counter, tmp_path):
    verdict = _run(counter, COUNTS_DOWN, tmp_path / "run")
    assert verdict.status == Status.FAIL_FUNCTIONAL
    assert "expected" in verdict.message


def test_a_syntax_error_is_a_compile_failure_with_the_compiler_line(counter, tmp_path):
    broken = counter.reference_text().replace("count <= '0;", "count <= '0")
    verdict = _run(counter, broken, tmp_path / "run")
    assert verdict.status == Status.FAIL_COMPILE
    assert verdict.message.startswith("rtl/counter.sv:") and str(tmp_path) not in verdict.message


def test_a_harness_that_swallows_cocotb_failures_does_not_pass(counter, tmp_path):
    swallowing = (counter.folder / "harness" / "src" / "test_runner.py").read_text().replace(
        "    runner.test(", "    try:\n        runner.test(").replace(
        'extra_env={"WIDTH": str(width)})', 'extra_env={"WIDTH": str(width)})\n    except SystemExit:\n        pass')
    task = _with_harness_file(counter, tmp_path / "tasks", swallowing)
    verdict = _run(task, port_only_stub(counter.config), tmp_path / "run")
    assert "2 passed" in (tmp_path / "run" / "test.log").read_text()  # pytest itself is satisfied
    assert verdict.status == Status.FAIL_FUNCTIONAL


def test_a_harness_that_does_not_import_is_an_infrastructure_error(counter, tmp_path):
    task = _with_harness_file(counter, tmp_path / "tasks", "import harness_library_that_is_missing\n\n"
                                                           "def test_nothing():\n    pass\n")
    verdict = _run(task, counter.reference_text(), tmp_path / "run")
    assert verdict.status == Status.INFRA_ERROR
    assert "could not be collected" in verdict.message and "harness_library_that_is_missing" in verdict.message


def test_a_harness_whose_cocotb_module_is_missing_is_an_infrastructure_error(counter, tmp_path):
    env = (counter.folder / "harness" / "src" / ".env").read_text().replace("test_counter", "test_absent")
    task = _with_harness_file(counter, tmp_path / "tasks", env, ".env")
    verdict = _run(task, counter.reference_text(), tmp_path / "run")
    assert verdict.status == Status.INFRA_ERROR
    assert verdict.message.startswith("cocotb could not import the test module test_absent")
    assert not (tmp_path / "run" / "test.log").exists()  # found before the run, not read from its output


def test_a_harness_that_runs_no_cocotb_test_proves_nothing(counter, tmp_path):
    task = _with_harness_file(counter, tmp_path / "tasks", "def test_nothing():\n    pass\n")
    verdict = _run(task, counter.reference_text(), tmp_path / "run")
    assert verdict.status == Status.INFRA_ERROR and "no cocotb test" in verdict.message


LOUD = """module counter #(parameter WIDTH = 4) (input logic clk, input logic rst, input logic en,
                                         output logic [WIDTH-1:0] count);
    initial begin
        $display("ModuleNotFoundError: No module named 'test_counter'");
        $display("cocotb could not import the test module test_counter; No space left on device");
        $display("iverilog: command not found");
        $fatal(1);
    end
    assign count = '0;
endmodule
"""


def test_a_candidate_printing_harness_trouble_gets_its_own_verdict(counter, tmp_path):
    verdict = _run(counter, LOUD, tmp_path / "run")
    assert "No space left on device" in (tmp_path / "run" / "test.log").read_text()
    assert verdict.status in (Status.CRASH, Status.FAIL_FUNCTIONAL), verdict


def test_the_junit_report_is_written_beside_the_run_tree(counter, tmp_path):
    verdict = _run(counter, counter.reference_text(), tmp_path / "run")
    assert verdict.status == Status.PASS
    assert (tmp_path / "run" / "verdict" / "pytest.xml").is_file()
    assert not list((tmp_path / "run" / "run").rglob("pytest.xml"))


def test_the_sandbox_failing_to_start_is_an_infrastructure_error(tmp_path):
    layout = Layout(run=tmp_path / "run", code=tmp_path / "run" / "code", harness=tmp_path / "run" / "harness")
    (tmp_path / "test.log").write_text("bwrap: cannot mount\n")
    outcome = RunOutcome(1, False, 0.1, infra_failure="the sandbox did not start the command: bwrap: cannot mount")
    verdict = judge_harness_run(Result(task_id="t", simulator="icarus", status=Status.PASS), outcome, layout,
                                tmp_path / "pytest.xml", tmp_path / "test.log", 10)
    assert verdict.status == Status.INFRA_ERROR and "did not start" in verdict.message


def test_a_hanging_candidate_times_out(counter, tmp_path):
    quick = counter.model_copy(update={"config": counter.config.model_copy(
        update={"limits": TaskLimits(compile_s=2, sim_s=2)})})
    verdict = _run(quick, HANGS, tmp_path / "run")
    assert verdict.status == Status.TIMEOUT and "4 s" in verdict.message


def test_container_paths_map_onto_the_run_folder(tmp_path):
    layout = Layout(run=tmp_path, code=tmp_path / "code", harness=tmp_path / "harness")
    mapped = layout.container_path('VERILOG_SOURCES=/code/rtl/a.sv /code/rtl/b.sv; open("/code/rundir/x.log"); '
                                   'sys.path.append("/src"); ./src/keep a/src/keep')
    assert mapped == (f'VERILOG_SOURCES={tmp_path}/code/rtl/a.sv {tmp_path}/code/rtl/b.sv; '
                      f'open("{tmp_path}/code/rundir/x.log"); sys.path.append("{tmp_path}/harness/src"); '
                      './src/keep a/src/keep')


def test_env_files_are_read_as_cvdp_writes_them():
    assert parse_env("# comment\nSIM             = icarus\n\nVERILOG_SOURCES = /code/rtl/a.sv /code/rtl/b.sv\n"
                     "WAVE = \"1\"\n") == {"SIM": "icarus", "VERILOG_SOURCES": "/code/rtl/a.sv /code/rtl/b.sv",
                                           "WAVE": "1"}


@pytest.mark.slow
def test_the_harness_runs_on_verilator_too(counter, tmp_path):
    if get_simulator("verilator").executable() is None:
        pytest.skip("no Verilator")
    reference = _run(counter, counter.reference_text(), tmp_path / "reference", "verilator")
    assert reference.status == Status.PASS, reference.message + reference.diagnostics
    stub = _run(counter, port_only_stub(counter.config), tmp_path / "stub", "verilator")
    assert stub.status == Status.FAIL_FUNCTIONAL


def test_the_hdl_harness_takes_infrastructure_errors_from_the_sandbox_alone():
    from workbench.scorer.hdl_harness import _failed_build, _judge_run
    from workbench.task.format import HdlTestbench

    def unjudged() -> Result:
        return Result(task_id="t", simulator="icarus", status=Status.PASS)

    bench = HdlTestbench(kind="hdl", top="tb", sources=["tb.sv"], pass_pattern="Mismatches: 0 ",
                         fail_pattern="Mismatches: [1-9]")
    not_started = RunOutcome(1, False, 0.0, infra_failure="the sandbox did not start the command")
    result = unjudged()
    assert _failed_build(result, not_started, "", bench, 10) and result.status == Status.INFRA_ERROR
    assert _judge_run(unjudged(), not_started, "", bench, 10).status == Status.INFRA_ERROR
    loud = "No space left on device\nvvp: command not found\nMismatches: 3 in 20 samples\n"
    assert _judge_run(unjudged(), RunOutcome(1, False, 0.1), loud, bench, 10).status == Status.FAIL_FUNCTIONAL
