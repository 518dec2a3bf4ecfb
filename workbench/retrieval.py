"""Lexical retrieval of designs by description (BM25 with ``bm25s``), behind langchain-core's
``BaseRetriever`` so pipelines can use it like any retriever.

The corpus is the template library (``rtl_templates/``) and the installed suites' tasks (their
specification and reference design). Leave-one-out is built in: a search made on behalf of a task
never returns that task.
"""

from __future__ import annotations

from dataclasses import dataclass

import bm25s
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import PrivateAttr

from workbench.suite import load_suite, suite_folders
from workbench.task import Task


@dataclass(frozen=True)
class CorpusEntry:
    source: str  # "accel/sat_add" for a task, "rtl_templates/mac" for a block
    top: str
    text: str  # what is searched: name, tags, description
    code_path: str

    def code(self) -> str:
        with open(self.code_path) as handle:
            return handle.read()


@dataclass(frozen=True)
class Hit:
    source: str
    top: str
    code: str
    score: float


def task_source(task: Task) -> str:
    return f"{task.suite}/{task.id}"


def task_entry(task: Task) -> CorpusEntry:
    text = f"{task.id.replace('_', ' ')} {task.config.category} {' '.join(task.config.tags)} {task.spec.detailed}"
    return CorpusEntry(task_source(task), task.config.top, text, str(task.reference_path))


def installed_corpus() -> list[CorpusEntry]:
    """Every template block and every installed suite's tasks."""
    from workbench.templates import load_library

    blocks = [CorpusEntry(f"rtl_templates/{t.name}", t.name,
                          f"{t.name.replace('_', ' ')} {t.config.category} {' '.join(t.config.tags)} "
                          f"{t.config.summary} {t.spec.detailed}", str(t.rtl_path))
              for t in load_library().templates]
    return blocks + [task_entry(task) for name in suite_folders() for task in load_suite(name).tasks]


class CorpusRetriever(BaseRetriever):
    """BM25 over corpus descriptions; documents carry the design as content."""

    entries: list[CorpusEntry]
    k: int = 4
    _index: bm25s.BM25 = PrivateAttr()

    def model_post_init(self, context) -> None:
        self._index = bm25s.BM25()
        if self.entries:
            self._index.index(_tokens([entry.text for entry in self.entries]), show_progress=False)

    @classmethod
    def installed(cls, k: int = 4) -> CorpusRetriever:
        return cls(entries=installed_corpus(), k=k)

    def search(self, query: str, k: int = 4, exclude: str | None = None) -> list[Hit]:
        """The ``k`` best entries for ``query``, never the one whose source is ``exclude``."""
        wanted = min(len(self.entries), k + (exclude is not None))
        if wanted == 0:
            return []
        indices, scores = self._index.retrieve(_tokens([query]), k=wanted, show_progress=False)
        hits = []
        for index, score in zip(indices[0], scores[0], strict=True):
            entry = self.entries[int(index)]
            if entry.source != exclude:
                hits.append(Hit(entry.source, entry.top, entry.code(), float(score)))
        return hits[:k]

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [Document(page_content=hit.code, metadata={"source": hit.source, "top": hit.top, "score": hit.score})
                for hit in self.search(query, self.k)]


def _tokens(texts: list[str]):
    return bm25s.tokenize(texts, stopwords="en", show_progress=False)
