"""Meetings on the public site: per body, its recorded meetings (who attended, each decision and whether it was
validly taken), its next meetings from the schedule, and when it last met.

The recorded meetings are the audit of `torctl meeting check --all` (`torctl.meetings.audit`), so the site says
of each decision exactly what the command says. Each meeting's minutes are linked where the site writes them:
`minutes_pages` writes them as HTML and PDF with `torctl minutes`' own renderer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..calendar.schedule import Schedule
from ..data.tree import Tree
from ..errors import UsageError
from ..meetings.audit import VALID, MeetingAudit, audit, words
from ..model import Body
from ..rules.words import long_date, sentence
from .env import Templates

NEXT_MEETINGS = 5  # how many of the scheduled meetings the page lists


@dataclass(frozen=True)
class PageLink:
    label: str
    href: str  # relative to the body's folder


@dataclass(frozen=True)
class DecisionRow:
    number: str
    title: str
    text: str
    answer: str  # valid, not-valid, chair-decides, cannot-tell (or a newer answer, by its name)
    answer_words: str
    reasons: str  # why, as a sentence, where the answer is not plainly valid


@dataclass(frozen=True)
class MeetingRow:
    """One recorded meeting as the page shows it."""

    anchor: str  # `meeting-2027-01-12`
    date: str  # in words
    iso: str
    place: str | None
    attended: list[str]  # each person there, with why they did not count where they did not
    apologies: list[str]
    quorate: str
    decisions: list[DecisionRow]
    minutes: list[PageLink] = field(default_factory=list)


@dataclass(frozen=True)
class NextRow:
    date: str
    chair: str


@dataclass
class BodyMeetings:
    """What the site says of one body's meetings."""

    body: Body
    page: str  # `bodies/<id>-meetings.html`
    audited: list[MeetingAudit]
    problem: str | None  # why its records could not be shown, where they could not

    @property
    def last_met(self) -> dt.date | None:
        return self.audited[-1].record.date if self.audited else None


def meetings_page_name(body_id: str) -> str:
    return f"{body_id}-meetings.html"


def body_meetings(tree: Tree, bodies: Mapping[str, Body], folder: str) -> dict[str, BodyMeetings]:
    """Each body's recorded meetings, audited; a body whose records cannot be judged says why instead."""
    out = {}
    for body_id, body in bodies.items():
        try:
            audited, problem = audit(tree, [body_id]).meetings, None
        except UsageError as exc:
            audited, problem = [], exc.message
        out[body_id] = BodyMeetings(body, f"{folder}/{meetings_page_name(body_id)}", audited, problem)
    return out


def minutes_pages(
    files: dict[str, bytes], folder: str, meeting: MeetingAudit, templates: Templates, tree: Tree
) -> list[PageLink]:
    """Write this meeting's draft minutes (`torctl minutes`) as HTML and PDF into `files` (the site's files, by
    path from the site's root, under `folder`) and return their links, relative to the body's folder."""
    from ..calendar.terms import calendars_for
    from . import render_minutes
    from .minutes import build_minutes

    calendars = calendars_for(tree, meeting.body.id)
    doc = build_minutes(meeting.body, tree.agencies, meeting.record, calendars=calendars, verdict=meeting.verdict)
    links = []
    for fmt, label in (("html", "Minutes (HTML)"), ("pdf", "Minutes (PDF)")):
        name = f"{meeting.body.id}-{meeting.record.date.isoformat()}-minutes.{fmt}"
        files[f"{folder}/{name}"] = render_minutes(templates, doc, fmt)
        links.append(PageLink(label, name))
    return links


def meeting_rows(
    meetings: BodyMeetings, files: dict[str, bytes], folder: str, templates: Templates, tree: Tree
) -> list[MeetingRow]:
    """The recorded meetings, most recent first."""
    rows = []
    for meeting in reversed(meetings.audited):
        there = meeting.there
        attended = [seat.label + (f" ({seat.reason})" if seat.reason else "") for seat in there.attendance.seats]
        decisions = [
            DecisionRow(d.number, d.title, d.text, d.answer, sentence(words(d.answer)), sentence("; ".join(d.reasons)))
            for d in meeting.decisions
        ]
        rows.append(
            MeetingRow(
                anchor=f"meeting-{meeting.record.date.isoformat()}",
                date=long_date(meeting.record.date),
                iso=meeting.record.date.isoformat(),
                place=meeting.record.place,
                attended=attended,
                apologies=meeting.apologies(),
                quorate={True: "Quorate", False: "Not quorate", None: "The terms of reference set no quorum"}[
                    there.quorate
                ],
                decisions=decisions,
                minutes=minutes_pages(files, folder, meeting, templates, tree),
            )
        )
    return rows


def next_rows(schedule: Schedule | None, after: dt.date) -> list[NextRow]:
    """The next meetings the schedule gives, from the build date."""
    if schedule is None:
        return []
    upcoming = [m for m in schedule.meetings if m.date >= after][:NEXT_MEETINGS]
    return [NextRow(long_date(m.date), sentence(m.chair.text)) for m in upcoming]


def last_met_words(meetings: BodyMeetings) -> str:
    last = meetings.last_met
    return long_date(last) if last else "No meeting recorded"


def tallies(meetings: Sequence[MeetingRow]) -> dict[str, int]:
    """How many decisions had each answer, valid first."""
    counts: dict[str, int] = {}
    for row in meetings:
        for decision in row.decisions:
            counts[decision.answer_words] = counts.get(decision.answer_words, 0) + 1
    valid = sentence(words(VALID))
    return dict(sorted(counts.items(), key=lambda kv: (kv[0] != valid, kv[0])))
