"""Errata files: the testbench-gap notes of the audit on import, and files written before them."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.task.errata import Erratum, excluded_tasks, load_errata, write_errata
from workbench.task.format import TaskFormatError

FIXTURES = Path(__file__).parent.parent / "fixtures"

_TABLE = "cycle  a  ref.y  ans.y\n    0  1      0      1  <- differs"


def test_an_errata_file_written_before_testbench_gaps_still_loads():
    errata = load_errata(FIXTURES / "rtllm_fixes" / "errata.toml")
    assert [(e.task, e.problem, e.action, e.mutant, e.counterexample) for e in errata] == [
        ("pulse_gen", "reference-fails", "fixed", None, ""), ("lut_rom", "other", "exclude", None, "")]


def test_a_testbench_gap_round_trips_with_its_counterexample_as_a_table(tmp_path: Path):
    gap = Erratum(task="add3", problem="testbench-gap", action="note", source="audit", mutant="arithmetic-2-16-1",
                  equivalence="different", evidence="mutant line 2: '+' -> '-' passes the testbench",
                  counterexample=_TABLE)
    undecided = gap.model_copy(update={"mutant": "constant-2-18-3", "equivalence": "unknown", "counterexample": ""})
    path = tmp_path / "errata.toml"
    write_errata(path, [gap, undecided])
    assert f"counterexample = '''\n{_TABLE}'''\n" in path.read_text()  # the rows one per line, as printed
    assert load_errata(path) == [gap, undecided]
    assert excluded_tasks([gap, undecided]) == set()  # a weak testbench excludes nothing: the reference is right


def test_an_unknown_problem_is_still_refused(tmp_path: Path):
    path = tmp_path / "errata.toml"
    path.write_text('[[erratum]]\ntask = "t"\nproblem = "weak"\n')
    with pytest.raises(TaskFormatError, match=r"errata\.toml: .*problem"):
        load_errata(path)
