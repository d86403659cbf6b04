"""Checks on the records kept beside the bodies: meeting records fit their body, calendars are sound."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ...findings import Code, Finding, Loc, finding
from ...model import Cadence
from ...model.base import SLUG_PATTERN
from ...model.records import AttendanceRecord, CalendarRecord, Term
from ...rules.attendance import People, Unresolved
from ...rules.meeting import meeting_items
from ...suggest import did_you_mean
from ..records import ATTENDANCE_DIR, CALENDARS_DIR
from .registry import check
from .context import RecordContext


@check(*(c for c in Code if c.value.startswith("A")), scope="record", kinds=(ATTENDANCE_DIR,))
def meeting_record(ctx: RecordContext) -> Iterator[Finding]:
    """A meeting record's body exists, every name resolves, its items and votes can be right, and no other
    record is of the same meeting. A vote the ToR does not allow is recorded faithfully: a warning here,
    a decision not validly taken in `meeting check`."""
    record = ctx.doc.model
    assert isinstance(record, AttendanceRecord)
    body = ctx.tree.bodies.get(record.body)
    if body is None:
        yield finding(
            Code.A001, f"unknown body '{record.body}'{did_you_mean(record.body, list(ctx.tree.bodies))}", loc=("body",)
        )
        return
    resolved = meeting_items(body, ctx.tree.agencies, record)
    yield from resolved.problems
    if record.expected:
        count = len(record.expected)
        yield finding(
            Code.A013,
            f"{count} member{'s' if count != 1 else ''} still expected, not confirmed present or absent: "
            f"{', '.join(record.expected)}",
            loc=("expected",),
        )
    yield from resolved.conduct
    yield from resolved.doubts
    for other in ctx.tree.records(ctx.doc.kind):
        if other is ctx.doc:
            break
        if isinstance(other.model, AttendanceRecord) and (other.model.body, other.model.date) == (
            record.body,
            record.date,
        ):
            yield finding(
                Code.A005, f"another record of {record.body} on {record.date}: {other.display}", loc=("date",)
            )
            break


@check(Code.C001, Code.C002, Code.C003, Code.C004, scope="record", kinds=(ATTENDANCE_DIR,))
def actions(ctx: RecordContext) -> Iterator[Finding]:
    """A meeting record's actions: an owner written as a post id names a post of the body, no action is due or
    closed before the meeting that agreed it, and no two actions of the body's records share an id."""
    record = ctx.doc.model
    assert isinstance(record, AttendanceRecord)
    body = ctx.tree.bodies.get(record.body)
    if not record.actions or body is None:
        return
    people = People(body)
    for index, action in enumerate(record.actions):
        loc: Loc = ("actions", index)
        if re.fullmatch(SLUG_PATTERN, action.owner) and not _is_post(people, action.owner):
            posts = [m.id for m in body.members]
            message = (
                f"owner '{action.owner}' is written as a post id, but {body.id} has no such post"
                f"{did_you_mean(action.owner, posts)}; write a post id, or the person's name"
            )
            yield finding(Code.C001, message, loc=(*loc, "owner"))
        for field, code, what in (("due", Code.C002, "due"), ("closed_on", Code.C003, "closed")):
            day = getattr(action, field)
            if day is not None and day < record.date:
                message = f"action {action.id} is {what} on {day}, before the meeting of {record.date} that agreed it"
                yield finding(code, message, loc=(*loc, field))
    yield from _duplicate_action_ids(ctx, record)


def _is_post(people: People, text: str) -> bool:
    try:
        people.member(text)
    except Unresolved:
        return False
    return True


def _duplicate_action_ids(ctx: RecordContext, record: AttendanceRecord) -> Iterator[Finding]:
    """C004 on an action whose id an earlier action of the body has: in this record, or in a record listed before."""
    seen: dict[str, str] = {}
    for other in ctx.tree.records(ATTENDANCE_DIR):
        if other is ctx.doc:
            break
        if isinstance(other.model, AttendanceRecord) and other.model.body == record.body:
            seen.update((a.id, other.display) for a in other.model.actions)
    for index, action in enumerate(record.actions):
        where = seen.get(action.id)
        if where is not None:
            also = "earlier in this record" if where == ctx.doc.display else f"in {where}"
            yield finding(Code.C004, f"action id '{action.id}' is also used {also}", loc=("actions", index, "id"))
        seen.setdefault(action.id, ctx.doc.display)


@check(Code.R003, Code.R004, Code.R005, Code.R008, Code.R009, Code.D001, scope="record", kinds=(CALENDARS_DIR,))
def calendar(ctx: RecordContext) -> Iterator[Finding]:
    """A calendar's id is its file name and its own; the bodies it names exist (and meet in term time, for term
    dates); no body has two term calendars; its dates are in order."""
    tree, doc = ctx.tree, ctx.doc
    record = doc.model
    assert isinstance(record, CalendarRecord)
    if record.id != doc.path.stem:
        yield finding(Code.R005, f"id '{record.id}' must equal the file name '{doc.path.stem}'", loc=("id",))
    for index, body_id in enumerate(record.applies_to):
        if body_id not in tree.bodies:
            message = f"unknown body '{body_id}'{did_you_mean(body_id, sorted(tree.bodies))}"
            yield finding(Code.R003, message, loc=("applies_to", index))
        elif record.kind == "term-dates" and not _term_time(tree.bodies[body_id].meetings.cadence):
            message = f"{body_id} does not meet in term time only, so term dates do not apply to it"
            yield finding(Code.R009, message, loc=("applies_to", index))
    for other in tree.records(CALENDARS_DIR):
        if other is doc or not isinstance(other.model, CalendarRecord) or str(other.path) >= str(doc.path):
            continue
        if other.model.id == record.id:
            yield finding(Code.R004, f"calendar id '{record.id}' is also used by {other.display}", loc=("id",))
        if record.kind == "term-dates" and other.model.kind == "term-dates":
            for index, body_id in enumerate(record.applies_to):
                if body_id in other.model.applies_to:
                    message = f"{body_id} already has term dates in {other.display}; keep one term calendar per body"
                    yield finding(Code.R008, message, loc=("applies_to", index))
    yield from _date_order(record)


def _term_time(cadence: Cadence | None) -> bool:
    return cadence is not None and cadence.term_time_only is True


def _span(loc: Loc, start: dt.date, end: dt.date, what: str) -> Iterator[Finding]:
    if end < start:
        yield finding(Code.D001, f"{what} ends ({end}) before it starts ({start})", loc=(*loc, "end"))


def _date_order(record: CalendarRecord) -> Iterator[Finding]:
    covers = record.covers
    if covers:
        yield from _span(("covers",), covers.start, covers.end, "the covered period")
    previous: Term | None = None
    for index, term in enumerate(record.terms):
        loc: Loc = ("terms", index)
        yield from _span(loc, term.start, term.end, f"term '{term.name}'")
        if covers and not (covers.start <= term.start and term.end <= covers.end):
            message = (
                f"term '{term.name}' ({term.start} to {term.end}) lies outside `covers` ({covers.start} to "
                f"{covers.end})"
            )
            yield finding(Code.D001, message, loc=(*loc, "start"))
        if previous is not None and term.start <= previous.end:
            message = (
                f"term '{term.name}' starts ({term.start}) before the previous term '{previous.name}' ends "
                f"({previous.end}); list terms in order, without overlaps"
            )
            yield finding(Code.D001, message, loc=(*loc, "start"))
        previous = term
        for b, brk in enumerate(term.breaks):
            yield from _span((*loc, "breaks", b), brk.start, brk.end, f"break '{brk.name}'")
            if not (term.start <= brk.start and brk.end <= term.end):
                message = f"break '{brk.name}' is not inside term '{term.name}'"
                yield finding(Code.D001, message, loc=(*loc, "breaks", b, "start"))
    for index, closure in enumerate(record.closures):
        if closure.end is not None:
            yield from _span(("closures", index), closure.start, closure.end, f"closure '{closure.name}'")
