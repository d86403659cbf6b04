"""Term dates and local closure days: calendars kept as validated records beside the bodies.

A calendar is a YAML file in `<bodies>/calendars/` that names the bodies it
applies to. It is one of two kinds:

- `term-dates`: school terms (with half-term breaks) for a body that meets in
  term time only, and `covers`, the period for which the terms are complete.
  Where a date falls outside every recorded period, the schedule stops and
  names this file, rather than guessing whether it is term or holiday.
- `closures`: extra non-working days (a council's Christmas shutdown), which
  working-day deadlines step over as they do bank holidays.

`torctl validate` checks these files with the bodies (see `kinds.py`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Literal

from pydantic import Field, model_validator

from .model.base import Slug, StrictModel

if TYPE_CHECKING:  # pragma: no cover
    from .findings import Finding
    from .load import Document, Tree

CALENDARS_DIR = "calendars"


class Break(StrictModel):
    """A break inside a term (half term, an INSET week) when the body does not meet."""

    name: str = Field(min_length=1, description="What the break is, e.g. 'half term'.")
    start: dt.date = Field(description="The first day of the break.")
    end: dt.date = Field(description="The last day of the break.")


class Term(StrictModel):
    """One school term: meetings of a term-time body fall between `start` and `end`, outside its breaks."""

    name: str = Field(min_length=1, description="The term, e.g. 'Autumn 2026'.")
    start: dt.date = Field(description="The first day of term.")
    end: dt.date = Field(description="The last day of term.")
    breaks: list[Break] = Field(default_factory=list, description="Half terms and other breaks within the term.")


class Covers(StrictModel):
    """The period for which the term dates are complete: any day in it outside a term is a holiday."""

    start: dt.date = Field(description="The first day the recorded terms account for.")
    end: dt.date = Field(description="The last day the recorded terms account for.")


class Closure(StrictModel):
    """Local closure days: one day, or from `start` to `end` inclusive."""

    name: str = Field(min_length=1, description="What the closure is, e.g. 'Christmas shutdown'.")
    start: dt.date = Field(description="The first (or only) day closed.")
    end: dt.date | None = Field(None, description="The last day closed, for a closure of several days.")

    def days(self) -> Iterator[dt.date]:
        day, last = self.start, self.end or self.start
        while day <= last:
            yield day
            day += dt.timedelta(days=1)


class CalendarRecord(StrictModel):
    """A term-dates or closures calendar in `<bodies>/calendars/`."""

    id: Slug = Field(description="Identifier; equal to the file name without `.yaml`.")
    name: str = Field(min_length=1, description="What the calendar is, e.g. 'Solihull school term dates'.")
    kind: Literal["term-dates", "closures"] = Field(
        description="`term-dates`: school terms for term-time bodies; `closures`: extra non-working days."
    )
    applies_to: list[Slug] = Field(min_length=1, description="Ids of the bodies this calendar applies to.")
    source: str | None = Field(None, description="Where the dates come from (a web page or document).")
    covers: Covers | None = Field(None, description="For `term-dates`: the period the recorded terms account for.")
    terms: list[Term] = Field(default_factory=list, description="For `term-dates`: the terms, in order.")
    closures: list[Closure] = Field(default_factory=list, description="For `closures`: the closure days.")
    notes: list[str] = Field(default_factory=list, description="Anything a reader should know about these dates.")

    @model_validator(mode="after")
    def _fits_kind(self) -> CalendarRecord:
        if self.kind == "term-dates":
            if self.closures:
                raise ValueError("a `term-dates` calendar has no `closures`; keep closure days in a `closures` calendar")
            if self.terms and self.covers is None:
                raise ValueError("give `covers` (start and end): the period for which these terms are complete")
        else:
            if self.terms or self.covers is not None:
                raise ValueError("a `closures` calendar has no `terms` or `covers`; keep term dates in a `term-dates` calendar")
        return self


@dataclass(frozen=True)
class TermDates:
    """A body's term calendar, with the file it came from (named in every error about it)."""

    record: CalendarRecord
    path: str

    def term_on(self, day: dt.date) -> tuple[bool | None, str]:
        """(True, term), (False, why not), or (None, why unknown) for a meeting on `day`."""
        covers = self.record.covers
        if covers is None or not (covers.start <= day <= covers.end):
            return None, f"no term dates recorded for {day.isoformat()}"
        for term in self.record.terms:
            if term.start <= day <= term.end:
                for brk in term.breaks:
                    if brk.start <= day <= brk.end:
                        return False, f"{term.name}: {brk.name}"
                return True, term.name
        return False, "school holiday"


@dataclass(frozen=True)
class BodyCalendars:
    """The calendars that apply to one body."""

    terms: TermDates | None = None
    closures: dict[dt.date, str] = field(default_factory=dict)
    closure_files: tuple[str, ...] = ()


def calendars_for(tree: Tree, body_id: str) -> BodyCalendars:
    """The term dates and closure days recorded for a body in the tree's `calendars/`."""
    terms: TermDates | None = None
    closures: dict[dt.date, str] = {}
    files: list[str] = []
    for doc in tree.records(CALENDARS_DIR):
        record = doc.model
        if not isinstance(record, CalendarRecord) or body_id not in record.applies_to:
            continue
        if record.kind == "term-dates":
            terms = terms or TermDates(record, doc.display)
        else:
            files.append(doc.display)
            for closure in record.closures:
                for day in closure.days():
                    closures.setdefault(day, closure.name)
    return BodyCalendars(terms, closures, tuple(files))


def template_path(tree: Tree, body_id: str) -> str:
    """Where a term calendar for a body would go, for messages that ask the user to create one."""
    from .load import display_path

    return display_path(Path(tree.root) / CALENDARS_DIR / f"{body_id}-terms.yaml")


def check_calendar(tree: Tree, doc: Document) -> list[Finding]:
    """Cross-checks for one calendar: its id, the bodies it names, and dates in order."""
    record = doc.model
    assert isinstance(record, CalendarRecord)
    issues: list[tuple[tuple[str | int, ...], str, str]] = []
    warnings: list[tuple[tuple[str | int, ...], str, str]] = []
    if record.id != doc.path.stem:
        issues.append((("id",), "R005", f"id '{record.id}' must equal the file name '{doc.path.stem}'"))
    for index, body_id in enumerate(record.applies_to):
        if body_id not in tree.bodies:
            from .messages import did_you_mean

            issues.append((("applies_to", index), "R003",
                           f"unknown body '{body_id}'{did_you_mean(body_id, sorted(tree.bodies))}"))
        elif record.kind == "term-dates" and not _term_time(tree, body_id):
            warnings.append((("applies_to", index), "R009",
                           f"{body_id} does not meet in term time only, so term dates do not apply to it"))
    for other in tree.records(CALENDARS_DIR):
        if other is doc or not isinstance(other.model, CalendarRecord):
            continue
        if other.model.id == record.id and str(other.path) < str(doc.path):
            issues.append((("id",), "R004", f"calendar id '{record.id}' is also used by {other.display}"))
        if record.kind == "term-dates" and other.model.kind == "term-dates" and str(other.path) < str(doc.path):
            for index, body_id in enumerate(record.applies_to):
                if body_id in other.model.applies_to:
                    issues.append((("applies_to", index), "R008",
                                   f"{body_id} already has term dates in {other.display}; keep one term calendar per body"))
    issues.extend(_date_order(record))
    return [doc.finding(loc, code, message) for loc, code, message in issues] + [
        doc.finding(loc, code, message, severity="warning") for loc, code, message in warnings
    ]


def _term_time(tree: Tree, body_id: str) -> bool:
    cadence = tree.bodies[body_id].meetings.cadence
    return bool(cadence and cadence.term_time_only)


def _date_order(record: CalendarRecord) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    def span(loc: tuple[str | int, ...], start: dt.date, end: dt.date, what: str) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
        if end < start:
            yield (*loc, "end"), "D001", f"{what} ends ({end}) before it starts ({start})"

    if record.covers:
        yield from span(("covers",), record.covers.start, record.covers.end, "the covered period")
    previous: Term | None = None
    for index, term in enumerate(record.terms):
        loc: tuple[str | int, ...] = ("terms", index)
        yield from span(loc, term.start, term.end, f"term '{term.name}'")
        if record.covers and not (record.covers.start <= term.start and term.end <= record.covers.end):
            yield (*loc, "start"), "D001", (
                f"term '{term.name}' ({term.start} to {term.end}) lies outside `covers` "
                f"({record.covers.start} to {record.covers.end})"
            )
        if previous is not None and term.start <= previous.end:
            yield (*loc, "start"), "D001", (
                f"term '{term.name}' starts ({term.start}) before the previous term '{previous.name}' ends ({previous.end}); "
                "list terms in order, without overlaps"
            )
        previous = term
        for b, brk in enumerate(term.breaks):
            yield from span((*loc, "breaks", b), brk.start, brk.end, f"break '{brk.name}'")
            if not (term.start <= brk.start and brk.end <= term.end):
                yield (*loc, "breaks", b, "start"), "D001", f"break '{brk.name}' is not inside term '{term.name}'"
    for index, closure in enumerate(record.closures):
        if closure.end is not None:
            yield from span(("closures", index), closure.start, closure.end, f"closure '{closure.name}'")
