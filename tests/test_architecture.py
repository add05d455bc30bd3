"""The package's layers: every import runs downward, and no modules import each other in a cycle.

engine → nn → data / training → teach → io → studio → cli (docs/architecture.md). A module may
import from its own subpackage and from the layers below it; ``chainrule/__init__.py`` gathers
the public names from every layer and is left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import chainrule

PACKAGE = Path(chainrule.__file__).parent

# What each layer may import, besides itself. The closure is taken below, so each line names
# only the layers directly beneath.
BELOW: dict[str, set[str]] = {
    "errors": set(),
    "version": set(),
    "util": {"errors"},
    "engine": {"util"},
    "nn": {"engine"},
    "data": {"util"},
    "training": {"nn", "data", "version"},
    "teach": {"training"},
    "io": {"training"},
    "studio": {"teach", "io"},
    "cli": {"studio"},
    "__main__": {"cli"},
}


def allowed(layer: str) -> set[str]:
    seen: set[str] = set()
    todo = [layer]
    while todo:
        for lower in BELOW[todo.pop()]:
            if lower not in seen:
                seen.add(lower)
                todo.append(lower)
    return seen | {layer}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def is_module(dotted: str) -> bool:
    where = PACKAGE.parent / dotted.replace(".", "/")
    return where.with_suffix(".py").exists() or (where / "__init__.py").exists()


def imports_of(path: Path) -> set[str]:
    """Every chainrule module a file imports, at the top or inside a function."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {  # ``if TYPE_CHECKING:`` blocks never run
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for stmt in node.body
        for inner in ast.walk(stmt)
    }
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "chainrule")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "chainrule":
                continue
            modules = [f"{target}.{alias.name}" for alias in node.names]
            modules = [m for m in modules if is_module(m)]
            # ``from chainrule.x import module`` imports the module; the package's own
            # __init__ runs first for any import, as the parent of every submodule does
            found.update(modules if len(modules) == len(node.names) else [target, *modules])
    return found


def layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "chainrule"


SOURCES = sorted(PACKAGE.rglob("*.py"))
GRAPH = {module_name(p): imports_of(p) for p in SOURCES}


def test_every_top_level_name_is_a_layer():
    names = {layer_of(m) for m in GRAPH} - {"chainrule"}
    assert names <= set(BELOW), f"a module outside the layers: {sorted(names - set(BELOW))}"


def test_imports_run_downward():
    upward = []
    for module, targets in GRAPH.items():
        layer = layer_of(module)
        if layer == "chainrule":
            continue
        for target in targets:
            if layer_of(target) not in allowed(layer):
                upward.append(f"{module} imports {target}")
    assert upward == []


@pytest.mark.xfail(
    strict=True, reason="Tensor's operator methods import the engine's nodes, which import Tensor"
)
def test_no_import_cycles():
    modules = set(GRAPH)

    def resolve(target: str) -> str | None:
        while target and target not in modules:
            target = target.rpartition(".")[0]
        return target or None

    edges = {
        m: {t for t in (resolve(x) for x in targets) if t and t != m and t != "chainrule"}
        for m, targets in GRAPH.items()
    }
    # A package's __init__ re-exporting its own modules is not a cycle of meaning; a module
    # importing its own package's __init__ back is what the check looks for.
    state: dict[str, int] = {}
    cycles: list[str] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycles.append(" → ".join([*path[path.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert cycles == []
