"""Chrysalis-style bug specifications applied to a kernel with a testbench (synthetic files in the
public format): kept only when they apply and are caught; everything else reported with a reason."""

from __future__ import annotations

import json
import tomllib

import pytest

from tests.hls.test_csim import kernel  # noqa: F401  (the fixture: a small kernel with testbench and driver)
from workbench.hls.csim import toolchain_problem
from workbench.importers import import_chrysalis
from workbench.task.hls import load_hls_suite

pytestmark = pytest.mark.skipif(toolchain_problem() is not None, reason="no HLS toolchain")


def _specification(folder, name, *errors):
    path = folder / name
    path.write_text(json.dumps({"Error Size": len(errors), "Error Specification": [
        {"Error Type": kind, "Original Code": original, "Faulty Code": faulty} for kind, original, faulty in errors]}))
    return path


@pytest.mark.slow
def test_bugs_are_kept_only_when_they_apply_and_are_caught(kernel, tmp_path):  # noqa: F811
    specs = tmp_path / "specs"
    specs.mkdir()
    files = [
        _specification(specs, "bug_OOB.txt", ("OOB", "i < N; i++", "i <= N; i++ // reads one past the end")),
        _specification(specs, "bug_MLU.txt", ("MLU", "total +=  in[i];", "total += (i == 3) ? 0 : (int)in[i];")),
        _specification(specs, "bug_ILNU.txt", ("ILNU", "#pragma HLS PIPELINE II=1", "#pragma HLS UNROLL factor=3")),
        _specification(specs, "bug_INIT.txt", ("INIT", "ap_int<16> total = 1;", "ap_int<16> total;")),
        _specification(specs, "bug_ZERO.txt", ("ZERO", "ap_int<16> total = 0;", "ap_int<16> total = 0 * 5;")),
        _specification(specs, "bug_RAMB.txt", ("RAMB", "*sum = total;", "*sum = total;")),
    ]
    (specs / "bug_BROKEN.txt").write_text("{not json")
    report = import_chrysalis(kernel, [*files, specs / "bug_BROKEN.txt"], tmp_path / "work")
    by_file = {o.specification.rsplit("/", 1)[-1]: o for o in report.outcomes}
    assert {name for name, o in by_file.items() if o.kept} == {"bug_OOB.txt", "bug_MLU.txt", "bug_ILNU.txt"}
    assert "static pragma checker" in by_file["bug_ILNU.txt"].reason
    assert "not in the kernel source" in by_file["bug_INIT.txt"].reason
    assert "not caught" in by_file["bug_ZERO.txt"].reason
    assert "RAMB has no counterpart" in by_file["bug_RAMB.txt"].reason
    assert "not a Chrysalis specification" in by_file["bug_BROKEN.txt"].reason

    suite = load_hls_suite(kernel.folder.parent)
    assert not suite.problems and len(suite.bugs) == 3
    oob = next(b for b in suite.bugs if b.config.type == "out-of-bounds")
    assert "reads one past" not in oob.buggy_source and "i <= N" in oob.buggy_source  # the hint is gone
    assert oob.buggy_source.splitlines()[oob.config.lines[0] - 1].strip().startswith("for (int i = 0; i <= N")
    config = tomllib.loads((oob.folder / "bug.toml").read_text())
    assert ".cpp:" not in config["symptom"]  # no file positions from the sanitizer report
