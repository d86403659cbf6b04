"""Helpers shared by the editing tests."""

from __future__ import annotations

from torctl.change.textdiff import unified_diff


def changes(before: str, after: str) -> tuple[list[str], list[str]]:
    """Lines removed and added, as the dry-run diff shows them."""
    lines = unified_diff(before, after, "a", "b").splitlines()[2:]
    removed = [line[1:] for line in lines if line.startswith("-")]
    added = [line[1:] for line in lines if line.startswith("+")]
    return removed, added
