"""Working days: Monday to Friday, less the bank holidays of the body's jurisdiction.

Bank holidays come from the `holidays` library (maintained, with substitute days
such as Boxing Day observed on a Monday), never from a hand-written table. Local
closure days (a council's Christmas shutdown) are passed in as data.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from functools import cache
from pathlib import Path
from collections.abc import Collection, Iterable, Mapping

SUBDIVISIONS = {
    # England and Wales share their bank holidays but for St David's Day, not a bank holiday
    "england-and-wales": "ENG",
    "scotland": "SCT",
    "northern-ireland": "NIR",
}


@cache
def _united_kingdom() -> type:
    """The `holidays` library's UnitedKingdom calendar, without the module of every other country.

    `holidays.countries` imports all of its 250-odd country modules when any one of
    them is imported (about 0.2 s on every command that counts working days). The
    UK module needs only the library's base classes, so it is loaded on its own,
    from the installed package, under its usual name.
    """
    name = "holidays.countries.united_kingdom"
    module = sys.modules.get(name)
    if module is None:
        import holidays  # the base classes; its country registry loads lazily

        spec = importlib.util.spec_from_file_location(
            name, Path(holidays.__file__).parent / "countries" / "united_kingdom.py"
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    calendar: type = module.UnitedKingdom
    return calendar


@cache
def _bank_holidays(jurisdiction: str, year: int) -> dict[dt.date, str]:
    UnitedKingdom = _united_kingdom()
    try:
        subdiv = SUBDIVISIONS[jurisdiction]
    except KeyError:
        raise ValueError(f"unknown jurisdiction '{jurisdiction}'; expected one of {', '.join(SUBDIVISIONS)}") from None
    return dict(UnitedKingdom(subdiv=subdiv, years=year).items())


def bank_holiday(day: dt.date, jurisdiction: str = "england-and-wales") -> str | None:
    """The bank holiday's name on `day`, or None."""
    return _bank_holidays(jurisdiction, day.year).get(day)


def as_closures(closures: Iterable[dt.date]) -> Collection[dt.date]:
    """Closure days as a set (or a mapping of day to name), without copying one: these are called in loops."""
    return closures if isinstance(closures, (set, frozenset, Mapping)) else frozenset(closures)


def is_working_day(day: dt.date, jurisdiction: str = "england-and-wales", closures: Iterable[dt.date] = ()) -> bool:
    return day.weekday() < 5 and bank_holiday(day, jurisdiction) is None and day not in as_closures(closures)


def why_not_working(
    day: dt.date, jurisdiction: str = "england-and-wales", closures: Iterable[dt.date] = ()
) -> str | None:
    """'Saturday', 'Boxing Day (observed)', 'local closure', or None for a working day.

    `closures` may map each closure day to its name ('Christmas shutdown'), which is then given.
    """
    if day.weekday() >= 5:
        return day.strftime("%A")
    name = bank_holiday(day, jurisdiction)
    if name:
        return name
    closed = as_closures(closures)
    if day in closed:
        name = closed.get(day) if isinstance(closed, Mapping) else None
        return f"{name} (local closure)" if name else "local closure"
    return None


def step_working_days(
    day: dt.date, count: int, jurisdiction: str = "england-and-wales", closures: Iterable[dt.date] = ()
) -> dt.date:
    """The date `count` working days after (`count` > 0) or before (< 0) `day`, not counting `day` itself.

    A meeting on Tuesday 5 January 2027 with papers five working days ahead gives
    Thursday 24 December 2026: 1 January and the Boxing Day substitute (28 December) are skipped.
    """
    closed = as_closures(closures)
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    current = day
    while remaining:
        current += dt.timedelta(days=step)
        if is_working_day(current, jurisdiction, closed):
            remaining -= 1
    return current


def next_working_day(
    day: dt.date, jurisdiction: str = "england-and-wales", closures: Iterable[dt.date] = (), *, backwards: bool = False
) -> dt.date:
    """`day` itself if it is a working day, else the nearest working day after (or before) it."""
    closed = as_closures(closures)
    step = dt.timedelta(days=-1 if backwards else 1)
    while not is_working_day(day, jurisdiction, closed):
        day += step
    return day


ClearDaysPolicy = str  # "every-day" | "excluding-weekends" | "excluding-weekends-and-bank-holidays"

CLEAR_DAYS_WORDS = {
    "every-day": "every day counts, weekends and bank holidays included",
    "excluding-weekends": "weekends do not count; bank holidays do",
    "excluding-weekends-and-bank-holidays": "weekends and bank holidays do not count",
}


def clear_days_before(
    meeting: dt.date,
    count: int,
    policy: ClearDaysPolicy,
    jurisdiction: str = "england-and-wales",
    closures: Iterable[dt.date] = (),
) -> dt.date:
    """The last day a notice can be given so that `count` clear days lie between it and `meeting`.

    Clear days exclude the day of giving and the day of the meeting (R v Swansea CC ex p Elitestone):
    five clear days before Tuesday 12 January 2027, every day counting, is Wednesday 6 January; with
    weekends and bank holidays not counting, it is Monday 4 January.
    """
    if policy == "every-day":
        return meeting - dt.timedelta(days=count + 1)
    closed = as_closures(closures)
    day, remaining = meeting, count
    while remaining:
        day -= dt.timedelta(days=1)
        if day.weekday() < 5 and (policy == "excluding-weekends" or is_working_day(day, jurisdiction, closed)):
            remaining -= 1
    day -= dt.timedelta(days=1)
    # The notice goes out on a day that counts too, so a weekend or bank holiday moves it earlier.
    while day.weekday() >= 5 or (policy != "excluding-weekends" and not is_working_day(day, jurisdiction, closed)):
        day -= dt.timedelta(days=1)
    return day
