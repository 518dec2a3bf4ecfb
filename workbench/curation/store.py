"""The curation workspace: one SQLite database holding the records and every stage's findings.

Each stage writes as it goes (a verification is committed as soon as it is known), so an
interrupted run loses nothing and the next run resumes where it stopped.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from pydantic import BaseModel

from workbench._secrets import redact
from workbench.curation.record import Contamination, Description, Duplicate, Record, Rejection, Verification
from workbench.errors import WorkbenchError

DATABASE_NAME = "dataset.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS records (id TEXT PRIMARY KEY, language TEXT, top TEXT, bytes INTEGER, body TEXT);
CREATE TABLE IF NOT EXISTS rejections (source TEXT, path TEXT, reason TEXT, PRIMARY KEY (source, path));
CREATE TABLE IF NOT EXISTS verifications (record_id TEXT PRIMARY KEY, verified INTEGER, verifier TEXT, body TEXT);
CREATE TABLE IF NOT EXISTS duplicates (record_id TEXT PRIMARY KEY, body TEXT);
CREATE TABLE IF NOT EXISTS contamination (record_id TEXT PRIMARY KEY, body TEXT);
CREATE TABLE IF NOT EXISTS descriptions (record_id TEXT PRIMARY KEY, body TEXT);
CREATE TABLE IF NOT EXISTS stages (number INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT, finished REAL,
                                   parameters TEXT, counts TEXT);
"""


class StoreError(WorkbenchError, RuntimeError):
    """The workspace cannot be used: not a workspace, or a damaged database."""


class StageEntry(BaseModel):
    name: str
    finished: float
    parameters: dict
    counts: dict


class DatasetStore:
    """A curation workspace folder. ``create`` makes it; every other stage opens an existing one."""

    def __init__(self, folder: Path, create: bool = False) -> None:
        self.folder = folder
        path = folder / DATABASE_NAME
        if not create and not path.is_file():
            raise StoreError(f"{folder}: not a dataset workspace (no {DATABASE_NAME}); "
                             "start with `rtlwb dataset ingest`")
        folder.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(path, timeout=60)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as problem:
            raise StoreError(f"{path}: not a usable dataset database ({problem})") from None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> DatasetStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- records and rejections ------------------------------------------------------------

    def add_records(self, records: Iterable[Record]) -> int:
        """Store records (a record already present is left as is); returns how many were new."""
        before = self.count("records")
        with self._db:
            self._db.executemany(
                "INSERT OR IGNORE INTO records VALUES (?, ?, ?, ?, ?)",
                ((r.id, r.language.value, r.top, len(r.code.encode()), r.model_dump_json()) for r in records))
        return self.count("records") - before

    def add_rejections(self, rejections: Iterable[Rejection]) -> None:
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO rejections VALUES (?, ?, ?)",
                                 ((r.source, r.path, r.reason) for r in rejections))

    def records(self) -> Iterator[Record]:
        for (body,) in self._db.execute("SELECT body FROM records ORDER BY rowid"):
            yield Record.model_validate_json(body)

    def record(self, record_id: str) -> Record | None:
        row = self._db.execute("SELECT body FROM records WHERE id = ?", (record_id,)).fetchone()
        return Record.model_validate_json(row[0]) if row else None

    def rejections(self) -> list[Rejection]:
        return [Rejection(source=s, path=p, reason=r)
                for s, p, r in self._db.execute("SELECT source, path, reason FROM rejections ORDER BY rowid")]

    def count(self, table: str) -> int:
        return self._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # our own table names

    # -- stage findings ----------------------------------------------------------------------

    def save_verification(self, verification: Verification) -> None:
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO verifications VALUES (?, ?, ?, ?)",
                             (verification.record_id, int(verification.verified), verification.verifier,
                              redact(verification.model_dump_json())))

    def verifications(self) -> dict[str, Verification]:
        return {rid: Verification.model_validate_json(body)
                for rid, body in self._db.execute("SELECT record_id, body FROM verifications")}

    def unverified(self, verifier: str) -> list[Record]:
        """Records with no verification by this verifier version."""
        rows = self._db.execute(
            "SELECT r.body FROM records r LEFT JOIN verifications v ON v.record_id = r.id AND v.verifier = ? "
            "WHERE v.record_id IS NULL ORDER BY r.rowid", (verifier,))
        return [Record.model_validate_json(body) for (body,) in rows]

    def replace_duplicates(self, duplicates: Iterable[Duplicate]) -> None:
        self._replace("duplicates", ((d.record_id, d.model_dump_json()) for d in duplicates))

    def duplicates(self) -> dict[str, Duplicate]:
        return self._load("duplicates", Duplicate)

    def replace_contamination(self, findings: Iterable[Contamination]) -> None:
        self._replace("contamination", ((c.record_id, c.model_dump_json()) for c in findings))

    def contamination(self) -> dict[str, Contamination]:
        return self._load("contamination", Contamination)

    def save_description(self, description: Description) -> None:
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO descriptions VALUES (?, ?)",
                             (description.record_id, description.model_dump_json()))

    def descriptions(self) -> dict[str, Description]:
        return self._load("descriptions", Description)

    def _replace(self, table: str, rows: Iterable[tuple[str, str]]) -> None:
        """A stage that looks at all records at once (dedup, decontaminate) replaces its findings."""
        with self._db:
            self._db.execute(f"DELETE FROM {table}")  # our own table names
            self._db.executemany(f"INSERT INTO {table} VALUES (?, ?)", rows)

    def _load(self, table: str, model: type[BaseModel]) -> dict:
        return {rid: model.model_validate_json(body)
                for rid, body in self._db.execute(f"SELECT record_id, body FROM {table}")}

    # -- the stage log (what the dataset card reports) -------------------------------------

    def log_stage(self, name: str, parameters: dict, counts: dict) -> None:
        with self._db:
            self._db.execute("INSERT INTO stages (name, finished, parameters, counts) VALUES (?, ?, ?, ?)",
                             (name, time.time(), json.dumps(parameters, default=str), json.dumps(counts)))

    def stage_log(self) -> list[StageEntry]:
        rows = self._db.execute("SELECT name, finished, parameters, counts FROM stages ORDER BY number")
        return [StageEntry(name=n, finished=f, parameters=json.loads(p), counts=json.loads(c)) for n, f, p, c in rows]
