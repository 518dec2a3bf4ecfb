"""SystemVerilog that Yosys's parser does not take, rewritten into Verilog it does (pyslang's syntax tree).

Yosys does not parse ``return`` in a function or task. A ``return`` that ends the subroutine (its
last statement, or the last of a block, a branch of an ``if`` or a case item in that position) is an
assignment to the function's name: ``return EXPR;`` becomes ``NAME = EXPR;`` (``return;`` in a task
becomes the empty statement ``;``). Any other ``return`` leaves the subroutine early, which an
assignment does not, so that design stays unreadable, with a reason.

Only the ``return`` keyword's own bytes change: every line keeps its number, so Yosys's messages and
a counterexample's line references stay those of the design as written.

pyslang is C++: run :func:`rewrite_for_yosys` on untrusted designs in the isolated worker.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel
from pyslang import parsing, syntax

_SUBROUTINES = {"FunctionDeclaration": "function", "TaskDeclaration": "task"}


class YosysSource(BaseModel):
    """A design as Yosys is given it."""

    text: str  # the design with each final ``return`` made an assignment (the design itself when it has none)
    problem: str | None = None  # why Yosys cannot read it even so: "an early return in function F (line N)"


def rewrite_for_yosys(source: str) -> YosysSource:
    """``source`` with every ``return`` that ends a function or task rewritten (see the module's
    docstring); the text unchanged when it does not parse (Yosys then reports its own error)."""
    tree = syntax.SyntaxTree.fromText(source, "design.sv")
    if any(diagnostic.isError() for diagnostic in tree.diagnostics):
        return YosysSource(text=source)
    data = source.encode()
    changes: list[tuple[int, int, str]] = []
    for subroutine in _subroutines(tree.root):
        kind = _SUBROUTINES[subroutine.kind.name]
        name = str(subroutine.prototype.name).strip()
        final = {statement.returnKeyword.location for statement in _final_returns(subroutine.items)}
        for statement in _returns(subroutine.items):
            keyword = statement.returnKeyword
            if keyword.location not in final:
                line = tree.sourceManager.getLineNumber(keyword.location)
                return YosysSource(text=source, problem=f"an early return in {kind} {name} (line {line}); "
                                                        "Yosys reads only a return that ends it")
            span = _token_span(keyword, data, tree.sourceManager)
            if span is None:
                return YosysSource(text=source, problem=f"a return that a macro writes in {kind} {name}")
            changes.append((*span, f"{name} =" if statement.returnValue is not None else ""))
    for start, end, text in sorted(changes, reverse=True):
        data = data[:start] + text.encode() + data[end:]
    return YosysSource(text=data.decode())


def _subroutines(node: Any) -> Iterator[Any]:
    """The function and task declarations under ``node`` (modules, packages, interfaces, classes)."""
    if node is None or isinstance(node, parsing.Token):
        return
    if node.kind.name in _SUBROUTINES:
        yield node
        return
    for child in node:
        yield from _subroutines(child)


def _returns(node: Any) -> Iterator[Any]:
    """Every return statement under ``node``."""
    if node is None or isinstance(node, parsing.Token):
        return
    if isinstance(node, list) or node.kind.name != "ReturnStatement":
        for child in node:
            yield from _returns(child)
    else:
        yield node


def _final_returns(items: Any) -> Iterator[Any]:
    """The returns after which nothing of the subroutine runs: the last statement of ``items``, or
    in its turn the last of a block, each branch of an ``if``, each case item's statement."""
    if not items:
        return
    statement = items[-1]
    kind = statement.kind.name
    if kind == "ReturnStatement":
        yield statement
    elif kind == "SequentialBlockStatement":
        yield from _final_returns(statement.items)
    elif kind == "ConditionalStatement":
        yield from _final_returns([statement.statement])
        if statement.elseClause is not None:
            yield from _final_returns([statement.elseClause.clause])
    elif kind == "CaseStatement":
        for item in statement.items:
            if item.kind.name in ("StandardCaseItem", "DefaultCaseItem"):
                yield from _final_returns([item.clause])


def _token_span(token: Any, data: bytes, sources: Any) -> tuple[int, int] | None:
    """The byte range of ``token`` in the design's own text; None when a macro or an included file
    made it."""
    location = token.location
    if not sources.isFileLoc(location) or sources.isIncludedFileLoc(location):
        return None
    start = location.offset
    end = start + len(token.rawText.encode())
    return (start, end) if data[start:end] == token.rawText.encode() else None
