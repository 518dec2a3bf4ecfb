"""Content-addressed response cache in SQLite.

The key covers what determines an answer: the model's identity (provider string, base URL), the
fully rendered messages, the semantic generation parameters, the template version and the sample
index. Transport settings (timeouts, concurrency, retries) and credentials never enter it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from pathlib import Path

from workbench._secrets import redact
from workbench.model._model import ChatMessage, GenerateConfig, ModelOutput

_SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    key TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    created REAL NOT NULL,
    output TEXT NOT NULL
)
"""


def cache_key(identity: dict, messages: list[ChatMessage], config: GenerateConfig, template: str, sample: int) -> str:
    payload = {
        "identity": identity,
        "messages": [m.model_dump() for m in messages],
        "config": config.model_dump(),
        "template": template,
        "sample": sample,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


class ResponseCache:
    def __init__(self, path: Path, max_age_days: float | None = None) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.max_age_s = max_age_days * 86400 if max_age_days is not None else None
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(_SCHEMA)
        self._db.commit()

    def get(self, key: str) -> ModelOutput | None:
        with self._lock:
            row = self._db.execute("SELECT created, output FROM responses WHERE key = ?", (key,)).fetchone()
        if row is None or (self.max_age_s is not None and time.time() - row[0] > self.max_age_s):
            return None
        return ModelOutput.model_validate_json(row[1])

    def put(self, key: str, model: str, output: ModelOutput) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?)",
                             (key, model, time.time(), redact(output.model_dump_json())))
            self._db.commit()

    def entries(self) -> list[tuple[str, int]]:
        """(model, number of cached responses) per model."""
        with self._lock:
            return self._db.execute("SELECT model, COUNT(*) FROM responses GROUP BY model ORDER BY model").fetchall()

    def clear(self, model: str | None = None) -> int:
        with self._lock:
            cursor = (self._db.execute("DELETE FROM responses WHERE model = ?", (model,)) if model
                      else self._db.execute("DELETE FROM responses"))
            self._db.commit()
            return cursor.rowcount

    def close(self) -> None:
        self._db.close()
