"""Dataset curation: ingest raw hardware code, verify it with real tools, deduplicate, decontaminate
against every installed benchmark, describe it at several grains, and export a Hugging Face dataset.
Each stage reads and writes one workspace (:class:`DatasetStore`). See docs/datasets.md."""

from workbench.curation.decontaminate import (
    BenchmarkCorpus,
    BenchmarkText,
    DecontaminationOptions,
    benchmark_corpus,
    find_contamination,
)
from workbench.curation.dedup import Cluster, DedupOptions, find_duplicates, normalize
from workbench.curation.describe import DescribeOptions, check_description, describe_record, describe_records
from workbench.curation.export import ExportError, ExportOptions, ExportResult, dataset_card, export, hub_license
from workbench.curation.ingest import IngestError, IngestOptions, IngestReport, ingest
from workbench.curation.record import (
    CheckResult,
    CheckVerdict,
    Contamination,
    Description,
    Duplicate,
    Language,
    Provenance,
    Record,
    Rejection,
    Verification,
    record_id,
)
from workbench.curation.selection import Filters, select, statistics
from workbench.curation.stages import run_decontaminate, run_dedup, run_describe, run_ingest, run_verify
from workbench.curation.store import DatasetStore, StageEntry, StoreError
from workbench.curation.verify import CHECKS, VERIFIER_VERSION, VerifyOptions, verify_record, verify_records

__all__ = [
    "CHECKS", "VERIFIER_VERSION", "BenchmarkCorpus", "BenchmarkText", "CheckResult", "CheckVerdict", "Cluster",
    "Contamination", "DatasetStore", "DecontaminationOptions", "DedupOptions", "Description", "DescribeOptions",
    "Duplicate", "ExportError", "ExportOptions", "ExportResult", "Filters", "IngestError", "IngestOptions",
    "IngestReport", "Language", "Provenance", "Record", "Rejection", "StageEntry", "StoreError", "Verification",
    "VerifyOptions", "benchmark_corpus", "check_description", "dataset_card", "describe_record", "describe_records",
    "export", "find_contamination", "find_duplicates", "hub_license", "ingest", "normalize", "record_id",
    "run_decontaminate", "run_dedup", "run_describe", "run_ingest", "run_verify", "select", "statistics",
    "verify_record", "verify_records",
]
