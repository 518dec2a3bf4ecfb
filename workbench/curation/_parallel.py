"""One record-parallel loop for the stages whose work waits on child processes or model servers."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import TypeVar

from workbench.curation.record import Record

Finding = TypeVar("Finding")


def map_records(work: Callable[[Record], Finding], records: Iterable[Record], jobs: int, in_flight: int,
                failed: Callable[[Record, Exception], Finding], name: str) -> Iterator[Finding]:
    """``work(record)`` on ``jobs`` threads, yielding each result as soon as it is known (completion
    order). At most ``in_flight`` records are submitted at a time, so the input may be arbitrarily
    long and lazily produced. An exception out of ``work`` becomes ``failed(record, error)``: one
    record's trouble never stops the stage."""
    source = iter(records)
    pending: dict[Future, Record] = {}
    pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix=name)
    try:
        while True:
            while len(pending) < in_flight and (record := next(source, None)) is not None:
                pending[pool.submit(work, record)] = record
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                record = pending.pop(future)
                try:
                    yield future.result()
                except Exception as error:  # noqa: BLE001 - the record's own failure, reported as such
                    yield failed(record, error)
    finally:
        # The consumer may stop early: queued records are dropped, work under way ends within its limits.
        pool.shutdown(wait=True, cancel_futures=True)
