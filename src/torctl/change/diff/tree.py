"""Two versions of the ToRs compared: two files, two directories, or git revisions."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ...data.paths import REGISTRY_NAMES, display_path
from ...errors import UsageError
from ...model import Agency
from .body import diff_body
from .collector import Collector
from .results import Change, NotCompared, TreeDiff
from .sides import Side, directory_texts, git_side, not_compared, side_from_path, sides_from_texts
from .sides import working_side


def _agency_changes(old: Mapping[str, Agency], new: Mapping[str, Agency]) -> list[Change]:
    out: list[Change] = []
    c = Collector("Agencies", out)
    for agency_id in dict.fromkeys([*old, *new]):
        a, b = old.get(agency_id), new.get(agency_id)
        if a is None and b is not None:
            c.add(f"Agency added: {b.name} ({agency_id}, {b.kind.value})", after=b)
        elif b is None and a is not None:
            c.add(f"Agency removed: {a.name} ({agency_id})", before=a)
        elif a != b:
            c.fields(f"agency {agency_id}:", a, b)
    return out


def diff_sides(old: Side, new: Side) -> TreeDiff:
    """Every body's changes between two sides, the registry's, and the files either side could not compare."""
    gaps = [NotCompared(f, old.revision) for f in old.problems] + [NotCompared(f, new.revision) for f in new.problems]
    result = TreeDiff(old.label, new.label, not_compared=gaps)
    registries = {Path(n).stem for n in REGISTRY_NAMES}
    if not (registries & old.unread or registries & new.unread):  # an unread registry is not every agency removed
        result.agencies = _agency_changes(old.agencies, new.agencies)
    for body_id in sorted(set(old.bodies) | set(new.bodies)):
        a, b = old.bodies.get(body_id), new.bodies.get(body_id)
        if (a is None and body_id in old.unread) or (b is None and body_id in new.unread):
            continue  # one side's file could not be read: the diff is incomplete; nothing was added or removed
        changed = diff_body(a, b, old.agencies, new.agencies, new.files.get(body_id) or old.files.get(body_id))
        if changed is not None:
            result.bodies.append(changed)
    return result


def diff_paths(old: Path, new: Path) -> TreeDiff:
    """`torctl diff OLD NEW`: two body files (compared whatever their ids) or two directories."""
    for path in (old, new):
        if not path.exists():
            raise UsageError(f"no such file or directory: {path}")
    if old.is_dir() != new.is_dir():
        raise UsageError("compare two files or two directories, not one of each")
    if old.is_dir():
        (old_texts, old_unread), (new_texts, new_unread) = directory_texts(old), directory_texts(new)
        a, b = sides_from_texts(display_path(old), old_texts, display_path(new), new_texts)
        return diff_sides(not_compared(a, old_unread), not_compared(b, new_unread))
    a, b = side_from_path(old), side_from_path(new)
    if len(a.bodies) == 1 and len(b.bodies) == 1:
        (ida, body_a), idb = next(iter(a.bodies.items())), next(iter(b.bodies))
        if ida != idb:  # the same body under two names: compare them, not "one removed, one added"
            a.bodies = {idb: body_a}
            a.files = {idb: a.files[ida]}
    return diff_sides(a, b)


def diff_git(bodies_dir: Path, old_rev: str, new_rev: str | None = None) -> TreeDiff:
    """The bodies directory at git revision `old_rev` against `new_rev`, or against the working tree (None)."""
    old = git_side(bodies_dir, old_rev)
    new = git_side(bodies_dir, new_rev) if new_rev else working_side(bodies_dir)
    return diff_sides(old, new)
