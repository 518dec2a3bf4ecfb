"""Where scoring runs: real pool processes, a real Dask LocalCluster, a real worker without the simulator.

Every executor must give the very samples that scoring one by one in this process gives.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import distributed
import pytest

from workbench.eval.bench import Bench, BenchProgress
from workbench.eval.executor import ExecutorError, LocalExecutor, get_executor
from workbench.log.run import RunConfig
from workbench.model import ReplayModel
from workbench.task.suite import find_task

TASKS = ["sat_add", "popcount", "relu"]
SAMPLES = 5

# A wrong line of each reference: the answer compiles and fails the testbench.
_WRONG = {"sat_add": ("assign overflow = positive_overflow || negative_overflow;", "assign overflow = 1'b0;"),
          "popcount": ("total = total + CW'(data[i]);", "total = total | CW'(data[i]);"),
          "relu": ("lane[7] ? 8'd0 : lane", "lane[0] ? 8'd0 : lane")}


def _answers(task_id: str) -> list[str]:
    """Answers with different verdicts: pass, the same design again (shares the verdict), fails the
    testbench, does not compile, holds no code."""
    reference = find_task(task_id).reference_text()
    wrong = reference.replace(*_WRONG[task_id])
    assert wrong != reference
    broken = reference.replace("endmodule", "  assign = ;\nendmodule")
    return [f"```verilog\n{reference}```", f"```verilog\n// the same, commented\n{reference}\n```",
            f"```verilog\n{wrong}```", f"```verilog\n{broken}```", "I would rather not."]


@pytest.fixture(scope="module")
def completions(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("replay") / "completions.jsonl"
    records = [{"task_id": task_id, "sample": sample, "completion": answer}
               for task_id in TASKS for sample, answer in enumerate(_answers(task_id))]
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    return path


def _bench(runs: Path, completions: Path, tasks: list[str] = TASKS, **scoring) -> Bench:
    config = RunConfig(suites=["accel"], tasks=tasks, model=f"replay/{completions}", n=SAMPLES)
    bench = Bench(config, ReplayModel(completions), runs, **scoring)
    bench.generate()
    return bench


def _verdicts(bench: Bench) -> dict[tuple[str, int], tuple]:
    return {(s.task_id, s.sample): (s.result.status, s.result.tests_run, s.result.tests_failed, s.result.message,
                                    s.candidate_key)
            for s in bench.log.samples()}


@pytest.fixture(scope="module")
def in_process(completions, tmp_path_factory) -> dict[tuple[str, int], tuple]:
    """The reference verdicts: every unit scored in this process, one after the other."""
    bench = _bench(tmp_path_factory.mktemp("runs"), completions, jobs=1)
    bench.evaluate()
    verdicts = _verdicts(bench)
    assert len(verdicts) == len(TASKS) * SAMPLES
    assert {v[0].value for v in verdicts.values()} == {"pass", "fail_functional", "fail_compile", "fail_extract"}
    return verdicts


@pytest.mark.slow
def test_the_process_pool_gives_the_same_samples_as_scoring_in_process(completions, in_process, tmp_path):
    bench = _bench(tmp_path, completions, jobs=2, batch=1)
    bench.evaluate()
    assert _verdicts(bench) == in_process
    assert bench.stats.scorings == 4 * len(TASKS) and bench.stats.verdicts_shared == len(TASKS)


@pytest.mark.slow
def test_a_dask_local_cluster_gives_the_same_samples_as_the_local_executor(completions, in_process, tmp_path):
    bench = _bench(tmp_path, completions, jobs=2, executor="dask-local")
    bench.evaluate()
    assert _verdicts(bench) == in_process
    assert bench.stats.scoring_errors == [] and bench.stats.workers_excluded == []


class _Interrupted(Exception):
    pass


@pytest.mark.slow
def test_an_interrupted_evaluation_resumes_and_scores_only_the_rest(completions, in_process, tmp_path):
    class StopAfterTwo(BenchProgress):
        scored = 0

        def advanced(self, stage: str, suite: str, status: str | None = None) -> None:
            if stage == "score":
                self.scored += 1
                if self.scored == 3:  # the third is recorded, the unit's shared verdicts are not
                    raise _Interrupted

    first = _bench(tmp_path, completions, jobs=2, batch=1, progress=StopAfterTwo())
    with pytest.raises(_Interrupted):
        first.evaluate()
    recorded = first.log.samples()
    distinct = {(s.task_id, s.candidate_key) for s in recorded}
    assert len(recorded) == 3 and len(distinct) >= 2

    again = _bench(tmp_path, completions, jobs=2, batch=1)
    again.evaluate()
    assert again.stats.samples_reused == len(recorded) and again.stats.scorings == 4 * len(TASKS) - len(distinct)
    assert _verdicts(again) == in_process


def _square_or_fail(number: int) -> int:
    if number == 3:
        raise ValueError("three is refused")
    if number == 5:
        os._exit(9)  # the worker process dies, as when the kernel kills it for memory
    return number * number


def test_a_unit_that_raises_or_kills_its_worker_is_reported_and_the_others_finish():
    with LocalExecutor(2).open() as executor:
        outcomes = {outcome.unit: outcome for outcome in executor.map(_square_or_fail, range(8))}
    assert {unit: outcome.value for unit, outcome in outcomes.items() if outcome.error is None} == {
        n: n * n for n in range(8) if n not in (3, 5)}
    assert outcomes[3].error == "ValueError: three is refused"
    assert "worker process died" in outcomes[5].error


def test_in_process_a_unit_that_raises_is_reported_and_the_others_finish():
    outcomes = list(LocalExecutor(1).map(_square_or_fail, [2, 3, 4]))
    assert [(o.unit, o.value, o.error) for o in outcomes] == [(2, 4, None), (3, None, "ValueError: three is refused"),
                                                              (4, 16, None)]


def test_unknown_executors_are_refused_with_the_choices():
    with pytest.raises(ExecutorError, match="choose local, dask-local or dask://HOST:PORT"):
        get_executor("ray://head:10001", 2)
    assert get_executor("tcp://head:8786", 2).name == get_executor("dask://head:8786", 2).name == "tcp://head:8786"


def test_without_dask_the_cluster_executors_say_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # what the import system says when it is not installed
    with pytest.raises(ExecutorError, match=re.escape("pip install 'rtl-workbench[cluster]'")):
        get_executor("dask-local", 2)


@pytest.mark.slow
def test_a_failing_unit_leaves_its_samples_unscored_and_the_next_run_scores_them(completions, tmp_path):
    env = dict(os.environ, RTLWB_CACHE=str(tmp_path / "cache"))
    command = [sys.executable, "-m", "workbench.cli.main", "bench", "evaluate", str(completions), "--runs-dir",
               str(tmp_path), "--run-id", "blocked", "--jobs", "1", "--json"]
    blocker = tmp_path / "blocked" / "artefacts" / "accel-relu"  # a file where relu's artefacts must go
    blocker.parent.mkdir(parents=True)
    blocker.write_text("")
    failed = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    summary = json.loads(failed.stdout)
    assert failed.returncode == 1 and not summary["complete"] and summary["incomplete_tasks"] == ["accel/relu"]
    (error,) = summary["scoring_errors"]
    assert error.startswith("accel/relu #0, #2, #3, #4: FileExistsError")

    blocker.unlink()
    resumed = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    summary = json.loads(resumed.stdout)
    assert resumed.returncode == 0 and summary["complete"], resumed.stderr
    assert summary["scorings"] == 4 and summary["samples_reused"] == SAMPLES * (len(TASKS) - 1)


# --- a cluster with a worker that cannot score ---------------------------------------------

def _start_worker_without_simulator(scheduler: str) -> subprocess.Popen:
    """A real Dask worker whose PATH holds Python only: no iverilog there."""
    env = dict(os.environ, PATH=str(Path(sys.executable).parent))
    return subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", scheduler, "--name", "no-simulator",
                             "--nthreads", "1", "--no-dashboard"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def _wait_for_workers(client, count: int) -> None:
    deadline = time.monotonic() + 120
    while len(client.scheduler_info()["workers"]) < count:
        assert time.monotonic() < deadline, f"{count} workers did not join"
        time.sleep(0.2)


@pytest.mark.slow
def test_a_worker_without_the_simulator_is_reported_and_not_used(completions, in_process, tmp_path):
    with distributed.LocalCluster(n_workers=0, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        spec = cluster.scheduler_address.replace("tcp://", "dask://")
        worker = _start_worker_without_simulator(cluster.scheduler_address)
        try:
            _wait_for_workers(client, 1)
            (address,) = client.scheduler_info()["workers"]
            alone = _bench(tmp_path, completions, ["relu"], executor=spec)
            with pytest.raises(ExecutorError, match=f"no worker of tcp://.* can score \\({address}: icarus not found"):
                alone.evaluate()

            cluster.scale(1)
            _wait_for_workers(client, 2)
            bench = _bench(tmp_path, completions, ["relu"], executor=spec)
            bench.evaluate()
        finally:
            worker.terminate()
            worker.wait(timeout=60)
    (excluded,) = bench.stats.workers_excluded
    assert excluded.startswith(f"{address}: icarus not found")
    # Had the worker without iverilog scored anything, its verdicts would be infra errors.
    assert _verdicts(bench) == {key: verdict for key, verdict in in_process.items() if key[0] == "relu"}


@pytest.mark.slow
def test_units_are_reported_not_left_waiting_when_every_checked_worker_has_gone():
    with distributed.LocalCluster(n_workers=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client, get_executor(cluster.scheduler_address, 1).open() as executor:
        cluster.scale(0)  # as when the batch jobs of the workers end
        while client.nthreads():
            time.sleep(0.1)
        outcomes = list(executor.map(_square_or_fail, [1, 2]))
    assert [o.unit for o in outcomes] == [1, 2]
    assert all("every worker that passed the toolchain check has left the cluster" in o.error for o in outcomes)
