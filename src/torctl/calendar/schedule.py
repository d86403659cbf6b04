"""Meeting schedules: the dates a body meets, with each meeting's deadlines, chair and standing items.

Dates come from the body's data, never from a guess:

- `meetings.pattern`, an RFC 5545 RRULE (`FREQ=MONTHLY;BYDAY=+2TU`: the second
  Tuesday), expanded by python-dateutil; a pattern that repeats less often than
  its unit (`INTERVAL=2`) or names no day needs a start: `DTSTART` in the
  pattern, or `first`;
- `meetings.dates`, explicit agreed dates, added to the pattern's;
- otherwise the cadence (monthly, bi-monthly, quarterly, N a year, every N
  weeks), anchored on `first`, the date of one meeting the user gives. Without
  it there is no day to start from, and `build_schedule` says so.

A body that meets in term time only keeps the meetings that fall in a term of
its term calendar (`calendar/terms.py`) and reports the rest as skipped; a date the
calendar does not account for stops the schedule with the file to fill in. A
meeting on a non-working day is flagged, and `shift` moves it to the next or
previous working day. Deadlines and chair come from `deadlines.py`, so schedules,
agendas and calendars agree.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from dataclasses import dataclass, field
from typing import Literal
from collections.abc import Iterable, Iterator

from ..errors import Message, UsageError
from ..model import Body, Cadence, PartialDate, StandingItem
from ..rules.words import describe_cadence, long_date
from .deadlines import ChairOnDate, DueDate, chair_on, deadlines
from .patterns import pattern_dates, pattern_needs_anchor
from .terms import BodyCalendars
from .workdays import next_working_day, why_not_working

AnchorBy = Literal["weekday", "date"]
Shift = Literal["next", "previous"]

MAX_MEETINGS = 1000  # per body and run: a schedule, not a stress test
MAX_YEARS = 20

_MONTHS_BETWEEN = {"monthly": 1, "bi-monthly": 2, "quarterly": 3}
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


def short_date(day: dt.date) -> str:
    """`Thu 24 Dec 2026`."""
    return f"{day:%a} {day.day} {day:%b %Y}"


@dataclass(frozen=True)
class Meeting:
    """One scheduled meeting of a body."""

    body_id: str
    date: dt.date
    planned: dt.date  # the date the pattern or cadence gives; differs from `date` when shifted
    not_working: str | None  # why `planned` is not a working day ('Saturday', 'Easter Monday'), or None
    chair: ChairOnDate
    deadlines: tuple[DueDate, ...]
    standing_items: tuple[StandingItem, ...]
    term: str | None = None  # the school term, for a term-time body

    @property
    def shifted(self) -> bool:
        return self.date != self.planned

    def deadline(self, kind: str) -> DueDate | None:
        return next((d for d in self.deadlines if d.kind == kind), None)

    def to_dict(self) -> dict[str, object]:
        return {
            "date": self.date.isoformat(),
            "weekday": f"{self.date:%A}",
            "planned": self.planned.isoformat(),
            "shifted": self.shifted,
            "not_working_day": self.not_working,
            "term": self.term,
            "chair": {"post": self.chair.post, "text": self.chair.text},
            "deadlines": [d.to_dict() for d in self.deadlines],
            "standing_items": [standing_item_dict(item) for item in self.standing_items],
        }


def standing_item_dict(item: StandingItem) -> dict[str, object]:
    presenter = None
    if item.presenter is not None:
        presenter = item.presenter.description or ", ".join(item.presenter.posts) or None
    return {
        "title": item.title,
        "presenter": presenter,
        "from_body": item.from_body,
        "every_meeting": item.every_meeting,
    }


def standing_item_text(item: StandingItem) -> str:
    """`Partnership Improvement Updates (presented by a health or police DSP)`."""
    info = standing_item_dict(item)
    extras = []
    if info["presenter"]:
        extras.append(f"presented by {info['presenter']}")
    if item.from_body:
        extras.append(f"from {item.from_body}")
    if not item.every_meeting:
        extras.append("not every meeting")
    return item.title + (f" ({'; '.join(extras)})" if extras else "")


@dataclass
class Schedule:
    """A body's meetings in a period, with the meetings left out and anything the reader should know."""

    body: Body
    basis: str | Message  # where the dates come from, in words naming the caller's `first` where counted from it
    start: dt.date
    until: dt.date | None
    meetings: list[Meeting] = field(default_factory=list)
    skipped: list[tuple[dt.date, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    term_file: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.body.id,
            "name": self.body.name,
            "basis": str(self.basis),
            "term_dates": self.term_file,
            "meetings": [m.to_dict() for m in self.meetings],
            "skipped": [{"date": d.isoformat(), "reason": why} for d, why in self.skipped],
            "notes": self.notes,
        }


# --- where the dates come from ---------------------------------------------------------------


def _months_between(cadence: Cadence, where: str) -> int:
    if cadence.frequency in _MONTHS_BETWEEN:
        return _MONTHS_BETWEEN[cadence.frequency]
    times = cadence.times_per_year or 0
    if 12 % times:
        raise UsageError(
            f"{where}: {times} meetings a year do not fall a whole number of months apart, so torctl cannot "
            "place them from one date; record the agreed dates (meetings.dates) or a pattern (meetings.pattern)"
        )
    return 12 // times


def cadence_dates(cadence: Cadence, first: dt.date, anchor_by: AnchorBy, where: str) -> tuple[Iterator[dt.date], str]:
    """Dates of the cadence from `first` (itself the first), and the rule in words."""
    if cadence.frequency in ("weekly", "every-n-weeks"):
        weeks = cadence.weeks or 1
        words = "every week" if weeks == 1 else f"every {weeks} weeks"
        return (first + dt.timedelta(weeks=weeks * n) for n in itertools.count()), f"{words} on a {first:%A}"
    step = _months_between(cadence, where)
    every = "every month" if step == 1 else f"every {step} months"
    if anchor_by == "date":
        anchor = PartialDate(first.year, first.month, first.day)
        return (anchor.add_months(step * n).first_day for n in itertools.count()), f"day {first.day} of {every}"
    from dateutil.rrule import MONTHLY, rrule, weekday

    nth = (first.day - 1) // 7 + 1
    nth = -1 if nth == 5 else nth
    rule = rrule(
        MONTHLY, interval=step, byweekday=weekday(first.weekday(), nth), dtstart=dt.datetime.combine(first, dt.time())
    )
    return (d.date() for d in rule), f"the {_ORDINALS[nth]} {first:%A} of {every}"


def _merge(*streams: Iterable[dt.date]) -> Iterator[dt.date]:
    """Ascending dates from several ascending streams, each date once."""
    last = None
    for day in heapq.merge(*streams):
        if day != last:
            yield day
            last = day


def candidate_dates(
    body: Body, start: dt.date, first: dt.date | None, anchor_by: AnchorBy, where: str
) -> tuple[Iterator[dt.date], str | Message]:
    """Meeting dates on or after `start` in ascending order, and where they come from in words.

    A cadence counted from `first` names it as the caller's value (a `Message`): the ToR gives
    no day, so the reader must see that the days are the ones the caller anchored.
    """
    meetings = body.meetings
    streams: list[Iterable[dt.date]] = []
    agreed = "agreed dates (meetings.dates)" if meetings.dates else None
    also = f"; {agreed}" if agreed else ""
    basis: str | Message | None = agreed
    if meetings.pattern:
        dates = pattern_dates(meetings.pattern, start, first, where)
        if first is None and pattern_needs_anchor(meetings.pattern):
            raise UsageError(
                Message(
                    "{body}: meetings.pattern {pattern!r} needs a start to fix its days; "
                    "give {first} DATE (the date of one meeting), or add DTSTART to the pattern in {where}",
                    body=body.id,
                    pattern=meetings.pattern,
                    where=where,
                )
            )
        streams.append(dates)
        basis = f"pattern {meetings.pattern.strip()}" + (f" from {first.isoformat()}" if first else "") + also
    elif first is not None:
        if meetings.cadence is None:
            raise UsageError(
                Message(
                    "{body}: the ToR gives no meeting cadence, so {first} cannot anchor one; "
                    "record the dates (meetings.dates) or a pattern (meetings.pattern) in {where}",
                    body=body.id,
                    where=where,
                )
            )
        dates, words = cadence_dates(meetings.cadence, first, anchor_by, where)
        streams.append(d for d in dates if d >= start)
        basis = Message(
            "meets {cadence}; from {first} {day}: {rule}{also}",
            cadence=describe_cadence(meetings.cadence),
            day=first.isoformat(),
            rule=words,
            also=also,
        )
    if meetings.dates:
        streams.append(sorted(d for d in set(meetings.dates) if d >= start))
    if basis is None:
        raise UsageError(
            Message(
                "{body} has no meeting days recorded: the ToR says it meets {cadence} but gives no day. "
                "Give {first} DATE, the date of one meeting, to anchor the cadence (e.g. {first} {example}), "
                "or record meetings.pattern (an RRULE such as FREQ=MONTHLY;BYDAY=+2TU) in {where}",
                body=body.id,
                cadence=describe_cadence(meetings.cadence),
                example=_example(start),
                where=where,
            )
        )
    return _merge(*streams), basis


def _example(start: dt.date) -> str:
    """A plausible example date for messages: the first Tuesday on or after `start`."""
    return (start + dt.timedelta(days=(1 - start.weekday()) % 7)).isoformat()


# --- the schedule ---------------------------------------------------------------------------


def _check_range(start: dt.date, until: dt.date | None, count: int | None, first: dt.date | None) -> None:
    if until is None and count is None:
        raise UsageError(Message("give an end to the schedule: {until} DATE or {count} N"))
    if until is not None and until < start:
        raise UsageError(
            Message("{until} {day} is before the start {start_day}", day=until.isoformat(), start_day=start.isoformat())
        )
    if until is not None and until.year - start.year > MAX_YEARS:
        raise UsageError(Message("a schedule covers at most {years} years; bring {until} nearer", years=MAX_YEARS))
    if count is not None and not 1 <= count <= MAX_MEETINGS:
        raise UsageError(Message("{count} must be between 1 and {most}, got {got}", most=MAX_MEETINGS, got=count))
    if first is not None and until is not None and first > until:
        raise UsageError(
            Message(
                "{first} {day} is after the end of the schedule ({end})", day=first.isoformat(), end=until.isoformat()
            )
        )


class NoTermDates(UsageError):
    """A term-time body's meeting falls on a day its term calendar does not account for."""

    def __init__(self, body_id: str, path: str, day: dt.date):
        super().__init__(
            Message(
                "{body} meets in term time only, but {path} records no term dates for {day}, a meeting date; "
                "fill in the terms there, or end the schedule earlier with {until}",
                body=body_id,
                path=path,
                day=long_date(day),
            )
        )
        self.path = path
        self.day = day


def _meeting(
    body: Body, planned: dt.date, shift: Shift | None, calendars: BodyCalendars, term_time: bool
) -> Meeting | tuple[dt.date, str]:
    """The meeting planned for `planned` (moved off a non-working day where `shift` says), or the day
    it falls on and why it is skipped (outside term time)."""
    reason = why_not_working(planned, body.jurisdiction, calendars.closures)
    day = planned
    if reason and shift:
        day = next_working_day(planned, body.jurisdiction, calendars.closures, backwards=shift == "previous")
    term = None
    if term_time:
        assert calendars.terms is not None
        in_term, what = calendars.terms.term_on(day)
        if in_term is None:
            raise NoTermDates(body.id, calendars.terms.path, day)
        if not in_term:
            return day, f"outside term time ({what})"
        term = what
    due = tuple(deadlines(body, day, calendars.closures))
    return Meeting(body.id, day, planned, reason, chair_on(body, day), due, tuple(body.standing_items), term)


def build_schedule(
    body: Body,
    *,
    start: dt.date,
    until: dt.date | None = None,
    count: int | None = None,
    first: dt.date | None = None,
    anchor_by: AnchorBy = "weekday",
    shift: Shift | None = None,
    calendars: BodyCalendars | None = None,
    where: str | None = None,
    terms_file_hint: str | None = None,
) -> Schedule:
    """The body's meetings from `start` to `until` (inclusive) or the next `count` of them.

    `where` names the body's file in messages; `terms_file_hint` is the file to
    create when a term-time body has no term calendar.
    """
    where = where or f"the file for {body.id}"
    calendars = calendars or BodyCalendars()
    _check_range(start, until, count, first)
    dates, basis = candidate_dates(body, start, first, anchor_by, where)
    cadence = body.meetings.cadence
    term_time = bool(cadence and cadence.term_time_only)
    schedule = Schedule(body, basis, start, until, term_file=calendars.terms.path if calendars.terms else None)
    if term_time and calendars.terms is None:
        hint = terms_file_hint or "a term-dates calendar in the bodies directory's calendars/"
        raise UsageError(
            f"{body.id} meets in term time only, but no term dates are recorded for it; "
            f"create {hint} (kind: term-dates, applies_to: [{body.id}]) with the school terms"
        )
    if cadence and cadence.unless_agreed_otherwise:
        schedule.notes.append(
            f"the ToR lets the body agree another rhythm ({cadence.text or cadence.frequency}); check the agreed dates"
        )
    if body.status_of_note:
        schedule.notes.append(f"the body's status is {body.status_of_note}")
    for planned in itertools.islice(dates, MAX_MEETINGS * 4):
        if (until is not None and planned > until) or (count is not None and len(schedule.meetings) >= count):
            break
        meeting = _meeting(body, planned, shift, calendars, term_time)
        if isinstance(meeting, Meeting):
            schedule.meetings.append(meeting)
        else:
            schedule.skipped.append(meeting)
    if not schedule.meetings:
        schedule.notes.append("no meetings in this period from the recorded dates")
    return schedule
