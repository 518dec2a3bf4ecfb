"""Simulators: one :class:`Simulator` subclass per back-end, found by name in :data:`SIMULATORS`.

The registry names each back-end once, with the class that runs it as ``"module:Class"``; nothing
is imported until a simulator is asked for, so the task format can check names against it cheaply.
Adding a simulator: a module with its subclass (see ``icarus.py``) and one line here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench._exports import lazy_exports, load
from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from workbench.sim._base import (
        BUILD_FILE_LIMIT_MB,
        Simulator,
        compiler_cache,
        compiler_lines,
        missing_tools,
        read_only_compiler_cache,
        tool_dirs,
        tool_env,
    )

SIMULATORS: dict[str, str] = {
    "icarus": "workbench.sim.icarus:Icarus",
    "verilator": "workbench.sim.verilator:Verilator",
}

__all__ = [
    "SIMULATORS", "UnknownSimulatorError", "get_simulator",
    # The back-ends' shared helpers, from _base.py on first use (the registry above must stay light).
    "BUILD_FILE_LIMIT_MB", "Simulator", "compiler_cache", "compiler_lines", "missing_tools", "read_only_compiler_cache",
    "tool_dirs", "tool_env",
]


class UnknownSimulatorError(WorkbenchError, ValueError):
    pass


def get_simulator(name: str) -> Simulator:
    if name not in SIMULATORS:
        raise UnknownSimulatorError(f"unknown simulator '{name}'; choose one of: {', '.join(sorted(SIMULATORS))}")
    return load(SIMULATORS[name])()


__getattr__ = lazy_exports(__name__, {"workbench.sim._base": (
    "BUILD_FILE_LIMIT_MB", "Simulator", "compiler_cache", "compiler_lines", "missing_tools", "read_only_compiler_cache",
    "tool_dirs", "tool_env")})
