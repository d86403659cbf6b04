"""`torctl check-quorum` and `torctl attendance`: is this meeting quorate, and who has been coming."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from ..errors import EXIT_CANNOT_TELL, EXIT_NO, EXIT_OK, UsageError
from .app import app, state
from .given import CommandLine, Given, Problem, RecordFile, Sources
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

if TYPE_CHECKING:  # pragma: no cover
    from ..findings import Loc
    from ..meetings.verdict import ItemJudged, Verdict
    from ..model import Agency, Body
    from ..rules.attendance import Attendance, Name, StandIn
    from ..rules.meeting import Declaration, SeatKey


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


SUB_FORM = (
    "--sub takes 'NAME for MEMBER', or 'NAME from AGENCY for MEMBER', in that order, "
    "ending 'with authority' when they carry the member's delegated authority"
)
SUBS_OPTION = typer.Option(
    None,
    "--sub",
    "-s",
    metavar="'NAME for MEMBER'",
    help="Someone attending in a member's place: 'NAME [from AGENCY] for MEMBER [with authority]'. "
    "End with 'with authority' when they carry the member's delegated authority. Repeat for each.",
    show_default=False,
)
REMOTE_OPTION = typer.Option(
    None,
    "--remote",
    metavar="NAME",
    help="A member attending remotely, or 'NAME for MEMBER' for a substitute attending remotely (counts and "
    "votes only as the ToR allows). Repeat for each.",
    show_default=False,
)
OBSERVERS_OPTION = typer.Option(
    None,
    "--observer",
    metavar="NAME",
    help="Someone present who is not a member (never counts, has no vote). Repeat for each.",
    show_default=False,
)
_SUB = re.compile(
    r"^(?P<name>.+?)(?:\s+from\s+(?P<agency>.+?))?\s+for\s+(?P<member>.+?)"
    r"(?:\s+(?P<with>with|without)(?:\s+delegated)?\s+authority)?$",
    re.IGNORECASE,
)


def stand_in(given: Given, agencies: Mapping[str, Agency]) -> StandIn:
    """`--sub 'NAME [from AGENCY] for MEMBER [with|without (delegated) authority]'` as a stand-in at `given`'s place.

    Raises `Unresolved` for text of another form, or an agency no id, name or short name in the registry matches.
    """
    from ..findings import Code
    from ..rules.attendance import StandIn, Unresolved, find_agency

    match = _SUB.match(" ".join(given.text.split()))
    if not match:
        raise Unresolved(
            Code.A002,
            f"cannot read substitution '{given.text}'; write it as 'NAME for MEMBER', optionally "
            "'NAME from AGENCY for MEMBER' and ending 'with authority' when the substitute carries the member's "
            "delegated authority",
        )
    agency = find_agency(agencies, match["agency"]) if match["agency"] else None
    authority = None if match["with"] is None else match["with"].lower() == "with"
    return StandIn(match["name"], match["member"], given.loc, agency=agency, authority=authority)


def declaration(given: Given, kinds: Sequence[str], judged: ItemJudged) -> Declaration | str:
    """`--interest 'PERSON:ITEM[:KIND][:dispensation]'` as a declaration in the item judged, or what is wrong.

    An item's title may hold a colon, so the part after the last colon is a kind only where it is one of
    the ToR's `kinds`; where it is not, but the rest calls the item judged, it is an unknown kind.
    """
    from ..rules.meeting import Declaration

    person, _, rest = given.text.partition(":")
    parts = rest.split(":") if rest else []
    dispensation = bool(parts) and parts[-1].strip().casefold() == "dispensation"
    if dispensation:
        parts.pop()
    kind = parts.pop().strip() if len(parts) > 1 and parts[-1].strip() in kinds else None
    where = ":".join(parts).strip()
    if not person.strip() or not where:
        return "write it as 'PERSON:ITEM', optionally ending ':KIND' and ':dispensation'"
    if judged.is_called(where):
        return Declaration(person.strip(), given.loc, kind, dispensation)
    if len(parts) > 1 and judged.is_called(":".join(parts[:-1])):
        known = f"; kinds: {', '.join(kinds)}" if kinds else "; the ToR names no kinds of interest"
        return f"the ToR names no interest of kind '{parts[-1].strip()}'{known}"
    return f"item '{where}' is not the item judged ({judged.label}); give --item '{where}' to judge it"


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
    subs: list[str] | None = SUBS_OPTION,
    apologies: list[str] | None = typer.Option(
        None,
        "--apologies",
        "-a",
        metavar="NAME",
        help="Forecast: a member who sent apologies; everyone else expected is assumed to attend. Repeat for each.",
        autocompletion=complete_post,
        show_default=False,
    ),
    observers: list[str] | None = OBSERVERS_OPTION,
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
    remote: list[str] | None = REMOTE_OPTION,
    format: TextOrJson = TEXT_OR_JSON,
) -> None:
    """Is this meeting quorate? Which clause fails, what is missing, who could fill it, and the votes.

    With --item: the verdict for that item, naming who stopped counting for it and why (a declared
    interest, remote attendance, arriving late or leaving early).

    Exit 0 when quorate (or when the ToR sets no quorum), 1 when not quorate, 2 on bad input, 4 when torctl
    cannot tell (the ToR states no quorum and no law sets one, or the record does not hold what is needed) or
    the answer rests on a decision the ToR leaves to the chair. JSON: `answer` is quorate, not-quorate,
    no-quorum, depends-on-chair or cannot-tell.

    Example: torctl check-quorum solihull-lscp -p dcs --remote "Jo Bloggs for borough-commander"
    """
    from ..meetings.verdict import judge

    record = read_record(attendance_file, "attendance file") if attendance_file is not None else None
    named = (body_id or record.model.body) if record is not None else body_id
    if named is None:
        raise UsageError(
            "name the body, e.g. `torctl check-quorum solihull-lscp --present dcs`, or give --attendance FILE"
        )
    if interests and item is None:
        raise UsageError("--interest needs --item: say which item the verdict is for")
    body, agencies = meeting_body(ctx, named)
    if record is not None and body.id != record.model.body:
        raise UsageError(f"{record.path} records a meeting of {record.model.body}, not {body_id}")
    if apologies or forecast:
        _refuse_forecast_with_attendance(apologies, present, record)
    sources = Sources(CommandLine(), record)
    flags = Attending(
        present=sources.command_line.names("--present", present),
        remote=sources.command_line.take("--remote", remote),
        apologies=sources.command_line.names("--apologies", apologies),
        subs=sources.command_line.take("--sub", subs),
        observers=observers or [],
    )
    attendance, remote_seats = resolve_options(body, agencies, sources, flags, forecast=forecast or bool(apologies))
    date = record.model.date if record else None
    extra: dict[str, Any] = {}
    if item is None and not remote_seats:
        verdict = judge(body, agencies, attendance, date)
    else:
        given_interests = sources.command_line.take("--interest", interests)
        verdict, extra = _item_verdict(
            body, agencies, attendance, date, sources, item, given_interests, list(remote_seats)
        )
    _show_verdict(verdict, extra, format)
    raise typer.Exit(QUORUM_EXIT[verdict.answer])


QUORUM_EXIT = {
    "quorate": EXIT_OK,
    "no-quorum": EXIT_OK,
    "not-quorate": EXIT_NO,
    "depends-on-chair": EXIT_CANNOT_TELL,
    "cannot-tell": EXIT_CANNOT_TELL,
}


@dataclass(frozen=True)
class Attending:
    """Who the options say attended, each value at its place on the command line."""

    present: list[Name]
    remote: list[Given]
    apologies: list[Name]
    subs: list[Given]
    observers: list[str]


def _refuse_forecast_with_attendance(
    apologies: list[str] | None, present: list[str] | None, record: RecordFile | None
) -> None:
    """A forecast (apologies, or --forecast) counts everyone expected: it cannot be combined with who is there."""
    if not present and not (record and record.model.present):
        return
    who = "--present" if present else f"the present list of {record.path if record else ''}"
    raise UsageError(
        f"{'--apologies' if apologies else '--forecast'} forecasts a meeting (everyone the ToR expects attends except "
        f"those who sent apologies), so {who} cannot be combined with it: a forecast would count people who may not "
        "come. Say who is there with --present (and --sub), or forecast with --apologies, not both"
    )


REMOTE_FORM = (
    "--remote takes a member (post id, holder name or role), or 'NAME for MEMBER' for a substitute attending "
    "remotely (optionally 'NAME from AGENCY for MEMBER ... with authority', as --sub)"
)


def remote_stand_ins(
    body: Body, agencies: Mapping[str, Agency], remote: list[Given]
) -> tuple[list[Name], list[StandIn], list[Problem]]:
    """`--remote` values: members attending remotely, and substitutes ('NAME for MEMBER') who do; what is wrong."""
    from ..rules.attendance import Name, People, Unresolved

    people = People(body)
    members: list[Name] = []
    subs: list[StandIn] = []
    problems: list[Problem] = []
    for given in remote:
        try:
            people.member(given.text)
        except Unresolved as member_error:
            if not _SUB.match(" ".join(given.text.split())):
                problems.append(Problem(given, given.loc, member_error.message))
                continue
            try:
                subs.append(stand_in(given, agencies)._replace(remote=True))
            except Unresolved as exc:
                problems.append(Problem(given, given.loc, exc.message))
            continue
        members.append(Name(given.text, given.loc))
    return members, subs, problems


def resolve_options(
    body: Body, agencies: Mapping[str, Agency], sources: Sources, flags: Attending, *, forecast: bool
) -> tuple[Attendance, dict[SeatKey, Loc]]:
    """The record's attendance (if any) and the options', resolved as `meeting check` resolves a record, with the
    remote seats; a usage error listing every name that does not resolve."""
    from ..rules.attendance import Unresolved, stand_ins, written
    from ..rules.meeting import resolve_attending

    problems: list[Problem] = []
    from_options: list[StandIn] = []
    for given in flags.subs:
        try:
            from_options.append(stand_in(given, agencies))
        except Unresolved as exc:
            problems.append(Problem(given, given.loc, exc.message))
    remote, remote_subs, bad_remote = remote_stand_ins(body, agencies, flags.remote)
    problems += bad_remote
    if problems:
        footer = ([SUB_FORM] if len(problems) > len(bad_remote) else []) + ([REMOTE_FORM] if bad_remote else [])
        raise sources.refuse("the attendance does not resolve:", problems, footer=footer)
    record = sources.record.model if sources.record else None
    attendance, found, remote_seats = resolve_attending(
        body,
        agencies,
        present=[*written("present", record.present if record else []), *flags.present],
        remote=[*written("remote", record.remote if record else []), *remote],
        substitutes=[*stand_ins(record.substitutes if record else []), *from_options, *remote_subs],
        apologies=[*written("apologies", record.apologies if record else []), *flags.apologies],
        observers=[*(record.observers if record else []), *flags.observers],
        forecast=forecast,
    )
    if found:
        problems = [sources.problem(f) for f in found]
        subs = any(p.given is not None and p.given.option == "--sub" for p in problems)
        raise sources.refuse("the attendance does not resolve:", problems, footer=[SUB_FORM] if subs else [])
    return attendance, remote_seats


def _item_verdict(
    body: Body,
    agencies: Mapping[str, Agency],
    attendance: Attendance,
    date: dt.date | None,
    sources: Sources,
    item: str | None,
    interests: list[Given],
    remote: list[SeatKey],
) -> tuple[Verdict, dict[str, Any]]:
    """check-quorum --item / --interest / --remote: the verdict for one item, or a usage error listing every problem."""
    from ..findings import FindingError
    from ..meetings.verdict import ItemJudged, for_item
    from ..rules.procedure import interest_kinds

    record = sources.record.model if sources.record else None
    judged = ItemJudged.called(item, record)
    if judged is None:
        listed = "; ".join(f"{i.number} ({i.title})" for i in record.items) if record else ""
        raise UsageError(f"--item '{item}': no such item in the record; its items: {listed}")
    kinds = interest_kinds(body)
    declarations: list[Declaration] = []
    problems: list[Problem] = []
    for given in interests:
        read = declaration(given, kinds, judged)
        if isinstance(read, str):
            problems.append(Problem(given, given.loc, read))
        else:
            declarations.append(read)
    try:
        verdict, extra = for_item(
            body,
            agencies,
            attendance,
            date,
            judged=judged,
            declarations=declarations,
            remote=remote,
            not_recorded=record.not_recorded if record else (),
        )
    except FindingError as exc:
        problems += [sources.problem(f) for f in exc.findings]
    if problems:  # the record's problems first, then the options' in the order given
        problems.sort(key=lambda p: -1 if p.given is None else p.given.order)
        raise sources.refuse("the item does not resolve:", problems)
    return verdict, extra


def _show_verdict(verdict: Verdict, extra: dict[str, Any], format: TextOrJson) -> None:
    if format is TextOrJson.json:
        emit_json({**verdict.to_dict(), **extra})
        return
    from ..meetings.verdict import render, render_item

    headline, details = render_item(verdict, extra) if extra else render(verdict)
    colour = {"quorate": "green", "not-quorate": "red"}.get(verdict.answer, "yellow")
    echo_styled(headline, fg=colour, bold=True)
    echo(details)


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
    from .loading import load_bodies
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
