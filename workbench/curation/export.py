"""Export: the kept records as a Hugging Face dataset (``save_to_disk``, Parquet, JSON Lines) with a
dataset card that lists the sources, the filters applied and the counts at each stage."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from workbench.curation.record import Record
from workbench.curation.selection import Filters, Findings, select, statistics
from workbench.curation.store import DatasetStore
from workbench.errors import WorkbenchError

FORMATS = ("disk", "parquet", "jsonl")
# The verify stage's checks (elaborate: Chisel records only), a fixed set of columns.
CHECK_NAMES = ("parse", "elaborate", "lint", "compile", "synth", "simulate")
CARD_NAME = "README.md"
_EXPORT_MARKER = "rtlwb-export.json"


class ExportError(WorkbenchError, RuntimeError):
    """The dataset cannot be written (a foreign folder in the way, datasets missing, hub refused)."""


@dataclass(frozen=True)
class ExportOptions:
    name: str = "rtl-dataset"
    about: str = ""  # the curator's own words for the card: what the data is, what it is for
    formats: tuple[str, ...] = FORMATS
    filters: Filters = Filters()
    push_to_hub: str | None = None  # a repository id; needs network and a token


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    rows: int
    files: list[Path]


def export(store: DatasetStore, out: Path, options: ExportOptions = ExportOptions()) -> ExportResult:
    datasets = _datasets()
    findings = Findings.load(store)
    selection = select(store, options.filters, findings)
    if not selection.kept:
        raise ExportError(f"{store.folder}: no record is left to export ({_left_out_text(selection.left_out)}); "
                          "run `rtlwb dataset verify` first, or export with --include-unverified")
    _prepare(out)
    rows = [_row(record, findings) for record in selection.kept]
    datasets.disable_progress_bars()
    dataset = datasets.Dataset.from_list(rows, features=_features(datasets))
    files = []
    if "disk" in options.formats:
        dataset.save_to_disk(str(out))
        files.append(out / "state.json")
    if "parquet" in options.formats:
        dataset.to_parquet(str(out / "data.parquet"))
        files.append(out / "data.parquet")
    if "jsonl" in options.formats:
        dataset.to_json(str(out / "data.jsonl"), lines=True)
        files.append(out / "data.jsonl")
    (out / CARD_NAME).write_text(dataset_card(store, options, len(rows), findings))
    (out / _EXPORT_MARKER).write_text(json.dumps({"rows": len(rows)}) + "\n")
    files.append(out / CARD_NAME)
    store.log_stage("export", {"formats": ", ".join(options.formats),
                               "include_unverified": options.filters.include_unverified,
                               "include_duplicates": options.filters.include_duplicates},
                    {"rows": len(rows), **{f"left out: {k}": v for k, v in selection.left_out.items()}})
    if options.push_to_hub:
        _push(dataset, out / CARD_NAME, options.push_to_hub)
    return ExportResult(out, len(rows), files)


def _datasets():
    try:
        import datasets  # noqa: PLC0415 - the optional extra rtl-workbench[datasets]
    except ImportError:
        raise ExportError("exporting needs the datasets package: pip install 'rtl-workbench[datasets]'") from None
    return datasets


def _prepare(out: Path) -> None:
    """An empty folder, or one of our earlier exports (replaced); never someone else's files."""
    if out.exists() and any(out.iterdir()):
        if not (out / _EXPORT_MARKER).is_file():
            raise ExportError(f"{out}: folder is not empty and holds no earlier export; choose another --out")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


def _row(record: Record, findings: Findings) -> dict:
    """A record and what each stage learned about it."""
    verification = findings.verifications.get(record.id)
    description = findings.descriptions.get(record.id)
    accepted = description if description is not None and description.accepted else None
    finding = findings.contamination.get(record.id)
    return {
        "id": record.id, "language": record.language.value, "top": record.top, "code": record.code,
        "dependencies": record.dependencies, "source": record.provenance.source, "path": record.provenance.path,
        "license": record.provenance.license, "description": record.description,
        "summary": accepted.summary if accepted else None,
        "detailed_description": accepted.detailed if accepted else None,
        "commented_code": accepted.commented_code if accepted else None,
        "description_model": accepted.model if accepted else None,
        "testbench": record.testbench,
        "verified": verification.verified if verification else None,
        "checks": {name: verification.checks[name].verdict.value if verification and name in verification.checks
                   else None for name in CHECK_NAMES},
        "lint_warnings": verification.lint_warnings if verification else None,
        "cells": verification.cells if verification else None,
        "depth": verification.depth if verification else None,
        "duplicates_removed": findings.copies_left_out[record.id],
        "nearest_benchmark_task": finding.task if finding else None,
        "benchmark_overlap": finding.overlap if finding else None,
    }


def _features(datasets):
    """The row schema, fixed: a column stays typed even when no exported record has a value in it."""
    text, integer = datasets.Value("string"), datasets.Value("int64")
    columns = {name: text for name in _COLUMNS}
    columns.update({"dependencies": datasets.Sequence(text), "verified": datasets.Value("bool"),
                    "checks": {name: text for name in CHECK_NAMES}, "lint_warnings": integer, "cells": integer,
                    "depth": integer, "duplicates_removed": integer, "benchmark_overlap": datasets.Value("float64")})
    return datasets.Features(columns)


def _left_out_text(left_out: Counter) -> str:
    return ", ".join(f"{n} {reason}" for reason, n in left_out.items()) or "the workspace has no records"


def _push(dataset, card: Path, repository: str) -> None:
    try:
        dataset.push_to_hub(repository)
        from huggingface_hub import HfApi  # noqa: PLC0415 - comes with datasets, an optional extra

        HfApi().upload_file(path_or_fileobj=str(card), path_in_repo=CARD_NAME, repo_id=repository, repo_type="dataset")
    except Exception as problem:  # noqa: BLE001 - the hub client raises many kinds (offline, auth, refused)
        first_line = str(problem).splitlines()[0] if str(problem) else ""
        raise ExportError(f"push to the Hugging Face Hub ({repository}) failed: {type(problem).__name__}: "
                          f"{first_line}; the local export is complete") from None


def dataset_card(store: DatasetStore, options: ExportOptions, rows: int, findings: Findings | None = None) -> str:
    """The dataset card (README.md): YAML metadata for the Hub, then sources, stages, filters, counts."""
    findings = findings or Findings.load(store)
    stats = statistics(store, options.filters, findings)
    records = findings.records
    by_source = Counter(record.provenance.source for record in records)
    licenses = Counter(record.provenance.license or "unknown" for record in records)
    rejected = Counter(rejection.source for rejection in findings.rejections)
    lines = ["---", f"pretty_name: {options.name}", "license: other", "language:", "- en", "tags:", "- verilog",
             "- systemverilog", "- hardware", "- rtl", "task_categories:", "- text-generation", "size_categories:",
             f"- {_size_category(rows)}", "---", "", f"# {options.name}", "",
             *([options.about.strip(), ""] if options.about.strip() else []),
             f"Hardware designs curated with RTL Workbench (`rtlwb dataset`): {rows} records. Every record is one "
             "module with the modules it instantiates, so it compiles on its own; each was checked with real tools "
             "(pyslang parse, Verilator lint, Icarus compile, Yosys synthesis, and simulation or an equivalence check "
             "where a testbench or reference exists).", "", "## Sources", "",
             "| Source | Records | Rejected at ingest |", "|---|---|---|"]
    lines += [f"| `{source}` | {count} | {rejected.get(source, 0)} |" for source, count in sorted(by_source.items())]
    license_counts = ", ".join(f"{name} ({n})" for name, n in licenses.most_common())
    lines += ["", "Licenses as the sources state them: " + license_counts,
              "", "## Stages", "", "| Stage | Parameters | Counts |", "|---|---|---|"]
    lines += [f"| {entry.name} | {_inline(entry.parameters)} | {_inline(entry.counts)} |"
              for entry in store.stage_log()]
    lines += ["", "## Counts", "", "| | Records |", "|---|---|"]
    lines += [f"| {stage} | {count} |" for stage, count in stats["stages"].items()]
    lines += ["", "## Filters applied", ""]
    lines += [f"- left out, {reason}: {count}" for reason, count in stats["left_out"].items()] or ["- none"]
    lines += ["", "Records flagged as close to a benchmark task stay in the dataset unless the decontaminate "
              "stage dropped them; their row names the task (`nearest_benchmark_task`, `benchmark_overlap`).", "",
              "## Columns", "", *(f"- `{name}`: {text}" for name, text in _COLUMNS.items()), ""]
    return "\n".join(lines)


_COLUMNS = {
    "id": "stable record id (hash of provenance and code)", "language": "verilog, systemverilog or chisel",
    "top": "the module the record is about", "code": "the module, after the modules it needs",
    "dependencies": "modules of the source included in `code`", "source": "the ingested folder, file or dataset",
    "path": "the file in the source, or the row",
    "license": "as the source states it (SPDX line, LICENSE file, column)",
    "description": "a description shipped with the source", "summary": "one-line description (describe stage)",
    "detailed_description": "behaviour and interface (describe stage; names every port)",
    "commented_code": "the code with block-level comments (describe stage; checked unchanged otherwise)",
    "description_model": "the model that wrote the descriptions",
    "testbench": "a self-checking testbench from the source",
    "verified": "every check that ran passed", "checks": "check -> pass, fail or skipped",
    "lint_warnings": "Verilator -Wall warnings", "cells": "Yosys generic cells after synth -flatten",
    "depth": "longest combinational path, in cells (Yosys ltp -noff)",
    "duplicates_removed": "exact or near copies of this record left out",
    "nearest_benchmark_task": "the benchmark task whose n-grams overlap most, when flagged",
    "benchmark_overlap": "fraction of the record's n-grams found in that task",
}


def _inline(values: dict) -> str:
    return ", ".join(f"{key}: {value}" for key, value in values.items()).replace("|", "\\|") or "-"


def _size_category(rows: int) -> str:
    for limit, label in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")):
        if rows < limit:
            return label
    return "n>1M"
