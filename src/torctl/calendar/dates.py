"""Dates as a governance officer types them: 2027-01-05, the UK's day-first 12/01/2027, today, tomorrow.

A date that is written in a known form but does not exist (2026-02-30) is told
apart from one written in no known form, and every form but the ISO one comes
back with the date it was read as, so that 01/12/2027 is never silently taken
for 12 January. Examples in messages are relative to today, so they never age.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DateInputError", "ReadDate", "date_examples", "read_date"]

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")
_SHORT_YEAR = re.compile(r"\d{1,2}[/.]\d{1,2}[/.]\d{2}")
_RELATIVE = {"today": 0, "tomorrow": 1, "yesterday": -1}


class DateInputError(ValueError):
    """A date that cannot be read; `message` says whether the form or the day is wrong."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ReadDate:
    """The date understood, and how: `iso` for YYYY-MM-DD (unambiguous), else the form that was read."""

    date: dt.date
    form: str  # "iso", "day-first" or "relative"

    @property
    def needs_saying(self) -> bool:
        """Whether to tell the user which date was understood (every form but ISO)."""
        return self.form != "iso"


def date_examples(today: dt.date | None = None) -> str:
    """The accepted forms, shown with today's date: 'YYYY-MM-DD (e.g. 2027-01-05), DD/MM/YYYY (05/01/2027), today or
    tomorrow'."""
    day = today or dt.date.today()
    return f"YYYY-MM-DD (e.g. {day.isoformat()}), DD/MM/YYYY ({day:%d/%m/%Y}), today or tomorrow"


def _build(year: int, month: int, day: int, text: str) -> dt.date:
    if not 1 <= month <= 12:
        raise DateInputError(f"'{text}' has no month {month}: months run from 1 to 12")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        month_name = dt.date(year, month, 1).strftime("%B")
        raise DateInputError(f"there is no {day} {month_name} {year} ('{text}'): {month_name} {year} has {last} days")
    return dt.date(year, month, day)


def read_date(text: str, *, today: dt.date | None = None) -> ReadDate:
    """The date `text` names, or a DateInputError that says what is wrong with it."""
    value = text.strip()
    key = value.lower()
    if key in _RELATIVE:
        return ReadDate((today or dt.date.today()) + dt.timedelta(days=_RELATIVE[key]), "relative")
    if match := _ISO.fullmatch(value):
        year, month, day = (int(g) for g in match.groups())
        return ReadDate(_build(year, month, day, value), "iso")
    if match := _DAY_FIRST.fullmatch(value):
        day, month, year = (int(g) for g in match.groups())
        return ReadDate(_build(year, month, day, value), "day-first")
    if _SHORT_YEAR.fullmatch(value):
        raise DateInputError(f"'{value}' has a two-digit year; write the year in full: {date_examples(today)}")
    raise DateInputError(f"cannot read '{value}' as a date; write {date_examples(today)}")
