"""RTL Workbench: LLM-assisted RTL generation and verification with executed scoring.

Public API (imported lazily, so that ``workbench.tb`` stays light inside the simulator)::

    from workbench import find_task, score
    result = score(find_task("sat_add"), answer_text, sim="icarus")  # any task kind: its scorer judges
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "Task": "workbench.task.format",
    "TaskConfig": "workbench.task.format",
    "TaskFormatError": "workbench.task.format",
    "SpecLevel": "workbench.task.format",
    "load_task": "workbench.task.format",
    "Suite": "workbench.task.suite",
    "load_suite": "workbench.task.suite",
    "find_task": "workbench.task.suite",
    "score": "workbench.scorer",
    "score_many": "workbench.scorer",
    "ScoreOptions": "workbench.scorer",
    "Result": "workbench.scorer",
    "Status": "workbench.scorer",
    "Scorer": "workbench.scorer",
    "get_scorer": "workbench.scorer",
    "check_suite": "workbench.eval.selftest",
    "port_only_stub": "workbench.task.stub",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'workbench' has no attribute '{name}'")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
