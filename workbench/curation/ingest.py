"""Ingest: raw hardware code into records, one per module, each with the modules it needs.

Sources are folders of Verilog, SystemVerilog and Chisel, code tables (JSON Lines, JSON, parquet,
folders written by ``save_to_disk``) and Hugging Face datasets (``hf:NAME``). Every file or row
either becomes records or is rejected with a reason: binary junk, oversized files, undecodable
text and code with no complete module never reach the later stages silently.

Splitting is textual (``module ... endmodule`` pairs, instantiations found by name with comments
and strings blanked out) so that broken code still becomes records whose verification says what
is wrong; the parser's verdict comes in the verify stage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from workbench._tables import (
    CODE_COLUMNS,
    DESCRIPTION_COLUMNS,
    DataFileError,
    TableSpec,
    is_saved_dataset,
    optional_module,
    pick_column,
    read_table,
)
from workbench.answer.extract import module_definitions
from workbench.curation.record import Language, Provenance, Record, Rejection, record_id
from workbench.errors import WorkbenchError

MAX_FILE_BYTES = 1_000_000
HDL_LANGUAGES = {".v": Language.VERILOG, ".sv": Language.SYSTEMVERILOG}
CHISEL_SUFFIX = ".scala"
LICENSE_FILES = ("LICENSE", "LICENSE.txt", "LICENSE.md", "COPYING")
HUB_PREFIX = "hf:"
_TESTBENCH_STEM = re.compile(r"(^tb_|_tb$|_tb_|^test_|_test$|_testbench$|^testbench)", re.IGNORECASE)
_BLANKED = re.compile(r'//[^\n]*|/\*.*?(?:\*/|\Z)|"(?:\\.|[^"\\\n])*"?', re.DOTALL)
# module_name [#(parameters)] instance_name [array range] (
_INSTANCE = re.compile(r"(?<![\w$`.'])([A-Za-z_]\w*)(?:\s*#\s*\((?:[^()]|\([^()]*\))*\)\s*|\s+)"
                       r"([A-Za-z_]\w*)\s*(?:\[[^\]]*\]\s*)?\(")
_PREAMBLE = re.compile(r"^[ \t]*`(timescale|define|default_nettype)\b[^\n]*", re.MULTILINE)
_COMMENT_LINES = re.compile(r"^[ \t]*//+ ?([^\n]*)", re.MULTILINE)
_SPDX = re.compile(r"SPDX-License-Identifier:\s*([\w.\-+ ()]+?)\s*(?:\*/)?$", re.MULTILINE)
_CHISEL_CLASS = re.compile(r"^\s*(?:class|object)\s+(\w+)[^{;]*?\bextends\s+(?:Raw)?Module\b", re.MULTILINE)
_PORTS = re.compile(r"^\s*module\s+\w+\s*(?:#\s*\((?:[^()]|\([^()]*\))*\)\s*)?\(\s*\S", re.DOTALL)
# Words that look like the start of an instantiation but are declarations or statements.
_NOT_MODULES = frozenset("""
always always_comb always_ff always_latch and assert assign assume automatic begin bit buf bufif0 bufif1 byte case casex
casez cmos cover default defparam disable else end endcase endfunction endgenerate endmodule endtask enum for forever
function generate genvar if initial inout input int integer localparam logic module nand nmos nor not notif0 notif1 or
output packed parameter pmos posedge negedge property pulldown pullup rcmos real reg repeat return rnmos rpmos rtran
rtranif0 rtranif1 sequence shortint signed static struct supply0 supply1 task time tran tranif0 tranif1 tri tri0 tri1
typedef union unique unsigned void wait wand while wire wor xnor xor
""".split())
_PRIMITIVES = frozenset("and buf bufif0 bufif1 nand nmos nor not notif0 notif1 or pmos xnor xor".split())


class IngestError(WorkbenchError):
    """A source that cannot be read at all (no such folder, an unreadable table, an unknown dataset)."""


@dataclass(frozen=True)
class IngestOptions:
    max_bytes: int = MAX_FILE_BYTES
    license: str | None = None  # the source's license when it does not say (a LICENSE file or column wins)


@dataclass
class IngestReport:
    source: str
    records: list[Record] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    files: int = 0  # files or rows looked at
    ignored: int = 0  # files of other kinds in a folder (documentation, scripts, build output)
    tasks_skipped: int = 0  # benchmark task folders inside a folder (with a task.toml): never ingested


def ingest(source: str | Path, options: IngestOptions = IngestOptions()) -> IngestReport:
    """The records and rejections of one source; raises :class:`IngestError` when it cannot be read."""
    text = str(source)
    try:
        if text.startswith(HUB_PREFIX):
            return _ingest_hub(text, options)
        spec = TableSpec.parse(text)
        path = spec.path.expanduser()
        if not path.exists():
            raise IngestError(f"{path}: no such folder, file or dataset")
        if path.is_dir() and not is_saved_dataset(path):
            return _ingest_folder(path, text, options)
        if path.suffix in HDL_LANGUAGES or path.suffix == CHISEL_SUFFIX:
            return _ingest_files(path.parent, [path], text, options)
        columns, rows = read_table(TableSpec(path, spec.code_column, spec.description_column, spec.split))
        return _ingest_rows(text, path, columns, rows, spec, options)
    except DataFileError as problem:
        raise IngestError(str(problem)) from None


# -- folders ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Module:
    name: str
    text: str
    file: Path
    preamble: tuple[str, ...]
    language: Language
    license: str | None
    description: str | None = None

    @property
    def key(self) -> tuple[Path, str]:
        return self.file, self.name


def _ingest_folder(folder: Path, source: str, options: IngestOptions) -> IngestReport:
    # A benchmark task's folder (its task.toml) holds what decontamination guards, and an rtl-optimize
    # task's given design is inefficient on purpose: its files are never training data.
    tasks = {toml.parent for toml in folder.rglob("task.toml")}
    files = sorted(p for p in folder.rglob("*")
                   if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
                   and not any(parent in tasks for parent in p.parents))
    wanted = [p for p in files if p.suffix in HDL_LANGUAGES or p.suffix == CHISEL_SUFFIX]
    report = _ingest_files(folder, wanted, source, options)
    report.ignored = len(files) - len(wanted)
    report.tasks_skipped = len(tasks)
    return report


def _ingest_files(root: Path, files: list[Path], source: str, options: IngestOptions) -> IngestReport:
    report = IngestReport(source, files=len(files))
    folder_license = options.license or _license_file(root)
    modules: list[_Module] = []
    testbenches: list[_Module] = []
    for file in files:
        where = file.relative_to(root).as_posix() if file != root else file.name
        text, problem = _read_source(file, options.max_bytes)
        if problem:
            report.rejections.append(Rejection(source=source, path=where, reason=problem))
            continue
        license_ = _spdx(text) or folder_license
        if file.suffix == CHISEL_SUFFIX:
            record = _chisel_record(text, Provenance(source=source, path=where, license=license_))
            if isinstance(record, Rejection):
                report.rejections.append(record)
            else:
                report.records.append(record)
            continue
        found = module_definitions(text)
        if not found:
            report.rejections.append(Rejection(source=source, path=where, reason=_why_no_module(text)))
            continue
        preamble = _preamble(text)
        notes = _notes(file, len(found))
        cursor = 0
        for name, module_text in found:
            start = text.index(module_text, cursor)
            description = notes or _comment_block(text[cursor:start])
            cursor = start + len(module_text)
            module = _Module(name, module_text, file, preamble, HDL_LANGUAGES[file.suffix], license_, description)
            (testbenches if _is_testbench(file, module_text) else modules).append(module)
    library = _Library(modules)
    benches = _testbenches_by_design(testbenches, library, root, source, report)
    for module in modules:
        where = module.file.relative_to(root).as_posix() if module.file != root else module.file.name
        provenance = Provenance(source=source, path=where, license=module.license)
        report.records.append(_hdl_record(module, library, provenance, testbench=benches.get(module.key),
                                          description=module.description))
    return report


class _Library:
    """The modules of one source by name. Scraped corpora reuse names (every project has a `top`),
    so an instance resolves to the module of that name nearest to the instantiating file: the same
    file, else the same folder, else the longest shared path."""

    def __init__(self, modules: list[_Module]) -> None:
        self.by_name: dict[str, list[_Module]] = {}
        for module in modules:
            self.by_name.setdefault(module.name, []).append(module)

    def resolve(self, name: str, user: _Module) -> _Module | None:
        candidates = self.by_name.get(name)
        if not candidates:
            return None
        return max(candidates, key=lambda c: (c.file == user.file, _shared_parts(c.file, user.file)))


def _shared_parts(one: Path, other: Path) -> int:
    shared = 0
    for a, b in zip(one.parent.parts, other.parent.parts):
        if a != b:
            break
        shared += 1
    return shared


def _read_source(file: Path, max_bytes: int) -> tuple[str, str | None]:
    """The file's text, or why it is not usable source code."""
    try:
        size = file.stat().st_size
        if size > max_bytes:
            return "", _too_large(size, max_bytes)
        data = file.read_bytes()
    except OSError as problem:
        return "", f"cannot read ({problem.strerror})"
    return _decode(data)


def _decode(data: bytes) -> tuple[str, str | None]:
    if b"\0" in data:
        return "", "binary data (NUL bytes), not source code"
    text = data.decode("utf-8", errors="replace")
    undecodable = text.count("\ufffd")
    # Legacy encodings in a few comments are common in scraped code; mostly undecodable bytes is not code.
    if undecodable > max(8, len(text) // 100):
        return "", f"not UTF-8 text ({undecodable} undecodable bytes of {len(data)})"
    if not text.strip():
        return "", "empty file"
    return text, None


def _too_large(size: int, limit: int) -> str:
    return f"{size / 1_000_000:.1f} MB, over the {limit / 1_000_000:.1f} MB limit (--max-bytes)"


def _license_file(root: Path) -> str | None:
    for name in LICENSE_FILES:
        path = root / name
        if path.is_file():
            first = next((line.strip() for line in path.read_text(errors="replace").splitlines() if line.strip()), "")
            return first[:80] or None
    return None


def _spdx(text: str) -> str | None:
    found = _SPDX.search(text[:4000])
    return found.group(1).strip() if found else None


def _notes(file: Path, modules: int) -> str | None:
    """A description shipped beside the file: NAME.md, or description.md for a file of one module."""
    for notes in (file.with_suffix(".md"), *([file.parent / "description.md"] if modules == 1 else [])):
        if notes.is_file():
            text = notes.read_text(errors="replace").strip()
            return text or None
    return None


def _comment_block(text: str) -> str | None:
    """The comments just before a module (its header), without the license line."""
    lines = [line.strip() for line in _COMMENT_LINES.findall(text)]
    kept = [line for line in lines if line and "SPDX-License-Identifier" not in line]
    return "\n".join(kept) or None


def _preamble(text: str) -> tuple[str, ...]:
    """The file's `timescale, `define and `default_nettype lines: its modules may depend on them."""
    return tuple(found.group(0).strip() for found in _PREAMBLE.finditer(text))


def _why_no_module(text: str) -> str:
    if re.search(r"^[ \t]*module\s+\w+", text, re.MULTILINE):
        return "a module starts but never reaches `endmodule` (truncated file?)"
    return "no Verilog module (`module ... endmodule`) in the file"


def _blank(text: str) -> str:
    """Comments and strings replaced by spaces: what they contain is not code."""
    return _BLANKED.sub(lambda match: " " * len(match.group(0)), text)


def instantiated(module_text: str) -> list[str]:
    """Names of the modules ``module_text`` instantiates, in order of first appearance."""
    body = _blank(module_text)
    header_end = body.find(";")
    names = []
    for found in _INSTANCE.finditer(body, header_end + 1 if header_end >= 0 else 0):
        name = found.group(1)
        if name not in _NOT_MODULES and found.group(2) not in _NOT_MODULES and name not in names:
            names.append(name)
    return names


def _is_testbench(file: Path, module_text: str) -> bool:
    """Named like a testbench, or a module without ports that drives time itself."""
    if _TESTBENCH_STEM.search(file.stem):
        return True
    has_ports = _PORTS.match(_blank(module_text)) is not None
    return not has_ports and re.search(r"\$finish|\$stop", module_text) is not None


def _testbenches_by_design(testbenches: list[_Module], library: _Library, root: Path, source: str,
                           report: IngestReport) -> dict[tuple[Path, str], str]:
    """Each testbench attached to the design it instantiates (its own helper modules included)."""
    attached: dict[tuple[Path, str], str] = {}
    helpers = {bench.name: bench for bench in testbenches}
    for bench in testbenches:
        where = f"{bench.file.relative_to(root).as_posix()}:{bench.name}"
        designs = [found for name in instantiated(bench.text) if (found := library.resolve(name, bench))]
        if any(bench.name in instantiated(other.text) for other in testbenches):
            continue  # a helper of another testbench
        if not designs:
            report.rejections.append(Rejection(source=source, path=where, reason=(
                "a testbench whose design is not in the source (it instantiates "
                f"{', '.join(instantiated(bench.text)) or 'nothing'})")))
            continue
        used = [helpers[name].text for name in instantiated(bench.text) if name in helpers]
        attached.setdefault(designs[0].key, "\n\n".join([*bench.preamble, *used, bench.text]) + "\n")
    return attached


def _hdl_record(module: _Module, library: _Library, provenance: Provenance,
                testbench: str | None = None, description: str | None = None) -> Record:
    parts, missing = _dependencies(module, library)
    order = [part.name for part in parts]
    preamble = list(dict.fromkeys(line for part in [*parts, module] for line in part.preamble))
    code = "\n\n".join([*preamble, *(part.text for part in parts), module.text]) + "\n"
    return Record(id=record_id(provenance, module.name, code), language=module.language, top=module.name, code=code,
                  dependencies=order, missing=missing, provenance=provenance, testbench=testbench,
                  description=description)


def _dependencies(top: _Module, library: _Library) -> tuple[list[_Module], list[str]]:
    """The modules ``top`` needs, transitively, each after its own dependencies; and the names of
    those the source does not define."""
    order: list[_Module] = []
    missing: list[str] = []
    seen: set[str] = {top.name}

    def visit(module: _Module) -> None:
        for child in instantiated(module.text):
            if child in seen or child in _PRIMITIVES:
                continue
            seen.add(child)
            found = library.resolve(child, module)
            if found is None:
                missing.append(child)
                continue
            visit(found)
            order.append(found)

    visit(top)
    return order, missing


def _chisel_record(text: str, provenance: Provenance) -> Record | Rejection:
    classes = _CHISEL_CLASS.findall(text)
    if not classes:
        return Rejection(source=provenance.source, path=provenance.path,
                         reason="no Chisel module (a class extending Module or RawModule) in the file")
    stem = Path(provenance.path).stem
    top = stem if stem in classes else classes[-1]
    return Record(id=record_id(provenance, top, text), language=Language.CHISEL, top=top, code=text,
                  dependencies=[name for name in classes if name != top], provenance=provenance)


# -- tables -------------------------------------------------------------------------------------

def _ingest_rows(source: str, path: Path, columns: list[str], rows: Iterable[dict], spec: TableSpec,
                 options: IngestOptions) -> IngestReport:
    code_column = pick_column(path, columns, spec.code_column, CODE_COLUMNS, "code")
    description_column = pick_column(path, columns, spec.description_column, DESCRIPTION_COLUMNS, "description",
                                     required=False)
    report = IngestReport(source)
    for number, row in enumerate(rows):
        report.files += 1
        where = f"row {number}"
        code = row.get(code_column)
        if not isinstance(code, str) or not code.strip():
            report.rejections.append(Rejection(source=source, path=where, reason=f"no code in column '{code_column}'"))
            continue
        if len(code.encode()) > options.max_bytes:
            report.rejections.append(Rejection(source=source, path=where, reason=_too_large(len(code.encode()),
                                                                                          options.max_bytes)))
            continue
        if "\0" in code:
            report.rejections.append(Rejection(source=source, path=where,
                                               reason="binary data (NUL bytes), not source code"))
            continue
        license_ = _text_field(row, "license") or options.license
        provenance = Provenance(source=source, path=where, license=license_)
        description = _text_field(row, description_column) if description_column else None
        report.records.extend(_row_records(code, provenance, description, _text_field(row, "testbench"),
                                           _text_field(row, "language"), report))
    return report


def _text_field(row: dict, column: str) -> str | None:
    value = row.get(column)
    return value if isinstance(value, str) and value.strip() else None


def _row_records(code: str, provenance: Provenance, description: str | None, testbench: str | None,
                 language: str | None, report: IngestReport) -> list[Record]:
    """One record per module of the row (a row's modules are each other's dependencies); the
    row's description and testbench belong to its top module (the one no other instantiates)."""
    if language == "chisel" or (_CHISEL_CLASS.search(code) and not module_definitions(code)):
        record = _chisel_record(code, provenance)
        if isinstance(record, Rejection):
            report.rejections.append(record)
            return []
        return [record.model_copy(update={"description": description})]
    found = module_definitions(code)
    if not found:
        report.rejections.append(Rejection(source=provenance.source, path=provenance.path, reason=_why_no_module(code)))
        return []
    kind = Language.SYSTEMVERILOG if language == "systemverilog" or _looks_systemverilog(code) else Language.VERILOG
    preamble = _preamble(code)
    modules = [_Module(name, text, Path(provenance.path), preamble, kind, provenance.license) for name, text in found]
    library = _Library(modules)
    used = {child for module in modules for child in instantiated(module.text)}
    top = next((module for module in modules if module.name not in used), modules[0])
    return [_hdl_record(module, library, provenance,
                        testbench=testbench if module is top else None,
                        description=description if module is top else None)
            for module in modules]


def _looks_systemverilog(code: str) -> bool:
    return re.search(r"\b(logic|always_ff|always_comb|typedef|interface|package)\b", _blank(code)) is not None


def _ingest_hub(text: str, options: IngestOptions) -> IngestReport:
    spec = TableSpec.parse(text[len(HUB_PREFIX):])
    name = str(spec.path)
    datasets = optional_module("datasets", Path(name))
    try:
        dataset = datasets.load_dataset(name, split=spec.split or "train")
    except Exception as problem:  # noqa: BLE001 - the hub client raises many kinds (offline, unknown, gated)
        first = str(problem).strip().splitlines()[0] if str(problem).strip() else type(problem).__name__
        raise IngestError(f"{text}: cannot load the Hugging Face dataset ({first}); offline, use a local copy: "
                          "a folder written by save_to_disk, parquet or JSON Lines") from None
    return _ingest_rows(text, Path(name), dataset.column_names, iter(dataset), spec, options)
