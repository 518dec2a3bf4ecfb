"""Where the workbench keeps what it can rebuild (the cache folder), and how it writes a file that
readers must never see half-written; light enough for any module."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """Response, embedding and compiler caches: ``$RTLWB_CACHE``, by default ``~/.cache/rtlwb``."""
    return Path(os.environ.get("RTLWB_CACHE", Path.home() / ".cache" / "rtlwb"))


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a reader sees the old file or the new one, never a part:
    a file of this process beside it, then renamed over it (several processes may write one path)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.write_text(text)
    os.replace(partial, path)
