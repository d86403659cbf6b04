"""torctl uses only the public API of the libraries it depends on, and pins the typer it is tested with.

A private module (`typer._click`), a private name (`from typer._coercion import build_runtime_param`,
`typer._param_types`) or a write to a private attribute of a library's object (`param._runtime_param = ...`,
`model.__pydantic_fields_set__ = ...`) can change or vanish in any release, the next patch release included,
with no deprecation. The rules are read from the source, so nothing has to run to be caught:

- no import of a module with a private part, or of a private name, from outside torctl;
- no private attribute read through a module imported from outside torctl (`typer._click.X`);
- no assignment (or `setattr`) to a private attribute that torctl's own classes do not define: that
  attribute belongs to a library's object.

Private means a leading underscore, except Python's own special names (`__name__`, `__doc__`) and the
enum module's documented `_value_`-style names.
"""

from __future__ import annotations

import ast
import re
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT

SRC = ROOT / "src" / "torctl"
FILES = sorted(SRC.rglob("*.py"))
PYTHON_SPECIAL = {
    name
    for kind in (object, type, types.FunctionType, types.ModuleType, BaseException, types.MethodType)
    for name in dir(kind)
    if name.startswith("__")
} | {
    "__future__",
    "__main__",
    "__file__",
    "__path__",
    "__version__",
    "__wrapped__",
    "__all__",
    "__annotations__",
    "__slots__",
}


def is_private(name: str) -> bool:
    """`_x`, `__x`, or a special name Python itself does not define (`__pydantic_fields_set__`)."""
    if not name.startswith("_"):
        return False
    if re.fullmatch(r"_[a-z]+_", name):  # the enum module's documented sunder names: _value_, _name_, _missing_
        return False
    return name not in PYTHON_SPECIAL


def is_ours(module: str | None, level: int) -> bool:
    return level > 0 or module == "torctl" or (module or "").startswith("torctl.")


def parsed() -> Iterator[tuple[Path, ast.Module]]:
    for path in FILES:
        yield path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def own_private_attributes() -> set[str]:
    """Private attributes torctl's classes define: set on `self`/`cls`, or named in a class body."""
    names: set[str] = set()
    for _, tree in parsed():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                if node.value.id in ("self", "cls") and isinstance(node.ctx, ast.Store):
                    names.add(node.attr)
            elif isinstance(node, ast.ClassDef):
                for item in node.body:
                    if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        names.add(item.name)
                    elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                        names.add(item.target.id)
                    elif isinstance(item, ast.Assign):
                        names.update(t.id for t in item.targets if isinstance(t, ast.Name))
    return {n for n in names if n.startswith("_")}


def private_uses(path: Path, tree: ast.Module, own: set[str]) -> Iterator[str]:
    """Every use of a library's private module, name or attribute in one file, as `file:line: what`."""
    where = path.relative_to(ROOT)
    library_modules: set[str] = set()  # names bound to modules imported from outside torctl
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if is_ours(alias.name, 0):
                    continue
                if any(is_private(part) for part in alias.name.split(".")):
                    yield f"{where}:{node.lineno}: import {alias.name}"
                library_modules.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and not is_ours(node.module, node.level):
            module = node.module or ""
            if any(is_private(part) for part in module.split(".")):
                yield f"{where}:{node.lineno}: from {module} import ..."
            for alias in node.names:
                if is_private(alias.name):
                    yield f"{where}:{node.lineno}: from {module} import {alias.name}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            root = node.value
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name) and root.id in library_modules and is_private(node.attr):
                yield f"{where}:{node.lineno}: {ast.unparse(node)}"
            elif (
                isinstance(node.ctx, ast.Store) and is_private(node.attr) and node.attr not in own and not on_self(node)
            ):
                yield f"{where}:{node.lineno}: assigns {ast.unparse(node)}"
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr":
            name = node.args[1].value if len(node.args) > 1 and isinstance(node.args[1], ast.Constant) else None
            if isinstance(name, str) and is_private(name) and name not in own:
                yield f"{where}:{node.lineno}: setattr(..., {name!r}, ...)"


def on_self(node: ast.Attribute) -> bool:
    return isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")


def test_src_uses_no_private_api_of_any_library():
    own = own_private_attributes()
    found = [use for path, tree in parsed() for use in private_uses(path, tree, own)]
    assert found == []


@pytest.mark.parametrize(
    ("source", "caught"),
    [
        ("import typer._click", True),
        ("from typer._click.exceptions import ClickException", True),
        ("from typer import _coercion", True),
        ("import typer\ntyper._click.Context", True),
        ("import typer.main as m\nm._get_param", True),
        ("def f(param):\n    param._runtime_param = 1", True),
        ("def f(model):\n    model.__pydantic_fields_set__ = set()", True),
        ("def f(param):\n    setattr(param, '_usage_display_name', None)", True),
        ("import typer\nfrom typer import TyperException\ntyper.main.get_command", False),
        (
            "class A:\n    def __init__(self):\n        self._x = 1\n    def copy(self, other):\n        other._x = 2",
            False,
        ),
        ("from . import _private\nfrom ..x import _y", False),
        ("def f(member):\n    member._value_ = 'A001'", False),
        ("import holidays\nholidays.__file__", False),
    ],
)
def test_the_rules_catch_what_they_should(source, caught):
    path = ROOT / "src" / "torctl" / "example.py"  # a place under ROOT for the message; nothing is written
    tree = ast.parse(source)
    own = {"_x"} if "self._x" in source else set()
    assert bool(list(private_uses(path, tree, own))) is caught


def test_typer_is_pinned_to_the_minor_release_torctl_is_tested_with():
    """typer's minor releases change how it builds commands and converts values; torctl pins the one it tests."""
    import tomllib
    from importlib.metadata import version

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    spec = next(r for r in project["dependencies"] if re.match(r"typer\b", r))
    pins = dict(re.findall(r"(>=|<)\s*([\d.]+)", spec))
    assert set(pins) == {">=", "<"}, spec
    installed = tuple(int(p) for p in version("typer").split(".")[:2])
    low = tuple(int(p) for p in pins[">="].split(".")[:2])
    high = tuple(int(p) for p in pins["<"].split(".")[:2])
    assert low <= installed < high, (spec, version("typer"))
    assert high == (low[0], low[1] + 1), f"{spec}: one minor release, the one tested"
