"""`torctl new` (a ToR to fill in)."""

from __future__ import annotations

from typing import Optional

import typer

from .app import app, state
from .output import echo, echo_err


@app.command("new")
def new(
    ctx: typer.Context,
    body_id: str = typer.Argument(..., metavar="BODY_ID", help="Id of the new body; the file is BODIES/BODY_ID.yaml."),
    name: Optional[str] = typer.Option(None, "--name", help="The body's full name."),
    short_name: Optional[str] = typer.Option(None, "--short-name", help="A short name or acronym."),
    partnership: Optional[str] = typer.Option(None, "--partnership", help="The partnership or organisation it belongs to."),
) -> None:
    """Start a new ToR from the house style: every section, explained, with TODO markers to fill in.

    The file is valid at once (`torctl validate` passes); `torctl validate --strict`
    reports each TODO until it is replaced. Never overwrites an existing file.
    """
    from ..load import load_bodies
    from ..scaffold import new_body

    tree = load_bodies(state(ctx).bodies)
    path = new_body(tree.root, body_id, known_ids=set(tree.bodies), name=name, short_name=short_name, partnership=partnership)
    from ..load import display_path

    echo(f"created {display_path(path)}")
    echo_err("next: replace the TODO markers, then run `torctl validate --strict`")
