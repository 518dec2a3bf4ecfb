"""Icarus Verilog: ``iverilog`` builds, ``vvp`` runs."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess

from workbench.sim._base import Simulator


class Icarus(Simulator):
    name = "icarus"
    runner = "icarus"

    def executable(self) -> str | None:
        return shutil.which("iverilog")

    def version(self) -> str | None:
        return _first_line_match((self.executable() or "iverilog", "-V"), r"Icarus Verilog version (\S+)")

    def missing_hint(self) -> str:
        return "install Icarus Verilog: `apt-get install iverilog` (or `make setup`)"

    def hdl_build_argv(self, sources: list[str], top: str | None, flags: list[str]) -> list[str]:
        return [self.executable() or "iverilog", *flags, *(["-s", top] if top else []), "-o", "sim", *sources]

    def hdl_run_argv(self) -> list[str]:
        return [shutil.which("vvp") or "vvp", "-n", "sim"]


@functools.cache
def _first_line_match(argv: tuple[str, ...], pattern: str) -> str | None:
    try:
        output = subprocess.run(list(argv), capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = re.search(pattern, output.stdout + output.stderr)
    return found.group(1) if found else None
