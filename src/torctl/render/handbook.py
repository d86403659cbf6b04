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
from .blocks import Inline, Phrase, Table, cell, own
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
    """The handbook in words; the HTML and Typst templates lay out `intro`, the notes and the two tables."""

    title: str
    partnerships: list[str]
    as_of: str | None
    documents: list[TorDocument]
    figures: list[Figure]
    lines: list[Line]
    reviews: list[ReviewRow]
    footer: str
    intro: Inline
    map_note: str
    lines_table: Table
    review_note: Phrase
    reviews_table: Table


MAP_NOTE = own(
    "Arrows point from each body to the body it reports to. "
    "Solid boxes are the bodies in this handbook; dashed boxes are bodies outside it."
)


def review_status(body: Body, as_of: dt.date) -> str:
    """`overdue`, `due soon` (within 60 days) or `ok` against the next review, at its precision; else `unknown`."""
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


def intro_words(count: int, as_of: str | None) -> Inline:
    """What the handbook holds, and the date its review status is at."""
    parts = [
        own("The terms of reference of "),
        str(count),
        own(
            " bodies, published from the data that torctl validates, with the reporting lines between them "
            "and the state of their reviews."
        ),
    ]
    if as_of:
        parts += [own(" Review status at "), as_of, own(".")]
    return Inline(parts)


def review_note(as_of: str | None) -> Phrase:
    """How to read the review table: the status words need a date."""
    if as_of is None:
        return own(
            "Dates as the terms of reference give them; this edition gives no review status, "
            "as it was not prepared for a given date."
        )
    rule = f": overdue once the month a review is due has passed; due soon within {DUE_SOON_DAYS} days."
    return Inline([own("Status at "), as_of, own(rule)])


def lines_table(lines: list[Line]) -> Table:
    """Every reporting line of the map, each end linking to its body where the handbook holds it."""
    via = any(line.via for line in lines)
    columns = [own("From"), own("To"), *([own("Via")] if via else []), own("What")]
    rows = [
        [
            cell(line.source, link=line.source_id),
            cell(line.target, link=line.target_id),
            *([line.via] if via else []),
            line.what,
        ]
        for line in lines
    ]
    return Table("lines", columns, rows)


def reviews_table(reviews: list[ReviewRow], dated: bool) -> Table:
    """Each body's last and next review, with its status where the handbook is for a date."""
    status = [own("Status")] if dated else []
    columns = [own("Body"), own("Last reviewed"), own("Cadence"), own("Next review due"), *status]
    rows = [
        [
            cell(r.body, link=r.body_id),
            r.last,
            r.cadence,
            r.next_due,
            *([cell(r.status or "", strong=r.status == "overdue")] if dated else []),
        ]
        for r in reviews
    ]
    return Table("reviews", columns, rows, row_headers=True)


def build_handbook(tree: Tree, title: str, as_of: dt.date | None = None) -> Handbook:
    bodies = [tree.bodies[k] for k in sorted(tree.bodies)]
    graph = build_graph(tree.bodies)
    partnerships = list(dict.fromkeys(b.partnership for b in bodies if b.partnership))
    as_of_words = long_date(as_of) if as_of else None
    lines = reporting_lines(graph)
    reviews = [review_row(b, as_of) for b in bodies]
    return Handbook(
        title=title,
        partnerships=partnerships,
        as_of=as_of_words,
        documents=[tor_document(b, tree.agencies, tree.bodies) for b in bodies],
        figures=layout(graph),
        lines=lines,
        reviews=reviews,
        footer=f"{title} · {len(bodies)} bodies",
        intro=intro_words(len(bodies), as_of_words),
        map_note=MAP_NOTE,
        lines_table=lines_table(lines),
        review_note=review_note(as_of_words),
        reviews_table=reviews_table(reviews, as_of is not None),
    )
