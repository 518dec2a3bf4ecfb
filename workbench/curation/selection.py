"""Which records a dataset keeps, and the counts at each stage: one rule for `export` and `stats`."""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field

from workbench.curation.record import Record
from workbench.curation.store import DatasetStore

# Size buckets of a record's code, in bytes: small blocks, modules, subsystems, generated giants.
SIZE_BUCKETS = ((1_000, "<1 kB"), (4_000, "1-4 kB"), (16_000, "4-16 kB"), (64_000, "16-64 kB"))
LARGEST_BUCKET = ">=64 kB"


@dataclass(frozen=True)
class Filters:
    """What export leaves out. By default: records not verified, duplicates, and records the
    decontaminate stage dropped (flagged ones stay, with their finding in the row)."""

    include_unverified: bool = False
    include_duplicates: bool = False


@dataclass
class Selection:
    kept: list[Record] = field(default_factory=list)
    left_out: Counter = field(default_factory=Counter)  # reason -> records


@dataclass(frozen=True)
class Findings:
    """The records and every stage's findings, read from the workspace once for a selection, its
    statistics and the rows and card of an export."""

    records: list[Record]
    rejections: list
    verifications: dict
    duplicates: dict
    contamination: dict
    descriptions: dict

    @classmethod
    def load(cls, store: DatasetStore) -> Findings:
        return cls(list(store.records()), store.rejections(), store.verifications(), store.duplicates(),
                   store.contamination(), store.descriptions())

    @functools.cached_property
    def copies_left_out(self) -> Counter:
        """Kept record id -> how many of its duplicates are left out."""
        return Counter(duplicate.kept for duplicate in self.duplicates.values())


def select(store: DatasetStore, filters: Filters = Filters(), findings: Findings | None = None) -> Selection:
    findings = findings or Findings.load(store)
    selection = Selection()
    for record in findings.records:
        reason = _left_out_because(record, findings, filters)
        if reason:
            selection.left_out[reason] += 1
        else:
            selection.kept.append(record)
    return selection


def _left_out_because(record: Record, findings: Findings, filters: Filters) -> str | None:
    verification = findings.verifications.get(record.id)
    if not filters.include_unverified:
        if verification is None:
            return "not verified yet"
        if not verification.verified:
            return "failed verification"
    if record.id in findings.duplicates and not filters.include_duplicates:
        return f"{findings.duplicates[record.id].kind} duplicate"
    finding = findings.contamination.get(record.id)
    if finding is not None and finding.dropped:
        return "too close to a benchmark task"
    return None


def size_bucket(record: Record) -> str:
    size = len(record.code.encode())
    return next((label for limit, label in SIZE_BUCKETS if size < limit), LARGEST_BUCKET)


def statistics(store: DatasetStore, filters: Filters = Filters(), findings: Findings | None = None) -> dict:
    """Counts per stage, language, size bucket and verdict (``rtlwb dataset stats``)."""
    findings = findings or Findings.load(store)
    records, verifications, contamination = findings.records, findings.verifications, findings.contamination
    selection = select(store, filters, findings)
    verdicts: Counter = Counter()
    for record in records:
        verification = verifications.get(record.id)
        if verification is None:
            verdicts["not verified yet"] += 1
        elif verification.verified:
            verdicts["verified"] += 1
        else:
            verdicts[f"failed: {verification.reason.split(':', 1)[0]}"] += 1
    return {
        "stages": {
            "ingested": len(records),
            "rejected at ingest": len(findings.rejections),
            "verified": verdicts["verified"],
            "failed verification": sum(n for verdict, n in verdicts.items() if verdict.startswith("failed")),
            "duplicates": len(findings.duplicates),
            "near benchmark tasks (flagged)": sum(1 for c in contamination.values() if not c.dropped),
            "near benchmark tasks (dropped)": sum(1 for c in contamination.values() if c.dropped),
            "described (accepted)": sum(1 for d in findings.descriptions.values() if d.accepted),
            "kept for export": len(selection.kept),
        },
        "languages": dict(Counter(record.language.value for record in records)),
        "sizes": dict(Counter(size_bucket(record) for record in records)),
        "verdicts": dict(verdicts),
        "left_out": dict(selection.left_out),
        "rejections": dict(Counter(_reason_kind(r.reason) for r in findings.rejections)),
    }


def _reason_kind(reason: str) -> str:
    """A rejection's reason without the figures that make every one distinct."""
    if "over the" in reason:
        return "over the size limit"
    return reason.split(" (")[0]
