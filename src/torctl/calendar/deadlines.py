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
from collections.abc import Iterable

from ..model import Body, Chair, Deadline, Period
from ..rules.words import deadline_rule, post_label, vacant_chair_words
from .workdays import CLEAR_DAYS_WORDS, as_closures, clear_days_before, step_working_days

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


def _offset(
    meeting: dt.date,
    period: Period,
    direction: int,
    jurisdiction: str,
    closures: Iterable[dt.date],
    body: Body | None = None,
    start: dt.time | None = None,
) -> tuple[dt.date, str]:
    if period.clear_days is not None:
        policy = clear_days_policy(body)[0] if body is not None else "excluding-weekends-and-bank-holidays"
        if direction < 0:
            return clear_days_before(meeting, period.clear_days, policy, jurisdiction, closures), "clear-days"
        return meeting + dt.timedelta(days=period.clear_days + 1), "clear-days"
    if period.hours is not None or period.minutes is not None:
        minutes = (period.hours or 0) * 60 + (period.minutes or 0)
        moment = dt.datetime.combine(meeting, start or dt.time()) + dt.timedelta(minutes=direction * minutes)
        return moment.date(), "hours"
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


def _due(
    kind: DeadlineKind,
    deadline: Deadline | None,
    period: Period | None,
    meeting: dt.date,
    direction: int,
    jurisdiction: str,
    closures: Iterable[dt.date],
    bound: str,
    text: str | None,
    body: Body | None = None,
    start: dt.time | None = None,
) -> DueDate | None:
    if deadline is None and period is None:
        return None
    time = deadline.time if deadline is not None else None
    rule = deadline_rule(period, _when(direction), bound, time)
    if period is None or period.unit is None:
        return DueDate(kind, None, "unspecified", bound, rule, text, time)
    date, basis = _offset(meeting, period, direction, jurisdiction, closures, body, start)
    counted = None
    if basis == "clear-days" and body is not None:
        counted = clear_days_policy(body)[1]
    elif basis == "hours":
        counted = (
            f"hours from the meeting's start at {start:%H:%M}"
            if start
            else "hours from the start of the meeting day (the meeting's start time was not given)"
        )
        if time is None:
            moment = dt.datetime.combine(meeting, start or dt.time()) + dt.timedelta(
                minutes=direction * ((period.hours or 0) * 60 + (period.minutes or 0))
            )
            time = moment.time()
    return DueDate(kind, date, basis, bound, rule, text, time, counted)  # type: ignore[arg-type]


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
    """Papers, substitute notice and minutes deadlines for a meeting on `meeting` (starting at `start`), where the ToR
    sets them."""
    closures = as_closures(closures)
    admin = body.administration
    out: list[DueDate] = []
    if admin.papers is not None:
        item = _due(
            "papers",
            admin.papers,
            admin.papers.period,
            meeting,
            -1,
            body.jurisdiction,
            closures,
            admin.papers.bound,
            admin.papers.text,
            body,
            start,
        )
        if item:
            out.append(item)
    notice = body.substitution.notice
    if notice is not None:
        item = _due(
            "substitute-notice",
            None,
            notice,
            meeting,
            -1,
            body.jurisdiction,
            closures,
            "at-least",
            body.substitution.text,
            body,
            start,
        )
        if item:
            out.append(item)
    if admin.minutes is not None:
        item = _due(
            "minutes",
            admin.minutes,
            admin.minutes.period,
            meeting,
            +1,
            body.jurisdiction,
            closures,
            admin.minutes.bound,
            admin.minutes.text,
            body,
            start,
        )
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
