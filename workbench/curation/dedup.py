"""The dedup stage: exact and near duplicates among the records.

Two records are *exact* duplicates when they are in the same language family (Verilog and
SystemVerilog are one: the same file is often found under both suffixes) and their code is the same
text once comments are removed and whitespace is made canonical (:func:`normalize`). They are
*near* duplicates when the estimated Jaccard similarity of their sets of token shingles (runs of
``shingle`` consecutive tokens of :func:`code_tokens`) is at least ``threshold``: each distinct
normalized text gets a MinHash signature, locality-sensitive hashing (datasketch ``MinHashLSH``)
proposes candidate pairs, and every candidate is confirmed by its signatures' Jaccard estimate
(LSH alone proposes false candidates). Duplicate pairs are joined into clusters (union-find); each
cluster keeps one record and every other member becomes a :class:`~workbench.curation.record.Duplicate`.

Tokens are encoded once: each token gets an integer id, a shingle is hashed from its ids with
numpy, and only these integers reach MinHash, so 100 000 records take minutes, not hours.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from workbench.curation.record import Duplicate, Language, Record

# One lexer for Verilog, SystemVerilog, Chisel (Scala) and HLS C++: strings and comments first, so a
# `//` inside a string is text and a quote inside a comment is nothing.
_STRING = r'"(?:\\.|[^"\\\n])*"'
_COMMENT = r"//[^\n]*|/\*.*?(?:\*/|\Z)"
_OPERATORS = sorted("""<<<= >>>= === !== ==? !=? <<< >>> <<= >>= |-> |=> <-> ->> == != <= >= && || ** << >>
    ~& ~| ~^ ^~ +: -: ++ -- += -= *= /= %= &= |= ^= -> :: ## := => <> '{""".split(), key=len, reverse=True)
_TOKEN = re.compile("|".join([
    _STRING,
    r"\\\S+",  # escaped identifier
    r"0[xX][0-9a-fA-F_]+[uUlL]*",  # C++ and Scala hexadecimal
    r"\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?(?:'[sS]?[bBoOdDhH][0-9a-fA-FxXzZ?_]+)?",  # 12, 1.5e3, 8'hFF
    r"'[sS]?[bBoOdDhH][0-9a-fA-FxXzZ?_]+",  # 'hFF
    r"'[01xXzZ](?![\w'])",  # SystemVerilog fill literals '0 '1 'x 'z
    r"[`$]?[A-Za-z_][A-Za-z0-9_$]*",  # identifiers, keywords, $system tasks, `directives
    *(re.escape(op) for op in _OPERATORS),
    r"\S",  # anything else, one character at a time
]), re.S)
_COMMENT_OR_STRING = re.compile(f"{_STRING}|{_COMMENT}", re.S)
_WORD_START = re.compile(r"[\w$`'\\]")
_WORD_END = re.compile(r"[\w$]")
# A shingle's hash is a polynomial of its token ids (mod 2**64), mixed to 32 bits for MinHash.
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_BATCH = 8192  # shingles per MinHash update: bounds memory on a megabyte of code


def _strip_comments(code: str) -> str:
    return _COMMENT_OR_STRING.sub(lambda m: m.group() if m.group().startswith('"') else " ", code)


def _lex(code: str) -> list[str]:
    return _TOKEN.findall(_strip_comments(code))


def normalize(code: str) -> str:
    """The exact-duplicate key: ``code`` with its comments (``//`` and ``/* */``, not inside string
    literals) removed and its whitespace canonical: one space between two tokens that would
    otherwise merge (``input wire``), none elsewhere (``a+b`` and ``a + b`` are the same).
    Identifiers, including the module name, are kept as they are."""
    return _normalized(_lex(code))


def _normalized(tokens: list[str]) -> str:
    if not tokens:
        return ""
    parts = [tokens[0]]
    for before, token in itertools.pairwise(tokens):
        if (_WORD_END.match(before[-1]) or before.startswith("\\")) and _WORD_START.match(token):
            parts.append(" ")
        parts.append(token)
    return "".join(parts)


def code_tokens(code: str) -> list[str]:
    """The tokens of ``code`` without its comments: identifiers and keywords, numbers (a based
    literal such as ``8'hFF`` is one token), string literals, operators (``<=``, ``|->``) and other
    punctuation. Case is kept."""
    return _lex(code)


@dataclass(frozen=True)
class DedupOptions:
    threshold: float = 0.85  # estimated Jaccard similarity of token shingles for a near duplicate
    shingle: int = 5  # tokens per shingle
    permutations: int = 128  # MinHash permutations
    seed: int = 1  # MinHash seed

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"dedup threshold {self.threshold}: expected a similarity in (0, 1]")
        if self.shingle < 1:
            raise ValueError(f"dedup shingle {self.shingle}: expected at least one token")
        if self.permutations < 16:
            raise ValueError(f"dedup permutations {self.permutations}: expected at least 16")


@dataclass(frozen=True)
class Cluster:
    """Records that duplicate one another: ``kept`` stays, the other ``members`` are dropped.
    ``kind`` is "exact" when every member has the same normalized code, else "near"."""

    kept: str
    members: tuple[str, ...]  # every member's id, the kept one included, in ingestion order
    kind: Literal["exact", "near"]


def find_duplicates(records: Sequence[Record],
                    options: DedupOptions = DedupOptions()) -> tuple[list[Duplicate], list[Cluster]]:
    """The duplicates among ``records`` (in ingestion order) and the clusters they form.

    The record a cluster keeps is, deterministically: a member that ships a testbench or a
    reference design, if any does, else any member; among those, the one ingested first (lowest
    position in ``records``). Every other member is a :class:`Duplicate` of it, with kind "exact"
    (similarity 1.0) when its normalized code equals the kept one's, else "near" with the
    estimated Jaccard similarity to the kept record (members joined through a third record may be
    slightly below the threshold). Code shorter than one shingle is only checked for exact copies.
    """
    from datasketch import MinHash, MinHashLSH  # noqa: PLC0415 - the optional extra rtl-workbench[datasets]

    groups: dict[bytes, int] = {}  # exact key -> group number
    group_of: list[int] = []  # record position -> group number
    sketches: list[MinHash | None] = []  # group number -> signature of its shingles
    languages: list[str] = []  # group number -> language family
    vocabulary: dict[str, int] = {}
    template = MinHash(num_perm=options.permutations, seed=options.seed, hashfunc=int)
    for record in records:
        tokens = _lex(record.code)
        family = _family(record.language)
        key = hashlib.sha256(f"{family}\0{_normalized(tokens)}".encode()).digest()
        group = groups.get(key)
        if group is None:
            group = groups[key] = len(sketches)
            sketches.append(_signature(template, tokens, vocabulary, options.shingle))
            languages.append(family)
        group_of.append(group)

    parent = list(range(len(sketches)))

    def root(group: int) -> int:
        while parent[group] != group:
            parent[group] = parent[parent[group]]
            group = parent[group]
        return group

    indexes: dict[str, MinHashLSH] = {}
    for group, sketch in enumerate(sketches):
        if sketch is None:
            continue
        index = indexes.get(languages[group])
        if index is None:
            index = indexes[languages[group]] = MinHashLSH(threshold=options.threshold,
                                                           num_perm=options.permutations)
        for other in index.query(sketch):
            if root(other) != root(group) and sketch.jaccard(sketches[other]) >= options.threshold:
                parent[root(group)] = root(other)
        index.insert(group, sketch)

    components: dict[int, list[int]] = {}
    for position, group in enumerate(group_of):
        components.setdefault(root(group), []).append(position)
    duplicates: list[Duplicate] = []
    clusters: list[Cluster] = []
    for positions in components.values():
        if len(positions) < 2:
            continue
        kept = min(positions, key=lambda p: (records[p].testbench is None and records[p].reference is None, p))
        kept_group = group_of[kept]
        exact = len({group_of[p] for p in positions}) == 1
        members = tuple(records[p].id for p in positions)
        clusters.append(Cluster(records[kept].id, members, "exact" if exact else "near"))
        for position in positions:
            if position == kept:
                continue
            group = group_of[position]
            same = group == kept_group
            if same:
                similarity = 1.0
            else:  # a near duplicate, found by its signature: both have one
                kept_sketch, sketch = sketches[kept_group], sketches[group]
                assert kept_sketch is not None and sketch is not None
                similarity = float(kept_sketch.jaccard(sketch))
            duplicates.append(Duplicate(record_id=records[position].id, kept=records[kept].id,
                                        kind="exact" if same else "near", similarity=round(similarity, 4)))
    order = {record.id: position for position, record in enumerate(records)}
    clusters.sort(key=lambda cluster: order[cluster.kept])
    duplicates.sort(key=lambda duplicate: order[duplicate.record_id])
    return duplicates, clusters


def _signature(template, tokens: list[str], vocabulary: dict[str, int], shingle: int):
    """The MinHash of the record's set of shingle hashes, or None when it has fewer tokens than a
    shingle."""
    if len(tokens) < shingle:
        return None
    ids = np.fromiter((vocabulary.setdefault(token, len(vocabulary) + 1) for token in tokens),
                      dtype=np.uint64, count=len(tokens))
    hashes = np.unique(shingle_hashes(ids, shingle) >> np.uint64(32)).astype(np.uint32)
    sketch = template.copy()
    for start in range(0, len(hashes), _BATCH):
        sketch.update_batch(hashes[start:start + _BATCH])
    return sketch


def shingle_hashes(ids: np.ndarray, width: int) -> np.ndarray:
    """A 64-bit hash of every run of ``width`` consecutive token ids (``len(ids) - width + 1`` of
    them; none when there are fewer ids), computed with numpy: wrapping polynomial arithmetic,
    then the MurmurHash3 finalizer so that every bit depends on every token."""
    count = len(ids) - width + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint64)
    with np.errstate(over="ignore"):
        value = np.zeros(count, dtype=np.uint64)
        for offset in range(width):
            value = value * _MULTIPLIER + ids[offset:offset + count]
        value ^= value >> np.uint64(33)
        value *= np.uint64(0xFF51AFD7ED558CCD)
        value ^= value >> np.uint64(33)
        value *= np.uint64(0xC4CEB9FE1A85EC53)
        value ^= value >> np.uint64(33)
    return value


def _family(language: Language) -> str:
    """Languages whose copies count as duplicates of each other."""
    return "chisel" if language is Language.CHISEL else "verilog"
