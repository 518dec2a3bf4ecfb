"""Chrysalis-style HLS bug specifications, applied to a user's kernel that has a testbench.

A specification file (``bug_<TYPE>.txt``) is JSON: ``{"Error Size": n, "Error Specification":
[{"Error Type": ..., "Original Code": ..., "Faulty Code": ...}, ...]}``; injecting it replaces each
original snippet by its faulty one. Chrysalis has no testbenches, so a bug is kept only when, in
the user's kernel, it applies cleanly and is caught: a logic bug must make the kernel's testbench
fail (plain or sanitized build, or a timeout), a pragma bug must leave C simulation unchanged and be
flagged by the static pragma checker. Everything else is reported with the reason. Comments in the
faulty code (they often name the bug) are removed before the bug is written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from workbench.hls.csim import HlsCheck, score_kernel
from workbench.task.hls import Kernel

# Chrysalis error types with a counterpart among ours; the others are reported, not guessed.
TYPES = {"OOB": ("logic", "out-of-bounds"), "INIT": ("logic", "uninitialized-read"),
         "SHFT": ("logic", "oversized-shift"), "INF": ("logic", "infinite-loop"), "USE": ("logic", "sign-extension"),
         "MLU": ("logic", "lost-unroll-iteration"), "ZERO": ("logic", "zero-init"),
         "BUF": ("logic", "wrong-buffer-half"),
         "MLP": ("pragma", "nested-pipeline"), "ILNU": ("pragma", "incomplete-unroll")}
_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)
_POSITION = re.compile(r"\S+\.(?:cpp|cc|h|hpp):\d+(?::\d+)?:?\s*")


@dataclass(frozen=True)
class SpecificationOutcome:
    specification: str  # the file
    kept: bool
    reason: str  # why it was skipped, or how it is caught
    bug_id: str | None = None


@dataclass
class ChrysalisImport:
    kernel: str
    outcomes: list[SpecificationOutcome] = field(default_factory=list)

    @property
    def kept(self) -> int:
        return sum(o.kept for o in self.outcomes)


def import_chrysalis(kernel: Kernel, specifications: list[Path], workdir: Path) -> ChrysalisImport:
    """Apply each specification file to ``kernel``; write the kept ones as bugs of the kernel."""
    report = ChrysalisImport(kernel.name)
    golden = kernel.text(kernel.config.source)
    for path in specifications:
        report.outcomes.append(_import_one(kernel, golden, path, workdir / path.stem))
    return report


def _import_one(kernel: Kernel, golden: str, path: Path, workdir: Path) -> SpecificationOutcome:
    try:
        entries = json.loads(path.read_text())["Error Specification"]
        changes = [(e["Error Type"], e["Original Code"], e["Faulty Code"]) for e in entries]
    except (OSError, ValueError, KeyError, TypeError) as error:
        return SpecificationOutcome(str(path), False, f"not a Chrysalis specification: {error}")
    if not changes:
        return SpecificationOutcome(str(path), False, "no error specification in the file")
    kinds = {TYPES.get(kind) for kind, _, _ in changes}
    if None in kinds:
        unknown = sorted({kind for kind, _, _ in changes if kind not in TYPES})
        return SpecificationOutcome(str(path), False,
                                    f"error type {', '.join(unknown)} has no counterpart here (no rule judges it)")
    if len(kinds) != 1:
        return SpecificationOutcome(str(path), False, "its errors are of several types: one bug type per task")
    bug_class, bug_type = TYPES[changes[0][0]]  # the one type of every change
    buggy, lines, problem = _apply(golden, changes)
    if problem:
        return SpecificationOutcome(str(path), False, problem)
    outcomes = score_kernel(kernel, buggy, workdir)
    failed = [o for o in outcomes if not o.ok]
    verdict = _caught(bug_class, failed)
    if verdict is None:
        what = ", ".join(o.check.value for o in failed) or "nothing"
        return SpecificationOutcome(str(path), False, f"not caught as a {bug_class} bug (failed checks: {what})")
    bug_id = _unique_id(kernel, f"{kernel.name}_chrysalis_{re.sub(r'[^a-z0-9]+', '_', path.stem.lower())}")
    _write_bug(kernel, bug_id, bug_class, bug_type, buggy, lines, failed, path)
    return SpecificationOutcome(str(path), True, verdict, bug_id)


def _apply(golden: str, changes) -> tuple[str, list[int], str]:
    """The source with every change made, the changed lines, or why it could not be made."""
    text, lines = golden, []
    for _, original, faulty in changes:
        start = text.find(original)
        if start < 0:
            start, original = _loose_find(text, original)
        if start < 0:
            return "", [], "its original code is not in the kernel source (not even up to whitespace)"
        if text.find(original, start + 1) >= 0:
            return "", [], "its original code occurs more than once in the kernel source: ambiguous"
        replacement = _COMMENT.sub("", faulty)
        text = text[:start] + replacement + text[start + len(original):]
        first = text.count("\n", 0, start) + 1
        lines += list(range(first, first + max(1, replacement.count("\n") + 1)))
    if text == golden:
        return "", [], "the faulty code equals the original"
    return text, sorted(set(lines)), ""


def _loose_find(text: str, snippet: str) -> tuple[int, str]:
    """``snippet`` found up to runs of whitespace: (its start, the text it covers), or (-1, "")."""
    words = snippet.split()
    if not words:
        return -1, ""
    pattern = r"\s+".join(re.escape(word) for word in words)
    match = re.search(pattern, text)
    return (match.start(), match.group(0)) if match else (-1, "")


def _caught(bug_class: str, failed) -> str | None:
    checks = [o.check for o in failed]
    if bug_class == "pragma":
        return "flagged by the static pragma checker (C simulation unchanged)" if checks == [HlsCheck.PRAGMAS] else None
    if any(o.timed_out for o in failed):
        return "the testbench times out"
    if checks and checks[0] in (HlsCheck.TESTBENCH, HlsCheck.SANITIZERS):
        return f"the {'sanitized ' if checks[0] == HlsCheck.SANITIZERS else ''}testbench fails"
    return None


def _unique_id(kernel: Kernel, base: str) -> str:
    candidate, number = base, 2
    while (kernel.folder / "bugs" / candidate).exists():
        candidate, number = f"{base}_{number}", number + 1
    return candidate


def _write_bug(kernel: Kernel, bug_id: str, bug_class: str, bug_type: str, buggy: str, lines: list[int], failed,
               source: Path) -> None:
    folder = kernel.folder / "bugs" / bug_id
    folder.mkdir(parents=True)
    (folder / kernel.config.source).write_text(buggy)
    if bug_class == "pragma":
        symptom = "C simulation passes, but an HLS pragma does not fit the code it applies to."
    else:  # what the user would see, without the file positions a sanitizer prints
        symptom = _POSITION.sub("", failed[0].detail or f"the {failed[0].check.value} check fails")[:300]
    (folder / "bug.toml").write_text(
        f'id = "{bug_id}"\nclass = "{bug_class}"\ntype = "{bug_type}"\nlines = {lines}\n'
        f'symptom = "{_toml_escape(symptom)}"\nshow_testbench = true\n'
        f'# imported from {source.name} (Chrysalis format)\n')


def _toml_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', "'").replace("\n", " ")
