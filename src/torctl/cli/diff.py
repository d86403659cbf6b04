"""`torctl diff` (what changed, in plain English, for a board) and `torctl new` (a ToR to fill in)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from .app import app, state
from .output import echo, echo_err


class DiffFormat(StrEnum):
    text = "text"
    md = "md"
    json = "json"


def _revisions(spec: str) -> tuple[str, str | None]:
    """`--git REV` -> (REV, None: the working tree); `A..B` -> (A, B); git's empty ends mean HEAD."""
    from ..errors import UsageError

    if "..." in spec:
        raise UsageError("--git takes REV or REV..REV (two dots), not REV...REV")
    if ".." in spec:
        old, new = spec.split("..", 1)
        return old or "HEAD", new or "HEAD"
    return spec, None


@app.command()
def diff(
    ctx: typer.Context,
    paths: list[Path] | None = typer.Argument(
        None,
        metavar="OLD NEW",
        help="Two body files, or two bodies directories (default: the working tree against HEAD).",
        show_default=False,
    ),
    git: str | None = typer.Option(
        None,
        "--git",
        metavar="REV[..REV]",
        help="Compare the bodies directory at REV with the working tree, or at two revisions (REV..REV).",
    ),
    format: DiffFormat = typer.Option(
        DiffFormat.text, "--format", "-f", help="text, md (for a pull-request comment) or json."
    ),
    fail_on_weakening: bool = typer.Option(
        False, "--fail-on-weakening", help="Exit 1 when a change weakens governance (for CI)."
    ),
) -> None:
    """Summarise what changed in the ToRs, in plain English, grouped by body
    (with no arguments: the working tree against HEAD).

    Semantic, not textual: reordering keys or reformatting changes nothing. Changes
    that weaken governance are called out (a quorum easier to reach, a statutory
    partner dropped from a quorum, a review date pushed back, a vote for an observer).
    Exit 0; 1 with --fail-on-weakening when something weakens governance or a file
    could not be compared; 2 on usage errors.
    """
    from ..change.diff import diff_git, diff_paths, render_markdown, render_text
    from .loading import resolve_bodies_dir
    from ..errors import UsageError

    if git is not None:
        if paths:
            raise UsageError("give either OLD NEW or --git REV, not both")
        result = diff_git(resolve_bodies_dir(state(ctx).bodies), *_revisions(git))
    elif paths and len(paths) == 2:
        result = diff_paths(paths[0], paths[1])
    elif not paths:
        result = diff_git(resolve_bodies_dir(state(ctx).bodies), "HEAD")  # what a commit would change
    else:
        raise UsageError("give two files or directories to compare (OLD NEW), or --git REV[..REV]")
    if format is DiffFormat.json:
        import json

        echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    elif format is DiffFormat.md:
        echo(render_markdown(result).rstrip("\n"))
    else:
        echo(render_text(result))
    if fail_on_weakening and not result.complete:
        echo_err(
            f"error: the comparison is incomplete ({result.files_not_compared} file(s) not compared), "
            "so --fail-on-weakening cannot pass; fix them and run again"
        )
        raise typer.Exit(1)
    raise typer.Exit(1 if fail_on_weakening and result.weakens else 0)


@app.command("new")
def new(
    ctx: typer.Context,
    body_id: str = typer.Argument(..., metavar="BODY_ID", help="Id of the new body; the file is BODIES/BODY_ID.yaml."),
    name: str | None = typer.Option(None, "--name", help="The body's full name."),
    short_name: str | None = typer.Option(None, "--short-name", help="A short name or acronym."),
    partnership: str | None = typer.Option(
        None, "--partnership", help="The partnership or organisation it belongs to."
    ),
) -> None:
    """Start a new ToR from the house style: every section, explained, with TODO markers to fill in.

    The file is valid at once (`torctl validate` passes); `torctl validate --strict`
    reports each TODO until it is replaced. Never overwrites an existing file.
    """
    from ..change.scaffold import new_body
    from .loading import load_bodies
    from ..data.paths import display_path

    tree = load_bodies(state(ctx).bodies)
    path = new_body(
        tree.root, body_id, known_ids=set(tree.bodies), name=name, short_name=short_name, partnership=partnership
    )
    echo(f"created {display_path(path)}")
    echo_err("next: replace the TODO markers, then run `torctl validate --strict`")
