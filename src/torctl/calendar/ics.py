"""iCalendar (RFC 5545) export of schedules, through the `icalendar` library.

One event per meeting, and one all-day event per dated deadline (papers out,
substitute notice, minutes), each related to its meeting. The output is stable,
so that importing it again updates events rather than duplicating them:

- UIDs are built from the body id, the meeting's planned date and the event
  kind (`solihull-sscp-executive/2027-01-05/papers@torctl`); a meeting moved
  with `--shift` keeps its UID, so the calendar application moves it;
- DTSTAMP is not the time of the run but the start of the scheduled period, so
  the same request gives byte-identical output;
- events are written in date order, body by body.

Meetings are all-day events unless a time is given, since no ToR records one;
with a time they are placed in Europe/London and the calendar carries the
VTIMEZONE it needs.
"""

from __future__ import annotations

import datetime as dt
from typing import Sequence

from .schedule import DEADLINE_LABELS, Meeting, Schedule, long_date, standing_item_text

PRODID = "-//torctl//Terms of reference meeting schedules//EN"
UID_DOMAIN = "torctl"
TIMEZONE = "Europe/London"


def uid(body_id: str, planned: dt.date, kind: str) -> str:
    return f"{body_id}/{planned.isoformat()}/{kind}@{UID_DOMAIN}"


def _title(schedule: Schedule) -> str:
    return schedule.body.short_name or schedule.body.name


def _meeting_description(schedule: Schedule, meeting: Meeting) -> str:
    lines = [f"{schedule.body.name} ({schedule.body.id})", f"Chair: {meeting.chair.text}"]
    for due in meeting.deadlines:
        label = DEADLINE_LABELS[due.kind].capitalize()
        when = long_date(due.date) if due.date else "no date (the ToR gives no figure)"
        lines.append(f"{label}: {when} ({due.rule}; {due.counted or _basis_words(due.basis)})")
    if meeting.standing_items:
        lines.append("Standing items: " + "; ".join(standing_item_text(i) for i in meeting.standing_items))
    if meeting.not_working:
        moved = f", moved to {long_date(meeting.date)}" if meeting.shifted else ""
        lines.append(f"Note: {long_date(meeting.planned)} is not a working day ({meeting.not_working}){moved}.")
    if meeting.term:
        lines.append(f"Term: {meeting.term}")
    lines.append(f"Dates: {schedule.basis}")
    return "\n".join(lines)


def _basis_words(basis: str) -> str:
    return {"working-days": "working days", "calendar": "calendar period", "unspecified": "no figure given",
            "clear-days": "clear days", "hours": "hours before the start"}[basis]


def to_ics(
    schedules: Sequence[Schedule],
    *,
    name: str,
    stamp: dt.date,
    time: tuple[dt.time, dt.time] | None = None,
) -> bytes:
    """The schedules as one iCalendar file."""
    from icalendar import Calendar, Event, vText

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    dtstamp = dt.datetime.combine(stamp, dt.time(), tzinfo=dt.timezone.utc)
    tz = None
    if time is not None:
        from zoneinfo import ZoneInfo

        tz = ZoneInfo(TIMEZONE)
    first_day: dt.date | None = None
    last_day: dt.date | None = None
    for schedule in schedules:
        title = _title(schedule)
        body = schedule.body
        for meeting in schedule.meetings:
            first_day = min(first_day or meeting.date, meeting.date)
            last_day = max(last_day or meeting.date, meeting.date)
            event = Event()
            meeting_uid = uid(body.id, meeting.planned, "meeting")
            event.add("uid", meeting_uid)
            event.add("dtstamp", dtstamp)
            event.add("summary", f"{title} meeting")
            if tz is not None and time is not None:
                event.add("dtstart", dt.datetime.combine(meeting.date, time[0], tzinfo=tz))
                event.add("dtend", dt.datetime.combine(meeting.date, time[1], tzinfo=tz))
            else:
                event.add("dtstart", meeting.date)
                event.add("dtend", meeting.date + dt.timedelta(days=1))
            event.add("description", _meeting_description(schedule, meeting))
            if body.meetings.venue:
                event.add("location", body.meetings.venue)
            event.add("categories", [vText(body.id)])
            calendar.add_component(event)
            for due in meeting.deadlines:
                if due.date is None:
                    continue
                reminder = Event()
                reminder.add("uid", uid(body.id, meeting.planned, due.kind))
                reminder.add("dtstamp", dtstamp)
                reminder.add("summary", f"{title}: {DEADLINE_LABELS[due.kind]} ({long_date(meeting.date)} meeting)")
                reminder.add("dtstart", due.date)
                reminder.add("dtend", due.date + dt.timedelta(days=1))
                reminder.add("transp", "TRANSPARENT")
                text = f"{due.rule} ({due.counted or _basis_words(due.basis)})."
                if due.text:
                    text += f"\nThe ToR: {due.text}"
                reminder.add("description", text)
                reminder.add("related-to", meeting_uid)
                reminder.add("categories", [vText(body.id)])
                calendar.add_component(reminder)
    if tz is not None and first_day is not None and last_day is not None:
        calendar.add_missing_timezones(
            first_date=dt.date(first_day.year - 1, 1, 1), last_date=dt.date(last_day.year + 1, 12, 31)
        )
    return calendar.to_ical()
