"""The two sides of a diff: files, directories, or a bodies directory at a git revision.

Every file is read by `torctl.data.reader.read`, so a YAML or schema problem is the
same finding, worded and placed the same way, as `torctl validate` gives, and every
problem of a file is kept. A file that does not read is left out of the comparison
and its findings say why: the diff is then incomplete, never a body removed. Git is
run as a subprocess (`git show`); no git library.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from ...data.paths import (
    NOT_TEXT_MESSAGE,
    REGISTRY_NAMES,
    YAML_SUFFIXES,
    display_path,
    find_root,
    leaves,
    link_out_message,
    listing,
    shown_in,
)
from ...data.reader import Text, read
from ...data.yamlio import YamlProblem, read_regular
from ...errors import UsageError
from ...findings import Code, Finding, finding
from ...model import Agency, AgencyRegistry, Body

M = TypeVar("M", bound=BaseModel)


@dataclass
class Side:
    """One version of the ToRs: bodies and agencies as the model reads them."""

    label: str
    revision: str | None = None  # the git revision the files were read at; None for files on disk
    bodies: dict[str, Body] = field(default_factory=dict)
    agencies: dict[str, Agency] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # body id -> file as shown
    problems: list[Finding] = field(default_factory=list)  # why files were left out of the comparison
    # ids of bodies whose file could not be read (its name, and the id it claims): not "removed", just not compared
    unread: set[str] = field(default_factory=set)


def _is_registry(shown: str) -> bool:
    return Path(shown).name in REGISTRY_NAMES


def side_from_texts(label: str, texts: Mapping[str, str], *, revision: str | None = None) -> Side:
    """Read file texts (display name -> text) into a side; files that do not validate are reported, not compared."""
    side = Side(label, revision)
    for shown, text in sorted(texts.items(), key=lambda item: not _is_registry(item[0])):  # agencies first
        if _is_registry(shown):
            registry = _read_model(side, shown, text, AgencyRegistry)
            for agency in registry.agencies if registry is not None else []:
                side.agencies.setdefault(agency.id, agency)
            continue
        body = _read_model(side, shown, text, Body)
        if body is not None and body.id not in side.bodies:
            side.bodies[body.id] = body
            side.files[body.id] = shown
    return side


def _read_model(side: Side, shown: str, text: str, model: type[M]) -> M | None:
    """The file's model, or None with its findings added to the side's problems and its ids marked unread."""
    result = read(Text(shown, text), model)
    if result.model is None:
        side.problems.extend(result.findings)
        data = result.parsed.data if result.parsed is not None else None
        claimed = data.get("id") if data else None
        side.unread.update({Path(shown).stem, claimed} if isinstance(claimed, str) else {Path(shown).stem})
    return result.model


def sides_from_texts(
    old_label: str, old: Mapping[str, str], new_label: str, new: Mapping[str, str]
) -> tuple[Side, Side]:
    """Both sides of a diff of two directories, reading only the body files that differ.

    A body file with the same name and the same text on both sides cannot change
    anything while the agency registry is unchanged too, and parsing and
    validating it twice was most of a diff's time; so it is left out of both
    sides (a problem in such a file is no change, and `torctl validate` reports
    it). Should another file claim the id an unchanged file's name gives, both
    sides are read in full, so ids pair exactly as before.
    """
    unchanged = _unchanged_bodies(old, new)
    a = side_from_texts(old_label, {k: v for k, v in old.items() if Path(k).name not in unchanged})
    b = side_from_texts(new_label, {k: v for k, v in new.items() if Path(k).name not in unchanged})
    if unchanged and {n.rpartition(".")[0] for n in unchanged} & (a.bodies.keys() | b.bodies.keys()):
        a, b = side_from_texts(old_label, old), side_from_texts(new_label, new)
    return a, b


def _unchanged_bodies(old: Mapping[str, str], new: Mapping[str, str]) -> set[str]:
    """Names of the body files with the same text on both sides; none when the agency registry changed."""
    by_name_old = {Path(name).name: name for name in old}
    by_name_new = {Path(name).name: name for name in new}
    registries = [n for n in REGISTRY_NAMES if n in by_name_old or n in by_name_new]
    same_registry = all(
        n in by_name_old and n in by_name_new and old[by_name_old[n]] == new[by_name_new[n]] for n in registries
    )
    if not same_registry:
        return set()
    return {
        name
        for name, shown in by_name_old.items()
        if name not in REGISTRY_NAMES and name in by_name_new and old[shown] == new[by_name_new[name]]
    }


class _Unreadable(Exception):
    """A file whose text cannot be read, with the finding that says why."""

    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding


def _text_of(path: Path) -> str:
    """A file's text: only a regular file, within the size limit (a FIFO or /dev/zero is refused, not read)."""
    try:
        return read_regular(path).decode("utf-8")
    except YamlProblem as problem:
        code, reason = problem.code, problem.message
    except UnicodeDecodeError as exc:
        code, reason = Code.Y004, str(exc)
    raise _Unreadable(finding(code, f"cannot read {path}: {reason}", path=display_path(path)))


def file_text(path: Path) -> str:
    """The text of a file named on the command line; one that cannot be read is a usage error."""
    try:
        return _text_of(path)
    except _Unreadable as exc:
        raise UsageError(exc.finding.message) from None


def directory_texts(path: Path) -> tuple[dict[str, str], list[Finding]]:
    """The text of every YAML file of a bodies directory, by the name shown for it, and why others cannot be read."""
    found = listing(path)
    files = [path / name for name in found.names]
    if not files:
        raise UsageError(f"no YAML files in directory {display_path(path)}")
    texts: dict[str, str] = {}
    shown = display_path(path)
    unreadable = [finding(Code.Y004, NOT_TEXT_MESSAGE, path=shown_in(shown, name)) for name in found.not_text]
    for file in files:
        if file.name in found.links and (target := leaves(file, path)) is not None:
            unreadable.append(finding(Code.Y010, link_out_message(target), path=shown_in(shown, file.name)))
            continue
        try:
            texts[shown_in(shown, file.name)] = _text_of(file)
        except _Unreadable as exc:  # one unreadable file is a gap in the comparison, not the end of it
            unreadable.append(exc.finding)
    return texts, unreadable


def not_compared(side: Side, unreadable: list[Finding]) -> Side:
    """Record the files of `side` that could not be read: the comparison is incomplete, not a removal."""
    side.problems += unreadable
    side.unread.update(Path(gap.path).stem for gap in unreadable)
    return side


def side_from_path(path: Path, label: str | None = None) -> Side:
    """A bodies directory, or one body file (with the agency registry of its directory, if any)."""
    if not path.exists():
        raise UsageError(f"no such file or directory: {path}")
    if path.is_dir():
        texts, unreadable = directory_texts(path)
        side = side_from_texts(label or display_path(path), texts)
        return not_compared(side, unreadable)
    if path.suffix not in YAML_SUFFIXES:
        raise UsageError(f"not a YAML file: {path} (torctl reads .yaml and .yml files)")
    texts = {display_path(path): file_text(path)}
    root = find_root(path.resolve().parent)
    registry = next((root / n for n in REGISTRY_NAMES if (root / n).is_file()), None)
    if registry is not None and registry.resolve() != path.resolve():
        texts[display_path(registry)] = file_text(registry)
    return side_from_texts(label or display_path(path), texts)


def working_side(bodies_dir: Path) -> Side:
    """The bodies directory as it is on disk."""
    if not bodies_dir.is_dir():
        raise UsageError(f"no bodies directory at '{bodies_dir}'")
    return side_from_path(bodies_dir, "the working tree")


# ---------------------------------------------------------------- git


def _git(args: Sequence[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise UsageError(
            "git is not installed (or not on PATH); reading the bodies at a git revision needs it"
        ) from None
    if done.returncode != 0:
        raise UsageError(f"git {' '.join(args)}: {done.stderr.strip() or 'failed'}")
    return done.stdout


def git_side(bodies_dir: Path, rev: str) -> Side:
    """The bodies directory as it was at a git revision, read with `git show REV:path`."""
    if not bodies_dir.is_dir():
        raise UsageError(f"no bodies directory at '{bodies_dir}'")
    top = Path(_git(["rev-parse", "--show-toplevel"], bodies_dir).strip())
    prefix = _git(["rev-parse", "--show-prefix"], bodies_dir).strip()
    _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], bodies_dir)
    listing = subprocess.run(
        ["git", "ls-tree", "--name-only", f"{rev}:{prefix}"], cwd=top, capture_output=True, text=True, check=False
    )
    if listing.returncode != 0:  # the directory did not exist at that revision: every body is new
        return Side(rev, rev)
    texts: dict[str, str] = {}
    unreadable: list[Finding] = []
    shown = Path(display_path(bodies_dir))
    for name in listing.stdout.splitlines():
        if Path(name).suffix in YAML_SUFFIXES and not name.startswith("."):
            try:
                texts[str(shown / name)] = _git_show(top, f"{rev}:{prefix}{name}", str(shown / name))
            except _Unreadable as exc:  # not UTF-8 at that revision: a gap, not a crash
                unreadable.append(exc.finding)
    side = side_from_texts(rev, texts, revision=rev)
    side.problems[:0] = unreadable  # what git could not give comes first
    side.unread.update(Path(gap.path).stem for gap in unreadable)
    return side


def _git_show(top: Path, object_name: str, shown: str) -> str:
    """The text of a file at a revision, or `_Unreadable` saying why there is none."""
    raw = subprocess.run(["git", "show", object_name], cwd=top, capture_output=True, check=False)
    if raw.returncode != 0:
        reason = raw.stderr.decode("utf-8", "replace").strip() or "git show failed"
        raise _Unreadable(finding(Code.Y008, reason, path=shown))
    try:
        return raw.stdout.decode("utf-8")
    except UnicodeDecodeError:
        raise _Unreadable(finding(Code.Y004, "not UTF-8 text", path=shown)) from None
