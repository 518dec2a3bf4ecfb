"""Suites: folders of tasks under a benchmarks root, and tasks by the ids users hold for them.

Roots are the project's own ``benchmarks/``, the folder of imported suites (``rtlwb import``) and
any folders listed in ``RTLWB_BENCHMARKS`` (separated like ``PATH``). A malformed task does not
hide the good ones: it is reported with the file and the problem (:class:`MalformedTaskError`),
and the rest of the suite loads.
"""

from __future__ import annotations

import difflib
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.task.format import Task, TaskFormatError, load_task
from workbench.task.hls import hls_tasks, is_hls_suite, load_hls_suite

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class UnknownTaskError(WorkbenchError, LookupError):
    pass


class MalformedTaskError(TaskFormatError):
    """A task of a suite that does not load. ``task`` is its folder's name (its id, had it loaded);
    the message names the file and the problem."""

    def __init__(self, suite: str, task: str, problem: str) -> None:
        super().__init__(problem)
        self.suite = suite
        self.task = task

    @classmethod
    def of(cls, suite: str, problem: str) -> MalformedTaskError:
        """The task of a problem "FILE: why" whose file (task.toml, kernel.toml, ...) is in the task's folder."""
        return cls(suite, Path(problem.split(": ", 1)[0]).parent.name, problem)

    @property
    def key(self) -> str:
        """The task as runs name it: "suite/task"."""
        return f"{self.suite}/{self.task}"

    def named_by(self, task_id: str) -> bool:
        """Whether ``task_id`` names this task: its id or "suite/id", in any case, or one of the
        nl2sva tasks an assertion task poses ("id.property")."""
        suite, _, bare = task_id.casefold().rpartition("/")
        return suite in ("", self.suite.casefold()) and bare.partition(".")[0] == self.task.casefold()


@dataclass
class Suite:
    name: str
    folder: Path
    tasks: list[Task] = field(default_factory=list)
    problems: list[TaskFormatError] = field(default_factory=list)

    @property
    def malformed(self) -> list[MalformedTaskError]:
        """The problems, each with the task it makes malformed."""
        return [problem if isinstance(problem, MalformedTaskError) else MalformedTaskError.of(self.name, str(problem))
                for problem in self.problems]


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
        suite.problems = [MalformedTaskError.of(folder.name, problem) for problem in hls.problems]
        return suite
    for task_dir in sorted(p.parent for p in folder.glob("*/task.toml")):
        try:
            suite.tasks.append(load_task(task_dir, suite=folder.name))
        except TaskFormatError as problem:
            suite.problems.append(MalformedTaskError(folder.name, task_dir.name, str(problem)))
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


class TaskIds:
    """Tasks by every id a user may hold for one, in any case: "suite/id", our id, the public
    suite's own id (``source_id``, e.g. VerilogEval's ``Prob001_zero``) and, where that id is a
    path (RTLLM's ``Memory/RAM/RAM``), its last part, the design's name (``JC_counter``). A more
    specific form wins: one task's id over another's source id."""

    def __init__(self, tasks: Iterable[Task]) -> None:
        self._index: dict[str, dict[tuple[str, str], tuple[int, Task]]] = defaultdict(dict)
        self._written: dict[str, str] = {}  # each id as the task gives it, by its folded form
        for task in tasks:
            for rank, alias in _aliases(task):
                found = self._index[alias.casefold()]
                key = (task.suite, task.id)
                if key not in found or rank < found[key][0]:
                    found[key] = (rank, task)
                self._written.setdefault(alias.casefold(), alias)

    def lookup(self, task_id: str) -> list[Task]:
        """The tasks ``task_id`` names by its most specific form (several: the same id in several suites)."""
        found = self._index.get(task_id.casefold(), {}).values()
        best = min((rank for rank, _ in found), default=None)
        return [task for rank, task in found if rank == best]

    def close_to(self, task_id: str) -> list[str]:
        """Ids like ``task_id`` of up to three tasks (each by its id most like it), to suggest for a typo."""
        suggested: dict[tuple[str, str], str] = {}
        for alias in difflib.get_close_matches(task_id.casefold(), self._index, n=10):
            for key in self._index[alias]:
                suggested.setdefault(key, self._written[alias])
        return list(dict.fromkeys(suggested.values()))[:3]

    def unknown(self, task_ids: Iterable[str], where: str) -> UnknownTaskError:
        """The error for ids that name no task of ``where``, with the ids they may have meant."""
        task_ids = list(task_ids)
        close = list(dict.fromkeys(alias for task_id in task_ids for alias in self.close_to(task_id)))
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        return UnknownTaskError(f"no task {', '.join(repr(t) for t in task_ids)} in {where}{hint}")


def _aliases(task: Task) -> list[tuple[int, str]]:
    """A task's ids, the most specific first (rank 0)."""
    aliases = [(0, f"{task.suite}/{task.id}"), (1, task.id)]
    source = task.config.source_id
    if source and task.nl_property is None:  # a posed nl2sva task shares its assertion task's source id
        aliases += [(2, source), (3, source.rsplit("/", 1)[-1])]
    return aliases
