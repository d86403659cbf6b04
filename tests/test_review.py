"""Review status per body: month precision, boundaries, reasons for unknown, ordering, formats."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from torctl.calendar.review import fails, review_report, review_status, to_csv, to_markdown
from torctl.model import Body, Period, Review, ReviewRecord

D = dt.date


def reviewed(body: Body, **fields) -> Body:
    fields.setdefault("unknown_reason", None)
    return body.model_copy(update={"review": Review.model_validate(fields)})


@pytest.fixture
def body(tree) -> Body:
    return tree.bodies["solihull-sscp-executive"]  # review due March 2024 (a month)


@pytest.mark.parametrize(
    ("as_of", "status", "days_left"),
    [
        (D(2024, 1, 30), "ok", 61),
        (D(2024, 1, 31), "due-soon", 60),  # 2024 is a leap year: 60 days to 31 March
        (D(2024, 3, 1), "due-soon", 30),  # due March 2024: not overdue on 1 March
        (D(2024, 3, 31), "due-soon", 0),
        (D(2024, 4, 1), "overdue", -1),  # overdue from the first day of the next month
        (D(2026, 11, 23), "overdue", -967),
    ],
)
def test_month_precision_compares_as_months(body, as_of, status, days_left):
    row = review_status(body, as_of)
    assert (row.status, row.days_left, row.due_by) == (status, days_left, D(2024, 3, 31))


def test_words_for_each_status(body):
    assert review_status(body, D(2024, 4, 1)).detail == "overdue since 1 April 2024 (1 day)"
    assert review_status(body, D(2024, 3, 10)).detail == "due this month: 21 days left (due by 31 March 2024)"
    assert review_status(body, D(2024, 2, 10)).detail == "50 days left (due by 31 March 2024)"
    assert review_status(body, D(2023, 10, 1)).detail == "182 days left (due by 31 March 2024)"


def test_day_precision_is_due_on_the_day(body):
    dated = reviewed(body, next_due="2024-03-15")
    assert review_status(dated, D(2024, 3, 15)).status == "due-soon"
    assert review_status(dated, D(2024, 3, 16)).status == "overdue"
    assert review_status(dated, D(2024, 3, 14), within=0).status == "ok"
    assert review_status(dated, D(2024, 3, 15), within=0).status == "due-soon"


def test_cadence_from_the_last_review(tree):
    quartet = tree.bodies["solihull-strategic-quartet"]  # at least annually, last September 2023
    row = review_status(quartet, D(2024, 9, 30))
    assert (row.status, str(row.next_due), row.cadence) == ("due-soon", "2024-09", "every 12 months (at least)")
    assert review_status(quartet, D(2024, 10, 1)).status == "overdue"
    assert str(review_status(quartet, D(2024, 10, 1)).last_reviewed) == "2023-09"


def test_recorded_reviews_move_the_next_due_date(tree):
    quartet = tree.bodies["solihull-strategic-quartet"]
    later = quartet.model_copy(
        update={
            "review": quartet.review.model_copy(
                update={"history": [ReviewRecord(date="2024-10-08", by="Strategic Quartet")]}
            )
        }
    )
    row = review_status(later, D(2025, 9, 1))
    assert (row.status, str(row.last_reviewed), str(row.next_due)) == ("due-soon", "2024-10-08", "2025-10-08")


def test_a_stated_due_date_met_by_a_later_review(body):
    met = reviewed(body, next_due="2024-03", last_reviewed="2024-03-12")
    row = review_status(met, D(2024, 6, 1))
    assert row.status == "unknown"
    assert row.detail == "reviewed 12 March 2024, after the stated due date; no review cadence to give the next"
    with_cadence = reviewed(body, next_due="2024-03", last_reviewed="2024-03-12", cadence=Period(months=12))
    row = review_status(with_cadence, D(2024, 6, 1))
    assert (row.status, str(row.next_due)) == ("ok", "2025-03-12")


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        (dict(cadence={"months": 6}), "cadence known but no last review date"),
        (dict(last_reviewed="2023-09"), "last review date known but no review cadence"),
        (
            dict(unknown_reason="The ToR gives no review date and no review cadence."),
            "The ToR gives no review date and no review cadence.",
        ),
        (dict(cadence={"months": 6}, unknown_reason="Under discussion."), "Under discussion."),
    ],
)
def test_unknown_says_why(body, fields, reason):
    row = review_status(reviewed(body, **fields), D(2026, 11, 23))
    assert (row.status, row.detail, row.next_due, row.days_left) == ("unknown", reason, None, None)


def test_no_date_or_cadence_reason(body):
    # A Review that bypasses validation (as a dissolved or hand-built body might): the fallback reason.
    bare = body.model_copy(
        update={
            "review": Review.model_construct(
                cadence=None, last_reviewed=None, next_due=None, unknown_reason=None, history=[], at_least=False
            )
        }
    )
    assert review_status(bare, D(2026, 11, 23)).detail == "no review date or cadence in the ToR"


def test_real_bodies_most_urgent_first(tree):
    rows = review_report(tree.bodies.values(), D(2026, 11, 23))
    assert [(r.body_id, r.status) for r in rows] == [
        ("solihull-sscp-executive", "overdue"),
        ("solihull-strategic-quartet", "overdue"),
        ("plymouth-improvement-board", "unknown"),
        ("sefton-improvement-board", "unknown"),
        ("solihull-arg", "unknown"),
        ("solihull-elrag", "unknown"),
        ("solihull-lscp", "unknown"),
        ("solihull-rdg", "unknown"),
    ]


def test_ordering_across_statuses_and_dissolved_bodies(body):
    soon = reviewed(body.model_copy(update={"id": "b-soon"}), next_due="2027-01-10")
    sooner = reviewed(body.model_copy(update={"id": "a-sooner"}), next_due="2027-01-05")
    later = reviewed(body.model_copy(update={"id": "c-later"}), next_due="2028-01")
    unknown = reviewed(body.model_copy(update={"id": "d-unknown"}), unknown_reason="No date.")
    gone = reviewed(body.model_copy(update={"id": "e-gone", "status": "dissolved"}), next_due="2020-01")
    rows = review_report([later, unknown, soon, gone, body, sooner], D(2026, 12, 1))
    assert [r.body_id for r in rows] == ["solihull-sscp-executive", "a-sooner", "b-soon", "d-unknown", "c-later"]
    assert fails(rows, "overdue") and fails(rows, "due-soon") and not fails(rows, None)
    assert not fails(rows[1:], "overdue") and fails(rows[1:], "due-soon")
    assert not fails(rows[3:], "due-soon")


def test_csv_and_markdown(tree):
    rows = review_report(tree.bodies.values(), D(2026, 11, 23))
    parsed = list(csv.DictReader(io.StringIO(to_csv(rows))))
    assert parsed[0] == {
        "id": "solihull-sscp-executive",
        "name": "SSCP Executive Group",
        "status": "overdue",
        "last_reviewed": "",
        "cadence": "not stated",
        "next_due": "2024-03",
        "due_by": "2024-03-31",
        "days_left": "-967",
        "detail": "overdue since 1 April 2024 (967 days)",
    }
    assert len(parsed) == 8
    markdown = to_markdown(rows, D(2026, 11, 23), 60).splitlines()
    assert markdown[0] == "ToR reviews as of 23 November 2026 (due soon: within 60 days)"
    assert markdown[2] == "| body | status | last reviewed | cadence | next due | detail |"
    assert markdown[5] == (
        "| solihull-strategic-quartet | overdue | September 2023 | every 12 months (at least) | "
        "September 2024 | overdue since 1 October 2024 (784 days) |"
    )
    piped = reviewed(tree.bodies["solihull-lscp"], unknown_reason="a | b\nc")
    assert "a \\| b c" in to_markdown(review_report([piped], D(2026, 1, 1)), D(2026, 1, 1), 60)
