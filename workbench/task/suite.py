"""Suites: folders of tasks under a benchmarks root.

Roots are the project's own ``benchmarks/``, the folder of imported suites (``rtlwb import``) and
any folders listed in ``RTLWB_BENCHMARKS`` (separated like ``PATH``). A malformed task does not
hide the good ones: it is reported with the file and the problem, and the rest of the suite loads.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.task.format import Task, TaskFormatError, load_task
from workbench.task.hls import hls_tasks, is_hls_suite, load_hls_suite

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class UnknownTaskError(WorkbenchError, LookupError):
    pass


@dataclass
class Suite:
    name: str
    folder: Path
    tasks: list[Task] = field(default_factory=list)
    problems: list[TaskFormatError] = field(default_factory=list)


def benchmark_roots() -> list[Path]:
    extra = [Path(p) for p in os.environ.get("RTLWB_BENCHMARKS", "").split(os.pathsep) if p]
    own = PROJECT_ROOT / "benchmarks"
    return [root for root in [*extra, own, imported_root()] if root.is_dir()]


def imported_root() -> Path:
    """Where ``rtlwb import`` writes suites by default: the user's data folder (``$RTLWB_HOME`` or
    ``$XDG_DATA_HOME/rtlwb``), never this project: the public suites' content is not ours to ship."""
    home = os.environ.get("RTLWB_HOME")
    base = Path(home) if home else Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "rtlwb"
    return base / "suites"


def suite_folders() -> dict[str, Path]:
    """Every suite by name; the first root that has a suite of a given name wins."""
    found: dict[str, Path] = {}
    for root in benchmark_roots():
        for folder in sorted(root.iterdir()):
            if folder.is_dir() and (any(folder.glob("*/task.toml")) or any(folder.glob("*/kernel.toml"))):
                found.setdefault(folder.name, folder)
    return found


def load_suite(name_or_path: str | Path) -> Suite:
    folder = Path(name_or_path)
    if not folder.is_dir():
        folders = suite_folders()
        if str(name_or_path) not in folders:
            known = ", ".join(sorted(folders)) or "none"
            raise UnknownTaskError(f"no suite '{name_or_path}' (known suites: {known})")
        folder = folders[str(name_or_path)]
    suite = Suite(name=folder.name, folder=folder)
    if is_hls_suite(folder):
        hls = load_hls_suite(folder)
        suite.tasks = hls_tasks(hls, folder.name)
        suite.problems = [TaskFormatError(problem) for problem in hls.problems]
        return suite
    for task_dir in sorted(p.parent for p in folder.glob("*/task.toml")):
        try:
            suite.tasks.append(load_task(task_dir, suite=folder.name))
        except TaskFormatError as problem:
            suite.problems.append(problem)
    return suite


def find_task(task_id: str) -> Task:
    """A task by ``id`` or ``suite/id``, searched in every suite. An nl2sva task is named as its id
    says: ``<assertion task>.<property>`` (task ids hold no dots)."""
    suite_name, _, bare_id = task_id.rpartition("/")
    folder_id, _, property_id = bare_id.partition(".")
    for name, folder in suite_folders().items():
        if suite_name and name != suite_name:
            continue
        candidate = folder / folder_id
        if (candidate / "task.toml").is_file():
            task = load_task(candidate, suite=name)
            if not property_id:
                return task
            posed = next((posed for posed in task.nl2sva_tasks() if posed.id == bare_id), None)
            if posed is not None:
                return posed
            continue
        if is_hls_suite(folder):  # a bug folder sits inside its kernel's folder
            found = next((task for task in load_suite(folder).tasks if task.id == bare_id), None)
            if found is not None:
                return found
    raise UnknownTaskError(f"no task '{task_id}' in any suite ({', '.join(suite_folders()) or 'none found'})")
