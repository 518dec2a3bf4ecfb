"""RTL Workbench: LLM-assisted RTL generation and verification with executed scoring.

Public API (imported lazily, so that ``workbench.tb`` stays light inside the simulator)::

    from workbench import find_task, score
    result = score(find_task("sat_add"), answer_text, sim="icarus")
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "Task": "workbench.task",
    "TaskConfig": "workbench.task",
    "TaskFormatError": "workbench.task",
    "SpecLevel": "workbench.task",
    "load_task": "workbench.task",
    "Suite": "workbench.suite",
    "load_suite": "workbench.suite",
    "find_task": "workbench.suite",
    "score": "workbench.scorer",
    "score_many": "workbench.scorer",
    "ScoreOptions": "workbench.scorer",
    "Result": "workbench.result",
    "Status": "workbench.result",
    "check_suite": "workbench.selftest",
    "port_only_stub": "workbench.stub",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'workbench' has no attribute '{name}'")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
