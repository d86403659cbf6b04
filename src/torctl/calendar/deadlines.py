"""Facts about one meeting on a given date: its deadlines and who chairs it.

Shared by schedules, agendas and calendars, so that every output computes a
papers deadline or a rotating chair the same way. Working-day deadlines step
over weekends and bank holidays; calendar-period deadlines ("within two weeks")
do not, and each deadline says which kind it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal
from collections.abc import Collection, Iterable

from ..model import Body, Chair, Deadline, Period
from ..rules.words import DEADLINE_DUE_LABELS, deadline_rule, long_date, post_label, vacant_chair_words
from .workdays import CLEAR_DAYS_WORDS, as_closures, clear_days_before, step_working_days, why_not_working

DeadlineKind = Literal["papers", "substitute-notice", "minutes"]


@dataclass(frozen=True)
class DueDate:
    """A deadline for one meeting."""

    kind: DeadlineKind
    date: dt.date | None  # None: the ToR gives no figure
    basis: Literal["working-days", "calendar", "clear-days", "hours", "unspecified"]
    bound: str  # at-least / within / exactly
    rule: str  # "at least 5 working days before"
    text: str | None = None  # the ToR's own words
    time: dt.time | None = None  # a time of day on the due date ("by noon")
    counted: str | None = None  # for clear days and hours: how they were counted, and any assumption
    not_working: str | None = None  # why the due date is not a working day ('Saturday', 'Christmas Day'), or None

    @property
    def warning(self) -> str | None:
        """`minutes due Saturday 13 July 2024 is not a working day (Saturday)`, or None on a working day."""
        if self.date is None or self.not_working is None:
            return None
        return f"{DEADLINE_DUE_LABELS[self.kind]} {long_date(self.date)} is not a working day ({self.not_working})"

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "kind": self.kind,
            "date": self.date.isoformat() if self.date else None,
            "basis": self.basis,
            "bound": self.bound,
            "rule": self.rule,
            "text": self.text,
        }
        if self.time is not None:
            data["time"] = self.time.strftime("%H:%M")
        if self.counted is not None:
            data["counted"] = self.counted
        if self.not_working is not None:
            data["not_working_day"] = self.not_working
        return data


def clear_days_policy(body: Body) -> tuple[str, str]:
    """(the body's clear-days policy, how it is counted in words, saying so where it is assumed)."""
    policy = body.procedure.clear_days
    if policy is None:
        return "excluding-weekends-and-bank-holidays", (
            "clear days: the day sent and the meeting day excluded; the ToR does not say whether weekends and bank "
            "holidays count, so they were not counted (the earlier date)"
        )
    return policy, f"clear days: the day sent and the meeting day excluded; {CLEAR_DAYS_WORDS[policy]} (the ToR's rule)"


def clear_days_sentence(policy: str) -> str:
    """The body's clear-days rule as the published document states it."""
    return f"Clear days exclude the day of sending and the day of the meeting; {CLEAR_DAYS_WORDS[policy]}."


@dataclass(frozen=True)
class _Meeting:
    """The meeting a deadline counts from: its body, its day and start (where given), and the closure days."""

    body: Body
    day: dt.date
    closures: Collection[dt.date]
    start: dt.time | None


def _offset(meeting: _Meeting, period: Period, direction: int) -> tuple[dt.date, str]:
    """The day `period` before (direction -1) or after (+1) the meeting, and how it was counted."""
    day, jurisdiction, closures = meeting.day, meeting.body.jurisdiction, meeting.closures
    if period.clear_days is not None:
        if direction < 0:
            policy = clear_days_policy(meeting.body)[0]
            return clear_days_before(day, period.clear_days, policy, jurisdiction, closures), "clear-days"
        return day + dt.timedelta(days=period.clear_days + 1), "clear-days"
    if period.hours is not None or period.minutes is not None:
        return _moment(meeting, period, direction).date(), "hours"
    if period.working_days is not None:
        return step_working_days(day, direction * period.working_days, jurisdiction, closures), "working-days"
    if period.days is not None:
        return day + dt.timedelta(days=direction * period.days), "calendar"
    if period.weeks is not None:
        return day + dt.timedelta(weeks=direction * period.weeks), "calendar"
    if period.months is not None:
        from ..model import PartialDate

        shifted = PartialDate(day.year, day.month, day.day).add_months(direction * period.months)
        return shifted.first_day, "calendar"
    raise ValueError("a period with no unit")  # pragma: no cover - Period always has one unit here


def _moment(meeting: _Meeting, period: Period, direction: int) -> dt.datetime:
    """The moment hours and minutes before or after the meeting's start (the start of its day, where not given)."""
    minutes = (period.hours or 0) * 60 + (period.minutes or 0)
    return dt.datetime.combine(meeting.day, meeting.start or dt.time()) + dt.timedelta(minutes=direction * minutes)


def _due(
    kind: DeadlineKind,
    deadline: Deadline | None,
    period: Period | None,
    meeting: _Meeting,
    direction: int,
    *,
    bound: str,
    text: str | None,
) -> DueDate:
    time = deadline.time if deadline is not None else None
    rule = deadline_rule(period, _when(direction), bound, time)
    if period is None or period.unit is None:
        return DueDate(kind, None, "unspecified", bound, rule, text, time)
    date, basis = _offset(meeting, period, direction)
    counted = None
    if basis == "clear-days":
        counted = clear_days_policy(meeting.body)[1]
    elif basis == "hours":
        counted = (
            f"hours from the meeting's start at {meeting.start:%H:%M}"
            if meeting.start
            else "hours from the start of the meeting day (the meeting's start time was not given)"
        )
        if time is None:
            time = _moment(meeting, period, direction).time()
    closed = why_not_working(date, meeting.body.jurisdiction, meeting.closures)
    return DueDate(kind, date, basis, bound, rule, text, time, counted, closed)  # type: ignore[arg-type]


def _when(direction: int) -> str:
    return "before" if direction < 0 else "after"


def deadline_rules(body: Body) -> dict[DeadlineKind, str]:
    """Each deadline the ToR sets, as its rule in words, without working out a date (so no holiday calendar)."""
    admin = body.administration
    rules: dict[DeadlineKind, str] = {}
    if admin.papers is not None:
        rules["papers"] = deadline_rule(admin.papers.period, "before", admin.papers.bound, admin.papers.time)
    if body.substitution.notice is not None:
        rules["substitute-notice"] = deadline_rule(body.substitution.notice, "before", "at-least")
    if admin.minutes is not None:
        rules["minutes"] = deadline_rule(admin.minutes.period, "after", admin.minutes.bound, admin.minutes.time)
    return rules


def deadlines(
    body: Body, meeting: dt.date, closures: Iterable[dt.date] = (), start: dt.time | None = None
) -> list[DueDate]:
    """Papers, substitute notice and minutes deadlines for a meeting on `meeting` (starting at `start`).

    Only the deadlines the ToR sets; each says how it was counted.
    """
    held = _Meeting(body, meeting, as_closures(closures), start)
    admin = body.administration
    out: list[DueDate] = []
    if admin.papers is not None:
        papers = admin.papers
        out.append(_due("papers", papers, papers.period, held, -1, bound=papers.bound, text=papers.text))
    notice = body.substitution.notice
    if notice is not None:
        text = body.substitution.text
        out.append(_due("substitute-notice", None, notice, held, -1, bound="at-least", text=text))
    if admin.minutes is not None:
        minutes = admin.minutes
        out.append(_due("minutes", minutes, minutes.period, held, +1, bound=minutes.bound, text=minutes.text))
    return out


@dataclass(frozen=True)
class ChairOnDate:
    """Who chairs a meeting on a date: a post id where known, and the answer in words."""

    post: str | None
    text: str


def chair_on(body: Body, day: dt.date, chair: Chair | None = None) -> ChairOnDate:
    """The chair for a meeting on `day`, following a rotation where the data records enough of it."""
    chair = body.chair if chair is None else chair
    if chair.mode in ("post", "independent") and chair.post:
        return ChairOnDate(chair.post, post_label(body, chair.post))
    if chair.mode == "vacant":
        return ChairOnDate(None, vacant_chair_words(chair))
    if chair.mode == "not-stated" or chair.rotation is None:
        return ChairOnDate(None, "not stated in the ToR")
    rotation = chair.rotation
    if rotation.current is None or rotation.since is None:
        return ChairOnDate(None, "unknown: rotation order not recorded")
    turns = _turns_since(rotation.period, rotation.since.first_day, day)
    if turns is None:
        return ChairOnDate(None, "unknown: a rotation in hours or minutes")
    if turns < 0:
        return ChairOnDate(None, f"unknown: before the recorded turn starting {rotation.since.human()}")
    if turns > 0 and not rotation.order:
        return ChairOnDate(None, "unknown: rotation order not recorded")
    sequence = rotation.order or [rotation.current]
    if rotation.current not in sequence:
        return ChairOnDate(None, "unknown: current chair is not in the recorded order")
    post = sequence[(sequence.index(rotation.current) + turns) % len(sequence)]
    return ChairOnDate(post, post_label(body, post))


def _turns_since(period: Period, start: dt.date, day: dt.date) -> int | None:
    """Whole turns of `period` from `start` to `day` (negative before it); None for turns in hours or minutes."""
    turn_months = period.months or (12 if period.unit is None else None)
    if turn_months is not None:
        months = (day.year - start.year) * 12 + (day.month - start.month) - (1 if day.day < start.day else 0)
        return months // turn_months
    per = {"weeks": 7, "days": 1, "working_days": 1, "clear_days": 1}.get(period.unit or "days")
    if per is None:
        return None
    return (day - start).days // (per * (period.amount or 1))
