"""The curation stages run against a workspace: each reads the records from the store, writes its
findings back as it goes and logs its parameters and counts for the dataset card."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field

from workbench.curation.decontaminate import benchmark_corpus, find_contamination
from workbench.curation.dedup import find_duplicates
from workbench.curation.describe import describe_records, failed_by_model
from workbench.curation.ingest import IngestOptions, IngestReport, ingest
from workbench.curation.record import Contamination, Description, Verification
from workbench.curation.selection import Filters, select
from workbench.curation.store import DatasetStore
from workbench.curation.verify import VERIFIER_VERSION, verify_records


def run_ingest(store: DatasetStore, sources: Sequence[str],
               options: IngestOptions = IngestOptions()) -> list[IngestReport]:
    """Ingest each source; raises ``IngestError`` for a source that cannot be read at all, after
    the sources before it are stored."""
    reports = []
    for source in sources:
        report = ingest(source, options)
        new = store.add_records(report.records)
        store.add_rejections(report.rejections)
        store.log_stage("ingest", {"source": source, "max_bytes": options.max_bytes},
                        {"files": report.files, "records": len(report.records), "new records": new,
                         "rejected": len(report.rejections), "ignored files": report.ignored})
        reports.append(report)
    return reports


@dataclass
class VerifyRun:
    checked: int = 0
    verified: int = 0
    already_done: int = 0
    reasons: Counter = field(default_factory=Counter)  # check that failed -> records


def run_verify(store: DatasetStore, options, on_result: Callable[[Verification], None] | None = None,
               on_start: Callable[[int], None] | None = None) -> VerifyRun:
    """Verify every record without a verification by this verifier version; each verdict is
    committed as soon as it is known, so an interrupted run resumes where it stopped."""
    todo = store.unverified(VERIFIER_VERSION)
    run = VerifyRun(already_done=store.count("records") - len(todo))
    if on_start:
        on_start(len(todo))
    for verification in verify_records(todo, options):
        store.save_verification(verification)
        run.checked += 1
        run.verified += verification.verified
        if not verification.verified:
            run.reasons[verification.reason.split(":", 1)[0]] += 1
        if on_result:
            on_result(verification)
    # How many jobs ran changes no finding: it stays out of the log (and the card).
    store.log_stage("verify", {"verifier": VERIFIER_VERSION, **_plain(options, leave_out=("jobs",))},
                    {"checked": run.checked, "verified": run.verified, "resumed past": run.already_done,
                     **{f"failed {check}": n for check, n in run.reasons.items()}})
    return run


def run_dedup(store: DatasetStore, options):
    """Exact and near-duplicate clusters. Records that failed verification take no part (they never
    reach an export, and must not be kept in place of a good copy); verified records come first,
    so a cluster keeps a verified record over one not verified yet."""
    verifications = store.verifications()
    candidates = [record for record in store.records()
                  if record.id not in verifications or verifications[record.id].verified]
    candidates.sort(key=lambda record: record.id not in verifications)
    duplicates, clusters = find_duplicates(candidates, options)
    store.replace_duplicates(duplicates)
    kinds = Counter(duplicate.kind for duplicate in duplicates)
    store.log_stage("dedup", _plain(options), {"records": len(candidates), "clusters": len(clusters),
                                               "exact duplicates": kinds["exact"], "near duplicates": kinds["near"]})
    return duplicates, clusters


@dataclass
class DecontaminationRun:
    findings: list[Contamination]
    tasks: int
    problems: list[str]  # suites that could not be read


def run_decontaminate(store: DatasetStore, options) -> DecontaminationRun:
    corpus = benchmark_corpus()
    texts, problems = corpus.texts, corpus.problems
    findings = find_contamination(list(store.records()), texts, options)
    store.replace_contamination(findings)
    tasks = len({text.task for text in texts})
    store.log_stage("decontaminate", {**_plain(options), "benchmark tasks": tasks},
                    {"flagged": sum(not f.dropped for f in findings), "dropped": sum(f.dropped for f in findings),
                     "suites skipped": len(problems)})
    return DecontaminationRun(findings, tasks, problems)


def run_describe(store: DatasetStore, model, options, redo: bool = False,
                 on_result: Callable[[Description], None] | None = None) -> Counter:
    """Describe the records an export would keep (not those it leaves out); a record described
    before by the same model is skipped unless ``redo``, or unless the model failed on it then."""
    done = store.descriptions()
    todo = [record for record in select(store, Filters()).kept
            if redo or record.id not in done or done[record.id].model != model.name or failed_by_model(done[record.id])]
    outcome: Counter = Counter()
    for description in describe_records(todo, model, options):
        store.save_description(description)
        outcome["accepted" if description.accepted else "not accepted"] += 1
        if on_result:
            on_result(description)
    store.log_stage("describe", {"model": model.name}, dict(outcome))
    return outcome


def _plain(options, leave_out: tuple[str, ...] = ()) -> dict:
    """An options dataclass as JSON-friendly parameters for the stage log."""
    return {key: _plain_value(value) for key, value in asdict(options).items() if key not in leave_out}


def _plain_value(value):
    if isinstance(value, (int, float, str, bool, type(None))):
        return value
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value)
    return str(value)
