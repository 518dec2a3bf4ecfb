"""Chisel answers through the real toolchain: scalac, Chisel elaboration, firtool, the simulators."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from workbench.answer.extract import ExtractionError, extract_scala
from workbench.hdl import chisel
from workbench.hdl.chisel import InterfaceMismatch, wrap
from workbench.hdl.interface import outline_design
from workbench.scorer.result import Status
from workbench.scorer.simulation import ScoreOptions, score
from workbench.task.format import TaskLimits
from workbench.task.suite import find_task

CHISEL = ScoreOptions(language="chisel")
SAT_ADD = find_task("sat_add")
REFERENCE = SAT_ADD.reference_text("chisel")


def _scala(source: str) -> str:
    return f"Here is the design.\n```scala\n{source}\n```\n"


def _elaborating(code: str) -> str:
    """The reference with ``code`` run while the module is elaborated."""
    return _scala(REFERENCE.replace("  private val exact", f"{code}\n  private val exact"))


def _with_compile_limit(seconds: float):
    config = SAT_ADD.config.model_copy(update={"limits": TaskLimits(compile_s=seconds)})
    return SAT_ADD.model_copy(update={"config": config})


def _processes_running(*argv: str) -> list[int]:
    """The pids whose command line is exactly ``argv``."""
    wanted = "\0".join(argv).encode() + b"\0"
    found = []
    for name in filter(str.isdigit, os.listdir("/proc")):
        try:
            if Path(f"/proc/{name}/cmdline").read_bytes() == wanted:
                found.append(int(name))
        except OSError:
            pass
    return found


@pytest.mark.parametrize("sim", ["icarus", "verilator"])
def test_the_reference_passes_the_verilog_testbench(sim):
    result = score(SAT_ADD, _scala(REFERENCE), sim, CHISEL)
    assert result.status == Status.PASS, result.summary() + "\n" + result.diagnostics
    assert result.tool_versions["chisel"] == "6.7.0" and (result.artefacts / "chisel" / "design.sv").is_file()


@pytest.mark.parametrize(("change", "status", "message"), [
    (("io.overflow := high || low", "io.overflow := high + 1"), Status.FAIL_COMPILE,
     "Scala compile error: Design.scala:16: error: type mismatch; found   : Int(1) required: chisel3.UInt"),
    (("io.overflow := high || low", "io.overflow := io.a"), Status.FAIL_COMPILE,
     "Chisel elaboration error: ChiselException: Connection between sink (SatAdd.io.overflow: IO[Bool]) and source"),
    (("io.overflow := high || low\n", ""), Status.FAIL_COMPILE,
     'firtool error: Design.scala:4:7: error: sink "io_overflow" not fully initialized in "SatAdd"'),
    (("Mux(high, max, Mux(low, min, exact))", "exact"), Status.FAIL_FUNCTIONAL, "corners: a=-128 b=-128"),
    (("val overflow", "val ovf"), Status.FAIL_COMPILE, "Scala compile error"),
])
def test_each_failure_gets_its_category_and_the_tools_words(change, status, message):
    result = score(SAT_ADD, _scala(REFERENCE.replace(*change)), "icarus", CHISEL)
    assert result.status == status and result.message.startswith(message), result.message


def test_an_interface_mismatch_names_the_ports():
    renamed = REFERENCE.replace("val overflow", "val ovf").replace("io.overflow", "io.ovf")
    result = score(SAT_ADD, _scala(renamed), "icarus", CHISEL)
    assert result.status == Status.FAIL_INTERFACE
    assert result.message == "the Chisel module has no port io.overflow (output, 1 bits); unexpected port io.ovf"


def test_a_missing_top_class_and_prose_are_named():
    other = score(SAT_ADD, _scala("import chisel3._\nclass Adder extends Module { }"), "icarus", CHISEL)
    assert other.status == Status.FAIL_COMPILE and "no class `SatAdd`" in other.message
    prose = score(SAT_ADD, "Sorry, I cannot write Chisel.", "icarus", CHISEL)
    assert prose.status == Status.FAIL_EXTRACT


def test_candidates_never_see_each_others_classes():
    with_helper = REFERENCE.replace("import chisel3._", "import chisel3._\nobject Helper { def one = 1 }")
    assert score(SAT_ADD, _scala(with_helper), "icarus", CHISEL).status == Status.PASS
    using_helper = REFERENCE.replace("val max ", "val unused = Helper.one\n  private val max ")
    result = score(SAT_ADD, _scala(using_helper), "icarus", CHISEL)
    assert result.status == Status.FAIL_COMPILE and "not found: value Helper" in result.message


def test_a_hanging_elaboration_times_out_and_the_next_candidate_gets_a_fresh_server():
    limits = TaskLimits(compile_s=20)
    quick = SAT_ADD.model_copy(update={"config": SAT_ADD.config.model_copy(update={"limits": limits})})
    hanging = REFERENCE.replace("  private val exact", "  while (true) {}\n  private val exact")
    result = score(quick, _scala(hanging), "icarus", CHISEL)
    assert result.status == Status.TIMEOUT and "within 20 s" in result.message
    assert score(quick, _scala(REFERENCE), "icarus", CHISEL).status == Status.PASS


def test_elaboration_has_no_network():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    server.settimeout(0.5)
    port = server.getsockname()[1]
    probing = REFERENCE.replace("  private val exact",
                                f'  new java.net.Socket("127.0.0.1", {port})\n  private val exact')
    result = score(SAT_ADD, _scala(probing), "icarus", CHISEL)
    assert result.status == Status.FAIL_COMPILE  # its own network namespace: only an empty loopback there
    assert "Network is unreachable" in result.message or "Connection refused" in result.message, result.message
    with pytest.raises(socket.timeout):
        server.accept()
    server.close()


def test_the_wrapper_maps_clock_reset_and_io_names():
    task = find_task("sync_fifo")
    verilog = ("module SyncFifo(input clock, input reset, input io_wr_en, input [7:0] io_wr_data, input io_rd_en,"
               " output [7:0] io_rd_data, output io_full, output io_empty, output [3:0] io_count);"
               " endmodule\n")
    outline = outline_design(verilog, "SyncFifo")
    wrapped = wrap(task, verilog, outline, "SyncFifo")
    assert ".clock(clk)" in wrapped and ".reset(!rst_n)" in wrapped and ".io_wr_data(wr_data)" in wrapped
    assert wrapped.rstrip().endswith("endmodule") and "module sync_fifo" in wrapped
    narrow = verilog.replace("[7:0] io_rd_data", "[6:0] io_rd_data")
    with pytest.raises(InterfaceMismatch, match=r"io\.rd_data is 7 bits wide, expected 8"):
        wrap(task, narrow, outline_design(narrow, "SyncFifo"), "SyncFifo")


def test_scala_extraction():
    assert extract_scala("```scala\nclass A\n```\n```scala\nclass B\n```") == "class A\n\n\nclass B\n"
    assert "class Bare" in extract_scala("import chisel3._\nclass Bare extends Module")
    with pytest.raises(ExtractionError):
        extract_scala("no code at all")


def _rtlwb(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "workbench.cli.main", *args], capture_output=True, text=True,
                          timeout=600)


def test_check_lang_chisel_reports_the_chisel_tasks():
    done = _rtlwb("check", "--suite", "accel", "--lang", "chisel", "--task", "sat_add", "--json")
    summary = json.loads(done.stdout)
    assert done.returncode == 0, done.stderr
    assert summary["language"] == "chisel" and summary["tasks"] == 1
    assert summary["golden_pass"] == 1 and summary["stub_fail"] == 1


def test_bench_run_in_chisel_with_the_reference_and_a_translation_prompt(tmp_path):
    from workbench.eval.bench import Bench
    from workbench.log.run import RunConfig
    from workbench.solver.baselines import ReferenceModel

    config = RunConfig(suites=["accel"], tasks=["sat_add"], model="reference", language="chisel", translate=True)
    bench = Bench(config, ReferenceModel(), tmp_path)
    summary = bench.run()
    assert summary.status_counts == {"pass": 1}
    (completion,) = bench.log.completions()
    assert completion.template == "verilog-to-chisel@1"
    assert "```systemverilog\nmodule sat_add" in completion.messages[-1].content
    assert "```scala" in completion.completion


def test_chisel_stubs_backquote_scala_keywords_and_fail_the_tests():
    from workbench.task.stub import chisel_port_only_stub

    task = find_task("seq_detector")  # its output port is called `match`
    stub = chisel_port_only_stub(task)
    assert "val `match` = Output" in stub
    assert score(task, stub, "icarus", CHISEL).status == Status.FAIL_FUNCTIONAL


# --- no candidate shares a JVM, and nothing of a candidate outlives its compile (issue 17) ----------

def test_a_server_that_halts_mid_request_is_the_answers_crash_and_the_next_answer_is_scored():
    result = score(SAT_ADD, _elaborating("  Runtime.getRuntime.halt(0)"), "icarus", CHISEL)
    assert result.status == Status.CRASH, result.summary()
    assert result.message.startswith("the compile server died while elaborating the answer"), result.message
    assert score(SAT_ADD, _scala(REFERENCE), "icarus", CHISEL).status == Status.PASS


def test_an_answer_cannot_fake_an_infrastructure_error_through_the_protocol():
    forged = ('  locally {\n'
              '    val out = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out))\n'
              '    out.println("done\\tinternal"); out.println("ready\\tinternal"); out.flush()\n'
              '    System.exit(3) }')
    result = score(SAT_ADD, _elaborating(forged), "icarus", CHISEL)
    assert result.status == Status.CRASH, result.summary()
    assert score(SAT_ADD, _scala(REFERENCE), "icarus", CHISEL).status == Status.PASS


def test_threads_and_processes_of_an_answer_end_with_its_compile(monkeypatch):
    folders = []

    def keep_folder(server):  # stop as usual, but leave the job folder for this test to look at
        folders.append(server.folder)
        server.stop()

    monkeypatch.setattr(chisel._Server, "discard", keep_folder)
    seconds = str(300 + uuid.uuid4().int % 600)
    lingering = (
        '  new Thread(() => while (true) {\n'
        '    java.nio.file.Files.write(java.nio.file.Paths.get("marker"), "x".getBytes,\n'
        '      java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)\n'
        '    Thread.sleep(100) }).start()\n'
        f'  new ProcessBuilder("sleep", "{seconds}").start()\n'
        f'  new ProcessBuilder("setsid", "-f", "sleep", "{seconds}").start()\n'
        '  java.nio.file.Files.write(java.nio.file.Paths.get("started"), "yes".getBytes)\n'
        '  Thread.sleep(400)')
    result = score(SAT_ADD, _elaborating(lingering), "icarus", CHISEL)
    assert result.status == Status.PASS, result.summary()
    (folder,) = [f for f in folders if (f / "started").is_file()]
    try:
        marker = folder / "marker"
        written = marker.stat().st_size
        assert written >= 2  # the thread did run while the answer was compiled
        time.sleep(0.6)
        assert marker.stat().st_size == written, "a thread of the answer kept writing after its compile"
        assert _processes_running("sleep", seconds) == [], "a process of the answer outlived its compile"
    finally:
        for kept in folders:
            shutil.rmtree(kept, ignore_errors=True)


def test_an_answer_writes_nowhere_but_its_job_folder(tmp_path):
    canary = tmp_path / "canary"
    canary.write_text("untouched")
    name = f"rtlwb-escape-{uuid.uuid4().hex}"
    targets = [canary, Path("/tmp") / name, Path(chisel.__file__).parent / name, chisel.toolchain_home() / name,
               SAT_ADD.folder / name]
    attempts = "\n".join(
        f'  try java.nio.file.Files.write(java.nio.file.Paths.get("{target}"), "escaped".getBytes) '
        f'catch {{ case _: Throwable => }}' for target in targets)
    result = score(SAT_ADD, _elaborating(attempts), "icarus", CHISEL)
    assert result.status == Status.PASS, result.summary()
    assert canary.read_text() == "untouched"
    escaped = [str(target) for target in targets[1:] if target.exists()]
    for target in escaped:
        Path(target).unlink()
    assert escaped == []


def test_the_workbench_reads_no_file_an_answer_links_from_its_job_folder(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("the host's secret")
    links = ('  locally { import java.nio.file.{Files, Paths}\n'
             '    Files.deleteIfExists(Paths.get("chisel.log"))\n'
             f'    Files.createSymbolicLink(Paths.get("chisel.log"), Paths.get("{secret}"))\n'
             f'    Files.createSymbolicLink(Paths.get("design.sv"), Paths.get("{secret}"))\n'
             '    val out = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out))\n'
             '    out.println("done\\tok"); out.flush(); Runtime.getRuntime.halt(0) }')
    result = score(SAT_ADD, _elaborating(links), "icarus", CHISEL)
    assert result.status == Status.CRASH, result.summary()
    kept = "".join(path.read_text() for path in (result.artefacts / "chisel").glob("*") if path.is_file())
    assert "secret" not in result.message + result.diagnostics + kept


def test_a_fork_bomb_in_elaboration_ends_within_the_limit_and_leaves_no_process():
    seconds = str(300 + uuid.uuid4().int % 600)
    bomb = f'  while (true) new ProcessBuilder("sleep", "{seconds}").start()'
    started = time.monotonic()
    result = score(_with_compile_limit(60), _elaborating(bomb), "icarus", CHISEL)
    assert result.status in (Status.CRASH, Status.TIMEOUT, Status.FAIL_COMPILE), result.summary()
    assert time.monotonic() - started < 90
    assert _processes_running("sleep", seconds) == []
    assert score(SAT_ADD, _scala(REFERENCE), "icarus", CHISEL).status == Status.PASS


def test_a_spare_server_that_died_while_idle_costs_the_next_answer_nothing():
    assert score(SAT_ADD, _scala(REFERENCE), "icarus", CHISEL).status == Status.PASS
    deadline = time.monotonic() + 60
    while chisel._spares._spare is None and time.monotonic() < deadline:
        time.sleep(0.1)
    spare = chisel._spares._spare
    assert spare is not None, "no spare server was started"
    spare.promote()
    # A JVM's start-up on a loaded 2-core CI machine can take minutes; the test is about what follows.
    assert spare.wait_ready(300) is None
    os.killpg(spare.process.pid, signal.SIGKILL)
    spare.process.wait()
    assert score(SAT_ADD, _scala(REFERENCE), "icarus", CHISEL).status == Status.PASS


def test_a_server_that_never_completes_its_handshake_is_an_infrastructure_error(monkeypatch):
    monkeypatch.setenv("RTLWB_CHISEL_WARM", "0")
    monkeypatch.setattr(chisel, "_spares", chisel._Spares())  # not this process's warm spare
    monkeypatch.setattr(chisel, "_JVM_OPTIONS", (*chisel._JVM_OPTIONS, "-XX:+NoSuchOptionAnywhere"))
    result = score(SAT_ADD, _scala(REFERENCE), "icarus", CHISEL)
    assert result.status == Status.INFRA_ERROR, result.summary()
    assert "did not start" in result.message and "readiness handshake" in result.message
