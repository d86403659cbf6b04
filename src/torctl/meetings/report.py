"""Attendance over many meetings: per post and per agency, inquorate meetings, and a chair's alerts.

Built from the attendance records of one body, each resolved and judged as
`torctl check-quorum` would. A record of the body that does not validate stops
the report (it would be silently wrong otherwise): fix it with `torctl validate`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from collections.abc import Mapping

from ..errors import UsageError
from ..model import Agency, Body, Member
from ..model.records import AttendanceRecord
from ..rules.meeting import MeetingItems, meeting_attendance
from ..rules.quorum import agency_label
from .verdict import QUORATE_CELL, Verdict, judge

if TYPE_CHECKING:  # pragma: no cover
    from ..data.tree import Tree

OUTCOMES = ("in-person", "substitute", "apologies", "absent")


def records_for(tree: Tree, body_id: str) -> list[tuple[AttendanceRecord, str]]:
    """The body's attendance records with their file names, refusing them if any (or an unreadable one) has errors."""
    from ..data.reporters import format_text, sort_findings

    mine: list[tuple[AttendanceRecord, str]] = []
    broken = []
    for doc in tree.documents:
        if doc.kind != "attendance":
            continue
        record = doc.model if isinstance(doc.model, AttendanceRecord) else None
        if record is None and body_id not in doc.path.parts and set(doc.path.parts) & set(tree.bodies):
            continue  # unreadable, but filed under another body's directory
        if record is not None and record.body != body_id:
            continue
        errors = [f for f in tree.findings if f.path == doc.display and f.severity == "error"]
        broken += errors
        if record is not None and not errors:
            mine.append((record, doc.display))
    if broken:
        raise UsageError(
            f"attendance records of {body_id} have errors; fix them first (torctl validate):\n"
            + format_text(sort_findings(broken))
        )
    return sorted(mine, key=lambda pair: (pair[0].date, pair[1]))


@dataclass
class Tally:
    """Meetings attended in person, by substitute, with apologies, absent: for a post or an agency."""

    id: str
    name: str
    agency: str | None
    outcomes: list[str] = field(default_factory=list)  # one per meeting, in date order
    expected: bool = True  # expected at every meeting (not `attends: when-relevant`)

    def count(self, outcome: str) -> int:
        return self.outcomes.count(outcome)

    def missed_streak(self) -> int:
        """Consecutive most recent meetings not attended in person or by substitute."""
        run = 0
        for outcome in reversed(self.outcomes):
            if outcome in ("in-person", "substitute"):
                break
            run += 1
        return run

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "agency": self.agency,
            "meetings": len(self.outcomes),
            **{o.replace("-", "_"): self.count(o) for o in OUTCOMES},
        }


@dataclass
class Report:
    body: Body
    agencies: Mapping[str, Agency]
    since: dt.date | None
    streak: int
    meetings: list[tuple[str, Verdict]]
    posts: list[Tally]
    by_agency: list[Tally]

    def inquorate(self) -> list[dict[str, Any]]:
        return [
            {"date": v.date.isoformat() if v.date else None, "file": f, "missing": [m["clause"] for m in v.missing()]}
            for f, v in self.meetings
            if v.quorate is False
        ]

    def alerts(self) -> list[dict[str, str]]:
        out = []
        dates = [v.date.isoformat() if v.date else "" for _, v in self.meetings]
        for tally in self.by_agency:
            run = tally.missed_streak()
            if run >= self.streak:
                out.append(
                    {
                        "kind": "agency-not-represented",
                        "id": tally.id,
                        "message": (
                            f"{tally.name} has not been represented at the last {run} meetings (since {dates[-run]})"
                        ),
                    }
                )
        for tally in self.posts:
            subs, own = tally.count("substitute"), tally.count("in-person")
            if subs > own:
                out.append(
                    {
                        "kind": "substitute-more-than-attends",
                        "id": tally.id,
                        "message": (
                            f"{tally.name} sent a substitute to {subs} meeting{'s' if subs != 1 else ''} "
                            f"and attended {own} in person"
                        ),
                    }
                )
            run = tally.missed_streak()
            if run >= self.streak and tally.expected:
                out.append(
                    {
                        "kind": "member-not-attending",
                        "id": tally.id,
                        "message": (
                            f"{tally.name} has not attended (in person or by substitute) the last {run} meetings; "
                            f"apologies sent for {tally.outcomes[-run:].count('apologies')} of them"
                        ),
                    }
                )
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "body": self.body.id,
            "since": self.since.isoformat() if self.since else None,
            "meetings": [
                {
                    "date": v.date.isoformat() if v.date else None,
                    "file": f,
                    "quorate": v.quorate,
                    "counted": len(v.counted()),
                    "apologies": len(v.attendance.apologies),
                }
                for f, v in self.meetings
            ],
            "posts": [t.to_dict() for t in self.posts],
            "agencies": [t.to_dict() for t in self.by_agency],
            "inquorate": self.inquorate(),
            "alerts": self.alerts(),
        }

    def to_csv(self) -> str:
        """One row per post and per agency."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["scope", "id", "name", "agency", "meetings", *[o.replace("-", "_") for o in OUTCOMES]])
        for scope, tallies in (("post", self.posts), ("agency", self.by_agency)):
            for t in tallies:
                writer.writerow([scope, t.id, t.name, t.agency or "", len(t.outcomes), *[t.count(o) for o in OUTCOMES]])
        return buffer.getvalue()

    def tables(self) -> list[tuple[str, list[str], list[list[object]]]]:
        """(title, headers, rows) for the text report."""
        since = f" since {self.since.isoformat()}" if self.since else ""
        counts = ["in person", "substitute", "apologies", "absent"]
        meetings: list[list[object]] = [
            [
                v.date,
                QUORATE_CELL[v.answer],
                len(v.counted()),
                len(v.attendance.apologies),
                f,
            ]
            for f, v in self.meetings
        ]
        return [
            (
                f"{self.body.name}: {len(self.meetings)} recorded meeting(s){since}",
                ["date", "quorate", "counted", "apologies", "record"],
                meetings,
            ),
            (
                "Per post",
                ["post", "role", *counts],
                [[t.id, t.name, *[t.count(o) for o in OUTCOMES]] for t in self.posts],
            ),
            (
                "Per agency (represented by someone who counts)",
                ["agency", *counts],
                [[t.name, *[t.count(o) for o in OUTCOMES]] for t in self.by_agency],
            ),
        ]

    def alerts_text(self) -> str:
        lines = [f"Inquorate: {m['date']} ({'; '.join(m['missing'])})" for m in self.inquorate()]
        lines += [f"Alert: {a['message']}" for a in self.alerts()]
        return "\n".join(lines) or "No inquorate meetings and no alerts."


def build_report(
    body: Body,
    agencies: Mapping[str, Agency],
    records: list[tuple[AttendanceRecord, str]],
    *,
    since: dt.date | None = None,
    streak: int = 3,
) -> Report:
    meetings = [
        (display, who_was_there(body, agencies, record, display))
        for record, display in records
        if since is None or record.date >= since
    ]
    expected = [m for m in body.members if not m.is_vacant]
    posts = [
        Tally(m.id, m.role, m.agency, [v.attendance.attended(m) for _, v in meetings], body.expected(m))
        for m in expected
    ]
    counting: dict[str, list[Member]] = {}
    for member in expected:
        if member.agency and body.counts_for_quorum(member):
            counting.setdefault(member.agency, []).append(member)
    by_agency = [
        Tally(a, agency_label(agencies, a), a, [_agency_outcome(v, members) for _, v in meetings])
        for a, members in counting.items()
    ]
    return Report(body, agencies, since, streak, meetings, posts, by_agency)


def who_was_there(
    body: Body,
    agencies: Mapping[str, Agency],
    record: AttendanceRecord,
    display: str,
    resolved: MeetingItems | None = None,
) -> Verdict:
    """The meeting as a whole, judged as `torctl check-quorum` judges it: who was there, who counted, who sent
    apologies. The one computation of attendance that `torctl attendance` and `torctl meeting check --all` share;
    `resolved`, the record already read item by item, saves reading its attendance again."""
    if resolved is not None and resolved.whole is not None and not resolved.problems:
        return judge(body, agencies, resolved.whole, record.date)
    attendance, problems = meeting_attendance(body, agencies, record)  # remote attendees count as the ToR allows
    if problems:  # records_for refuses records with findings; resolving again must agree
        raise UsageError(f"{display}: {problems[0].message}")
    return judge(body, agencies, attendance, record.date)


def _agency_outcome(verdict: Verdict, members: list[Member]) -> str:
    """How an agency was represented at a meeting: by a member in person, only by substitutes who count, or not."""
    ids = {m.id for m in members}
    seats = [s for s in verdict.attendance.seats if s.counts and s.member is not None and s.member.id in ids]
    if any(s.capacity == "member" for s in seats):
        return "in-person"
    if seats:
        return "substitute"
    return "apologies" if any(m.id in ids for m in verdict.attendance.apologies) else "absent"
