"""The scorer's verdicts, each produced by really compiling and simulating."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.conftest import copy_task
from workbench.scorer.result import Stage, Status
from workbench.scorer.simulation import ScoreOptions, score
from workbench.task.format import load_task

HEADER = "module doctor_counter(input logic clk, input logic rst_n, output logic [3:0] count);"


def _design(body: str) -> str:
    return f"```verilog\n{HEADER}\n{body}\nendmodule\n```"


@pytest.mark.parametrize("sim", ["icarus", "verilator"])
def test_reference_passes_with_artefacts(counter_task, counter_reference, sim):
    result = score(counter_task, counter_reference, sim)
    assert result.status == Status.PASS, result.summary()
    assert result.tests_run == 1 and result.tests_failed == 0
    assert (result.artefacts / "verdict" / "results.xml").is_file()  # out of the build folder the answer writes
    assert (result.artefacts / "candidate.sv").read_text().startswith("module doctor_counter")
    assert set(result.durations_s) == {Stage.EXTRACT, Stage.INTERFACE, Stage.COMPILE, Stage.SIMULATE}
    assert result.tool_versions[sim]


@pytest.mark.parametrize("sim", ["icarus", "verilator"])
def test_wrong_behaviour_is_a_functional_failure(counter_task, sim):
    result = score(counter_task, _design("always_ff @(posedge clk) count <= rst_n ? count + 4'd2 : 4'd0;"), sim)
    assert result.status == Status.FAIL_FUNCTIONAL
    assert result.tests_failed == 1
    assert result.message.startswith("counts_and_wraps")


@pytest.mark.parametrize("sim", ["icarus", "verilator"])
def test_missing_reset_fails_on_both_simulators(counter_task, sim):
    # Verilator's random initial state (not zero) is what makes this fail there too.
    result = score(counter_task, _design("always_ff @(posedge clk) count <= count + 4'd1;"), sim)
    assert result.status == Status.FAIL_FUNCTIONAL


@pytest.mark.parametrize("sim", ["icarus", "verilator"])
def test_broken_code_is_a_compile_failure_with_the_compilers_message(counter_task, sim):
    result = score(counter_task, _design("always_ff @(posedge clk) count <= rst_n ? count + : 4'd0;"), sim)
    assert result.status == Status.FAIL_COMPILE
    assert result.message.split("candidate.sv:")[1].startswith("2")
    assert "syntax error" in result.message.lower() or "syntax error" in result.diagnostics.lower()


def test_undeclared_signal_is_a_compile_failure(counter_task):
    result = score(counter_task, _design("always_ff @(posedge clk) count <= enable ? count + 4'd1 : 4'd0;"))
    assert result.status == Status.FAIL_COMPILE
    assert "enable" in result.message + result.diagnostics


def test_wrong_interface_names_the_missing_port(counter_task):
    answer = "```verilog\nmodule doctor_counter(input clk, output logic [3:0] count);\nendmodule\n```"
    result = score(counter_task, answer)
    assert result.status == Status.FAIL_INTERFACE
    assert "missing port 'rst_n'" in result.message
    assert result.artefacts is None  # nothing was built


def test_answer_without_code_is_an_extraction_failure(counter_task):
    result = score(counter_task, "I am sorry, I cannot write hardware.")
    assert result.status == Status.FAIL_EXTRACT
    assert "no Verilog module" in result.message


def test_forbidden_system_task_is_refused_before_running(counter_task):
    result = score(counter_task, _design('initial $system("touch /tmp/pwned");\nalways_ff @(posedge clk) count <= 0;'))
    assert result.status == Status.FAIL_COMPILE
    assert result.message == "forbidden: $system (line 2): file, process and host access are not allowed"
    assert result.artefacts is None  # refused before anything was built


@pytest.mark.parametrize(("body", "finding"), [
    ('`define F(x) $f``x\ninteger f;\ninitial f = `F(open)("out.txt", "w");', "$fopen (line "),
    ('`include "/etc/passwd"', '`include "/etc/passwd" (line '),
    ("assign count = tb.dut.count;", "hierarchical reference tb.dut.count (line 2)"),
])
def test_disguised_forbidden_constructs_are_refused_before_running(counter_task, body, finding):
    # (the extraction moves compiler directives ahead of the module: lines are those of the code it extracted)
    result = score(counter_task, _design(body))
    assert result.status == Status.FAIL_COMPILE
    assert result.message.startswith(f"forbidden: {finding}") and "not allowed" in result.message


def test_a_candidate_that_never_finishes_times_out_within_the_limit(tmp_path):
    folder = copy_task(tmp_path)
    toml = folder / "task.toml"
    toml.write_text(toml.read_text() + "\n[limits]\nsim_s = 3\n")
    task = load_task(folder)
    # A zero-delay loop at time 0: simulated time never advances, only the wall clock can stop it.
    spin = _design("integer spins = 0;\ninitial while (1) spins = spins + 1;\n"
                   "always_ff @(posedge clk) count <= rst_n ? count + 4'd1 : 4'd0;")
    started = time.monotonic()
    result = score(task, spin, "icarus")
    assert result.status == Status.TIMEOUT
    assert "3 s" in result.message
    assert time.monotonic() - started < 3 + 10  # the limit plus start-up and clean-up


def test_early_finish_in_the_design_cannot_pass(counter_task, counter_reference):
    result = score(counter_task, counter_reference.replace("endmodule", "initial $finish;\nendmodule"))
    assert result.status == Status.FAIL_FUNCTIONAL


def test_missing_simulator_is_an_infrastructure_error(counter_task, counter_reference, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    result = score(counter_task, counter_reference, "icarus")
    assert result.status == Status.INFRA_ERROR
    assert not result.status.is_model_failure
    assert "apt-get install iverilog" in result.message


def test_seed_is_recorded_and_repeatable(counter_task, counter_reference, tmp_path):
    options = ScoreOptions(seed=7, workdir=tmp_path)
    result = score(counter_task, counter_reference, "icarus", options)
    assert result.seed == 7
    assert 'value="7"' in (result.artefacts / "verdict" / "results.xml").read_text()


def test_build_products_are_removed_unless_kept(counter_task, counter_reference, tmp_path):
    dropped = score(counter_task, counter_reference, "icarus", ScoreOptions(workdir=tmp_path))
    kept = score(counter_task, counter_reference, "icarus", ScoreOptions(workdir=tmp_path, keep_build=True))
    assert not (dropped.artefacts / "build").exists()
    assert any(Path(kept.artefacts / "build").iterdir())


def test_a_parser_crashing_answer_does_not_take_the_scorer_down(counter_task):
    # Thousands of nested blocks exceed pyslang's limits: an answer it cannot read cannot be vetted
    # for forbidden constructs, so it is refused; the scorer carries on.
    answer = _design("initial " + "begin " * 20000 + "end " * 20000)
    result = score(counter_task, answer, "icarus")
    assert result.status == Status.FAIL_COMPILE
    assert result.message.startswith("forbidden: the parser's limits") and "not allowed" in result.message


def test_a_relative_work_folder_works(counter_task, counter_reference, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = score(counter_task, counter_reference, "icarus", ScoreOptions(workdir=Path("relative/work")))
    assert result.status == Status.PASS and result.artefacts.is_absolute()


def test_a_broken_harness_is_an_infrastructure_error_not_a_compile_failure(counter_task, counter_reference,
                                                                            monkeypatch):
    # A build job that cannot even start (here: its job file is corrupted before the real child reads
    # it) is the harness's fault and must never count against the candidate.
    import workbench.scorer.simulation as scorer

    original = scorer._run_stage

    def broken_stage(stage, job, folder, env, limits, simulator):
        job.write_text("{ not json")
        return original(stage, job, folder, env, limits, simulator)

    monkeypatch.setattr(scorer, "_run_stage", broken_stage)
    result = score(counter_task, counter_reference, "icarus")
    assert result.status == Status.INFRA_ERROR
    assert "the build harness failed" in result.message and "JSONDecodeError" in result.diagnostics


@pytest.mark.slow
def test_verilator_models_split_into_several_files_still_build(monkeypatch):
    # Large designs make Verilator split its C++ and use precompiled headers, which the wheel's
    # makefile gets wrong and which exceed a small file-size limit: neither may fail a candidate.
    from workbench.sim.verilator import Verilator
    from workbench.task.suite import find_task

    original = Verilator.build_args
    monkeypatch.setattr(Verilator, "build_args", lambda self: [*original(self), "--output-split", "300"])
    task = find_task("systolic_array_4x4")
    result = score(task, task.reference_text(), "verilator")
    assert result.status == Status.PASS, result.summary() + "\n" + result.diagnostics


def test_the_tasks_tests_are_read_from_its_test_module(counter_task):
    import workbench.scorer.simulation as scorer

    names = scorer.expected_tests(counter_task)
    assert names and all(name.startswith("test_") or name for name in names)
    text = (counter_task.folder / f"{counter_task.test_module}.py").read_text()
    assert all(f"def {name}(" in text for name in names)


def test_a_verdict_over_other_tests_than_the_tasks_is_never_a_pass(counter_task, counter_reference, monkeypatch):
    # However a results file came to name other tests (a forged or a truncated one), it judges nothing.
    import workbench.scorer.simulation as scorer

    monkeypatch.setattr(scorer, "expected_tests", lambda task: frozenset({"test_one", "test_two"}))
    result = score(counter_task, counter_reference, "icarus")
    assert result.status == Status.CRASH
    assert "other than the task's" in result.message
