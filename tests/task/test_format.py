from pathlib import Path

import pytest

from tests.conftest import copy_task
from workbench.task.format import SpecLevel, TaskFormatError, json_schema, load_task


def test_loads_a_valid_task(counter_task):
    assert counter_task.id == "counter"
    assert counter_task.config.top == "doctor_counter"
    assert counter_task.config.port("count").width == 4
    assert counter_task.config.reset.active_low
    assert counter_task.test_module == "test_doctor"
    assert "4-bit counter" in counter_task.spec.text(SpecLevel.SUMMARY)
    assert "wrapping" in counter_task.spec.text(SpecLevel.DETAILED)


def _break(folder: Path, old: str, new: str, name: str = "task.toml") -> None:
    path = folder / name
    path.write_text(path.read_text().replace(old, new))


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('difficulty = "easy"', 'difficulty = "trivial"', "field 'difficulty'"),
        ("width = 4", 'width = "four"', "field 'ports.2.width'"),
        ("width = 4", "width = 0", "field 'ports.2.width'"),
        ('kind = "spec-to-rtl"', 'kind = "poetry"', "field 'kind'"),
        ('top = "doctor_counter"', 'top = "doctor counter"', "field 'top'"),
        ('category = "selftest"', 'category = "selftest"\ncolour = "red"', "field 'colour'"),
        ('name = "rst_n"\nactive_low', 'name = "reset"\nactive_low', "reset 'reset' is not one of the ports"),
        ('id = "counter"', 'id = "other"', "field 'id': expected the folder name 'counter'"),
        ('kind = "spec-to-rtl"', 'kind = "spec-to-rtl', "not valid TOML"),
        ('kind = "spec-to-rtl"', 'kind = "nl2sva"', "nl2sva tasks are the properties of an assertion task"),
    ],
)
def test_malformed_task_toml_names_file_and_field(tmp_path, old, new, expected):
    folder = copy_task(tmp_path)
    _break(folder, old, new)
    with pytest.raises(TaskFormatError) as raised:
        load_task(folder)
    assert str(folder / "task.toml") in str(raised.value)
    assert expected in str(raised.value)


def test_spec_needs_both_levels(tmp_path):
    folder = copy_task(tmp_path)
    _break(folder, "## Specification", "## Details", name="spec.md")
    with pytest.raises(TaskFormatError, match=r"spec\.md: expected non-empty sections.*specification"):
        load_task(folder)


@pytest.mark.parametrize(
    ("missing", "expected"),
    [
        ("reference.sv", "task.toml: field 'reference': file 'reference.sv' not found"),
        ("test_doctor.py", "task.toml: field 'testbench.module': not set, and the folder must then hold exactly one "
                           "test_*.py"),
        ("spec.md", "spec.md: missing"),
        ("task.toml", "task.toml: missing"),
    ],
)
def test_missing_files_are_named(tmp_path, missing, expected):
    folder = copy_task(tmp_path)
    (folder / missing).unlink()
    with pytest.raises(TaskFormatError) as raised:
        load_task(folder)
    assert f"{folder}/" in str(raised.value)
    assert expected in str(raised.value)


def test_json_schema_comes_from_the_model():
    schema = json_schema()
    assert schema["title"] == "RTL Workbench task.toml"
    assert {"id", "kind", "top"} <= set(schema["required"]) and "ports" in schema["properties"]
    assert schema["additionalProperties"] is False


def test_committed_schema_is_current():
    import json

    committed = Path(__file__).parents[2] / "docs" / "task.schema.json"
    assert json.loads(committed.read_text()) == json_schema(), "run `make schema`"


def test_task_toml_round_trips_every_accel_task():
    import tomllib

    from workbench.task.format import TaskConfig, task_toml
    from workbench.task.suite import load_suite

    for task in load_suite("accel").tasks:
        assert TaskConfig.model_validate(tomllib.loads(task_toml(task.config))) == task.config, task.id


def test_an_assertion_task_poses_one_nl2sva_task_per_property(tmp_path):
    import shutil

    from workbench.task.format import TaskKind, load_task

    source = Path(__file__).resolve().parents[2] / "benchmarks" / "assert" / "sat_counter"
    task = load_task(source)
    posed = task.nl2sva_tasks()
    assert posed and all(p.kind == TaskKind.NL2SVA and p.id.startswith("sat_counter.") for p in posed)
    assert posed[0].reference_text().startswith("p_sat_high: assert property")
    assert task.kind == TaskKind.ASSERTION and task.reference_text().startswith("p_sat_high")

    copy = tmp_path / "sat_counter"
    shutil.copytree(source, copy)
    (copy / "nl2sva.toml").write_text('[[property]]\nid = "x"\ntext = "a property"\n')
    with pytest.raises(TaskFormatError, match=r"nl2sva.toml: field 'reference': Field required"):
        load_task(copy).nl2sva_tasks()


def test_only_hls_debug_tasks_have_no_ports():
    from pydantic import ValidationError

    from workbench.task.format import TaskConfig

    base = {"id": "x", "category": "c", "difficulty": "easy", "top": "x"}
    with pytest.raises(ValidationError, match="lists at least one port"):
        TaskConfig.model_validate({**base, "kind": "spec-to-rtl"})
    assert TaskConfig.model_validate({**base, "kind": "hls-debug", "languages": ["cpp"]}).ports == []
