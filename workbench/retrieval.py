"""Lexical retrieval of designs by specification (BM25 with ``bm25s``), behind langchain-core's
``BaseRetriever`` so pipelines can use it like any retriever.

The corpus here is the installed suites' tasks (their specification and reference). Leave-one-out
is built in: a search on behalf of a task never returns that task.
"""

from __future__ import annotations

from dataclasses import dataclass

import bm25s
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, PrivateAttr

from workbench.suite import load_suite, suite_folders
from workbench.task import Task


@dataclass(frozen=True)
class Hit:
    source: str
    top: str
    code: str
    score: float


class TaskRetriever(BaseRetriever):
    """BM25 over task specifications; documents carry the reference design as metadata."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    tasks: list[Task]
    k: int = 4
    _index: bm25s.BM25 = PrivateAttr()

    def model_post_init(self, context) -> None:
        self._index = bm25s.BM25()
        self._index.index(_tokens([_document_text(t) for t in self.tasks]), show_progress=False)

    @classmethod
    def from_installed_suites(cls) -> TaskRetriever:
        return cls(tasks=[task for name in suite_folders() for task in load_suite(name).tasks])

    def search(self, query: str, k: int = 4, exclude: Task | None = None) -> list[Hit]:
        """The ``k`` best tasks for ``query``, never ``exclude`` (leave-one-out)."""
        wanted = min(len(self.tasks), k + (exclude is not None))
        if wanted == 0:
            return []
        indices, scores = self._index.retrieve(_tokens([query]), k=wanted, show_progress=False)
        hits = []
        for index, score in zip(indices[0], scores[0], strict=True):
            task = self.tasks[int(index)]
            if exclude is not None and task.folder == exclude.folder:
                continue
            hits.append(Hit(f"{task.suite}/{task.id}", task.config.top, task.reference_text(), float(score)))
        return hits[:k]

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [Document(page_content=hit.code, metadata={"source": hit.source, "top": hit.top, "score": hit.score})
                for hit in self.search(query, self.k)]


def _document_text(task: Task) -> str:
    return f"{task.id.replace('_', ' ')} {task.config.category} {' '.join(task.config.tags)} {task.spec.detailed}"


def _tokens(texts: list[str]):
    return bm25s.tokenize(texts, stopwords="en", show_progress=False)
