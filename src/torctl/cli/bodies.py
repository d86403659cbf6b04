"""`torctl list`, `torctl show` and `torctl schema`: looking at the bodies and their model."""

from __future__ import annotations

from enum import StrEnum

import typer

from .app import app, state
from .loading import body_tree
from .options import BODY, FORCE, OUTPUT_FILE, TextOrJson, output_target
from .output import echo, emit_json, table, warn_left_out


class ShowFormat(StrEnum):
    yaml = "yaml"
    json = "json"


class SchemaKind(StrEnum):
    body = "body"
    agencies = "agencies"
    record = "record"
    calendar = "calendar"


@app.command("list")
def list_bodies(
    ctx: typer.Context,
    format: TextOrJson = typer.Option(TextOrJson.text, "--format", "-f", help="text table or json."),
) -> None:
    """List the bodies, one line each: id, name, status, members, chair and cadence (json adds the quorum)."""
    from .loading import load_bodies
    from ..data.summary import body_summary

    tree = load_bodies(state(ctx).bodies)
    warn_left_out(tree.left_out())
    rows = [body_summary(body, tree.agencies) for body in sorted(tree.bodies.values(), key=lambda b: b.id)]
    if format is TextOrJson.json:
        emit_json(rows)
        return
    table(
        ["id", "name", "status", "members", "chair", "meets"],
        [
            [r["id"], r["short_name"] or r["name"], r["status"], r["members"], r["chair_short"], r["cadence"]]
            for r in rows
        ],
    )


@app.command()
def show(
    ctx: typer.Context,
    body_id: str = BODY,
    format: ShowFormat = typer.Option(ShowFormat.yaml, "--format", "-f", help="yaml or json."),
) -> None:
    """Show one body as torctl understands it: every field, a default filled in, and `null  # not stated` where
    the ToR does not state a fact (in JSON, null).

    Example: torctl show solihull-lscp
    """
    from ..data.load import as_data, shown_yaml

    body = body_tree(ctx, body_id).body(body_id)
    if format is ShowFormat.json:
        emit_json(as_data(body))
        return
    echo(shown_yaml(body))


@app.command()
def schema(
    kind: SchemaKind = typer.Option(
        SchemaKind.body,
        "--kind",
        help="body: a ToR file; agencies: the agency registry; record: a meeting record (attendance/); calendar: term "
        "dates or closures (calendars/).",
    ),
    output: str | None = OUTPUT_FILE,
    force: bool = FORCE,
) -> None:
    """Print the JSON Schema of a ToR file, for editors (yaml-language-server) and other tools.

    Example: torctl schema --kind record -o schema/
    """
    from ..data.schema import schema_text

    text = schema_text(kind.value)
    target = output_target(output, suffix="json", force=force)
    if target.path is None:
        echo(text.rstrip())
    else:
        target.write(f"{kind.value}.schema.json", text.encode("utf-8"))
