"""The records kept beside the bodies: attendance at a meeting, term dates and closure days.

They are data shapes like the ToR itself, so they live with the model; the
loader reads them from subdirectories of the bodies directory (see
`torctl.data.records`) and the capabilities that use them work on these types.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterator, Literal

from pydantic import Field, model_validator

from .base import CalendarDate, Slug, StrictModel, TrueOrFalse

# ---------------------------------------------------------------- attendance at one meeting


class SubstituteEntry(StrictModel):
    """Someone who attended in a member's place."""

    name: str = Field(min_length=1, description="The substitute's name.")
    for_: str = Field(alias="for", min_length=1, description="The member stood in for: post id, holder name or role.")
    agency: Slug | None = Field(None, description="The substitute's agency id, where it is not the member's.")
    delegated_authority: TrueOrFalse | None = Field(
        None,
        description="Whether the substitute carried the member's delegated authority; empty: as the ToR records it for a named substitute, else no.",
    )


class AttendanceRecord(StrictModel):
    """One meeting's attendance: a file under `attendance/` in the bodies directory."""

    body: Slug = Field(description="The body that met (its id).")
    date: CalendarDate = Field(description="The date of the meeting.")
    present: list[str] = Field(default_factory=list, description="Members present in person: post id, holder name or role.")
    substitutes: list[SubstituteEntry] = Field(default_factory=list, description="People attending in a member's place.")
    apologies: list[str] = Field(default_factory=list, description="Members who sent apologies.")
    observers: list[str] = Field(default_factory=list, description="Other people present who are not members (guests, officers).")
    notes: list[str] = Field(default_factory=list, description="Anything else about the attendance.")



# ---------------------------------------------------------------- term dates and closures


class Break(StrictModel):
    """A break inside a term (half term, an INSET week) when the body does not meet."""

    name: str = Field(min_length=1, description="What the break is, e.g. 'half term'.")
    start: CalendarDate = Field(description="The first day of the break.")
    end: CalendarDate = Field(description="The last day of the break.")


class Term(StrictModel):
    """One school term: meetings of a term-time body fall between `start` and `end`, outside its breaks."""

    name: str = Field(min_length=1, description="The term, e.g. 'Autumn 2026'.")
    start: CalendarDate = Field(description="The first day of term.")
    end: CalendarDate = Field(description="The last day of term.")
    breaks: list[Break] = Field(default_factory=list, description="Half terms and other breaks within the term.")


class Covers(StrictModel):
    """The period for which the term dates are complete: any day in it outside a term is a holiday."""

    start: CalendarDate = Field(description="The first day the recorded terms account for.")
    end: CalendarDate = Field(description="The last day the recorded terms account for.")


class Closure(StrictModel):
    """Local closure days: one day, or from `start` to `end` inclusive."""

    name: str = Field(min_length=1, description="What the closure is, e.g. 'Christmas shutdown'.")
    start: CalendarDate = Field(description="The first (or only) day closed.")
    end: CalendarDate | None = Field(None, description="The last day closed, for a closure of several days.")

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

