"""HLS code judged by execution: g++ builds of a kernel and its testbench, C simulation plain and
sanitized, random vectors against the golden kernel (``csim``), and the static pragma checker on
libclang's syntax tree (``pragmas``). The kernels' and bugs' format is in :mod:`workbench.task.hls`."""

from __future__ import annotations

from workbench._exports import lazy_exports

_MODULES = {
    "workbench.hls.csim": ("HlsCheck", "CheckOutcome", "HarnessFailure", "build", "run", "score_kernel",
                           "golden_vectors", "toolchain_problem"),
    "workbench.hls.pragmas": ("check_pragmas",),
}

__all__ = sorted(name for names in _MODULES.values() for name in names)
__getattr__ = lazy_exports(__name__, _MODULES)
