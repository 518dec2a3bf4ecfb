"""`rtlwb import ...`: public benchmark formats into the workbench's own.

One command per importer of the registry (``workbench.importers.IMPORTERS``), built from the
importer: its PATH argument, its own settings, then the options every suite import shares (and,
for importers whose tasks have reference designs, the testbench audit's).
"""

from __future__ import annotations

import inspect
import json
import tempfile
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from workbench.cli._common import JsonOption, QuietOption, UsageError, err, out, simulator_names
from workbench.cli._progress import Progress
from workbench.eval.audit import AuditProgress, Survivor
from workbench.hls.csim import toolchain_problem
from workbench.importers import (
    IMPORTERS,
    AuditFigures,
    ImportAudit,
    ImportReport,
    ImportRequest,
    SelfTestProgress,
    SuiteImporter,
    get_importer,
    import_chrysalis,
)
from workbench.importers.assertionbench import convert_llm_outputs
from workbench.importers.chrysalis import SpecificationOutcome
from workbench.importers.interop import complete_v1_samples
from workbench.model import ModelError
from workbench.task.errata import Erratum, load_errata
from workbench.task.format import TaskFormatError
from workbench.task.hls import load_hls_suite
from workbench.task.suite import UnknownTaskError, load_suite

import_app = typer.Typer(help="Import public benchmark formats.", no_args_is_help=True)


@import_app.command("chrysalis")
def chrysalis(
    specifications: Annotated[list[Path], typer.Argument(help="bug_<TYPE>.txt files (Chrysalis JSON)")],
    kernel: Annotated[Path, typer.Option("--kernel", help="your kernel folder (kernel.toml, source, header, "
                                         "testbench, driver; see docs/hls-tasks.md)")],
    as_json: JsonOption = False,
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
                          "outcomes": [_outcome_record(o) for o in report.outcomes]}, indent=2))
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
JobsOption = Annotated[int, typer.Option("--jobs", "-j", min=1, help="parallel jobs of the self-test (and the audit)")]
NoCheckOption = Annotated[bool, typer.Option("--no-check", help="skip the golden self-test (none of its errata then)")]
AuditOption = Annotated[bool, typer.Option("--audit", help="then audit the testbenches with mutants of the "
                                           "references: each gap is a testbench-gap note in the errata")]
AuditSampleOption = Annotated[int | None, typer.Option("--audit-sample", min=1, help="mutants drawn per task "
                                                       "(default: all; needs --audit)")]
SeedOption = Annotated[int, typer.Option("--seed", help="seed of the audit's draw")]


def _suite_import_command(name: str, importer: type[SuiteImporter]) -> None:
    """Register ``rtlwb import NAME``: PATH, the importer's own settings, then the shared options."""
    def command(path: Path, out: Path | None, errata: Path | None, jobs: int, no_check: bool, as_json: bool,
                quiet: bool, sim: list[str] | None = None, audit: bool = False, audit_sample: int | None = None,
                seed: int = 0, **settings: Any) -> None:
        if audit_sample is not None and not audit:
            raise UsageError("--audit-sample needs --audit")
        _run_import(path, errata, as_json, quiet or (no_check and not audit), audit,
                    lambda user, folder, progress, audit_progress: importer(**settings).import_suite(
                        path.resolve(), ImportRequest(
                            out=out, user_errata=user, errata_folder=folder, simulators=sim, jobs=jobs,
                            check=not no_check, progress=progress,
                            audit=ImportAudit(audit_sample, seed, audit_progress) if audit else None)))

    def option(parameter: str, annotation: Any, default: Any) -> inspect.Parameter:
        return inspect.Parameter(parameter, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=annotation,
                                 default=default)

    own = [option(field, Annotated[info.annotation, typer.Option(help=info.description)], info.default)
           for field, info in importer.model_fields.items()]
    choice = importer.simulators
    sim = [] if choice is None else [option("sim", Annotated[list[str] if choice.default else list[str] | None,
                                                             typer.Option("--sim", help=choice.help,
                                                                          callback=simulator_names)], choice.default)]
    audit = [option("audit", AuditOption, False), option("audit_sample", AuditSampleOption, None),
             option("seed", SeedOption, 0)] if importer.auditable else []
    command.__signature__ = inspect.Signature([  # type: ignore[attr-defined]
        option("path", Annotated[Path, typer.Argument(help=importer.source_help)], inspect.Parameter.empty),
        *own, option("out", OutOption, None), option("errata", ErrataOption, None), *sim,
        option("jobs", JobsOption, 2), option("no_check", NoCheckOption, False), *audit,
        option("as_json", JsonOption, False), option("quiet", QuietOption, False),
    ])
    import_app.command(name, help=inspect.getdoc(importer))(command)


for _name in IMPORTERS:
    _suite_import_command(_name, get_importer(_name))


@import_app.command("assertionbench-outputs")
def assertionbench_outputs(
    outputs: Annotated[Path, typer.Argument(exists=True, dir_okay=False,
                                            help="final_data_<model>[_5shot].json of AssertionBench")],
    suite: Annotated[str, typer.Option(help="the imported AssertionBench suite")] = "assertionbench",
    output: Annotated[Path, typer.Option("--output", "-o", help="the replay file to write")] = Path("replay.jsonl"),
) -> None:
    """Turn AssertionBench's LLM outputs into a replay file, to score with
    `rtlwb bench run --suite SUITE --model replay/OUTPUT`."""
    try:
        conversion = convert_llm_outputs(outputs, load_suite(suite).folder, output)
    except (TaskFormatError, UnknownTaskError, OSError) as problem:
        err.print(f"[red]error:[/red] {escape(str(problem))}")
        raise typer.Exit(2) from None
    out.print(f"{conversion.written} completions written to {escape(str(output))}"
              + (f"; {len(conversion.unmatched)} records of modules not in the suite" if conversion.unmatched else ""))


def _run_import(path: Path, errata: Path | None, as_json: bool, quiet: bool, audit: bool,
                run: Callable[[list[Erratum], Path | None, SelfTestProgress, AuditProgress | None],
                              ImportReport]) -> None:
    try:
        user_errata = _user_errata(errata)
        with Progress(enabled=not quiet) as progress:
            progress.note(f"importing {escape(path.name)}, then self-testing every task"
                          + (" and auditing its testbench" if audit else ""))
            track = progress.add(f"self-test of {path.name}")
            failed: list[str] = []  # appended from the self-test's threads

            def checked(task_id: str, ok: bool) -> None:
                if not ok:
                    failed.append(task_id)
                progress.advance(track, status=f"{len(failed)} failed" if failed else "")

            report = run(user_errata, errata.parent if errata else None,
                         SelfTestProgress(on_start=lambda total: progress.set_total(track, total), on_checked=checked),
                         _AuditTrack(progress) if audit else None)
    except TaskFormatError as problem:
        err.print(f"[red]error:[/red] {escape(str(problem))}")
        raise typer.Exit(2) from None
    _show_report(report, as_json)


@import_app.command("v1-samples")
def v1_samples(
    samples: Annotated[Path, typer.Argument(exists=True, dir_okay=False,
                                            help="VerilogEval v1 samples: JSONL {task_id, completion}")],
    suite: Annotated[str, typer.Option(help="the imported v1 suite (verilog-eval-v1-human or -machine)")],
    output: Annotated[Path, typer.Option("--output", "-o", help="the replay file to write")],
) -> None:
    """Turn VerilogEval v1 samples (module bodies continuing the prompt) into a replay file of whole
    modules, to score with `rtlwb bench run --suite SUITE --model replay/OUTPUT`."""
    try:
        records = complete_v1_samples(samples, load_suite(suite).tasks)
    except (TaskFormatError, UnknownTaskError, ModelError, OSError) as problem:
        err.print(f"[red]error:[/red] {escape(str(problem))}")
        raise typer.Exit(2) from None
    output.write_text("".join(json.dumps(record) + "\n" for record in records))
    out.print(f"{len(records)} completions written to {escape(str(output))}")


class _AuditTrack(AuditProgress):
    """The audit on import as one track: mutants scored, with the survivors and gaps so far."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.track = progress.add("testbench audit: mutants scored", 0)
        self.total = self.survived = self.gaps = 0

    def planned(self, task_id: str, mutants: int) -> None:
        self.total += mutants
        self.progress.set_total(self.track, self.total)

    def scored(self, task_id: str, mutants: int, survived: int) -> None:
        self.survived += survived
        self.progress.advance(self.track, mutants, status=f"{self.survived} survived, {self.gaps} gaps")

    def classified(self, task_id: str, survivor: Survivor) -> None:
        self.gaps += survivor.counts
        self.progress.advance(self.track, 0, status=f"{self.survived} survived, {self.gaps} gaps")


def _user_errata(path: Path | None) -> list[Erratum]:
    return [e.model_copy(update={"source": "user"}) for e in load_errata(path)] if path else []


def _erratum_record(erratum: Erratum) -> dict:
    """An erratum in the JSON of every command: its task is the ``task_id``."""
    record = erratum.record()
    return {"task_id": record.pop("task"), **record}


def _outcome_record(outcome: SpecificationOutcome) -> dict:
    """A Chrysalis specification's outcome; the bug task it became is its ``task_id``."""
    record = asdict(outcome)
    return {"task_id": record.pop("bug_id"), **record}


def _show_report(report: ImportReport, as_json: bool) -> None:
    if as_json:
        print(json.dumps({"suite": report.suite, "folder": str(report.folder), "tasks": report.tasks,
                          "simulators": report.simulators, "golden_pass": report.golden_pass,
                          "stub_fail": report.stub_fail, "excluded": report.excluded,
                          "skipped": [asdict(s) for s in report.skipped],
                          "audit": report.audit.model_dump() if report.audit else None,
                          "errata": [_erratum_record(e) for e in report.errata]}, indent=2))
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
    if report.audit is not None:
        out.print(_audit_line(report.audit))


def _audit_line(figures: AuditFigures) -> str:
    drawn = f"{figures.sample} mutants per task, seed {figures.seed}" if figures.sample else "all mutants"
    rate = "-" if figures.kill_rate is None else f"{figures.kill_rate:.1%}"
    gaps = figures.different + figures.undecided
    skipped = ", ".join(f"{count} {why.replace('_', ' ')}" for why, count in figures.not_audited.items())
    return (f"testbench audit ({drawn}): {figures.tasks} tasks audited" + (f" (not: {skipped})" if skipped else "")
            + f", {figures.mutants} mutants: {figures.killed} killed, {figures.equivalent} equivalent, "
              f"{figures.x_only} X-only, {figures.different} different, {figures.undecided} undecided; kill rate "
              f"{rate}; {figures.weak_tasks} tasks under {figures.weak_below:.0%}; {gaps} testbench-gap notes in "
              "errata.toml")
