"""Reports: pass@k (unbiased estimator) with bootstrap intervals, failure breakdowns, formal and HLS
rates, the second pass@k of passes equivalent to the reference (``metrics``); a run's figures as one
versioned object, written to ``results.json`` and compared across runs (``results``); their Markdown
and HTML rendering (``render``)."""

from __future__ import annotations

from workbench._exports import lazy_exports

_MODULES = {
    "workbench.report.metrics": ("Summary", "PassAtK", "Breakdown", "TaskOutcome", "FormalRates", "HlsRates",
                                 "EquivalenceCounts", "EquivalenceGap", "summarize", "pass_at_k",
                                 "pass_at_k_over_tasks", "bootstrap_interval", "failure_kind"),
    "workbench.report.results": ("RunResults", "ReportResults", "CommonTasks", "PairedComparison", "Usage",
                                 "ModelErrors", "RESULTS_SCHEMA_VERSION", "run_results", "write_results",
                                 "report_results", "pipeline_label", "MalformedTask", "MalformedTasks"),
    "workbench.report.render": ("LoadedRun", "load_runs", "markdown", "markdown_of", "html_report"),
}

__all__ = sorted(name for names in _MODULES.values() for name in names)
__getattr__ = lazy_exports(__name__, _MODULES)
