"""The curation workspace: a real SQLite database, resumable by verifier version."""

from __future__ import annotations

import pytest

from workbench.curation import (
    CheckResult,
    CheckVerdict,
    DatasetStore,
    Duplicate,
    Filters,
    Language,
    Provenance,
    Record,
    Rejection,
    StoreError,
    Verification,
    record_id,
    select,
    statistics,
)


def _record(name: str, size: int = 0) -> Record:
    code = f"module {name}(input a, output y); assign y = a; endmodule\n" + "// pad\n" * size
    provenance = Provenance(source="lib", path=f"{name}.v")
    return Record(id=record_id(provenance, name, code), language=Language.VERILOG, top=name, code=code,
                  provenance=provenance)


def _verified(record: Record, ok: bool, verifier: str = "verify@1") -> Verification:
    check = CheckResult(verdict=CheckVerdict.PASS if ok else CheckVerdict.FAIL, message="" if ok else "line 1: oops")
    return Verification(record_id=record.id, verified=ok, reason="" if ok else "parse: line 1: oops",
                        checks={"parse": check}, verifier=verifier)


def test_records_are_stored_once_and_come_back_in_order(tmp_path):
    records = [_record("a"), _record("b")]
    with DatasetStore(tmp_path / "ws", create=True) as store:
        assert store.add_records(records) == 2
        assert store.add_records(records) == 0
        store.add_rejections([Rejection(source="lib", path="x.v", reason="binary data")] * 2)
    with DatasetStore(tmp_path / "ws") as store:
        assert list(store.records()) == records and store.record(records[1].id) == records[1]
        assert store.rejections() == [Rejection(source="lib", path="x.v", reason="binary data")]


def test_verification_resumes_per_verifier_version(tmp_path):
    a, b = _record("a"), _record("b")
    with DatasetStore(tmp_path / "ws", create=True) as store:
        store.add_records([a, b])
        store.save_verification(_verified(a, True))
        assert [r.top for r in store.unverified("verify@1")] == ["b"]
        assert [r.top for r in store.unverified("verify@2")] == ["a", "b"]  # a new verifier redoes everything


def test_selection_and_statistics_follow_every_stage(tmp_path):
    good, bad, copy, fresh = _record("good"), _record("bad"), _record("copy"), _record("big", size=300)
    with DatasetStore(tmp_path / "ws", create=True) as store:
        store.add_records([good, bad, copy, fresh])
        for record, ok in ((good, True), (bad, False), (copy, True)):
            store.save_verification(_verified(record, ok))
        store.replace_duplicates([Duplicate(record_id=copy.id, kept=good.id, kind="exact", similarity=1.0)])
        assert [r.top for r in select(store).kept] == ["good"]
        assert [r.top for r in select(store, Filters(include_unverified=True, include_duplicates=True)).kept] == [
            "good", "bad", "copy", "big"]
        stats = statistics(store)
    assert stats["left_out"] == {"failed verification": 1, "exact duplicate": 1, "not verified yet": 1}
    assert stats["verdicts"] == {"verified": 2, "failed: parse": 1, "not verified yet": 1}
    assert stats["sizes"] == {"<1 kB": 3, "1-4 kB": 1}


def test_stage_findings_are_replaced_and_the_stage_log_kept(tmp_path):
    a, b = _record("a"), _record("b")
    with DatasetStore(tmp_path / "ws", create=True) as store:
        store.add_records([a, b])
        store.replace_duplicates([Duplicate(record_id=b.id, kept=a.id, kind="near", similarity=0.9)])
        store.replace_duplicates([])
        store.log_stage("dedup", {"threshold": 0.85}, {"clusters": 0})
        assert store.duplicates() == {}
        assert [(e.name, e.parameters, e.counts) for e in store.stage_log()] == [
            ("dedup", {"threshold": 0.85}, {"clusters": 0})]


def test_a_folder_that_is_no_workspace_or_a_damaged_database_is_named(tmp_path):
    with pytest.raises(StoreError, match=r"nowhere: not a dataset workspace .*rtlwb dataset ingest"):
        DatasetStore(tmp_path / "nowhere")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "dataset.sqlite").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match=r"dataset\.sqlite: not a usable dataset database"):
        DatasetStore(tmp_path / "bad")
