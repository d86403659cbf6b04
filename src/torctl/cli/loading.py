"""The body a meeting-day command answers for, read quickly from the start-up snapshot.

Shared by `check-quorum` (cli/meetings.py) and `vote` / `meeting check`
(cli/decisions.py), which live in separate modules so that each command builds
only its own options at start-up.
"""

from __future__ import annotations

import os

import typer

from .app import state
from .output import echo_err


def meeting_body(ctx: typer.Context, body_id: str):
    """The body and the snapshot it came from, warning when its file has errors (quick: the start-up snapshot)."""
    from ..data.snapshot import bodies_root, load_snapshot

    root = bodies_root(state(ctx).bodies)
    snapshot = load_snapshot(root)
    body = snapshot.bodies.get(body_id)
    if body is None:
        from ..data.load import load_tree

        body = load_tree(root).body(body_id)  # an unknown body: the usual error, with did-you-mean
    if body.id in snapshot.errors:
        path, count = snapshot.errors[body.id]
        echo_err(f"warning: {os.path.relpath(path)} has {count} error(s); run `torctl validate` (the verdict may be wrong)")
    return body, snapshot

