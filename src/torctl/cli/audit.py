"""`torctl meeting check --all [BODY] [--from D --to D]`: every meeting record audited, decision by decision."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from ..errors import EXIT_CANNOT_TELL, EXIT_NO, EXIT_OK
from .app import state
from .options import DATE_HELP, date_option
from .output import echo, echo_err, echo_styled

MEETING_EXIT = {
    "valid": EXIT_OK,
    "not-valid": EXIT_NO,
    "depends-on-chair": EXIT_CANNOT_TELL,
    "cannot-tell": EXIT_CANNOT_TELL,
}
"""The exit code of a meeting's answer (`meeting check RECORD`) and of a year's (`meeting check --all`)."""

if TYPE_CHECKING:  # pragma: no cover
    from ..meetings.audit import Audit

AUDIT_FROM = typer.Option(
    None, "--from", metavar="DATE", help=f"With --all: records of meetings on or after this date: {DATE_HELP}."
)
AUDIT_TO = typer.Option(
    None, "--to", metavar="DATE", help=f"With --all: records of meetings on or before this date: {DATE_HELP}."
)
AUDIT_FORMATS = ("text", "json", "sarif", "github")


def audit_command(
    ctx: typer.Context,
    body: str | None,
    every: bool,
    start_text: str | None,
    end_text: str | None,
    format: str,
    output: Path | None,
) -> NoReturn:
    """Audit the records, print the answer in `format`, and exit 1 when any decision was not validly taken."""
    from ..errors import UsageError

    if not every:
        raise UsageError("--from and --to choose the records of an audit: give --all")
    if format not in AUDIT_FORMATS:
        raise UsageError(f"--format {format} is for one record; an audit prints {', '.join(AUDIT_FORMATS)}")
    if output is not None:
        raise UsageError("--output writes one record's note; redirect an audit's output instead")
    start = date_option(start_text, "--from") if start_text is not None else None
    end = date_option(end_text, "--to") if end_text is not None else None
    if start is not None and end is not None and end < start:
        raise UsageError(f"--to {end} is before --from {start}")
    if body is not None and (body.endswith((".yaml", ".yml")) or "/" in body):
        raise UsageError(f"--all audits every record of a body: give the body's id, not a record ('{body}')")
    from ..meetings.audit import audit, load_for_audit
    from .loading import resolve_bodies_dir

    tree = load_for_audit(resolve_bodies_dir(state(ctx).bodies))
    result = audit(tree, None if body is None else [body], start=start, end=end)
    if format == "json":
        from .output import emit_json

        emit_json(result.to_dict())
    elif format == "text":
        _text(result)
    else:
        from .. import __version__
        from ..data.reporters import REPORTERS, Run, sort_findings

        findings = sort_findings(result.findings(tree))
        run = Run([m.file for m in result.meetings], len({m.body.id for m in result.meetings}), __version__)
        if findings or format == "sarif":
            echo(REPORTERS[format](findings, run))
        echo_err(result.summary())
    raise typer.Exit(MEETING_EXIT[result.answer])


def _text(result: Audit) -> None:
    from .output import table

    if not result.meetings:
        echo("no meeting records" + _span(result))
        return
    table(
        ["date", "body", "quorate", "present", "apologies", "decisions", "record"],
        result.meeting_rows(),
        title=f"Meetings{_span(result)}",
    )
    rows = result.decision_rows()
    if rows:
        echo()
        table(["date", "body", "item", "answer", "why"], rows, title="Decisions not plainly valid")
    echo()
    echo_styled(result.summary(), fg="green" if result.valid else "red", bold=True)


def _span(result: Audit) -> str:
    if result.start is None and result.end is None:
        return ""
    return f" from {result.start or 'the first record'} to {result.end or 'the last record'}"
