"""Simulators: one :class:`Simulator` subclass per back-end, found by name in :data:`SIMULATORS`.

The registry names each back-end once, with the class that runs it as ``"module:Class"``; nothing
is imported until a simulator is asked for, so the task format can check names against it cheaply.
Adding a simulator: a module with its subclass (see ``icarus.py``) and one line here.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from workbench.sim._base import (
        BUILD_FILE_LIMIT_MB,
        Simulator,
        compiler_cache,
        compiler_lines,
        read_only_compiler_cache,
        tool_dirs,
    )

SIMULATORS: dict[str, str] = {
    "icarus": "workbench.sim.icarus:Icarus",
    "verilator": "workbench.sim.verilator:Verilator",
}

__all__ = [
    "SIMULATORS", "UnknownSimulatorError", "get_simulator",
    # The back-ends' shared helpers, from _base.py on first use (the registry above must stay light).
    "BUILD_FILE_LIMIT_MB", "Simulator", "compiler_cache", "compiler_lines", "read_only_compiler_cache", "tool_dirs",
]


class UnknownSimulatorError(ValueError):
    pass


def get_simulator(name: str) -> Simulator:
    if name not in SIMULATORS:
        raise UnknownSimulatorError(f"unknown simulator '{name}'; choose one of: {', '.join(sorted(SIMULATORS))}")
    module, _, cls = SIMULATORS[name].partition(":")
    return getattr(importlib.import_module(module), cls)()


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'workbench.sim' has no attribute '{name}'")
    return getattr(importlib.import_module("workbench.sim._base"), name)
