"""CVDP JSONL records as tasks with their own harness (synthetic records of tests/fixtures/cvdp):
the golden self-test on import, the records skipped with their reasons, and CVDP's interchange
files for local models on the imported suite."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from workbench.importers.cvdp import NO_REFERENCE, convert_file, import_cvdp
from workbench.importers.interop import export_prompts
from workbench.model import GenerateConfig, ReplayModel, SampleContext
from workbench.scorer.result import Status
from workbench.scorer.simulation import score
from workbench.task.format import TaskFormatError, TaskKind
from workbench.task.suite import load_suite

FIXTURES = Path(__file__).parent.parent / "fixtures" / "cvdp"
SYNTHETIC = FIXTURES / "synthetic.jsonl"
COUNTER, GRAY, PARITY = "cvdp_copilot_counter_0001", "cvdp_copilot_gray_codec_0002", "cvdp_copilot_parity_0003"


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The synthetic records imported with the golden self-test on Icarus."""
    return import_cvdp(SYNTHETIC, tmp_path_factory.mktemp("cvdp") / "cvdp", simulators=["icarus"], jobs=3)


@pytest.fixture(scope="module")
def suite(imported):
    return load_suite(imported.folder)


def _task(suite, task_id):
    return next(task for task in suite.tasks if task.id == task_id)


def _records(*transforms) -> list[dict]:
    records = {record["id"]: record for record in map(json.loads, SYNTHETIC.read_text().splitlines())}
    return [transform(records) for transform in transforms]


def _write_jsonl(path: Path, lines: list) -> Path:
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines))
    return path


def test_references_pass_stubs_fail_and_the_weak_harness_is_an_erratum(imported):
    assert imported.tasks == 3 and imported.simulators == ["icarus"]
    assert imported.golden_pass == 3 and imported.stub_fail == 2
    found = [e for e in imported.errata if e.problem != "not-imported"]
    assert [(e.task, e.problem, e.action) for e in found] == [(PARITY, "stub-passes", "exclude")]
    # The evidence: the stub passed, and the harness logged the mismatches it never failed on.
    assert "port-only stub: pass" in found[0].evidence and "parity(1) is 0, expected 1" in found[0].evidence
    assert (imported.folder / "errata.toml").read_text().count("[[erratum]]") == 4


def test_other_records_are_listed_with_their_reasons(imported):
    reasons = {skipped.source_id: skipped.reason for skipped in imported.skipped}
    assert set(reasons) == {"cvdp_agentic_counter_0005", "cvdp_copilot_counter_0004", "cvdp_copilot_counter_0006"}
    assert "agentic record" in reasons["cvdp_agentic_counter_0005"]
    assert "runs on xcelium, a commercial simulator" in reasons["cvdp_copilot_counter_0004"]
    assert "code comprehension (cid009" in reasons["cvdp_copilot_counter_0006"]
    assert all(reason.startswith(f"{SYNTHETIC}:") for reason in reasons.values())  # file and line named
    notes = {e.task for e in imported.errata if e.problem == "not-imported" and e.action == "note"}
    assert notes == set(reasons)


def test_a_spec_to_rtl_task_keeps_the_harness_interface_and_prompt(suite):
    counter = _task(suite, COUNTER)
    config = counter.config
    assert (config.kind, config.category, config.difficulty.value) == (TaskKind.SPEC_TO_RTL, "spec-to-rtl", "easy")
    assert (config.top, config.source_id, config.simulators, config.tags) == (
        "counter", COUNTER, ["icarus"], ["cvdp", "cid003"])
    assert [(p.name, p.direction, p.width) for p in config.ports] == [
        ("clk", "input", 1), ("rst", "input", 1), ("en", "input", 1), ("count", "output", 4)]
    assert [(p.name, p.default) for p in config.parameters] == [("WIDTH", 4)]
    bench = config.testbench
    assert (bench.kind, bench.candidate_file, bench.test, bench.context_files) == (
        "pytest", "rtl/counter.sv", "src/test_runner.py", [])
    assert "always_ff" in counter.reference_text()
    prompt = (counter.folder / config.prompt).read_text()
    assert prompt.startswith("Provide me one answer for this request: Design a synchronous up counter")
    assert prompt.rstrip().endswith("saved directly to: rtl/counter.sv.")
    # spec.md keeps the whole request: the prompt's own headings do not cut its section short
    assert "- `WIDTH` (default 4)" in counter.spec.detailed
    assert counter.spec.summary == "Design a synchronous up counter named counter with a parameterised width."


def test_a_completion_task_shows_the_given_files_and_copies_the_helpers(suite):
    gray = _task(suite, GRAY)
    assert gray.config.kind == TaskKind.COMPLETION and gray.config.difficulty.value == "medium"
    assert gray.config.testbench.context_files == ["rtl/prefix_xor.sv"]
    assert (gray.folder / "rtl" / "prefix_xor.sv").is_file() and not (gray.folder / "rtl" / "gray_codec.sv").exists()
    prompt = (gray.folder / "prompt.md").read_text()
    shown = [line for line in prompt.splitlines() if line.startswith("Consider the following content for the file")]
    assert shown == ["Consider the following content for the file rtl/gray_codec.sv:",
                     "Consider the following content for the file rtl/prefix_xor.sv:"]
    assert "// Insert the code for both conversions here." in prompt


def test_answers_are_scored_by_the_harness_through_the_scorer(suite):
    gray = _task(suite, GRAY)
    wrong = gray.reference_text().replace("prefix_xor #(.WIDTH(WIDTH)) to_binary (.in(gray_in), .out(bin_out));",
                                          "assign bin_out = gray_in;")
    result = score(gray, f"```systemverilog\n{wrong}```", "icarus")
    assert result.status == Status.FAIL_FUNCTIONAL
    assert result.message.startswith("AssertionError: bin_out(3) is 3, expected 2")
    renamed = score(gray, gray.reference_text().replace("bin_out", "binary_out"), "icarus")
    assert renamed.status == Status.FAIL_INTERFACE  # the interface is checked before any simulation


def test_records_without_a_solution(tmp_path):
    def hidden(record_id):
        def transform(records):
            record = records[record_id]
            record["output"]["context"] = {name: "" for name in record["output"]["context"]}
            return record
        return transform

    path = _write_jsonl(tmp_path / "hidden.jsonl", _records(hidden(GRAY), hidden(COUNTER)))
    report = import_cvdp(path, tmp_path / "suite", simulators=["icarus"])
    # The completion gives the module's declaration: imported, with a note; the specification does not.
    assert report.tasks == 1 and (tmp_path / "suite" / GRAY / "reference.sv").read_text() == NO_REFERENCE
    assert "ports are unknown" in report.skipped[0].reason and report.skipped[0].source_id == COUNTER
    gray_errata = [(e.problem, e.action) for e in report.errata if e.task == GRAY]
    assert gray_errata == [("other", "note")]  # no reference-fails: there is none to fail; the stub did fail
    assert report.golden_pass == 0 and report.stub_fail == 1


def test_malformed_lines_are_named_by_file_and_line(tmp_path):
    def without_harness(records):
        record = records[COUNTER]
        record["harness"] = {}
        return record

    path = _write_jsonl(tmp_path / "bad.jsonl", ["{not json", "[1, 2]", *_records(without_harness)])
    conversion = convert_file(path)
    assert conversion.tasks == [] and conversion.records == 3
    reasons = [skipped.reason for skipped in conversion.skipped]
    assert reasons[0].startswith(f"{path}:1: not valid JSON")
    assert reasons[1] == f"{path}:2: expected a JSON object with a string 'id'"
    assert reasons[2] == f"{path}:3: no harness files (harness.files is missing or empty)"
    with pytest.raises(TaskFormatError, match="cannot read the CVDP file"):
        convert_file(tmp_path / "missing.jsonl")


def test_cvdp_interchange_files_work_on_the_imported_suite(suite, tmp_path):
    # Prompts out as {"id", "prompt"}: CVDP's ids, the prompt as CVDP lays it out.
    exported = {record["id"]: record["prompt"] for record in export_prompts(suite.tasks, "cvdp")}
    assert set(exported) == {COUNTER, GRAY, PARITY}
    assert exported[GRAY] == (_task(suite, GRAY).folder / "prompt.md").read_text().strip()
    # Completions in as {"id", "completion"}: replayed as they are, several of one id being its samples.
    answers = _write_jsonl(tmp_path / "answers.jsonl", [{"id": GRAY, "completion": "first"},
                                                        {"id": COUNTER, "completion": "only"},
                                                        {"id": GRAY, "completion": "second"}])
    replay = ReplayModel(answers)
    gray = _task(suite, GRAY)
    assert [replay.generate([], GenerateConfig(), SampleContext(task=gray, sample=n)).text for n in (0, 1)] == [
        "first", "second"]


def test_a_file_with_nothing_to_import_is_an_error(tmp_path):
    path = _write_jsonl(tmp_path / "agentic.jsonl", _records(lambda records: records["cvdp_agentic_counter_0005"]))
    with pytest.raises(TaskFormatError, match=r"no record could be imported \(1 skipped, e.g. .*agentic record"):
        import_cvdp(path, tmp_path / "suite")


def test_the_committed_fixture_is_built_from_the_problem_folders():
    spec = importlib.util.spec_from_file_location("build_jsonl", FIXTURES / "build_jsonl.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    assert SYNTHETIC.read_text() == builder.jsonl(), "run python tests/fixtures/cvdp/build_jsonl.py"
