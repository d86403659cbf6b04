"""The body a command about one body answers for, read from its own file and the agency registry.

Shared by `check-quorum` (cli/meetings.py), `vote` / `meeting check`
(cli/decisions.py), `show`, `deadlines` and `schedule BODY`, which live in
separate modules so that each command builds only its own options at start-up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .app import state

DEFAULT_BODIES = "bodies"
ENV_BODIES = "TORCTL_BODIES"

if TYPE_CHECKING:  # pragma: no cover
    from ..data.tree import Tree
    from ..model import Agency, Body
    from .given import RecordFile


def resolve_bodies_dir(option: str | Path | None) -> Path:
    """`--bodies`, else `$TORCTL_BODIES`, else `./bodies`; a usage error if it is not a directory."""
    import os

    from ..errors import UsageError

    chosen = option or os.environ.get(ENV_BODIES) or DEFAULT_BODIES
    path = Path(chosen)
    if not path.is_dir():
        source = "--bodies" if option else (ENV_BODIES if os.environ.get(ENV_BODIES) else "the default")
        raise UsageError(f"no bodies directory at '{chosen}' (from {source}); pass --bodies DIR or set {ENV_BODIES}")
    return path


def load_bodies(option: str | Path | None = None) -> Tree:
    """Every file of the bodies directory the command works on, with every check."""
    from ..data.load import load_tree

    return load_tree(resolve_bodies_dir(option))


def body_tree(ctx: typer.Context, body_id: str, records: Sequence[str] = ()) -> Tree:
    """The body's file, the agency registry and the records of `records` kinds, and no cross-file checks:
    what a command about one body reads, so its time does not grow with the directory."""
    from ..data.load import load_body

    return load_body(resolve_bodies_dir(state(ctx).bodies), body_id, records)


def meeting_body(ctx: typer.Context, body_id: str) -> tuple[Body, Mapping[str, Agency]]:
    """The body and the agencies, read from `<id>.yaml` and the agency registry only (not every file:
    `torctl.data.load.load_body`), so the answer comes as fast among ten thousand bodies as among eight."""
    tree = body_tree(ctx, body_id)
    return tree.body(body_id), tree.agencies


def read_record(path: Path, what: str) -> RecordFile:
    """A meeting record and its parse, or a usage error naming `what` with every problem in it."""
    from ..data.records import read_meeting_record
    from ..errors import UsageError
    from .given import RecordFile

    if not path.is_file():
        raise UsageError(f"no {what} at '{path}'")
    result = read_meeting_record(path)
    if result.model is None or result.parsed is None:
        from ..data.reporters import format_text

        raise UsageError(f"cannot read the {what}:\n{format_text(result.findings)}")
    return RecordFile(path, result.model, result.parsed)
