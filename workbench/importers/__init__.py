"""Importers of public benchmark formats into the workbench's task formats."""

from workbench.importers.chrysalis import ChrysalisImport, import_chrysalis

__all__ = ["ChrysalisImport", "import_chrysalis"]
