"""RTLLM importer on a synthetic copy in the 2.0 layout (tests/fixtures/rtllm): module renames,
data files in the working folder, the pass banner, a broken golden design as an erratum, and a
user's errata file that fixes one task and excludes another."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workbench.eval.bench import Bench
from workbench.importers import write_imported_suite
from workbench.importers.rtllm import read_rtllm
from workbench.log.run import RunConfig
from workbench.scorer.result import Status
from workbench.scorer.simulation import score
from workbench.solver.baselines import ReferenceModel
from workbench.task.errata import load_errata, suite_errata
from workbench.task.format import TaskFormatError
from workbench.task.suite import load_suite

FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    tasks, skipped, manifest = read_rtllm(FIXTURES / "rtllm")
    assert manifest["layout"] == "2.0" and not skipped
    report = write_imported_suite("rtllm", tasks, tmp_path_factory.mktemp("rtllm") / "rtllm", manifest)
    assert (report.tasks, report.golden_pass, report.stub_fail) == (3, 2, 3)
    return report.folder


def test_tasks_keep_the_testbench_facts(published: Path):
    tasks = {t.id: t for t in load_suite(published).tasks}
    adder = tasks["adder_4bit"]
    assert adder.config.top == "adder_4bit" and "module adder_4bit" in adder.reference_text()  # verified_ dropped
    assert adder.config.testbench.candidate_file == "adder_4bit.v" and adder.config.category == "arithmetic/adder"
    rom = tasks["lut_rom"]
    assert rom.config.testbench.data_files == ["squares.txt"]
    assert rom.config.source_id == "Memory/ROM/lut_rom"
    assert tasks["pulse_gen"].config.category == "control/signal-generation"


def test_data_files_are_read_from_the_run_folder(published: Path):
    rom = next(t for t in load_suite(published).tasks if t.id == "lut_rom")
    assert score(rom, rom.reference_text()).status == Status.PASS
    wrong = score(rom, "module lut_rom(input [3:0] addr, output [7:0] data);\n assign data = addr + addr;\nendmodule\n")
    assert wrong.status == Status.FAIL_FUNCTIONAL and "Error: addr=" in wrong.message


def test_a_broken_golden_design_is_an_erratum_with_the_testbench_output(published: Path):
    errata = suite_errata(published)
    assert [(e.task, e.problem, e.action) for e in errata] == [("pulse_gen", "reference-fails", "exclude")]
    assert "mismatches" in errata[0].evidence


def test_user_errata_fix_one_task_and_exclude_another(tmp_path: Path):
    user = FIXTURES / "rtllm_fixes" / "errata.toml"
    tasks, skipped, manifest = read_rtllm(FIXTURES / "rtllm")
    report = write_imported_suite("rtllm", tasks, tmp_path / "rtllm", manifest, skipped, load_errata(user), user.parent)
    assert report.golden_pass == 3  # the fixed golden design passes
    assert {(e.task, e.action) for e in report.errata} == {("pulse_gen", "fixed"), ("lut_rom", "exclude")}
    config = RunConfig(suites=[str(report.folder)], model="reference")
    summary = Bench(config, ReferenceModel(), tmp_path / "runs").run()
    assert summary.pass_at_k[0].value == 1.0 and summary.pass_at_k_with_errata[0].tasks == 2


def test_the_import_refuses_to_overwrite_a_folder_it_did_not_write(tmp_path: Path):
    (tmp_path / "mine").mkdir()
    tasks, _, manifest = read_rtllm(FIXTURES / "rtllm")
    with pytest.raises(TaskFormatError, match="not an imported suite"):
        write_imported_suite("rtllm", tasks, tmp_path / "mine", manifest, simulators=[])


def test_a_testbench_without_a_design_instance_is_skipped_with_the_reason(tmp_path: Path):
    copy = tmp_path / "copy"
    shutil.copytree(FIXTURES / "rtllm", copy)
    (copy / "Arithmetic/Adder/adder_4bit/testbench.v").write_text("module testbench; initial $finish; endmodule\n")
    tasks, skipped, _ = read_rtllm(copy)
    assert len(tasks) == 2 and skipped[0].source_id == "adder_4bit"
    assert "undefined design" in skipped[0].reason
