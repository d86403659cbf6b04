"""The partnership handbook: every body's ToR in one document, with the map and review status.

The handbook opens with a contents page, the governance map (one figure per
connected group of bodies, with the reporting lines in a table), and a
review-status table; then each body's terms of reference follows on its own
pages, with that body's footer. Review status words (overdue, due soon) need a
date, so they appear only when one is given (`--as-of`): without it the
handbook is the same whatever day it is built.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..data.tree import Tree
from ..model import Body
from ..rules.words import long_date, review_cadence_words
from .document import TorDocument, tor_document
from .governance import Figure, Line, build_graph, layout, reporting_lines

DUE_SOON_DAYS = 60


@dataclass(frozen=True)
class ReviewRow:
    body_id: str
    body: str
    last: str
    cadence: str
    next_due: str
    status: str | None  # with an as-of date: overdue, due soon, ok, unknown


@dataclass(frozen=True)
class Handbook:
    title: str
    partnerships: list[str]
    as_of: str | None
    documents: list[TorDocument]
    figures: list[Figure]
    lines: list[Line]
    reviews: list[ReviewRow]
    footer: str


def review_status(body: Body, as_of: dt.date) -> str:
    """`overdue`, `due soon` (within 60 days) or `ok` against the next review, compared at its precision; else `unknown`."""
    due = body.review.next_review_due()
    if due is None:
        return "unknown"
    if as_of > due.last_day:  # a review due "March 2024" is overdue from April, not from 1 March
        return "overdue"
    if (due.first_day - as_of).days <= DUE_SOON_DAYS:
        return "due soon"
    return "ok"


def review_row(body: Body, as_of: dt.date | None) -> ReviewRow:
    review = body.review
    latest = review.latest_review()
    cadence = review_cadence_words(review)
    due = review.next_review_due()
    next_due = due.human() if due else (review.unknown_reason or "not known: the last review is not recorded")
    return ReviewRow(
        body.id,
        body.short_name or body.name,
        latest.human() if latest else "not recorded",
        cadence,
        next_due,
        review_status(body, as_of) if as_of else None,
    )


def build_handbook(tree: Tree, title: str, as_of: dt.date | None = None) -> Handbook:
    bodies = [tree.bodies[k] for k in sorted(tree.bodies)]
    graph = build_graph(tree.bodies)
    partnerships = list(dict.fromkeys(b.partnership for b in bodies if b.partnership))
    return Handbook(
        title=title,
        partnerships=partnerships,
        as_of=long_date(as_of) if as_of else None,
        documents=[tor_document(b, tree.agencies, tree.bodies) for b in bodies],
        figures=layout(graph),
        lines=reporting_lines(graph),
        reviews=[review_row(b, as_of) for b in bodies],
        footer=f"{title} · {len(bodies)} bodies",
    )
