"""The package's structure as the code's own import graph: no cycles, arrows pointing down the
layers of docs/architecture.md, imports inside functions only where they defer a heavy or optional
dependency (and say so), and a command line that starts without the heavy libraries."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "workbench"

# Lowest first: a package may import only packages of lower layers (or its own). Packages of one
# layer do not import each other. The private top-level helpers sit below everything.
LAYERS: list[set[str]] = [
    {"_secrets", "_tables", "_paths", "_exports", "errors"},
    {"sandbox"},
    {"sim"},
    {"task"},
    {"answer"},
    {"hdl"},
    {"formal", "hls", "synth"},
    {"scorer"},
    {"model"},
    {"log"},
    {"solver"},
    {"report"},
    {"eval"},
    {"importers", "curation"},
    {"cli"},
]
# Outside the layers: the public API's lazy table (names, not imports) and what runs inside the simulator.
UNLAYERED = {"__init__", "tb", "doctor_task"}

HEAVY = ("pyslang", "cocotb", "numpy", "langchain_core")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))
            if "doctor_task" not in path.parts}


def _resolve(name: str) -> str | None:
    """The workbench module that ``name`` (a module or a name inside one) loads."""
    while name and name not in _modules():
        name = name.rpartition(".")[0]
    return name or None


@cache
def _imports(module: str) -> list[tuple[str, int, bool]]:
    """(imported workbench module, line, inside a function) for every import in ``module``."""
    tree = ast.parse(_modules()[module].read_text())
    found: list[tuple[str, int, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            names: list[str] = []
            if isinstance(child, ast.Import):
                names = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                names = [f"{child.module}.{alias.name}" for alias in child.names]
            for name in names:
                target = _resolve(name) if name.startswith("workbench") else None
                if target and target != module:
                    found.append((target, child.lineno, in_function))
            visit(child, nested)

    visit(tree, False)
    return found


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _layer(package: str) -> int:
    return next(index for index, layer in enumerate(LAYERS) if package in layer)


def _is_ancestor(package: str, module: str) -> bool:
    return module.startswith(package + ".")


def test_every_package_has_a_layer():
    packages = {_package(module) for module in _modules()}
    assert packages - UNLAYERED - set().union(*LAYERS) == set()


def test_no_import_cycles():
    # Importing a module runs its parent packages' __init__ first: that edge is Python's, not ours.
    graph = {module: {target for target, _, _ in _imports(module) if not _is_ancestor(target, module)}
             for module in _modules()}
    cycles = _cycles(graph)
    assert cycles == [], "import cycles: " + "; ".join(" -> ".join(cycle) for cycle in cycles)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return components


def test_imports_point_down_the_layers():
    wrong = []
    for module in _modules():
        source = _package(module)
        if source in UNLAYERED:
            continue
        for target, line, _ in _imports(module):
            destination = _package(target)
            if destination != source and destination not in UNLAYERED and _layer(destination) >= _layer(source):
                wrong.append(f"{module}:{line} imports {target}")
    assert wrong == []


def test_imports_inside_functions_say_why():
    unexplained = []
    for module, path in _modules().items():
        lines = path.read_text().splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Import | ast.ImportFrom):
                        context = lines[inner.lineno - 2: (inner.end_lineno or inner.lineno)]
                        if not any("#" in line for line in context):
                            unexplained.append(f"{module}:{inner.lineno}")
    assert unexplained == [], "imports inside functions without a comment saying what they defer"


def _loaded_by(argv: list[str]) -> set[str]:
    """The top-level modules loaded by running ``rtlwb`` with ``argv``."""
    driver = ("import json, sys\n"
              f"sys.argv = ['rtlwb', *{argv!r}]\n"
              "from workbench.cli.main import main\n"
              "try:\n    main()\nexcept SystemExit:\n    pass\n"
              "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", driver], capture_output=True, text=True, timeout=120)
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize("argv", [["--help"], ["tasks", "list", "--json"], ["tasks", "show", "sat_add"]])
def test_the_command_line_starts_without_heavy_libraries(argv):
    loaded = _loaded_by(argv)
    heavy = sorted(name for name in loaded if name.split(".")[0] in HEAVY)
    simulators = sorted(name for name in loaded if name.startswith(("workbench.sim.", "workbench.hdl.")))
    assert (heavy, simulators) == ([], [])


def test_importing_the_command_line_loads_no_heavy_library():
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", "import workbench.cli.main"],
                          capture_output=True, text=True, timeout=120)
    imported = {line.split("|")[-1].strip().split(".")[0] for line in done.stderr.splitlines() if "|" in line}
    assert imported & set(HEAVY) == set()
