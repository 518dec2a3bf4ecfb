"""Lowering concurrent SVA into monitors that open-source Yosys can prove.

Yosys reads immediate assertions (with ``$past``, ``$rose``, ``$fell``, ``$stable``) inside clocked
``always`` blocks, but not concurrent properties with ``|->``, ``|=>`` or ``##``. A supported
property becomes one such check, built on pyslang's syntax tree (never on regular expressions):

    p: assert property (@(posedge clk) disable iff (!rst_n) a ##1 b |-> ##[1:2] c);

becomes, at each clock edge, "if the property is enabled, has been for long enough to see its
whole window, and the antecedent matched, then the consequent holds", every operand shifted back in
time with ``$past`` to the cycle it belongs to:

    if (!(!rst_n) && age >= 3 && $past(a, 3) && $past(b, 2)) assert ($past(c, 1) || c);

Supported: Boolean expressions, one clock per property, ``disable iff``, ``|->`` and ``|=>``,
fixed ``##N`` delays on either side, bounded ``##[m:n]`` (expanded: in the antecedent into one
check per choice; in the consequent as its last element, into a disjunction), ``$past``,
``$rose``, ``$fell``, ``$stable``, ``$changed``, ``$onehot``, ``$onehot0``, ``$countones``, and
fixed consecutive repetition ``[*N]``, and named sequences and properties without arguments.
Everything else is
reported as unsupported with the construct named: never dropped or weakened.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pyslang import DiagnosticEngine, syntax

# An antecedent with ranges expands into the product of its choices; beyond this it is refused.
MAX_EXPANSION = 64
_SAMPLED = {"$past", "$rose", "$fell", "$stable", "$changed"}
_SHAPE = {"$onehot", "$onehot0"}
_WRAPPER_START, _WRAPPER_END = "module __properties;\n", "\nendmodule\n"
_WRAPPER_LINE_OFFSET = 1  # properties are parsed inside a one-line module header


class SvaSyntaxError(ValueError):
    """The properties do not parse: ``line`` (from 1) of the text says why."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


class Unsupported(ValueError):
    pass


@dataclass(frozen=True)
class Assertion:
    label: str
    line: int  # in the properties text, from 1
    text: str


@dataclass(frozen=True)
class Lowered:
    assertion: Assertion
    clock: str = ""
    edge: str = "posedge"
    check: str = ""  # the monitor statement(s): immediate assertions in a clocked always block
    antecedent_cover: str = ""  # a cover of the antecedent, for vacuity; "" for plain properties
    unsupported: str = ""  # why not lowered
    counters: str = ""  # the declarations and updates of the counters the checks read
    obligations: tuple[tuple[str, str], ...] = ()  # (when, what must hold): the checks, unassembled
    span: int = 0  # cycles from the start of an attempt to its last check, plus the history it reads

    @property
    def boolean(self) -> bool:
        """A property of single cycles: no delays, no sampled-value functions."""
        return self.supported and self.span == 0

    @property
    def supported(self) -> bool:
        return not self.unsupported


@dataclass(frozen=True)
class _Element:
    offset: int  # cycles after the start of its sequence
    expr: syntax.SyntaxNode | None  # None: an implicit `1`


@dataclass(frozen=True)
class _Sequence:
    elements: tuple[_Element, ...]
    final_range: tuple[int, int, syntax.SyntaxNode | None] | None = None  # ##[m:n] expr after the last element

    @property
    def length(self) -> int:
        return max((e.offset for e in self.elements), default=0)


def parse_assertions(text: str) -> tuple[list[Assertion], syntax.SyntaxTree]:
    """The ``assert property`` statements of ``text``; raises :class:`SvaSyntaxError` with the line."""
    source = _wrap(text)
    tree = syntax.SyntaxTree.fromText(source)
    errors = [d for d in tree.diagnostics if d.isError()]
    if errors:
        # An error at the end of the text is found on the wrapper's closing line: report the last one.
        line = min(tree.sourceManager.getLineNumber(errors[0].location) - _WRAPPER_LINE_OFFSET,
                   text.rstrip("\n").count("\n") + 1)
        raise SvaSyntaxError(line, _describe(tree, errors[0]))
    assertions = []
    for number, member in _assert_properties(tree):
        statement = member.statement
        label = statement.label.name.valueText if statement.label else f"assertion_{number}"
        line = tree.sourceManager.getLineNumber(member.sourceRange.start) - _WRAPPER_LINE_OFFSET
        assertions.append(Assertion(label, line, _text(source, member).strip()))
    return assertions, tree


def _members(tree: syntax.SyntaxTree) -> list[syntax.MemberSyntax]:
    """The top-level members: those of the wrapper module, the root of the tree unless the text
    closes it and opens modules of its own (then the root is the compilation unit)."""
    root = tree.root
    if isinstance(root, syntax.ModuleDeclarationSyntax | syntax.CompilationUnitSyntax):
        return list(root.members)
    return []


def _assert_properties(tree: syntax.SyntaxTree) -> list[tuple[int, syntax.ConcurrentAssertionMemberSyntax]]:
    """The ``assert property`` members, each with its position among all members."""
    return [(number, member) for number, member in enumerate(_members(tree))
            if isinstance(member, syntax.ConcurrentAssertionMemberSyntax)
            and member.statement.kind.name == "AssertPropertyStatement"]


def replace_actions(text: str, action: Callable[[Assertion], str | None]) -> str:
    """``text`` with the action block of every ``assert property`` replaced by ``action(assertion)``
    (e.g. ``else $display(...);``); an assertion whose action is None is left out."""
    assertions, tree = parse_assertions(text)
    source = _wrap(text)
    pieces, cursor = [], 0
    for assertion, (_, member) in zip(assertions, _assert_properties(tree), strict=True):
        replacement = action(assertion)
        block = member if replacement is None else member.statement.action
        start, end = block.sourceRange.start.offset, block.sourceRange.end.offset
        pieces += [source[cursor:start], "" if replacement is None else " " + replacement]
        cursor = end
    pieces.append(source[cursor:])
    return "".join(pieces)[len(_WRAPPER_START):-len(_WRAPPER_END)]


def only_assertion(text: str, index: int) -> str:
    """``text`` with every ``assert property`` but the ``index``-th (from 0) blanked out, line for
    line: the one kept and every declaration stay at their lines and columns."""
    _, tree = parse_assertions(text)
    source = _wrap(text)
    for number, (_, member) in enumerate(_assert_properties(tree)):
        if number != index:
            start, end = member.sourceRange.start.offset, member.sourceRange.end.offset
            source = source[:start] + re.sub(r"[^\n]", " ", source[start:end]) + source[end:]
    return source[len(_WRAPPER_START):-len(_WRAPPER_END)]


def _wrap(text: str) -> str:
    return _WRAPPER_START + text + _WRAPPER_END


def _describe(tree: syntax.SyntaxTree, diagnostic) -> str:
    report = DiagnosticEngine.reportAll(tree.sourceManager, [diagnostic])
    first = report.strip().splitlines()[0] if report.strip() else str(diagnostic.code)
    return first.split("error: ", 1)[-1]


def lower_all(text: str, constants: frozenset[str] = frozenset()) -> list[Lowered]:
    """Every assertion of ``text``, lowered or marked unsupported. ``constants`` are parameter
    names of the design, which are never shifted in time."""
    assertions, tree = parse_assertions(text)
    source = _wrap(text)
    names = {m.name.valueText: m for m in _members(tree)
             if isinstance(m, syntax.SequenceDeclarationSyntax | syntax.PropertyDeclarationSyntax)}
    return [_lower(assertion, member.statement.propertySpec, source, index, constants, names)
            for index, (assertion, (_, member)) in enumerate(zip(assertions, _assert_properties(tree), strict=True))]


def _lower(assertion: Assertion, spec, source: str, index: int, constants: frozenset[str], names: dict) -> Lowered:
    try:
        spec = _named_property(spec, names)
        clock, edge = _clock(spec)
        disable = f"({_text(source, spec.disable.expr)})" if spec.disable is not None else "1'b0"
        antecedents, consequent, overlap = _property(spec.expr, names)
        emitter = _Emitter(source, constants)
        obligations, cover = _checks(antecedents, consequent, overlap, disable, emitter, index)
    except Unsupported as reason:
        return Lowered(assertion, unsupported=str(reason))
    check = "".join(f"    if ({when}) assert ({what});\n" for when, what, _ in obligations)
    age, run = f"__sva_age_{index}", f"__sva_run_{index}"
    counter = (f"reg [7:0] {age} = 8'd0;\nreg [7:0] {run} = 8'd0;\n"
               f"always @({edge} {clock}) {run} <= {run} == 8'hff ? {run} : {run} + 8'd1;\n"
               f"always @({edge} {clock}) {age} <= {disable} ? 8'd0 : ({age} == 8'hff ? {age} : {age} + 8'd1);\n")
    block = f"always @({edge} {clock}) begin\n{check}end\n"
    cover_block = f"always @({edge} {clock}) begin\n{cover}end\n" if cover else ""
    return Lowered(assertion, clock, edge, counter + block, counter + cover_block if cover else "", "", counter,
                   tuple((when, what) for when, what, _ in obligations), max(span for _, _, span in obligations))


def _clock(spec) -> tuple[str, str]:
    event = spec.clocking
    if event is None:
        raise Unsupported("no clocking event: write the property as @(posedge clk) ...")
    expression = event.expr
    while expression.kind.name == "ParenthesizedEventExpression":
        expression = expression.expr
    if expression.kind.name != "SignalEventExpression" or expression.edge.valueText not in ("posedge", "negedge"):
        raise Unsupported(f"clocking event '{event}' (only @(posedge clk) or @(negedge clk))".replace("\n", " "))
    if expression.expr.kind.name != "IdentifierName":
        raise Unsupported("a clock that is not a plain signal name")
    return expression.expr.identifier.valueText, expression.edge.valueText


def _named_property(spec, names: dict):
    """``assert property (p_name);`` stands for the spec of the property declared as ``p_name``."""
    expr = spec.expr
    if spec.clocking is not None or spec.disable is not None or expr.kind.name != "SimplePropertyExpr":
        return spec
    inner = expr.expr
    if inner.kind.name != "SimpleSequenceExpr" or inner.repetition is not None:
        return spec
    declaration = _declaration(inner.expr, names, "PropertyDeclaration")
    return declaration.propertySpec if declaration is not None else spec


def _declaration(node, names: dict, kind: str):
    """The argument-free declaration of kind ``kind`` that ``node`` names, if it names one."""
    if node.kind.name == "InvocationExpression" and str(node.left).strip() in names:
        raise Unsupported(f"`{str(node.left).strip()}` with arguments (only named sequences and properties without)")
    if node.kind.name != "IdentifierName" or node.identifier.valueText not in names:
        return None
    declaration = names[node.identifier.valueText]
    if declaration.kind.name != kind:
        raise Unsupported(f"the property `{node.identifier.valueText}` inside a property (only sequences nest)")
    if declaration.portList is not None:
        raise Unsupported(f"`{declaration.name.valueText}` with arguments "
                          "(only named sequences and properties without)")
    return declaration


def _property(expr, names: dict) -> tuple[list[_Sequence], _Sequence, bool]:
    """(the antecedent's fixed-delay variants, the consequent, overlapping?)."""
    kind = expr.kind.name
    if kind == "ImplicationPropertyExpr":
        operator = expr.op.valueText
        if operator not in ("|->", "|=>"):
            raise Unsupported(f"the operator {operator}")
        antecedent = _sequence(_unwrap_property(expr.left), names)
        consequent = _sequence(_unwrap_property(expr.right), names)
        return _expand(antecedent), consequent, operator == "|->"
    if kind == "SimplePropertyExpr":
        return [], _sequence(expr.expr, names), True
    raise Unsupported(f"{_kind_words(kind)} `{_snippet(expr)}`")


def _unwrap_property(node):
    if node.kind.name == "SimplePropertyExpr":
        return node.expr
    raise Unsupported(f"{_kind_words(node.kind.name)} `{_snippet(node)}` inside an implication")


def _sequence(node, names: dict) -> _Sequence:
    kind = node.kind.name
    if kind == "ParenthesizedSequenceExpr":
        return _repeat(_sequence(node.expr, names), node.repetition)
    if kind == "SimpleSequenceExpr":
        declaration = _declaration(node.expr, names, "SequenceDeclaration")
        inner = _sequence(declaration.seqExpr, names) if declaration else _Sequence((_Element(0, node.expr),))
        return _repeat(inner, node.repetition)
    if kind == "DelayedSequenceExpr":
        return _delayed(node, names)
    raise Unsupported(f"{_kind_words(kind)} `{_snippet(node)}`")


def _repeat(sequence: _Sequence, repetition) -> _Sequence:
    """``s [*N]``: N back-to-back copies of a fixed sequence ``s``."""
    if repetition is None:
        return sequence
    selector = repetition.selector
    if repetition.op.valueText != "*" or selector is None or selector.kind.name != "BitSelect":
        raise Unsupported(f"the repetition `{_snippet(repetition)}` (only [*N] with a fixed N)")
    count = _integer(selector.expr)
    if count < 1 or sequence.final_range is not None:
        raise Unsupported(f"the repetition `{_snippet(repetition)}` of an empty or ranged sequence")
    step = sequence.length + 1
    return _Sequence(tuple(_Element(copy * step + e.offset, e.expr)
                           for copy in range(count) for e in sequence.elements))


def _delayed(node, names: dict) -> _Sequence:
    elements: list[_Element] = []
    offset = 0
    if node.first is not None:
        first = _sequence(node.first, names)
        if first.final_range is not None:
            raise Unsupported("a ##[m:n] range inside a nested sequence")
        elements += first.elements
        offset = first.length
    final_range = None
    parts = list(node.elements)
    for position, part in enumerate(parts):
        low, high = _delay(part)
        inner = _sequence(part.expr, names)
        if inner.final_range is not None:
            raise Unsupported("a ##[m:n] range inside a nested sequence")
        if low != high:
            if position != len(parts) - 1 or len(inner.elements) != 1:
                raise Unsupported("a ##[m:n] range that is not before the single last element of its sequence")
            final_range = (offset + low, offset + high, inner.elements[0].expr)
            continue
        offset += low
        elements += [_Element(offset + e.offset, e.expr) for e in inner.elements]
        offset += inner.length
    if not elements:  # the sequence starts with its delay: an implicit `1` at the start
        elements.append(_Element(0, None))
    return _Sequence(tuple(elements), final_range)


def _delay(element) -> tuple[int, int]:
    if element.range is not None:
        low, high = _integer(element.range.left), _integer(element.range.right)
        if high < low:
            raise Unsupported("a delay range whose upper bound is below its lower bound")
        return low, high
    if element.delayVal is None:
        raise Unsupported("a delay without a value")
    value = _integer(element.delayVal)
    return value, value


def _integer(node) -> int:
    if node.kind.name != "IntegerLiteralExpression":
        raise Unsupported(f"the delay bound '{str(node).strip()}' ($ and parameters are not supported)")
    return int(str(node).strip().replace("_", ""))


def _expand(sequence: _Sequence) -> list[_Sequence]:
    """An antecedent whose last element has a range: one fixed sequence per choice."""
    if sequence.final_range is None:
        return [sequence]
    low, high, expr = sequence.final_range
    if high - low + 1 > MAX_EXPANSION:
        raise Unsupported(f"an antecedent range of more than {MAX_EXPANSION} choices")
    return [_Sequence((*sequence.elements, _Element(offset, expr))) for offset in range(low, high + 1)]


class _Emitter:
    """Expressions re-emitted from their source, every operand shifted ``d`` cycles back."""

    def __init__(self, source: str, constants: frozenset[str]) -> None:
        self.source = source
        self.constants = constants
        self.depth = 0  # the deepest $past used, for the enable window

    def emit(self, node, shift: int) -> str:
        if node is None:
            return "1'b1"
        return "(" + self._node(node, shift).strip() + ")"

    def _node(self, node, shift: int) -> str:
        kind = node.kind.name
        if kind in ("IdentifierName", "IdentifierSelectName", "ScopedName"):
            name = _text(self.source, node).strip()
            base = name.split("[", 1)[0].split(".", 1)[0]
            return name if base in self.constants else self._past(name, shift)
        if kind == "InvocationExpression" and node.left.kind.name == "SystemName":
            return self._system_call(node, shift)
        if kind in ("SimplePropertyExpr", "SimpleSequenceExpr") and getattr(node, "repetition", None) is None:
            return self._node(node.expr, shift)
        return self._splice(node, shift)

    def _splice(self, node, shift: int) -> str:
        start, end = node.sourceRange.start.offset, node.sourceRange.end.offset
        pieces, cursor = [], start
        for child in _children(node):
            child_start, child_end = child.sourceRange.start.offset, child.sourceRange.end.offset
            if child_start < cursor:
                continue
            pieces += [self.source[cursor:child_start], self._node(child, shift)]
            cursor = child_end
        pieces.append(self.source[cursor:end])
        return "".join(pieces)

    def _past(self, operand: str, shift: int) -> str:
        self.depth = max(self.depth, shift)
        return f"$past({operand}, {shift})" if shift else operand

    def _system_call(self, node, shift: int) -> str:
        name = node.left.systemIdentifier.valueText
        # The argument list interleaves the arguments with their separating commas.
        arguments = [a for a in node.arguments.parameters if isinstance(a, syntax.SyntaxNode)] if node.arguments else []
        if name in _SAMPLED:
            return self._sampled(name, arguments, shift)
        if name == "$countones":
            return f"$countones({self._argument(arguments, 0, shift)})"
        if name in _SHAPE:
            value = self._argument(arguments, 0, shift)
            one_or_none = f"(({value} & ({value} - 1'b1)) == 0)"
            return f"({value} != 0 && {one_or_none})" if name == "$onehot" else one_or_none
        raise Unsupported(f"the system function {name}")

    def _sampled(self, name: str, arguments, shift: int) -> str:
        if name == "$past":
            depth = _integer(arguments[1].expr.expr.expr) if len(arguments) > 1 else 1
            if len(arguments) > 2:
                raise Unsupported("$past with a gating expression or clock")
            return self._argument(arguments, 0, shift + depth)
        now, before = self._argument(arguments, 0, shift), self._argument(arguments, 0, shift + 1)
        if name == "$stable":
            return f"({now} == {before})"
        if name == "$changed":
            return f"({now} != {before})"
        low_now, low_before = f"({now} & 1'b1)", f"({before} & 1'b1)"  # the least significant bit
        rising = name == "$rose"
        return f"({low_now} == 1'b{int(rising)} && {low_before} == 1'b{int(not rising)})"

    def _argument(self, arguments, index: int, shift: int) -> str:
        if len(arguments) <= index or arguments[index].kind.name != "OrderedArgument":
            raise Unsupported("a sampled-value function without its argument")
        return "(" + self._node(arguments[index].expr, shift).strip() + ")"


def _checks(antecedents: list[_Sequence], consequent: _Sequence, overlap: bool, disable: str, emitter: _Emitter,
            index: int) -> tuple[list[tuple[str, str, int]], str]:
    """The checks (when, what must hold, the cycles of the trace it reads) and the antecedent cover.

    Each cycle of the consequent is checked in its own cycle, given that the antecedent matched and
    the consequent's earlier cycles held: an attempt then fails exactly when, and as early as, SVA
    says it does (a later disable cannot hide a failure that has already happened)."""
    age = f"__sva_age_{index}"
    vacuity = bool(antecedents)
    antecedents = antecedents or [_Sequence((_Element(0, None),))]
    overlap = overlap or not vacuity
    checks, covers = [], []
    for variant in antecedents:
        start = variant.length + (0 if overlap else 1)
        offsets = sorted({e.offset for e in consequent.elements})
        for offset in offsets:
            held = [e for e in consequent.elements if e.offset < offset]
            now = [e for e in consequent.elements if e.offset == offset]
            emitter.depth = 0
            checks.append(_check(variant, start, offset, held, " && ".join(emitter.emit(e.expr, 0) for e in now),
                                 disable, age, emitter))
        if consequent.final_range:
            low, high, expr = consequent.final_range
            emitter.depth = 0
            eventually = " || ".join(emitter.emit(expr, high - offset) for offset in range(low, high + 1))
            checks.append(_check(variant, start, high, list(consequent.elements), f"({eventually})", disable, age,
                                 emitter))
        if vacuity:
            emitter.depth = 0
            matched = " && ".join(emitter.emit(e.expr, variant.length - e.offset) for e in variant.elements)
            covers.append(f"    if ({_window(disable, age, variant.length, emitter.depth)}) cover ({matched});\n")
    return checks, "".join(covers)


def _check(antecedent: _Sequence, start: int, offset: int, held: list[_Element], obligation: str, disable: str,
           age: str, emitter: _Emitter) -> tuple[str, str, int]:
    """At ``offset`` cycles into the consequent: if the antecedent matched and the ``held``
    elements held, ``obligation`` (already emitted, relative to now) must hold."""
    end = start + offset
    depth = emitter.depth  # the obligation's own reach into the past
    emitter.depth = 0
    condition = [emitter.emit(e.expr, end - e.offset) for e in antecedent.elements]
    condition += [emitter.emit(e.expr, offset - e.offset) for e in held]
    reach = max(depth, emitter.depth)
    return f"{_window(disable, age, end, reach)} && {' && '.join(condition)}", obligation, max(end, reach)


def _window(disable: str, age: str, span: int, depth: int) -> str:
    """Whether a check may run: enabled now and through the attempt's ``span`` cycles (a disable
    aborts an attempt), and the formal run has lasted the ``depth`` cycles of history it reads
    (``$past`` may reach into a disabled period, never before the run's first cycle, whose values
    are arbitrary)."""
    if depth > 254:
        raise Unsupported("a property reaching more than 254 cycles back")
    run = age.replace("__sva_age_", "__sva_run_")
    return f"!{disable} && {age} >= 8'd{span} && {run} >= 8'd{depth + 1}"


def _children(node):
    return [child for child in node if isinstance(child, syntax.SyntaxNode)]


def _text(source: str, node) -> str:
    return source[node.sourceRange.start.offset:node.sourceRange.end.offset]


def _snippet(node) -> str:
    text = " ".join(str(node).split())
    return text if len(text) <= 60 else text[:57] + "..."


def _kind_words(kind: str) -> str:
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in kind).strip()
    return words.removesuffix(" expr").removesuffix(" expression")

