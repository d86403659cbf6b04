"""`torctl vote` and `torctl meeting check`: was a proposal carried, was each decision validly taken."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .app import app
from .loading import meeting_body, read_record
from .options import FORCE, MEETING_BODY, TEXT_OR_JSON, TextOrJson, write_output
from .output import echo, echo_err, echo_styled, emit_json

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Body


class Side(StrEnum):
    for_ = "for"
    against = "against"


@app.command()
def vote(
    ctx: typer.Context,
    body_id: str = MEETING_BODY,
    votes_for: int = typer.Option(..., "--for", min=0, metavar="N", help="Votes for.", show_default=False),
    against: int = typer.Option(..., "--against", min=0, metavar="N", help="Votes against.", show_default=False),
    abstain: int = typer.Option(0, "--abstain", min=0, metavar="N", help="Abstentions."),
    casting: Side | None = typer.Option(
        None, "--casting", help="The chair's casting vote on a tie: for or against.", show_default=False
    ),
    kind: str | None = typer.Option(
        None,
        "--kind",
        metavar="KIND",
        help="The kind of decision, where the ToR sets it a different majority (e.g. change-tor).",
        show_default=False,
    ),
    present: list[str] | None = typer.Option(
        None,
        "--present",
        "-p",
        metavar="NAME",
        help="A member present (post id, holder name or role): checks the votes against the voters present, "
        "and gives the base of a majority 'of members present'. Repeat for each.",
        show_default=False,
    ),
    format: TextOrJson = TEXT_OR_JSON,
) -> None:
    """Is a proposal carried? The arithmetic under the ToR's majority, ties and casting vote, in the ToR's words.

    Exit 0 carried, 1 not carried, 2 on bad input (impossible counts, an unknown kind or person).
    """
    from ..errors import UsageError
    from ..rules.meeting import vote_limits, voting_seats
    from ..rules.voting import VoteError, decide

    body, agencies = meeting_body(ctx, body_id)
    limits = vote_limits(body, agencies, [])
    voters_present = None
    if present:
        from ..rules.attendance import resolve
        from .given import CommandLine, Sources

        sources = Sources(CommandLine())
        attendance, found = resolve(body, agencies, present=sources.command_line.names("--present", present))
        if found:
            raise sources.refuse("the attendance does not resolve:", [sources.problem(f) for f in found])
        voters_present = vote_limits(
            body, agencies, voting_seats(body, agencies, [s for s in attendance.seats if s.counts])
        ).present
    try:
        outcome = decide(
            body.voting,
            votes_for,
            against,
            abstain,
            casting=casting.value if casting else None,
            kind=kind,
            voters_present=voters_present,
            membership=limits.membership,
            whole_membership=limits.whole,
        )
    except VoteError as exc:
        from .given import spelling

        exc.spell(spelling(ctx, voters_present="--present"))  # the voters present are counted from --present
        raise UsageError(f"{body.id}: {exc.message}") from None
    if format is TextOrJson.json:
        emit_json({"body": body.id, "name": body.name, **outcome.to_dict(), "tor_text": body.voting.text})
    else:
        echo_styled(
            f"{body.name}: {'CARRIED' if outcome.carried else 'NOT CARRIED'}",
            fg="green" if outcome.carried else "red",
            bold=True,
        )
        echo(outcome.summary)
        if body.voting.text:
            echo(f"The ToR: {body.voting.text.strip()}")
        for note in outcome.notes:
            echo(f"Note: {note}")
        if outcome.assumptions:
            echo("Assumed, where the ToR is silent:")
            for assumption in outcome.assumptions:
                echo(f"  - {assumption}")
    raise typer.Exit(0 if outcome.carried else 1)


meeting_app = typer.Typer(help="Meeting records: was each decision validly taken?", no_args_is_help=True)
app.add_typer(meeting_app, name="meeting")


class NoteFormat(StrEnum):
    text = "text"
    json = "json"
    md = "md"
    pdf = "pdf"


@meeting_app.command("check")
def meeting_check(
    ctx: typer.Context,
    record_file: Path = typer.Argument(
        ..., metavar="RECORD", help="A meeting record (YAML), e.g. bodies/attendance/<body>/<date>.yaml."
    ),
    format: NoteFormat = typer.Option(
        NoteFormat.text, "--format", "-f", help="text, json, md (a validity note) or pdf."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write to this file (atomically) instead of printing.", show_default=False
    ),
    force: bool = FORCE,
) -> None:
    """Each item's verdict: quorate for this item? carried under the ToR's majority? validly taken?

    Exit 0 when every decision was validly taken, 1 when one was not (with the reasons), 2 on bad input.
    """
    from ..errors import UsageError
    from ..meetings.validity import check_meeting, render_text
    from ..rules.meeting import meeting_items
    from .given import CommandLine, Sources

    record = read_record(record_file, "meeting record")
    body, agencies = meeting_body(ctx, record.model.body)
    _check_meeting_date(body, record.model.date, record_file)
    resolved = meeting_items(body, agencies, record.model)
    if resolved.problems:
        sources = Sources(CommandLine(), record)
        raise sources.refuse("the meeting record does not resolve:", [sources.problem(f) for f in resolved.problems])
    verdict = check_meeting(body, agencies, record.model, resolved)
    if format is NoteFormat.json:
        import json

        data: bytes | str = json.dumps(verdict.to_dict(), indent=2, ensure_ascii=False)
    elif format is NoteFormat.text:
        headline, details = render_text(verdict)
        if output is None:
            echo_styled(headline, fg="green" if verdict.valid else "red", bold=True)
            echo(details)
            raise typer.Exit(0 if verdict.valid else 1)
        data = f"{headline}\n{details}"
    else:
        from ..render.validity import validity_note

        data = validity_note(verdict, format.value)
    if output is None:
        if isinstance(data, bytes):
            raise UsageError("a PDF is not printed to the terminal; give --output FILE")
        echo(data.rstrip("\n"))
    else:
        write_output(
            output, data if isinstance(data, bytes) else (data.rstrip("\n") + "\n").encode("utf-8"), force=force
        )
        echo_err(f"wrote {output}")
    raise typer.Exit(0 if verdict.valid else 1)


def _check_meeting_date(body: Body, date: dt.date, where: Path) -> None:
    """Refuse a record for a date on which the body had no meeting, where the ToR's dates or pattern say so."""
    from ..calendar.patterns import no_meeting_on
    from ..errors import UsageError

    if (why := no_meeting_on(body, date)) is not None:
        raise UsageError(f"{where}: {why}")
