"""`torctl minutes` and `torctl actions`: the draft minutes of a meeting, and the actions agreed across meetings."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..errors import UsageError
from .app import app, state
from .loading import read_record
from .options import DATE_HELP, FORCE, OUTPUT_FILE
from .output import echo

if TYPE_CHECKING:  # pragma: no cover
    from ..data.tree import Tree
    from ..model import Body
    from .given import RecordFile
    from .options import Output


class MinutesFormat(StrEnum):
    md = "md"
    html = "html"
    pdf = "pdf"
    docx = "docx"
    typ = "typ"


_BINARY = ("pdf", "docx")


@app.command()
def minutes(
    ctx: typer.Context,
    record_file: Path = typer.Argument(
        ..., metavar="RECORD", help="A meeting record (YAML), e.g. bodies/attendance/<body>/<date>.yaml."
    ),
    format: MinutesFormat = typer.Option(
        MinutesFormat.md, "--format", "-f", help="md, html, pdf, docx (Word), or typ (the Typst source of the PDF)."
    ),
    output: str = typer.Option(
        "-",
        "--output",
        "-o",
        metavar="FILE|DIR",
        help="A FILE, or a directory for <body>-minutes-<date>.<ext> (an existing one, or a path ending in /); "
        "'-' prints (md, html, typ).",
    ),
    force: bool = typer.Option(False, "--force", help="Replace the output file if it exists."),
    templates: Path | None = typer.Option(
        None,
        "--templates",
        help="Templates to use before the built-in ones (then a templates/ directory beside the bodies).",
        show_default=False,
    ),
) -> None:
    """The draft minutes of one meeting, from its record: who came, declarations, each decision with its vote
    and a validity note where it was not validly taken, the actions agreed, and the next meeting.

    The validity notes are `torctl meeting check`'s. A record for a day the body did not meet (where the
    ToR records its dates or pattern) is refused unless it says `special: true`; nothing is written.

    Example: torctl minutes bodies/attendance/example-council-committee/2027-02-09.yaml -f pdf -o minutes.pdf

    Exit 0 when written, 2 on bad input (an unreadable record, a day the body did not meet, an output file
    that exists without --force).
    """
    from .options import output_target

    target = output_target(output, suffix=format.value, kinds=tuple(MinutesFormat), force=force)
    if target.path is None and format.value in _BINARY:
        raise UsageError(f"a {format.value.upper()} is not printed; give --output FILE (or a directory)")
    record = read_record(record_file, "meeting record")
    tree = _body_and_calendars(ctx, record)
    data = _minutes_bytes(tree, record, format.value, templates)
    if target.path is None:
        typer.echo(data.decode("utf-8"), nl=False)
        return
    name = f"{record.model.body}-minutes-{record.model.date.isoformat()}.{format.value}"
    if not force and target.file_for(name).exists():  # minutes are edited by hand: never replaced unasked
        raise UsageError(f"{target.file_for(name)} exists; give --force to replace it, or another --output")
    echo(str(target.write(name, data)))


def _body_and_calendars(ctx: typer.Context, record: RecordFile) -> Tree:
    """The record's body, the agencies and the calendars (closure days count in the minutes' deadline)."""
    from ..calendar.patterns import not_held
    from ..data.records import CALENDARS_DIR
    from .loading import body_tree

    tree = body_tree(ctx, record.model.body, (CALENDARS_DIR,))
    body = tree.body(record.model.body)
    if (why := not_held(body, record.model)) is not None:
        raise UsageError(f"{record.path}: {why}")
    return tree


def _minutes_bytes(tree: Tree, record: RecordFile, fmt: str, templates: Path | None) -> bytes:
    from ..calendar.terms import calendars_for
    from ..render.env import Templates
    from ..render import render_minutes
    from ..meetings.validity import check_meeting
    from ..render.minutes import build_minutes
    from ..rules.meeting import meeting_items
    from .given import CommandLine, Sources

    body: Body = tree.body(record.model.body)
    resolved = meeting_items(body, tree.agencies, record.model)
    if resolved.problems:
        sources = Sources(CommandLine(), record)
        raise sources.refuse("the meeting record does not resolve:", [sources.problem(f) for f in resolved.problems])
    verdict = check_meeting(body, tree.agencies, record.model, resolved)
    doc = build_minutes(body, tree.agencies, record.model, calendars=calendars_for(tree, body.id), verdict=verdict)
    finder = Templates.find(templates, tree.root)
    return render_minutes(finder, doc, fmt)


class ActionsFormat(StrEnum):
    text = "text"
    json = "json"
    ics = "ics"


@app.command()
def actions(
    ctx: typer.Context,
    body_id: str | None = typer.Argument(
        None, metavar="BODY", help="Only this body's actions (its id or short name).", show_default=False
    ),
    open_only: bool = typer.Option(False, "--open", help="Only actions still open."),
    overdue: bool = typer.Option(
        False, "--overdue", help="Only open actions past their due date (exit 1 when there are any)."
    ),
    as_of: str | None = typer.Option(
        None,
        "--as-of",
        metavar="DATE",
        help=f"Overdue as on this date (default today): {DATE_HELP}.",
        show_default=False,
    ),
    format: ActionsFormat = typer.Option(
        ActionsFormat.text, "--format", "-f", help="text, json, or ics (iCalendar to-dos with their due dates)."
    ),
    output: str | None = OUTPUT_FILE,
    force: bool = FORCE,
) -> None:
    """The actions agreed at meetings, across every meeting record: who, what, by when, and which are overdue.

    Example: torctl actions example-council-committee --open --as-of 2027-03-01

    Exit 0, or 1 with --overdue when any action is overdue; 2 on bad input.
    """
    import datetime as dt

    from ..meetings.actions import TABLE_HEADERS, action_log, select, table_rows, to_ics
    from .loading import load_bodies
    from .options import date_option, output_target
    from .output import emit_json, table, warn_left_out

    day = date_option(as_of, "--as-of") if as_of else dt.date.today()
    suffix = {"text": "txt"}.get(format.value, format.value)
    target = output_target(output, suffix=suffix, kinds=("txt", "json", "ics"), force=force)
    tree = load_bodies(state(ctx).bodies)
    body = tree.body(body_id) if body_id else None
    warn_left_out(tree.left_out())
    chosen = select(action_log(tree, body), open_only=open_only, overdue=overdue, as_of=day)
    if format is ActionsFormat.ics:
        name = f"{body.short_name or body.name}: actions" if body else "Actions agreed at meetings"
        _emit(target, f"{body.id if body else 'actions'}.ics", to_ics(chosen, name=name, stamp=day))
    elif format is ActionsFormat.json:
        import json

        data = {
            "as_of": day.isoformat(),
            "body": body.id if body else None,
            "actions": [e.to_dict(day) for e in chosen],
        }
        _emit(target, "actions.json", (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
        if target.path is None:
            emit_json(data)
    elif target.path is None:
        table(TABLE_HEADERS, table_rows(chosen, day))
        if not chosen:
            echo("no actions" + (" overdue" if overdue else " open" if open_only else " recorded"))
    else:
        lines = ["\t".join(TABLE_HEADERS), *("\t".join(row) for row in table_rows(chosen, day))]
        _emit(target, "actions.txt", ("\n".join(lines) + "\n").encode("utf-8"))
    raise typer.Exit(1 if overdue and chosen else 0)


def _emit(target: Output, name: str, data: bytes) -> None:
    """Print `data` where no file is given (JSON is printed by the caller), else write it (`Output.write`: never
    over a file torctl did not write, nor into the bodies directory, without --force)."""
    if target.path is None:
        if not name.endswith(".json"):
            typer.echo(data.decode("utf-8"), nl=False)
        return
    echo(str(target.write(name, data)))
