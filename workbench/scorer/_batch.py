"""Batched simulation, HDL side: several candidates of one task in one Icarus process.

Most of a cocotb run's cost is starting the simulator and its embedded Python, not simulating. A
batch compiles every candidate's modules, renamed with a per-candidate suffix so that they cannot
clash, under one wrapper module holding one instance per candidate; the task's tests then run
against each instance in turn (see :mod:`workbench.scorer._batch_tests`).

A batched verdict must equal the verdict of scoring the candidate alone, so only candidates whose
behaviour cannot depend on their neighbours or on when their tests start join a batch: no
compiler directives that carry over to the next file (macros, conditional compilation, includes),
no declarations outside modules (packages, interfaces, typedefs and the like are global), no delay
controls or reads of the simulation time, no simulator random numbers (one global generator), no
ending of the simulation, no ``defparam``, ``bind`` or ``$root`` (they reach across the hierarchy).
Everything else is scored alone, as is everything in a batch that fails (see
:func:`workbench.scorer.simulation.score_many`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pyslang import parsing, syntax

from workbench.task.format import Port, TaskConfig

WRAPPER = "rtlwb_batch"
DESIGN_INSTANCE = "rtlwb_design"  # the candidate's instance inside its scope
TEST_SEPARATOR = "::"  # testcase names in a batch: "<instance>::<test>"

# Directives that only set defaults a batch file re-establishes (see :func:`candidate_file`).
_HARMLESS_DIRECTIVES = frozenset({"timescale", "default_nettype", "resetall", "celldefine", "endcelldefine"})
_DIRECTIVE = re.compile(r'//[^\n]*|/\*.*?(?:\*/|\Z)|"(?:\\.|[^"\\\n])*"?|`(\w+)', re.DOTALL)
_SHARED_STATE_CALLS = frozenset({
    "$time", "$stime", "$realtime", "$random", "$urandom", "$urandom_range", "$dist_uniform", "$dist_normal",
    "$dist_exponential", "$dist_poisson", "$dist_chi_square", "$dist_t", "$dist_erlang", "$finish", "$stop",
    "$fatal", "$root", "$get_initial_random_seed",
})
_REACHING_SYNTAX = {"DelayControl": "a delay control", "DefParam": "defparam", "BindDirective": "bind"}


@dataclass(frozen=True)
class BatchForm:
    """A candidate prepared for a batch: its code with modules renamed, or why it must run alone."""

    code: str | None
    reason: str = ""


def description(test_module: str, indices: list[int]) -> dict:
    """What :mod:`workbench.scorer._batch_tests` reads from ``RTLWB_BATCH`` (as JSON)."""
    return {"test_module": test_module, "instances": [instance_name(i) for i in indices],
            "design_instance": DESIGN_INSTANCE, "separator": TEST_SEPARATOR}


def instance_name(index: int) -> str:
    return f"c{index}"


def instance_file(index: int) -> str:
    """The batch file holding answer ``index``."""
    return f"{instance_name(index)}.sv"


def module_suffix(index: int) -> str:
    return f"__rtlwb{index}"


def batch_form(code: str, suffix: str) -> BatchForm:
    """``code`` with its modules renamed with ``suffix``, or why it must run alone (pyslang: run it
    isolated)."""
    carried = next((match.group(1) for match in _DIRECTIVE.finditer(code)
                    if match.group(1) and match.group(1) not in _HARMLESS_DIRECTIVES), None)
    if carried is not None:
        return BatchForm(None, f"compiler directive `{carried}")
    tree = syntax.SyntaxTree.fromText(code, "candidate.sv")
    shared = sorted(_system_names(tree) & _SHARED_STATE_CALLS)
    if shared:
        return BatchForm(None, f"calls {shared[0]}")
    if any(diagnostic.isError() for diagnostic in tree.diagnostics):
        return BatchForm(None, "does not parse")
    outside = next((member.kind.name for member in _top_members(tree) if member.kind.name != "ModuleDeclaration"), None)
    if outside is not None:
        return BatchForm(None, f"declares {outside} outside a module")
    reaching = _reaching_construct(tree)
    if reaching is not None:
        return BatchForm(None, f"uses {reaching}")
    return BatchForm(_renamed(code, tree, suffix))


def _system_names(tree: syntax.SyntaxTree) -> set[str]:
    """The system tasks and functions (and ``$root``) among the tokens of ``tree``, those the parser
    skipped included."""
    names: set[str] = set()

    def add(token) -> None:
        if token.kind in (parsing.TokenKind.SystemIdentifier, parsing.TokenKind.RootSystemName) or (
                token.kind == parsing.TokenKind.Identifier and token.valueText.startswith("$")):
            names.add(token.valueText)

    def visit(node) -> None:
        if isinstance(node, parsing.Token):
            for trivia in node.trivia:
                if trivia.kind == parsing.TriviaKind.SkippedTokens:
                    for skipped in trivia.getSkippedTokens():
                        add(skipped)
            add(node)

    tree.root.visit(visit)
    return names


def _top_members(tree: syntax.SyntaxTree) -> list:
    # pyslang makes a lone member the root itself rather than a compilation unit holding it.
    root = tree.root
    return list(root.members) if root.kind.name == "CompilationUnit" else [root]  # type: ignore[attr-defined]


def _reaching_construct(tree: syntax.SyntaxTree) -> str | None:
    found: list[str] = []

    def visit(node) -> bool:
        kind = getattr(node, "kind", None)
        if kind is not None and kind.name in _REACHING_SYNTAX:
            found.append(_REACHING_SYNTAX[kind.name])
            return False
        return True

    tree.root.visit(visit)
    return found[0] if found else None


def _renamed(code: str, tree: syntax.SyntaxTree, suffix: str) -> str:
    """``code`` with every module it declares renamed (declaration, end label, instantiations)."""
    declared = {member.header.name.valueText for member in _top_members(tree)}
    tokens = []

    def visit(node) -> bool:
        kind = getattr(node, "kind", None)
        if kind is None:
            return True
        if kind.name == "ModuleDeclaration":
            tokens.append(node.header.name)
            if node.blockName is not None:
                tokens.append(node.blockName.name)
        elif kind.name == "HierarchyInstantiation" and node.type.valueText in declared:
            tokens.append(node.type)
        return True

    tree.root.visit(visit)
    renamed = code
    for token in sorted(tokens, key=lambda t: t.location.offset, reverse=True):
        start = token.location.offset
        end = start + len(token.rawText)
        renamed = renamed[:start] + token.valueText + suffix + renamed[end:]
    return renamed


def candidate_file(code: str) -> str:
    """A batch file: the candidate, then a reset of whatever directive defaults it changed, so that
    the next file compiles as if alone (Icarus carries directives from file to file)."""
    return f"{code}\n`resetall\n"


def wrapper_module(config: TaskConfig, indices: list[int]) -> str:
    """One generate scope per candidate, named by :func:`instance_name`, holding a signal per port
    of the task and the candidate's instance (:data:`DESIGN_INSTANCE`) connected to them.

    The test drives the scope's signals: Icarus does not reliably propagate a value deposited on an
    input port of an inner instance. Inputs are variables starting at z, as a lone design's
    undriven top-level input ports do; outputs are nets the design drives."""
    top = config.top
    scopes = [_scope(instance_name(i), f"{top}{module_suffix(i)}", config.ports) for i in indices]
    return f"module {WRAPPER};\n{''.join(scopes)}endmodule\n"


def _scope(name: str, module: str, ports: list[Port]) -> str:
    declarations = "".join(f"    {_signal(port)};\n" for port in ports)
    connections = ", ".join(f".{port.name}({port.name})" for port in ports)
    return f"  if (1) begin : {name}\n{declarations}    {module} {DESIGN_INSTANCE} ({connections});\n  end\n"


def _signal(port: Port) -> str:
    kind = "logic" if port.direction == "input" else "wire"
    signed = " signed" if port.signed else ""
    initial = " = 'z" if port.direction == "input" else ""
    return f"{kind}{signed} [{port.width - 1}:0] {port.name}{initial}"


def original_text(text: str, index: int, own_file: str, batch_file: str) -> str:
    """A batch diagnostic as the candidate alone would have seen it."""
    return text.replace(batch_file, own_file).replace(module_suffix(index), "")
