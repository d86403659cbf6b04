"""Checks that a body's dates agree with each other."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ...findings import Code, Finding, finding
from .registry import check
from .context import BodyContext


@check(Code.D001)
def review_dates(ctx: BodyContext) -> Iterator[Finding]:
    """The next review is not before the last, and the review history is in date order."""
    review = ctx.body.review
    if review.last_reviewed and review.next_due and review.next_due.last_day < review.last_reviewed.first_day:
        message = f"next review ({review.next_due.human()}) is before the last review ({review.last_reviewed.human()})"
        yield finding(Code.D001, message, loc=("review", "next_due"))
    for i, record in enumerate(review.history):
        if i and record.date.first_day < review.history[i - 1].date.first_day:
            yield finding(Code.D001, "review history must be in date order", loc=("review", "history", i, "date"))


@check(Code.D002)
def reviews_in_the_future(ctx: BodyContext) -> Iterator[Finding]:
    """A review recorded after today has not happened: it would make an overdue ToR look reviewed."""
    review, today = ctx.body.review, dt.date.today()
    if review.last_reviewed and review.last_reviewed.first_day > today:
        message = f"last_reviewed {review.last_reviewed.human()} is after today ({today.isoformat()})"
        yield finding(Code.D002, message, loc=("review", "last_reviewed"))
    for i, record in enumerate(review.history):
        if record.date.first_day > today:
            message = f"a review recorded on {record.date.human()} is after today ({today.isoformat()})"
            yield finding(Code.D002, message, loc=("review", "history", i, "date"))
