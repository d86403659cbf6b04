"""`torctl init DIR`: start a governance repository for a partnership."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from .app import app
from .output import echo, echo_err

PARTNER_OPTIONS = {
    "local_authority": ("--local-authority", "the local authority"),
    "health": ("--health", "the health partner (the ICB)"),
    "police": ("--police", "the police force"),
}


@app.command("init")
def init(
    directory: str = typer.Argument(..., metavar="DIR", help="Where to start the repository (created if needed)."),
    partnership: str | None = typer.Option(
        None,
        "--partnership",
        metavar="NAME",
        help="The partnership's name, e.g. 'Solihull Safeguarding Children Partnership'.",
    ),
    local_authority: str | None = typer.Option(
        None,
        "--local-authority",
        metavar="'NAME (SHORT)'",
        help="The local authority partner: its name, with its short name in brackets if it has one.",
    ),
    health: str | None = typer.Option(None, "--health", metavar="'NAME (SHORT)'", help="The health partner (the ICB)."),
    police: str | None = typer.Option(None, "--police", metavar="'NAME (SHORT)'", help="The police force."),
    body: str | None = typer.Option(
        None, "--body", metavar="ID", help="Id of the body to scaffold (default: from the partnership's name)."
    ),
    name: str | None = typer.Option(None, "--name", metavar="NAME", help="That body's full name."),
    short_name: str | None = typer.Option(None, "--short-name", metavar="SHORT", help="That body's short name."),
    torctl_repo: str | None = typer.Option(
        None,
        "--torctl-repo",
        metavar="URL",
        help="torctl's git repository (https://..., ssh://..., git@host:path), or a PEP 508 requirement "
        "(torctl @ git+https://...): CI installs from it and pre-commit uses its hook.",
    ),
) -> None:
    """Start a governance repository: bodies/ with the statutory partners and one body to fill in, calendars,
    schemas, a CI workflow (validate every pull request, comment the plain-English diff), pre-commit, a README.

    Asks for the partnership and its statutory partners when they are not given and a terminal is attached.
    Never writes over a file; `torctl validate` passes on the result.
    """
    from ..change.init import PARTNER_KINDS, Partner, init_repository
    from ..data.paths import display_path
    from ..errors import UsageError

    if not directory.strip():  # Path("") is the working directory: never what an empty argument meant
        raise UsageError("DIR is empty; name the directory to start the repository in (`.` for this one)")
    given = {"local_authority": local_authority, "health": health, "police": police}
    interactive = sys.stdin.isatty()
    if partnership is None:
        if not interactive:
            raise UsageError(
                "give the partnership's name with --partnership NAME "
                "(and its partners: --local-authority, --health, --police)"
            )
        partnership = typer.prompt("The partnership's name")
    if interactive and not any(given.values()):
        for key, (_flag, what) in PARTNER_OPTIONS.items():
            answer = typer.prompt(
                f"{what[0].upper()}{what[1:]}: name, with the short name in brackets (empty: none)",
                default="",
                show_default=False,
            )
            given[key] = answer or None
    partners = [Partner.parse(text, PARTNER_KINDS[key]) for key, text in given.items() if text]
    if not partners:
        raise UsageError("name at least one statutory partner: --local-authority, --health or --police")
    written = init_repository(
        Path(directory),
        partnership=partnership,
        body_id=body,
        body_name=name,
        short_name=short_name,
        partners=partners,
        torctl_repo=torctl_repo,
    )
    for path in written:
        echo(f"created {display_path(path)}")
    echo_err(
        f"next: cd {display_path(Path(directory))} && git init && torctl validate; then fill in the TODOs "
        "(`torctl validate --strict` lists them)"
    )
