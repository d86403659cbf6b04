"""The body a command about one body answers for, read from its own file and the files it names.

Shared by `check-quorum` (cli/meetings.py), `vote` / `meeting check`
(cli/decisions.py), `show`, `deadlines` and `schedule BODY`, which live in
separate modules so that each command builds only its own options at start-up.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any
from collections.abc import Mapping, Sequence

import typer

from .app import state
from .output import echo_err

if TYPE_CHECKING:  # pragma: no cover
    from ..data.tree import Tree
    from ..model import Agency, Body


def body_tree(ctx: typer.Context, body_id: str, records: Sequence[str] = ()) -> Tree:
    """The body's file, the agency registry, the bodies it names and the records of `records` kinds:
    what a command about one body reads, so its time does not grow with the directory."""
    from ..data.load import load_body
    from ..data.paths import resolve_bodies_dir

    return load_body(resolve_bodies_dir(state(ctx).bodies), body_id, records)


def meeting_body(ctx: typer.Context, body_id: str) -> tuple[Body, Mapping[str, Agency]]:
    """The body and the agencies, warning when the body's file has errors.

    Reads `<id>.yaml`, the agency registry and the bodies it refers to, not every
    file (`torctl.data.load.load_body`), so the answer comes as fast among ten
    thousand bodies as among eight.
    """
    tree = body_tree(ctx, body_id)
    body = tree.body(body_id)
    doc = tree.document_for(body.id)
    count = sum(1 for f in tree.findings if doc is not None and f.path == doc.display and f.severity == "error")
    if doc is not None and count:
        echo_err(
            f"warning: {os.path.relpath(doc.path.resolve())} has {count} error(s); run `torctl validate` (the verdict may be wrong)"
        )
    return body, tree.agencies


def read_record(path: Path, what: str) -> tuple[Any, Any]:
    """A meeting record (`AttendanceRecord`) and its parse, or a usage error naming `what` with every problem."""
    from ..data.records import RecordError, load_record
    from ..errors import UsageError

    if not path.is_file():
        raise UsageError(f"no {what} at '{path}'")
    try:
        return load_record(path)
    except RecordError as exc:
        from ..data.findings import format_text

        raise UsageError(f"cannot read the {what}:\n{format_text(exc.findings)}") from None
