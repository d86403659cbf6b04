"""Loading a bodies directory into models, collecting every problem as a finding.

A bodies directory holds one YAML file per body (`<id>.yaml`), the shared agency
registry (`agencies.yaml`), and subdirectories for the other kinds of record
listed in `torctl.data.records.RECORD_KINDS` (attendance records, calendars). Loading never
stops at the first problem: it gathers all of them so `torctl validate` can
report everything in one run.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..errors import UsageError
from ..model import AgencyRegistry, Body
from ..atomic import interrupted_message, pending_write
from ..findings import Code, Selection, finding
from .paths import (
    NOT_TEXT_MESSAGE,
    REGISTRY_NAMES,
    YAML_SUFFIXES,
    Listing,
    display_path,
    find_root,
    is_text,
    leaves,
    link_out_message,
    listing,
    shown_in,
)
from .reader import read
from .records import RECORD_KINDS, record_model
from .tree import Document, Tree
from .yamlio import MARKER_WORD as TODO_WORD, kind_of

EVERY_CHECK = Selection()
"""The checks `validate` runs, and every command that publishes or reports on the whole tree."""


def names_its_file(doc: Document) -> bool:
    """Whether a body file holds the id it is named after: only such a file answers for that id.

    A second file claiming an id (`aaa.yaml` with `id: solihull-rdg`, an easier
    quorum) is reported (R004, R005) and never used in place of `solihull-rdg.yaml`,
    whatever the order the files are read in.
    """
    return isinstance(doc.model, Body) and doc.model.id == doc.path.stem


def _read_into(doc: Document, model: type[BaseModel], tree: Tree, *, link: bool = True, kept: bool = True) -> None:
    """Read `doc`'s file as `model` (torctl.data.reader), keeping its findings in the tree and, once a
    model holds the values, only what later look-ups need of the parse.

    `link`: the file may be a symbolic link (one leaving the bodies directory is not read, Y010);
    `kept`: a kept copy of an interrupted write may be beside it (then the file is not used, Y009).
    """
    if link and os.path.islink(doc.path) and (target := leaves(doc.path, tree.root)) is not None:
        tree.findings.append(finding(Code.Y010, link_out_message(target), path=doc.display))
        return
    result = read(doc.path, model, shown=doc.display)
    tree.findings.extend(result.findings)
    doc.parsed, doc.model = result.parsed, result.model
    if kept and (keep := pending_write(doc.path)) is not None:
        message = interrupted_message(Path(doc.display), Path(display_path(keep)))
        tree.findings.append(finding(Code.Y009, message + "; torctl does not use it until then", path=doc.display))
        doc.model = None
    if doc.model is not None and doc.parsed is not None:
        doc.parsed = doc.parsed.without_data(doc.path, keep_if=() if doc.parsed.marked is not None else (TODO_WORD,))


def _load_registry(tree: Tree, registry_path: Path | None, found: Listing | None = None) -> Path | None:
    if registry_path is not None:
        doc = Document(registry_path, display_path(registry_path), "agencies")
        name = registry_path.name
        _read_into(doc, AgencyRegistry, tree, **_may_be(found, name))
        tree.registry = doc
        tree.documents.append(doc)
        if isinstance(doc.model, AgencyRegistry):
            for agency in doc.model.agencies:
                tree.agencies.setdefault(agency.id, agency)
    return registry_path


def _registry_in(root: Path) -> Path | None:
    return next((root / n for n in REGISTRY_NAMES if (root / n).is_file()), None)


def load_tree(root: Path, *, checks: Selection | None = EVERY_CHECK) -> Tree:
    """Read and validate every file under `root`, then run the `checks` (None: none) across them."""
    tree = Tree(root=root)
    found = listing(root)
    top = [root / name for name in found.names]
    registry_path = _load_registry(tree, next((p for p in top if p.name in REGISTRY_NAMES), None), found)
    shown_root = display_path(root)
    for name in found.not_text:
        tree.findings.append(finding(Code.Y004, NOT_TEXT_MESSAGE, path=shown_in(shown_root, name)))
    for path in top:
        if path != registry_path:
            _load_body_file(tree, path, shown_in(shown_root, path.name), found)
    for doc in tree.body_documents():  # no file owns the id: references to it are not "unknown", just unusable (R005)
        if not names_its_file(doc) and doc.model.id not in tree.bodies:  # type: ignore[union-attr]
            tree.broken_bodies.add(doc.model.id)  # type: ignore[union-attr]
    load_records(tree, sorted(RECORD_KINDS))
    if checks is not None:
        from .checks import run_checks  # not imported by the commands that read one body and run no checks

        run_checks(tree, checks)
    return tree


def _may_be(found: Listing | None, name: str) -> dict[str, bool]:
    """Whether the file `name` may be a link and may have a kept copy: from the directory's listing where there is
    one (no look-up per file), else possibly both."""
    if found is None:
        return {}
    return {"link": name in found.links, "kept": name in found.kept}


def _load_body_file(tree: Tree, path: Path, shown: str, found: Listing | None = None) -> Document:
    doc = Document(path, shown, "body")
    _read_into(doc, Body, tree, **_may_be(found, path.name))
    tree.documents.append(doc)
    if isinstance(doc.model, Body):
        if names_its_file(doc):
            tree.bodies.setdefault(doc.model.id, doc.model)
    else:
        claimed: Any = None
        if doc.parsed is not None and doc.parsed.data is not None:
            claimed = doc.parsed.data.get("id")
        tree.broken_bodies.update({path.stem, claimed} if isinstance(claimed, str) else {path.stem})
    return doc


def load_records(tree: Tree, kinds: Sequence[str]) -> None:
    """Add the records of these kinds (subdirectories of the tree's root, see RECORD_KINDS) to `tree`."""
    for subdir in kinds:
        directory = tree.root / subdir
        if not directory.is_dir():
            continue
        if (target := leaves(directory, tree.root)) is not None:
            tree.findings.append(finding(Code.Y010, link_out_message(target), path=display_path(directory)))
            continue
        model = record_model(subdir)
        for path in sorted(directory.rglob("*")):
            if path.suffix in YAML_SUFFIXES and path.is_file() and not path.name.startswith("."):
                if not is_text(str(path)):
                    tree.findings.append(finding(Code.Y004, NOT_TEXT_MESSAGE, path=display_path(path)))
                    continue
                doc = Document(path, display_path(path), subdir)
                _read_into(doc, model, tree)
                tree.documents.append(doc)


def _body_file(root: Path, body_id: str) -> Path | None:
    """`<root>/<body_id>.yaml` (or .yml) where `body_id` can be a file name and that file exists."""
    if not body_id or body_id.startswith(".") or "/" in body_id or "\\" in body_id:
        return None  # not a file name in this directory (e.g. `../x` typed on the command line)
    for suffix in YAML_SUFFIXES:
        name = body_id + suffix
        try:
            if name not in REGISTRY_NAMES and (root / name).is_file():
                return root / name
        except OSError:  # a name too long for the file system names no file
            return None
    return None


def load_body(root: Path, body_id: str, records: Sequence[str] = ()) -> Tree:
    """What a command about one body needs: its file and the agency registry, and no checks.

    Reads `<root>/<body_id>.yaml` and the registry, and the records of `records` kinds
    (RECORD_KINDS), so the time does not grow with the directory: it is not even
    listed. Cross-file checks are `torctl validate`'s job; a meeting-day answer does
    not wait for them. Where no file carries the id in its name (an unknown id, or a
    short name), the whole directory is read, so the body is found, or the error
    names the bodies that do exist.
    """
    path = _body_file(root, body_id)
    if path is None:
        return load_tree(root, checks=None)
    tree = Tree(root=root)
    _load_registry(tree, _registry_in(root))
    doc = _load_body_file(tree, path, display_path(path))
    if isinstance(doc.model, Body) and not names_its_file(doc):
        return load_tree(root, checks=None)  # a file holding another id is not this body
    load_records(tree, records)
    return tree


def load_paths(paths: Sequence[Path], checks: Selection = EVERY_CHECK) -> tuple[list[Tree], set[str] | None]:
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
            # The folder the file is in, not the one a link leads to: a link out of the tree is not followed.
            where = Path(os.path.abspath(path))
            roots.setdefault(find_root(where.parent.resolve() / where.name), None)
            named.append(path)
            if wanted is not None:
                wanted.add(display_path(where.parent.resolve() / where.name))
    trees = [load_tree(Path(display_path(root)), checks=checks) for root in roots]
    loaded = {d.path.parent.resolve() / d.path.name for tree in trees for d in tree.documents} if named else set()
    for path in named:  # a file named on the command line is checked, or refused with the reason
        where = Path(os.path.abspath(path))
        if where.parent.resolve() / where.name not in loaded:
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


_NOT_STATED_MARK = "__torctl_not_stated__"


def shown_yaml(model: BaseModel) -> str:
    """A model as YAML for reading: every field, and `null  # not stated` where an empty field means the ToR does
    not state it (never a default shown as a fact)."""
    import re

    import yaml

    from ..model.provenance import unstated

    data = as_data(model)
    for path in unstated(model):
        node: Any = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = _NOT_STATED_MARK
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100).rstrip()
    return re.sub(rf"(:|-) {_NOT_STATED_MARK}$", r"\1 null  # not stated", text, flags=re.MULTILINE)
