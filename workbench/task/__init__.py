"""Tasks: the task format (``format``: ``task.toml`` and ``spec.md`` as pydantic models, the JSON
schema), suites and task lookup (``suite``), HLS kernels and their bugs posed as tasks (``hls``),
errata of imported suites and port-only stubs. docs/task-format.md describes the format."""

from __future__ import annotations

from workbench._exports import lazy_exports

_MODULES = {
    "workbench.task.format": ("Task", "TaskConfig", "TaskKind", "TaskFormatError", "TaskLimits", "SpecLevel",
                              "Difficulty", "Port", "Clock", "Reset", "load_task", "json_schema"),
    "workbench.task.suite": ("Suite", "UnknownTaskError", "MalformedTaskError", "TaskIds", "load_suite", "find_task",
                             "suite_folders"),
    "workbench.task.hls": ("HlsSuite", "Kernel", "Bug", "is_hls_suite", "load_hls_suite", "hls_tasks"),
    "workbench.task.errata": ("Erratum", "load_errata", "excluded_tasks"),
    "workbench.task.stub": ("port_only_stub", "chisel_port_only_stub"),
}

__all__ = sorted(name for names in _MODULES.values() for name in names)
__getattr__ = lazy_exports(__name__, _MODULES)
