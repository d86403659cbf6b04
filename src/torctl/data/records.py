"""The records kept in subdirectories of a bodies directory: which kinds there are, and their cross-checks.

Each kind is a model (in `torctl.model.records`) and a check against the loaded
tree, listed once in `RECORD_KINDS`, so that `load_tree` loads them and
`torctl validate` checks them. The table is plain data: the loader imports no
capability to learn what to load.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable, Iterator

from pydantic import BaseModel, ValidationError

from ..model.records import AttendanceRecord, CalendarRecord, Term
from ..rules.meeting import meeting_items
from ..suggest import did_you_mean
from .findings import Finding
from .messages import validation_findings
from .paths import display_path
from .tree import Document, Tree
from .yamlio import Parsed, YamlProblem, parse_file

ATTENDANCE_DIR = "attendance"
CALENDARS_DIR = "calendars"


@dataclass
class RecordKind:
    """A kind of record kept in a subdirectory of the bodies directory (attendance, calendars...)."""

    model: type[BaseModel]
    # Cross-checks against the loaded tree: (tree, document) -> findings.
    check: Callable[[Tree, Document], list[Finding]] | None = None


# ---------------------------------------------------------------- attendance records


class RecordError(Exception):
    """An attendance file that cannot be read: its findings, each with file:line:column."""

    def __init__(self, findings: list[Finding]):
        super().__init__("; ".join(f.message for f in findings))
        self.findings = findings


def load_record(path: Path) -> tuple[AttendanceRecord, Parsed]:
    """Read and validate one attendance file, or raise `RecordError` with located findings."""
    shown = display_path(path)
    try:
        parsed = parse_file(path)
    except YamlProblem as problem:
        raise RecordError([Finding(shown, problem.line, problem.column, problem.code, problem.message)]) from None
    try:
        return AttendanceRecord.model_validate(parsed.data), parsed
    except ValidationError as exc:
        raise RecordError(validation_findings(shown, parsed.node, AttendanceRecord, exc)) from None


# ---------------------------------------------------------------- validation (torctl validate)


def check_attendance(tree: Tree, doc: Document) -> list[Finding]:
    """Cross-checks of one meeting record: its body, every name, its items and votes, and no second record of the meeting."""
    record = doc.model
    assert isinstance(record, AttendanceRecord)
    body = tree.bodies.get(record.body)
    if body is None:
        return [
            doc.finding(
                ("body",), "A001", f"unknown body '{record.body}'{did_you_mean(record.body, list(tree.bodies))}"
            )
        ]
    resolved = meeting_items(body, tree.agencies, record)
    findings = [doc.finding(p.loc, p.code, p.message) for p in resolved.problems]
    # A vote the ToR does not allow is recorded faithfully: a warning here, a decision not validly taken in `meeting check`.
    findings += [doc.finding(p.loc, p.code, p.message, severity="warning") for p in resolved.conduct]
    for other in tree.records(doc.kind):
        if other is doc:
            break
        if isinstance(other.model, AttendanceRecord) and (other.model.body, other.model.date) == (
            record.body,
            record.date,
        ):
            findings.append(
                doc.finding(("date",), "A005", f"another record of {record.body} on {record.date}: {other.display}")
            )
            break
    return findings


# ---------------------------------------------------------------- term dates and closures


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
            issues.append(
                (("applies_to", index), "R003", f"unknown body '{body_id}'{did_you_mean(body_id, sorted(tree.bodies))}")
            )
        elif record.kind == "term-dates" and not _term_time(tree, body_id):
            warnings.append(
                (
                    ("applies_to", index),
                    "R009",
                    f"{body_id} does not meet in term time only, so term dates do not apply to it",
                )
            )
    for other in tree.records(CALENDARS_DIR):
        if other is doc or not isinstance(other.model, CalendarRecord):
            continue
        if other.model.id == record.id and str(other.path) < str(doc.path):
            issues.append((("id",), "R004", f"calendar id '{record.id}' is also used by {other.display}"))
        if record.kind == "term-dates" and other.model.kind == "term-dates" and str(other.path) < str(doc.path):
            for index, body_id in enumerate(record.applies_to):
                if body_id in other.model.applies_to:
                    issues.append(
                        (
                            ("applies_to", index),
                            "R008",
                            f"{body_id} already has term dates in {other.display}; keep one term calendar per body",
                        )
                    )
    issues.extend(_date_order(record))
    return [doc.finding(loc, code, message) for loc, code, message in issues] + [
        doc.finding(loc, code, message, severity="warning") for loc, code, message in warnings
    ]


def _term_time(tree: Tree, body_id: str) -> bool:
    cadence = tree.bodies[body_id].meetings.cadence
    return bool(cadence and cadence.term_time_only)


def _date_order(record: CalendarRecord) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    def span(
        loc: tuple[str | int, ...], start: dt.date, end: dt.date, what: str
    ) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
        if end < start:
            yield (*loc, "end"), "D001", f"{what} ends ({end}) before it starts ({start})"

    if record.covers:
        yield from span(("covers",), record.covers.start, record.covers.end, "the covered period")
    previous: Term | None = None
    for index, term in enumerate(record.terms):
        loc: tuple[str | int, ...] = ("terms", index)
        yield from span(loc, term.start, term.end, f"term '{term.name}'")
        if record.covers and not (record.covers.start <= term.start and term.end <= record.covers.end):
            yield (
                (*loc, "start"),
                "D001",
                (
                    f"term '{term.name}' ({term.start} to {term.end}) lies outside `covers` "
                    f"({record.covers.start} to {record.covers.end})"
                ),
            )
        if previous is not None and term.start <= previous.end:
            yield (
                (*loc, "start"),
                "D001",
                (
                    f"term '{term.name}' starts ({term.start}) before the previous term '{previous.name}' ends ({previous.end}); "
                    "list terms in order, without overlaps"
                ),
            )
        previous = term
        for b, brk in enumerate(term.breaks):
            yield from span((*loc, "breaks", b), brk.start, brk.end, f"break '{brk.name}'")
            if not (term.start <= brk.start and brk.end <= term.end):
                yield (*loc, "breaks", b, "start"), "D001", f"break '{brk.name}' is not inside term '{term.name}'"
    for index, closure in enumerate(record.closures):
        if closure.end is not None:
            yield from span(("closures", index), closure.start, closure.end, f"closure '{closure.name}'")


RECORD_KINDS: dict[str, RecordKind] = {
    ATTENDANCE_DIR: RecordKind(model=AttendanceRecord, check=check_attendance),
    CALENDARS_DIR: RecordKind(model=CalendarRecord, check=check_calendar),  # term dates, closures
}
