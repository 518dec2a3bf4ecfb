"""Importers of public benchmark formats into the workbench's task formats: one
:class:`SuiteImporter` per suite format, found by name in :data:`IMPORTERS` (see ``_registry.py``
for adding one), whose suites may be audited on import (``_audit.py``: testbench gaps as errata);
Chrysalis-style bugs applied to the user's HLS kernels."""

from workbench.importers._audit import AuditFigures, ImportAudit, gap_note
from workbench.importers._importer import ImportRequest, SimulatorChoice, SuiteImporter
from workbench.importers._registry import IMPORTERS, get_importer
from workbench.importers._suite import ImportedTask, ImportReport, SelfTestProgress, Skipped, write_imported_suite
from workbench.importers.chrysalis import ChrysalisImport, import_chrysalis

__all__ = [
    "IMPORTERS", "ImportRequest", "SimulatorChoice", "SuiteImporter", "get_importer",
    "ImportReport", "ImportedTask", "SelfTestProgress", "Skipped", "write_imported_suite",
    "AuditFigures", "ImportAudit", "gap_note",
    "ChrysalisImport", "import_chrysalis",
]
