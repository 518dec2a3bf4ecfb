"""Executor: where scoring runs, on this machine's cores or on the workers of a Dask cluster.

An :class:`Executor` runs units of work (picklable; each handled by one module-level function)
and yields each unit's :class:`UnitOutcome` as soon as it is finished, so the caller can record it at
once: a run stopped midway loses only the units in flight. A unit that raises, or whose worker
dies, comes back as an outcome with an ``error`` naming what happened; the other units go on.
Units may arrive while others run (a :class:`UnitFeed` filled by the generation threads), so
scoring starts with the first answers; the caller may add units that outcomes call for (an
equivalence check after a simulation pass) as it reads them.

- ``local``: a process pool of ``jobs`` processes (one job or one unit: in this very process);
- ``dask-local``: a Dask ``LocalCluster`` of ``jobs`` single-threaded worker processes;
- ``dask://HOST:PORT`` (or ``tcp://HOST:PORT``): the workers of a running Dask scheduler, e.g.
  ones dask-jobqueue started on SLURM or LSF (see docs/cluster.md).

Cluster workers are checked first (:class:`ToolchainCheck`): a worker that cannot score is
reported in :attr:`Executor.excluded` and gets no work.
"""

from __future__ import annotations

import importlib
import importlib.util
import multiprocessing
import os
import queue
import sys
import threading
import time
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sized
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Self, TypeVar

from workbench.errors import WorkbenchError
from workbench.sim import get_simulator

Unit = TypeVar("Unit")
Value = TypeVar("Value")

# A check run on each cluster worker before it gets work: the reasons it cannot work, none if it can.
WorkerCheck = Callable[[], list[str]]

_CLUSTER_EXTRA = "pip install 'rtl-workbench[cluster]'"
_CONNECT_TIMEOUT_S = 30
_FIRST_WORKER_TIMEOUT_S = 60
_ORPHAN_POLL_S = 2
_WORKER_WATCH_S = 10  # how often a Dask run waiting for results checks that its workers still exist
_FEED_POLL_S = 0.2  # how long a run with work in flight waits for new units before looking at finished ones


class ExecutorError(WorkbenchError):
    """The executor cannot run anything: unknown name, Dask missing, no scheduler, no usable worker."""


@dataclass(frozen=True)
class UnitOutcome(Generic[Unit, Value]):
    """What became of one unit: its value, or why it has none."""

    unit: Unit
    value: Value | None = None
    error: str | None = None


class UnitFeed(Generic[Unit]):
    """Units that arrive over time: producers :meth:`put` them (blocking while ``bound`` units wait,
    so generation never runs far ahead of scoring) and :meth:`close` the feed; an executor
    :meth:`take` s them as they come. The consumer of the outcomes may :meth:`follow` up with more
    units: while both kinds wait, they are taken in turn, so neither kind holds up the other."""

    def __init__(self, units: Iterable[Unit] = (), bound: int = 0) -> None:
        self._queue: queue.Queue[Unit] = queue.Queue(bound)
        self._returned: deque[Unit] = deque()  # units taken back, e.g. to rerun them alone
        self._follow_ups: deque[Unit] = deque()
        self._follow_up_next = False  # whose turn it is while put units and follow-ups both wait
        self._closed = threading.Event()
        self._returned.extend(units)

    @classmethod
    def of(cls, units: Iterable[Unit]) -> UnitFeed[Unit]:
        """``units`` as a feed: a feed stays itself, anything else is a closed feed of its units."""
        if isinstance(units, UnitFeed):
            return units
        feed: UnitFeed[Unit] = cls(units)
        feed.close()
        return feed

    def put(self, unit: Unit) -> None:
        """Add ``unit``, waiting while the feed is full; dropped when the feed was closed meanwhile
        (its consumer stopped: nobody would take it)."""
        while not self._closed.is_set():
            try:
                self._queue.put(unit, timeout=_FEED_POLL_S)
                return
            except queue.Full:
                continue

    def follow(self, unit: Unit) -> None:
        """Add ``unit`` at once, even to a full or closed feed: it comes from the thread that reads
        the outcomes, the one that makes room, so waiting for room would wait forever."""
        self._follow_ups.append(unit)

    def close(self) -> None:
        """No more units will be put."""
        self._closed.set()

    def give_back(self, units: Iterable[Unit]) -> None:
        """Units taken but not run: they come first again."""
        self._returned.extendleft(reversed(list(units)))

    @property
    def exhausted(self) -> bool:
        return self._closed.is_set() and not self._returned and self._queue.empty() and not self._follow_ups

    def take(self, count: int, wait_s: float = 0.0) -> list[Unit]:
        """Up to ``count`` units (those given back first, then put units and follow-ups in turn),
        waiting at most ``wait_s`` for a first one to be put when there is none."""
        taken: list[Unit] = []
        while self._returned and len(taken) < count:
            taken.append(self._returned.popleft())
        while len(taken) < count and (unit := self._next()) is not None:
            taken.append(unit)
        if taken or self._closed.is_set() or wait_s <= 0 or count < 1:
            return taken
        try:
            return [self._queue.get(timeout=wait_s)]
        except queue.Empty:
            return []

    def _next(self) -> Unit | None:
        """A put unit or a follow-up, without waiting: whichever's turn it is, else the other."""
        order = (self._follow_up, self._put) if self._follow_up_next else (self._put, self._follow_up)
        for source in order:
            unit = source()
            if unit is not None:
                self._follow_up_next = source == self._put
                return unit
        return None

    def _put(self) -> Unit | None:
        try:
            return self._queue.get_nowait()
        except queue.Empty:
            return None

    def _follow_up(self) -> Unit | None:
        return self._follow_ups.popleft() if self._follow_ups else None

    def __iter__(self) -> Iterator[Unit]:
        """Every unit, waiting for each until the feed is closed and empty."""
        while not self.exhausted:
            yield from self.take(1, _FEED_POLL_S)


class Executor(ABC):
    """Where units of work run: ``with executor.open(check): for outcome in executor.map(f, units)``.

    Opening starts the workers (and checks them), leaving the ``with`` block stops whatever was
    started; an executor can be opened again afterwards."""

    name: str

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self.excluded: dict[str, str] = {}  # worker address -> why it gets no work

    @property
    def slots(self) -> int:
        """How many units run at once: what the caller splits its work for."""
        return self.jobs

    def open(self, check: WorkerCheck | None = None) -> Self:
        """Start the workers; where they may differ from this machine, run ``check`` on each first."""
        return self

    def close(self) -> None:  # noqa: B027 - optional: an executor without workers has nothing to stop
        """Stop what :meth:`open` started."""

    @abstractmethod
    def map(self, function: Callable[[Unit], Value],
            units: Iterable[Unit]) -> Generator[UnitOutcome[Unit, Value], None, None]:
        """``function(unit)`` for every unit (of a list, or of a :class:`UnitFeed` as they arrive),
        yielded in the order they finish."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class LocalExecutor(Executor):
    """Processes of this machine, with its toolchain: nothing to check first (a missing simulator
    is each sample's ``infra_error``). A worker that dies (killed, out of memory) breaks a process
    pool for every unit in flight: those are rerun one at a time to find the unit that kills its
    worker, and only that one is reported as failed."""

    name = "local"

    def map(self, function: Callable[[Unit], Value],
            units: Iterable[Unit]) -> Generator[UnitOutcome[Unit, Value], None, None]:
        feed = UnitFeed.of(units)
        if self.jobs == 1 or (isinstance(units, Sized) and len(units) == 1):  # a pool would only add its start-up
            yield from _in_process(function, feed)
            return
        while not feed.exhausted:
            suspects = yield from _run_until_broken(function, feed, self.jobs)
            for suspect in suspects:
                lost = yield from _run_until_broken(function, UnitFeed.of([suspect]), 1)
                for unit in lost:
                    yield UnitOutcome(unit, error="its worker process died (killed, or out of memory?)")


class DaskExecutor(Executor):
    """The workers of a Dask cluster: a ``LocalCluster`` of ``jobs`` processes (``address`` None)
    or those of the scheduler at ``address``. Units go only to workers that passed the check."""

    def __init__(self, jobs: int, address: str | None = None) -> None:
        super().__init__(jobs)
        self.address = address
        self.name = address or "dask-local"
        self._cluster: Any = None
        self._client: Any = None
        self._usable: list[str] = []

    @property
    def slots(self) -> int:
        return sum(self._client.nthreads(self._usable).values()) if self._usable else self.jobs

    def open(self, check: WorkerCheck | None = None) -> Self:
        distributed = _import_distributed()
        self.excluded = {}
        try:
            if self.address is None:
                self._cluster = distributed.LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True,
                                                         dashboard_address=None)
            scheduler = self._cluster if self._cluster is not None else self.address
            self._client = distributed.Client(scheduler, timeout=_CONNECT_TIMEOUT_S)
            self._usable = self._checked_workers(check)
        except OSError as error:  # TimeoutError included: no scheduler answers there
            self.close()
            raise ExecutorError(f"cannot reach the Dask scheduler at {self.name}: {error}") from None
        except ExecutorError:
            self.close()
            raise
        return self

    def _checked_workers(self, check: WorkerCheck | None) -> list[str]:
        """The workers that pass ``check``; the others are recorded in :attr:`excluded`."""
        try:
            self._client.wait_for_workers(1, timeout=_FIRST_WORKER_TIMEOUT_S)
        except TimeoutError:
            raise ExecutorError(f"the Dask scheduler at {self.name} has no worker "
                                f"(none joined within {_FIRST_WORKER_TIMEOUT_S} s)") from None
        workers = sorted(self._client.nthreads())
        answers = self._client.run(check, workers=workers, on_error="return") if check else {}
        for worker, problems in sorted(answers.items()):
            if isinstance(problems, BaseException):
                problems = [f"the toolchain check failed ({_describe(problems)})"]
            if problems:
                self.excluded[worker] = "; ".join(problems)
        usable = [worker for worker in workers if worker not in self.excluded]
        if not usable:
            reasons = "; ".join(f"{worker}: {why}" for worker, why in self.excluded.items())
            raise ExecutorError(f"no worker of {self.name} can score ({reasons})")
        return usable

    def map(self, function: Callable[[Unit], Value],
            units: Iterable[Unit]) -> Generator[UnitOutcome[Unit, Value], None, None]:
        feed = UnitFeed.of(units)
        finished: queue.SimpleQueue = queue.SimpleQueue()
        futures: dict[Any, Unit] = {}
        last_seen_workers = time.monotonic()
        while futures or not feed.exhausted:
            # the scheduler queues what its workers cannot take yet: submit whatever has arrived
            for unit in feed.take(sys.maxsize, 0.0 if futures else _FEED_POLL_S):
                future = self._client.submit(function, unit, workers=self._usable, allow_other_workers=False,
                                             pure=False)
                future.add_done_callback(finished.put)
                futures[future] = unit
            try:
                future = finished.get(timeout=_FEED_POLL_S)
            except queue.Empty:
                if futures and time.monotonic() - last_seen_workers > _WORKER_WATCH_S:
                    if not set(self._usable) & set(self._client.nthreads()):
                        yield from self._abandoned(futures)
                        return
                    last_seen_workers = time.monotonic()
                continue
            yield _outcome(futures.pop(future), future)
            future.release()

    def _abandoned(self, futures: dict[Any, Unit]) -> Iterator[UnitOutcome]:
        """Units restricted to checked workers when none of those is left (their jobs ended, say):
        they would wait forever. Workers that joined since were not checked, so they are not used."""
        self._client.cancel(list(futures))
        why = ("every worker that passed the toolchain check has left the cluster; "
               "run again to use the workers there now")
        for unit in futures.values():
            yield UnitOutcome(unit, error=why)

    def close(self) -> None:
        for resource in (self._client, self._cluster):
            if resource is not None:
                resource.close()
        self._client = self._cluster = None
        self._usable = []


def get_executor(spec: str, jobs: int) -> Executor:
    """The executor named ``spec``: ``local``, ``dask-local`` or ``dask://HOST:PORT`` (``tcp://``)."""
    if spec == "local":
        return LocalExecutor(jobs)
    scheme, _, location = spec.partition("://")
    if spec != "dask-local" and not (scheme in ("dask", "tcp") and location):
        raise ExecutorError(f"unknown executor '{spec}'; choose local, dask-local or dask://HOST:PORT")
    if importlib.util.find_spec("distributed") is None:
        raise ExecutorError(f"--executor {spec} needs Dask distributed: {_CLUSTER_EXTRA}")
    return DaskExecutor(jobs, None if spec == "dask-local" else f"tcp://{location}")


@dataclass(frozen=True)
class ToolchainCheck:
    """What a worker needs to score: the simulator, cocotb, the task folders and the run folder
    (scoring writes its artefacts there), the last two through a shared filesystem."""

    simulator: str
    task_folders: tuple[Path, ...]
    run_folder: Path

    def __call__(self) -> list[str]:
        return [*_simulator_problems(self.simulator), *_cocotb_problems(), *self._folder_problems()]

    def _folder_problems(self) -> list[str]:
        unreadable = [folder for folder in self.task_folders
                      if not (folder.is_dir() and os.access(folder, os.R_OK | os.X_OK))]
        problems = []
        if unreadable:
            problems.append(f"{len(unreadable)} of {len(self.task_folders)} task folders are not readable here, "
                            f"e.g. {unreadable[0]} (the workers need a shared filesystem)")
        if not os.access(self.run_folder, os.W_OK | os.X_OK):
            problems.append(f"the run folder {self.run_folder} is not writable here "
                            "(the workers need a shared filesystem)")
        return problems


def _simulator_problems(name: str) -> list[str]:
    simulator = get_simulator(name)
    executable = simulator.executable()
    if executable is None:
        return [f"{name} not found ({simulator.missing_hint()})"]
    if simulator.version() is None:
        return [f"{name} at {executable} does not run"]
    return []


def _cocotb_problems() -> list[str]:
    try:
        importlib.import_module("cocotb")
    except ImportError as error:
        return [f"cocotb cannot be imported ({error})"]
    return []


def _import_distributed() -> Any:
    try:
        return importlib.import_module("distributed")
    except ImportError:
        raise ExecutorError(f"Dask executors need Dask distributed: {_CLUSTER_EXTRA}") from None


def _in_process(function: Callable[[Unit], Value], units: Iterable[Unit]) -> Iterator[UnitOutcome[Unit, Value]]:
    for unit in units:
        try:
            value = function(unit)
        except Exception as error:  # noqa: BLE001 - one unit's failure is reported, the others go on
            yield UnitOutcome(unit, error=_describe(error))
        else:
            yield UnitOutcome(unit, value=value)


def _pool_context(module: str) -> multiprocessing.context.BaseContext:
    """Pool processes must not be forked from the parent, which has threads (model requests,
    sandbox workers): they come from a fork server, which imports the work's ``module`` once for
    all of them, or else they are spawned."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([module])  # takes effect when the server starts
    return context


def _exit_with(orchestrator: int) -> None:
    """In a pool process: exit once the process that hands out the work is gone. Pool processes
    wait on a queue that they themselves hold open, so without this they would outlive a
    ``kill -9`` of the run forever."""
    def watch() -> None:
        while True:
            time.sleep(_ORPHAN_POLL_S)
            try:
                os.kill(orchestrator, 0)
            except ProcessLookupError:
                os._exit(1)

    threading.Thread(target=watch, name="exit-with-orchestrator", daemon=True).start()


def _run_until_broken(function: Callable[[Unit], Value], feed: UnitFeed[Unit],
                      width: int) -> Generator[UnitOutcome[Unit, Value], None, list[Unit]]:
    """Run units from ``feed`` on a pool of ``width`` processes, yielding their outcomes, until
    none is left or a worker dies; returns the units in flight that the dead worker's pool lost.

    At most ``width`` units are submitted at a time, so a broken pool loses only units that were
    really running; the rest stay in ``feed``. While units run, new ones are looked for every
    :data:`_FEED_POLL_S`, so a free process gets a unit that arrives meanwhile."""
    with ProcessPoolExecutor(width, mp_context=_pool_context(function.__module__), initializer=_exit_with,
                             initargs=(os.getpid(),)) as pool:
        running: dict[Future, Unit] = {}
        while running or not feed.exhausted:
            for unit in feed.take(width - len(running), 0.0 if running else _FEED_POLL_S):
                running[pool.submit(function, unit)] = unit
            if not running:
                continue
            done, _ = wait(running, timeout=_FEED_POLL_S, return_when=FIRST_COMPLETED)
            if any(isinstance(future.exception(), BrokenProcessPool) for future in done):
                wait(running)  # a broken pool finishes every future: with a value or as lost
                lost = {future for future in running if isinstance(future.exception(), BrokenProcessPool)}
                yield from (_outcome(unit, future) for future, unit in running.items() if future not in lost)
                return [unit for future, unit in running.items() if future in lost]
            for future in done:
                yield _outcome(running.pop(future), future)
    return []


def _outcome(unit: Unit, future: Any) -> UnitOutcome:
    try:
        return UnitOutcome(unit, value=future.result())
    except Exception as error:  # noqa: BLE001 - the unit's own failure, or its worker's
        return UnitOutcome(unit, error=_describe(error))


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
