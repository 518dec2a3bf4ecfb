"""Model answers: the code in them, per language (``extract``: Verilog/SystemVerilog modules,
Chisel's Scala), and a candidate's identity for sharing verdicts between identical answers (``key``)."""

from __future__ import annotations

from workbench._exports import lazy_exports

_MODULES = {
    "workbench.answer.extract": ("Extraction", "ExtractionError", "extract_verilog", "extract_scala",
                                 "module_definitions", "extract_properties", "extract_fix", "localization"),
    "workbench.answer.key": ("candidate_key",),
}

__all__ = sorted(name for names in _MODULES.values() for name in names)
__getattr__ = lazy_exports(__name__, _MODULES)
