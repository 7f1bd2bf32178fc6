"""The rooms of the package import one another in one direction only: no module imports
itself back through a cycle, and no room imports a room that imports it (lazy imports
inside functions included)."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[2] / "src" / "hallbarhet_cli"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "hallbarhet_cli"
            ):
                assert node.module is not None
                for alias in node.names:
                    target = f"{node.module}.{alias.name}"
                    graph[name].add(target if target in modules else node.module)
            elif isinstance(node, ast.Import):
                graph[name].update(
                    a.name for a in node.names if a.name.startswith("hallbarhet_cli")
                )
        graph[name].discard(name)
    return graph


def _room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "hallbarhet_cli"


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
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
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_itself_through_a_cycle() -> None:
    assert _cycles(_imports()) == []


def test_rooms_import_each_other_in_one_direction() -> None:
    rooms: dict[str, set[str]] = defaultdict(set)
    for module, targets in _imports().items():
        for target in targets:
            # The package itself only holds the version, which every room may read.
            if target != "hallbarhet_cli" and _room(target) != _room(module):
                rooms[_room(module)].add(_room(target))
    assert _cycles(rooms) == []


@pytest.mark.parametrize(
    ("low", "high"),
    [
        ("files", "models"),
        ("models", "criteria"),
        ("criteria", "scoring"),
        ("scoring", "reporters"),
        ("reporters", "cli"),
        ("batch", "cli"),
    ],
)
def test_a_lower_room_never_imports_a_higher_one(low: str, high: str) -> None:
    graph = _imports()
    upward = sorted(
        (module, target)
        for module, targets in graph.items()
        if _room(module) == low
        for target in targets
        if _room(target) == high
    )
    assert upward == []
