"""Formal verification with open tools: the SVA subset lowered to monitors Yosys can read (``sva``),
SymbiYosys runs in the sandbox (``sby``), the open judge of assertions (``judge``: proven, cex,
unknown, vacuous), property equivalence for nl2sva (``equivalence``), the cross-check of the
lowering against Verilator's own SVA simulation (``crosscheck``) and the equivalence of an answer's
design with the task's reference (``design_equivalence``)."""

from __future__ import annotations

from workbench._exports import lazy_exports

_MODULES = {
    "workbench.formal.sva": ("Assertion", "Lowered", "SvaSyntaxError", "Unsupported", "parse_assertions",
                             "lower_all"),
    "workbench.formal.sby": ("FormalOutcome", "run_sby", "missing_tools", "canary_problem"),
    "workbench.formal.judge": ("AssertionVerdict", "JudgeReport", "SetVerdict", "SourceFiles", "judge", "judge_set",
                               "syntax_errors"),
    "workbench.formal.equivalence": ("Relation", "compare_properties"),
    "workbench.formal.crosscheck": ("CrossCheck", "crosscheck", "crosscheck_constructs"),
    "workbench.formal.design_equivalence": ("EquivalenceStatus", "EquivalenceVerdict", "Counterexample", "CycleValues",
                                            "ReplayError", "check_equivalence", "replay_counterexample"),
}

__all__ = sorted(name for names in _MODULES.values() for name in names)
__getattr__ = lazy_exports(__name__, _MODULES)
