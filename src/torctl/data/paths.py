"""What a bodies directory holds and how paths are shown: small helpers every layer above the model uses.

Which directory a command works on (`--bodies`, `$TORCTL_BODIES`, `./bodies`) is the command line's
choice: `torctl.cli.loading.resolve_bodies_dir`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from ..atomic import KEPT_SUFFIX

REGISTRY_NAMES = ("agencies.yaml", "agencies.yml")
YAML_SUFFIXES = (".yaml", ".yml")


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working directory where possible."""
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def shown_in(shown_directory: str, name: str) -> str:
    """How file `name` in a directory shown as `shown_directory` is shown: the same as `display_path` of the
    file, for one relpath a directory instead of one a file (10,000 of them are felt)."""
    return name if shown_directory == "." else os.path.join(shown_directory, name)


class Listing(NamedTuple):
    """A directory's visible YAML files, which of them are symbolic links, which have a kept copy of an
    interrupted in-place write beside them (`torctl.atomic.kept_copy`), and those whose names are not
    UTF-8 text (not read: no report, page or link could name them)."""

    names: list[str]
    links: frozenset[str]
    kept: frozenset[str]
    not_text: tuple[str, ...] = ()


def is_text(name: str) -> bool:
    """Whether a file name is text: bytes that are not UTF-8 reach Python as lone surrogates."""
    return name.isascii() or not any("\ud800" <= ch <= "\udfff" for ch in name)


NOT_TEXT_MESSAGE = "the file's name is not UTF-8 text, so torctl does not read it; rename the file"


def listing(directory: Path) -> Listing:
    """The `Listing` of `directory`, from one `os.scandir`.

    `os.scandir` tells files from directories and links from files without a `stat` per
    entry, and no path object is made per entry, so listing 10,000 bodies costs milliseconds.
    """
    names, links, kept, not_text = [], set(), set(), []
    with os.scandir(directory) as entries:
        for e in entries:
            name = e.name
            if name.startswith("."):
                if name.endswith(KEPT_SUFFIX):
                    kept.add(name[1 : -len(KEPT_SUFFIX)])
            elif name.endswith(YAML_SUFFIXES) and e.is_file():
                if not is_text(name):
                    not_text.append(name)
                    continue
                names.append(name)
                if e.is_symlink():
                    links.add(name)
    names.sort()
    return Listing(names, frozenset(links), frozenset(kept), tuple(sorted(not_text)))


def yaml_names(directory: Path) -> list[str]:
    """The names of the visible YAML files directly in `directory`, sorted."""
    return listing(directory).names


def yaml_files(directory: Path) -> list[Path]:
    """The visible YAML files directly in `directory`, sorted by name."""
    return [directory / name for name in yaml_names(directory)]


def real(path: Path | str) -> str:
    return os.path.realpath(path)


def boundary(root: Path) -> str:
    """The real path of the folder links in the bodies directory `root` may lead into: the git work tree
    holding it (the nearest folder with a `.git`), as git keeps links within a work tree; outside git, the
    bodies directory itself."""
    top = real(root)
    for folder in (top, *(str(p) for p in Path(top).parents)):
        if os.path.lexists(os.path.join(folder, ".git")):
            return folder
    return top


def leaves(path: Path, root: Path) -> str | None:
    """Where `path` really is, if a symbolic link takes it out of the `boundary` of the bodies directory `root`.

    torctl reads only the bodies directory's work tree: a link to a file elsewhere in it
    is followed, a link out of it is refused (never opened), so a link cannot publish or
    echo any file the user can read.
    """
    target, top = real(path), boundary(root)
    inside = target == top or target.startswith(top.rstrip(os.sep) + os.sep)
    return None if inside else target


def link_out_message(target: str) -> str:
    return (
        f"a symbolic link to {target}, outside the bodies directory's work tree; torctl does not follow links out "
        "of it, so the file is not read"
    )


def find_root(path: Path) -> Path:
    """The bodies directory a file belongs to: the nearest ancestor holding the agency registry."""
    start = path if path.is_dir() else path.parent
    for candidate in (start, *start.parents):
        if any((candidate / name).is_file() for name in REGISTRY_NAMES):
            return candidate
    return start


def bodies_dir_of(path: Path) -> Path | None:
    """The bodies directory `path` is (or would be) in: its nearest folder holding an agency registry, or None."""
    start = Path(os.path.abspath(path)).parent
    for candidate in (start, *start.parents):
        if any((candidate / name).is_file() for name in REGISTRY_NAMES):
            return candidate
    return None
