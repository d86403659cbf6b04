"""Facts about one meeting on a given date: its deadlines and who chairs it.

Shared by schedules, agendas and calendars, so that every output computes a
papers deadline or a rotating chair the same way. Working-day deadlines step
over weekends and bank holidays; calendar-period deadlines ("within two weeks")
do not, and each deadline says which kind it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Literal

from ..model import Body, Chair, Deadline, Period
from .workdays import as_closures, step_working_days

DeadlineKind = Literal["papers", "substitute-notice", "minutes"]


@dataclass(frozen=True)
class DueDate:
    """A deadline for one meeting."""

    kind: DeadlineKind
    date: dt.date | None  # None: the ToR gives no figure
    basis: Literal["working-days", "calendar", "unspecified"]
    bound: str  # at-least / within / exactly
    rule: str  # "at least 5 working days before"
    text: str | None = None  # the ToR's own words

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "date": self.date.isoformat() if self.date else None,
            "basis": self.basis,
            "bound": self.bound,
            "rule": self.rule,
            "text": self.text,
        }


def _offset(meeting: dt.date, period: Period, direction: int, jurisdiction: str, closures: Iterable[dt.date]) -> tuple[dt.date, str]:
    if period.working_days is not None:
        return step_working_days(meeting, direction * period.working_days, jurisdiction, closures), "working-days"
    if period.days is not None:
        return meeting + dt.timedelta(days=direction * period.days), "calendar"
    if period.weeks is not None:
        return meeting + dt.timedelta(weeks=direction * period.weeks), "calendar"
    if period.months is not None:
        from ..model import PartialDate

        shifted = PartialDate(meeting.year, meeting.month, meeting.day).add_months(direction * period.months)
        return shifted.first_day, "calendar"
    raise ValueError("a period with no unit")  # pragma: no cover - Period always has one unit here


def _due(kind: DeadlineKind, deadline: Deadline | None, period: Period | None, meeting: dt.date, direction: int,
         jurisdiction: str, closures: Iterable[dt.date], bound: str, text: str | None) -> DueDate | None:
    if deadline is None and period is None:
        return None
    when = "before" if direction < 0 else "after"
    if period is None or period.unit is None:
        return DueDate(kind, None, "unspecified", bound, f"{when} the meeting (no figure given)", text)
    date, basis = _offset(meeting, period, direction, jurisdiction, closures)
    words = {"at-least": "at least ", "within": "within ", "exactly": ""}[bound]
    return DueDate(kind, date, basis, bound, f"{words}{period.human()} {when} the meeting", text)  # type: ignore[arg-type]


def deadlines(body: Body, meeting: dt.date, closures: Iterable[dt.date] = ()) -> list[DueDate]:
    """Papers, substitute notice and minutes deadlines for a meeting on `meeting`, where the ToR sets them."""
    closures = as_closures(closures)
    admin = body.administration
    out: list[DueDate] = []
    if admin.papers is not None:
        item = _due("papers", admin.papers, admin.papers.period, meeting, -1, body.jurisdiction, closures,
                    admin.papers.bound, admin.papers.text)
        if item:
            out.append(item)
    notice = body.substitution.notice
    if notice is not None:
        item = _due("substitute-notice", None, notice, meeting, -1, body.jurisdiction, closures, "at-least", body.substitution.text)
        if item:
            out.append(item)
    if admin.minutes is not None:
        item = _due("minutes", admin.minutes, admin.minutes.period, meeting, +1, body.jurisdiction, closures,
                    admin.minutes.bound, admin.minutes.text)
        if item:
            out.append(item)
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
        member = body.member(chair.post)
        return ChairOnDate(chair.post, member.label() if member else chair.post)
    if chair.mode == "vacant":
        return ChairOnDate(None, "vacant" + (f" ({chair.text})" if chair.text else ""))
    if chair.mode == "not-stated" or chair.rotation is None:
        return ChairOnDate(None, "not stated in the ToR")
    rotation = chair.rotation
    if rotation.current is None or rotation.since is None:
        return ChairOnDate(None, "unknown: rotation order not recorded")
    order = rotation.order or None
    turn_months = rotation.period.months or (12 if rotation.period.unit is None else None)
    if turn_months is None:
        # Turns in weeks or days: count whole turns elapsed.
        days = {"weeks": 7, "days": 1, "working_days": 1}[rotation.period.unit or "days"] * (rotation.period.amount or 1)
        turns = (day - rotation.since.first_day).days // days
    else:
        start = rotation.since.first_day
        months = (day.year - start.year) * 12 + (day.month - start.month) - (1 if day.day < start.day else 0)
        turns = months // turn_months
    if turns < 0:
        return ChairOnDate(None, f"unknown: before the recorded turn starting {rotation.since.human()}")
    if turns > 0 and order is None:
        return ChairOnDate(None, "unknown: rotation order not recorded")
    sequence = order or [rotation.current]
    index = (sequence.index(rotation.current) + turns) % len(sequence) if rotation.current in sequence else None
    if index is None:
        return ChairOnDate(None, "unknown: current chair is not in the recorded order")
    post = sequence[index]
    member = body.member(post)
    return ChairOnDate(post, member.label() if member else post)
