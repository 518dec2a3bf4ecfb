"""The run folder: ``run.json`` (the grouped :class:`RunConfig`, tool versions, the scorers),
``completions.jsonl``, ``samples.jsonl`` and ``equivalence.jsonl`` (append-only journals, so a
killed run resumes), and a SQLite index rebuilt from them. Old run folders keep loading: flat
configurations and flat sample lines are read into today's models."""

from __future__ import annotations

from workbench._exports import lazy_exports

_MODULES = {
    "workbench.log.run": ("RunConfig", "Selection", "ModelSettings", "SolverSettings", "ScoringSettings", "RunInfo",
                          "RunLog", "RunConflictError", "CompletionRecord", "RepairRound", "SampleRecord",
                          "ScoringRecord", "ModelErrorRecord", "EquivalenceRecord", "SynthesisRecord"),
}

__all__ = sorted(name for names in _MODULES.values() for name in names)
__getattr__ = lazy_exports(__name__, _MODULES)
