"""Live progress on stderr: rich bars on a terminal, a plain line every few seconds when stderr is
piped (logs of CI and batch jobs stay readable), nothing with ``--quiet``.

A :class:`Progress` holds named tracks (``generate accel``, ``score accel``, ``checking``), each
with its count, an optional total and a short status (``7 passed``), and a footer (tokens and
cost so far). Tracks are updated from worker threads, so every update takes the lock.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Self

from rich.console import Console, RenderableType
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as RichProgress
from rich.text import Text

from workbench.cli._common import err

# Seconds between plain lines; $RTLWB_PROGRESS_INTERVAL sets it (tests of piped output use a short one).
PLAIN_INTERVAL_S = float(os.environ.get("RTLWB_PROGRESS_INTERVAL", "10"))


@dataclass
class _Track:
    label: str
    total: int | None
    done: int = 0
    status: str = ""
    started: float = field(default_factory=time.monotonic)
    rich_id: TaskID | None = None

    def line(self) -> str:
        count = f"{self.done}/{self.total}" if self.total is not None else str(self.done)
        elapsed = time.monotonic() - self.started
        parts = [f"{self.label} {count}"]
        if self.status:
            parts.append(self.status)
        if self.done and elapsed > 0:
            rate = self.done / elapsed
            parts.append(f"{rate * 60:.1f}/min")
            if self.total is not None and self.done < self.total:
                parts.append(f"ETA {_duration((self.total - self.done) / rate)}")
        return ", ".join(parts)


class Progress:
    """``with Progress(enabled) as progress: track = progress.add("score accel", 45); progress.advance(track)``."""

    def __init__(self, enabled: bool = True, console: Console = err, interval_s: float = PLAIN_INTERVAL_S) -> None:
        self.enabled = enabled
        self.console = console
        self.interval_s = interval_s
        self._tracks: list[_Track] = []
        self._footer = ""
        self._lock = threading.Lock()
        self._live = enabled and console.is_terminal
        self._rich: _RichWithFooter | None = None
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def __enter__(self) -> Self:
        if self._live:
            self._rich = _RichWithFooter(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                      TextColumn("{task.fields[status]}"), TimeElapsedColumn(), TimeRemainingColumn(),
                                      console=self.console, transient=False)
            self._rich.start()
        elif self.enabled:
            self._ticker = threading.Thread(target=self._tick, name="progress-lines", daemon=True)
            self._ticker.start()
        return self

    def __exit__(self, error_type: type[BaseException] | None, *exc_info: object) -> None:
        if self._rich is not None:
            self._rich.stop()
        elif self._ticker is not None:
            self._stop.set()
            self._ticker.join()
            if error_type is None:  # a last line of counts would stand before the error's message
                self._print_lines()

    def add(self, label: str, total: int | None = None) -> int:
        """A new track; returns its handle."""
        with self._lock:
            track = _Track(label, total)
            if self._rich is not None:
                track.rich_id = self._rich.add_task(escape(label), total=total, status="")
            self._tracks.append(track)
            return len(self._tracks) - 1

    def advance(self, handle: int, amount: int = 1, status: str | None = None) -> None:
        with self._lock:
            track = self._tracks[handle]
            track.done += amount
            if status is not None:
                track.status = status
            if self._rich is not None and track.rich_id is not None:
                self._rich.update(track.rich_id, advance=amount, status=escape(track.status))

    def set_total(self, handle: int, total: int) -> None:
        with self._lock:
            track = self._tracks[handle]
            track.total = total
            if self._rich is not None and track.rich_id is not None:
                self._rich.update(track.rich_id, total=total)

    def footer(self, text: str) -> None:
        """One line under the tracks (tokens and cost so far)."""
        with self._lock:
            self._footer = text
            if self._rich is not None:
                self._rich.footer = text
                self._rich.refresh()

    def note(self, message: str) -> None:
        """A message above the tracks (rich markup allowed); printed at once in every mode but quiet."""
        if self.enabled:
            self.console.print(message, highlight=False)

    def _tick(self) -> None:
        while not self._stop.wait(self.interval_s):
            self._print_lines()

    def _print_lines(self) -> None:
        with self._lock:
            lines = [track.line() for track in self._tracks]
            if self._footer:
                lines.append(self._footer)
        if lines:
            self.console.print(escape(" | ".join(lines)), highlight=False, soft_wrap=True)


class _RichWithFooter(RichProgress):
    """Rich's progress display with a line of plain text under its bars."""

    footer = ""

    def get_renderables(self) -> Iterable[RenderableType]:
        yield self.make_tasks_table(self.tasks)
        if self.footer:
            yield Text(self.footer)


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
