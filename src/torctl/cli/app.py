"""The Typer application and its global options; commands live in one module per group."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import typer

from .. import __version__

app = typer.Typer(
    name="torctl",
    help=(
        "Terms of reference for boards and partnerships, kept as validated YAML and made executable: "
        "validation, quorum checks, schedules, review reports and published documents."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class State:
    """Options every command shares."""

    bodies: Optional[Path] = None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"torctl {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    ctx: typer.Context,
    bodies: Optional[Path] = typer.Option(
        None,
        "--bodies",
        envvar="TORCTL_BODIES",
        help="The bodies directory (default ./bodies).",
        show_default=False,
    ),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    ctx.obj = State(bodies=bodies)


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, State) else State()
