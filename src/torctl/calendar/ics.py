"""iCalendar (RFC 5545) export of schedules.

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

The events are described once (`_events`) and written by one of two writers:
all-day calendars, the usual case, are written here directly, byte for byte as
the `icalendar` library writes them (its property order, text escaping and line
folding) but about ten times faster, which matters for `schedule --all` over
hundreds of bodies; calendars with times need a VTIMEZONE, so `icalendar`
writes those. The tests parse every calendar back with `icalendar` and compare
the two writers' bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from ..rules.words import DEADLINE_DUE_LABELS, long_date
from .schedule import Meeting, Schedule, standing_item_text

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
        label = DEADLINE_DUE_LABELS[due.kind].capitalize()
        when = long_date(due.date) if due.date else "no date (the ToR gives no figure)"
        closed = f"; not a working day: {due.not_working}" if due.not_working else ""
        lines.append(f"{label}: {when} ({due.rule}; {due.counted or _basis_words(due.basis)}{closed})")
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
    return {
        "working-days": "working days",
        "calendar": "calendar period",
        "unspecified": "no figure given",
        "clear-days": "clear days",
        "hours": "hours before the start",
    }[basis]


Event = dict[str, Any]  # property name (lower case, as icalendar spells it) -> value


def _events(
    schedules: Sequence[Schedule], dtstamp: dt.datetime, time: tuple[dt.time, dt.time] | None, tz: dt.tzinfo | None
) -> Iterator[Event]:
    """Every event of the calendar, in the order written: each meeting, then its dated deadlines."""
    for schedule in schedules:
        title = _title(schedule)
        body = schedule.body
        for meeting in schedule.meetings:
            meeting_uid = uid(body.id, meeting.planned, "meeting")
            if tz is not None and time is not None:
                start: dt.date = dt.datetime.combine(meeting.date, time[0], tzinfo=tz)
                end: dt.date = dt.datetime.combine(meeting.date, time[1], tzinfo=tz)
            else:
                start, end = meeting.date, meeting.date + dt.timedelta(days=1)
            event: Event = {
                "uid": meeting_uid,
                "dtstamp": dtstamp,
                "summary": f"{title} meeting",
                "dtstart": start,
                "dtend": end,
                "description": _meeting_description(schedule, meeting),
            }
            if body.meetings.venue:
                event["location"] = body.meetings.venue
            event["categories"] = [body.id]
            yield event
            for due in meeting.deadlines:
                if due.date is None:
                    continue
                text = f"{due.rule} ({due.counted or _basis_words(due.basis)})."
                if due.text:
                    text += f"\nThe ToR: {due.text}"
                yield {
                    "uid": uid(body.id, meeting.planned, due.kind),
                    "dtstamp": dtstamp,
                    "summary": f"{title}: {DEADLINE_DUE_LABELS[due.kind]} ({long_date(meeting.date)} meeting)",
                    "dtstart": due.date,
                    "dtend": due.date + dt.timedelta(days=1),
                    "transp": "TRANSPARENT",
                    "description": text,
                    "related-to": meeting_uid,
                    "categories": [body.id],
                }


def to_ics(
    schedules: Sequence[Schedule],
    *,
    name: str,
    stamp: dt.date,
    time: tuple[dt.time, dt.time] | None = None,
) -> bytes:
    """The schedules as one iCalendar file."""
    if time is not None:
        return _with_icalendar(schedules, name=name, stamp=stamp, time=time)
    dtstamp = dt.datetime.combine(stamp, dt.time(), tzinfo=dt.UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:" + _text(PRODID),
        "CALSCALE:GREGORIAN",
        "NAME:" + _unknown(name),
        "X-WR-CALNAME:" + _unknown(name),
    ]
    stamp_text = dtstamp.strftime("%Y%m%dT%H%M%SZ")
    for event in _events(schedules, dtstamp, None, None):
        lines.append("BEGIN:VEVENT")
        # icalendar's order: its canonical properties first, then the rest alphabetically.
        lines.append("SUMMARY:" + _text(event["summary"]))
        lines.append("DTSTART;VALUE=DATE:" + event["dtstart"].strftime("%Y%m%d"))
        lines.append("DTEND;VALUE=DATE:" + event["dtend"].strftime("%Y%m%d"))
        lines.append("DTSTAMP:" + stamp_text)
        lines.append("UID:" + _text(event["uid"]))
        lines.append("CATEGORIES:" + ",".join(_text(c) for c in event["categories"]))
        lines.append("DESCRIPTION:" + _text(event["description"]))
        if "location" in event:
            lines.append("LOCATION:" + _text(event["location"]))
        if "related-to" in event:
            lines.append("RELATED-TO:" + _text(event["related-to"]))
        if "transp" in event:
            lines.append("TRANSP:" + _text(event["transp"]))
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")


def _text(value: str) -> str:
    """A TEXT value escaped as icalendar escapes it (RFC 5545 3.3.11; `\\N` read as a line break, as it does)."""
    return (
        value.replace(r"\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", r"\;")
        .replace(",", r"\,")
        .replace("\r\n", r"\n")
        .replace("\n", r"\n")
        .replace("\r", r"\n")
    )


def _unknown(value: str) -> str:
    """NAME and X-WR-CALNAME as icalendar writes them: as they are (it knows no type for them), line breaks escaped.

    (icalendar refuses a line break there with an internal assertion; a body's name may hold one.)
    """
    return value.replace("\r\n", r"\n").replace("\n", r"\n").replace("\r", r"\n")


_FOLD_AT = 75  # octets: a line is folded before it would reach this length, as icalendar folds
_ESCAPES = "\\^"  # an escape's first character is never left at the end of a folded line


def _fold(line: str) -> str:
    """A content line folded exactly as icalendar folds it (at 74 octets, never between a backslash and what it
    escapes)."""
    if len(line) < _FOLD_AT and (line.isascii() or len(line.encode("utf-8")) < _FOLD_AT):
        return line
    chunks: list[str] = []
    if line.isascii():  # one octet a character: fold by slicing
        begin, size = 0, len(line)
        while size - begin > _FOLD_AT - 1:
            end = begin + _FOLD_AT - 1
            if line[end - 1] in _ESCAPES:
                end -= 1
            chunks.append(line[begin:end])
            begin = end
        chunks.append(line[begin:])
        return "\r\n ".join(chunks)
    current: list[str] = []
    count = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if current and count + width >= _FOLD_AT:
            if len(current) > 1 and current[-1] in _ESCAPES:
                carried = current.pop()
                chunks.append("".join(current))
                current, count = [carried], len(carried.encode("utf-8"))
            else:
                chunks.append("".join(current))
                current, count = [], 0
        current.append(char)
        count += width
    if current:
        chunks.append("".join(current))
    return "\r\n ".join(chunks)


def _with_icalendar(
    schedules: Sequence[Schedule],
    *,
    name: str,
    stamp: dt.date,
    time: tuple[dt.time, dt.time] | None = None,
) -> bytes:
    """The same calendar written by the `icalendar` library: for calendars with times (it adds the VTIMEZONE)."""
    from icalendar import Calendar, Event, vText

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    dtstamp = dt.datetime.combine(stamp, dt.time(), tzinfo=dt.UTC)
    tz = None
    if time is not None:
        from zoneinfo import ZoneInfo

        tz = ZoneInfo(TIMEZONE)
    days: list[dt.date] = []
    for data in _events(schedules, dtstamp, time, tz):
        event = Event()
        for key, value in data.items():
            event.add(key, [vText(v) for v in value] if key == "categories" else value)
        if "related-to" not in data:  # a meeting
            start = data["dtstart"]
            days.append(start.date() if isinstance(start, dt.datetime) else start)
        calendar.add_component(event)
    if tz is not None and days:
        calendar.add_missing_timezones(
            first_date=dt.date(min(days).year - 1, 1, 1), last_date=dt.date(max(days).year + 1, 12, 31)
        )
    ical: bytes = calendar.to_ical()
    return ical
