"""Term dates and local closure days: calendars kept as validated records beside the bodies.

A calendar is a YAML file in `<bodies>/calendars/` that names the bodies it
applies to. It is one of two kinds:

- `term-dates`: school terms (with half-term breaks) for a body that meets in
  term time only, and `covers`, the period for which the terms are complete.
  Where a date falls outside every recorded period, the schedule stops and
  names this file, rather than guessing whether it is term or holiday.
- `closures`: extra non-working days (a council's Christmas shutdown), which
  working-day deadlines step over as they do bank holidays.

The records themselves are models (`torctl.model.records`); `torctl validate`
checks them with the bodies (`torctl.data.records`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..data.paths import display_path
from ..data.records import CALENDARS_DIR
from ..data.tree import Tree
from ..model.records import CalendarRecord


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
    return display_path(Path(tree.root) / CALENDARS_DIR / f"{body_id}-terms.yaml")
