"""A meeting's verdict: is it quorate, why, what is missing, who could fill it, and the votes.

`judge` takes a resolved `Attendance` and evaluates the body's quorum rule on the
posts validly represented, then explains it: each clause with its status and by
whom it is met, for each unmet clause what is missing and which members (or the
substitutes the ToR allows) could fill it, who was present but does not count
and why, and the votes as the body's voting rule gives them. `to_dict` is the
documented JSON shape of `torctl check-quorum --format json`; `render` the text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, assert_never

from ..findings import Finding, Loc, finding
from ..model import UNSET_QUORUM, Agency, Body, Member, NoQuorum, QuorumNotStated
from ..model.provenance import readings
from ..rules.attendance import Attendance, Seat, person_label, substitute_options
from ..rules.quorum import Clause, agency_label, evaluate, join_words, matches, succession_notes, unmet_leaves
from ..rules.statute import Provision, kind_words, no_statute
from ..rules.statute import quorum as statutory_quorum
from ..rules.words import decides_at_a_meeting, describe, voting_at_a_meeting

if TYPE_CHECKING:  # pragma: no cover
    from ..model.records import AttendanceRecord, ItemRecord
    from ..rules.meeting import Declaration, SeatKey


class Votes(NamedTuple):
    """The votes at a meeting under the body's voting rule."""

    method: str
    total: int | None  # None: the ToR sets no votes (consensus) or does not say
    holders: list[dict[str, Any]]  # one per vote: the agency or post, and who can cast it
    note: str


QuorumAnswer = Literal["quorate", "not-quorate", "no-quorum", "depends-on-chair", "cannot-tell"]
# The quorum answer in a table cell (`attendance`, `meeting check --all`).
QUORATE_CELL: dict[QuorumAnswer, str] = {
    "quorate": "yes",
    "not-quorate": "NO",
    "no-quorum": "no quorum",
    "depends-on-chair": "chair decides",
    "cannot-tell": "cannot tell",
}


@dataclass
class Verdict:
    body: Body
    agencies: Mapping[str, Agency]
    attendance: Attendance
    clause: Clause
    votes: Votes
    date: dt.date | None = None
    law: Provision | None = None  # the quorum the law sets, where the ToR states none
    chair: bool | None = None  # the chair's recorded decision on whether the meeting went ahead
    doubts: list[str] = field(default_factory=list)  # what the record does not hold that the answer needs
    pending: list[str] = field(default_factory=list)  # who stopped counting until the chair decides

    @property
    def quorate(self) -> bool | None:
        return self.clause.satisfied

    @property
    def answer(self) -> QuorumAnswer:
        """`quorate`, `not-quorate`; `no-quorum` where the ToR sets none; `depends-on-chair` where the ToR leaves it
        to the chair and no decision is recorded; `cannot-tell` where the ToR states none and no law sets one, or
        the record does not hold what the answer needs."""
        rule = self.body.quorum
        if self.doubts:
            return "cannot-tell"
        if isinstance(rule, NoQuorum):
            if rule.decided_by == "chair":
                return "depends-on-chair" if self.chair is None else ("quorate" if self.chair else "not-quorate")
            return "no-quorum"
        if self.quorate is None:
            return "cannot-tell"
        if self.quorate is False and self.pending:
            return "depends-on-chair"
        return "quorate" if self.quorate else "not-quorate"

    # -------------------------------------------------------- pieces of the explanation

    def _post(self, member: Member) -> dict[str, Any]:
        return {"post": member.id, "role": member.role, "holder": member.holder, "agency": member.agency}

    def people(self, post_ids: list[str]) -> list[str]:
        """Who makes a clause hold: the people in the seats of these posts."""
        return [s.label for s in self.attendance.seats if s.counts and s.member is not None and s.member.id in post_ids]

    def clause_dict(self, clause: Clause) -> dict[str, Any]:
        data: dict[str, Any] = {"rule": clause.rule.rule, "text": clause.text, "status": clause.status}
        if isinstance(clause.rule, UNSET_QUORUM):
            data["reason"] = clause.rule.reason
        elif clause.children:
            data["clauses"] = [self.clause_dict(c) for c in clause.children]
        else:
            data.update(
                have=clause.have,
                need=clause.need,
                short=clause.shortfall,
                met_by=clause.met_by,
                people=self.people(clause.met_by),
                missing=clause.missing,
                could_fill=[] if clause.satisfied else clause.candidates,
            )
        if clause.rule.text:
            data["tor_text"] = clause.rule.text
        if clause.rule.reading:
            data["reading"] = clause.rule.reading
        return data

    def missing(self) -> list[dict[str, Any]]:
        gaps = []
        for path, leaf, alternative in unmet_leaves(self.clause):
            gaps.append(
                {
                    "clause": leaf.text,
                    "path": list(path),
                    "alternative": alternative,
                    "have": leaf.have,
                    "need": leaf.need,
                    "short": leaf.shortfall,
                    "agencies": [{"id": a, "name": agency_label(self.agencies, a)} for a in leaf.missing],
                }
            )
        return gaps

    def could_fill(self) -> list[dict[str, Any]]:
        """Members who could close a gap, what they are doing now, and who could stand in for them."""
        apologies = {m.id for m in self.attendance.apologies}
        out: dict[str, dict[str, Any]] = {}
        for path, leaf, _ in unmet_leaves(self.clause):
            for post in leaf.candidates:
                member = self.body.member(post)
                if member is None:  # pragma: no cover - candidates are the body's posts
                    continue
                entry = out.setdefault(
                    post,
                    {
                        **self._post(member),
                        "status": "sent apologies"
                        if post in apologies
                        else (
                            "present, but does not count for this item"
                            if self._seated(post, "member")
                            else "a substitute who does not count attends"
                            if self._seated(post)
                            else "attends when relevant"
                            if self.body.attends(member) == "when-relevant"
                            else "not attending"
                        ),
                        "substitutes": substitute_options(self.body, self.agencies, member),
                        "clauses": [],
                    },
                )
                entry["clauses"].append(list(path))
        return list(out.values())

    def _seated(self, post: str, capacity: str | None = None) -> bool:
        return any(
            s.member is not None and s.member.id == post and capacity in (None, s.capacity)
            for s in self.attendance.seats
        )

    def counted(self) -> list[dict[str, Any]]:
        return [self._seat(s) for s in self.attendance.seats if s.counts]

    def not_counted(self) -> list[dict[str, Any]]:
        return [self._seat(s) for s in self.attendance.seats if not s.counts]

    def _seat(self, seat: Seat) -> dict[str, Any]:
        data: dict[str, Any] = {"person": seat.person, "as": seat.capacity}
        if seat.member is not None:
            data.update(post=seat.member.id, role=seat.member.role, agency=seat.agency)
        if seat.capacity == "substitute":
            data["delegated_authority"] = seat.authority
        if seat.assumed:
            data["assumed"] = True
        if seat.reason:
            data["reason"] = seat.reason
        if seat.caveat:
            data["caveat"] = seat.caveat
        return data

    def absent(self) -> list[dict[str, Any]]:
        """Members expected at every meeting who are neither present, represented, nor sent apologies."""
        return [
            self._post(m)
            for m in self.body.members
            if not m.is_vacant and self.body.expected(m) and self.attendance.attended(m) == "absent"
        ]

    def readings(self) -> list[str]:
        """What the verdict takes as read: torctl's readings of the quorum, voting and seated classes' rules."""
        marked = readings(self.body.quorum) + readings(self.body.voting)
        seated = dict.fromkeys(s.member.member_class for s in self.attendance.seats if s.member is not None)
        for member_class in seated:
            rule = self.body.membership_classes.get(member_class)
            if rule is not None and rule.reading:
                marked += readings(rule)
        if any(s.capacity == "substitute" for s in self.attendance.seats):
            marked += readings(self.body.substitution)
        words = [m.words for m in marked]
        # the readings on the posts the verdict counts: which agency a post is read as belonging to, say
        for post in self._relied_on():
            member = self.body.member(post)
            if member is not None and member.reading:
                words.append(f"{member.role} [{member.id}]: {member.reading.strip()}")
        return list(dict.fromkeys(words))

    def _relied_on(self) -> list[str]:
        """The posts whose seats make a clause hold (or count toward one): the verdict relies on how each is read."""
        found: list[str] = []
        stack = [self.clause]
        while stack:
            clause = stack.pop(0)
            stack += clause.children
            found += [p for p in clause.met_by if p not in found]
        return found

    def decisions(self) -> str | None:
        """Whether the body decides at all, where the ToR says it does not."""
        return decides_at_a_meeting(self.body.governance.decision_making)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape documented in docs/meetings.md."""
        rule = self.body.quorum
        return {
            "body": self.body.id,
            "name": self.body.name,
            "date": self.date.isoformat() if self.date else None,
            "mode": "forecast" if self.attendance.forecast else "attendance",
            "answer": self.answer,
            "quorate": self.quorate,
            "quorum": describe(self.clause.rule, self.body, self.agencies),
            "law": str(self.law) if self.law else None,
            "legal_basis": self.body.legal_basis.kind,
            "doubts": self.doubts,
            "reason": rule.reason if isinstance(rule, UNSET_QUORUM) else None,
            "quorum_stated": not isinstance(rule, QuorumNotStated),
            "clauses": self.clause_dict(self.clause),
            "missing": self.missing(),
            "could_fill": self.could_fill(),
            "counted": self.counted(),
            "not_counted": self.not_counted(),
            "apologies": [self._post(m) for m in self.attendance.apologies],
            "absent": [] if self.attendance.forecast else self.absent(),
            "votes": {
                "method": self.votes.method,
                "total": self.votes.total,
                "by": self.votes.holders,
                "note": self.votes.note,
                "scope": self.body.voting.scope,
            },
            "decides": self.body.governance.decision_making.decides,
            "readings": self.readings(),
            "succession": succession_notes(self.body, self.agencies),
            "caveats": list(dict.fromkeys(s.caveat for s in self.attendance.seats if s.caveat)),
        }


def judge(
    body: Body,
    agencies: Mapping[str, Agency],
    attendance: Attendance,
    date: dt.date | None = None,
    eligible: Collection[Seat] | None = None,
) -> Verdict:
    """The verdict on `attendance`; `eligible`, where given, are the seats that may vote (else those that count)."""
    rule, law = body.quorum, None
    if isinstance(rule, QuorumNotStated) and (statutory := statutory_quorum(body)) is not None:
        rule, law = statutory
    clause = evaluate(body, agencies, attendance.represented(), rule)
    votes = count_votes(body, agencies, attendance, eligible)
    return Verdict(body, agencies, attendance, clause, votes, date, law)


def count_votes(
    body: Body, agencies: Mapping[str, Agency], attendance: Attendance, eligible: Collection[Seat] | None = None
) -> Votes:
    """Votes as the body's voting rule gives them, from the seats that count (or the `eligible` seats)."""
    voting = body.voting
    match voting.method:
        case "consensus" | "not-stated":
            return Votes(voting.method, None, [], voting_at_a_meeting(voting))
        case "one-per-agency" | "one-per-member":
            pass
        case unknown:  # pragma: no cover - the model admits no other method
            assert_never(unknown)
    voters, unclear = _voters(body, agencies, attendance, eligible)
    if voting.method == "one-per-agency":
        by_agency: dict[str | None, list[str]] = {}
        for person, member in voters:
            by_agency.setdefault(member.agency, []).append(person)
        holders = [{"agency": a, "name": agency_label(agencies, a), "cast_by": cast} for a, cast in by_agency.items()]
    else:
        holders = [{"post": member.id, "role": member.role, "cast_by": [person]} for person, member in voters]
    return Votes(voting.method, len(holders), holders, voting_at_a_meeting(voting, unclear))


def _voters(
    body: Body, agencies: Mapping[str, Agency], attendance: Attendance, eligible: Collection[Seat] | None
) -> tuple[list[tuple[str, Member]], list[str]]:
    """(each person who votes, with their post; each person the ToR does not say may vote or not).

    From the seats that count, or from the `eligible` seats; either way only the voters the rule names.
    """
    pool = attendance.seats if eligible is None else [s for s in attendance.seats if s in eligible]
    seats = [
        (s.person, s.member)
        for s in pool
        if (s.counts or eligible is not None)
        and s.member is not None
        and matches(body, agencies, s.member, body.voting.voters)
    ]
    voters = [(person, member) for person, member in seats if body.votes(member) is True]
    return voters, [person for person, member in seats if body.votes(member) is None]


# ---------------------------------------------------------------- text


def render(verdict: Verdict) -> tuple[str, str]:
    """(headline, details): the headline is what a terminal colours."""
    data = verdict.to_dict()
    lines = _quorum_lines(verdict, data)
    lines += _could_fill_lines(verdict, data["could_fill"])
    lines += _not_counted_lines(verdict, data["not_counted"])
    lines += _attendance_notes(verdict, data)
    lines.append("")
    decisions = verdict.decisions()
    if decisions:
        lines.append(f"Decisions: {decisions}.")
    lines.append(_votes_line(verdict.votes))
    return _headline(verdict), "\n".join(lines)


def _headline(verdict: Verdict) -> str:
    body = verdict.body
    when = f" on {verdict.date.isoformat()}" if verdict.date else ""
    answer = verdict.answer
    if isinstance(body.quorum, QuorumNotStated) and verdict.law is None:
        return (
            f"{body.name}{when}: NO QUORUM STATED — cannot tell: the ToR does not say what makes this meeting quorate"
        )
    if answer == "cannot-tell":
        return f"{body.name}{when}: CANNOT TELL — the record does not hold what the answer needs"
    if answer == "depends-on-chair" and verdict.pending:
        return f"{body.name}{when}: DEPENDS ON THE CHAIR'S DECISION — not quorate unless the chair lets them take part"
    if answer == "depends-on-chair":
        return f"{body.name}{when}: NO QUORUM RULE — it depends on the chair's decision"
    if verdict.quorate is None and answer == "no-quorum":
        return f"{body.name}{when}: NO QUORUM RULE — the ToR sets no quorum"
    if verdict.quorate is None:
        decided = "the chair decided it goes ahead" if answer == "quorate" else "the chair decided it does not"
        return f"{body.name}{when}: NO QUORUM RULE — {decided}"
    forecast = verdict.attendance.forecast
    mode = " (forecast: everyone expected attends except those who sent apologies)" if forecast else ""
    return f"{body.name}{when}: {'QUORATE' if verdict.quorate else 'NOT QUORATE'}{mode}"


def _quorum_lines(verdict: Verdict, data: dict[str, Any]) -> list[str]:
    body = verdict.body
    if isinstance(body.quorum, QuorumNotStated) and verdict.law is None:
        lines = [
            "The terms of reference say nothing about a quorum, and "
            f"{no_statute(body)}, so torctl cannot say whether this meeting is quorate."
        ]
        return lines + ([f"({data['reason'].strip()})"] if data["reason"] else [])
    if verdict.quorate is None:
        lines = [f"Reason (from the ToR): {data['reason'].strip()}"]
        return lines + _chair_lines(verdict)
    doubts = [f"Cannot tell: {d}." for d in verdict.doubts]
    if verdict.law is not None:
        said = f"the ToR states none; the law for {kind_words(body)}: {verdict.law}"
        return [f"Quorum ({said}): {data['quorum']}.", *_clause_lines(verdict, verdict.clause, "  "), *doubts]
    return [f"Quorum: {data['quorum']}.", *_clause_lines(verdict, verdict.clause, "  "), *doubts]


def _chair_lines(verdict: Verdict) -> list[str]:
    """What the chair decided about the meeting going ahead, where the ToR leaves it to the chair."""
    rule = verdict.body.quorum
    if not isinstance(rule, NoQuorum) or rule.decided_by != "chair":
        return []
    decided = {
        None: "no decision of the chair's is recorded",
        True: "the chair decided it could go ahead",
        False: "the chair decided it could not go ahead",
    }[verdict.chair]
    return [f"The ToR leaves it to the chair whether the meeting goes ahead: {decided}."]


def _could_fill_lines(verdict: Verdict, gaps: list[dict[str, Any]]) -> list[str]:
    if not gaps:
        return []
    if verdict.attendance.forecast:
        intro = (
            "To be quorate, confirm that one of these attends, or that a substitute who counts attends in their place:"
        )
    else:
        intro = "Could fill the gap: one of these members, or a substitute who counts in their place:"
    lines = ["", intro]
    for entry in gaps:
        who = entry["role"] + (f", {entry['holder']}" if entry["holder"] else "")
        lines.append(
            f"  - {who} [{entry['post']}], {agency_label(verdict.agencies, entry['agency'])}: {entry['status']}"
        )
        if entry["substitutes"]["allowed"]:
            lines.append(f"      or in their place: {entry['substitutes']['text']}")
    return lines


def _not_counted_lines(verdict: Verdict, seats: list[dict[str, Any]]) -> list[str]:
    if not seats:
        return []
    lines = ["", "Expected but not counted:" if verdict.attendance.forecast else "Present but not counted:"]
    for seat in seats:
        stands = f" for {seat['role']}" if seat["as"] == "substitute" else ""
        lines.append(f"  - {seat['person']}{stands}: {seat['reason']}")
    return lines


def _attendance_notes(verdict: Verdict, data: dict[str, Any]) -> list[str]:
    """Caveats, apologies, absences, and what the verdict read into the ToR."""
    lines: list[str] = []
    if data["caveats"]:
        lines += ["", *(f"Note: {c}" for c in data["caveats"])]
    if data["apologies"]:
        lines += ["", "Apologies: " + "; ".join(person_label(m) for m in verdict.attendance.apologies)]
    if data["absent"] and verdict.date is not None:
        lines.append("Absent without apologies: " + "; ".join(a["role"] for a in data["absent"]))
    if data["readings"] or data["succession"]:
        lines += ["", *(f"Reading: {a}" for a in data["readings"])]
        lines += [f"Succession: {a}." for a in data["succession"]]
    return lines


def _votes_line(votes: Votes) -> str:
    if votes.total is None:
        return f"Votes: none counted; {votes.note}."
    held = "; ".join(_holder(h) for h in votes.holders)
    return f"Votes: {votes.total} ({votes.note}){': ' + held if held else ''}."


SHOW = 6  # people listed per clause in text; JSON lists everyone


def _holder(holder: dict[str, Any]) -> str:
    if "post" in holder and len(holder["cast_by"]) == 1 and holder["cast_by"][0].endswith(f"({holder['role']})"):
        return str(holder["cast_by"][0])  # the post's holder, already named with the role: "Cllr Ann Archer (Chair)"
    name = str(holder.get("name") or holder["role"])
    others = [p for p in holder["cast_by"] if p != name]
    return f"{name} ({', '.join(others)})" if others else name


def _clause_lines(verdict: Verdict, clause: Clause, indent: str) -> list[str]:
    mark = {"met": "[met]  ", "unmet": "[unmet]", "no-quorum": "[none] ", "not-stated": "[none] "}[clause.status]
    if clause.children:
        join = "all of" if clause.rule.rule == "all-of" else "any of"
        lines = [f"{indent}{mark} {join}:"]
        for child in clause.children:
            lines += _clause_lines(verdict, child, indent + "    ")
        return lines
    if isinstance(clause.rule, UNSET_QUORUM):
        return [f"{indent}{mark} {clause.text}"]
    lines = [f"{indent}{mark} {clause.text}: {clause.have} of {clause.need}"]
    people = verdict.people(clause.met_by)
    if people:
        more = f" and {len(people) - SHOW} more" if len(people) > SHOW else ""
        lines.append(f"{indent}        by: {'; '.join(people[:SHOW])}{more}")
    if clause.missing:
        lines.append(
            f"{indent}        missing: {join_words([agency_label(verdict.agencies, a) for a in clause.missing])}"
        )
    elif clause.shortfall:
        nouns = (
            ("agency", "agencies")
            if getattr(clause.rule, "counting", "members") == "agencies"
            else ("member", "members")
        )
        lines.append(f"{indent}        missing: {clause.shortfall} more {nouns[clause.shortfall != 1]}")
    return lines


# ---------------------------------------------------------------- one item, and who stopped counting for it


class ItemJudged(NamedTuple):
    """What a verdict is for: an item of the record (`recorded`), an item known only by what it was called
    (`ref`, a label), or, with neither, the meeting as a whole."""

    ref: str | None = None  # the number, title or label the item was called by
    recorded: ItemRecord | None = None
    record: AttendanceRecord | None = None

    @classmethod
    def called(cls, ref: str | None, record: AttendanceRecord | None) -> ItemJudged | None:
        """The item `ref` calls: the record's, where the record lists items (None if none is called so),
        else a label."""
        if ref is None or record is None or not record.items:
            return cls(ref)
        found = record.item(ref)
        return None if found is None else cls(ref, found, record)

    @property
    def label(self) -> str:
        if self.recorded is not None:
            return f"item {self.recorded.number}"
        return "the meeting" if self.ref is None else f"item {self.ref}"

    def is_called(self, ref: str) -> bool:
        """Whether `ref` (a number, title or label) calls the item judged."""
        if self.recorded is not None and self.record is not None:
            return self.record.item(ref) is self.recorded
        return " ".join(ref.split()).casefold() == " ".join((self.ref or "").split()).casefold()

    def to_dict(self) -> dict[str, Any] | None:
        if self.ref is None:
            return None
        found = self.recorded
        return {"ref": self.ref, "number": found.number if found else None, "title": found.title if found else None}


def for_item(
    body: Body,
    agencies: Mapping[str, Agency],
    attendance: Attendance,
    date: dt.date | None,
    *,
    judged: ItemJudged,
    declarations: Sequence[Declaration] = (),
    remote: Collection[SeatKey] = (),
    not_recorded: Collection[str] = (),
) -> tuple[Verdict, dict[str, Any]]:
    """The verdict for one item, and what the item changed: who stopped counting, the assumptions made.

    For an item of the record, who arrived after it or left before it, and the interests the record
    declares in it, count as the record says (with the chair's recorded decisions on them); `declarations` add
    interests declared in it, and the `remote` seats attend remotely. Where the record does not hold the
    declarations (`not_recorded`), the verdict on an item cannot tell. Raises `FindingError` for a person who is not
    there or does not resolve, an interest of a kind the ToR does not name, or a record whose comings
    and goings cannot be right; each finding carries the `loc` of what it is about.
    """
    from ..findings import FindingError
    from ..rules.attendance import People, Unresolved
    from ..rules.meeting import (
        away_for,
        chair_rulings,
        comings_and_goings,
        declaration_effects,
        find_seat,
        item_seats,
        key,
        recorded_declarations,
        remote_effects,
        ruling,
    )
    from ..rules.procedure import Effect

    people = People(body)
    problems: list[Finding] = []
    effects: list[tuple[Seat, Effect]] = []
    absent: dict[SeatKey, str] = {}

    def seat_of(loc: Loc, text: str) -> Seat | None:
        try:
            return find_seat(people, attendance.seats, text)
        except Unresolved as exc:
            problems.append(finding(exc.code, exc.message, loc=loc))
            return None

    effects += remote_effects(body, attendance, remote)
    doubts: list[str] = []
    chair_quorum = None
    if judged.recorded is not None and judged.record is not None:
        index = judged.record.items.index(judged.recorded)
        arrives, leaves = comings_and_goings(judged.record, seat_of, problems)
        absent = away_for(arrives, leaves, index, judged.label)
        rulings = chair_rulings(judged.record, seat_of, problems)
        chair_quorum = ruling(rulings, "quorum", index)
        effects += declaration_effects(
            body,
            recorded_declarations(judged.recorded, index),
            seat_of,
            problems,
            lambda seat: ruling(rulings, "interest", index, key(seat)),
        )
    if judged.ref is not None and "declarations" in not_recorded:
        doubts.append("the record does not say who declared an interest in this item")
    effects += declaration_effects(body, declarations, seat_of, problems)
    if problems:
        raise FindingError(problems)
    seats = item_seats(body, agencies, attendance, absent=absent, effects=effects)
    verdict = judge(body, agencies, seats.attendance, date, eligible=seats.eligible)
    verdict.chair, verdict.doubts, verdict.pending = chair_quorum, doubts, seats.pending
    stopped = [
        {"person": s.label, "post": s.member.id if s.member else None, "reason": why} for s, why in seats.stopped
    ]
    extra = {"item": judged.to_dict(), "stopped_counting": stopped, "assumptions": seats.assumptions}
    return verdict, extra | {"chair_decides": seats.pending}


def render_item(verdict: Verdict, extra: dict[str, Any]) -> tuple[str, str]:
    """The text of a verdict for one item: the usual verdict, who stopped counting for it and why, what was assumed."""
    headline, details = render(verdict)
    ref = extra["item"]
    if ref is not None:
        name = f"item {ref['number']} ({ref['title']})" if ref["number"] else f"item {ref['ref']}"
        cut = len(verdict.body.name) + (len(f" on {verdict.date.isoformat()}") if verdict.date else 0)
        headline = f"{headline[:cut]}, {name}{headline[cut:]}"
    lines = [details]
    if extra["stopped_counting"]:
        lines += ["", "Stopped counting or voting for this item:" if ref else "Stopped counting or voting:"]
        lines += [f"  - {s['person']}: {s['reason']}" for s in extra["stopped_counting"]]
    if extra["chair_decides"]:
        lines += ["", "Rests on the chair's decision:"]
        lines += [f"  - {a}" for a in extra["chair_decides"]]
    if extra["assumptions"]:
        lines += ["", "Assumed, or taken from the law, where the ToR is silent:"]
        lines += [f"  - {a}" for a in extra["assumptions"]]
    return headline, "\n".join(lines)
