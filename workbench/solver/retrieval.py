"""Retrieval of designs by description, behind langchain-core's ``BaseRetriever`` so pipelines can
use it like any retriever.

The corpus is the shipped seed dataset (``datasets/seed``: the template library and original
training modules, verified and decontaminated), the installed suites' tasks (their specification
and reference design) and any folder of HDL or dataset the user adds. Ranking is
lexical (BM25 with ``bm25s``, its index cached on disk under a hash of the corpus), optionally
dense (an embeddings endpoint, see ``workbench.solver._embeddings``), and hybrid when both are on:
reciprocal rank fusion. Leave-one-out is built in: a search made on behalf of a task never returns
that task, nor a copy of its design. See docs/retrieval.md.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import bm25s
import Stemmer
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, PrivateAttr

from workbench._paths import cache_dir
from workbench._tables import (
    CODE_COLUMNS,
    DESCRIPTION_COLUMNS,
    DataFileError,
    TableSpec,
    is_saved_dataset,
    pick_column,
    read_table,
    read_text,
)
from workbench.answer.extract import module_definitions
from workbench.solver._embeddings import DenseIndex, RetrievalError, embeddings_from_spec
from workbench.task.format import Task, TaskKind
from workbench.task.suite import PROJECT_ROOT, load_suite, suite_folders

__all__ = [
    "FUSION_DEPTH", "RRF_K", "CorpusEntry", "CorpusRetriever", "CorpusSpec", "Hit", "LexicalIndex", "RetrievalError",
    "OPTIMIZATION_PATTERNS", "SEED_DATASET", "build_retriever", "corpus_digest", "installed_corpus", "load_corpus",
    "pattern_corpus", "pattern_entry", "reciprocal_rank_fusion", "seed_corpus", "task_entry",
    "task_source",
]

# Reciprocal rank fusion: an entry scores sum(1 / (RRF_K + rank)) over the rankers that found it.
# 60 is the constant of Cormack, Clarke and Buettcher (SIGIR 2009): it keeps one ranker's first
# place from outweighing agreement between rankers further down.
RRF_K = 60
# How many candidates each ranker hands to the fusion.
FUSION_DEPTH = 100
# Part of the index's cache key: a change of tokenization or of the saved layout must not load old indexes.
_INDEX_FORMAT = f"bm25s-{bm25s.__version__}-stopwords-en-snowball-english-v2"
# Indexes of other corpora (other --corpus choices) stay cached; beyond this many the least recently used go.
_KEPT_INDEXES = 8
_STALE_PARTIAL_S = 3600
_HDL_SUFFIXES = (".v", ".sv")
SEED_DATASET = PROJECT_ROOT / "datasets" / "seed" / "data" / "data.jsonl"
_COMMENT = re.compile(r"//([^\n]*)|/\*(.*?)\*/", re.DOTALL)


@dataclass(frozen=True)
class CorpusEntry:
    source: str  # "accel/sat_add", "rtl_templates/mac", "corpus:mylib/fifo.sv", "dataset:rtl#12"
    top: str  # the module's name ("" when a dataset row's code names none)
    text: str  # what is searched: name, tags, description
    code: str
    pattern: bool = False  # an optimization pattern (a design before and after): retrieved for rtl-optimize tasks
    design: str = ""  # the code whose identity leave-one-out compares (default: ``code``; a pattern's "after")


@dataclass(frozen=True)
class Hit:
    source: str
    top: str
    code: str
    score: float  # the ranker's score, or the fused score when several rankers are on
    scores: dict[str, float] = field(default_factory=dict)  # ranker name -> its score, for those that found it

    @property
    def rankers(self) -> tuple[str, ...]:
        return tuple(self.scores)


def task_source(task: Task) -> str:
    return f"{task.suite}/{task.id}"


def task_entry(task: Task) -> CorpusEntry:
    text = (f"{task.id.replace('_', ' ')} {task.config.category} {' '.join(task.config.tags)} "
            f"{task.spec.summary} {task.spec.detailed}")
    return CorpusEntry(task_source(task), task.config.top, text, task.reference_text())


def installed_corpus() -> list[CorpusEntry]:
    """The shipped seed dataset, every installed suite's tasks and the optimization patterns."""
    # Only tasks whose reference is a design: an assertion task's reference is a property set (and an
    # rtl-optimize task's reference is the answer to a given design: never shown).
    designs = [task for name in suite_folders() for task in load_suite(name).tasks
               if task.config.kind in (TaskKind.SPEC_TO_RTL, TaskKind.COMPLETION)]
    return seed_corpus() + [task_entry(task) for task in designs] + pattern_corpus()


# Optimization patterns (as SymRTLO retrieves optimization templates): pairs of an inefficient design
# and its optimized equivalent, laid out as rtl-optimize tasks so that `rtlwb check` proves each pair
# equivalent and better.
OPTIMIZATION_PATTERNS = PROJECT_ROOT / "rtl_templates" / "optimizations"


def pattern_corpus(folder: Path = OPTIMIZATION_PATTERNS) -> list[CorpusEntry]:
    """The optimization patterns in ``folder`` (none when it does not exist)."""
    if not folder.is_dir():
        return []
    return [pattern_entry(task) for task in load_suite(folder).tasks if task.config.optimize is not None]


def pattern_entry(task: Task) -> CorpusEntry:
    """A pattern as a demonstration: its summary, the design before and the design after."""
    assert task.config.optimize is not None, "a pattern is an rtl-optimize task"
    text = (f"{task.id.replace('_', ' ')} {task.config.category} {' '.join(task.config.tags)} "
            f"{task.config.optimize.goal} {task.spec.summary} {task.spec.detailed}")
    code = (f"// Pattern: {' '.join(task.spec.summary.split())}\n// Before (goal: {task.config.optimize.goal}):\n"
            f"{task.given_text().rstrip()}\n// After (equivalent, better):\n{task.reference_text().rstrip()}\n")
    return CorpusEntry(f"optimizations/{task.id}", task.config.top, text, code, pattern=True,
                       design=task.reference_text())


def seed_corpus(path: Path = SEED_DATASET) -> list[CorpusEntry]:
    """The Verilog and SystemVerilog records of the seed dataset (``datasets/seed``): verified,
    deduplicated and decontaminated against the shipped suites by ``rtlwb dataset``."""
    try:
        _, rows = read_table(TableSpec(path))
    except DataFileError as problem:
        raise RetrievalError(f"{problem} (the seed dataset; rebuild it with datasets/seed/build.sh)") from None
    return [CorpusEntry(f"seed/{row['top']}", row["top"], _seed_text(row), row["code"])
            for row in rows if row.get("language") != "chisel"]


def _seed_text(row: dict) -> str:
    return f"{row['top'].replace('_', ' ')} {row.get('summary') or ''} {row.get('description') or ''}".strip()


# ---------------------------------------------------------------------------------------------
# User corpora: a folder of HDL files, or a dataset (JSON Lines, parquet, `save_to_disk` folder)


# A user corpus is read like any code table (workbench._tables): PATH[:code=COLUMN,description=COLUMN,split=NAME].
CorpusSpec = TableSpec


def load_corpus(spec: str | Path | CorpusSpec) -> list[CorpusEntry]:
    """The entries of a user corpus; raises :class:`RetrievalError` naming the file and the problem."""
    try:
        spec = CorpusSpec.parse(spec)
        path = spec.path.expanduser()
        if not path.exists():
            raise RetrievalError(f"{path}: no such corpus folder or dataset")
        if is_saved_dataset(path) or path.is_file():
            return _dataset_entries(spec, path)
        return _folder_entries(path)
    except DataFileError as problem:
        raise RetrievalError(str(problem)) from None


def _folder_entries(folder: Path) -> list[CorpusEntry]:
    files = sorted(p for p in folder.rglob("*") if p.suffix in _HDL_SUFFIXES and not p.is_dir())
    entries = [entry for file in files for entry in _file_entries(folder, file)]
    if not entries:
        raise RetrievalError(f"{folder}: no module found in any .v or .sv file")
    return entries


def _file_entries(folder: Path, file: Path) -> list[CorpusEntry]:
    """One entry per module; the description searched is the sibling NAME.md, else the comment
    block before the module, else the module's own comments."""
    source_text = read_text(file)
    notes = file.with_suffix(".md")
    file_description = read_text(notes) if notes.is_file() else None
    source = f"corpus:{folder.name}/{file.relative_to(folder).as_posix()}"
    entries, cursor = [], 0
    for name, code in module_definitions(source_text):
        start = source_text.index(code, cursor)
        description = file_description or _comments(source_text[cursor:start]) or _comments(code)
        entries.append(CorpusEntry(source, name, f"{name.replace('_', ' ')} {description}", code + "\n"))
        cursor = start + len(code)
    return entries


def _comments(text: str) -> str:
    return " ".join((line or block).strip() for line, block in _COMMENT.findall(text)).strip()


def _dataset_entries(spec: CorpusSpec, path: Path) -> list[CorpusEntry]:
    columns, rows = read_table(dataclasses.replace(spec, path=path))
    code_column = pick_column(path, columns, spec.code_column, CODE_COLUMNS, "code")
    description_column = pick_column(path, columns, spec.description_column, DESCRIPTION_COLUMNS, "description")
    name = path.name if path.is_dir() else path.name.split(".")[0]
    entries = []
    for number, row in enumerate(rows):
        code, description = str(row.get(code_column) or ""), str(row.get(description_column) or "")
        if not code.strip():
            continue
        modules = module_definitions(code)
        top = modules[0][0] if modules else ""
        text = f"{top.replace('_', ' ')} {description}".strip()
        entries.append(CorpusEntry(f"dataset:{name}#{number}", top, text, code))
    if not entries:
        raise RetrievalError(f"{path}: no row has any code in column '{code_column}'")
    return entries


# ---------------------------------------------------------------------------------------------
# Lexical ranking: BM25, its index cached on disk under the corpus digest


def corpus_digest(entries: Sequence[CorpusEntry]) -> str:
    """A hash of everything in the corpus: any change to a source, text or design changes it."""
    payload = json.dumps([_INDEX_FORMAT, *([e.source, e.top, e.text, e.code] for e in entries)])
    return hashlib.sha256(payload.encode()).hexdigest()


class LexicalIndex:
    """BM25 over the entries' texts. ``path`` is where it is cached (``None``: in memory only) and
    ``reused`` says whether it was loaded from there rather than built."""

    def __init__(self, bm25: bm25s.BM25, path: Path | None = None, reused: bool = False) -> None:
        self.bm25 = bm25
        self.path = path
        self.reused = reused

    @classmethod
    def build(cls, texts: list[str]) -> LexicalIndex:
        bm25 = bm25s.BM25()
        bm25.index(_tokenize(texts), show_progress=False)
        return cls(bm25)

    @classmethod
    def cached(cls, texts: list[str], digest: str, folder: Path) -> LexicalIndex:
        """The index saved under ``folder`` for this digest, or a new one, saved there atomically."""
        path = folder / f"bm25-{digest[:32]}"
        loaded = _load_index(path, len(texts))
        if loaded is not None:
            with contextlib.suppress(OSError):  # marks it recently used, for pruning
                os.utime(path)
            return cls(loaded, path, reused=True)
        index = cls.build(texts)
        _save_atomically(index.bm25, path)
        _prune(folder)
        index.path = path
        return index

    def rank(self, query: str, depth: int) -> list[tuple[int, float]]:
        """Up to ``depth`` entries sharing words with the query as (index, score), best first."""
        depth = min(depth, int(self.bm25.scores["num_docs"]))
        if depth == 0:
            return []
        tokens = _tokenize([query], return_ids=False)
        indices, scores = self.bm25.retrieve(tokens, k=depth, show_progress=False)
        return [(int(index), float(score)) for index, score in zip(indices[0], scores[0], strict=True) if score > 0]


def _tokenize(texts: list[str], return_ids: bool = True):
    # Stemming lets "saturating adder" meet "saturates ... add": specs word the same idea many ways.
    return bm25s.tokenize(texts, stopwords="en", stemmer=_STEMMER, return_ids=return_ids, show_progress=False)


_STEMMER = Stemmer.Stemmer("english")


def _load_index(path: Path, entries: int) -> bm25s.BM25 | None:
    if not path.is_dir():
        return None
    try:
        bm25 = bm25s.BM25.load(path, show_progress=False)
        if int(bm25.scores["num_docs"]) == entries:
            return bm25
    except Exception:  # noqa: BLE001 - a damaged cache raises anything; it is rebuilt below
        pass
    shutil.rmtree(path, ignore_errors=True)
    return None


def _save_atomically(bm25: bm25s.BM25, path: Path) -> None:
    """Saved in a private folder, then renamed into place: a reader sees a whole index or none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=".partial-", dir=path.parent))
    try:
        bm25.save(partial, show_progress=False)
        partial.rename(path)
    except OSError:
        # Another process saved the same index first, or the disk refused: the index in memory serves.
        shutil.rmtree(partial, ignore_errors=True)


def _prune(folder: Path) -> None:
    indexes = sorted(folder.glob("bm25-*"), key=_modified, reverse=True)
    stale_partials = [p for p in folder.glob(".partial-*") if time.time() - _modified(p) > _STALE_PARTIAL_S]
    for path in indexes[_KEPT_INDEXES:] + stale_partials:
        shutil.rmtree(path, ignore_errors=True)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:  # removed meanwhile by another process's pruning
        return 0.0


# ---------------------------------------------------------------------------------------------
# The retriever


class CorpusRetriever(BaseRetriever):
    """BM25 over corpus descriptions, plus dense ranking when ``embeddings`` is given (fused by
    reciprocal rank); documents carry the design as content. With ``cache`` set, the BM25 index is
    kept in ``cache/index`` and reused while the corpus is unchanged."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    entries: list[CorpusEntry]
    k: int = 4
    cache: Path | None = None
    embeddings: Embeddings | None = None
    lexical: bool = True  # false: dense ranking alone
    _lexical: LexicalIndex | None = PrivateAttr(default=None)
    _dense: DenseIndex | None = PrivateAttr(default=None)
    _fingerprints: list[str] = PrivateAttr()

    def model_post_init(self, context) -> None:
        if not self.lexical and self.embeddings is None:
            raise RetrievalError("a retriever without BM25 needs embeddings")
        texts = [entry.text for entry in self.entries]
        if self.lexical and texts:
            self._lexical = (LexicalIndex.cached(texts, corpus_digest(self.entries), self.cache / "index")
                             if self.cache is not None else LexicalIndex.build(texts))
        if self.embeddings is not None:
            self._dense = DenseIndex(texts, self.embeddings)
        self._fingerprints = [_code_fingerprint(entry.design or entry.code) for entry in self.entries]

    @classmethod
    def installed(cls, k: int = 4) -> CorpusRetriever:
        return build_retriever(k=k)

    @property
    def lexical_index(self) -> LexicalIndex | None:
        return self._lexical

    @property
    def rankers(self) -> tuple[str, ...]:
        return tuple(name for name, index in (("bm25", self.lexical), ("dense", self.embeddings)) if index)

    def search(self, query: str, k: int = 4, exclude: str | None = None, patterns: bool = False,
               exclude_design: str | None = None) -> list[Hit]:
        """The ``k`` best entries for ``query``, never the one whose source is ``exclude`` nor any
        entry with the same design (comments and whitespace aside), nor one whose design is
        ``exclude_design``; optimization patterns only with ``patterns``, designs only without."""
        if not self.entries:
            return []
        left_out = self._left_out(exclude, exclude_design)
        left_out |= {i for i, entry in enumerate(self.entries) if entry.pattern != patterns}
        fused = len(self.rankers) > 1
        depth = (max(k, FUSION_DEPTH) if fused else k) + len(left_out)
        rankings = {name: [(index, score) for index, score in ranking if index not in left_out]
                    for name, ranking in self._rankings(query, depth).items()}
        if fused:
            ranked = reciprocal_rank_fusion(rankings)
        else:
            [(name, ranking)] = rankings.items()
            ranked = [(index, score, {name: score}) for index, score in ranking]
        return [self._hit(index, score, scores) for index, score, scores in ranked[:k]]

    def _rankings(self, query: str, depth: int) -> dict[str, list[tuple[int, float]]]:
        rankings = {}
        if self._lexical is not None:
            rankings["bm25"] = self._lexical.rank(query, depth)
        if self._dense is not None:
            rankings["dense"] = self._dense.rank(query, depth)
        return rankings

    def _left_out(self, exclude: str | None, exclude_design: str | None = None) -> set[int]:
        excluded = {i for i, entry in enumerate(self.entries) if entry.source == exclude}
        designs = {self._fingerprints[i] for i in excluded}
        if exclude_design is not None:
            designs.add(_code_fingerprint(exclude_design))
        return {i for i, fingerprint in enumerate(self._fingerprints) if fingerprint in designs}

    def _hit(self, index: int, score: float, scores: dict[str, float]) -> Hit:
        entry = self.entries[index]
        return Hit(entry.source, entry.top, entry.code, score, scores)

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [Document(page_content=hit.code, metadata={"source": hit.source, "top": hit.top, "score": hit.score,
                                                          "scores": hit.scores})
                for hit in self.search(query, self.k)]


def reciprocal_rank_fusion(rankings: dict[str, list[tuple[int, float]]]) -> list[tuple[int, float, dict[str, float]]]:
    """(index, fused score, each ranker's own score) best first; ties keep corpus order."""
    fused: dict[int, float] = {}
    scores: dict[int, dict[str, float]] = {}
    for name, ranking in rankings.items():
        for rank, (index, score) in enumerate(ranking, start=1):
            fused[index] = fused.get(index, 0.0) + 1.0 / (RRF_K + rank)
            scores.setdefault(index, {})[name] = score
    order = sorted(fused, key=lambda index: (-fused[index], index))
    return [(index, fused[index], scores[index]) for index in order]


def _code_fingerprint(code: str) -> str:
    """The design's identity: its modules without comments and whitespace (a preamble such as
    `timescale or a comment header does not make a copy a different design)."""
    modules = "".join(text for _, text in module_definitions(code)) or code
    return hashlib.sha256(re.sub(r"\s+", "", _COMMENT.sub("", modules)).encode()).hexdigest()


def build_retriever(corpus: Sequence[str | Path | CorpusSpec] = (), embeddings: str | None = None, k: int = 4,
                    lexical: bool = True, installed: bool = True, cache: Path | None = None) -> CorpusRetriever:
    """The retriever for a run: the installed corpus (templates and suites) unless ``installed``
    is false, plus each user ``corpus``; BM25 unless ``lexical`` is false; dense ranking with
    ``embeddings`` (a provider string such as ``vllm/NAME@http://host:8000/v1``), fused with BM25
    when both are on. Indexes and vectors are cached in ``cache`` (default: the workbench cache
    folder, ``$RTLWB_CACHE``). Raises :class:`RetrievalError` with a one-line reason."""
    cache = cache or cache_dir()
    entries = installed_corpus() if installed else []
    for spec in corpus:
        entries += load_corpus(spec)
    dense = embeddings_from_spec(embeddings, cache) if embeddings else None
    return CorpusRetriever(entries=entries, k=k, cache=cache, embeddings=dense, lexical=lexical)
