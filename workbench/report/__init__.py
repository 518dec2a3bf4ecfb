"""Reports: pass@k (unbiased estimator) with bootstrap intervals, failure breakdowns, formal and HLS
rates (``metrics``), and their Markdown and HTML rendering over one or more run folders (``render``)."""

from __future__ import annotations

from workbench._exports import lazy_exports

_MODULES = {
    "workbench.report.metrics": ("Summary", "PassAtK", "Breakdown", "FormalRates", "HlsRates", "summarize",
                                 "pass_at_k", "bootstrap_interval", "failure_kind"),
    "workbench.report.render": ("LoadedRun", "load_runs", "markdown", "html_report", "pipeline_label"),
}

__all__ = sorted(name for names in _MODULES.values() for name in names)
__getattr__ = lazy_exports(__name__, _MODULES)
