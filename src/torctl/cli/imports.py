"""`torctl import FILE`: a draft body file from a ToR in Word, PDF, text or Markdown; `torctl import moderngov`:
meeting records from a council's ModernGov web service."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from .app import app, state
from .options import TEXT_OR_JSON, TextOrJson
from .output import echo, echo_err, emit_json


class _DocumentOrSource(TyperGroup):
    """`import FILE` reads a document (the `file` command, the default); `import moderngov ...` names a source.

    A group whose first argument is a file cannot also name subcommands, so a first word that is no
    subcommand (nor a request for help) is read as the document: `import tor.docx` is `import file tor.docx`.
    """

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # a click Context, which typer keeps private
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["file", *args]
        return super().parse_args(ctx, args)


import_app = typer.Typer(
    cls=_DocumentOrSource,
    no_args_is_help=True,
    help="Bring a ToR or meeting records in: `torctl import FILE` (a ToR in .docx, .pdf, .txt or .md) or "
    "`torctl import moderngov` (meetings from a council's ModernGov web service).",
)
app.add_typer(import_app, name="import")


@import_app.command("file")
def import_tor(
    ctx: typer.Context,
    file: Path = typer.Argument(..., metavar="FILE", help="The ToR document: .docx, .pdf, .txt or .md."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Print the draft YAML; write nothing."),
    force: bool = typer.Option(False, "--force", help="Replace a body file that already exists."),
    format: TextOrJson = TEXT_OR_JSON,
) -> None:
    """Read a ToR document and write a draft body file (one per body it holds) into the bodies directory.

    What the document states with certainty becomes data; every other passage is kept word for word
    as an open question, so `torctl validate` passes on the draft and `torctl validate --strict` fails
    until each question is resolved.

    Example: torctl import docs/examples/import/example-partnership-tor.docx --dry-run
    """
    from ..change.lock import edit_lock
    from ..data.paths import display_path
    from ..ingest.draft import import_outline
    from ..ingest.readers import read_document
    from ..ingest.report import as_data, as_lines
    from ..ingest.write import targets, write_drafts
    from .loading import resolve_bodies_dir

    root = resolve_bodies_dir(state(ctx).bodies)
    from ..data.load import load_tree

    outline = read_document(file)
    if dry_run:
        result = import_outline(outline, load_tree(root, checks=None).agencies)
        if format == TextOrJson.json:
            emit_json(as_data(result, None, dry_run=True))
        else:
            for draft in result.drafts:
                echo(draft.text(str(file)))
        return
    with edit_lock(root):
        tree = load_tree(root, checks=None)
        result = import_outline(outline, tree.agencies)
        paths = targets(root, result.drafts, replace=force, known_ids=set(tree.bodies))
        write_drafts(result.drafts, str(file), paths)
    data = as_data(result, [display_path(p) for p in paths], dry_run=False)
    if format == TextOrJson.json:
        emit_json(data)
        return
    for line in as_lines(data):
        echo(line)
    echo_err("next: resolve each open question, then run `torctl validate --strict`")


def _mount_sources() -> None:
    from .moderngov import import_moderngov

    import_app.command("moderngov")(import_moderngov)


_mount_sources()
