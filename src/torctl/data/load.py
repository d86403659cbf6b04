"""Loading a bodies directory into models, collecting every problem as a finding.

A bodies directory holds one YAML file per body (`<id>.yaml`), the shared agency
registry (`agencies.yaml`), and subdirectories for the other kinds of record
listed in `torctl.data.records.RECORD_KINDS` (attendance records, calendars). Loading never
stops at the first problem: it gathers all of them so `torctl validate` can
report everything in one run.
"""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path
from typing import AbstractSet, Any
from collections.abc import Iterator, Mapping, Sequence

from pydantic import BaseModel, ValidationError

from ..errors import UsageError
from ..model import AgencyRegistry, Body
from .checks import check_tree
from .collector import collector_paused
from .findings import Finding
from .messages import validation_findings
from .paths import (
    REGISTRY_NAMES,
    YAML_SUFFIXES,
    display_path,
    find_root,
    resolve_bodies_dir,
    shown_in,
    yaml_files,
    yaml_names,
)
from .records import RECORD_KINDS
from .todo import TODO_WORD
from .tree import Document, Tree
from .yamlio import YamlProblem, kind_of, parse_file


def names_its_file(doc: Document) -> bool:
    """Whether a body file holds the id it is named after: only such a file answers for that id.

    A second file claiming an id (`aaa.yaml` with `id: solihull-rdg`, an easier
    quorum) is reported (R004, R005) and never used in place of `solihull-rdg.yaml`,
    whatever the order the files are read in.
    """
    return isinstance(doc.model, Body) and doc.model.id == doc.path.stem


def _load_model(doc: Document, model: type[BaseModel], findings: list[Finding]) -> None:
    try:
        doc.parsed = parse_file(doc.path)
    except YamlProblem as problem:
        findings.append(Finding(doc.display, problem.line, problem.column, problem.code, problem.message))
        return
    try:
        doc.model = model.model_validate(doc.parsed.data)
    except ValidationError as exc:
        findings.extend(validation_findings(doc.display, doc.node(), model, exc))
        return
    doc.parsed = doc.parsed.without_data(doc.path, keep_if=() if doc.parsed.marked is not None else (TODO_WORD,))
    _share_fields_sets(doc.model)


# One `__pydantic_fields_set__` per distinct set of field names, shared by every frozen model
# that has it. Pydantic gives each instance its own set (about a third of what 10,000 loaded
# bodies hold); a frozen model never adds to it, and copies (`model_copy`) copy it first.
_FIELDS_SETS: dict[frozenset[str], set[str]] = {}
_LEAVES = frozenset({str, int, float, bool, type(None), date})


def _share_fields_sets(model: BaseModel) -> None:
    shared = _FIELDS_SETS
    stack: list[Any] = [model]
    pop, push = stack.pop, stack.extend
    while stack:
        value = pop()
        kind = type(value)
        if kind in _LEAVES:
            continue
        if kind is list or kind is tuple:
            push(value)
        elif kind is dict:
            push(value.values())
        elif isinstance(value, BaseModel):
            if value.model_config.get("frozen"):
                own = value.__pydantic_fields_set__
                common = shared.setdefault(frozenset(own), own)
                if common is not own:
                    object.__setattr__(value, "__pydantic_fields_set__", common)
            push(value.__dict__.values())


def load_tree(root: Path) -> Tree:
    """Load and validate every file under `root`, then run the cross-file checks."""
    with collector_paused():
        return _load_tree(root)


def _load_registry(tree: Tree, registry_path: Path | None) -> Path | None:
    if registry_path is not None:
        doc = Document(registry_path, display_path(registry_path), "agencies")
        _load_model(doc, AgencyRegistry, tree.findings)
        tree.registry = doc
        tree.documents.append(doc)
        if isinstance(doc.model, AgencyRegistry):
            for agency in doc.model.agencies:
                tree.agencies.setdefault(agency.id, agency)
    return registry_path


def _load_tree(root: Path) -> Tree:
    tree = Tree(root=root)
    top = yaml_files(root)
    registry_path = _load_registry(tree, next((p for p in top if p.name in REGISTRY_NAMES), None))
    misnamed: list[Document] = []
    shown_root = display_path(root)
    for path in top:
        if path == registry_path:
            continue
        doc = Document(path, shown_in(shown_root, path.name), "body")
        _load_model(doc, Body, tree.findings)
        tree.documents.append(doc)
        if isinstance(doc.model, Body):
            if names_its_file(doc):
                tree.bodies.setdefault(doc.model.id, doc.model)
            else:
                misnamed.append(doc)
        else:
            claimed = doc.parsed.data.get("id") if doc.parsed is not None else None
            tree.broken_bodies.update({path.stem, claimed} if isinstance(claimed, str) else {path.stem})
    for doc in misnamed:  # no file owns the id: references to it are not "unknown", just unusable (R005)
        if doc.model.id not in tree.bodies:  # type: ignore[union-attr]
            tree.broken_bodies.add(doc.model.id)  # type: ignore[union-attr]
    load_records(tree, sorted(RECORD_KINDS))
    tree.findings.extend(check_tree(tree))
    return tree


def load_records(tree: Tree, kinds: Sequence[str]) -> None:
    """Add the records of these kinds (subdirectories of the tree's root, see RECORD_KINDS) to `tree`."""
    for subdir in kinds:
        directory = tree.root / subdir
        if not directory.is_dir():
            continue
        for path in sorted(directory.rglob("*")):
            if path.suffix in YAML_SUFFIXES and path.is_file() and not path.name.startswith("."):
                doc = Document(path, display_path(path), subdir)
                _load_model(doc, RECORD_KINDS[subdir].model, tree.findings)
                tree.documents.append(doc)


class _BodiesOnDemand(Mapping[str, Body]):
    """The bodies of a directory, each file read the first time a check asks for its id.

    Lets `check_body` check one body's references against the very files they
    name: `<id>.yaml` (or `.yml`) is looked up directly, so no listing of the
    directory is needed unless a did-you-mean asks for every id. A file that
    fails to validate is recorded in `broken` (and in the tree's findings), as
    a full load would.
    """

    def __init__(self, tree: Tree):
        self.tree = tree
        self.loaded: dict[str, Body | None] = {}
        self.broken = _BrokenOnDemand(self)
        self._listing: list[str] | None = None

    def _path(self, body_id: str) -> Path | None:
        if not body_id or body_id.startswith(".") or "/" in body_id or "\\" in body_id:
            return None  # not a file name in this directory (e.g. `../x` typed on the command line)
        for suffix in YAML_SUFFIXES:
            name = body_id + suffix
            try:
                if name not in REGISTRY_NAMES and (self.tree.root / name).is_file():
                    return self.tree.root / name
            except OSError:  # a name too long for the file system names no file
                return None
        return None

    def fetch(self, body_id: str) -> Body | None:
        if body_id not in self.loaded:
            self.loaded[body_id] = None
            path = self._path(body_id)
            if path is not None:
                doc = Document(path, display_path(path), "body")
                _load_model(doc, Body, self.tree.findings)
                self.tree.documents.append(doc)
                if isinstance(doc.model, Body):
                    if doc.model.id == body_id:  # a file holding another id is not this body
                        self.loaded[body_id] = self.tree.bodies.setdefault(body_id, doc.model)
                else:
                    self.tree.broken_bodies.add(body_id)
        return self.loaded[body_id]

    def __getitem__(self, body_id: str) -> Body:
        body = self.fetch(body_id) if isinstance(body_id, str) else None
        if body is None:
            raise KeyError(body_id)
        return body

    def _ids(self) -> list[str]:
        if self._listing is None:  # only for a did-you-mean: the one time the directory is listed
            stems = (name.rpartition(".")[0] for name in yaml_names(self.tree.root) if name not in REGISTRY_NAMES)
            self._listing = list(dict.fromkeys(stems))
        return self._listing

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids())

    def __len__(self) -> int:
        return len(self._ids())


class _BrokenOnDemand(AbstractSet[str]):
    """The ids of body files that do not validate, found out file by file as `_BodiesOnDemand` reads them."""

    def __init__(self, bodies: _BodiesOnDemand):
        self.bodies = bodies

    def __contains__(self, body_id: object) -> bool:
        if not isinstance(body_id, str):
            return False
        self.bodies.fetch(body_id)
        return body_id in self.bodies.tree.broken_bodies

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self.bodies.tree.broken_bodies))

    def __len__(self) -> int:
        return len(self.bodies.tree.broken_bodies)


def load_body(root: Path, body_id: str, records: Sequence[str] = ()) -> Tree:
    """What a command about one body needs: its file, the agency registry and the bodies it refers to.

    Reads `<root>/<body_id>.yaml` and the registry, checks the body's references
    (reading each file they name, and only those), and returns a tree holding
    just those documents; its findings are theirs, so `tree.body` and the error
    count of the body's file answer as after a full load. The time does not
    grow with the directory: it is not even listed. Where no file carries the id
    in its name (an unknown id, or a short name), the whole directory is loaded,
    so the body is found, or the error names the bodies that do exist, exactly
    as after a full load. `records` names the kinds of record (RECORD_KINDS) to
    read as well.
    """
    from .checks import check_body

    with collector_paused():
        tree = Tree(root=root)
        _load_registry(tree, next((root / n for n in REGISTRY_NAMES if (root / n).is_file()), None))
        bodies = _BodiesOnDemand(tree)
        body = bodies.fetch(body_id)
        if body is None and body_id not in tree.broken_bodies:
            return load_tree(root)
        if body is not None:
            doc = tree.document_for(body_id)
            assert doc is not None
            have_registry = isinstance(tree.registry.model if tree.registry else None, AgencyRegistry)
            for loc, code, message, severity in check_body(body, tree.agencies, bodies, have_registry, bodies.broken):
                tree.findings.append(doc.finding(loc, code, message, severity=severity))
        load_records(tree, records)
        return tree


def load_bodies(option: str | Path | None = None) -> Tree:
    """The tree a command works on, from `--bodies` / `$TORCTL_BODIES` / `./bodies`."""
    return load_tree(resolve_bodies_dir(option))


def load_paths(paths: Sequence[Path]) -> tuple[list[Tree], set[str] | None]:
    """Trees for `torctl validate PATH...`, and the files to report on (None: everything).

    A single changed file (as pre-commit passes them) is checked in the context of
    its whole bodies directory, so cross-file references still resolve.
    """
    roots: dict[Path, None] = {}
    named: list[Path] = []
    wanted: set[str] | None = set()
    for path in paths:
        if not path.exists():
            raise UsageError(f"no such file or directory: {path}")
        if path.is_dir():
            if not any(path.rglob("*.yaml")) and not any(path.rglob("*.yml")):
                raise UsageError(f"no YAML files in directory {display_path(path)}")
            roots.setdefault(path.resolve(), None)
            wanted = None
        else:
            if path.suffix not in YAML_SUFFIXES:
                raise UsageError(f"not a YAML file: {path} (torctl reads .yaml and .yml files)")
            if (refusal := _unreadable_by_name(path)) is not None:
                raise UsageError(f"{path}: {refusal}")
            roots.setdefault(find_root(path.resolve()), None)
            named.append(path)
            if wanted is not None:
                wanted.add(display_path(path.resolve()))
    trees = [load_tree(Path(display_path(root))) for root in roots]
    loaded = {d.path.resolve() for tree in trees for d in tree.documents} if named else set()
    for path in named:  # a file named on the command line is checked, or refused with the reason
        if path.resolve() not in loaded:
            raise UsageError(
                f"{path}: not a file torctl reads in {display_path(find_root(path.resolve()))}; bodies are <id>.yaml "
                f"at the top of the bodies directory, records go in {', '.join(sorted(RECORD_KINDS))}/"
            )
    return trees, wanted


def _unreadable_by_name(path: Path) -> str | None:
    """Why a file named explicitly will not be read (hidden, or not a regular file), or None."""
    if path.name.startswith("."):
        return "a hidden file (its name starts with '.'); torctl skips hidden files, so it does not check them"
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # the load reports it (Y008) at the file
    if not stat.S_ISREG(mode):
        return f"{kind_of(mode)}, not a regular file; torctl reads only regular files"
    return None


def as_data(model: BaseModel) -> dict[str, Any]:
    """A model as plain JSON-able data, with YAML's key names."""
    return model.model_dump(mode="json", by_alias=True, exclude_defaults=False)
