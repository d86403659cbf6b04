"""`torctl check-quorum` and `torctl attendance`: is this meeting quorate, and who has been coming."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from ..errors import UsageError
from .app import app, state
from .loading import meeting_body, read_record
from .options import (
    DATE_HELP,
    MEETING_BODY,
    TEXT_OR_JSON,
    TextOrJson,
    complete_body,
    complete_post,
    date_option,
)
from .output import echo, echo_styled, emit_json


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"


OPTION_OF = {"present": "--present", "apologies": "--apologies", "substitutes": "--sub"}
SUB_FORM = "--sub takes 'NAME for MEMBER', or 'NAME from AGENCY for MEMBER', in that order, ending 'with authority' when they carry the member's delegated authority"


def _unresolved(problems: list[str]) -> UsageError:
    """One error listing every name that does not resolve, with the --sub form when a --sub is among them."""
    if any(p.startswith("--sub ") for p in problems):
        problems = [*problems, SUB_FORM]
    return UsageError("\n  ".join(["the attendance does not resolve:", *problems]))


@app.command("check-quorum")
def check_quorum(
    ctx: typer.Context,
    body_id: str | None = typer.Argument(
        None,
        metavar="BODY",
        help="The body's id or short name, e.g. solihull-lscp (optional with --attendance).",
        show_default=False,
        autocompletion=complete_body,
    ),
    present: list[str] | None = typer.Option(
        None,
        "--present",
        "-p",
        metavar="NAME",
        help="A member present in person: post id, holder name or role. Repeat for each.",
        autocompletion=complete_post,
        show_default=False,
    ),
    subs: list[str] | None = typer.Option(
        None,
        "--sub",
        "-s",
        metavar="'NAME for MEMBER'",
        help="Someone attending in a member's place: 'NAME [from AGENCY] for MEMBER [with authority]'. "
        "End with 'with authority' when they carry the member's delegated authority. Repeat for each.",
        show_default=False,
    ),
    apologies: list[str] | None = typer.Option(
        None,
        "--apologies",
        "-a",
        metavar="NAME",
        help="Forecast: a member who sent apologies; everyone else expected is assumed to attend. Repeat for each.",
        autocompletion=complete_post,
        show_default=False,
    ),
    observers: list[str] | None = typer.Option(
        None,
        "--observer",
        metavar="NAME",
        help="Someone present who is not a member (never counts). Repeat for each.",
        show_default=False,
    ),
    attendance_file: Path | None = typer.Option(
        None, "--attendance", metavar="FILE", help="Read the attendance from a record file (YAML).", show_default=False
    ),
    forecast: bool = typer.Option(
        False,
        "--forecast",
        help="Assume every member expected at every meeting attends, except those who sent apologies.",
    ),
    item: str | None = typer.Option(
        None,
        "--item",
        metavar="N|TITLE",
        help="Judge one agenda item: its number or title (from --attendance's items, or a label of your own).",
        show_default=False,
    ),
    interests: list[str] | None = typer.Option(
        None,
        "--interest",
        metavar="'PERSON:ITEM[:KIND]'",
        help="A declaration of interest in an item (with --item); KIND as the ToR names it, and ':dispensation' "
        "at the end when the member holds one. Repeat for each.",
        show_default=False,
    ),
    remote: list[str] | None = typer.Option(
        None,
        "--remote",
        metavar="NAME",
        help="A member attending remotely (counts and votes only as the ToR allows). Repeat for each.",
        show_default=False,
    ),
    format: TextOrJson = TEXT_OR_JSON,
) -> None:
    """Is this meeting quorate? Which clause fails, what is missing, who could fill it, and the votes.

    With --item: the verdict for that item, naming who stopped counting for it and why (a declared
    interest, remote attendance, arriving late or leaving early).

    Exit 0 when quorate (or when the ToR sets no quorum), 1 when not quorate, 2 on bad input.
    """
    from ..meetings.verdict import judge, render
    from ..rules.attendance import Unresolved, parse_substitution, resolve

    record = parsed = None
    if attendance_file is not None:
        record, parsed = read_record(attendance_file, "attendance file")
        named, body_id = body_id, body_id or record.body
    if body_id is None:
        raise UsageError(
            "name the body, e.g. `torctl check-quorum solihull-lscp --present dcs`, or give --attendance FILE"
        )
    if interests and item is None:
        raise UsageError("--interest needs --item: say which item the verdict is for")

    body, agencies = meeting_body(ctx, body_id)
    if record is not None and body.id != record.body:
        raise UsageError(f"{attendance_file} records a meeting of {record.body}, not {named}")

    if (apologies or forecast) and (present or (record and record.present)):
        who = "--present" if present else f"the present list of {attendance_file}"
        raise UsageError(
            f"{'--apologies' if apologies else '--forecast'} forecasts a meeting (everyone the ToR expects attends except "
            f"those who sent apologies), so {who} cannot be combined with it: a forecast would count people who may not "
            "come. Say who is there with --present (and --sub), or forecast with --apologies, not both"
        )
    given = {"present": present or [], "apologies": apologies or [], "substitutes": subs or []}
    problems: list[str] = []
    entries = []
    for text in given["substitutes"]:
        try:
            entries.append(parse_substitution(text, agencies))
        except Unresolved as exc:
            problems.append(f"--sub '{text}': {exc.message}")
    if problems:
        raise _unresolved(problems)
    file_present = list(record.present) if record else []
    file_apologies = list(record.apologies) if record else []
    file_substitutes = list(record.substitutes) if record else []
    from_file_count = {
        "present": len(file_present),
        "apologies": len(file_apologies),
        "substitutes": len(file_substitutes),
    }
    attendance, found = resolve(
        body,
        agencies,
        present=file_present + given["present"] + (remote or []),
        substitutes=file_substitutes + entries,
        apologies=file_apologies + given["apologies"],
        observers=(list(record.observers) if record else []) + (observers or []),
        forecast=forecast or bool(apologies),
    )
    for problem in found:
        field, index = str(problem.loc[0]), int(problem.loc[1])
        offset = from_file_count[field]
        if field == "present" and index >= offset + len(given["present"]):
            problems.append(f"--remote '{(remote or [])[index - offset - len(given['present'])]}': {problem.message}")
        elif index < offset and parsed is not None:
            from ..data.yamlio import locate

            line, column = locate(parsed.node, problem.loc)
            problems.append(f"{attendance_file}:{line}:{column}: {problem.message}")
        else:
            problems.append(f"{OPTION_OF[field]} '{given[field][index - offset]}': {problem.message}")
    if problems:
        raise _unresolved(problems)

    date = record.date if record else None
    if item is None and not remote:
        verdict = judge(body, agencies, attendance, date)
        extra: dict[str, object] = {}
    else:
        from ..meetings.verdict import for_item

        verdict, extra = for_item(
            body, agencies, attendance, date, record=record, item=item, interests=interests or [], remote=remote or []
        )
    if format is TextOrJson.json:
        emit_json({**verdict.to_dict(), **extra})
    else:
        if extra:
            from ..meetings.verdict import render_item

            headline, details = render_item(verdict, extra)
        else:
            headline, details = render(verdict)
        colour = {True: "green", False: "red", None: "yellow"}[verdict.quorate]
        echo_styled(headline, fg=colour, bold=True)
        echo(details)
    raise typer.Exit(1 if verdict.quorate is False else 0)


@app.command()
def attendance(
    ctx: typer.Context,
    body_id: str = MEETING_BODY,
    since: str | None = typer.Option(
        None, "--since", metavar="DATE", help=f"Only meetings on or after this date: {DATE_HELP}.", show_default=False
    ),
    streak: int = typer.Option(
        3,
        "--streak",
        min=1,
        max=100,
        help="Alert when an agency or member is missing from this many consecutive meetings.",
    ),
    format: ReportFormat = typer.Option(ReportFormat.text, "--format", "-f", help="text, json or csv."),
) -> None:
    """Attendance over the recorded meetings: per post and per agency, inquorate meetings, and alerts.

    Reads the records under attendance/ in the bodies directory.
    """
    from ..data.load import load_bodies
    from ..meetings.report import build_report, records_for

    start = None
    if since is not None:
        start = date_option(since, "--since")
    tree = load_bodies(state(ctx).bodies)
    body = tree.body(body_id)
    report = build_report(body, tree.agencies, records_for(tree, body.id), since=start, streak=streak)
    if format is ReportFormat.json:
        emit_json(report.to_dict())
    elif format is ReportFormat.csv:
        echo(report.to_csv().rstrip("\n"))
    else:
        from .output import table

        for title, headers, rows in report.tables():
            table(headers, rows, title=title)
            echo()
        echo(report.alerts_text())
