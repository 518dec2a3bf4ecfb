"""RTL Workbench: LLM-assisted RTL generation and verification with executed scoring.

Public API (imported on first use, so that ``workbench.tb`` stays light inside the simulator)::

    from workbench import find_task, score
    result = score(find_task("sat_add"), answer_text, sim="icarus")  # any task kind: its scorer judges

The packages and how an answer travels through them: docs/architecture.md.
"""

from __future__ import annotations

from workbench._exports import lazy_exports

_MODULES = {
    "workbench.task.format": ("Task", "TaskConfig", "TaskFormatError", "SpecLevel", "load_task"),
    "workbench.task.suite": ("Suite", "load_suite", "find_task"),
    "workbench.task.stub": ("port_only_stub",),
    "workbench.scorer": ("score", "score_many", "ScoreOptions", "Result", "Status", "Scorer", "get_scorer"),
    "workbench.eval.selftest": ("check_suite",),
}

__all__ = sorted(name for names in _MODULES.values() for name in names)
__getattr__ = lazy_exports(__name__, _MODULES)
