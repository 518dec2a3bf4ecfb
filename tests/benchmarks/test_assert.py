"""The assert suite proves itself with the open formal judge: each design's golden properties are
all supported, proven and non-vacuous; every mutant is killed (a golden property has a
counterexample on it) and differs from the golden design at its outputs (Yosys); every nl2sva
reference property is proven."""

from __future__ import annotations

import tomllib

import pytest

from workbench.formal.judge import judge_set
from workbench.formal.sby import outputs_differ
from workbench.task.suite import load_suite, suite_folders

SUITE = load_suite("assert") if "assert" in suite_folders() else None
TASKS = SUITE.tasks if SUITE else []


def _mutants(task):
    return sorted((task.folder / "mutants").glob("mutant_*.sv"))


def _cases():
    for task in TASKS:
        yield pytest.param(task, None, id=f"{task.id}-golden")
        for mutant in _mutants(task):
            yield pytest.param(task, mutant, id=f"{task.id}-{mutant.stem}")


@pytest.mark.skipif(SUITE is None, reason="no assert suite installed")
def test_suite_loads_and_has_mutants_and_nl_prompts():
    assert not SUITE.problems, "\n".join(map(str, SUITE.problems))
    for task in TASKS:
        assert len(_mutants(task)) >= 5, task.id
        assert all(m.read_text().startswith("// mutant: ") for m in _mutants(task)), task.id
        assert tomllib.loads((task.folder / "nl2sva.toml").read_text())["property"], task.id


@pytest.mark.slow
@pytest.mark.parametrize(("task", "mutant"), list(_cases()))
def test_golden_properties_prove_the_design_and_kill_each_mutant(task, mutant, tmp_path):
    design = (mutant or task.folder / task.config.design).read_text()
    properties = task.reference_text()
    if mutant is None:
        nl_properties = tomllib.loads((task.folder / "nl2sva.toml").read_text())["property"]
        nl_references = "\n".join(p["reference"] for p in nl_properties)
        verdict = judge_set(design, task.config.top, properties + "\n" + nl_references, tmp_path, task.config.reset,
                            task.config.formal_depth)
        assert verdict.verdict == "proven" and not verdict.unsupported and not verdict.vacuous, verdict
    else:
        verdict = judge_set(design, task.config.top, properties, tmp_path, task.config.reset, task.config.formal_depth,
                            covers=False)
        assert verdict.verdict == "cex", f"{mutant.name} survives the golden properties ({verdict.verdict})"
        reset = task.config.reset
        difference = outputs_differ((task.folder / task.config.design).read_text(), design, task.config.top,
                                    tmp_path / "differ", reset.name if reset else None,
                                    reset.active_low if reset else True)
        assert difference.verdict == "different", (
            f"{mutant.name} is not shown to differ at the outputs ({difference.verdict})")
