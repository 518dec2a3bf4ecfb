"""Lint: Verilator's ``--lint-only`` over a candidate, run in the sandbox like every other tool.

Verilator is the strictest open-source front end here: it names undeclared signals, width
mismatches, latches, multiple drivers and incomplete cases that Icarus accepts silently. Its
errors mean the design is broken for at least one simulator; its warnings are evidence worth
showing to a model that is repairing its design, not verdicts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from workbench.sandbox import Limits, clean_env, run_limited, tail
from workbench.sim.verilator import Verilator

# Style warnings with no bearing on behaviour: a candidate file is always called candidate.sv.
_IGNORED = ("DECLFILENAME",)
_MESSAGE = re.compile(r"^%(Error|Warning)(?:-([A-Z0-9_]+))?: (?:([^:\s]+):(\d+):(?:\d+):)?\s*(.*)$")
_LIMITS = Limits(wall_s=60, memory_mb=2048, output_mb=8)


@dataclass(frozen=True)
class LintMessage:
    severity: str  # "error" or "warning"
    code: str  # Verilator's warning code (WIDTHTRUNC, LATCH, ...); "" for plain errors
    line: int | None
    text: str

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        code = f" [{self.code}]" if self.code else ""
        return f"{self.severity}{code} {where}{self.text}"


@dataclass(frozen=True)
class LintReport:
    messages: list[LintMessage] = field(default_factory=list)
    skipped: str | None = None  # why lint did not run

    @property
    def errors(self) -> list[LintMessage]:
        return [m for m in self.messages if m.severity == "error"]

    @property
    def warnings(self) -> list[LintMessage]:
        return [m for m in self.messages if m.severity == "warning"]


def lint(source: Path, top: str | None = None) -> LintReport:
    """Lint the design file ``source`` (``top`` names the top module); the log goes next to it."""
    verilator = Verilator()
    executable = verilator.executable()
    if executable is None:
        return LintReport(skipped=f"Verilator is not installed: {verilator.missing_hint()}")
    argv = [executable, "--lint-only", "-Wall", "-Wno-fatal", *(f"-Wno-{code}" for code in _IGNORED),
            *(["--top-module", top] if top else []), source.name]
    log = source.parent / "lint.log"
    # Lint reads the source and writes nothing: its folder is read-only to it (the log is ours).
    outcome = run_limited(argv, cwd=source.parent, env=clean_env(verilator.env()), limits=_LIMITS, log_path=log,
                          writable=())
    if outcome.infra_failure:
        return LintReport(skipped=f"Verilator lint could not run: {outcome.infra_failure}")
    if outcome.timed_out:
        return LintReport(skipped=f"Verilator lint did not finish within {_LIMITS.wall_s:g} s")
    return LintReport(messages=parse_messages(tail(log, 200_000)))


def parse_messages(log_text: str) -> list[LintMessage]:
    """Verilator's diagnostics, one per message (context lines and the closing summary dropped)."""
    messages = []
    for line in log_text.splitlines():
        found = _MESSAGE.match(line)
        if found is None or found.group(5).startswith("Exiting due to"):
            continue
        severity, code, _file, number, text = found.groups()
        messages.append(LintMessage(severity.lower(), code or "", int(number) if number else None, text.strip()))
    return messages
