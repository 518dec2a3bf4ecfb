"""Dataset curation: ingest raw hardware code, verify it with real tools, deduplicate, decontaminate
against every installed benchmark, describe it at several grains, and export a Hugging Face dataset.
See docs/datasets.md."""

from workbench.dataset.record import (Check, CheckVerdict, Contamination, Description, Duplicate, Language,
                                      Provenance, Record, Rejection, Verification, record_id)
from workbench.dataset.store import DatasetStore, StageEntry, StoreError

__all__ = [
    "Check", "CheckVerdict", "Contamination", "DatasetStore", "Description", "Duplicate", "Language", "Provenance",
    "Record", "Rejection", "StageEntry", "StoreError", "Verification", "record_id",
]
