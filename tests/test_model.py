"""Model building blocks: month-precision dates, periods, next review due."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from torctl.model import PartialDate, Period, Review

months = st.builds(PartialDate, st.integers(1900, 2200), st.integers(1, 12))
days = st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)).map(lambda d: PartialDate(d.year, d.month, d.day))


@given(st.one_of(months, days))
def test_partial_date_round_trips_through_text(value):
    assert PartialDate.parse(str(value)) == value


@given(months, st.integers(-500, 500), st.integers(-500, 500))
def test_adding_months_composes(value, a, b):
    assert value.add_months(a).add_months(b) == value.add_months(a + b)
    assert value.add_months(a).is_month


@given(days, st.integers(0, 240))
def test_adding_months_keeps_day_precision_and_clamps(value, n):
    shifted = value.add_months(n)
    assert shifted.day is not None and shifted.day <= value.day
    assert shifted.first_day <= shifted.last_day


@given(st.one_of(months, days))
def test_a_value_spans_first_to_last_day(value):
    assert value.first_day <= value.last_day
    assert (value.first_day == value.last_day) == (value.day is not None)


def test_month_precision_human_form():
    assert PartialDate.parse("2023-09").human() == "September 2023"
    assert PartialDate.parse(dt.date(2027, 1, 5)).human() == "5 January 2027"
    assert PartialDate(2024, 2).last_day == dt.date(2024, 2, 29)


@pytest.mark.parametrize("bad", ["2023", "Sept 2023", "2023-13", "2023-02-30", 2023, dt.datetime(2023, 1, 1)])
def test_partial_date_rejects(bad):
    from pydantic import TypeAdapter

    with pytest.raises(ValidationError):
        TypeAdapter(PartialDate).validate_python(bad)


def test_period_takes_one_unit():
    assert Period(working_days=5).human() == "5 working days"
    assert Period(weeks=1).human() == "1 week"
    with pytest.raises(ValidationError, match="give one unit, not days and weeks"):
        Period(days=3, weeks=1)


def test_next_review_due():
    assert Review(cadence=Period(months=12), last_reviewed="2023-09").next_review_due() == PartialDate(2024, 9)
    assert Review(cadence=Period(months=6), last_reviewed="2024-08-31").next_review_due() == PartialDate(2025, 2, 28)
    assert Review(next_due="2024-03").next_review_due() == PartialDate(2024, 3)
    latest = Review(cadence=Period(months=12), last_reviewed="2023-09", history=[{"date": "2024-10-01"}])
    assert latest.next_review_due() == PartialDate(2025, 10, 1)
    with pytest.raises(ValidationError, match="unknown_reason"):
        Review()
