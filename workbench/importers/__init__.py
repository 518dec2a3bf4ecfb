"""Importers of public benchmark formats into the workbench's task formats."""

from workbench.importers._suite import ImportedTask, ImportReport, Skipped, write_imported_suite
from workbench.importers.chrysalis import ChrysalisImport, import_chrysalis

__all__ = ["ChrysalisImport", "ImportReport", "ImportedTask", "Skipped", "import_chrysalis", "write_imported_suite"]
