"""C simulation of HLS kernels: real g++, real sanitizers, limits; malformed files are named."""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

import pytest

from workbench.hls.csim import HlsCheck, score_kernel, toolchain_problem
from workbench.task.hls import load_hls_suite

pytestmark = pytest.mark.skipif(toolchain_problem() is not None, reason="no HLS toolchain")

HEADER = """#ifndef ACC_H
#define ACC_H
#include <ap_int.h>
constexpr int N = 8;
typedef ap_int<12> value_t;
void acc(const value_t in[N], ap_int<16> *sum);
#endif
"""
GOLDEN = """#include "acc.h"
void acc(const value_t in[N], ap_int<16> *sum) {
    ap_int<16> total = 0;
    for (int i = 0; i < N; i++) {
#pragma HLS PIPELINE II=1
        total += in[i];
    }
    *sum = total;
}
"""
TESTBENCH = """#include "acc.h"
#include <cstdio>
int main() {
    value_t in[N];
    int expected = 0;
    for (int i = 0; i < N; i++) { in[i] = i * 3 - 7; expected += i * 3 - 7; }
    ap_int<16> sum;
    acc(in, &sum);
    if (sum != expected) { std::printf("MISMATCH sum=%d expected=%d\\n", (int)sum, expected); return 1; }
    std::printf("PASS\\n");
    return 0;
}
"""
DRIVER = """#include "acc.h"
#include <cstdio>
#include <cstdlib>
int main(int argc, char **argv) {
    unsigned state = std::atoi(argv[1]);
    for (int round = 0; round < 4; round++) {
        value_t in[N];
        for (int i = 0; i < N; i++) { state = state * 1103515245u + 12345u; in[i] = (int)(state >> 20) - 2048; }
        ap_int<16> sum;
        acc(in, &sum);
        std::printf("%d\\n", (int)sum);
    }
    return 0;
}
"""
KERNEL_TOML = """name = "acc"
top = "acc"
source = "acc.cpp"
header = "acc.h"
testbench = "tb_acc.cpp"
driver = "random_acc.cpp"
category = "dsp"
"""


@pytest.fixture
def kernel(tmp_path):
    folder = tmp_path / "suite" / "acc"
    folder.mkdir(parents=True)
    for name, text in (("acc.h", HEADER), ("acc.cpp", GOLDEN), ("tb_acc.cpp", TESTBENCH),
                       ("random_acc.cpp", DRIVER), ("kernel.toml", KERNEL_TOML), ("spec.md", "Sums 8 values.\n")):
        (folder / name).write_text(text)
    suite = load_hls_suite(tmp_path / "suite")
    assert not suite.problems
    return suite.kernels[0]


def _failed(outcomes):
    return {o.check: o for o in outcomes if not o.ok}


def test_the_golden_kernel_passes_every_check(kernel, tmp_path):
    outcomes = score_kernel(kernel, GOLDEN, tmp_path / "run")
    assert [o.check for o in outcomes] == list(HlsCheck) and all(o.ok for o in outcomes)


def test_a_wrong_result_fails_the_testbench(kernel, tmp_path):
    failed = _failed(score_kernel(kernel, GOLDEN.replace("i < N", "i < N - 1"), tmp_path / "run"))
    assert HlsCheck.TESTBENCH in failed and "MISMATCH" in failed[HlsCheck.TESTBENCH].detail


def test_an_out_of_bounds_read_is_caught_by_the_sanitizers(kernel, tmp_path):
    # in[N] is read and ignored: the plain build's answer is still right.
    source = GOLDEN.replace("    *sum = total;", "    volatile int peek = in[N];\n    (void)peek;\n    *sum = total;")
    failed = _failed(score_kernel(kernel, source, tmp_path / "run"))
    assert list(failed) == [HlsCheck.SANITIZERS] and "overflow" in failed[HlsCheck.SANITIZERS].detail


def test_an_infinite_loop_ends_as_a_timeout(kernel, tmp_path):
    source = GOLDEN.replace("for (int i = 0; i < N; i++)", "for (ap_uint<3> i = 0; i < N; i++)")
    failed = _failed(score_kernel(kernel, source, tmp_path / "run"))
    assert failed[HlsCheck.TESTBENCH].timed_out


def test_a_difference_only_random_vectors_see_is_caught(kernel, tmp_path):
    # Right on the testbench's small values, wrong once the sum leaves 12 bits.
    source = GOLDEN.replace("ap_int<16> total = 0;", "ap_int<12> total = 0;")
    failed = _failed(score_kernel(kernel, source, tmp_path / "run"))
    assert list(failed) == [HlsCheck.RANDOM_VECTORS] and "seed" in failed[HlsCheck.RANDOM_VECTORS].detail


def test_a_compile_error_is_reported_with_the_compiler_message(kernel, tmp_path):
    failed = _failed(score_kernel(kernel, GOLDEN.replace("*sum = total;", "*sum = totl;"), tmp_path / "run"))
    assert "totl" in failed[HlsCheck.COMPILE].detail


def test_a_pragma_bug_is_caught_only_by_the_static_checker(kernel, tmp_path):
    source = GOLDEN.replace("#pragma HLS PIPELINE II=1", "#pragma HLS UNROLL factor=3")
    failed = _failed(score_kernel(kernel, source, tmp_path / "run"))
    assert list(failed) == [HlsCheck.PRAGMAS] and "factor=3" in failed[HlsCheck.PRAGMAS].detail


def test_a_fork_bomb_ends_as_a_timeout_and_leaves_nothing_behind(kernel, tmp_path):
    from workbench.hls.csim import _RUN_LIMITS

    assert 0 < _RUN_LIMITS.processes <= 64  # the sandbox's per-slot RLIMIT_NPROC and pids cgroup cap it
    source = "#include <unistd.h>\n" + GOLDEN.replace("    *sum = total;", "    while (1) fork();\n    *sum = total;")
    failed = _failed(score_kernel(kernel, source, tmp_path / "run"))
    assert failed[HlsCheck.TESTBENCH].timed_out or "SIG" in failed[HlsCheck.TESTBENCH].detail
    deadline = time.monotonic() + 10  # the kernel ends the run's pid namespace: its processes go with it
    while (leftovers := [pid for pid in os.listdir("/proc") if pid.isdigit() and _runs_from(pid, tmp_path)]) \
            and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not leftovers


def _runs_from(pid: str, folder) -> bool:
    try:
        return str(folder) in os.readlink(f"/proc/{pid}/exe")
    except OSError:
        return False


def test_a_candidate_cannot_reach_the_host(kernel, tmp_path):
    """system() runs, but in the sandbox: its files land in a private /tmp; a write outside the run
    folder fails; host files outside the sandbox's view (here /etc/hostname) are not there."""
    marker = f"rtlwb-hls-escape-{uuid.uuid4().hex}"
    outside = tmp_path / "outside.txt"
    escaping = f"""    std::system("touch /tmp/{marker}");
    if (FILE *f = std::fopen("{outside}", "w")) {{ std::fputs("escaped", f); std::fclose(f); }}
    if (FILE *f = std::fopen("/etc/hostname", "r")) {{ std::fclose(f); total += 1; }}
    *sum = total;"""
    source = "#include <cstdio>\n#include <cstdlib>\n" + GOLDEN.replace("    *sum = total;", escaping)
    outcomes = score_kernel(kernel, source, tmp_path / "run")
    assert all(o.ok for o in outcomes), outcomes  # /etc/hostname was not readable: the sum stayed right
    assert not (Path("/tmp") / marker).exists() and not outside.exists()


def test_an_include_of_a_host_file_does_not_compile(kernel, tmp_path):
    secret = tmp_path / "secret.h"
    secret.write_text("#define SECRET 42\n")
    for path in (secret, Path("/etc/hostname")):
        failed = _failed(score_kernel(kernel, f'#include "{path}"\n' + GOLDEN, tmp_path / f"run-{path.name}"))
        assert HlsCheck.COMPILE in failed and "No such file" in failed[HlsCheck.COMPILE].detail


def test_a_candidate_that_prints_harness_trouble_gets_its_own_verdict(kernel, tmp_path):
    lying = """    std::printf("No space left on device\\nbwrap: command not found\\n");
    *sum = total + 1;"""
    source = "#include <cstdio>\n" + GOLDEN.replace("    *sum = total;", lying)
    failed = _failed(score_kernel(kernel, source, tmp_path / "run"))  # no HarnessFailure
    assert list(failed) == [HlsCheck.TESTBENCH] and "MISMATCH" in failed[HlsCheck.TESTBENCH].detail


def test_malformed_bug_files_are_named(kernel):
    bug = kernel.folder / "bugs" / "acc_bad"
    bug.mkdir(parents=True)
    (bug / "acc.cpp").write_text(GOLDEN)
    (bug / "bug.toml").write_text('id = "acc_bad"\nclass = "logic"\ntype = "typo"\nlines = [3]\nsymptom = "x"\n')
    suite = load_hls_suite(kernel.folder.parent)
    assert not suite.bugs and "acc_bad/bug.toml: field 'type': 'typo' is not a logic bug type" in suite.problems[0]


@pytest.mark.slow
def test_bench_scores_the_reference_fix_and_an_unchanged_buggy_kernel(tmp_path):
    from workbench.eval.bench import Bench
    from workbench.log.run import RunConfig
    from workbench.model import ScriptedModel
    from workbench.solver.baselines import ReferenceModel
    from workbench.task.hls import bug_of

    tasks = ["fir_last_tap_dropped", "fir_mac_unroll_factor"]  # a logic bug and a pragma bug
    config = RunConfig(suites=["hls"], tasks=tasks, model="reference")
    golden = Bench(config, ReferenceModel(), tmp_path / "runs").run()
    assert golden.pass_at_k[0].value == 1.0
    assert (golden.hls.line_top1, golden.hls.type_accuracy) == (1.0, 1.0)

    def unchanged(context) -> str:
        return f"```cpp\n{bug_of(context.task.folder).buggy_source}```\nBUG LINE: 1\nBUG TYPE: off-by-one\n"

    scripted = RunConfig(suites=["hls"], tasks=tasks, model="scripted")
    buggy = Bench(scripted, ScriptedModel(unchanged), tmp_path / "runs")
    summary = buggy.run()
    assert summary.pass_at_k[0].value == 0.0 and summary.hls.line_top1 == 0.0
    checks = {s.task_id: [c for c in s.result.hls.checks if not c.ok] for s in buggy.log.samples() if s.result.hls}
    assert [c.check for c in checks["fir_last_tap_dropped"]] == ["testbench"]
    assert [(c.check, c.static) for c in checks["fir_mac_unroll_factor"]] == [("pragmas (static)", True)]


def test_an_include_only_the_static_check_would_see_fails_that_check(kernel, tmp_path):
    """libclang runs outside the sandbox (in the isolated worker): an include only it could see ends as
    the answer's failure of the static check, never as an exception or a hang of the scorer."""
    source = '#if __has_include("/etc/os-release")\n#include "/dev/zero"\n#endif\n' + GOLDEN
    outcomes = score_kernel(kernel, source, tmp_path / "run")
    failed = _failed(outcomes)
    assert list(failed) == [HlsCheck.PRAGMAS], outcomes
