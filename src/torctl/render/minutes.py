"""The draft minutes of one meeting, from its record and the ToR: the view every format lays out.

`build_minutes` turns a meeting record into a `MinutesDocument` in the form English
boards use: the body, date, time and place; who was present (the post each person
holds, substitutes "for" whom, remote attendance as the ToR treats it), in
attendance and apologies; declarations of interest and what each member did; each
item with its decision, the vote (counts, or names where recorded) and the casting
vote, and a validity note wherever a decision was not validly taken; the chair's
decisions; the actions agreed; the next meeting from the schedule; and when the
minutes are due where the ToR sets a deadline.

Nothing is written that the record does not hold: a fact the record leaves out is
said to be not recorded, never filled in. The verdicts are those of `torctl meeting
check` (`torctl.meetings.validity.check_meeting`), so the minutes and the check
never disagree. The sections are `render.blocks` sections, so the Markdown, HTML and
Typst templates and the Word writer (`render.docx`) say the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from ..calendar.deadlines import chair_on, deadlines
from ..calendar.terms import BodyCalendars
from ..errors import UsageError
from ..meetings.validity import ItemVerdict, MeetingVerdict, check_meeting
from ..model import Agency, Body, Member
from ..model.records import Action, AttendanceRecord, ChairDecision, Declaration, ItemRecord, NamedVotes
from ..rules.attendance import People, Seat, Unresolved, person_label
from ..rules.meeting import key, meeting_items, resolve_meeting
from ..rules.procedure import remote_effect
from ..rules.words import long_date, sentence
from .blocks import Block, Bullets, Cell, Fact, Inline, Paragraphs, Section, Table, bullets, cell, own, paragraph

__all__ = ["MinutesDocument", "build_minutes"]

NOT_RECORDED = "not recorded"
_WHAT_NOT_RECORDED = {
    "votes": "how each decision was voted on",
    "declarations": "declarations of interest",
    "attendance-times": "who arrived late or left early",
}


@dataclass(frozen=True)
class MinutesDocument:
    """The draft minutes of one meeting, in words; `sections` is the document itself, in order."""

    id: str  # the body's id (anchors in HTML are `<id>-<section>`)
    body_name: str
    short_name: str
    title: str
    kind: str  # "Draft minutes", or of a special meeting
    date: str
    date_words: str
    header: list[Fact]
    notices: list[str]  # what the reader must know first: what the record's source does not hold
    sections: list[Section]
    footer: str
    language: str = "en-GB"

    @cached_property
    def document_title(self) -> str:
        """The title a reader's software shows (the PDF's and the Word document's)."""
        return f"{self.short_name}: minutes, {self.date_words}"


def build_minutes(
    body: Body,
    agencies: Mapping[str, Agency],
    record: AttendanceRecord,
    *,
    calendars: BodyCalendars | None = None,
    verdict: MeetingVerdict | None = None,
) -> MinutesDocument:
    """The minutes of `record`, with `meeting check`'s `verdict` on it where the caller has judged it already (the
    site's audit, the CLI). A record with problems (`meeting_items(...).problems`) is the caller's to refuse."""
    if verdict is None:
        resolved = meeting_items(body, agencies, record)
        if resolved.problems:
            raise ValueError("the record does not resolve; refuse it before building its minutes")
        verdict = check_meeting(body, agencies, record, resolved)
    return _Minutes(body, agencies, record, verdict, calendars or BodyCalendars()).document()


class _Minutes:
    """One meeting's minutes being written: the body, the record, its verdict and the people."""

    def __init__(
        self,
        body: Body,
        agencies: Mapping[str, Agency],
        record: AttendanceRecord,
        verdict: MeetingVerdict,
        calendars: BodyCalendars,
    ):
        self.body, self.agencies, self.record, self.verdict, self.calendars = body, agencies, record, verdict, calendars
        self.people = People(body)
        attendance, _problems, self.remote = resolve_meeting(body, agencies, record)
        self.seats = attendance.seats

    def document(self) -> MinutesDocument:
        body, record = self.body, self.record
        short = body.short_name or body.name
        date_words = long_date(record.date)
        kind = "Draft minutes of a special meeting" if record.special else "Draft minutes"
        sections = [self.present(), self.in_attendance(), self.apologies(), self.declarations()]
        sections += [self.item(verdict) for verdict in self.verdict.items]
        if record.chair_decisions:
            sections.append(self.chair_decisions())
        sections += [self.actions(), self.next_meeting()]
        assumed = self.verdict.assumptions()
        if assumed:
            heading = own("Assumed where the terms of reference are silent")
            sections.append(Section("assumptions", heading, [bullets([sentence(a) for a in assumed])]))
        notices = [
            f"The source of this record does not record {_WHAT_NOT_RECORDED[what]}." for what in record.not_recorded
        ]
        return MinutesDocument(
            id=body.id,
            body_name=body.name,
            short_name=short,
            title=body.name,
            kind=kind,
            date=record.date.isoformat(),
            date_words=date_words,
            header=self.header(),
            notices=notices + [sentence(n) for n in self.verdict.notes],
            sections=sections,
            footer=f"{short} · {kind} · {date_words}",
        )

    # ------------------------------------------------------------------ the header

    def header(self) -> list[Fact]:
        record = self.record
        facts = [
            Fact("Date", long_date(record.date)),
            Fact("Time", record.start.strftime("%H:%M") if record.start else "Not recorded"),
            Fact("Place", record.place or "Not recorded"),
            Fact("Chair", self.chaired_by()),
        ]
        if record.source:
            facts.append(Fact("Source", record.source))
        return facts

    def chaired_by(self) -> str:
        """Who chaired: the record's `chaired_by`, else the ToR's chair for the date where they were present."""
        record = self.record
        if record.chaired_by:
            return self.name(record.chaired_by)
        chair = chair_on(self.body, record.date)
        there = {s.member.id for s in self.seats if s.member is not None and s.capacity == "member"}
        if chair.post is not None and chair.post in there:
            return chair.text
        return "Not recorded"

    def name(self, text: str) -> str:
        """A person as the record names them: `Holder (Role)` where `text` names a post, else as written."""
        member = self.post(text)
        return person_label(member) if member else text

    def post(self, text: str) -> Member | None:
        try:
            return self.people.member(text)
        except Unresolved:
            return None

    def same_person(self, one: str, other: str) -> bool:
        """Whether two names in the record are one person: the same post, or the same words."""
        first, second = self.post(one), self.post(other)
        if first is not None and second is not None:
            return first.id == second.id
        return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()

    # ------------------------------------------------------------------ who was there

    def present(self) -> Section:
        """Members present and substitutes, each with the post they hold or stand in for, and how they attended."""
        remote = self.remote
        rows: list[list[str | Cell]] = []
        for seat in self.seats:
            if seat.capacity == "observer" or seat.member is None:
                continue
            how = "In person"
            if key(seat) in remote:
                effect = remote_effect(self.body, substitute=seat.capacity == "substitute")
                how = sentence(effect.reason) if effect.reason else "Remotely (counts toward quorum and may vote)."
            note = "" if seat.counts or key(seat) in remote else sentence(seat.reason or "")
            rows.append([*self._who(seat), how, note])
        if not rows:
            return Section("present", own("Present"), [paragraph(own("No members are recorded as present."))])
        columns = [own("Name"), own("Post"), own("Attended"), own("Note")]
        if not any(row[-1] for row in rows):  # no one present who does not count: no column of empty notes
            columns, rows = columns[:-1], [row[:-1] for row in rows]
        caption = Inline([own("Members present at the meeting of "), long_date(self.record.date)])
        return Section("present", own("Present"), [Table("present", columns, rows, caption, row_headers=True)])

    def _who(self, seat: Seat) -> list[str | Cell]:
        """(name, post) for a member or a substitute."""
        member = seat.member
        assert member is not None
        if seat.capacity == "substitute":
            post = f"Substitute for {person_label(member)}"
            agency = seat.agency if seat.agency and seat.agency != member.agency else None
            notes = [f"from {self.agencies[agency].name if agency in self.agencies else agency}"] if agency else []
            return [seat.person, cell(post, notes)]
        if member.holder:
            return [member.holder, member.role]
        return [cell("Name not recorded", unknown=True), member.role]

    def in_attendance(self) -> Section:
        """Others present who are not members (officers, guests): as the record names them."""
        observers = self.record.observers
        blocks: list[Block] = (
            [bullets(list(observers))] if observers else [paragraph(own("No one else is recorded as attending."))]
        )
        return Section("in-attendance", own("In attendance"), blocks)

    def apologies(self) -> Section:
        names = [self.name(text) for text in self.record.apologies]
        blocks: list[Block] = [bullets(names)] if names else [paragraph(own("No apologies are recorded."))]
        return Section("apologies", own("Apologies"), blocks)

    def declarations(self) -> Section:
        """Each declaration: the item, the member, the interest as minuted, and what they did."""
        heading = own("Declarations of interest")
        if "declarations" in self.record.not_recorded:
            return Section("declarations", heading, [paragraph(own("Not recorded by the source of this record."))])
        rows: list[list[str | Cell]] = []
        for item in self.record.items:
            for declaration in item.declarations:
                interest = declaration.text or (
                    declaration.kind.replace("-", " ") if declaration.kind else "Not recorded"
                )
                rows.append([self.name(declaration.person), _item_label(item), interest, self.did(declaration, item)])
        if not rows:
            return Section("declarations", heading, [paragraph(own("No declarations of interest are recorded."))])
        columns = [own("Member"), own("Item"), own("Interest"), own("What they did")]
        return Section("declarations", heading, [Table("declarations", columns, rows, row_headers=True)])

    def did(self, declaration: Declaration, item: ItemRecord) -> str:
        """What a member who declared did, as the record says: the room, a dispensation, their vote where named."""
        parts = []
        if declaration.left_room is True:
            parts.append("left the room")
        elif declaration.left_room is False:
            parts.append("stayed in the room")
        else:
            parts.append("whether they left the room is not recorded")
        if declaration.dispensation:
            parts.append("held a dispensation")
        vote = item.decision.vote if item.decision else None
        if vote is not None and vote.named is not None:
            parts.append(self.vote_of(declaration.person, vote.named))
        return sentence(", ".join(parts))

    def vote_of(self, person: str, named: NamedVotes) -> str:
        """How `person` voted in a recorded vote."""
        sides = (("voted for", named.for_), ("voted against", named.against), ("abstained", named.abstain))
        for side, names in sides:
            if any(self.same_person(person, n) for n in names):
                return side
        return "did not vote"

    # ------------------------------------------------------------------ the items

    def item(self, verdict: ItemVerdict) -> Section:
        item = verdict.item
        blocks: list[Block] = []
        comings = [
            (own("Arrived before this item: "), item.arrived),
            (own("Left before this item: "), item.left),
        ]
        lines: list[str | Inline] = [
            Inline([label, "; ".join(self.name(n) for n in names), own(".")]) for label, names in comings if names
        ]
        if lines:
            blocks.append(Paragraphs(list(lines)))
        decision = item.decision
        if decision is None:
            blocks.append(paragraph(own("No decision is recorded for this item.")))
        else:
            blocks.append(Paragraphs([Inline([own(" "), decision.text.strip()], [own("Decision:")])]))
            how = self.how_taken(verdict)
            if how:
                blocks.append(Bullets(how))
            note = validity_note(verdict)
            if note:
                blocks.append(Paragraphs([note]))
        heading = f"{item.number}. {item.title}"
        return Section(f"item-{_anchor(item.number)}", heading, blocks)

    def how_taken(self, verdict: ItemVerdict) -> list[str | Inline]:
        """The vote (counts, or names), the casting vote and the outcome; or how else the decision was taken."""
        decision = verdict.item.decision
        assert decision is not None
        if decision.by == "consensus":
            return [own("Agreed by consensus; no vote is recorded.")]
        if decision.by == "not-recorded" or decision.vote is None:
            return [own("How the decision was taken is not recorded.")]
        vote = decision.vote
        lines: list[str | Inline] = []
        if vote.named is not None:
            lines += self.named(vote.named)
        else:
            votes_for, against, abstain = vote.tally()
            lines.append(f"For {votes_for}, against {against}, abstentions {abstain}.")
        if vote.casting:
            lines.append(f"The chair's casting vote: {vote.casting}.")
        if decision.outcome:
            lines.append(f"Minuted as {decision.outcome}.")
        if verdict.outcome is not None:
            lines.append(Inline([own(" "), sentence(verdict.outcome.summary)], [own("Under the terms of reference:")]))
        return lines

    def named(self, named: NamedVotes) -> list[str | Inline]:
        """A recorded vote: who voted which way, by name."""
        lines: list[str | Inline] = []
        for label, names in ((own("For: "), named.for_), (own("Against: "), named.against)):
            lines.append(Inline([label, "; ".join(self.name(n) for n in names) or "none", own(".")]))
        if named.abstain:
            lines.append(Inline([own("Abstained: "), "; ".join(self.name(n) for n in named.abstain), own(".")]))
        return lines

    def chair_decisions(self) -> Section:
        """The decisions the ToR leaves to the chair, as the record gives them."""
        lines: list[str | Inline] = [self.chair_decision(d) for d in self.record.chair_decisions]
        return Section("chair-decisions", own("Decisions of the chair"), [Bullets(lines)])

    def chair_decision(self, decision: ChairDecision) -> str | Inline:
        what = {
            "quorum": ("The meeting went ahead", "The meeting did not go ahead"),
            "interest": ("May take part", "May not take part"),
            "urgent-business": ("Taken as urgent business", "Not taken as urgent business"),
            "casting-vote": ("Casting vote used", "Casting vote not used"),
        }[decision.about][0 if decision.allowed else 1]
        parts: list[str] = [what]
        if decision.person:
            parts += [own(" ("), self.name(decision.person), own(")")]
        if decision.item:
            found = self.record.item(decision.item)
            parts += [own(", item "), _item_label(found) if found else decision.item]
        if decision.by:
            parts += [own(", decided by "), self.name(decision.by)]
        parts.append(own("."))
        if decision.text:
            parts += [own(" "), sentence(decision.text)]
        return Inline(parts)

    # ------------------------------------------------------------------ after the items

    def actions(self) -> Section:
        """The actions agreed: what, who, by when, and their status where no longer open."""
        heading = own("Actions agreed")
        if not self.record.actions:
            return Section("actions", heading, [paragraph(own("No actions are recorded."))])
        columns = [own("Action"), own("Owner"), own("Due"), own("Item"), own("Status")]
        rows: list[list[str | Cell]] = [self.action_row(a) for a in self.record.actions]
        return Section("actions", heading, [Table("actions", columns, rows, row_headers=True)])

    def action_row(self, action: Action) -> list[str | Cell]:
        due = long_date(action.due) if action.due else cell("No date agreed", unknown=True)
        found = self.record.item(action.item) if action.item else None
        item = _item_label(found) if found else (action.item or "")
        status = action.status.capitalize()
        if action.closed_on:
            status += f" on {long_date(action.closed_on)}"
        return [cell(action.what, [f"Action {action.id}"]), self.name(action.owner), due, item, status]

    def next_meeting(self) -> Section:
        """The next meeting from the recorded dates or pattern; and when these minutes are due, where the ToR says."""
        blocks: list[Block] = [Paragraphs([self.next_date()], own("Next meeting"))]
        due = next((d for d in deadlines(self.body, self.record.date, self.calendars.closures, self.record.start)
                    if d.kind == "minutes"), None)  # fmt: skip
        if due is None:
            blocks.append(paragraph(own("The terms of reference set no deadline for the minutes.")))
        elif due.date is None:
            blocks.append(paragraph(own("The terms of reference require the minutes "), due.rule, own(".")))
        else:
            when = long_date(due.date)
            blocks.append(paragraph(own("These minutes are due by "), when, own(" ("), due.rule, own(").")))
        return Section("next-meeting", own("Next meeting and these minutes"), blocks)

    def next_date(self) -> str | Inline:
        """The date of the next meeting, from `meetings.dates` or `meetings.pattern` only: a cadence gives no day."""
        from ..calendar.schedule import build_schedule

        meetings = self.body.meetings
        if not (meetings.dates or meetings.pattern):
            return own("Not known: no meeting dates or pattern are recorded for this body.")
        try:
            schedule = build_schedule(
                self.body, start=self.record.date + dt.timedelta(days=1), count=1, calendars=self.calendars
            )
        except UsageError:
            return own("Not known: the recorded meeting dates or pattern give no next meeting.")
        if not schedule.meetings:
            return own("Not known: no later meeting is recorded.")
        meeting = schedule.meetings[0]
        if meeting.date in meetings.dates:
            source: list[str] = [own("one of the meeting dates recorded for the body")]
        else:
            source = [own("from the recorded pattern "), (meetings.pattern or "").strip()]
        return Inline([own("The next meeting is on "), long_date(meeting.date), own(" ("), *source, own(").")])


def validity_note(verdict: ItemVerdict) -> Inline | None:
    """Where a decision was not validly taken (the same verdict as `meeting check`): why, in its words."""
    if verdict.valid is not False:
        return None
    reasons = "; ".join(verdict.reasons)
    notes = "".join(f" {sentence(n)}" for n in verdict.notes)
    return Inline([own(" Not validly taken under the terms of reference: "), sentence(reasons), notes],
                  [own("Validity note.")])  # fmt: skip


def _item_label(item: ItemRecord) -> str:
    return f"{item.number}. {item.title}"


def _anchor(number: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in number.casefold())
