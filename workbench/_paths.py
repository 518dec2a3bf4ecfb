"""Where the workbench keeps what it can rebuild: the cache folder, light enough for any module."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """Response, embedding and compiler caches: ``$RTLWB_CACHE``, by default ``~/.cache/rtlwb``."""
    return Path(os.environ.get("RTLWB_CACHE", Path.home() / ".cache" / "rtlwb"))
