"""The action log: every action agreed at a meeting, across the records kept beside the bodies.

A meeting record's `actions` say what was agreed, who does it (a post id, or a named
person), by when, and, once settled, that it was done or dropped and on what day
(`torctl.model.records.Action`). `action_log` gathers them from every record of a
tree, or of one body, in the order a clerk chases them: the earliest due first, those
with no date agreed last. An action is overdue on a day when it is still open and its
due date has passed. `to_ics` writes the log as iCalendar to-dos (VTODO, RFC 5545
3.6.2) with their due dates, so a calendar application lists them beside the meetings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..data.records import ATTENDANCE_DIR
from ..data.tree import Tree
from ..model import Body
from ..model.records import Action, AttendanceRecord
from ..rules.attendance import People, Unresolved, person_label

PRODID = "-//torctl//Actions agreed at meetings//EN"


@dataclass(frozen=True)
class LoggedAction:
    """One action, with the meeting that agreed it and where it is recorded."""

    body: str
    body_name: str
    meeting: dt.date
    action: Action
    owner: str  # the owner as a reader knows them: `Holder (Role)` for a post, else as written
    path: str  # the record's file, as shown to the user

    def overdue(self, as_of: dt.date) -> bool:
        """Still open, with its due date before `as_of`."""
        return self.action.status == "open" and self.action.due is not None and self.action.due < as_of

    def state(self, as_of: dt.date) -> str:
        """`open`, `overdue`, `done` or `dropped`, on `as_of`."""
        return "overdue" if self.overdue(as_of) else self.action.status

    def to_dict(self, as_of: dt.date) -> dict[str, Any]:
        action = self.action
        return {
            "body": self.body,
            "meeting": self.meeting.isoformat(),
            "id": action.id,
            "what": action.what,
            "owner": action.owner,
            "owner_label": self.owner,
            "due": action.due.isoformat() if action.due else None,
            "status": action.status,
            "overdue": self.overdue(as_of),
            "closed_on": action.closed_on.isoformat() if action.closed_on else None,
            "item": action.item,
            "record": self.path,
        }


def owner_label(people: People, owner: str) -> str:
    """An action's owner as a reader knows them: `Holder (Role)` where it names a post, else as written."""
    try:
        return person_label(people.member(owner))
    except Unresolved:
        return owner


def action_log(tree: Tree, body: Body | None = None) -> list[LoggedAction]:
    """Every action recorded in the tree's meeting records (of `body` only, where given), soonest due first."""
    people: dict[str, People] = {}
    logged: list[LoggedAction] = []
    for doc in tree.records(ATTENDANCE_DIR):
        record = doc.model
        if not isinstance(record, AttendanceRecord) or (body is not None and record.body != body.id):
            continue
        owner_body = tree.bodies.get(record.body)
        if owner_body is None:
            continue  # an unknown body is validate's finding (A001); the CLI says which files it left out
        finder = people.setdefault(owner_body.id, People(owner_body))
        for action in record.actions:
            label = owner_label(finder, action.owner)
            logged.append(LoggedAction(owner_body.id, owner_body.name, record.date, action, label, doc.display))
    logged.sort(key=_order)
    return logged


def _order(entry: LoggedAction) -> tuple[int, dt.date, str, dt.date, str]:
    due = entry.action.due
    return (due is None, due or dt.date.max, entry.body, entry.meeting, entry.action.id)


def select(
    log: Iterable[LoggedAction], *, open_only: bool = False, overdue: bool = False, as_of: dt.date
) -> list[LoggedAction]:
    """The actions agreed on or before `as_of`: those still open (`open_only`), or open and past their due date
    on `as_of` (`overdue`)."""
    chosen = [e for e in log if e.meeting <= as_of]
    if open_only:
        chosen = [e for e in chosen if e.action.status == "open"]
    if overdue:
        chosen = [e for e in chosen if e.overdue(as_of)]
    return chosen


def table_rows(log: Sequence[LoggedAction], as_of: dt.date) -> list[list[str]]:
    """Rows for a text table: body, meeting, id, the action, owner, due, state (with the day it was closed)."""
    rows = []
    for entry in log:
        action = entry.action
        state = entry.state(as_of) + (f" {action.closed_on.isoformat()}" if action.closed_on else "")
        due = action.due.isoformat() if action.due else "no date"
        rows.append([entry.body, entry.meeting.isoformat(), action.id, action.what, entry.owner, due, state])
    return rows


TABLE_HEADERS = ["body", "meeting", "id", "action", "owner", "due", "status"]


def uid(entry: LoggedAction) -> str:
    """A to-do's UID, stable across runs so that a calendar updates it rather than adding another."""
    return f"{entry.body}/action/{entry.action.id}@torctl"


def to_ics(log: Sequence[LoggedAction], *, name: str, stamp: dt.date) -> bytes:
    """The actions as iCalendar to-dos: DUE where a date was agreed, STATUS, COMPLETED on the day closed.

    DTSTAMP is `stamp` (the day the log is as of), not the time of the run, so the same log gives the same bytes.
    """
    from icalendar import Calendar, Todo

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    dtstamp = dt.datetime.combine(stamp, dt.time(), tzinfo=dt.UTC)
    for entry in log:
        action = entry.action
        todo = Todo()
        todo.add("uid", uid(entry))
        todo.add("dtstamp", dtstamp)
        todo.add("summary", action.what)
        todo.add("dtstart", entry.meeting)
        if action.due is not None:
            todo.add("due", action.due)
        todo.add("status", {"open": "NEEDS-ACTION", "done": "COMPLETED", "dropped": "CANCELLED"}[action.status])
        if action.status == "done" and action.closed_on is not None:
            todo.add("completed", dt.datetime.combine(action.closed_on, dt.time(), tzinfo=dt.UTC))
        item = f", item {action.item}" if action.item else ""
        description = (
            f"Owner: {entry.owner}\nAgreed at the meeting of {entry.body_name} on {entry.meeting.isoformat()}{item}"
            f" (action {action.id})."
        )
        todo.add("description", description)
        todo.add("categories", [entry.body])
        calendar.add_component(todo)
    ical: bytes = calendar.to_ical()
    return ical
