"""HDL checks before simulation: the interface against the task's ports and the design outline
(``interface``, pyslang), constructs an answer may not use (``forbidden``), Verilator lint
(``lint``), Chisel answers compiled to Verilog by a sandboxed compile server (``chisel``) and
single-edit mutants of a design for auditing testbenches (``mutants``), SystemVerilog rewritten
for Yosys's parser (``yosys_compat``) and a design's reset read from the design (``reset``).

Names are loaded on first use: pyslang and the JVM are heavy."""

from __future__ import annotations

from workbench._exports import lazy_exports

_MODULES = {
    "workbench.hdl.interface": ("InterfaceReport", "check_interface", "DesignOutline", "outline_design",
                                "design_signals"),
    "workbench.hdl.forbidden": ("Forbidden", "forbidden_constructs"),
    "workbench.hdl.lint": ("LintMessage", "LintReport", "lint"),
    "workbench.hdl.chisel": ("ChiselBuild", "ChiselUnavailable", "compile_chisel", "missing_reason"),
    "workbench.hdl.mutants": ("Mutant", "MutantSet", "MutationError", "MutationOperator", "generate_mutants"),
    "workbench.hdl.yosys_compat": ("YosysSource", "rewrite_for_yosys"),
    "workbench.hdl.reset": ("reset_inputs", "reset_named"),
}

__all__ = sorted(name for names in _MODULES.values() for name in names)
__getattr__ = lazy_exports(__name__, _MODULES)
