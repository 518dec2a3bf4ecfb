"""RTLLM, read from the user's local copy, as a suite of tasks with its own testbenches.

Layouts: 2.0 nests designs as ``<category>/<subcategory>/<design>/``, 1.x keeps them flat
(``<design>/``). A design folder holds ``design_description.txt`` (the prompt), ``testbench.v``, the
golden ``verified_*.v`` and sometimes data files the testbench reads from its working folder.

Facts the importer preserves: the answer's module name is the one ``testbench.v`` instantiates
(not the folder's name, which differs for several designs); golden modules named
``verified_<name>`` are renamed to it; the candidate is written as ``<design>.v`` next to the data
files; the run passes iff it prints "Your Design Passed" (its spacing varies) and no error or
failure line. RTLLM's own harness uses VCS; here it is Icarus (``-g2012``).
"""

from __future__ import annotations

import re
from pathlib import Path

from pyslang import ast, syntax

from workbench.hdl.interface import outline_design
from workbench.importers._importer import GOLDEN_SELF_TEST, ImportRequest, SuiteImporter
from workbench.importers._suite import (
    ImportedTask,
    ImportReport,
    Skipped,
    first_sentence,
    module_interface,
    write_imported_suite,
)
from workbench.task.format import Difficulty, HdlTestbench, TaskConfig, TaskFormatError, TaskKind

SUITE = "rtllm"
_PASS = r"(?i)your\s+design\s+passed"
_FAIL = r"(?i)\b(error|errors|failed|failure|failures)\b(?![\s:=]*0\b)"
_OWN_FILES = {"design_description.txt", "testbench.v", "makefile", "Makefile"}


class RtllmImporter(SuiteImporter):
    """Import RTLLM with its own testbenches, data files and pass banner, then self-test it."""

    source_help = "your copy of RTLLM (2.0 nested or 1.x flat layout)"
    simulators = GOLDEN_SELF_TEST
    auditable = True

    def import_suite(self, source: Path, request: ImportRequest) -> ImportReport:
        tasks, skipped, manifest = read_rtllm(source)
        return write_imported_suite(SUITE, tasks, request.out, manifest, skipped, request.user_errata,
                                    request.errata_folder, request.self_test_on(GOLDEN_SELF_TEST.default), request.jobs,
                                    progress=request.progress, audit=request.audit)


def read_rtllm(path: Path) -> tuple[list[ImportedTask], list[Skipped], dict]:
    """The designs of the RTLLM copy at ``path``, those that could not be imported, and the manifest."""
    nested = sorted(path.glob("*/*/*/design_description.txt"))
    layout = "2.0" if nested else "1.x"
    descriptions = nested or sorted(path.glob("*/design_description.txt"))
    if not descriptions:
        raise TaskFormatError(f"{path}: no */*/*/design_description.txt (2.0) or */design_description.txt (1.x): "
                              "is this an RTLLM copy?")
    tasks, skipped = [], []
    for description in descriptions:
        folder = description.parent
        try:
            tasks.append(_task(folder, path))
        except (OSError, UnicodeDecodeError, ValueError) as why:
            skipped.append(Skipped(folder.name, str(why)))
    return tasks, skipped, {"format": "rtllm", "layout": layout, "source": str(path)}


def _task(folder: Path, root: Path) -> ImportedTask:
    testbench = (folder / "testbench.v").read_text()
    dut, tb_top = _dut_and_top(testbench, folder / "testbench.v")
    golden_files = sorted(folder.glob("verified_*.v"))
    if len(golden_files) != 1:
        raise ValueError(f"{folder}: expected one verified_*.v, found {len(golden_files)}")
    golden, notes = _renamed(golden_files[0].read_text(), dut, golden_files[0].name)
    ports, parameters = module_interface(golden, dut, str(golden_files[0]))
    data_files = sorted(p.name for p in folder.iterdir()
                        if p.is_file() and p.name not in _OWN_FILES and p not in golden_files)
    description = (folder / "design_description.txt").read_text()
    category = "/".join(folder.relative_to(root).parts[:-1]) or "rtllm"
    bench = HdlTestbench(kind="hdl", top=tb_top, sources=["testbench.v"], candidate_file=f"{folder.name}.v",
                         pass_pattern=_PASS, fail_pattern=_FAIL, compile_flags=["-g2012"], data_files=data_files)
    config = TaskConfig(id=re.sub(r"[^a-z0-9_\-]", "_", folder.name.lower()), kind=TaskKind.SPEC_TO_RTL,
                        category=category.lower().replace(" ", "-"), difficulty=Difficulty.UNRATED, top=dut,
                        ports=ports, parameters=parameters, simulators=["icarus"], testbench=bench,
                        source_id=str(folder.relative_to(root)), prompt="design_description.txt", tags=["rtllm"])
    files = {"design_description.txt": description, "reference.sv": golden, "testbench.v": testbench}
    files |= {name: (folder / name).read_text() for name in data_files}
    return ImportedTask(config, summary=first_sentence(description), detailed=description, files=files, notes=notes)


def _dut_and_top(testbench: str, where: Path) -> tuple[str, str]:
    """The module the testbench instantiates without defining it (the design), and its own top."""
    compilation = ast.Compilation()
    compilation.addSyntaxTree(syntax.SyntaxTree.fromText(testbench, str(where)))
    tops = list(compilation.getRoot().topInstances)
    undefined: list[str] = []

    def visit(symbol) -> bool:
        if symbol.kind.name == "UninstantiatedDef" and symbol.definitionName not in undefined:
            undefined.append(symbol.definitionName)
        return True

    for top in tops:
        top.body.visit(visit)
    if len(tops) != 1 or len(undefined) != 1:
        raise ValueError(f"{where}: expected one top module instantiating one undefined design, found tops "
                         f"{[t.name for t in tops]} and undefined modules {undefined}")
    return undefined[0], tops[0].name


def _renamed(golden: str, dut: str, name: str) -> tuple[str, list[str]]:
    """The golden design with its top module called ``dut``, and a note when that took more than
    dropping the usual ``verified_`` prefix (several golden files name a different module)."""
    if re.search(rf"\bmodule\s+{re.escape(dut)}\b", golden):
        return golden, []
    renamed, count = re.subn(rf"\bmodule\s+verified_{re.escape(dut)}\b", f"module {dut}", golden, count=1)
    if count:
        return renamed, []
    outline = outline_design(golden)
    if outline is None or outline.top is None:
        raise ValueError(f"{name}: defines neither {dut} nor verified_{dut}, and has no top module")
    note = f"{name}: its top module is {outline.top}, but testbench.v instantiates {dut}: renamed for the self-test"
    return re.sub(rf"\bmodule\s+{re.escape(outline.top)}\b", f"module {dut}", golden, count=1), [note]
