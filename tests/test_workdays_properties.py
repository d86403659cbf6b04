"""Property tests: a deadline N working days before a meeting is a working day, strictly before it, N working days away."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from torctl.calendar.workdays import is_working_day, next_working_day, step_working_days

days = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31))
counts = st.integers(min_value=1, max_value=40)
jurisdictions = st.sampled_from(["england-and-wales", "scotland", "northern-ireland"])
closure_sets = st.frozensets(st.dates(min_value=dt.date(2019, 10, 1), max_value=dt.date(2036, 3, 31)), max_size=20)


def working_days_between(first: dt.date, last: dt.date, jurisdiction: str, closures) -> int:
    """Working days in [first, last)."""
    total, day = 0, first
    while day < last:
        total += is_working_day(day, jurisdiction, closures)
        day += dt.timedelta(days=1)
    return total


@settings(max_examples=100, deadline=None)
@given(days, counts, jurisdictions, closure_sets)
def test_deadline_before_is_a_working_day_exactly_n_working_days_ahead(meeting, n, jurisdiction, closures):
    due = step_working_days(meeting, -n, jurisdiction, closures)
    assert due < meeting
    assert is_working_day(due, jurisdiction, closures)
    assert working_days_between(due, meeting, jurisdiction, closures) == n  # due itself counts, the meeting does not


@settings(max_examples=100, deadline=None)
@given(days, counts, jurisdictions, closure_sets)
def test_deadline_after_is_a_working_day_exactly_n_working_days_on(meeting, n, jurisdiction, closures):
    due = step_working_days(meeting, n, jurisdiction, closures)
    assert due > meeting
    assert is_working_day(due, jurisdiction, closures)
    after = meeting + dt.timedelta(days=1)
    assert working_days_between(after, due + dt.timedelta(days=1), jurisdiction, closures) == n


@settings(max_examples=100, deadline=None)
@given(days, counts, jurisdictions)
def test_forward_then_back_lands_on_a_working_day_at_or_before_the_start(start, n, jurisdiction):
    there_and_back = step_working_days(step_working_days(start, n, jurisdiction), -n, jurisdiction)
    assert there_and_back <= start
    assert there_and_back == next_working_day(start, jurisdiction, backwards=True)


@settings(max_examples=100, deadline=None)
@given(days, counts, jurisdictions)
def test_back_then_forward_lands_on_a_working_day_at_or_after_the_start(start, n, jurisdiction):
    back_and_there = step_working_days(step_working_days(start, -n, jurisdiction), n, jurisdiction)
    assert back_and_there >= start
    assert back_and_there == next_working_day(start, jurisdiction)
