"""`torctl schedule` and `torctl deadlines`: when a body meets, and by when papers, notice and minutes are due."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import typer

from ..errors import UsageError
from .app import app, state
from .given import spelling, spelt
from .loading import body_tree
from .options import (
    DATE_HELP,
    MEETING_BODY,
    FORCE,
    OUTPUT_FILE,
    TEXT_OR_JSON,
    Output,
    TextOrJson,
    complete_body,
    date_option,
    output_target,
)
from .output import echo, echo_err, emit_json, table, warn_left_out

if TYPE_CHECKING:  # pragma: no cover
    from ..calendar.schedule import Schedule
    from ..data.tree import Tree
    from ..model import Body


class ScheduleFormat(StrEnum):
    text = "text"
    json = "json"
    ics = "ics"


class ShiftTo(StrEnum):
    next = "next"
    previous = "previous"


class AnchorBy(StrEnum):
    weekday = "weekday"
    date = "date"


def parse_date(value: str, option: str) -> dt.date:
    """A date option's value (see `options.date_option`, the one rule for dates)."""
    return date_option(value, option)


def _parse_time(value: str) -> tuple[dt.time, dt.time]:
    start, sep, end = value.partition("-")
    try:
        if not sep:
            raise ValueError
        times = dt.time.fromisoformat(start.strip()), dt.time.fromisoformat(end.strip())
    except ValueError:
        raise UsageError(f"--time expects a start and end like 10:00-12:00, got '{value}'") from None
    if times[1] <= times[0]:
        raise UsageError(f"--time: the meeting must end after it starts, got '{value}'")
    return times


def captured(printer: Callable[..., None], *args: Any) -> str:
    """What a printing function would print, as plain text (no terminal, so no rich tables): for --output."""
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        printer(*args)
    return buffer.getvalue()


def load_checked(ctx: typer.Context) -> Tree:
    """The bodies, warning on stderr about files that failed to load (so a report is never silently short)."""
    from .loading import load_bodies

    tree = load_bodies(state(ctx).bodies)
    warn_left_out(tree.left_out())
    return tree


def _anchors(values: list[str], tree: Tree) -> tuple[dt.date | None, dict[str, dt.date]]:
    """`--first DATE` (any body) and `--first BODY=DATE` (that body)."""
    default: dt.date | None = None
    per_body: dict[str, dt.date] = {}
    for value in values:
        body_id, sep, date = value.rpartition("=")
        if sep:
            per_body[tree.body(body_id.strip()).id] = parse_date(date, f"--first {body_id}=")
        elif default is not None:
            raise UsageError("give one plain --first DATE; anchor other bodies with --first BODY=DATE")
        else:
            default = parse_date(value, "--first")
    return default, per_body


def _where(tree: Tree, body_id: str) -> str:
    doc = tree.document_for(body_id)
    return doc.display if doc else body_id


def _short(day: dt.date | None) -> str:
    from ..calendar.schedule import short_date

    return short_date(day) if day else "-"


_BASIS = {
    "working-days": "working days: weekends and bank holidays are skipped",
    "calendar": "a calendar period: weekends and holidays count",
}


def _print_schedule(schedule: Schedule) -> None:
    from ..calendar.schedule import standing_item_text
    from ..rules.words import DEADLINE_DUE_LABELS

    body = schedule.body
    echo(f"{body.name} ({body.id})")
    echo(f"dates: {schedule.basis}")
    if schedule.term_file:
        echo(f"term dates: {schedule.term_file}")
    kinds: list[str] = []
    if schedule.meetings:
        for due in schedule.meetings[0].deadlines:
            kinds.append(due.kind)
            counted = due.counted or _BASIS.get(due.basis)
            echo(f"{DEADLINE_DUE_LABELS[due.kind]}: {due.rule}" + (f" ({counted})" if counted else ""))
    if body.standing_items:
        echo("standing items: " + "; ".join(standing_item_text(i) for i in body.standing_items))
    headers = ["date", "chair", *(DEADLINE_DUE_LABELS[k] for k in kinds), "note"]
    rows = []
    for meeting in schedule.meetings:
        remarks: list[str] = []
        if meeting.not_working:
            remarks.append(
                f"moved from {_short(meeting.planned)} ({meeting.not_working})"
                if meeting.shifted
                else f"not a working day ({meeting.not_working})"
            )
        if meeting.term:
            remarks.append(meeting.term)
        dues = [meeting.deadline(k) for k in kinds]
        remarks += [d.warning for d in dues if d and d.warning]
        rows.append(
            [
                _short(meeting.date),
                meeting.chair.text,
                *(_short(d.date if d else None) for d in dues),
                "; ".join(remarks),
            ]
        )
    if rows:
        table(headers, rows)
    for day, why in schedule.skipped:
        echo(f"skipped {_short(day)}: {why}")
    for note in schedule.notes:
        echo(f"note: {note}")


@app.command()
def schedule(
    ctx: typer.Context,
    body_id: str | None = typer.Argument(
        None,
        metavar="BODY",
        help="The body's id or short name; or --all.",
        show_default=False,
        autocompletion=complete_body,
    ),
    all_bodies: bool = typer.Option(False, "--all", help="One schedule (or calendar) for every body."),
    start: str | None = typer.Option(
        None,
        "--from",
        metavar="DATE",
        help=f"First day of the schedule (default today): {DATE_HELP}.",
        show_default=False,
    ),
    until: str | None = typer.Option(
        None,
        "--until",
        metavar="DATE",
        help="Last day of the schedule (default: a year from --from).",
        show_default=False,
    ),
    count: int | None = typer.Option(
        None, "--count", "-n", metavar="N", help="At most N meetings per body.", show_default=False
    ),
    first: list[str] | None = typer.Option(
        None,
        "--first",
        metavar="DATE|BODY=DATE",
        help="The date of a meeting, to anchor a cadence the ToR gives no day for; BODY=DATE for one body under --all.",
        show_default=False,
    ),
    anchor_by: AnchorBy = typer.Option(
        AnchorBy.weekday,
        "--anchor-by",
        help="Month-based cadences repeat --first's weekday (the first Tuesday) or its date (the 5th).",
    ),
    shift: ShiftTo | None = typer.Option(
        None,
        "--shift",
        help="Move a meeting on a non-working day to the next or previous working day (default: flag it).",
        show_default=False,
    ),
    meeting_time: str | None = typer.Option(
        None,
        "--time",
        metavar="HH:MM-HH:MM",
        help="For ics: the meetings' time in Europe/London (default: all-day events).",
        show_default=False,
    ),
    format: ScheduleFormat = typer.Option(
        ScheduleFormat.text, "--format", "-f", help="text, json, or ics (iCalendar)."
    ),
    output: str | None = OUTPUT_FILE,
    force: bool = FORCE,
) -> None:
    """List a body's next meetings: date, chair, papers due, substitute notice due, minutes due, standing items.

    Dates come from the body's meeting pattern or agreed dates; where the ToR gives
    only a cadence (monthly, bi-monthly...), --first DATE anchors it. Term-time bodies
    keep only meetings in term, from their calendar in the bodies directory's calendars/.
    """
    if bool(body_id) == all_bodies:
        raise UsageError("give one BODY or --all" if not body_id else "give a BODY or --all, not both")
    tree = _schedule_tree(ctx, body_id, all_bodies=all_bodies, first=first or [])
    since = parse_date(start, "--from") if start else dt.date.today()
    end = parse_date(until, "--until") if until else (_year_after(since) if count is None else None)
    if meeting_time and format is not ScheduleFormat.ics:
        raise UsageError("--time applies to --format ics only")
    times = _parse_time(meeting_time) if meeting_time else None
    suffix = {ScheduleFormat.text: "txt"}.get(format, format.value)
    target = output_target(output, suffix=suffix, kinds=("txt", "json", "ics"), force=force)
    default_first, per_body = _anchors(list(first or []), tree)
    bodies = [tree.body(body_id)] if body_id else [b for _, b in sorted(tree.bodies.items()) if b.status != "dissolved"]
    plan = Plan(since, end, count, default_first, per_body, anchor_by, shift)
    schedules = _schedules(ctx, tree, bodies, plan, all_bodies=all_bodies)
    target_name = f"{'all' if all_bodies else bodies[0].id}.{suffix}"
    if format is ScheduleFormat.ics:
        from ..calendar.ics import to_ics

        name = "torctl: all bodies" if all_bodies else f"{schedules[0].body.name} meetings"
        _deliver(to_ics(schedules, name=name, stamp=since, time=times), target, target_name, schedules)
    elif format is ScheduleFormat.json:
        _deliver_json(plan, schedules, target, target_name)
    elif target.path is not None:
        _deliver(captured(_print_all, schedules).encode(), target, target_name, schedules)
    else:
        _print_all(schedules)


def _deliver_json(plan: Plan, schedules: list[Schedule], target: Output, name: str) -> None:
    payload = {
        "from": plan.since.isoformat(),
        "until": plan.until.isoformat() if plan.until else None,
        "count": plan.count,
        "schedules": [s.to_dict() for s in schedules],
    }
    if target.path is None:
        emit_json(payload)
    else:
        _deliver((json.dumps(payload, indent=2, ensure_ascii=False) + "\n").encode(), target, name, schedules)


def _schedule_tree(ctx: typer.Context, body_id: str | None, *, all_bodies: bool, first: list[str]) -> Tree:
    """Every body for --all or a --first BODY=DATE (which may name any body); else the one body's file, the files
    it names and calendars/, so a schedule is as quick among 10,000 bodies as among eight."""
    from ..data.records import CALENDARS_DIR

    if all_bodies or body_id is None or any("=" in value for value in first):
        return load_checked(ctx)
    tree = body_tree(ctx, body_id, records=(CALENDARS_DIR,))
    warn_left_out(tree.left_out())
    return tree


@dataclass(frozen=True)
class Plan:
    """What every body's schedule covers: the window, the anchors of cadences, and non-working days."""

    since: dt.date
    until: dt.date | None
    count: int | None
    first: dt.date | None
    first_for: dict[str, dt.date]
    anchor_by: AnchorBy
    shift: ShiftTo | None


def _schedules(ctx: typer.Context, tree: Tree, bodies: list[Body], plan: Plan, *, all_bodies: bool) -> list[Schedule]:
    """Each body's schedule, its basis naming --first as such; under --all a body that cannot be scheduled is left
    out with a warning."""
    from ..calendar.schedule import build_schedule
    from ..calendar.terms import calendars_for, template_path

    spell = spelling(ctx)
    schedules: list[Schedule] = []
    failures: list[str] = []
    for body in bodies:
        try:
            schedule = build_schedule(
                body,
                start=plan.since,
                until=plan.until,
                count=plan.count,
                first=plan.first_for.get(body.id, plan.first),
                anchor_by=plan.anchor_by.value,
                shift=plan.shift.value if plan.shift else None,
                calendars=calendars_for(tree, body.id),
                where=_where(tree, body.id),
                terms_file_hint=template_path(tree, body.id),
            )
        except UsageError as exc:
            if not all_bodies:
                raise
            exc.spell(spell)
            failures.append(exc.message if exc.message.startswith(body.id) else f"{body.id}: {exc.message}")
            continue
        schedule.basis = spelt(schedule.basis, spell)
        schedules.append(schedule)
    if (
        not schedules
        and all_bodies
        and plan.first is None
        and not plan.first_for
        and all(_cadence_only(b) for b in bodies)
    ):
        raise UsageError(
            f"none of the {len(bodies)} bodies records meeting days, only a cadence (monthly, quarterly...): "
            "give --first DATE, the date of one meeting, to anchor them all (or --first BODY=DATE for each), "
            "or record meetings.pattern (an RRULE such as FREQ=MONTHLY;BYDAY=+2TU) in the body files"
        )
    if not schedules:
        raise UsageError("no body could be scheduled:\n  " + "\n  ".join(failures))
    for failure in failures:
        echo_err(f"warning: left out of the schedule: {failure}")
    return schedules


def _cadence_only(body: Body) -> bool:
    """Whether the ToR gives only how often the body meets, and no days."""
    return bool(body.meetings.cadence and not body.meetings.pattern and not body.meetings.dates)


def _print_all(schedules: list[Schedule]) -> None:
    for index, item in enumerate(schedules):
        if index:
            echo()
        _print_schedule(item)


def _deliver(data: bytes, target: Output, name: str, schedules: list[Schedule]) -> None:
    """Print, or write the file atomically and say what was written."""
    if target.path is None:
        typer.echo(data.decode("utf-8"), nl=False)
        return
    output = target.write(name, data)
    meetings = sum(len(s.meetings) for s in schedules)
    bodies = "bodies" if len(schedules) != 1 else "body"
    echo_err(f"wrote {meetings} meeting{'s' if meetings != 1 else ''} of {len(schedules)} {bodies} to {output}")


def _year_after(day: dt.date) -> dt.date:
    """The day before the same date next year: a year's schedule from `day`."""
    from ..model import PartialDate

    return PartialDate(day.year, day.month, day.day).add_months(12).first_day - dt.timedelta(days=1)


@app.command("deadlines")
def deadlines_command(
    ctx: typer.Context,
    body_id: str = MEETING_BODY,
    meeting: str = typer.Option(..., "--meeting", "-m", metavar="DATE", help=f"The meeting's date: {DATE_HELP}."),
    format: TextOrJson = TEXT_OR_JSON,
) -> None:
    """When papers, substitute notice and minutes are due for one meeting, and who chairs it."""
    from ..calendar.deadlines import chair_on, deadlines
    from ..calendar.terms import calendars_for
    from ..calendar.workdays import why_not_working
    from ..data.records import CALENDARS_DIR
    from ..rules.words import DEADLINE_DUE_LABELS, long_date

    day = parse_date(meeting, "--meeting")
    tree = body_tree(ctx, body_id, records=(CALENDARS_DIR,))
    warn_left_out(tree.left_out())
    body = tree.body(body_id)
    calendars = calendars_for(tree, body.id)
    dues = deadlines(body, day, calendars.closures)
    chair = chair_on(body, day)
    not_working = why_not_working(day, body.jurisdiction, calendars.closures)
    term_note = None
    if body.meetings.cadence and body.meetings.cadence.term_time_only:
        if calendars.terms is None:
            term_note = "the body meets in term time only; no term dates are recorded for it"
        else:
            in_term, what = calendars.terms.term_on(day)
            term_note = (
                (f"in term ({what})" if in_term else f"outside term time ({what})")
                if in_term is not None
                else (f"{what} in {calendars.terms.path}")
            )
    if format is TextOrJson.json:
        emit_json(
            {
                "id": body.id,
                "meeting": day.isoformat(),
                "weekday": f"{day:%A}",
                "not_working_day": not_working,
                "term": term_note,
                "chair": {"post": chair.post, "text": chair.text},
                "deadlines": [d.to_dict() for d in dues],
            }
        )
        return
    echo(f"{body.name} ({body.id}): meeting on {long_date(day)}")
    if not_working:
        echo(f"warning: {long_date(day)} is not a working day ({not_working})")
    if term_note:
        echo(f"term: {term_note}")
    echo(f"chair: {chair.text}")
    if not dues:
        echo("the ToR sets no deadlines for papers, substitute notice or minutes")
        return
    table(
        ["deadline", "date", "rule", "counted in"],
        [
            [
                DEADLINE_DUE_LABELS[d.kind],
                long_date(d.date) if d.date else "-",
                d.rule,
                d.counted or _BASIS.get(d.basis, "-"),
            ]
            for d in dues
        ],
    )
    for d in dues:
        if d.warning:
            echo(f"warning: {d.warning}")
