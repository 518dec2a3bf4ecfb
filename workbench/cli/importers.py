"""`rtlwb import ...`: public benchmark formats into the workbench's own."""

from __future__ import annotations

import json
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from workbench.task.errata import Erratum, load_errata
from workbench.hls.csim import load_hls_suite, toolchain_problem
from workbench.importers import ImportReport, import_chrysalis, write_imported_suite
from workbench.importers.rtllm import SUITE as RTLLM_SUITE
from workbench.importers.rtllm import read_rtllm
from workbench.importers.verilog_eval import VARIANTS, read_verilog_eval, suite_name
from workbench.model import ModelError
from workbench.task.suite import UnknownTaskError, load_suite
from workbench.task.format import TaskFormatError

import_app = typer.Typer(help="Import public benchmark formats.", no_args_is_help=True)
out = Console()
err = Console(stderr=True)


@import_app.command("chrysalis")
def chrysalis(
    specifications: Annotated[list[Path], typer.Argument(help="bug_<TYPE>.txt files (Chrysalis JSON)")],
    kernel: Annotated[Path, typer.Option("--kernel", help="your kernel folder (kernel.toml, source, header, "
                                         "testbench, driver; see docs/hls-tasks.md)")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Apply Chrysalis-style bug specifications to your kernel: keep the bugs that apply and that its
    testbench (or the static pragma checker) catches, as bugs/ of the kernel; report the rest."""
    problem = toolchain_problem()
    if problem:
        err.print(f"[red]error:[/red] {escape(problem)}")
        raise typer.Exit(2)
    suite = load_hls_suite(kernel.resolve().parent)
    found = next((k for k in suite.kernels if k.folder == kernel.resolve()), None)
    if found is None:
        reasons = "; ".join(suite.problems) or f"no kernel.toml in {kernel}"
        err.print(f"[red]error:[/red] {escape(reasons)}")
        raise typer.Exit(2)
    with tempfile.TemporaryDirectory(prefix="rtlwb-import-") as folder:
        report = import_chrysalis(found, specifications, Path(folder))
    if as_json:
        print(json.dumps({"kernel": report.kernel, "kept": report.kept,
                          "outcomes": [asdict(o) for o in report.outcomes]}, indent=2))
    else:
        table = Table("specification", "kept", "bug", "why", title=f"Chrysalis bugs on kernel {report.kernel}")
        for outcome in report.outcomes:
            table.add_row(escape(Path(outcome.specification).name), "yes" if outcome.kept else "no",
                          outcome.bug_id or "-", escape(outcome.reason))
        out.print(table)
        out.print(f"kept {report.kept} of {len(report.outcomes)}")
    raise typer.Exit(0)


OutOption = Annotated[Path | None, typer.Option("--out", help="where to write the suite (default: the imported "
                                                "suites folder, $RTLWB_HOME/suites or ~/.local/share/rtlwb/suites)")]
ErrataOption = Annotated[Path | None, typer.Option("--errata", help="your errata file ([[erratum]] tables: "
                                                   "exclude, fixed with replacement files, or note)")]
SimOption = Annotated[list[str], typer.Option("--sim", help="simulators of the golden self-test (repeatable)")]
JobsOption = Annotated[int, typer.Option("--jobs", "-j", help="parallel self-test jobs")]
NoCheckOption = Annotated[bool, typer.Option("--no-check", help="skip the golden self-test (no errata then)")]


@import_app.command("verilog-eval")
def verilog_eval(
    path: Annotated[Path, typer.Argument(help="your copy of VerilogEval (the repository, or the variant's folder)")],
    variant: Annotated[str, typer.Option(help=f"one of: {', '.join(VARIANTS)}")] = "spec-to-rtl",
    out: OutOption = None, errata: ErrataOption = None, sim: SimOption = ["icarus"], jobs: JobsOption = 2,
    no_check: NoCheckOption = False, as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Import VerilogEval (v2 spec-to-rtl or code-complete, v1 human or machine) with its own
    testbenches and pass rule, then self-test it: every reference must pass, every stub fail."""
    _run_import(path, errata, as_json, no_check, _simulation_import(
        suite_name(variant), lambda: read_verilog_eval(path.resolve(), variant), out, sim, jobs, no_check))


@import_app.command("rtllm")
def rtllm(
    path: Annotated[Path, typer.Argument(help="your copy of RTLLM (2.0 nested or 1.x flat layout)")],
    out: OutOption = None, errata: ErrataOption = None, sim: SimOption = ["icarus"], jobs: JobsOption = 2,
    no_check: NoCheckOption = False, as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Import RTLLM with its own testbenches, data files and pass banner, then self-test it."""
    _run_import(path, errata, as_json, no_check, _simulation_import(
        RTLLM_SUITE, lambda: read_rtllm(path.resolve()), out, sim, jobs, no_check))


@import_app.command("cvdp")
def cvdp(
    path: Annotated[Path, typer.Argument(help="a CVDP JSONL file (non-agentic code generation; _with_solutions "
                                              "for a full self-test)")],
    out: OutOption = None, errata: ErrataOption = None,
    sim: Annotated[list[str] | None, typer.Option("--sim", help="simulators of the self-test "
                                                  "(default: each harness's own)")] = None,
    jobs: JobsOption = 2, no_check: NoCheckOption = False, as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Import CVDP's non-agentic code-generation problems with their own cocotb harness (run locally, no
    Docker), list every other record with its reason, then self-test: references pass, stubs fail."""
    from workbench.importers.cvdp import import_cvdp

    _run_import(path, errata, as_json, no_check, lambda user, folder: import_cvdp(
        path.resolve(), out, simulators=sim or None, jobs=jobs, check=not no_check, user_errata=user,
        errata_folder=folder))


@import_app.command("assertionbench")
def assertionbench(
    path: Annotated[Path, typer.Argument(help="your copy of AssertionBench (the repository or its "
                                              "verified_assertions folder)")],
    out: OutOption = None, errata: ErrataOption = None, jobs: JobsOption = 2, no_check: NoCheckOption = False,
    max_reference: Annotated[int, typer.Option(help="golden assertions kept per module (the first unique ones)")] = 64,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Import AssertionBench's verified modules as assertion tasks, then prove every golden assertion
    with the open formal judge (what is not proven becomes an erratum with the judge's evidence)."""
    from workbench.importers.assertionbench import import_assertionbench

    _run_import(path, errata, as_json, no_check, lambda user, folder: import_assertionbench(
        path.resolve(), out, max_reference=max_reference, user_errata=user, errata_folder=folder,
        check=not no_check, jobs=jobs))


@import_app.command("fveval")
def fveval(
    path: Annotated[Path, typer.Argument(help="an FVEval CSV, or a folder holding nl2sva_*.csv / design2sva_*.csv")],
    out: OutOption = None, errata: ErrataOption = None, jobs: JobsOption = 2, no_check: NoCheckOption = False,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Import FVEval (NL2SVA grouped by design and judged by equivalence, Design2SVA scored by proof),
    then check every reference with the open formal judge."""
    from workbench.importers.fveval import import_fveval

    _run_import(path, errata, as_json, no_check, lambda user, folder: import_fveval(
        path.resolve(), out, user_errata=user, errata_folder=folder, check=not no_check, jobs=jobs))


@import_app.command("assertionbench-outputs")
def assertionbench_outputs(
    outputs: Annotated[Path, typer.Argument(help="final_data_<model>[_5shot].json of AssertionBench")],
    suite: Annotated[str, typer.Option(help="the imported AssertionBench suite")] = "assertionbench",
    output: Annotated[Path, typer.Option("--output", "-o", help="the replay file to write")] = Path("replay.jsonl"),
) -> None:
    """Turn AssertionBench's LLM outputs into a replay file, to score with
    `rtlwb bench run --suite SUITE --model replay/OUTPUT`."""
    from workbench.importers.assertionbench import convert_llm_outputs

    try:
        conversion = convert_llm_outputs(outputs, load_suite(suite).folder, output)
    except (TaskFormatError, UnknownTaskError, OSError) as problem:
        err.print(f"[red]error:[/red] {escape(str(problem))}")
        raise typer.Exit(2) from None
    out.print(f"{conversion.written} completions written to {escape(str(output))}"
              + (f"; {len(conversion.unmatched)} records of modules not in the suite" if conversion.unmatched else ""))


def _run_import(path: Path, errata: Path | None, as_json: bool, no_check: bool, run) -> None:
    try:
        user_errata = _user_errata(errata)
        with _status(f"importing {path.name} and self-testing it", quiet=as_json or no_check):
            report = run(user_errata, errata.parent if errata else None)
    except TaskFormatError as problem:
        err.print(f"[red]error:[/red] {escape(str(problem))}")
        raise typer.Exit(2) from None
    _show_report(report, as_json)


@import_app.command("v1-samples")
def v1_samples(
    samples: Annotated[Path, typer.Argument(help="VerilogEval v1 samples: JSONL {task_id, completion}")],
    suite: Annotated[str, typer.Option(help="the imported v1 suite (verilog-eval-v1-human or -machine)")],
    output: Annotated[Path, typer.Option("--output", "-o", help="the replay file to write")],
) -> None:
    """Turn VerilogEval v1 samples (module bodies continuing the prompt) into a replay file of whole
    modules, to score with `rtlwb bench run --suite SUITE --model replay/OUTPUT`."""
    from workbench.importers.interop import complete_v1_samples

    try:
        records = complete_v1_samples(samples, load_suite(suite).tasks)
    except (TaskFormatError, UnknownTaskError, ModelError, OSError) as problem:
        err.print(f"[red]error:[/red] {escape(str(problem))}")
        raise typer.Exit(2) from None
    output.write_text("".join(json.dumps(record) + "\n" for record in records))
    out.print(f"{len(records)} completions written to {escape(str(output))}")


def _simulation_import(name: str, read, out: Path | None, simulators: list[str], jobs: int, no_check: bool):
    """What `_run_import` runs for a suite read by ``read`` and self-tested by simulation."""
    def run(user_errata: list[Erratum], errata_folder: Path | None) -> ImportReport:
        tasks, skipped, manifest = read()
        return write_imported_suite(name, tasks, out, manifest, skipped, user_errata, errata_folder,
                                    [] if no_check else simulators, jobs)
    return run


def _user_errata(path: Path | None) -> list[Erratum]:
    return [e.model_copy(update={"source": "user"}) for e in load_errata(path)] if path else []


def _status(message: str, quiet: bool):
    from contextlib import nullcontext

    return nullcontext() if quiet else err.status(message)


def _show_report(report: ImportReport, as_json: bool) -> None:
    if as_json:
        print(json.dumps({"suite": report.suite, "folder": str(report.folder), "tasks": report.tasks,
                          "simulators": report.simulators, "golden_pass": report.golden_pass,
                          "stub_fail": report.stub_fail, "excluded": report.excluded,
                          "skipped": [asdict(s) for s in report.skipped],
                          "errata": [e.record() for e in report.errata]}, indent=2))
        return
    if report.errata:
        table = Table("task", "problem", "action", "simulator", "evidence", title=f"errata of {report.suite}")
        for erratum in report.errata:
            evidence = erratum.evidence.strip().splitlines()[:1]
            table.add_row(erratum.task, erratum.problem, erratum.action, erratum.simulator or "-",
                          escape(evidence[0][:100] if evidence else ""))
        out.print(table)
    out.print(f"suite [bold]{report.suite}[/bold] in {escape(str(report.folder))}: {report.tasks} tasks"
              + (f", {len(report.skipped)} not imported" if report.skipped else ""))
    if report.golden_pass is not None:
        out.print(f"self-test on {', '.join(report.simulators)}: references pass {report.golden_pass}/{report.tasks}, "
                  f"stubs fail {report.stub_fail}/{report.tasks}; {report.excluded} tasks excluded by errata "
                  f"(see errata.toml)")
    else:
        out.print("self-test skipped (--no-check): the suite has no errata of its own yet")
