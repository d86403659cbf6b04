"""Working-day arithmetic around every English bank holiday of 2026 and 2027, year ends, and other jurisdictions."""

from __future__ import annotations

import datetime as dt

import pytest

from torctl.calendar.workdays import (
    bank_holiday,
    is_working_day,
    next_working_day,
    step_working_days,
    why_not_working,
)

D = dt.date

# The oracle: gov.uk's England and Wales bank holidays, written out here to check the library against.
ENGLAND_2026_2027 = {
    D(2026, 1, 1): "New Year's Day",
    D(2026, 4, 3): "Good Friday",
    D(2026, 4, 6): "Easter Monday",
    D(2026, 5, 4): "May Day",
    D(2026, 5, 25): "Spring Bank Holiday",
    D(2026, 8, 31): "Late Summer Bank Holiday",
    D(2026, 12, 25): "Christmas Day",
    D(2026, 12, 28): "Boxing Day (observed)",  # 26 December is a Saturday
    D(2027, 1, 1): "New Year's Day",
    D(2027, 3, 26): "Good Friday",
    D(2027, 3, 29): "Easter Monday",
    D(2027, 5, 3): "May Day",
    D(2027, 5, 31): "Spring Bank Holiday",
    D(2027, 8, 30): "Late Summer Bank Holiday",
    D(2027, 12, 27): "Christmas Day (observed)",  # 25 December is a Saturday
    D(2027, 12, 28): "Boxing Day (observed)",  # 26 December is a Sunday
}


def test_worked_example_from_the_issue():
    # Tuesday 5 January 2027, papers five working days ahead: 4 Jan, 31, 30, 29 Dec, then 24 Dec
    # (1 January and the Boxing Day substitute on 28 December are skipped, with the weekend and Christmas Day).
    assert step_working_days(D(2027, 1, 5), -5) == D(2026, 12, 24)


@pytest.mark.parametrize("holiday", sorted(ENGLAND_2026_2027))
def test_every_english_bank_holiday_is_not_a_working_day(holiday):
    assert bank_holiday(holiday) == ENGLAND_2026_2027[holiday]
    assert not is_working_day(holiday)
    assert why_not_working(holiday) == ENGLAND_2026_2027[holiday]


@pytest.mark.parametrize("holiday", sorted(ENGLAND_2026_2027))
def test_stepping_over_each_bank_holiday(holiday):
    before = holiday - dt.timedelta(days=1)
    while not is_working_day(before):
        before -= dt.timedelta(days=1)
    after = holiday + dt.timedelta(days=1)
    while not is_working_day(after):
        after += dt.timedelta(days=1)
    # One working day back from the first working day after the holiday lands before it, and forward again.
    assert step_working_days(after, -1) == before
    assert step_working_days(before, 1) == after


def test_the_library_has_exactly_the_oracles_weekday_holidays():
    from torctl.calendar.workdays import _bank_holidays

    found = {d: n for y in (2026, 2027) for d, n in _bank_holidays("england-and-wales", y).items() if d.weekday() < 5}
    assert found == ENGLAND_2026_2027


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (D(2026, 4, 2), 1, D(2026, 4, 7)),  # Maundy Thursday -> over Easter to Tuesday
        (D(2026, 4, 7), -1, D(2026, 4, 2)),
        (D(2026, 12, 24), 1, D(2026, 12, 29)),  # Christmas Eve -> over Christmas and the substitute Boxing Day
        (D(2026, 12, 31), 1, D(2027, 1, 4)),  # across the year end, over New Year's Day
        (D(2027, 1, 4), -2, D(2026, 12, 30)),
        (D(2027, 12, 24), 1, D(2027, 12, 29)),  # both Christmas substitutes in 2027
        (D(2028, 1, 4), -1, D(2027, 12, 31)),  # 1 January 2028 is a Saturday: observed Monday 3 January
        (D(2027, 3, 30), -1, D(2027, 3, 25)),
        (D(2026, 8, 28), 1, D(2026, 9, 1)),
        (D(2026, 6, 10), 0, D(2026, 6, 10)),
    ],
)
def test_steps_across_holidays_and_year_ends(start, count, expected):
    assert step_working_days(start, count) == expected


def test_scotland_and_northern_ireland():
    assert bank_holiday(D(2027, 1, 4), "scotland") == "New Year Holiday (observed)"  # 2 January 2027 is a Saturday
    assert bank_holiday(D(2026, 11, 30), "scotland") == "Saint Andrew's Day"
    assert bank_holiday(D(2026, 11, 30)) is None  # not in England
    assert bank_holiday(D(2027, 3, 29), "scotland") is None  # no Easter Monday in Scotland
    assert bank_holiday(D(2027, 3, 17), "northern-ireland") == "Saint Patrick's Day"
    assert bank_holiday(D(2027, 7, 12), "northern-ireland") == "Battle of the Boyne"
    assert step_working_days(D(2027, 1, 5), -1, "scotland") == D(2026, 12, 31)  # over 1 and 4 January
    assert step_working_days(D(2027, 1, 5), -1) == D(2027, 1, 4)  # England works on 4 January
    assert step_working_days(D(2027, 7, 13), -1, "northern-ireland") == D(2027, 7, 9)


def test_unknown_jurisdiction():
    with pytest.raises(ValueError, match="unknown jurisdiction 'wales'"):
        is_working_day(D(2027, 1, 4), "wales")


def test_local_closures_by_set_and_by_name():
    shutdown = {
        D(2026, 12, 29): "Christmas shutdown",
        D(2026, 12, 30): "Christmas shutdown",
        D(2026, 12, 31): "Christmas shutdown",
    }
    assert step_working_days(D(2027, 1, 5), -2, closures=shutdown) == D(2026, 12, 24)
    assert step_working_days(D(2027, 1, 5), -2, closures=set(shutdown)) == D(2026, 12, 24)
    assert step_working_days(D(2027, 1, 5), -2, closures=list(shutdown)) == D(2026, 12, 24)
    assert why_not_working(D(2026, 12, 30), closures=shutdown) == "Christmas shutdown (local closure)"
    assert why_not_working(D(2026, 12, 30), closures=list(shutdown)) == "local closure"
    assert why_not_working(D(2026, 12, 26)) == "Saturday"  # a weekend is named as such, holiday or not


def test_next_working_day_both_ways():
    assert next_working_day(D(2026, 12, 25)) == D(2026, 12, 29)
    assert next_working_day(D(2026, 12, 28), backwards=True) == D(2026, 12, 24)
    assert next_working_day(D(2026, 12, 24)) == D(2026, 12, 24)
