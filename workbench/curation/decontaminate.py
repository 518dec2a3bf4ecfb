"""The decontaminate stage: records too close to a benchmark task.

Every installed suite contributes its texts (:func:`benchmark_corpus`): each task's reference
design (and Chisel reference), the design and context files its prompts show, its specification,
and for HLS suites each kernel's sources and every bug variant. Texts are cut into tokens
(:func:`workbench.curation.dedup.code_tokens`, lower-cased) and the token n-grams of all of them are
indexed once (n-gram hash -> tasks), so a scan costs time proportional to the records' tokens.

A record is contaminated by a task when either

* ``overlap``, the fraction of the record's n-grams found in that one task, is at least
  ``threshold`` (a copy, even edited, shares most of its n-grams), or
* ``longest``, the longest run of consecutive record tokens covered by the task's n-grams, is at
  least ``min_run`` tokens (a benchmark's design pasted inside a larger file).

Module headers (``module NAME #(...) (...);``: the parameter and port declarations) are left out
on both sides before n-grams are taken: a task's interface is given in its prompt, so sharing it
leaks nothing, and every design with the same ports shares it (a 2:1 mux with ports ``a``, ``b``
shares most of its text with any task whose ports are ``a``, ``b``). What is compared is the
bodies: the behaviour.

The record's code is checked, and so is its description when it ships one (a benchmark's
specification reused as a description); the worse finding is reported.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np

from workbench.curation.dedup import code_tokens, shingle_hashes
from workbench.curation.record import Contamination, Record
from workbench.task.hls import is_hls_suite, load_hls_suite
from workbench.task.suite import load_suite, suite_folders

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BenchmarkText:
    task: str  # "suite/task_id" (HLS: "suite/kernel" for the golden kernel, "suite/bug_id" for a bug)
    text: str


@dataclass
class BenchmarkCorpus:
    """Every installed suite's texts, and what could not be read: ``problems`` are lines such as
    "suite X skipped: why" or "suite X: task file problem", for the caller to print."""

    texts: list[BenchmarkText] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def tasks(self) -> list[str]:
        return list(dict.fromkeys(text.task for text in self.texts))


def benchmark_corpus(folders: Mapping[str, Path] | None = None) -> BenchmarkCorpus:
    """The texts of every suite in ``folders`` (default: every installed suite, ours under
    benchmarks/ and the imported ones, as :func:`workbench.task.suite.suite_folders` finds them).
    A suite that cannot be loaded is skipped and named in ``problems``; so is a malformed task or an
    unreadable file, and the rest of its suite is kept."""
    corpus = BenchmarkCorpus()
    for name, folder in (suite_folders() if folders is None else folders).items():
        try:
            texts, problems = _hls_texts(name, folder) if is_hls_suite(folder) else _suite_texts(name, folder)
        except Exception as error:  # noqa: BLE001 - one broken suite must not stop the stage
            corpus.problems.append(f"suite {name} skipped: {type(error).__name__}: {error}")
            continue
        corpus.texts.extend(texts)
        corpus.problems.extend(f"suite {name}: {problem}" for problem in problems)
    return corpus


def benchmark_texts() -> list[BenchmarkText]:
    """The texts of every installed suite; suites and files that could not be read are logged as
    warnings (use :func:`benchmark_corpus` to get them as a list)."""
    corpus = benchmark_corpus()
    for problem in corpus.problems:
        log.warning("%s", problem)
    return corpus.texts


def _suite_texts(name: str, folder: Path) -> tuple[list[BenchmarkText], list[str]]:
    suite = load_suite(folder)
    texts: list[BenchmarkText] = []
    problems = [str(problem) for problem in suite.problems]
    for task in suite.tasks:
        task_id = f"{name}/{task.id}"
        files = [task.config.reference, *task.config.support_files]
        if task.config.design:
            files.append(task.config.design)
        if task.config.chisel:
            files.append(task.config.chisel.reference)
        if task.config.prompt:
            files.append(task.config.prompt)
        files += getattr(task.config.testbench, "context_files", [])
        for file_name in dict.fromkeys(files):
            try:
                texts.append(BenchmarkText(task_id, (task.folder / file_name).read_text()))
            except (OSError, UnicodeDecodeError) as error:
                problems.append(f"{task.folder / file_name}: unreadable ({error})")
        texts.append(BenchmarkText(task_id, f"{task.spec.summary}\n\n{task.spec.detailed}"))
        try:
            properties = [item.nl_property for item in task.nl2sva_tasks()]  # each has one
            texts += [BenchmarkText(task_id, f"{nl.text}\n{nl.reference}") for nl in properties if nl is not None]
        except ValueError as error:  # TaskFormatError: a malformed nl2sva.toml
            problems.append(str(error))
    return texts, problems


def _hls_texts(name: str, folder: Path) -> tuple[list[BenchmarkText], list[str]]:
    suite = load_hls_suite(folder)
    texts: list[BenchmarkText] = []
    problems = list(suite.problems)
    for kernel in suite.kernels:
        config = kernel.config
        for file_name in (config.source, config.header, config.testbench, config.spec):
            try:
                texts.append(BenchmarkText(f"{name}/{kernel.name}", kernel.text(file_name)))
            except (OSError, UnicodeDecodeError) as error:
                problems.append(f"{kernel.folder / file_name}: unreadable ({error})")
    for bug in suite.bugs:
        try:
            texts.append(BenchmarkText(f"{name}/{bug.id}", bug.buggy_source))
        except (OSError, UnicodeDecodeError) as error:
            problems.append(f"{bug.folder}: unreadable ({error})")
    return texts, problems


@dataclass(frozen=True)
class DecontaminationOptions:
    n: int = 10  # tokens per n-gram
    threshold: float = 0.3  # fraction of a record's n-grams found in one task that flags it
    min_run: int = 50  # consecutive tokens shared with one task that flag a record whatever the fraction
    action: Literal["flag", "drop"] = "flag"

    def __post_init__(self) -> None:
        if self.n < 1:
            raise ValueError(f"decontamination n {self.n}: expected at least one token")
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"decontamination threshold {self.threshold}: expected a fraction in (0, 1]")
        if self.min_run < self.n:
            raise ValueError(f"decontamination min_run {self.min_run}: expected at least n ({self.n}) tokens")
        if self.action not in ("flag", "drop"):
            raise ValueError(f"decontamination action '{self.action}': expected 'flag' or 'drop'")


@dataclass(frozen=True)
class Match:
    """How much of one text a task covers."""

    task: str
    overlap: float
    longest: int


class BenchmarkIndex:
    """The n-grams of the benchmark texts, built once: each n-gram's hash -> the tasks holding it."""

    def __init__(self, benchmarks: Sequence[BenchmarkText], n: int) -> None:
        self.n = n
        self.tasks = list(dict.fromkeys(text.task for text in benchmarks))
        number = {task: index for index, task in enumerate(self.tasks)}
        self._vocabulary: dict[str, int] = {}
        holders: dict[int, set[int]] = {}
        for text in benchmarks:
            task = number[text.task]
            for gram in np.unique(self._grams(content_tokens(text.text), grow=True)).tolist():
                holders.setdefault(gram, set()).add(task)
        self._holders = {gram: tuple(sorted(tasks)) for gram, tasks in holders.items()}
        self._keys = np.array(sorted(self._holders), dtype=np.uint64)

    def _grams(self, tokens: list[str], grow: bool = False) -> np.ndarray:
        vocabulary = self._vocabulary
        if grow:
            ids = [vocabulary.setdefault(token, len(vocabulary) + 1) for token in tokens]
        else:
            ids = [vocabulary.get(token, 0) for token in tokens]  # 0: in no benchmark
        return shingle_hashes(np.array(ids, dtype=np.uint64), self.n)

    def best_match(self, text: str, options: DecontaminationOptions) -> Match | None:
        """The task that flags ``text`` with the highest overlap (ties: the longest run, then the
        first task), or None when no task flags it."""
        grams = self._grams(content_tokens(text))
        total = len(grams)
        if total == 0 or len(self._keys) == 0:
            return None
        slots = np.minimum(np.searchsorted(self._keys, grams), len(self._keys) - 1)
        hit = self._keys[slots] == grams
        found = int(hit.sum())
        least = min(options.threshold * total, options.min_run - self.n + 1)  # n-grams any flag needs
        if found < least:
            return None
        positions = np.flatnonzero(hit)
        holders = [self._holders[gram] for gram in grams[positions].tolist()]
        counts: dict[int, int] = {}
        for tasks in holders:
            for task in tasks:
                counts[task] = counts.get(task, 0) + 1
        best: tuple | None = None
        for task, count in counts.items():
            if count < least:
                continue
            covered = np.zeros(total, dtype=bool)
            covered[[p for p, tasks in zip(positions.tolist(), holders) if task in tasks]] = True
            longest = _longest_run(covered) + self.n - 1
            overlap = count / total
            if overlap < options.threshold and longest < options.min_run:
                continue
            key = (overlap, longest, -task)
            if best is None or key > best[0]:
                best = (key, Match(self.tasks[task], overlap, longest))
        return best[1] if best else None


_MODULE = frozenset(("module", "macromodule"))
_LIFETIME = frozenset(("automatic", "static"))
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*")


def content_tokens(text: str) -> list[str]:
    """The tokens compared: :func:`code_tokens` of ``text`` without its Verilog module headers
    (from ``module`` to the ``;`` closing the port list), lower-cased. Only a real header is left
    out (``module`` then a name then ``#``, ``(`` or ``;``): prose such as "the module computes"
    stays."""
    tokens = code_tokens(text)
    kept: list[str] = []
    position, count = 0, len(tokens)
    while position < count:
        token = tokens[position]
        if token in _MODULE:
            name = position + 1 + (position + 1 < count and tokens[position + 1] in _LIFETIME)
            if name + 1 < count and _IDENTIFIER.fullmatch(tokens[name]) and tokens[name + 1] in ("#", "(", ";"):
                depth, end = 0, name + 1
                while end < count:
                    if tokens[end] == "(":
                        depth += 1
                    elif tokens[end] == ")":
                        depth -= 1
                    elif tokens[end] == ";" and depth <= 0:
                        break
                    end += 1
                position = end + 1
                continue
        kept.append(token.lower())
        position += 1
    return kept


def _longest_run(flags: np.ndarray) -> int:
    """The length of the longest run of True in ``flags``."""
    if not flags.any():
        return 0
    padded = np.concatenate(([0], flags.astype(np.int8), [0]))
    edges = np.flatnonzero(np.diff(padded))
    return int((edges[1::2] - edges[::2]).max())


def find_contamination(records: Sequence[Record], benchmarks: Sequence[BenchmarkText],
                       options: DecontaminationOptions = DecontaminationOptions()) -> list[Contamination]:
    """The records (in the order given) that a benchmark task contaminates, each with the task of
    highest overlap; ``dropped`` is set when ``options.action`` is "drop"."""
    index = BenchmarkIndex(benchmarks, options.n)
    findings = []
    for record in records:
        matches = [match for text in (record.code, record.description)
                   if text and (match := index.best_match(text, options)) is not None]
        if not matches:
            continue
        match = max(matches, key=lambda m: (m.overlap, m.longest))
        findings.append(Contamination(record_id=record.id, task=match.task, overlap=round(match.overlap, 4),
                                      longest=match.longest, dropped=options.action == "drop"))
    return findings
