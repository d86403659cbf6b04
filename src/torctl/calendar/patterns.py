"""Meeting patterns (RFC 5545 RRULEs such as `FREQ=MONTHLY;BYDAY=+2TU`): their dates, and whether a body met on a day.

Kept apart from the schedule so that a command asking only "was there a meeting on
this date?" (`meeting check`) reads the pattern without the schedule's deadlines,
term calendars and working days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from typing import TYPE_CHECKING

from ..errors import UsageError
from ..model import Body

if TYPE_CHECKING:  # pragma: no cover
    from ..model.records import AttendanceRecord

_NEEDS_NO_ANCHOR = ("BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO")


def _rrule_parts(pattern: str) -> dict[str, str]:
    """The `KEY=VALUE` parts of a pattern's RRULE line (bare or after `RRULE:`)."""
    for raw in pattern.strip().splitlines():
        line = raw.strip()
        line = line[6:] if line.upper().startswith("RRULE:") else line
        if "FREQ=" in line.upper():
            return {
                k.strip().upper(): v.strip() for k, _, v in (p.partition("=") for p in line.split(";") if p.strip())
            }
    return {}


def pattern_needs_anchor(pattern: str) -> bool:
    """Whether the pattern only fixes its days once told where it starts.

    `FREQ=MONTHLY;BYDAY=+2TU` does not (every month's second Tuesday);
    `FREQ=MONTHLY;INTERVAL=2;BYDAY=+2TU` does (which months?), as does a rule
    that names no day or counts occurrences.
    """
    if any(line.strip().upper().startswith("DTSTART") for line in pattern.strip().splitlines()):
        return False
    parts = _rrule_parts(pattern)
    interval = parts.get("INTERVAL", "1")
    if interval != "1" or "COUNT" in parts:
        return True
    if not any(key in parts for key in _NEEDS_NO_ANCHOR):
        return True
    return (
        parts.get("FREQ", "").upper() == "YEARLY"
        and "BYMONTH" not in parts
        and "BYYEARDAY" not in parts
        and "BYWEEKNO" not in parts
    )


def pattern_dates(pattern: str, start: dt.date, anchor: dt.date | None, where: str) -> Iterator[dt.date]:
    """Dates of an RRULE pattern on or after `start`; `anchor` (if given) replaces any DTSTART in it.

    The pattern is parsed at once, so a bad one is reported before any date is asked for.
    """
    from dateutil.rrule import rrulestr

    text = pattern.strip()
    if anchor is not None:
        text = "\n".join(line for line in text.splitlines() if not line.strip().upper().startswith("DTSTART"))
    dtstart = dt.datetime.combine(anchor or start, dt.time())
    try:
        rule = rrulestr(text, dtstart=dtstart, forceset=True, ignoretz=True)
    except (ValueError, TypeError) as exc:
        raise UsageError(
            f"{where}: meetings.pattern {pattern!r} is not a valid RRULE ({exc}); "
            "write it like FREQ=MONTHLY;BYDAY=+2TU (the second Tuesday of each month)"
        ) from None
    return (occurrence.date() for occurrence in rule.xafter(dt.datetime.combine(start, dt.time()), inc=True))


def no_meeting_on(body: Body, day: dt.date) -> str | None:
    """Why the ToR's dates or pattern say the body had no meeting on `day`, or None where it had one (or
    the ToR fixes no days, or its pattern cannot say without an anchor)."""
    meetings = body.meetings
    if meetings.dates and day in meetings.dates:
        return None
    if meetings.pattern:
        try:
            first = next(pattern_dates(meetings.pattern, day, None, f"{body.id}: meetings.pattern"), None)
        except UsageError:  # a pattern that does not parse is validate's finding, not this answer's
            return None
        if first == day:
            return None
        return f"{body.id} had no meeting on {day.isoformat()} (its pattern {meetings.pattern} gives {first})"
    if meetings.dates:
        listed = ", ".join(d.isoformat() for d in meetings.dates)
        return f"{body.id} had no meeting on {day.isoformat()} (the ToR's meeting dates: {listed})"
    return None


def not_held(body: Body, record: AttendanceRecord) -> str | None:
    """Why a meeting record is for a day the body did not meet (`no_meeting_on`), or None: also None for a record
    that says it was a special meeting, which a body may call outside its recorded dates or pattern."""
    if record.special:
        return None
    why = no_meeting_on(body, record.date)
    return None if why is None else why + "; if it was a special meeting, say `special: true` in the record"
