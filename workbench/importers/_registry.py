"""Importers by name (the ``rtlwb import NAME`` command), each as ``"module:Class"``, imported
when asked for. Adding an importer: a module with its :class:`SuiteImporter` (see ``rtllm.py``)
and one line here."""

from __future__ import annotations

from workbench._exports import load
from workbench.importers._importer import SuiteImporter

IMPORTERS = {
    "verilog-eval": "workbench.importers.verilog_eval:VerilogEvalImporter",
    "rtllm": "workbench.importers.rtllm:RtllmImporter",
    "cvdp": "workbench.importers.cvdp:CvdpImporter",
    "assertionbench": "workbench.importers.assertionbench:AssertionBenchImporter",
    "fveval": "workbench.importers.fveval:FvevalImporter",
}


def get_importer(name: str) -> type[SuiteImporter]:
    if name not in IMPORTERS:
        raise ValueError(f"unknown importer '{name}'; choose one of: {', '.join(IMPORTERS)}")
    return load(IMPORTERS[name])
