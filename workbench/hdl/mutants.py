"""Mutants of a reference design: single edits made on pyslang's syntax tree, for auditing a testbench.

Each mutant is the design with one small, plausible mistake: an operator swapped (arithmetic,
relational, logical, bitwise), a constant off by one or with a bit flipped, a clock edge turned
over, an ``if`` condition negated or a ternary's branches swapped, an ``else`` branch or an
``if`` body dropped, the value a register takes under reset changed, two case items' bodies
swapped or a ``default`` dropped, a signedness conversion or ``signed`` keyword removed, a
declared width narrowed by one. A testbench that lets such a mutant pass has a gap, unless the
mutant happens to be equivalent to the design (:mod:`workbench.eval.audit` tells them apart).

The edit is found on the syntax tree and applied to the source text at the tokens' own byte
ranges, so the rest of the text (comments, layout) is untouched. Only text of the design's own
file is edited: nothing a macro expands to, nothing of an included file. Operators and constants
are left alone where they size a declaration (the width operator does that), in module parameters
(they change the interface), in a loop's step (an infinite loop tells nothing) and inside
assertions and system tasks. A mutant that pyslang does not accept (a parse or elaboration error
the design does not have) is dropped, and so is one whose text another mutant already has.

pyslang is C++: run :func:`generate_mutants` on untrusted designs in the isolated worker.
"""

from __future__ import annotations

import itertools
import random
import re
from bisect import bisect_right
from collections.abc import Iterator
from enum import StrEnum
from typing import Any, NamedTuple

from pydantic import BaseModel, ConfigDict
from pyslang import ast, parsing, syntax

from workbench.errors import WorkbenchError
from workbench.hdl.reset import active_low_by_name, named_like_a_reset
from workbench.task.format import Reset


class MutationOperator(StrEnum):
    """The classes of single edits, in the order their mutants of one place are listed."""

    ARITHMETIC = "arithmetic"
    RELATIONAL = "relational"
    LOGICAL = "logical"
    BITWISE = "bitwise"
    RESET = "reset"  # before constants: a reset value's edit is named as one
    CONSTANT = "constant"
    EDGE = "edge"
    CONDITION = "condition"
    BRANCH = "branch"
    CASE = "case"
    SIGNEDNESS = "signedness"
    WIDTH = "width"


class Mutant(BaseModel):
    """One single-edit variant of a design."""

    model_config = ConfigDict(frozen=True)

    id: str  # "<operator>-<line>-<column>-<n>": stable while the text before the edit stays
    operator: MutationOperator
    line: int  # 1-based, of the edit in the original design
    description: str  # one line: "line 12: '<=' -> '<'"
    source: str  # the whole mutated design


class MutantSet(BaseModel):
    """The mutants of one design, in source order, and how many candidate edits were dropped."""

    mutants: list[Mutant]
    invalid: int = 0  # edits pyslang rejects (the mutant would not compile anyway)
    duplicates: int = 0  # edits whose text an earlier mutant already has

    def sample(self, count: int, seed: int) -> MutantSet:
        """``count`` mutants drawn at random with ``seed`` (all of them when there are no more), in
        their source order."""
        if count >= len(self.mutants):
            return self
        chosen = sorted(random.Random(seed).sample(range(len(self.mutants)), count))
        return self.model_copy(update={"mutants": [self.mutants[index] for index in chosen]})


class MutationError(WorkbenchError):
    """The design itself does not parse: there is nothing to mutate."""


def generate_mutants(source: str, reset: Reset | None = None) -> MutantSet:
    """Every single-edit mutant of ``source`` that pyslang accepts, in source order.

    ``reset``: the design's reset (the task's), to find the values registers take under reset;
    without it, a signal named like a reset (``rst``, ``reset``, ``rst_n`` ...) is taken for one,
    active low when its name ends in ``n`` or ``_b``."""
    tree = syntax.SyntaxTree.fromText(source, "design.sv")
    if any(diagnostic.isError() for diagnostic in tree.diagnostics):
        raise MutationError("the design does not parse, so it has no mutants")
    edits = _Edits(source, tree, reset)
    edits.walk(tree.root, values=True)
    allowed = _error_codes(source)
    seen = {source}
    mutants: list[Mutant] = []
    invalid = duplicates = 0
    per_place: dict[tuple[MutationOperator, int, int], int] = {}
    for proposal in sorted(edits.proposals, key=lambda p: (p.anchor, list(MutationOperator).index(p.operator))):
        text = _applied(edits.data, proposal.changes)
        if text in seen:
            duplicates += text != source
            continue
        seen.add(text)
        if not _error_codes(text) <= allowed:
            invalid += 1
            continue
        line, column = edits.position(proposal.anchor)
        place = (proposal.operator, line, column)
        per_place[place] = per_place.get(place, 0) + 1
        mutants.append(Mutant(id=f"{proposal.operator.value}-{line}-{column}-{per_place[place]}",
                              operator=proposal.operator, line=line, description=f"line {line}: {proposal.what}",
                              source=text))
    return MutantSet(mutants=mutants, invalid=invalid, duplicates=duplicates)


# --- the edits ---------------------------------------------------------------------------------

class _Change(NamedTuple):
    start: int  # byte offsets into the design's UTF-8 text, as pyslang counts
    end: int
    text: str


class _Proposal(NamedTuple):
    operator: MutationOperator
    anchor: int  # byte offset the mutant is listed (and named) by
    changes: tuple[_Change, ...]
    what: str  # the description, after "line N: "


_Op = MutationOperator

# Binary operator expressions: the operators each may become.
_BINARY: dict[str, tuple[MutationOperator, tuple[str, ...]]] = {
    "AddExpression": (_Op.ARITHMETIC, ("-",)),
    "SubtractExpression": (_Op.ARITHMETIC, ("+",)),
    "MultiplyExpression": (_Op.ARITHMETIC, ("+",)),
    "DivideExpression": (_Op.ARITHMETIC, ("*",)),
    "ModExpression": (_Op.ARITHMETIC, ("/",)),
    "PowerExpression": (_Op.ARITHMETIC, ("*",)),
    "LogicalShiftLeftExpression": (_Op.ARITHMETIC, (">>",)),
    "LogicalShiftRightExpression": (_Op.ARITHMETIC, ("<<",)),
    "ArithmeticShiftLeftExpression": (_Op.ARITHMETIC, (">>>",)),
    "ArithmeticShiftRightExpression": (_Op.ARITHMETIC, (">>",)),
    "AddAssignmentExpression": (_Op.ARITHMETIC, ("-=",)),
    "SubtractAssignmentExpression": (_Op.ARITHMETIC, ("+=",)),
    "LessThanExpression": (_Op.RELATIONAL, ("<=", ">")),
    "LessThanEqualExpression": (_Op.RELATIONAL, ("<", ">=")),
    "GreaterThanExpression": (_Op.RELATIONAL, (">=", "<")),
    "GreaterThanEqualExpression": (_Op.RELATIONAL, (">", "<=")),
    "EqualityExpression": (_Op.RELATIONAL, ("!=",)),
    "InequalityExpression": (_Op.RELATIONAL, ("==",)),
    "CaseEqualityExpression": (_Op.RELATIONAL, ("!==",)),
    "CaseInequalityExpression": (_Op.RELATIONAL, ("===",)),
    "LogicalAndExpression": (_Op.LOGICAL, ("||",)),
    "LogicalOrExpression": (_Op.LOGICAL, ("&&",)),
    "BinaryAndExpression": (_Op.BITWISE, ("|",)),
    "BinaryOrExpression": (_Op.BITWISE, ("&",)),
    "BinaryXorExpression": (_Op.BITWISE, ("|",)),
    "BinaryXnorExpression": (_Op.BITWISE, ("^",)),
}
# Prefix operators: what replaces each ("" drops it).
_UNARY: dict[str, tuple[MutationOperator, str]] = {
    "UnaryMinusExpression": (_Op.ARITHMETIC, ""),
    "UnaryLogicalNotExpression": (_Op.LOGICAL, ""),
    "UnaryBitwiseNotExpression": (_Op.BITWISE, ""),
    "UnaryBitwiseAndExpression": (_Op.BITWISE, "|"),
    "UnaryBitwiseOrExpression": (_Op.BITWISE, "&"),
    "UnaryBitwiseXorExpression": (_Op.BITWISE, "~^"),
    "UnaryBitwiseNandExpression": (_Op.BITWISE, "&"),
    "UnaryBitwiseNorExpression": (_Op.BITWISE, "|"),
    "UnaryBitwiseXnorExpression": (_Op.BITWISE, "^"),
}
# Nothing inside these is mutated: assertions and coverage say nothing about what the design does.
_SKIPPED = frozenset({
    "ConcurrentAssertionMember", "ImmediateAssertionMember", "ImmediateAssertStatement", "ImmediateAssumeStatement",
    "ImmediateCoverStatement", "AssertPropertyStatement", "AssumePropertyStatement", "CoverPropertyStatement",
    "CoverSequenceStatement", "RestrictPropertyStatement", "ExpectPropertyStatement", "PropertyDeclaration",
    "SequenceDeclaration", "CovergroupDeclaration", "AttributeInstance",
})
# Operators and constants inside these stay: they size declarations or set the interface.
_NO_VALUES = frozenset({"ParameterPortList", "VariableDimension", "AnsiPortList", "NonAnsiPortList",
                        "PortDeclaration"})
_EDGES = {"posedge": "negedge", "negedge": "posedge"}
_SIGNEDNESS_CALLS = frozenset({"$signed", "$unsigned"})
_BASED = re.compile(r"^(?P<signed>[sS]?)(?P<base>[bBoOdDhH])$")
_RADIX = {"b": 2, "o": 8, "d": 10, "h": 16}


class _Edits:
    """Walks a design's syntax tree and proposes its single edits."""

    def __init__(self, source: str, tree: syntax.SyntaxTree, reset: Reset | None) -> None:
        self.data = source.encode()
        self.sources = tree.sourceManager
        self.reset = reset
        self.proposals: list[_Proposal] = []
        self._line_starts = [0] + [i + 1 for i, byte in enumerate(self.data) if byte == 0x0A]

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of byte ``offset``."""
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def walk(self, node: Any, values: bool) -> None:
        """Propose the edits of ``node`` and everything under it; ``values``: whether operators and
        constants here may change."""
        if node is None or isinstance(node, parsing.Token):
            return
        if isinstance(node, list):
            for item in node:
                self.walk(item, values)
            return
        kind = node.kind.name
        if kind in _SKIPPED or _is_system_task_call(node, kind):
            return
        if kind in _NO_VALUES or kind.endswith("Type"):
            values = False
        if values:
            self._values(node, kind)
        self._structure(node, kind)
        if kind == "ForLoopStatement":  # the step is not walked: i-- for i++ never ends
            for part in (node.initializers, node.stopExpr, node.statement):
                self.walk(part, values)
        elif kind == "LoopGenerate":
            for part in (node.initialExpr, node.stopExpr, node.block):
                self.walk(part, values)
        else:
            for child in node:
                self.walk(child, values)

    # -- operators and constants

    def _values(self, node: Any, kind: str) -> None:
        if kind in _BINARY:
            operator, replacements = _BINARY[kind]
            token = node.operatorToken
            for replacement in replacements:
                self._token(operator, token, replacement, f"'{token.rawText}' -> '{replacement}'")
        elif kind in _UNARY:
            operator, replacement = _UNARY[kind]
            token = node.operatorToken
            what = f"'{token.rawText}' dropped" if not replacement else f"'{token.rawText}' -> '{replacement}'"
            self._token(operator, token, replacement, what)
        elif kind == "IntegerLiteralExpression" and node.literal.kind == parsing.TokenKind.IntegerLiteral:
            token = node.literal
            value = int(token.rawText.replace("_", ""))
            for other in (value + 1, value - 1):
                if other >= 0:
                    self._token(_Op.CONSTANT, token, str(other), f"{token.rawText} -> {other}")
        elif kind == "IntegerVectorExpression":
            self._vector(node)
        elif kind == "UnbasedUnsizedLiteralExpression":
            token = node.literal
            flipped = {"'0": "'1", "'1": "'0"}.get(token.rawText)
            if flipped:
                self._token(_Op.CONSTANT, token, flipped, f"{token.rawText} -> {flipped}")

    def _vector(self, node: Any) -> None:
        """A based literal (``4'd3``, ``'hff``): its value +1, -1 and its top bit flipped."""
        span = self._span(node)
        base = _BASED.match(node.base.rawText[1:])
        digits = node.value.rawText.replace("_", "").lower()
        if span is None or base is None or not re.fullmatch(r"[0-9a-f]+", digits):
            return  # x, z and ? digits stay
        radix = _RADIX[base["base"].lower()]
        value = int(digits, radix)
        size = node.size.rawText if node.size is not None and not node.size.isMissing else ""
        width = int(size.replace("_", "")) if size else None
        others = [value + 1, value - 1]
        if width is not None:
            others = [other % (1 << width) for other in others] + [value ^ (1 << (width - 1))]
        original = self.text(*span)
        upper = node.value.rawText != node.value.rawText.lower()
        for other in dict.fromkeys(o for o in others if o >= 0 and o != value):
            written = _digits(other, radix, len(digits))
            literal = f"{size}'{base['signed']}{base['base']}{written.upper() if upper else written}"
            self._propose(_Op.CONSTANT, span[0], [_Change(*span, literal)], f"{original} -> {literal}")

    # -- edits of structure: edges, conditions, branches, reset values, case items, signedness, widths

    def _structure(self, node: Any, kind: str) -> None:
        if kind == "SignalEventExpression" and node.edge.rawText in _EDGES:
            edge = node.edge
            self._token(_Op.EDGE, edge, _EDGES[edge.rawText], f"'{edge.rawText}' -> '{_EDGES[edge.rawText]}'")
        elif kind == "ConditionalStatement":
            self._conditional(node)
        elif kind == "ConditionalExpression":
            self._ternary(node)
        elif kind == "CaseStatement":
            self._case(node)
        elif kind == "InvocationExpression":
            self._signedness_call(node)
        elif kind == "SignedCastExpression":
            signing = node.signing
            other = "unsigned" if signing.rawText == "signed" else "signed"
            self._token(_Op.SIGNEDNESS, signing, other, f"cast {signing.rawText}' -> {other}'")
        elif kind.endswith("Type") and getattr(node, "signing", None) is not None \
                and node.signing.rawText == "signed":
            self._drop_signed(node.signing)
        elif kind in ("DataDeclaration", "NetDeclaration"):
            self._narrowed(node)

    def _conditional(self, node: Any) -> None:
        predicate = self._span(node.predicate)
        then = self._span(node.statement)
        if predicate is not None and node.predicate.conditions[0].expr.kind.name != "UnaryLogicalNotExpression":
            text = self.text(*predicate)  # a negated condition already has its '!' dropped by the logical edits
            self._propose(_Op.CONDITION, predicate[0], [_Change(*predicate, f"!({text})")],
                          f"if condition negated: '{_short(text)}' -> '!({_short(text)})'")
        if then is not None and node.statement.kind.name != "EmptyStatement":
            self._propose(_Op.BRANCH, then[0], [_Change(*then, "begin end")],
                          f"if ({_short(self._text_of(node.predicate))}) body removed")
        if node.elseClause is not None and (otherwise := self._span(node.elseClause)) is not None:
            self._propose(_Op.BRANCH, otherwise[0], [_Change(*otherwise, "")], "else branch removed")
        reset_branch = self._reset_branch(node)
        if reset_branch is not None:
            self._reset_values(reset_branch)

    def _ternary(self, node: Any) -> None:
        left, right = self._span(node.left), self._span(node.right)
        if left is None or right is None:
            return
        first, second = self.text(*left), self.text(*right)
        self._propose(_Op.CONDITION, node.question.location.offset,
                      [_Change(*left, second), _Change(*right, first)],
                      f"ternary branches swapped: '{_short(first)}' <-> '{_short(second)}'")

    def _case(self, node: Any) -> None:
        items = [item for item in node.items if item.kind.name == "StandardCaseItem"]
        for first, second in itertools.pairwise(items):
            one, other = self._span(first.clause), self._span(second.clause)
            if one is None or other is None:
                continue
            labels = [_short(", ".join(self._text_of(e) for e in item.expressions if not isinstance(e, parsing.Token)))
                      for item in (first, second)]
            self._propose(_Op.CASE, one[0], [_Change(*one, self.text(*other)), _Change(*other, self.text(*one))],
                          f"bodies of case items '{labels[0]}' and '{labels[1]}' swapped")
        for item in node.items:
            if item.kind.name == "DefaultCaseItem" and (span := self._span(item)) is not None:
                self._propose(_Op.CASE, span[0], [_Change(*span, "")], "case default removed")

    def _signedness_call(self, node: Any) -> None:
        name = node.left
        if name.kind.name != "SystemName" or name.systemIdentifier.rawText not in _SIGNEDNESS_CALLS:
            return
        arguments = node.arguments
        whole, inner = self._span(node), self._span(arguments) if arguments is not None else None
        if whole is None or inner is None:
            return
        call = name.systemIdentifier.rawText
        self._propose(_Op.SIGNEDNESS, whole[0], [_Change(*whole, self.text(*inner))], f"{call}(...) dropped")

    def _drop_signed(self, token: Any) -> None:
        span = self._token_span(token)
        if span is None:
            return
        start, end = span
        if start > 0 and self.data[start - 1:start] == b" ":
            start -= 1  # the space before it goes too: "logic signed [7:0]" -> "logic [7:0]"
        self._propose(_Op.SIGNEDNESS, span[0], [_Change(start, end, "")], "'signed' removed")

    def _narrowed(self, node: Any) -> None:
        """A declaration's packed width one less: ``[L:0]`` -> ``[L-1:0]``."""
        dimensions = getattr(node.type, "dimensions", None)
        if not dimensions:
            return
        selector = dimensions[0].specifier
        if selector is None or selector.kind.name != "RangeDimensionSpecifier" \
                or selector.selector.kind.name != "SimpleRangeSelect":
            return
        left, right = selector.selector.left, selector.selector.right
        span = self._span(left)
        if span is None or self._text_of(right) != "0" or self._text_of(left) == "0":
            return
        narrower = _minus_one(left, self.text(*span))
        names = ", ".join(d.name.rawText for d in node.declarators if not isinstance(d, parsing.Token))
        self._propose(_Op.WIDTH, span[0], [_Change(*span, narrower)],
                      f"width of '{_short(names)}' [{self.text(*span)}:0] -> [{narrower}:0]")

    # -- reset values

    def _reset_branch(self, node: Any) -> Any:
        """The statement ``node`` runs while the reset is asserted, if its condition tests the reset."""
        negated, expression = _polarity(node.predicate.conditions[0].expr)
        if expression.kind.name != "IdentifierName":
            return None
        name = expression.identifier.rawText
        if self.reset is not None:
            if name != self.reset.name:
                return None
            active_low = self.reset.active_low
        else:
            if not named_like_a_reset(name):
                return None
            active_low = active_low_by_name(name)
        # the condition holds when the signal is 1 (0 when negated); the reset is asserted at 1 (0 when active low)
        if negated == active_low:
            return node.statement
        return node.elseClause.clause if node.elseClause is not None else None

    def _reset_values(self, statement: Any) -> None:
        for assignment in _assignments(statement):
            span = self._span(assignment.right)
            if span is None:
                continue
            value = self.text(*span)
            other = "'1" if _is_zero(assignment.right) else "'0"
            target = _short(self._text_of(assignment.left))
            self._propose(_Op.RESET, span[0], [_Change(*span, other)],
                          f"value of '{target}' under reset {_short(value)} -> {other}")

    # -- text and places

    def _token(self, operator: MutationOperator, token: Any, replacement: str, what: str) -> None:
        span = self._token_span(token)
        if span is not None:
            self._propose(operator, span[0], [_Change(*span, replacement)], what)

    def _propose(self, operator: MutationOperator, anchor: int, changes: list[_Change], what: str) -> None:
        self.proposals.append(_Proposal(operator, anchor, tuple(changes), what))

    def _token_span(self, token: Any) -> tuple[int, int] | None:
        """The byte range of ``token`` in the design's text; None when it is not there as written."""
        location = token.location
        if token.isMissing or not self._in_design(location):
            return None
        start = location.offset
        end = start + len(token.rawText.encode())
        return (start, end) if self.data[start:end] == token.rawText.encode() else None

    def _span(self, node: Any) -> tuple[int, int] | None:
        """The byte range of ``node`` in the design's text; None when an end of it comes from a
        macro or another file."""
        if node is None:
            return None
        bounds = node.sourceRange
        if not (self._in_design(bounds.start) and self._in_design(bounds.end)):
            return None
        start, end = bounds.start.offset, bounds.end.offset
        return (start, end) if start < end else None

    def _in_design(self, location: Any) -> bool:
        return bool(self.sources.isFileLoc(location)) and not self.sources.isIncludedFileLoc(location)

    def text(self, start: int, end: int) -> str:
        return self.data[start:end].decode()

    def _text_of(self, node: Any) -> str:
        span = self._span(node)
        return self.text(*span) if span is not None else str(node).strip()


def _is_system_task_call(node: Any, kind: str) -> bool:
    """A statement calling a system task (``$display(...)``): its constants print, they compute nothing."""
    if kind != "ExpressionStatement" or node.expr.kind.name != "InvocationExpression":
        return False
    return node.expr.left.kind.name == "SystemName"


def _polarity(expression: Any) -> tuple[bool, Any]:
    """Whether ``expression`` negates what it tests (``!x``, ``~x``, ``x == 0``), and what it tests."""
    negated = False
    while True:
        kind = expression.kind.name
        if kind == "ParenthesizedExpression":
            expression = expression.expression
        elif kind in ("UnaryLogicalNotExpression", "UnaryBitwiseNotExpression"):
            negated, expression = not negated, expression.operand
        elif kind in ("EqualityExpression", "InequalityExpression") and _is_literal(expression.right):
            negated ^= _is_zero(expression.right) == (kind == "EqualityExpression")
            expression = expression.left
        else:
            return negated, expression


def _assignments(statement: Any) -> Iterator[Any]:
    """The assignments a reset branch makes directly (in blocks, not under further conditions)."""
    kind = statement.kind.name
    if kind == "SequentialBlockStatement":
        for item in statement.items:
            yield from _assignments(item)
    elif kind == "ExpressionStatement" and statement.expr.kind.name in (
            "NonblockingAssignmentExpression", "AssignmentExpression"):
        yield statement.expr


def _is_literal(node: Any) -> bool:
    return node.kind.name in ("IntegerLiteralExpression", "IntegerVectorExpression", "UnbasedUnsizedLiteralExpression")


def _is_zero(node: Any) -> bool:
    """Whether ``node`` is a literal zero (``0``, ``'0``, ``4'd0``, ``8'h00``)."""
    if node.kind.name == "IntegerLiteralExpression":
        return node.literal.rawText.replace("_", "").strip("0") == ""
    if node.kind.name == "UnbasedUnsizedLiteralExpression":
        return node.literal.rawText == "'0"
    if node.kind.name == "IntegerVectorExpression":
        return node.value.rawText.replace("_", "").strip("0") == ""
    return False


def _minus_one(left: Any, text: str) -> str:
    """``text`` (the upper bound ``left`` of a range) less one, as a person would write it."""
    if left.kind.name == "IntegerLiteralExpression" and left.literal.kind == parsing.TokenKind.IntegerLiteral:
        return str(int(text.replace("_", "")) - 1)
    if left.kind.name == "SubtractExpression" and left.right.kind.name == "IntegerLiteralExpression":
        head, _, amount = text.rpartition("-")
        if amount.strip().isdigit():
            return f"{head}-{int(amount) + 1}"
    return f"({text})-1"


def _digits(value: int, radix: int, width: int) -> str:
    text = {2: f"{value:b}", 8: f"{value:o}", 10: str(value), 16: f"{value:x}"}[radix]
    return text.zfill(width) if radix != 10 else text


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _applied(data: bytes, changes: tuple[_Change, ...]) -> str:
    for change in sorted(changes, key=lambda c: c.start, reverse=True):
        data = data[:change.start] + change.text.encode() + data[change.end:]
    return data.decode()


def _error_codes(text: str) -> frozenset[str]:
    """The kinds of errors pyslang finds in ``text``, parsing and elaborating it."""
    compilation = ast.Compilation()
    compilation.addSyntaxTree(syntax.SyntaxTree.fromText(text, "design.sv"))
    return frozenset(str(d.code) for d in compilation.getAllDiagnostics() if d.isError())
