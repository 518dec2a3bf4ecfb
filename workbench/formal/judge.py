"""The open formal judge for generated assertions: per assertion, a verdict with its evidence.

1. syntax: the properties parse (pyslang), or ``syntax_error`` naming the line;
2. elaboration: design and properties elaborate together (undeclared signals, type errors); when
   they do not, each assertion is elaborated alone with the design, so that only the ones that
   fail are ``elaboration_error`` (located in their own file, the properties' or the design's) and
   the others are judged;
3. lowering: each property becomes a Yosys-readable monitor (:mod:`workbench.formal.sva`) or is
   ``unsupported``, with the construct named;
4. formal: SymbiYosys proves each monitor by k-induction (``proven``), finds a counterexample
   (``cex``, with its trace) or reaches its bound (``unknown``);
5. vacuity: the antecedent of each proven implication is covered; if it can never match, the
   verdict is ``vacuous``.

Every verdict records the engine, the solver and the depth. The verdicts come from open tools
and are not comparable to those of commercial formal tools.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pyslang import DiagnosticEngine, SourceManager, ast, syntax

from workbench.formal.sby import FormalOutcome, run_sby
from workbench.formal.sva import Assertion, Lowered, SvaSyntaxError, lower_all, only_assertion, parse_assertions
from workbench.hdl.interface import design_signals
from workbench.task.format import Reset


@dataclass(frozen=True)
class SourceFiles:
    """The names errors are located in: the design's file and the properties' file."""

    design: str = "design.sv"
    properties: str = "properties.sva"


@dataclass(frozen=True)
class AssertionVerdict:
    label: str
    line: int
    # proven | cex | unknown | vacuous | unsupported | syntax_error | elaboration_error | error; "error" is
    # the harness's own failure alone (a tool missing, the sandbox), never something the properties caused
    verdict: str
    message: str = ""
    engine: str = ""
    depth: int = 0
    trace: str | None = None
    failing_step: int | None = None


@dataclass
class JudgeReport:
    verdicts: list[AssertionVerdict] = field(default_factory=list)
    problem: str = ""  # the set does not parse, or does not elaborate (then the verdicts say which do not)

    def count(self, verdict: str) -> int:
        return sum(v.verdict == verdict for v in self.verdicts)


def judge(design: str, top: str, properties: str, folder: Path, reset: Reset | None = None, depth: int = 20,
          solver: str = "yices", on_start: Callable[[int], None] | None = None,
          on_verdict: Callable[[AssertionVerdict], None] | None = None, *,
          files: SourceFiles = SourceFiles()) -> JudgeReport:
    """Judge every assertion of ``properties`` against ``design`` (top module ``top``). Once the
    properties are lowered, ``on_start`` is told how many there are to prove, ``on_verdict`` each
    verdict as it comes (each takes a SymbiYosys run or two). Errors are located in ``files``."""
    try:
        parse_assertions(properties)
    except SvaSyntaxError as error:
        return JudgeReport(problem=f"syntax error: {files.properties}:{error.line}: {error.reason}")
    elaboration = elaboration_errors(design, top, properties, files)
    constants = frozenset(_parameters(design, top))
    every = lower_all(properties, constants)
    if on_start is not None:
        on_start(len(every))
    report = JudgeReport(problem=f"elaboration error: {elaboration}" if elaboration else "")
    for index, lowered in enumerate(every):
        alone = elaboration_errors(design, top, only_assertion(properties, index), files) if elaboration else ""
        assertion = lowered.assertion
        report.verdicts.append(AssertionVerdict(assertion.label, assertion.line, "elaboration_error", alone) if alone
                               else _judge_one(lowered, design, top, folder / f"a{index}", reset, depth, solver))
        if on_verdict is not None:
            on_verdict(report.verdicts[-1])
    return report


def _judge_one(lowered: Lowered, design: str, top: str, folder: Path, reset: Reset | None, depth: int,
               solver: str) -> AssertionVerdict:
    assertion = lowered.assertion
    if not lowered.supported:
        return AssertionVerdict(assertion.label, assertion.line, "unsupported", lowered.unsupported)
    start = _reset_assumption(reset)
    proof = run_sby({"design.sv": inject(design, top, start + lowered.check)}, top, folder / "prove", "prove",
                    depth, solver)
    verdict = _verdict(assertion, proof)
    if verdict.verdict != "proven" or not lowered.antecedent_cover:
        return verdict
    cover = run_sby({"design.sv": inject(design, top, start + lowered.antecedent_cover)}, top, folder / "cover",
                    "cover", depth, solver)
    if cover.infra:
        return AssertionVerdict(assertion.label, assertion.line, "error", cover.infra, proof.engine, depth)
    if cover.verdict == "unreachable":
        return AssertionVerdict(assertion.label, assertion.line, "vacuous",
                                f"the antecedent never matches within {depth} cycles", proof.engine, depth)
    return verdict


def _verdict(assertion: Assertion, outcome: FormalOutcome) -> AssertionVerdict:
    messages = {"proven": "proven by k-induction", "cex": "counterexample found",
                "unknown": f"neither proven nor refuted within {outcome.depth} cycles",
                "timeout": "neither proven nor refuted within the time limit"}
    if outcome.infra:
        verdict, message = "error", outcome.infra
    elif outcome.verdict in messages:
        verdict, message = ("unknown" if outcome.verdict == "timeout" else outcome.verdict), messages[outcome.verdict]
    else:
        # pyslang elaborated the properties with the design, but Yosys or sby rejected the monitor
        # made of them: the answer's failure (its text made the tools fail), not the harness's.
        verdict, message = "elaboration_error", f"the formal tools rejected the property: {_last_error(outcome.log)}"
    return AssertionVerdict(assertion.label, assertion.line, verdict, message, outcome.engine, outcome.depth,
                            str(outcome.trace) if outcome.trace else None, outcome.failing_step)


def _last_error(log: str) -> str:
    lines = [line for line in log.splitlines() if "ERROR" in line or "error" in line.lower()]
    return lines[0].split("] ", 1)[-1][:300] if lines else "sby failed"


def _reset_assumption(reset: Reset | None) -> str:
    """Formal runs start in reset, as simulation does: otherwise any initial state is reachable."""
    if reset is None:
        return ""
    level = "!" if reset.active_low else ""
    return f"initial assume ({level}{reset.name});\n"


def inject(design: str, top: str, monitor: str) -> str:
    """``design`` with ``monitor`` placed inside module ``top``, before its ``endmodule``, so the
    properties see the module's internal signals."""
    position = _endmodule_offset(design, top)
    return design[:position] + monitor + design[position:]


@functools.lru_cache(maxsize=32)
def _endmodule_offset(design: str, top: str) -> int:
    # Cached: a judge injects a monitor per assertion (and per cover) into the same design.
    tree = syntax.SyntaxTree.fromText(design)
    for member in _modules(tree.root):
        if member.header.name.valueText == top:
            return member.endmodule.location.offset
    raise ValueError(f"no module '{top}' in the design")


def _modules(root):
    if root.kind.name == "ModuleDeclaration":
        return [root]
    return [m for m in getattr(root, "members", []) if m.kind.name == "ModuleDeclaration"]


def elaboration_errors(design: str, top: str, properties: str, files: SourceFiles = SourceFiles()) -> str:
    """The first error pyslang reports for the design with the properties inside ``top``, located
    in the file it is in: ``file:line:column: message``."""
    # `line directives make pyslang count the properties' lines, and the design's after them, in
    # their own files although they are read as one text.
    resumed = design.count("\n", 0, _endmodule_offset(design, top)) + 1
    monitor = f"\n`line 1 {_quoted(files.properties)} 0\n{properties}\n`line {resumed} {_quoted(files.design)} 0\n"
    compilation = ast.Compilation()
    compilation.addSyntaxTree(syntax.SyntaxTree.fromText(inject(design, top, monitor), files.design))
    return _first_error(compilation.sourceManager, compilation.getAllDiagnostics())


def syntax_errors(design: str, file: str = "design.sv") -> str:
    """The first syntax error pyslang finds in ``design`` (``file:line:column: message``), or ""."""
    tree = syntax.SyntaxTree.fromText(design, file)
    return _first_error(tree.sourceManager, tree.diagnostics)


def _first_error(sources: SourceManager, diagnostics) -> str:
    errors = [d for d in diagnostics if d.isError()]
    if not errors:
        return ""
    report = DiagnosticEngine.reportAll(sources, errors[:1]).strip().splitlines()
    return report[0].replace(": error: ", ": ", 1) if report else f"{errors[0].code} (pyslang)"


def _quoted(name: str) -> str:
    """``name`` as the string literal of a `line directive."""
    return '"' + name.replace("\\", "/").replace('"', "'") + '"'


def _parameters(design: str, top: str) -> list[str]:
    found = design_signals(design, top)
    return list(found.parameters) if found else []


@dataclass(frozen=True)
class SetVerdict:
    """A whole property set judged in one run: cheaper than one run per assertion, for suites."""

    verdict: str  # proven | cex | unknown | error (of the conjunction of the supported assertions)
    unsupported: tuple[str, ...] = ()  # labels
    vacuous: tuple[str, ...] = ()  # labels whose antecedent is never matched
    message: str = ""
    infra: str | None = None  # the harness's own failure, when the verdict is "error" because of it


def judge_set(design: str, top: str, properties: str, folder: Path, reset: Reset | None = None, depth: int = 20,
              solver: str = "yices", covers: bool = True) -> SetVerdict:
    """Prove every supported assertion of ``properties`` at once; with ``covers``, cover every
    antecedent at once too. (A cex means at least one assertion fails: enough to kill a mutant.)"""
    lowered = lower_all(properties, frozenset(_parameters(design, top)))
    supported = [item for item in lowered if item.supported]
    unsupported = tuple(item.assertion.label for item in lowered if not item.supported)
    start = _reset_assumption(reset)
    proof = run_sby({"design.sv": inject(design, top, start + "".join(item.check for item in supported))}, top,
                    folder / "prove", "prove", depth, solver)
    if proof.verdict != "proven" or not covers:
        return SetVerdict(proof.verdict if proof.verdict in ("proven", "cex", "unknown") else "error", unsupported,
                          message=_last_error(proof.log) if proof.verdict == "error" else "", infra=proof.infra)
    monitors = [item for item in supported if item.antecedent_cover]
    text = inject(design, top, start + "".join(item.antecedent_cover for item in monitors))
    cover = run_sby({"design.sv": text}, top, folder / "cover", "cover", depth, solver)
    unreached_lines = {int(location.split(":")[1].split(".")[0]) for location in cover.unreached}
    vacuous = tuple(item.assertion.label for item in monitors
                    if any(line in unreached_lines for line in _cover_lines(text, item)))
    return SetVerdict("proven", unsupported, vacuous)


def _cover_lines(text: str, item: Lowered) -> list[int]:
    """The lines of ``text`` holding ``item``'s cover statements."""
    start = text.index(item.antecedent_cover)
    first = text.count("\n", 0, start) + 1
    return [first + number for number, line in enumerate(item.antecedent_cover.splitlines()) if "cover (" in line]
