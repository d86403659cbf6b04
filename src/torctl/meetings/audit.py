"""A year audited: every meeting record judged, decision by decision (`torctl meeting check --all`).

Each record of the bodies asked for, within the dates asked for, is judged as
`torctl meeting check` judges one (`torctl.meetings.validity.check_meeting`); who
was there comes from the one computation `torctl attendance` uses
(`torctl.meetings.report.who_was_there`). Every decision gets one answer:

- `valid`: validly taken under the ToR;
- `not-valid`: not validly taken, with the reasons;
- `depends-on-chair`: it turns on a decision the ToR leaves to the chair that the record does not hold;
- `cannot-tell`: the ToR is silent and no law fills the gap, or the record does not hold what the answer needs.

Each answer, and its reasons, is `meeting check`'s own (`ItemVerdict.status` and `.why`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..findings import Code, Finding, Loc
from ..model import Agency, Body
from ..model.records import AttendanceRecord
from ..rules.attendance import person_label
from ..rules.meeting import MeetingItems, meeting_items
from .report import records_for, who_was_there
from .validity import ItemVerdict, MeetingVerdict, check_meeting
from .verdict import QUORATE_CELL, Verdict

if TYPE_CHECKING:  # pragma: no cover
    from ..data.tree import Tree

VALID, NOT_VALID, CHAIR_DECIDES, CANNOT_TELL = "valid", "not-valid", "depends-on-chair", "cannot-tell"
ANSWER_WORDS = {
    VALID: "valid",
    NOT_VALID: "NOT VALID",
    CHAIR_DECIDES: "depends on the chair",
    CANNOT_TELL: "cannot tell",
}
_FINDING = {NOT_VALID: Code.M001, CHAIR_DECIDES: Code.M002, CANNOT_TELL: Code.M003}


def words(answer: str) -> str:
    """An answer as a reader reads it; an answer this module does not know, by its own name."""
    return ANSWER_WORDS.get(answer, answer.replace("-", " "))


@dataclass(frozen=True)
class DecisionAudit:
    """One decision's answer and why."""

    number: str
    title: str
    text: str
    answer: str
    reasons: list[str]
    loc: Loc  # the decision's place in its record

    def to_dict(self) -> dict[str, Any]:
        return {
            "item": self.number,
            "title": self.title,
            "decision": self.text,
            "answer": self.answer,
            "valid": {VALID: True, NOT_VALID: False}.get(self.answer),
            "reasons": self.reasons,
        }


@dataclass
class MeetingAudit:
    """One meeting: its record, who was there, and each decision's answer."""

    body: Body
    file: str
    record: AttendanceRecord
    there: Verdict
    verdict: MeetingVerdict
    decisions: list[DecisionAudit] = field(default_factory=list)

    def present(self) -> list[str]:
        """Everyone at the meeting as a whole: members, substitutes (for whom) and observers."""
        return [seat.label for seat in self.there.attendance.seats]

    def apologies(self) -> list[str]:
        return [person_label(member) for member in self.there.attendance.apologies]

    def counts(self) -> Counter[str]:
        return Counter(d.answer for d in self.decisions)

    def to_dict(self) -> dict[str, Any]:
        return {
            "body": self.body.id,
            "name": self.body.name,
            "date": self.record.date.isoformat(),
            "file": self.file,
            "quorate": self.there.quorate,
            "present": self.present(),
            "counted": len(self.there.counted()),
            "apologies": self.apologies(),
            "notes": self.verdict.notes,
            "decisions": [d.to_dict() for d in self.decisions],
            "assumptions": self.verdict.assumptions(),
        }


@dataclass
class Audit:
    """Every meeting audited, in date order."""

    meetings: list[MeetingAudit]
    start: dt.date | None = None
    end: dt.date | None = None

    def counts(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for meeting in self.meetings:
            total.update(meeting.counts())
        return total

    @property
    def valid(self) -> bool:
        """False when any decision was not validly taken."""
        return not self.counts()[NOT_VALID]

    @property
    def answer(self) -> str:
        """The year's answer, as `meeting check` gives one meeting's: not-valid over depends-on-chair over
        cannot-tell over valid."""
        counts = self.counts()
        return next((a for a in (NOT_VALID, CHAIR_DECIDES, CANNOT_TELL) if counts[a]), VALID)

    def summary(self) -> str:
        counts = self.counts()
        decisions = sum(counts.values())
        parts = [f"{counts[a]} {words(a).lower()}" for a in (VALID, NOT_VALID, CHAIR_DECIDES, CANNOT_TELL)]
        parts += [f"{n} {words(a)}" for a, n in sorted(counts.items()) if a not in ANSWER_WORDS]
        meetings = len(self.meetings)
        return (
            f"{meetings} meeting{'s' if meetings != 1 else ''}, {decisions} decision{'s' if decisions != 1 else ''}: "
            + ", ".join(parts)
        )

    def to_dict(self) -> dict[str, Any]:
        counts = self.counts()
        return {
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "valid": self.valid,
            "meetings": [m.to_dict() for m in self.meetings],
            "decisions": sum(counts.values()),
            "answers": {a: counts[a] for a in (*ANSWER_WORDS, *sorted(set(counts) - set(ANSWER_WORDS)))},
        }

    def findings(self, tree: Tree) -> list[Finding]:
        """A finding at each decision that is not plainly valid, placed at its line in its record."""
        docs = {doc.display: doc for doc in tree.documents}
        found = []
        for meeting in self.meetings:
            for decision in meeting.decisions:
                if decision.answer == VALID:
                    continue
                code = _FINDING.get(decision.answer, Code.M003)
                why = "; ".join(decision.reasons) or words(decision.answer)
                message = f"item {decision.number} ({decision.title}): {words(decision.answer)}: {why}"
                found.append(docs[meeting.file].finding(decision.loc, code, message))
        return found

    def meeting_rows(self) -> list[list[object]]:
        rows: list[list[object]] = []
        for m in self.meetings:
            counts = m.counts()
            tally = ", ".join(f"{n} {words(a)}" for a, n in counts.items()) or "none"
            quorate = QUORATE_CELL[m.there.answer]
            rows.append([m.record.date, m.body.id, quorate, len(m.present()), len(m.apologies()), tally, m.file])
        return rows

    def decision_rows(self) -> list[list[object]]:
        """Each decision that is not plainly valid, with its reasons."""
        return [
            [m.record.date, m.body.id, d.number, words(d.answer), "; ".join(d.reasons)]
            for m in self.meetings
            for d in m.decisions
            if d.answer != VALID
        ]


def load_for_audit(root: Path) -> Tree:
    """The bodies directory with every check but the meeting records' own: the audit resolves each record
    item by item anyway (`torctl.rules.meeting.meeting_items`), and refuses one whose resolution finds a
    problem, so the check that does the same is not run twice."""
    from ..data.load import load_tree
    from ..findings import Selection

    return load_tree(root, checks=Selection(ignore=frozenset(c for c in Code if c.value.startswith("A"))))


def audit(
    tree: Tree, body_ids: Sequence[str] | None = None, *, start: dt.date | None = None, end: dt.date | None = None
) -> Audit:
    """Every meeting record of the bodies `body_ids` (None: every body with records) from `start` to `end`.

    A record with errors stops the audit (a UsageError listing them), as it stops `torctl attendance`: an audit
    that left a meeting out would say a year was clean when it was not known to be.
    """
    if body_ids is None:
        bodies = sorted(tree.bodies)
        _refuse(tree, [f for f in tree.findings if f.path in _record_files(tree) and f.severity == "error"])
        _refuse(tree, list(_strays(tree)))
    else:
        bodies = [tree.body(b).id for b in body_ids]
    meetings = []
    problems: list[Finding] = []
    seen: dict[tuple[str, dt.date], str] = {}
    docs = {doc.display: doc for doc in tree.documents}
    for body_id in dict.fromkeys(bodies):
        body = tree.bodies[body_id]
        for record, display in records_for(tree, body_id):
            doc = docs[display]
            if (body_id, record.date) in seen:
                other = seen[(body_id, record.date)]
                problems.append(
                    doc.finding(("date",), Code.A005, f"another record of {body_id} on {record.date}: {other}")
                )
            seen.setdefault((body_id, record.date), display)
            if (start is None or record.date >= start) and (end is None or record.date <= end):
                resolved = meeting_items(body, tree.agencies, record)
                problems += [doc.place(f) for f in resolved.problems]
                if not resolved.problems:
                    meetings.append(_meeting(body, tree.agencies, record, display, resolved))
    _refuse(tree, problems)
    meetings.sort(key=lambda m: (m.record.date, m.body.id, m.file))
    return Audit(meetings, start, end)


def _record_files(tree: Tree) -> set[str]:
    return {doc.display for doc in tree.documents if doc.kind == "attendance"}


def _strays(tree: Tree) -> Iterator[Finding]:
    """Records of a body the directory does not have: they would be left out of an audit of every body."""
    from ..suggest import did_you_mean

    for doc in tree.documents:
        record = doc.model
        if doc.kind == "attendance" and isinstance(record, AttendanceRecord) and record.body not in tree.bodies:
            message = f"unknown body '{record.body}'{did_you_mean(record.body, list(tree.bodies))}"
            yield doc.finding(("body",), Code.A001, message)


def _refuse(tree: Tree, problems: list[Finding]) -> None:
    """Stop the audit at records with errors, listing every one at its line."""
    if problems:
        from ..data.reporters import format_text, sort_findings

        raise UsageError(
            "meeting records have errors; fix them first (torctl validate):\n" + format_text(sort_findings(problems))
        )


def _meeting(
    body: Body, agencies: Mapping[str, Agency], record: AttendanceRecord, display: str, resolved: MeetingItems
) -> MeetingAudit:
    verdict = check_meeting(body, agencies, record, resolved)
    meeting = MeetingAudit(body, display, record, who_was_there(body, agencies, record, display, resolved), verdict)
    for index, item in enumerate(verdict.items):
        decision = item.item.decision
        if decision is None:
            continue
        answer, reasons = answer_for(item)
        loc: Loc = ("items", index, "decision")
        meeting.decisions.append(DecisionAudit(item.item.number, item.item.title, decision.text, answer, reasons, loc))
    return meeting


def answer_for(item: ItemVerdict) -> tuple[str, list[str]]:
    """One decision's answer and the reasons for it: `meeting check`'s own, item by item."""
    return item.status or VALID, list(item.why)
