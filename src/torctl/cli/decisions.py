"""`torctl vote` and `torctl meeting check`: was a proposal carried, was each decision validly taken."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .app import app
from .loading import meeting_body, read_record
from .meetings import OBSERVERS_OPTION, REMOTE_OPTION, SUBS_OPTION
from .options import FORCE, MEETING_BODY, OUTPUT_HELP, TEXT_OR_JSON, TextOrJson, output_target
from .audit import AUDIT_FROM, AUDIT_TO, MEETING_EXIT
from .output import echo, echo_err, echo_styled, emit_json

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Mapping

    from ..model import Agency, Body
    from ..model.records import AttendanceRecord
    from ..rules.voting import Outcome


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
    subs: list[str] | None = SUBS_OPTION,
    remote: list[str] | None = REMOTE_OPTION,
    observers: list[str] | None = OBSERVERS_OPTION,
    format: TextOrJson = TEXT_OR_JSON,
) -> None:
    """Is a proposal carried? The arithmetic under the ToR's majority, ties and casting vote, in the ToR's words.

    Where the ToR is silent, the law that governs the body (its legal_basis) supplies the default; where no law
    does, each reading is counted, and if they differ the answer is "cannot tell".

    Exit 0 carried, 1 not carried, 2 on bad input (impossible counts, more votes than those present may cast, an
    unknown kind or person, a body that takes no votes), 4 when torctl cannot tell (the readings differ) or the
    outcome rests on the chair's casting vote. JSON: `answer` is carried, lost, depends-on-chair or cannot-tell.

    Example: torctl vote sefton-improvement-board --for 5 --against 3 --present dcs --remote police-senior-officer
    """
    from ..errors import EXIT_CANNOT_TELL, EXIT_NO, EXIT_OK, UsageError
    from ..rules.meeting import vote_limits
    from ..rules.statute import voting_law
    from ..rules.voting import VoteError, decide

    body, agencies = meeting_body(ctx, body_id)
    _refuse_no_votes(body)
    limits = vote_limits(body, agencies, [])
    voters_present = None
    if present or subs or remote or observers:
        voters_present = _voters_present(
            ctx, body, agencies, present, subs, remote, observers, votes_for + against + abstain
        )
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
            law=voting_law(body),
        )
    except VoteError as exc:
        from .given import spelling

        exc.spell(spelling(ctx, voters_present="--present"))  # the voters present are counted from --present
        raise UsageError(f"{body.id}: {exc.message}") from None
    if format is TextOrJson.json:
        emit_json({"body": body.id, "name": body.name, **outcome.to_dict(), "tor_text": outcome.tor_text})
    else:
        _show_outcome(body, outcome)
    raise typer.Exit({"carried": EXIT_OK, "lost": EXIT_NO}.get(outcome.answer, EXIT_CANNOT_TELL))


def _refuse_no_votes(body: Body) -> None:
    """A body whose ToR counts no votes (it takes no decisions, or decides by consensus) is refused, in its words."""
    from ..errors import UsageError
    from ..rules.words import decides_at_a_meeting, voting_at_a_meeting

    if body.voting.method != "consensus" and body.governance.decision_making.decides is not False:
        return
    said = [decides_at_a_meeting(body.governance.decision_making)]
    if body.voting.method == "consensus":
        said.append(voting_at_a_meeting(body.voting))
    raise UsageError(f"{body.id}: no votes to count: " + "; ".join(s for s in said if s))


def _voters_present(
    ctx: typer.Context,
    body: Body,
    agencies: Mapping[str, Agency],
    present: list[str] | None,
    subs: list[str] | None,
    remote: list[str] | None,
    observers: list[str] | None,
    cast: int,
) -> int:
    """How many of those present may vote; a usage error naming who may not where more votes were cast."""
    from ..errors import UsageError
    from ..rules.meeting import item_seats, key, remote_effects, vote_limits
    from .given import CommandLine, Sources
    from .meetings import Attending, resolve_options

    sources = Sources(CommandLine())
    flags = Attending(
        present=sources.command_line.names("--present", present),
        remote=sources.command_line.take("--remote", remote),
        apologies=[],
        subs=sources.command_line.take("--sub", subs),
        observers=observers or [],
    )
    attendance, remote_seats = resolve_options(body, agencies, sources, flags, forecast=False)
    seats = item_seats(body, agencies, attendance, effects=remote_effects(body, attendance, remote_seats))
    may = vote_limits(body, agencies, seats.eligible).present
    if cast > may:
        eligible = {key(s) for s in seats.eligible}
        barred = [
            f"{s.label}: {seats.barred.get(key(s)) or s.reason or 'has no vote under the ToR'}"
            for s in seats.attendance.seats
            if key(s) not in eligible
        ]
        raise UsageError(
            f"{body.id}: {cast} votes and abstentions, but only {may} of those present may vote"
            + ("; may not vote: " + "; ".join(barred) if barred else "")
        )
    return may


def _show_outcome(body: Body, outcome: Outcome) -> None:
    headline = {
        "carried": "CARRIED",
        "lost": "NOT CARRIED",
        "cannot-tell": "CANNOT TELL",
        "depends-on-chair": "DEPENDS ON THE CHAIR'S CASTING VOTE",
    }[outcome.answer]
    colour = {"carried": "green", "lost": "red"}.get(outcome.answer, "yellow")
    echo_styled(f"{body.name}: {headline}", fg=colour, bold=True)
    echo(outcome.summary)
    for reading in outcome.readings:
        echo(f"  {reading}")
    if outcome.tor_text:
        echo(f"The ToR: {outcome.tor_text.strip()}")
    for note in outcome.notes:
        echo(f"Note: {note}")
    if outcome.law:
        echo("The law, where the ToR is silent:")
        for line in outcome.law:
            echo(f"  - {line}")
    if outcome.assumptions:
        echo("Assumed, where the ToR is silent:")
        for assumption in outcome.assumptions:
            echo(f"  - {assumption}")


meeting_app = typer.Typer(help="Meeting records: was each decision validly taken?", no_args_is_help=True)
app.add_typer(meeting_app, name="meeting")


class NoteFormat(StrEnum):
    text = "text"
    json = "json"
    md = "md"
    pdf = "pdf"
    sarif = "sarif"  # with --all
    github = "github"  # with --all


@meeting_app.command("check")
def meeting_check(
    ctx: typer.Context,
    record_file: Path | None = typer.Argument(
        None,
        metavar="RECORD|BODY",
        help="A meeting record (YAML), e.g. bodies/attendance/<body>/<date>.yaml; with --all, a body (optional).",
        show_default=False,
    ),
    format: NoteFormat = typer.Option(
        NoteFormat.text,
        "--format",
        "-f",
        help="text, json, md (a validity note) or pdf; with --all: text, json, sarif or github.",
    ),
    output: str | None = typer.Option(None, "--output", "-o", metavar="FILE|DIR", help=OUTPUT_HELP, show_default=False),
    every: bool = typer.Option(
        False, "--all", help="Audit every meeting record (of BODY, if given): a table of meetings and decisions."
    ),
    start: str | None = AUDIT_FROM,
    end: str | None = AUDIT_TO,
    force: bool = FORCE,
) -> None:
    """Each item's verdict: quorate for this item? carried under the ToR's majority? validly taken?

    A motion put and lost is a decision validly taken. With --all, every meeting record in the bodies directory
    (or of one body), from --from to --to. Exit 0 when every decision was validly taken, 1 when one was not (with
    the reasons), 2 on bad input, 4 when none was invalid but for one torctl cannot tell (the ToR is silent and no
    law fills the gap, or the record does not hold the vote or the declarations) or the verdict rests on a
    decision the ToR leaves to the chair that the record does not hold (its chair_decisions). JSON: `answer` per
    item and overall is valid, not-valid, depends-on-chair or cannot-tell.

    Example: torctl meeting check bodies/attendance/example-council-committee/2027-01-12.yaml --format json
    Example: torctl meeting check --all solihull-sscp-executive --from 2024-01-01 --to 2024-12-31
    """
    from ..errors import UsageError

    suffix = "txt" if format is NoteFormat.text else format.value
    target = output_target(output, suffix=suffix, kinds=("txt", "json", "md", "pdf"), force=force)
    if every or start is not None or end is not None:
        from .audit import audit_command

        path = target.path
        audit_command(ctx, None if record_file is None else str(record_file), every, start, end, format.value, path)
    if record_file is None:
        raise UsageError("name a meeting record, or give --all to audit every record")
    if format in (NoteFormat.sarif, NoteFormat.github):
        raise UsageError(f"--format {format.value} reports an audit: give --all")
    from ..meetings.validity import check_meeting, render_text
    from ..rules.meeting import meeting_items
    from .given import CommandLine, Sources

    record = read_record(record_file, "meeting record")
    body, agencies = meeting_body(ctx, record.model.body)
    _check_meeting_date(body, record.model, record_file)
    resolved = meeting_items(body, agencies, record.model)
    if resolved.problems:
        sources = Sources(CommandLine(), record)
        raise sources.refuse("the meeting record does not resolve:", [sources.problem(f) for f in resolved.problems])
    verdict = check_meeting(body, agencies, record.model, resolved)
    if record.model.expected:
        echo_err(f"note: not yet confirmed, so counted absent: {', '.join(record.model.expected)}")
    if format is NoteFormat.json:
        import json

        data: bytes | str = json.dumps(verdict.to_dict(), indent=2, ensure_ascii=False)
    elif format is NoteFormat.text:
        headline, details = render_text(verdict)
        if target.path is None:
            colour = {"valid": "green", "not-valid": "red"}.get(verdict.answer, "yellow")
            echo_styled(headline, fg=colour, bold=True)
            echo(details)
            raise typer.Exit(MEETING_EXIT[verdict.answer])
        data = f"{headline}\n{details}"
    else:
        from ..render.validity import validity_note

        data = validity_note(verdict, format.value)
    if target.path is None:
        if isinstance(data, bytes):
            raise UsageError("a PDF is not printed to the terminal; give --output FILE")
        echo(data.rstrip("\n"))
    else:
        note = data if isinstance(data, bytes) else (data.rstrip("\n") + "\n").encode("utf-8")
        written = target.write(f"{body.id}-{record.model.date.isoformat()}.{suffix}", note)
        echo_err(f"wrote {written}")
    raise typer.Exit(MEETING_EXIT[verdict.answer])


def _check_meeting_date(body: Body, record: AttendanceRecord, where: Path) -> None:
    """Refuse a record for a date on which the body had no meeting, where the ToR's dates or pattern say so
    and the record does not say it was a special meeting."""
    from ..calendar.patterns import not_held
    from ..errors import UsageError

    if (why := not_held(body, record)) is not None:
        raise UsageError(f"{where}: {why}")
