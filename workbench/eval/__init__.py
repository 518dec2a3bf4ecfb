"""Evaluation: the benchmark loop (generate, evaluate, resume), where scoring runs (local processes
or a Dask cluster), the golden self-test of suites, the mutation audit of their testbenches and the
toolchain doctor.

Names are loaded on first use: the loop pulls in every scorer and model provider.
"""

from __future__ import annotations

from workbench._exports import lazy_exports

_MODULES = {
    "workbench.eval.bench": ("Bench", "BenchStats", "SelectionError", "TaskSelection", "default_run_id",
                             "replay_selection", "select_tasks"),
    "workbench.eval.units": ("Candidate", "ScoringUnit", "EquivalenceUnit", "SynthesisUnit", "score_unit", "check_unit",
                             "synthesize_unit", "run_unit", "synthesizes",
                             "compares_with_reference", "split_evenly"),
    "workbench.eval.executor": ("Executor", "ExecutorError", "LocalExecutor", "DaskExecutor", "UnitOutcome",
                                "ToolchainCheck", "get_executor"),
    "workbench.eval.selftest": ("check_suite", "check_assertion_suite", "check_hls_suite", "CheckSummary",
                                "AssertionCheckSummary", "HlsCheckSummary"),
    "workbench.eval.toolchain": ("ToolCheck", "run_checks", "all_required_ok"),
    "workbench.eval.audit": ("AuditError", "AuditProgress", "AuditReport", "AuditStatus", "Survivor", "TaskAudit",
                             "audit_suite", "replay_module", "replay_test"),
}

__all__ = sorted(name for names in _MODULES.values() for name in names)
__getattr__ = lazy_exports(__name__, _MODULES)
