"""Export: the kept records as a Hugging Face dataset (``save_to_disk``, Parquet, JSON Lines) with a
dataset card that lists the sources, the filters applied and the counts at each stage.

The folder loads both ways: ``datasets.load_dataset(DIR)`` reads the data file the card's
``configs`` names (Parquet, else JSON Lines, else the Arrow file), typed by the card's features;
``datasets.load_from_disk(DIR/disk)`` reads the ``save_to_disk`` copy, which has a folder of its
own because ``load_dataset`` refuses a folder with ``save_to_disk``'s files at its root."""

from __future__ import annotations

import difflib
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
DISK_FOLDER = "disk"
# Each format's file, as the card's `configs` names it for load_dataset, in order of preference
# (Parquet and Arrow keep the column types themselves; JSON Lines gets them from the card).
DATA_FILES = {"parquet": "data.parquet", "jsonl": "data.jsonl", "disk": f"{DISK_FOLDER}/data-*.arrow"}
HUB_DATA_FILES = "data/train-*"  # where Dataset.push_to_hub writes the Parquet shards
# The verify stage's checks (elaborate: Chisel records only), a fixed set of columns.
CHECK_NAMES = ("parse", "elaborate", "lint", "compile", "synth", "simulate")
CARD_NAME = "README.md"
_EXPORT_MARKER = "rtlwb-export.json"


class ExportError(WorkbenchError, RuntimeError):
    """The dataset cannot be written (a foreign folder in the way, datasets missing, hub refused)."""


def _loaded_file(formats: tuple[str, ...]) -> str:
    """The file of ``formats`` that load_dataset reads: the first written, in DATA_FILES' order."""
    unknown = [name for name in formats if name not in FORMATS]
    if unknown or not formats:
        given = ", ".join(unknown) or "(none given)"
        raise ExportError(f"--format: unknown format {given} (known: {', '.join(FORMATS)})")
    return next(path for name, path in DATA_FILES.items() if name in formats)


# The license identifiers the Hugging Face Hub accepts in a card (huggingface.co/docs/hub/repositories-licenses).
HUB_LICENSES = frozenset({
    "apache-2.0", "mit", "openrail", "bigscience-openrail-m", "creativeml-openrail-m", "bigscience-bloom-rail-1.0",
    "bigcode-openrail-m", "afl-3.0", "artistic-2.0", "bsl-1.0", "bsd", "bsd-2-clause", "bsd-3-clause",
    "bsd-3-clause-clear", "c-uda", "cc", "cc0-1.0", "cc-by-2.0", "cc-by-2.5", "cc-by-3.0", "cc-by-4.0",
    "cc-by-sa-3.0", "cc-by-sa-4.0", "cc-by-nc-2.0", "cc-by-nc-3.0", "cc-by-nc-4.0", "cc-by-nd-4.0",
    "cc-by-nc-nd-3.0", "cc-by-nc-nd-4.0", "cc-by-nc-sa-2.0", "cc-by-nc-sa-3.0", "cc-by-nc-sa-4.0",
    "cdla-sharing-1.0", "cdla-permissive-1.0", "cdla-permissive-2.0", "wtfpl", "ecl-2.0", "epl-1.0", "epl-2.0",
    "etalab-2.0", "eupl-1.1", "agpl-3.0", "gfdl", "gpl", "gpl-2.0", "gpl-3.0", "lgpl", "lgpl-2.1", "lgpl-3.0",
    "isc", "lppl-1.3c", "ms-pl", "mpl-2.0", "odc-by", "odbl", "openrail++", "osl-3.0", "postgresql", "ofl-1.1",
    "ncsa", "unlicense", "zlib", "pddl", "lgpl-lr", "deepfloyd-if-license", "llama2", "gemma", "unknown", "other",
})
# SPDX ids whose Hub identifier is not their lower-cased form (after -only/-or-later are dropped).
_SPDX_TO_HUB = {"odbl-1.0": "odbl", "odc-by-1.0": "odc-by", "pddl-1.0": "pddl", "gfdl-1.1": "gfdl",
                "gfdl-1.2": "gfdl", "gfdl-1.3": "gfdl"}


def hub_license(name: str) -> str:
    """The Hub's identifier for the license ``name``: a Hub identifier in any case (``MIT``), or the
    SPDX id of a license the Hub lists (``Apache-2.0``; ``GPL-3.0-only`` and ``GPL-3.0-or-later``
    are ``gpl-3.0``, the Hub has no "or later" ids; ``ODbL-1.0`` is ``odbl``)."""
    key = name.strip().lower().removesuffix("-only").removesuffix("-or-later")
    key = _SPDX_TO_HUB.get(key, key)
    if key in HUB_LICENSES:
        return key
    close = difflib.get_close_matches(key, sorted(HUB_LICENSES), n=3, cutoff=0.7)
    hint = f" (did you mean {' or '.join(close)}?)" if close else ""
    raise ExportError(f"--license {name!r}: not a license the Hugging Face Hub knows{hint}; give a Hub "
                      "identifier or SPDX id (huggingface.co/docs/hub/repositories-licenses), or 'other'")


@dataclass(frozen=True)
class ExportOptions:
    name: str = "rtl-dataset"
    about: str = ""  # the curator's own words for the card: what the data is, what it is for
    formats: tuple[str, ...] = FORMATS
    license: str = "other"  # the dataset's license: a Hub identifier or an SPDX id (see hub_license)
    filters: Filters = Filters()
    push_to_hub: str | None = None  # a repository id; needs network and a token

    def __post_init__(self) -> None:
        """Bad options fail here, before a workspace is opened or an earlier export replaced."""
        hub_license(self.license)
        _loaded_file(self.formats)


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
        dataset.save_to_disk(str(out / DISK_FOLDER))
        files.append(out / DISK_FOLDER)
    if "parquet" in options.formats:
        dataset.to_parquet(str(out / DATA_FILES["parquet"]))
        files.append(out / DATA_FILES["parquet"])
    if "jsonl" in options.formats:
        dataset.to_json(str(out / DATA_FILES["jsonl"]), lines=True)
        files.append(out / DATA_FILES["jsonl"])
    (out / CARD_NAME).write_text(dataset_card(store, options, len(rows), findings))
    (out / _EXPORT_MARKER).write_text(json.dumps({"rows": len(rows)}) + "\n")
    files.append(out / CARD_NAME)
    store.log_stage("export", {"formats": ", ".join(options.formats), "license": hub_license(options.license),
                               "include_unverified": options.filters.include_unverified,
                               "include_duplicates": options.filters.include_duplicates},
                    {"rows": len(rows), **{f"left out: {k}": v for k, v in selection.left_out.items()}})
    if options.push_to_hub:
        _push(dataset, dataset_card(store, options, len(rows), findings, data_files=HUB_DATA_FILES),
              options.push_to_hub)
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


def _push(dataset, card: str, repository: str) -> None:
    """The Parquet shards as push_to_hub lays them out, then our card (naming those shards) over its own."""
    try:
        dataset.push_to_hub(repository)
        from huggingface_hub import HfApi  # noqa: PLC0415 - comes with datasets, an optional extra

        HfApi().upload_file(path_or_fileobj=card.encode(), path_in_repo=CARD_NAME, repo_id=repository,
                            repo_type="dataset")
    except Exception as problem:  # noqa: BLE001 - the hub client raises many kinds (offline, auth, refused)
        first_line = str(problem).splitlines()[0] if str(problem) else ""
        raise ExportError(f"push to the Hugging Face Hub ({repository}) failed: {type(problem).__name__}: "
                          f"{first_line}; the local export is complete") from None


def dataset_card(store: DatasetStore, options: ExportOptions, rows: int, findings: Findings | None = None,
                 data_files: str | None = None) -> str:
    """The dataset card (README.md): YAML metadata for the Hub (license, the ``configs`` naming
    ``data_files`` for ``load_dataset``, default: the export's own file; the column types), then
    sources, stages, filters, counts."""
    findings = findings or Findings.load(store)
    stats = statistics(store, options.filters, findings)
    records = findings.records
    by_source = Counter(record.provenance.source for record in records)
    licenses = Counter(record.provenance.license or "unknown" for record in records)
    rejected = Counter(rejection.source for rejection in findings.rejections)
    loaded_file = data_files or _loaded_file(options.formats)
    metadata = _card_metadata(options, rows, loaded_file)
    lines = ["---", metadata.rstrip("\n"), "---", "", f"# {options.name}", "",
             *([options.about.strip(), ""] if options.about.strip() else []),
             f"Hardware designs curated with RTL Workbench (`rtlwb dataset`): {rows} records. Every record is one "
             "module with the modules it instantiates, so it compiles on its own; each was checked with real tools "
             "(pyslang parse, Verilator lint, Icarus compile, Yosys synthesis, and simulation or an equivalence check "
             "where a testbench or reference exists).", "", "## Sources", "",
             "| Source | Records | Rejected at ingest |", "|---|---|---|"]
    lines += [f"| `{source}` | {count} | {rejected.get(source, 0)} |" for source, count in sorted(by_source.items())]
    license_counts = ", ".join(f"{name} ({n})" for name, n in licenses.most_common())
    lines += ["", "Licenses as the sources state them: " + license_counts, "", "## Loading", "",
              f"`datasets.load_dataset(FOLDER)` (or the Hub repository) reads `{loaded_file}`, as `configs` above "
              "says, with the column types of `dataset_info`."
              + (f" `datasets.load_from_disk(FOLDER/{DISK_FOLDER})` reads the `save_to_disk` copy."
                 if data_files is None and "disk" in options.formats else ""),
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


def _card_metadata(options: ExportOptions, rows: int, data_files: str) -> str:
    """The card's YAML header: what the Hub shows, and what load_dataset reads (configs, features)."""
    datasets = _datasets()
    from huggingface_hub import DatasetCardData  # noqa: PLC0415 - comes with datasets, an optional extra

    metadata = DatasetCardData(
        pretty_name=options.name, license=hub_license(options.license), language=["en"],
        tags=["verilog", "systemverilog", "hardware", "rtl"], task_categories=["text-generation"],
        size_categories=[_size_category(rows)],
        configs=[{"config_name": "default", "data_files": [{"split": "train", "path": data_files}]}])
    features = datasets.DatasetInfo(features=_features(datasets))
    datasets.info.DatasetInfosDict({"default": features}).to_dataset_card_data(metadata)
    return metadata.to_yaml()


def _inline(values: dict) -> str:
    return ", ".join(f"{key}: {value}" for key, value in values.items()).replace("|", "\\|") or "-"


def _size_category(rows: int) -> str:
    for limit, label in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M")):
        if rows < limit:
            return label
    return "n>1M"
