"""`torctl render`, `torctl agenda`, `torctl handbook` and `torctl map`: publishing from the YAML."""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..errors import DataError, UsageError
from .app import app, state
from .options import DATE_HELP, FORCE, MEETING_BODY, OUTPUT_FILE, Output, complete_body, date_option, output_target
from .output import echo

if TYPE_CHECKING:
    from ..data.tree import Tree
    from ..render import Templates


class DocFormat(StrEnum):
    pdf = "pdf"
    html = "html"
    md = "md"
    typ = "typ"
    docx = "docx"


class AgendaFormat(StrEnum):
    md = "md"
    html = "html"
    pdf = "pdf"
    json = "json"
    typ = "typ"


class HandbookFormat(StrEnum):
    pdf = "pdf"
    html = "html"
    typ = "typ"


class MapFormat(StrEnum):
    mermaid = "mermaid"
    dot = "dot"
    svg = "svg"


TEMPLATES = typer.Option(
    None,
    "--templates",
    help="Templates to use before the built-in ones (then a templates/ directory beside the bodies).",
    show_default=False,
)
STDOUT = "-"


def _load(ctx: typer.Context) -> Tree:
    """The bodies, refusing to publish from data that does not validate."""
    from .loading import load_bodies
    from ..data.paths import display_path

    tree = load_bodies(state(ctx).bodies)
    errors = [f for f in tree.findings if f.severity == "error"]
    if errors:
        first = errors[0]
        raise DataError(
            f"{len(errors)} error{'s' if len(errors) != 1 else ''} in {display_path(tree.root)} "
            f"(first: {first.location()}: {first.message}); run `torctl validate` and fix them before publishing"
        )
    return tree


def _templates(option: Path | None, tree: Tree) -> Templates:
    from ..data.paths import display_path
    from ..render import Templates
    from .output import echo_err

    templates = Templates.find(option, tree.root)
    picked = templates.picked_up(tree.root)
    if picked is not None:
        directory, names = picked
        echo_err(
            f"note: using templates from {display_path(directory)} (beside the bodies): {', '.join(names) or 'none'}"
        )
    return templates


def _parse_date(value: str, option: str) -> dt.date:
    return date_option(value, option)


def _to_stdout(data: bytes, fmt: str) -> None:
    if fmt in ("pdf", "docx") and sys.stdout.isatty():
        raise UsageError(f"refusing to write a {fmt.upper()} to the terminal; give --output DIR or redirect to a file")
    if fmt in ("pdf", "docx"):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        typer.echo(data.decode("utf-8"), nl=False)


def _emit(target: Output, name: str, data: bytes, fmt: str) -> None:
    """Print `data` (for `--output -`), or write it atomically: as `name` inside a directory, or as the file given."""
    if target.path is None:
        _to_stdout(data, fmt)
        return
    echo(str(target.write(name, data)))


@app.command()
def render(
    ctx: typer.Context,
    body_ids: list[str] | None = typer.Argument(
        None,
        metavar="BODY",
        help="Bodies to render (ids or short names).",
        show_default=False,
        autocompletion=complete_body,
    ),
    all_bodies: bool = typer.Option(False, "--all", help="Render every body."),
    formats: list[DocFormat] | None = typer.Option(
        None,
        "--format",
        "-f",
        help="pdf, html, md, docx (Word), or typ (the Typst source of the PDF); repeat for several. Default pdf.",
        show_default=False,
    ),
    output: str = typer.Option(
        "out/",
        "--output",
        "-o",
        metavar="FILE|DIR",
        help="A directory for <id>.<ext> files (an existing one, or a path ending in /), a FILE for one document, "
        "or '-' to print it.",
    ),
    templates: Path | None = TEMPLATES,
    force: bool = FORCE,
) -> None:
    """Publish terms of reference as PDF, HTML, Markdown or Word (docx), generated from the YAML.

    Files are named <id>.<ext>, written atomically, and byte-identical for the same input.
    """
    from ..render import render_tors

    if bool(body_ids) == all_bodies:
        raise UsageError("name the bodies to render, or give --all (not both)")
    tree = _load(ctx)
    bodies = [tree.bodies[k] for k in sorted(tree.bodies)] if all_bodies else [tree.body(b) for b in body_ids or []]
    chosen = list(dict.fromkeys(formats or [DocFormat.pdf]))
    if output == STDOUT and len(bodies) * len(chosen) != 1:
        raise UsageError("--output - prints one document: name one body and one format")
    target = output_target(
        output, documents=len(bodies) * len(chosen), suffix=chosen[0].value, kinds=tuple(DocFormat), force=force
    )
    finder = _templates(templates, tree)  # one set of environments for the run: each template compiles once
    for body, fmt, data in render_tors(finder, tree, [(body, fmt.value) for body in bodies for fmt in chosen]):
        _emit(target, f"{body.id}.{fmt}", data, fmt)


@app.command()
def agenda(
    ctx: typer.Context,
    body_id: str = MEETING_BODY,
    date: str = typer.Option(
        ...,
        "--date",
        "-d",
        metavar="DATE",
        help=f"The meeting date (required: the ToRs fix no meeting days): {DATE_HELP}.",
    ),
    format: AgendaFormat = typer.Option(AgendaFormat.md, "--format", "-f", help="md, html, pdf, json or typ."),
    item: list[str] | None = typer.Option(
        None,
        "--item",
        "-i",
        help="An item to add: 'TITLE[:PRESENTER[:MINUTES]]' (\\: for a colon); repeat for more.",
        show_default=False,
    ),
    items_file: Path | None = typer.Option(
        None,
        "--items",
        help="Items to add from a file: YAML (items: [{title, presenter, minutes}]) "
        "or one TITLE[:PRESENTER[:MINUTES]] a line.",
        show_default=False,
    ),
    start: str | None = typer.Option(
        None, "--start", help="Start time, e.g. 14:00, for the time of each item.", show_default=False
    ),
    venue: str | None = typer.Option(
        None, "--venue", help="The venue, where the ToR names none or this meeting differs.", show_default=False
    ),
    virtual: str | None = typer.Option(
        None, "--virtual", help="How to join online (e.g. the meeting link).", show_default=False
    ),
    minutes: int = typer.Option(15, "--minutes", min=1, max=600, help="Minutes for an item that gives none."),
    output: str = typer.Option(
        STDOUT,
        "--output",
        "-o",
        metavar="FILE|DIR",
        help="A FILE, or a directory for <id>-agenda-<date>.<ext> (an existing one, or a path ending in /); "
        "'-' prints it.",
    ),
    templates: Path | None = TEMPLATES,
    force: bool = FORCE,
) -> None:
    """The agenda for one meeting: chair for the date, standing items and presenters, items from other bodies,
    papers deadline."""
    from ..render import finish, template_format
    from ..render.agenda import build_agenda
    from .agenda_items import load_items, parse_item, parse_time

    day = _parse_date(date, "--date")
    target = output_target(output, suffix=format.value, kinds=tuple(AgendaFormat), force=force)
    tree = _load(ctx)
    body = tree.body(body_id)
    added = [parse_item(spec) for spec in item or []]
    if items_file is not None:
        if not items_file.exists():
            raise UsageError(f"--items {items_file}: no such file")
        added.extend(load_items(items_file))
    built = build_agenda(
        body,
        tree.agencies,
        tree.bodies,
        day,
        added=added,
        start=parse_time(start) if start else None,
        venue=venue,
        virtual=virtual,
        default_minutes=minutes,
    )
    if format is AgendaFormat.json:
        import json

        data = (json.dumps(built.to_dict(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    else:
        text = _templates(templates, tree).render(f"agenda.{template_format(format.value)}.j2", agenda=built, body=body)
        data = finish(format.value, text, f"the agenda of {body.id}")
    for warning in built.warnings:
        typer.echo(f"note: {warning}", err=True)
    _emit(target, f"{body.id}-agenda-{day.isoformat()}.{format.value}", data, format.value)


@app.command()
def handbook(
    ctx: typer.Context,
    output: str = typer.Option(
        ...,
        "--output",
        "-o",
        metavar="FILE|DIR",
        help="The file to write (.pdf, .html or .typ), or a directory (an existing one, or a path ending in /) "
        "for handbook.<ext>.",
    ),
    format: HandbookFormat | None = typer.Option(
        None, "--format", "-f", help="pdf, html or typ (default: from the file name).", show_default=False
    ),
    title: str = typer.Option("Partnership handbook", "--title", help="The handbook's title."),
    as_of: str | None = typer.Option(
        None,
        "--as-of",
        metavar="DATE",
        help=f"Add each review's status (overdue, due soon) on this date: {DATE_HELP}.",
        show_default=False,
    ),
    templates: Path | None = TEMPLATES,
    force: bool = FORCE,
) -> None:
    """Every body's ToR in one document, with contents, the governance map and a review-status table."""
    from ..render import finish, template_format
    from ..render.handbook import build_handbook

    if output == STDOUT:
        raise UsageError(
            "the handbook is written to a file: give --output handbook.pdf (or .html, .typ) or a directory"
        )
    target = output_target(output, suffix=format.value if format else None, kinds=tuple(HandbookFormat), force=force)
    fmt = format.value if format else ("pdf" if target.is_dir else Path(output).suffix.lstrip(".").lower())
    if fmt not in ("pdf", "html", "typ"):
        raise UsageError(f"cannot tell the format of '{output}': name it .pdf, .html or .typ, or give --format")
    day = _parse_date(as_of, "--as-of") if as_of else None
    tree = _load(ctx)
    built = build_handbook(tree, title, day)
    text = _templates(templates, tree).render(f"handbook.{template_format(fmt)}.j2", handbook=built)
    echo(str(target.write(f"handbook.{fmt}", finish(fmt, text, "the handbook"))))


@app.command("map")
def governance_map(
    ctx: typer.Context,
    format: MapFormat = typer.Option(MapFormat.mermaid, "--format", "-f", help="mermaid, dot (Graphviz) or svg."),
    output: str | None = OUTPUT_FILE,
    templates: Path | None = TEMPLATES,
    force: bool = FORCE,
) -> None:
    """Draw the reporting lines between the bodies, and to external bodies, as Mermaid, DOT or SVG."""
    from ..render.governance import build_graph, layout, to_dot, to_mermaid

    suffix = {MapFormat.mermaid: "mmd"}.get(format, format.value)
    target = output_target(output, suffix=suffix, kinds=("mmd", "dot", "svg"), force=force)
    tree = _load(ctx)
    graph = build_graph(tree.bodies)
    if format is MapFormat.mermaid:
        text = to_mermaid(graph)
    elif format is MapFormat.dot:
        text = to_dot(graph)
    else:
        text = _templates(templates, tree).render("map.svg.j2", figures=layout(graph))
    if target.path is None:
        typer.echo(text, nl=False)
    else:
        echo(str(target.write(f"map.{suffix}", text.encode("utf-8"))))
