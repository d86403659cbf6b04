"""What a bodies directory holds and how paths are shown: small helpers every layer above the model uses.

Which directory a command works on (`--bodies`, `$TORCTL_BODIES`, `./bodies`) is the command line's
choice: `torctl.cli.loading.resolve_bodies_dir`.
"""

from __future__ import annotations

import os
from pathlib import Path

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


def yaml_names(directory: Path) -> list[str]:
    """The names of the visible YAML files directly in `directory`, sorted.

    `os.scandir` tells files from directories without a `stat` per entry, and no
    path object is made per entry, so listing 10,000 bodies costs milliseconds.
    """
    with os.scandir(directory) as entries:
        return sorted(
            e.name for e in entries if e.name.endswith(YAML_SUFFIXES) and not e.name.startswith(".") and e.is_file()
        )


def yaml_files(directory: Path) -> list[Path]:
    """The visible YAML files directly in `directory`, sorted by name."""
    return [directory / name for name in yaml_names(directory)]


def find_root(path: Path) -> Path:
    """The bodies directory a file belongs to: the nearest ancestor holding the agency registry."""
    start = path if path.is_dir() else path.parent
    for candidate in (start, *start.parents):
        if any((candidate / name).is_file() for name in REGISTRY_NAMES):
            return candidate
    return start
