"""Dense ranking for the corpus retriever: embeddings from an OpenAI-compatible ``/v1/embeddings``
endpoint through langchain-core's ``Embeddings`` interface, cached on disk, ranked by cosine.

Provider strings follow the chat models' conventions (``workbench.model``): ``openai/MODEL``,
``openai-compatible/MODEL``, ``vllm/MODEL``, ``ollama/MODEL``, ``llamacpp/MODEL``, with the same
base-URL defaults and environment variables; ``@URL`` at the end names the server explicitly.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from workbench.errors import WorkbenchError
from workbench.model import BASE_URL_ENV, OPENAI_API_PROVIDERS, ModelError, openai_api_base_url, openai_api_key

_SCHEMA = "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, identity TEXT NOT NULL, vector BLOB NOT NULL)"
_REQUEST_TIMEOUT_S = 60.0


class RetrievalError(WorkbenchError):
    """A corpus or retriever that cannot be built; the message names the file or endpoint and why."""


class EmbeddingCache:
    """Vectors by (embedding model identity, kind, text) in SQLite: safe across processes, and a
    text embedded once is never sent again."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(_SCHEMA)
        self._db.commit()

    @staticmethod
    def key(identity: str, kind: str, text: str) -> str:
        return hashlib.sha256(json.dumps([identity, kind, text]).encode()).hexdigest()

    def get(self, keys: list[str]) -> dict[str, list[float]]:
        found: dict[str, list[float]] = {}
        with self._lock:
            for key in keys:
                row = self._db.execute("SELECT vector FROM vectors WHERE key = ?", (key,)).fetchone()
                if row is not None:
                    found[key] = np.frombuffer(row[0], dtype=np.float32).tolist()
        return found

    def put(self, identity: str, vectors: dict[str, list[float]]) -> None:
        with self._lock:
            self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)",
                                 [(key, identity, np.asarray(vector, dtype=np.float32).tobytes())
                                  for key, vector in vectors.items()])
            self._db.commit()


class CachedEmbeddings(Embeddings):
    """Another ``Embeddings`` with a disk cache in front; ``identity`` (provider string and
    server) keys the cache, so two models never share vectors."""

    def __init__(self, inner: Embeddings, identity: str, cache: EmbeddingCache) -> None:
        self.inner = inner
        self.identity = identity
        self.cache = cache

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._embed("document", texts)

    def embed_query(self, text: str) -> list[float]:
        return self._embed("query", [text])[0]

    def _embed(self, kind: str, texts: list[str]) -> list[list[float]]:
        keys = [EmbeddingCache.key(self.identity, kind, text) for text in texts]
        known = self.cache.get(keys)
        missing = {key: text for key, text in zip(keys, texts, strict=True) if key not in known}
        if missing:
            fresh = self._request(kind, list(missing.values()))
            new = dict(zip(missing, fresh, strict=True))
            self.cache.put(self.identity, new)
            known.update(new)
        return [known[key] for key in keys]

    def _request(self, kind: str, texts: list[str]) -> list[list[float]]:
        try:
            if kind == "query":
                return [self.inner.embed_query(texts[0])]
            return self.inner.embed_documents(texts)
        except Exception as error:  # noqa: BLE001 - every endpoint failure becomes one readable error
            first_line = str(error).splitlines()[0][:300] if str(error) else ""
            raise RetrievalError(f"embeddings {self.identity}: {type(error).__name__}: {first_line}") from None


class DenseIndex:
    """Cosine similarity between a query's embedding and every entry's, with numpy."""

    def __init__(self, texts: list[str], embeddings: Embeddings) -> None:
        self.embeddings = embeddings
        self._vectors = _unit_rows(np.asarray(embeddings.embed_documents(texts), dtype=np.float32)) \
            if texts else np.zeros((0, 0), dtype=np.float32)

    def rank(self, query: str, depth: int) -> list[tuple[int, float]]:
        """The ``depth`` most similar entries as (index, cosine), best first."""
        if len(self._vectors) == 0:
            return []
        query_vector = _unit_rows(np.asarray([self.embeddings.embed_query(query)], dtype=np.float32))[0]
        similarities = self._vectors @ query_vector
        order = np.argsort(-similarities, kind="stable")[:depth]
        return [(int(index), float(similarities[index])) for index in order]


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)


def embeddings_from_spec(spec: str, cache_folder: Path) -> CachedEmbeddings:
    """``PROVIDER/MODEL[@URL]`` -> cached embeddings from that OpenAI-compatible endpoint."""
    name, url = _split_server(spec)
    provider, _, model = name.partition("/")
    if provider not in OPENAI_API_PROVIDERS or not model:
        raise RetrievalError(f"unknown embeddings '{spec}': expected PROVIDER/MODEL[@URL] with PROVIDER one of "
                             f"{', '.join(OPENAI_API_PROVIDERS)}")
    try:
        url = openai_api_base_url(provider, name, url)
    except ModelError:
        raise RetrievalError(f"{spec}: give the server as {name}@URL or with ${BASE_URL_ENV}") from None
    client = _openai_embeddings_class()(
        model=model, base_url=url, api_key=openai_api_key(), timeout=_REQUEST_TIMEOUT_S, max_retries=2,
        # Only OpenAI itself tokenizes like tiktoken; other servers take the text as it is.
        check_embedding_ctx_length=url is None,
    )
    return CachedEmbeddings(client, f"{name}@{url or 'openai'}", EmbeddingCache(cache_folder / "embeddings.sqlite"))


def _split_server(spec: str) -> tuple[str, str | None]:
    """``vllm/NAME@http://host:8000/v1`` -> (``vllm/NAME``, the URL); a model name may hold ``@``."""
    name, at, url = spec.rpartition("@")
    if at and url.startswith(("http://", "https://")):
        return name, url
    return spec, None


def _openai_embeddings_class():
    try:
        from langchain_openai import OpenAIEmbeddings  # noqa: PLC0415 - the optional extra rtl-workbench[openai]
    except ImportError:
        raise RetrievalError("dense retrieval needs langchain-openai: pip install 'rtl-workbench[openai]'") from None
    return OpenAIEmbeddings
