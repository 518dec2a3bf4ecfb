"""The static HLS pragma checker: pragma bugs that g++ cannot see (it ignores `#pragma HLS`).

Built on clang's syntax tree (libclang) for the kernel function, its parameters, arrays and loops,
with clang evaluating constant loop bounds and array sizes; each `#pragma HLS` line belongs to the
innermost loop body (or the function body) that contains it. The rules are those of
docs/hls-tasks.md: array partitioning, dataflow placement and streams, interface modes, nested
pipelines, unroll factors. Verdicts of this checker are labelled "static".
"""

from __future__ import annotations

import ctypes
import functools
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_PRAGMA = re.compile(r"^\s*#\s*pragma\s+HLS\s+(\w+)(.*)$", re.IGNORECASE | re.MULTILINE)
_OPTION = re.compile(r"(\w+)\s*=\s*([\w:]+)")
_SOURCE_NAME = "kernel.cpp"


@dataclass
class _Loop:
    variable: str
    trips: int | None  # None: not a compile-time constant
    body: tuple[int, int]  # lines
    pragmas: dict[str, dict[str, str]] = field(default_factory=dict)  # directive -> options
    children: list[_Loop] = field(default_factory=list)
    indexed: dict[str, set[int]] = field(default_factory=dict)  # array -> dimensions indexed by the variable


@dataclass
class _Kernel:
    parameters: dict[str, str]  # name -> type spelling
    arrays: dict[str, list[int | None]]  # name -> size of each dimension
    loops: list[_Loop]  # outermost first
    body: tuple[int, int]
    top_pragmas: list[tuple[int, str, dict[str, str]]] = field(default_factory=list)
    streams: dict[str, int] = field(default_factory=dict)  # local hls::stream -> processes that use it


def check_pragmas(source: str, top: str, ap_types: Path | None, include: Path) -> list[str]:
    """The rule violations of the HLS pragmas of ``source`` (the kernel ``top`` and the functions
    beside it); empty when all is well."""
    functions = _analyse(source, ap_types, include)
    if top not in functions:
        return [f"no definition of the kernel function `{top}` to check the pragmas of"]
    pragmas = [(source.count("\n", 0, m.start()) + 1, m.group(1).upper(), _options(m.group(2)))
               for m in _PRAGMA.finditer(source)]
    problems: list[str] = []
    for kernel in functions.values():
        mine = [p for p in pragmas if kernel.body[0] <= p[0] <= kernel.body[1]]
        for line, directive, options in mine:
            loop = _innermost(kernel.loops, line)
            if loop is not None:
                loop.pragmas.setdefault(directive, options)
            problems += [f"line {line}: {p}" for p in _pragma_problems(kernel, loop, directive, options)]
        problems += _partition_coverage(kernel, mine)
        for outer in _all_loops(kernel.loops):
            if "PIPELINE" in outer.pragmas:
                problems += _nested_pipeline(outer)
    return problems


def _options(text: str) -> dict[str, str]:
    options = {key.lower(): value for key, value in _OPTION.findall(text)}
    bare = [word.lower() for word in re.sub(_OPTION, " ", text).split()]
    if bare:
        options.setdefault("mode", bare[0])  # INTERFACE axis port=x, ARRAY_PARTITION cyclic ...
        options.setdefault("type", bare[0])
    return options


def _pragma_problems(kernel: _Kernel, loop: _Loop | None, directive: str, options: dict[str, str]) -> list[str]:
    if directive == "ARRAY_PARTITION":
        return _partition_problems(kernel, options)
    if directive == "UNROLL" and loop is not None:
        return _unroll_problems(loop, options)
    if directive == "DATAFLOW":
        return ["DATAFLOW inside a loop: it belongs at the top level of a function body"] if loop else \
            _dataflow_stream_problems(kernel)
    if directive == "INTERFACE":
        return _interface_problems(kernel, options)
    return []


def _partition_problems(kernel: _Kernel, options: dict[str, str]) -> list[str]:
    name = options.get("variable", "")
    if name not in kernel.arrays:
        return [f"ARRAY_PARTITION names `{name}`, which is not an array of the kernel"]
    dims = kernel.arrays[name]
    dim = int(options.get("dim", "1"))
    if not 0 <= dim <= len(dims):
        return [f"ARRAY_PARTITION dim={dim} on `{name}`, which has {len(dims)} dimension(s)"]
    kind = options.get("type", "complete").lower()
    factor = int(options.get("factor", "0") or 0)
    size = dims[dim - 1] if dim >= 1 else None  # dim=0: every dimension
    if kind in ("cyclic", "block") and size and factor and size % factor:
        return [f"ARRAY_PARTITION factor={factor} does not divide dimension {dim} of `{name}` (size {size})"]
    return []


def _partition_coverage(kernel: _Kernel, pragmas) -> list[str]:
    """An array indexed by an unrolled loop's variable must be partitioned on that dimension."""
    partitions: dict[str, list[dict[str, str]]] = {}
    for _, directive, options in pragmas:
        if directive == "ARRAY_PARTITION":
            partitions.setdefault(options.get("variable", ""), []).append(options)
    problems = []
    for loop in _all_loops(kernel.loops):
        unroll = _unroll_factor(loop)
        if unroll is None or unroll <= 1:
            continue
        for array, dimensions in loop.indexed.items():
            if array not in kernel.arrays:
                continue
            for dim in sorted(dimensions):
                if not any(_covers(options, dim, unroll) for options in partitions.get(array, [])):
                    problems.append(f"`{array}` is indexed in dimension {dim} by the unrolled loop over "
                                    f"`{loop.variable}` (x{unroll}) but not partitioned for it")
    return problems


def _covers(options: dict[str, str], dim: int, unroll: int) -> bool:
    if int(options.get("dim", "1")) not in (0, dim):
        return False
    kind = options.get("type", "complete").lower()
    factor = int(options.get("factor", "0") or 0)
    return kind == "complete" or (kind == "cyclic" and factor >= unroll and factor % unroll == 0)


def _unroll_factor(loop: _Loop) -> int | None:
    """How many iterations an UNROLL makes parallel (the trip count when full), else None."""
    options = loop.pragmas.get("UNROLL")
    if options is None:
        return None
    factor = int(options.get("factor", "0") or 0)
    return factor or loop.trips


def _unroll_problems(loop: _Loop, options: dict[str, str]) -> list[str]:
    factor = int(options.get("factor", "0") or 0)
    if loop.trips is None:
        return ["UNROLL on a loop whose trip count is not a compile-time constant"]
    if factor and loop.trips % factor:
        return [f"UNROLL factor={factor} does not divide the trip count {loop.trips} "
                f"of the loop over `{loop.variable}`"]
    return []


def _dataflow_stream_problems(kernel: _Kernel) -> list[str]:
    return [f"the stream `{name}` is used by {count} processes of the DATAFLOW region (one producer and one "
            f"consumer are needed)" for name, count in kernel.streams.items() if count != 2]


def _interface_problems(kernel: _Kernel, options: dict[str, str]) -> list[str]:
    port, mode = options.get("port", ""), options.get("mode", "").lower()
    if port == "return":
        return []
    if port not in kernel.parameters:
        return [f"INTERFACE names port `{port}`, which is not a parameter of the kernel"]
    spelling = kernel.parameters[port]
    stream = "stream<" in spelling.replace(" ", "")
    pointer = "*" in spelling or "[" in spelling
    if mode == "axis" and not stream:
        return [f"INTERFACE axis on `{port}` ({spelling}), which is not an hls::stream"]
    if mode == "ap_fifo" and not (stream or pointer):
        return [f"INTERFACE ap_fifo on `{port}` ({spelling}), which is neither a stream nor a pointer"]
    if mode == "m_axi" and not pointer:
        return [f"INTERFACE m_axi on `{port}` ({spelling}), which is not a pointer or array"]
    if mode in ("s_axilite", "ap_none") and stream:
        return [f"INTERFACE {mode} on the stream `{port}`"]
    return []


def _nested_pipeline(outer: _Loop) -> list[str]:
    problems = []
    for inner in _all_loops(outer.children):
        if "PIPELINE" in inner.pragmas:
            problems.append(f"the loop over `{inner.variable}` is pipelined inside the pipelined loop over "
                            f"`{outer.variable}`")
        elif inner.trips is None:
            problems.append(f"the loop over `{inner.variable}` inside the pipelined loop over `{outer.variable}` "
                            f"has no constant trip count: it cannot be unrolled")
    return problems


def _all_loops(loops: list[_Loop]):
    for loop in loops:
        yield loop
        yield from _all_loops(loop.children)


def _innermost(loops: list[_Loop], line: int) -> _Loop | None:
    for loop in loops:
        if loop.body[0] <= line <= loop.body[1]:
            return _innermost(loop.children, line) or loop
    return None


# --- clang --------------------------------------------------------------------------------
def _analyse(source: str, ap_types: Path | None, include: Path) -> dict[str, _Kernel]:
    """Every function defined in ``source`` (not in the headers it includes), by name."""
    import clang.cindex as ci  # noqa: PLC0415 - loads libclang: only when a kernel is checked

    args = ["-x", "c++", "-std=c++17", f"-I{include}", *([f"-I{ap_types}"] if ap_types else []),
            *[f"-isystem{folder}" for folder in _compiler_include_dirs()]]
    unit = ci.Index.create().parse(_SOURCE_NAME, args=args, unsaved_files=[(_SOURCE_NAME, source)])
    # Only the top level of the source's own declarations: walking the headers' trees is slow.
    return {c.spelling: _function(c, ci) for c in unit.cursor.get_children()
            if c.kind == ci.CursorKind.FUNCTION_DECL and c.is_definition() and _in_source(c)}


def _function(function, ci) -> _Kernel:
    parameters = {p.spelling: p.type.spelling for p in function.get_arguments()}
    arrays = {c.spelling: _dimensions(c.type) for c in function.walk_preorder()
              if c.kind in (ci.CursorKind.PARM_DECL, ci.CursorKind.VAR_DECL)
              and c.type.kind == ci.TypeKind.CONSTANTARRAY}
    body = next(c for c in function.get_children() if c.kind == ci.CursorKind.COMPOUND_STMT)
    kernel = _Kernel(parameters, arrays, _loops(body, ci), (body.extent.start.line, body.extent.end.line))
    kernel.streams = _stream_uses(body, ci)
    return kernel


def _in_source(cursor) -> bool:
    return cursor.location.file is not None and cursor.location.file.name == _SOURCE_NAME


def _dimensions(array_type) -> list[int | None]:
    dims = []
    while array_type.kind.name == "CONSTANTARRAY":
        dims.append(array_type.get_array_size())
        array_type = array_type.element_type
    return dims


def _loops(node, ci) -> list[_Loop]:
    found = []
    for child in node.get_children():
        if child.kind == ci.CursorKind.FOR_STMT:
            found.append(_loop(child, ci))
        else:
            found += _loops(child, ci)
    return found


def _loop(cursor, ci) -> _Loop:
    parts = list(cursor.get_children())
    body = parts[-1]
    variable, start = "", None
    if parts and parts[0].kind == ci.CursorKind.DECL_STMT:
        declaration = next(parts[0].get_children(), None)
        if declaration is not None and declaration.kind == ci.CursorKind.VAR_DECL:
            variable = declaration.spelling
            start = next((_evaluate(e) for e in declaration.get_children()), None)
    trips = _trip_count(parts, variable, start, ci) if len(parts) == 4 else None
    loop = _Loop(variable, trips, (body.extent.start.line, body.extent.end.line), children=_loops(body, ci))
    loop.indexed = _indexed(body, variable, ci)
    return loop


def _trip_count(parts, variable: str, start: int | None, ci) -> int | None:
    condition, increment = parts[1], parts[2]
    tokens = [t.spelling for t in condition.get_tokens()]
    if start is None or len(tokens) < 3 or tokens[0] != variable or tokens[1] not in ("<", "<=", "!="):
        return None
    bound = _evaluate(list(condition.get_children())[-1])
    step = _step(increment, variable)
    if bound is None or not step:
        return None
    end = bound + (1 if tokens[1] == "<=" else 0)
    return max(0, -(-(end - start) // step))


def _step(increment, variable: str) -> int | None:
    tokens = [t.spelling for t in increment.get_tokens()]
    if tokens in ([variable, "++"], ["++", variable]):
        return 1
    if tokens[:2] == [variable, "+="]:
        return _evaluate(list(increment.get_children())[-1])
    return None


def _indexed(body, variable: str, ci) -> dict[str, set[int]]:
    """Arrays whose subscript in some dimension uses ``variable`` (dimensions from 1). The inner
    ``a[i]`` of ``a[i][j]`` is visited too and names the same first dimension."""
    found: dict[str, set[int]] = {}
    for node in body.walk_preorder():
        if node.kind != ci.CursorKind.ARRAY_SUBSCRIPT_EXPR:
            continue
        subscripts: list[Any] = []  # clang cursors
        base = node
        while base.kind == ci.CursorKind.ARRAY_SUBSCRIPT_EXPR:
            base, index = list(base.get_children())
            subscripts.insert(0, index)
            while base.kind == ci.CursorKind.UNEXPOSED_EXPR and list(base.get_children()):
                base = next(base.get_children())
        if base.kind != ci.CursorKind.DECL_REF_EXPR:
            continue
        for dimension, index in enumerate(subscripts, 1):
            if variable in _outside_brackets([t.spelling for t in index.get_tokens()]):
                found.setdefault(base.spelling, set()).add(dimension)
    return found


def _outside_brackets(tokens: list[str]) -> list[str]:
    """The tokens of an index that are not inside a nested subscript (``l`` of ``b[l]`` is not the
    index's own: the index is a value read from ``b``)."""
    depth, kept = 0, []
    for token in tokens:
        depth += (token == "[") - (token == "]")
        if depth == 0 and token not in "[]":
            kept.append(token)
    return kept


def _stream_uses(body, ci) -> dict[str, int]:
    """Local hls::stream variables and how many processes (calls or loops at the top level) use each."""
    streams = [c.spelling for c in body.walk_preorder()
               if c.kind == ci.CursorKind.VAR_DECL and "stream<" in c.type.spelling.replace(" ", "")]
    uses = {name: 0 for name in streams}
    for statement in body.get_children():
        if statement.kind == ci.CursorKind.DECL_STMT:
            continue
        names = {t.spelling for t in statement.get_tokens()}
        for name in streams:
            uses[name] += name in names
    return uses


def _evaluate(cursor) -> int | None:
    """clang's own constant evaluation of an expression (None when not an integer constant)."""
    lib = _evaluator()
    result = lib.clang_Cursor_Evaluate(cursor)
    if not result:
        return None
    try:
        return lib.clang_EvalResult_getAsLongLong(result) if lib.clang_EvalResult_getKind(result) == 1 else None
    finally:
        lib.clang_EvalResult_dispose(result)


@functools.cache
def _evaluator():
    import clang.cindex as ci  # noqa: PLC0415 - loads libclang: only when a kernel is checked

    lib = ci.conf.lib
    lib.clang_Cursor_Evaluate.argtypes = [ci.Cursor]
    lib.clang_Cursor_Evaluate.restype = ctypes.c_void_p
    lib.clang_EvalResult_getKind.argtypes = [ctypes.c_void_p]
    lib.clang_EvalResult_getKind.restype = ctypes.c_int
    lib.clang_EvalResult_getAsLongLong.argtypes = [ctypes.c_void_p]
    lib.clang_EvalResult_getAsLongLong.restype = ctypes.c_longlong
    lib.clang_EvalResult_dispose.argtypes = [ctypes.c_void_p]
    return lib


@functools.cache
def _compiler_include_dirs() -> tuple[str, ...]:
    """g++'s own header folders (libclang's wheel ships none, e.g. no stddef.h)."""
    try:
        listing = subprocess.run(["g++", "-E", "-x", "c++", "-", "-v"], input="", capture_output=True, text=True,
                                 timeout=30).stderr
    except (OSError, subprocess.TimeoutExpired):
        return ()
    block = listing.partition("#include <...> search starts here:")[2].partition("End of search list.")[0]
    return tuple(line.strip() for line in block.splitlines() if line.strip())
