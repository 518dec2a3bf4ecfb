"""Synthesis figures of a design (``figures``): generic gates and flip-flops, the AND-inverter graph
and LUT-6 mapping after ABC, and with a Liberty library its cells and area; each with the recipe
that reproduces it (docs/synthesis.md)."""

from __future__ import annotations

from workbench._exports import lazy_exports

_MODULES = {
    "workbench.synth.figures": ("DesignFile", "LibraryFigures", "LibraryInfo", "SynthFigures", "SynthInputError",
                                "SynthRecipe", "SynthStatus", "reproduce", "synthesize", "task_figures"),
}

__all__ = sorted(name for names in _MODULES.values() for name in names)
__getattr__ = lazy_exports(__name__, _MODULES)
