"""The package layout is the architecture: layers import only downwards, and no module imports itself back.

Every import in `src/torctl` counts, deferred imports inside functions and
type-only imports included, because each is a dependency a reader must follow.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "torctl"

# Lowest first. A module may import its own package and any lower layer; packages
# that share a rank are siblings and do not import each other, except in the base
# (errors, atomic writes, suggestions), which every layer reaches.
LAYERS: list[tuple[str, ...]] = [
    ("torctl", "torctl.errors", "torctl.findings", "torctl.atomic", "torctl.suggest"),  # reachable from every layer
    ("torctl.model",),
    ("torctl.rules",),
    ("torctl.data",),
    ("torctl.meetings", "torctl.calendar"),
    ("torctl.change", "torctl.render", "torctl.ingest"),
    ("torctl.cli",),
    ("torctl.__main__",),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def unit(module: str) -> str:
    """The layer unit a module belongs to: the longest entry of LAYERS that is it or contains it."""
    best = ""
    for rank in LAYERS:
        for name in rank:
            contains = module.startswith(name + ".") and name != "torctl"  # the root package holds only the version
            if (module == name or contains) and len(name) > len(best):
                best = name
    assert best, f"{module} belongs to no layer; add its package to LAYERS in {__file__}"
    return best


RANK = {name: index for index, rank in enumerate(LAYERS) for name in rank}


def imports(module: str) -> set[str]:
    """The torctl modules `module` imports, wherever the import statement stands."""
    path = MODULES[module]
    is_package = path.name == "__init__.py"
    here = module.split(".") if is_package else module.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "torctl")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(here[: len(here) - node.level + 1] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            if base.split(".")[0] != "torctl":
                continue
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in MODULES else base)
    found.discard(module)
    return {name for name in found if name in MODULES}


GRAPH = {module: imports(module) for module in MODULES}


def test_every_module_is_in_a_layer():
    for module in MODULES:
        unit(module)


def test_layers_import_only_downwards():
    wrong = []
    for module, targets in GRAPH.items():
        mine = unit(module)
        for target in sorted(targets):
            theirs = unit(target)
            if theirs == mine or RANK[theirs] < RANK[mine] or RANK[theirs] == RANK[mine] == 0:
                continue
            relation = "a sibling of" if RANK[theirs] == RANK[mine] else "a layer above"
            wrong.append(f"{module} imports {target}, but {theirs} is {relation} {mine}")
    assert not wrong, "\n".join(wrong)


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules (first == last), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def test_no_import_cycle():
    cycle = find_cycle(GRAPH)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


@pytest.mark.parametrize(
    "graph, expected",
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, None),
        ({"a": {"b"}, "b": {"a"}}, ["a", "b", "a"]),
        ({"a": {"b"}, "b": {"c"}, "c": {"b"}}, ["b", "c", "b"]),
    ],
)
def test_the_cycle_finder_finds_cycles(graph, expected):
    assert find_cycle(graph) == expected


def test_the_import_parser_sees_deferred_and_relative_imports():
    # data/load imports the checks at module level; the CLI defers its imports into functions.
    assert "torctl.data.checks" in GRAPH["torctl.data.load"]
    assert "torctl.data.load" in GRAPH["torctl.cli.bodies"]
    assert unit("torctl.data.load") == "torctl.data" and unit("torctl.errors") == "torctl.errors"


def test_loading_imports_no_capability():
    """`import torctl.data.load` pulls in nothing from meetings, calendar, change, render or cli."""
    seen: set[str] = set()
    todo = ["torctl.data.load"]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(GRAPH[module])
    above = sorted(m for m in seen if RANK[unit(m)] > RANK["torctl.data"])
    assert not above, f"torctl.data.load reaches {above}"
