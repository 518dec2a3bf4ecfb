"""Interface check: does a candidate define the task's top module with the task's ports?

Parsed with pyslang. A verdict of "wrong interface" needs definite evidence: when pyslang cannot
elaborate the module (syntax it rejects), the check steps aside and the simulator's compiler, which
decides compile failures, gets the last word.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyslang import ast, syntax

from workbench.task.format import TaskConfig

_DIRECTIONS = {"In": "input", "Out": "output", "InOut": "inout", "Ref": "ref"}


@dataclass(frozen=True)
class PortFound:
    name: str
    direction: str
    width: int
    signed: bool


@dataclass
class InterfaceReport:
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    checked: bool = True

    @property
    def ok(self) -> bool:
        return not self.problems


def check_interface(code: str, config: TaskConfig) -> InterfaceReport:
    report = InterfaceReport()
    compilation = _parse(code)
    if compilation is None:
        report.checked = False
        return report
    modules = sorted(d.name for d in compilation.getDefinitions())
    if config.top not in modules:
        shown = ", ".join(modules) or "none"
        report.problems.append(f"module '{config.top}' is not defined (modules found: {shown})")
        return report
    found = _top_ports(compilation, config.top)
    if found is None:
        report.checked = False
        return report
    by_name = {p.name: p for p in found}
    for port in config.ports:
        actual = by_name.get(port.name)
        if actual is None:
            report.problems.append(f"missing port '{port.name}' ({port.direction}, {port.width} bits)")
            continue
        if actual.direction != port.direction:
            report.problems.append(
                f"port '{port.name}' is {actual.direction}, expected {port.direction}")
        if actual.width != port.width:
            report.problems.append(
                f"port '{port.name}' is {actual.width} bits wide, expected {port.width}")
        if actual.signed != port.signed:
            report.warnings.append(
                f"port '{port.name}' is {'signed' if actual.signed else 'unsigned'}, "
                f"the task declares it {'signed' if port.signed else 'unsigned'}")
    expected = {p.name for p in config.ports}
    for extra in found:
        if extra.name not in expected:
            report.problems.append(f"unexpected port '{extra.name}' ({extra.direction})")
    return report


@dataclass(frozen=True)
class DesignOutline:
    """What a design defines: its modules, the top chosen, and that top's ports."""

    modules: list[str]
    top: str | None
    ports: list[PortFound]
    tops: list[str] = field(default_factory=list)  # the modules nothing instantiates, in file order


def outline_design(code: str, top: str | None = None) -> DesignOutline | None:
    """The modules of ``code`` and the ports of ``top`` (default: the first module nothing else
    instantiates). None when the code does not parse; ``top`` is None when it is not defined."""
    compilation = _parse(code)
    if compilation is None:
        return None
    modules = [d.name for d in compilation.getDefinitions()]
    instances = {instance.name: instance for instance in compilation.getRoot().topInstances}
    tops = [name for name in modules if name in instances]
    chosen = top if top is not None else next(iter(tops), None)
    if chosen not in instances:
        return DesignOutline(sorted(modules), None, [], tops)
    return DesignOutline(sorted(modules), chosen, [_port(p) for p in instances[chosen].body.portList], tops)


@dataclass(frozen=True)
class Signal:
    name: str
    width: int
    signed: bool


@dataclass(frozen=True)
class DesignSignals:
    """What properties of a module may name: its nets and variables, and its parameters."""

    signals: list[Signal]
    parameters: dict[str, str]  # name -> value


def design_signals(code: str, top: str) -> DesignSignals | None:
    """The nets, variables and parameters of module ``top`` of ``code``; None when it is not there."""
    compilation = _parse(code)
    if compilation is None:
        return None
    for instance in compilation.getRoot().topInstances:
        if instance.name != top:
            continue
        signals, parameters, seen = [], {}, set()
        for member in instance.body:
            kind = member.kind.name
            if kind in ("Net", "Variable") and member.name not in seen and member.type.bitWidth > 0:
                seen.add(member.name)
                signals.append(Signal(member.name, member.type.bitWidth, bool(member.type.isSigned)))
            elif kind == "Parameter":
                parameters[member.name] = str(member.value)
        return DesignSignals(signals, parameters)
    return None


def _parse(code: str) -> ast.Compilation | None:
    """A pyslang compilation of ``code``, or None when it does not even parse."""
    compilation = ast.Compilation()
    compilation.addSyntaxTree(syntax.SyntaxTree.fromText(code, "candidate.sv"))
    if any(d.isError() for d in compilation.getParseDiagnostics()):
        return None
    return compilation


def _top_ports(compilation: ast.Compilation, module: str) -> list[PortFound] | None:
    """Ports of ``module`` elaborated with default parameters, or None if it is not a top instance."""
    for instance in compilation.getRoot().topInstances:
        if instance.name == module:
            return [_port(p) for p in instance.body.portList]
    return None


def _port(symbol) -> PortFound:
    direction = _DIRECTIONS.get(symbol.direction.name, symbol.direction.name.lower())
    return PortFound(symbol.name, direction, symbol.type.bitWidth, bool(symbol.type.isSigned))
