"""When each ToR is due for review, and how urgent that is on a given date.

Review dates are often a month ("reviewed in March 2024"). Such a date is
compared as the month it stands for: a review due in March 2024 is due until
31 March and overdue from 1 April, never from 1 March. A status is one of
`overdue`, `due-soon` (due within the warning window), `ok`, or `unknown` with
the reason.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import Literal
from collections.abc import Iterable

from ..model import Body, PartialDate, Review
from ..rules.words import plain_date, review_cadence_in_a_listing

Status = Literal["overdue", "due-soon", "unknown", "ok"]
STATUSES: tuple[Status, ...] = ("overdue", "due-soon", "unknown", "ok")  # most urgent first
DEFAULT_WITHIN = 60


@dataclass(frozen=True)
class ReviewStatus:
    """One body's review position on a date."""

    body_id: str
    name: str
    status: Status
    last_reviewed: PartialDate | None
    cadence: str  # "every 12 months (at least)", "not stated"
    next_due: PartialDate | None
    due_by: dt.date | None  # the last day the review is in time: the date, or the month's last day
    days_left: int | None  # negative when overdue
    detail: str  # the status in words, or why it is unknown

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.body_id,
            "name": self.name,
            "status": self.status,
            "last_reviewed": str(self.last_reviewed) if self.last_reviewed else None,
            "cadence": self.cadence,
            "next_due": str(self.next_due) if self.next_due else None,
            "due_by": self.due_by.isoformat() if self.due_by else None,
            "days_left": self.days_left,
            "detail": self.detail,
        }


def _days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


def _next_due(review: Review) -> tuple[PartialDate | None, str | None]:
    """The next due date, or None and the reason it cannot be known."""
    latest = review.latest_review()
    if review.next_due is not None and latest is not None and latest.first_day >= review.next_due.first_day:
        # The stated due date has been met by a later review: the next one follows from the cadence.
        if review.cadence is None or review.cadence.unit is None:
            return None, f"reviewed {latest.human()}, after the stated due date; no review cadence to give the next"
        computed = Review(cadence=review.cadence, last_reviewed=latest).next_review_due()
        return computed, None
    due = review.next_review_due()
    if due is not None:
        return due, None
    has_cadence = review.cadence is not None and review.cadence.unit is not None
    if review.unknown_reason:
        return None, review.unknown_reason
    if has_cadence and latest is None:
        return None, "cadence known but no last review date"
    if latest is not None and not has_cadence:
        return None, "last review date known but no review cadence"
    return None, "no review date or cadence in the ToR"


def review_status(body: Body, as_of: dt.date, within: int = DEFAULT_WITHIN) -> ReviewStatus:
    """The body's review status on `as_of`; `due-soon` means due within `within` days."""
    review = body.review
    latest = review.latest_review()
    cadence = review_cadence_in_a_listing(review)
    due, reason = _next_due(review)
    if due is None:
        return ReviewStatus(body.id, body.name, "unknown", latest, cadence, None, None, None, reason or "unknown")
    due_by = due.last_day
    days_left = (due_by - as_of).days
    if days_left < 0:
        since = due_by + dt.timedelta(days=1)
        status: Status = "overdue"
        detail = f"overdue since {plain_date(since)} ({_days(-days_left)})"
    elif days_left <= within:
        status = "due-soon"
        this_month = due.is_month and due.first_day <= as_of
        detail = f"{'due this month: ' if this_month else ''}{_days(days_left)} left (due by {plain_date(due_by)})"
    else:
        status = "ok"
        detail = f"{_days(days_left)} left (due by {plain_date(due_by)})"
    return ReviewStatus(body.id, body.name, status, latest, cadence, due, due_by, days_left, detail)


def review_report(bodies: Iterable[Body], as_of: dt.date, within: int = DEFAULT_WITHIN) -> list[ReviewStatus]:
    """Every body that is not dissolved, most urgent first: overdue longest, then soonest due, then unknown, then ok."""
    rows = [review_status(b, as_of, within) for b in bodies if b.status != "dissolved"]
    return sorted(rows, key=_urgency)


def _urgency(row: ReviewStatus) -> tuple[int, int, str]:
    rank = STATUSES.index(row.status)
    return rank, row.days_left if row.days_left is not None else 0, row.body_id


def fails(rows: Iterable[ReviewStatus], fail_on: str | None) -> bool:
    """Whether the report should make the command fail: `overdue`, or `due-soon` (which includes overdue)."""
    if fail_on is None:
        return False
    bad = {"overdue"} if fail_on == "overdue" else {"overdue", "due-soon"}
    return any(r.status in bad for r in rows)


COLUMNS = ("id", "status", "last_reviewed", "cadence", "next_due", "detail")


def _cells(row: ReviewStatus) -> list[str]:
    return [
        row.body_id,
        row.status,
        row.last_reviewed.human() if row.last_reviewed else "-",
        row.cadence,
        row.next_due.human() if row.next_due else "-",
        row.detail,
    ]


def table_rows(rows: Iterable[ReviewStatus]) -> list[list[str]]:
    return [_cells(r) for r in rows]


# A cell a spreadsheet would run as a formula (`=HYPERLINK(...)`, `+`, `-`, `@`, or a
# tab or carriage return before one); OWASP's advice is to prefix it with a quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A value for a CSV cell that a spreadsheet shows as text, never evaluates (numbers pass unchanged)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(rows: Iterable[ReviewStatus]) -> str:
    out = io.StringIO()
    fields = ["id", "name", "status", "last_reviewed", "cadence", "next_due", "due_by", "days_left", "detail"]
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: csv_cell(value) for key, value in row.to_dict().items()})
    return out.getvalue()


def to_markdown(rows: Iterable[ReviewStatus], as_of: dt.date, within: int) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = [
        f"ToR reviews as of {plain_date(as_of)} (due soon: within {_days(within)})",
        "",
        "| body | status | last reviewed | cadence | next due | detail |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append("| " + " | ".join(cell(c) for c in _cells(row)) + " |")
    return "\n".join(lines) + "\n"
