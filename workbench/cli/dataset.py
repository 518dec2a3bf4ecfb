"""``rtlwb dataset ...``: ingest, verify, dedup, decontaminate, describe, export and stats over one
workspace folder (a SQLite database that every stage reads and writes)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Literal, cast

import typer
from rich.markup import escape
from rich.table import Table

from workbench.cli._common import JsonOption, QuietOption, err, out
from workbench.cli._progress import Progress
from workbench.curation.decontaminate import DecontaminationOptions
from workbench.curation.dedup import DedupOptions
from workbench.curation.describe import NO_MODEL_MESSAGE, DescribeOptions
from workbench.curation.export import FORMATS, ExportOptions, export
from workbench.curation.ingest import MAX_FILE_BYTES, IngestOptions
from workbench.curation.record import Contamination
from workbench.curation.selection import Filters, statistics
from workbench.curation.stages import run_decontaminate, run_dedup, run_describe, run_ingest, run_verify
from workbench.curation.store import DatasetStore
from workbench.curation.verify import CHECKS, VerifyOptions
from workbench.model import get_model
from workbench.sandbox import isolation

dataset_app = typer.Typer(help="Curate hardware code into a verified Hugging Face dataset.", no_args_is_help=True)

Workspace = Annotated[Path, typer.Option("--workspace", "-w", help="the curation workspace folder")]
DEFAULT_WORKSPACE = Path("rtlwb-dataset")


@dataset_app.command("ingest")
def ingest_command(
    sources: Annotated[list[str], typer.Argument(help="folders of .v/.sv/.scala, .jsonl/.json/.parquet files, "
                                                 "save_to_disk folders, or hf:NAME (options: SOURCE:code=COL,"
                                                 "description=COL,split=NAME)")],
    workspace: Workspace = DEFAULT_WORKSPACE,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="larger files are rejected")] = MAX_FILE_BYTES,
    license_: Annotated[str | None, typer.Option(
        "--license", help="the sources' license when they do not state it")] = None,
    as_json: JsonOption = False,
) -> None:
    """Split sources into module records (with their dependencies) and record their provenance."""
    with DatasetStore(workspace, create=True) as store:
        reports = run_ingest(store, sources, IngestOptions(max_bytes=max_bytes, license=license_))
        total = store.count("records")
    if as_json:
        print(json.dumps({"workspace": str(workspace), "records": total, "sources": [
            {"source": r.source, "files": r.files, "records": len(r.records), "rejected": len(r.rejections),
             "task_folders_skipped": r.tasks_skipped, "rejections": [x.model_dump() for x in r.rejections]}
            for r in reports]}, indent=2))
        return
    table = Table("source", "files", "records", "rejected", "ignored files", "task folders skipped")
    for report in reports:
        table.add_row(escape(report.source), str(report.files), str(len(report.records)), str(len(report.rejections)),
                      str(report.ignored), str(report.tasks_skipped))
    out.print(table)
    for report in reports:
        for rejection in report.rejections[:20]:
            out.print(f"  rejected {escape(rejection.path)}: {escape(rejection.reason)}")
        if len(report.rejections) > 20:
            out.print(f"  ... and {len(report.rejections) - 20} more (`rtlwb dataset stats`, or --json)")
    out.print(f"{workspace}: {total} records")


def _fraction(value: float) -> float:
    if not 0 < value <= 1:
        raise typer.BadParameter(f"{value} is not a fraction in (0, 1]")
    return value


@dataset_app.command("verify")
def verify_command(
    workspace: Workspace = DEFAULT_WORKSPACE,
    checks: Annotated[str | None, typer.Option("--checks", help="comma-separated subset of parse,lint,compile,"
                                               "synth,simulate")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1)] = os.cpu_count() or 2,
    timeout: Annotated[float, typer.Option("--timeout", min=1.0, help="seconds per tool run")] = 60.0,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Parse, lint, compile, synthesize and (with a testbench or reference) simulate every record not
    yet verified; resumable."""
    isolation()

    chosen = tuple(c.strip() for c in checks.split(",")) if checks else CHECKS
    unknown = [c for c in chosen if c not in CHECKS]
    if unknown:
        raise typer.BadParameter(f"unknown check {', '.join(unknown)} (known: {', '.join(CHECKS)})",
                                 param_hint="--checks")
    if not {"parse", "compile"} <= set(chosen):  # what "verified" promises: the code compiles
        raise typer.BadParameter("a record is verified when it parses and compiles: include parse and compile "
                                 "(lint, synth and simulate are optional)", param_hint="--checks")
    with DatasetStore(workspace) as store:
        options = VerifyOptions(checks=chosen, jobs=jobs, timeout_s=timeout)
        with Progress(enabled=not quiet) as progress:
            track = progress.add("verifying")
            run = run_verify(store, options, on_result=lambda _: progress.advance(track),
                             on_start=lambda total: progress.set_total(track, total))
    summary = {"checked": run.checked, "verified": run.verified, "already verified before": run.already_done,
               "failed, by check": dict(run.reasons)}
    if as_json:
        print(json.dumps(summary, indent=2))
    else:
        out.print(f"checked {run.checked} records ({run.already_done} done before): {run.verified} verified"
                  + "".join(f", {n} failed {check}" for check, n in run.reasons.most_common()))


@dataset_app.command("dedup")
def dedup_command(
    workspace: Workspace = DEFAULT_WORKSPACE,
    threshold: Annotated[float, typer.Option(callback=_fraction, help="near duplicate at this estimated Jaccard "
                                             "similarity")] = 0.85,
    shingle: Annotated[int, typer.Option(min=1, help="tokens per shingle")] = 5,
    permutations: Annotated[int, typer.Option(min=1, help="MinHash permutations")] = 128,
    show: Annotated[int, typer.Option(min=0, help="clusters to list")] = 10,
    as_json: JsonOption = False,
) -> None:
    """Exact (normalized text) and near (MinHash/LSH) duplicates; keeps one record per cluster."""
    with DatasetStore(workspace) as store:
        duplicates, clusters = run_dedup(store, DedupOptions(threshold=threshold, shingle=shingle,
                                                             permutations=permutations))
        tops = _labels(store)
    if as_json:
        print(json.dumps({"duplicates": len(duplicates), "clusters": [
            {"kept": c.kept, "kind": c.kind, "members": list(c.members)} for c in clusters]}, indent=2))
        return
    out.print(f"{len(clusters)} clusters, {len(duplicates)} duplicates left out of exports")
    for cluster in sorted(clusters, key=lambda c: -len(c.members))[:show]:
        others = [tops[m] for m in cluster.members if m != cluster.kept]
        out.print(f"  {cluster.kind}: kept {escape(tops[cluster.kept])}; "
                  f"drops {escape(', '.join(others[:4]))}{' ...' if len(others) > 4 else ''}")


@dataset_app.command("decontaminate")
def decontaminate_command(
    workspace: Workspace = DEFAULT_WORKSPACE,
    n: Annotated[int, typer.Option("-n", min=1, help="tokens per n-gram")] = 10,
    threshold: Annotated[float, typer.Option(callback=_fraction, help="flag at this fraction of a record's "
                                             "n-grams in one task")] = 0.3,
    min_run: Annotated[int, typer.Option("--min-run", min=1, help="flag a run of this many tokens shared with "
                                         "a task")] = 50,
    action: Annotated[str, typer.Option(help="flag (keep, and name the task in the row) or drop")] = "flag",
    as_json: JsonOption = False,
) -> None:
    """N-gram overlap against every installed benchmark suite (ours and imported)."""
    if action not in ("flag", "drop"):
        raise typer.BadParameter("flag or drop", param_hint="--action")
    options = DecontaminationOptions(n=n, threshold=threshold, min_run=min_run,
                                     action=cast(Literal["flag", "drop"], action))  # checked just above
    with DatasetStore(workspace) as store:
        run = run_decontaminate(store, options)
        tops = _labels(store)
    if as_json:
        print(json.dumps({"benchmark_tasks": run.tasks, "suites_skipped": run.problems,
                          "findings": [_finding_record(f) for f in run.findings]}, indent=2))
        return
    for problem in run.problems:
        err.print(f"[yellow]warning:[/yellow] {escape(problem)}")
    verb = "dropped" if action == "drop" else "flagged"
    out.print(f"compared with {run.tasks} benchmark tasks: {len(run.findings)} records {verb}")
    for finding in sorted(run.findings, key=lambda f: -f.overlap)[:20]:
        out.print(f"  {escape(tops[finding.record_id])} ~ {escape(finding.task)}: {finding.overlap:.0%} of its "
                  f"n-grams, longest shared run {finding.longest} tokens")


@dataset_app.command("describe")
def describe_command(
    workspace: Workspace = DEFAULT_WORKSPACE,
    model: Annotated[str | None, typer.Option(
        "--model", "-m", help="a chat model: openai/M, vllm/M, ollama/M, llamacpp/M, openai-compatible/M, "
                              "anthropic/M (default: $RTLWB_MODEL)")] = None,
    base_url: Annotated[str | None, typer.Option("--base-url", help="OpenAI-compatible server URL")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="concurrent model requests")] = 4,
    redo: Annotated[bool, typer.Option("--redo", help="describe again records this model described before")] = False,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Summary, detailed description and block comments for each kept record, by a model; each is
    checked (every port named, code unchanged by the comments)."""
    DatasetStore(workspace).close()  # a wrong workspace is named before the model is looked at
    spec = model or os.environ.get("RTLWB_MODEL")
    if not spec:
        err.print(f"[yellow]describe skipped:[/yellow] {escape(NO_MODEL_MESSAGE)}")
        if as_json:
            print(json.dumps({"skipped": NO_MODEL_MESSAGE}))
        return
    if spec in ("reference", "retrieval") or spec.startswith("replay/"):
        raise typer.BadParameter(f"{spec} answers benchmark tasks; describing needs a chat model", param_hint="--model")
    chat_model = get_model(spec, base_url)
    with DatasetStore(workspace) as store, Progress(enabled=not quiet) as progress:
        track = progress.add("describing")
        outcome = run_describe(store, chat_model, DescribeOptions(jobs=jobs), redo=redo,
                               on_result=lambda _: progress.advance(track))
    if as_json:
        print(json.dumps(dict(outcome), indent=2))
    else:
        out.print(f"described with {escape(spec)}: {outcome['accepted']} accepted, "
                  f"{outcome['not accepted']} not accepted")


@dataset_app.command("export")
def export_command(
    out_folder: Annotated[Path, typer.Option("--out", "-o", help="the dataset folder")],
    workspace: Workspace = DEFAULT_WORKSPACE,
    name: Annotated[str, typer.Option(help="the dataset's name in its card")] = "rtl-dataset",
    about: Annotated[str, typer.Option(help="TEXT or @FILE: your introduction for the card")] = "",
    formats: Annotated[list[str] | None, typer.Option(
        "--format", help="disk (save_to_disk, in DIR/disk), parquet, jsonl (repeatable; default all)")] = None,
    license_: Annotated[str, typer.Option(
        "--license", help="the dataset's license for its card: a Hugging Face Hub identifier or SPDX id "
                          "(mit, Apache-2.0, cc-by-4.0, ...), or other")] = "other",
    include_unverified: Annotated[bool, typer.Option("--include-unverified")] = False,
    include_duplicates: Annotated[bool, typer.Option("--include-duplicates")] = False,
    push_to_hub: Annotated[str | None, typer.Option("--push-to-hub", help="also upload to this Hub repository")] = None,
    as_json: JsonOption = False,
) -> None:
    """Write the kept records as a Hugging Face dataset with its card (README.md)."""
    chosen = tuple(formats or FORMATS)
    if about.startswith("@"):
        about = Path(about[1:]).read_text()
    options = ExportOptions(name=name, about=about, formats=chosen, license=license_, push_to_hub=push_to_hub,
                            filters=Filters(include_unverified=include_unverified,
                                            include_duplicates=include_duplicates))
    with DatasetStore(workspace) as store:
        result = export(store, out_folder, options)
    if as_json:
        print(json.dumps({"folder": str(result.folder), "rows": result.rows, "files": [str(f) for f in result.files]}))
    else:
        out.print(f"{result.rows} records written to {out_folder} "
                  f"({', '.join(chosen)}; card: {out_folder / 'README.md'})")


@dataset_app.command("stats")
def stats_command(workspace: Workspace = DEFAULT_WORKSPACE, as_json: JsonOption = False) -> None:
    """Counts per stage, language, size and verdict."""
    with DatasetStore(workspace) as store:
        stats = statistics(store)
    if as_json:
        print(json.dumps(stats, indent=2))
        return
    for title, counts in stats.items():
        if not counts:
            continue
        table = Table(title, "records", title_justify="left")
        for key, value in counts.items():
            table.add_row(escape(str(key)), str(value))
        out.print(table)


def _labels(store: DatasetStore) -> dict[str, str]:
    """Record id -> how a person recognizes it: the module and where it came from."""
    return {record.id: f"{record.top} ({record.provenance.path})" for record in store.records()}


def _finding_record(finding: Contamination) -> dict:
    """A finding in the JSON of every command: the task it is near as ``suite`` and ``task_id``."""
    suite, _, task_id = finding.task.partition("/")
    return {"record_id": finding.record_id, "suite": suite, "task_id": task_id,
            **finding.model_dump(exclude={"record_id", "task"})}

