"""Loading a bodies directory into models, collecting every problem as a finding.

A bodies directory holds one YAML file per body (`<id>.yaml`), the shared agency
registry (`agencies.yaml`), and subdirectories for other kinds of record that
commands register in `RECORD_KINDS` (e.g. attendance records). Loading never
stops at the first problem: it gathers all of them so `torctl validate` can
report everything in one run.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from pydantic import BaseModel, ValidationError

from .errors import DataError, UsageError
from .findings import Finding
from .messages import did_you_mean, validation_findings
from .model import Agency, AgencyRegistry, Body
from .yamlio import Parsed, YamlProblem, locate, parse_file

REGISTRY_NAMES = ("agencies.yaml", "agencies.yml")
YAML_SUFFIXES = (".yaml", ".yml")
DEFAULT_BODIES = "bodies"
ENV_BODIES = "TORCTL_BODIES"


@dataclass
class RecordKind:
    """A kind of record kept in a subdirectory of the bodies directory (attendance, calendars...)."""

    model: type[BaseModel]
    # Cross-checks against the loaded tree: (tree, document) -> findings.
    check: Callable[["Tree", "Document"], list[Finding]] | None = None


RECORD_KINDS: dict[str, RecordKind] = {}


def register_kind(subdir: str, kind: RecordKind) -> None:
    """Let a capability (attendance, term calendars...) validate its records with the bodies."""
    RECORD_KINDS[subdir] = kind


@dataclass
class Document:
    """One loaded file: its path, node tree (for locations) and model, if it validated."""

    path: Path
    display: str
    kind: str
    parsed: Parsed | None = None
    model: BaseModel | None = None
    _node: Any = field(default=None, repr=False)

    def where(self, loc: Sequence[str | int], *, key: bool = False) -> tuple[int | None, int | None]:
        if self.parsed is None:
            return None, None
        if self._node is None:
            self._node = self.parsed.node
        return locate(self._node, loc, key=key)

    def finding(self, loc: Sequence[str | int], code: str, message: str, *, key: bool = False, severity: str = "error") -> Finding:
        line, column = self.where(loc, key=key)
        return Finding(self.display, line, column, code, message, severity)  # type: ignore[arg-type]


@dataclass
class Tree:
    """Everything in one bodies directory: agencies, bodies, other records, and the problems found."""

    root: Path
    agencies: dict[str, Agency] = field(default_factory=dict)
    bodies: dict[str, Body] = field(default_factory=dict)
    documents: list[Document] = field(default_factory=list)
    registry: Document | None = None
    findings: list[Finding] = field(default_factory=list)
    # Ids of body files that exist but did not validate: references to them are not
    # "unknown" (the broken file has its own findings), they just cannot be checked further.
    broken_bodies: set[str] = field(default_factory=set)

    def document_for(self, body_id: str) -> Document | None:
        return next(
            (d for d in self.documents if d.kind == "body" and isinstance(d.model, Body) and d.model.id == body_id),
            None,
        )

    def records(self, kind: str) -> list[Document]:
        return [d for d in self.documents if d.kind == kind and d.model is not None]

    def body(self, body_id: str) -> Body:
        """The body with this id, or a usage error that suggests the nearest ids."""
        if body_id in self.bodies:
            return self.bodies[body_id]
        if body_id in self.broken_bodies:
            where = next((d.display for d in self.documents if d.kind == "body" and d.path.stem == body_id), body_id)
            errors = sum(1 for f in self.findings if f.path == where and f.severity == "error")
            raise DataError(f"{where} has {errors} error(s), so torctl cannot use it; run `torctl validate {where}`")
        known = sorted(self.bodies)
        raise UsageError(
            f"no body '{body_id}' in {display_path(self.root)}{did_you_mean(body_id, known)}; "
            f"known bodies: {', '.join(known) or 'none'}"
        )


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working directory where possible."""
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def resolve_bodies_dir(option: str | Path | None) -> Path:
    """`--bodies`, else `$TORCTL_BODIES`, else `./bodies`; a usage error if it is not a directory."""
    chosen = option or os.environ.get(ENV_BODIES) or DEFAULT_BODIES
    path = Path(chosen)
    if not path.is_dir():
        source = "--bodies" if option else (ENV_BODIES if os.environ.get(ENV_BODIES) else "the default")
        raise UsageError(
            f"no bodies directory at '{chosen}' (from {source}); pass --bodies DIR or set {ENV_BODIES}"
        )
    return path


def _load_model(doc: Document, model: type[BaseModel], findings: list[Finding]) -> None:
    try:
        doc.parsed = parse_file(doc.path)
    except YamlProblem as problem:
        findings.append(Finding(doc.display, problem.line, problem.column, problem.code, problem.message))
        return
    try:
        doc.model = model.model_validate(doc.parsed.data)
    except ValidationError as exc:
        doc._node = doc.parsed.node  # composed once, reused by any cross-file finding in this file
        findings.extend(validation_findings(doc.display, doc._node, model, exc))


def yaml_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file() and not p.name.startswith("."))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a directory loads.

    Loading builds hundreds of thousands of small containers and no reference
    cycles; left running, the collector rescans them again and again (about a
    third of the time for 1,000 files). Reference counting still frees memory.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_tree(root: Path) -> Tree:
    """Load and validate every file under `root`, then run the cross-file checks."""
    with _collector_paused():
        return _load_tree(root)


def _load_tree(root: Path) -> Tree:
    from .checks import check_tree
    from .kinds import register_builtin_kinds

    register_builtin_kinds()
    tree = Tree(root=root)
    top = yaml_files(root)
    registry_path = next((p for p in top if p.name in REGISTRY_NAMES), None)
    if registry_path is not None:
        doc = Document(registry_path, display_path(registry_path), "agencies")
        _load_model(doc, AgencyRegistry, tree.findings)
        tree.registry = doc
        tree.documents.append(doc)
        if isinstance(doc.model, AgencyRegistry):
            for agency in doc.model.agencies:
                tree.agencies.setdefault(agency.id, agency)
    for path in top:
        if path == registry_path:
            continue
        doc = Document(path, display_path(path), "body")
        _load_model(doc, Body, tree.findings)
        tree.documents.append(doc)
        if isinstance(doc.model, Body):
            tree.bodies.setdefault(doc.model.id, doc.model)
        else:
            claimed = doc.parsed.data.get("id") if doc.parsed is not None else None
            tree.broken_bodies.update({path.stem, claimed} if isinstance(claimed, str) else {path.stem})
    for subdir, kind in sorted(RECORD_KINDS.items()):
        directory = root / subdir
        if not directory.is_dir():
            continue
        for path in sorted(directory.rglob("*")):
            if path.suffix in YAML_SUFFIXES and path.is_file() and not path.name.startswith("."):
                doc = Document(path, display_path(path), subdir)
                _load_model(doc, kind.model, tree.findings)
                tree.documents.append(doc)
    tree.findings.extend(check_tree(tree))
    return tree


def find_root(path: Path) -> Path:
    """The bodies directory a file belongs to: the nearest ancestor holding the agency registry."""
    start = path if path.is_dir() else path.parent
    for candidate in (start, *start.parents):
        if any((candidate / name).is_file() for name in REGISTRY_NAMES):
            return candidate
    return start


def load_bodies(option: str | Path | None = None) -> Tree:
    """The tree a command works on, from `--bodies` / `$TORCTL_BODIES` / `./bodies`."""
    return load_tree(resolve_bodies_dir(option))


def load_paths(paths: Sequence[Path]) -> tuple[list[Tree], set[str] | None]:
    """Trees for `torctl validate PATH...`, and the files to report on (None: everything).

    A single changed file (as pre-commit passes them) is checked in the context of
    its whole bodies directory, so cross-file references still resolve.
    """
    roots: dict[Path, None] = {}
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
            roots.setdefault(find_root(path.resolve()), None)
            if wanted is not None:
                wanted.add(display_path(path.resolve()))
    trees = [load_tree(Path(display_path(root))) for root in roots]
    return trees, wanted


def as_data(model: BaseModel) -> dict[str, Any]:
    """A model as plain JSON-able data, with YAML's key names."""
    return model.model_dump(mode="json", by_alias=True, exclude_defaults=False)
