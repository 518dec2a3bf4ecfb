"""Child-process entry point: build or test one design with cocotb's runner.

Runs inside the sandbox (``python -m workbench.sim._job build|test JOB.json``). cocotb's runner
is experimental and calls ``sys.exit`` on failure; confining it to this child keeps the
orchestrator alive, and the parent judges by exit status and ``results.xml`` only.
"""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

from cocotb_tools.runner import get_runner

COMMAND_FAILED = 3


def build(job: dict) -> None:
    runner = get_runner(job["runner"])
    runner.build(
        sources=[Path(s) for s in job["sources"]],
        hdl_toplevel=job["top"],
        build_dir=job["build_dir"],
        always=True,
        timescale=tuple(job["timescale"]),
        build_args=job["build_args"],
        parameters=job["parameters"],
        waves=job["waves"],
    )


def test(job: dict) -> None:
    runner = get_runner(job["runner"])
    runner.test(
        test_module=job["test_module"],
        hdl_toplevel=job["top"],
        hdl_toplevel_lang="verilog",
        build_dir=job["build_dir"],
        test_dir=job["build_dir"],
        seed=job["seed"],
        plusargs=job["plusargs"],
        results_xml=job["results_xml"],
        parameters=job["parameters"],
        waves=job["waves"],
    )


def main() -> None:
    # Python ignores SIGXFSZ and the simulators it starts would inherit that: restore the default
    # so a simulator that floods its log is stopped by the sandbox's file-size limit.
    signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
    stage, job_file = sys.argv[1], Path(sys.argv[2])
    job = json.loads(job_file.read_text())
    sys.path[:0] = job["python_path"]
    try:
        {"build": build, "test": test}[stage](job)
    except RuntimeError as failure:
        # The tool already printed its own diagnostics; a runner traceback would only bury them.
        if not str(failure).startswith("Command failed"):
            raise
        sys.exit(COMMAND_FAILED)


if __name__ == "__main__":
    main()
