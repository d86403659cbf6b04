"""Writing drafts into the bodies directory: each atomically, none over an existing file unless asked to.

Every file is checked before any is written, so a refusal leaves the directory as it
was. The caller holds the edit lock of the bodies directory while this runs.
"""

from __future__ import annotations

from pathlib import Path

from ..atomic import write_text_atomic
from ..data.paths import YAML_SUFFIXES, display_path
from ..errors import Message, UsageError
from .draft import Draft


def targets(root: Path, drafts: list[Draft], *, replace: bool, known_ids: set[str]) -> list[Path]:
    """The file each draft goes to; a usage error naming every file that exists (unless `replace`)."""
    paths = [root / f"{draft.body_id}.yaml" for draft in drafts]
    if replace:
        return paths
    taken = []
    for draft, path in zip(drafts, paths, strict=True):
        existing = [root / f"{draft.body_id}{suffix}" for suffix in YAML_SUFFIXES]
        if any(p.exists() for p in existing) or draft.body_id in known_ids:
            taken.append(display_path(next((p for p in existing if p.exists()), path)))
    if taken:
        raise UsageError(
            Message(
                "{files} already exist{s}; nothing was written. Pass {force} to replace, or import into another "
                "bodies directory",
                files=", ".join(taken),
                s="s" if len(taken) == 1 else "",
            )
        )
    return paths


def write_drafts(drafts: list[Draft], source: str, paths: list[Path]) -> None:
    for draft, path in zip(drafts, paths, strict=True):
        write_text_atomic(path, draft.text(source))
