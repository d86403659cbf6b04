"""A meeting item by item: who was there for each item, who counted, who could vote, and what cannot be right.

From a resolved attendance, each item's seats follow from the record: people who
arrive later or leave earlier are absent from it; a member who declared an
interest, or attends remotely, counts and votes only as the ToR's `procedure`
(or, where silent, the stated assumption in `torctl.rules.procedure`) allows.
`meeting_items` also returns the record's problems, each at its place in the
record, so that `torctl validate` reports them and `torctl meeting check` refuses
a record it cannot read; the verdicts themselves are in `torctl.meetings.validity`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

from ..model import Agency, Body
from ..findings import Code, Finding, Loc, finding
from .attendance import (
    Attendance,
    Name,
    People,
    Seat,
    StandIn,
    Unresolved,
    _norm,
    post_label,
    resolve,
    stand_ins,
    written,
)
from .procedure import Effect, ProcedureError, interest_effect, remote_effect
from .quorum import matches
from .statute import voting_law
from .voting import VoteError, decide

if TYPE_CHECKING:  # pragma: no cover - records are read only by the commands that take one
    from ..model.records import AttendanceRecord, DecisionRecord, ItemRecord, NamedVotes, VoteRecord

SeatKey = tuple[str, str | None, str]


def key(seat: Seat) -> SeatKey:
    return (seat.person, seat.member.id if seat.member else None, seat.capacity)


def find_seat(people: People, seats: Sequence[Seat], text: str) -> Seat:
    """The attendee `text` names: a person's name as seated, else the post they hold or stand in for."""
    named = [s for s in seats if _norm(s.person) == _norm(text)]
    if len(named) == 1:
        return named[0]
    member = people.member(text)  # raises Unresolved for an unknown name
    held = [s for s in seats if s.member is not None and s.member.id == member.id]
    if not held:
        raise Unresolved(
            Code.A006,
            f"'{text}' ({post_label(member)}) is not recorded as attending this meeting; list everyone who attended "
            "at any point under present (or remote, or substitutes): an item's arrived and left only say when",
        )
    return next((s for s in held if s.capacity == "member"), held[0])


def voting_seats(body: Body, agencies: Mapping[str, Agency], seats: Iterable[Seat]) -> list[Seat]:
    """Of `seats`, those the voting rule lets vote: members (or counting substitutes) whose vote is not ruled out."""
    return [
        s
        for s in seats
        if s.member is not None
        and matches(body, agencies, s.member, body.voting.voters)
        and body.votes(s.member) is not False
    ]


class Limits(NamedTuple):
    """How many votes there can be: voters present for the item, the voting membership, and with vacancies."""

    present: int
    membership: int
    whole: int


def voters_for_limit(
    body: Body, agencies: Mapping[str, Agency], seats: ItemSeats, vote: VoteRecord
) -> tuple[int, str | None]:
    """(the voters a vote is checked against, why the votes exceed those entitled to vote, if they do).

    Named votes are checked name by name, so the names bound them. Counted votes above the members
    entitled to vote but within everyone there who could have raised a hand mean someone voted who
    may not (a remote attendee, a member with an interest): a decision not validly taken, not an
    impossible record.
    """
    cast = sum(vote.tally())
    entitled = vote_limits(body, agencies, seats.eligible).present
    if vote.named is not None:
        return max(entitled, cast), None
    there = vote_limits(body, agencies, voting_seats(body, agencies, seats.attendance.seats)).present
    if entitled < cast <= there:
        return there, f"{cast} votes and abstentions, but only {entitled} of those there may vote on it"
    return entitled, None


def vote_limits(body: Body, agencies: Mapping[str, Agency], eligible: Sequence[Seat]) -> Limits:
    posts = [m for m in body.members if matches(body, agencies, m, body.voting.voters) and body.votes(m) is not False]
    if body.voting.method == "one-per-agency":
        return Limits(
            len({s.member.agency for s in eligible if s.member is not None}),
            len({m.agency for m in posts if not m.is_vacant}),
            len({m.agency for m in posts}),
        )
    return Limits(
        len({s.member.id for s in eligible if s.member is not None}),
        len([m for m in posts if not m.is_vacant]),
        len(posts),
    )


@dataclass
class ItemSeats:
    """Who was at the table for one item, as the ToR counts them."""

    attendance: Attendance  # seats present for the item, `counts` as adjusted for the item
    eligible: list[Seat]  # the seats that may vote on it
    stopped: list[tuple[Seat, str]] = field(default_factory=list)  # who stopped counting or voting, and why
    barred: dict[SeatKey, str] = field(default_factory=dict)  # seat -> why they may not vote
    assumptions: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)  # what waits on a decision the ToR leaves to the chair


def item_seats(
    body: Body,
    agencies: Mapping[str, Agency],
    attendance: Attendance,
    *,
    absent: Mapping[SeatKey, str] | None = None,
    effects: Iterable[tuple[Seat, Effect]] = (),
) -> ItemSeats:
    """The seats for one item: `absent` seats left out, each effect (an interest, remote attendance) applied."""
    absent = absent or {}
    by_seat: dict[SeatKey, list[Effect]] = {}
    for seat, effect in effects:
        by_seat.setdefault(key(seat), []).append(effect)
    seats: list[Seat] = []
    eligible: list[Seat] = []
    result = ItemSeats(Attendance(seats, list(attendance.apologies), attendance.forecast), eligible)
    for seat in attendance.seats:
        k = key(seat)
        if k in absent:
            if seat.counts:
                result.stopped.append((seat, absent[k]))
            continue
        counts, votes, reasons = seat.counts, seat.counts, []
        for effect in by_seat.get(k, []):
            result.assumptions += [a for a in effect.assumptions if a not in result.assumptions]
            if effect.pending and effect.pending not in result.pending:
                result.pending.append(effect.pending)
            if effect.reason:
                reasons.append(effect.reason)
            counts = counts and effect.counts
            votes = votes and effect.may_vote
        if seat.counts and reasons:
            result.stopped.append((seat, "; ".join(reasons)))
        if seat.counts and not votes:
            result.barred[k] = "; ".join(reasons)
        new = seat if counts == seat.counts else seat._replace(counts=False, reason="; ".join(reasons))
        seats.append(new)
        if votes:
            eligible.append(new)
    result.eligible[:] = voting_seats(body, agencies, eligible)
    return result


# ---------------------------------------------------------------- a meeting record, item by item


@dataclass
class MeetingItems:
    """A record resolved item by item."""

    attendance: Attendance
    items: list[tuple[ItemRecord, ItemSeats]]
    problems: list[Finding]  # the record cannot be right: unknown people, impossible votes
    conduct: list[Finding]  # the record is readable but shows a rule broken (a vote by a member barred from voting)
    whole: Attendance | None = None  # the meeting as a whole, as `meeting_attendance` gives it (remote rules applied)
    doubts: list[Finding] = field(default_factory=list)  # the record contradicts itself: a verdict cannot tell
    rulings: Rulings = field(default_factory=dict)  # the chair's recorded decisions


def resolve_attending(
    body: Body,
    agencies: Mapping[str, Agency],
    *,
    present: Sequence[Name] = (),
    remote: Sequence[Name] = (),
    substitutes: Sequence[StandIn] = (),
    apologies: Sequence[Name] = (),
    observers: Sequence[str] = (),
    forecast: bool = False,
) -> tuple[Attendance, list[Finding], dict[SeatKey, Loc]]:
    """An attendance with members attending remotely (`remote`) and substitutes who do (`StandIn.remote`) resolved
    too; and the remote seats, with where each was written. The one path for `check-quorum`, `meeting check` and
    `attendance`: remote attendees then count and vote only as `remote_effect` allows."""
    attendance, problems = resolve(
        body,
        agencies,
        present=[*present, *remote],
        substitutes=substitutes,
        apologies=apologies,
        observers=observers,
        forecast=forecast,
    )
    people = People(body)
    seats: dict[SeatKey, Loc] = {}
    members = [s for s in attendance.seats if s.capacity == "member"]
    for name in remote:
        try:
            post = people.member(name.text).id
        except Unresolved:
            continue  # already a problem
        seat = next((s for s in members if s.member is not None and s.member.id == post), None)
        if seat is not None:
            seats[key(seat)] = name.loc
    for entry in substitutes:
        if entry.remote:
            seat = next((s for s in attendance.seats if s.capacity == "substitute" and s.person == entry.name), None)
            if seat is not None:
                seats[key(seat)] = entry.loc
    return attendance, problems, seats


def resolve_meeting(
    body: Body, agencies: Mapping[str, Agency], record: AttendanceRecord
) -> tuple[Attendance, list[Finding], dict[SeatKey, Loc]]:
    """The record's attendance, remote attendees resolved too; and the remote seats, with where each is recorded."""
    return resolve_attending(
        body,
        agencies,
        present=written("present", record.present),
        remote=written("remote", record.remote),
        substitutes=stand_ins(record.substitutes),
        apologies=written("apologies", record.apologies),
        observers=record.observers,
    )


def remote_effects(body: Body, attendance: Attendance, remote: Collection[SeatKey]) -> list[tuple[Seat, Effect]]:
    """What attending remotely does to each remote seat, under the ToR (or the law, or an assumption)."""
    return [
        (s, remote_effect(body, substitute=s.capacity == "substitute")) for s in attendance.seats if key(s) in remote
    ]


SeatOf = Callable[[Loc, str], "Seat | None"]


def comings_and_goings(
    record: AttendanceRecord, seat_of: SeatOf, problems: list[Finding]
) -> tuple[dict[SeatKey, int], dict[SeatKey, int]]:
    """Who arrived late (the index of the item they arrived for) and who left early (the first item they missed)."""
    numbers: dict[str, int] = {}
    arrives: dict[SeatKey, int] = {}
    leaves: dict[SeatKey, int] = {}
    for index, item in enumerate(record.items):
        if item.number.casefold() in numbers:
            problems.append(
                finding(
                    Code.A010,
                    f"item {item.number} is listed twice (also item {numbers[item.number.casefold()] + 1} in the list)",
                    loc=("items", index, "number"),
                )
            )
        numbers.setdefault(item.number.casefold(), index)
        for field_name, table in (("arrived", arrives), ("left", leaves)):
            for j, text in enumerate(getattr(item, field_name)):
                seat = seat_of(("items", index, field_name, j), text)
                if seat is None:
                    continue
                if key(seat) in table:
                    problems.append(
                        finding(
                            Code.A004,
                            f"{seat.label} is recorded as having {field_name} twice",
                            loc=("items", index, field_name, j),
                        )
                    )
                    continue
                table[key(seat)] = index
    for k in set(arrives) & set(leaves):
        if leaves[k] <= arrives[k]:
            problems.append(
                finding(
                    Code.A004,
                    f"{k[0]} is recorded as leaving before (or as) they arrived",
                    loc=("items", leaves[k], "left"),
                )
            )
    return arrives, leaves


def away_for(
    arrives: Mapping[SeatKey, int], leaves: Mapping[SeatKey, int], index: int, label: str
) -> dict[SeatKey, str]:
    """The seats away for the item at `index`, and why."""
    absent = {k: f"arrived after {label}" for k, at in arrives.items() if at > index}
    return absent | {k: f"left before {label}" for k, at in leaves.items() if at <= index}


class Declaration(NamedTuple):
    """A declaration of interest in an item: who (as written), of what kind (None: not said), with a dispensation
    or not, and where it was written. Findings about the person carry `(*loc, "person")`, about the kind
    `(*loc, "kind")`."""

    person: str
    loc: Loc
    kind: str | None = None
    dispensation: bool = False


def recorded_declarations(item: ItemRecord, index: int) -> list[Declaration]:
    """The declarations a record makes for its item at `index`, each at its place in the record."""
    return [
        Declaration(d.person, ("items", index, "declarations", j), d.kind, d.dispensation)
        for j, d in enumerate(item.declarations)
    ]


def declaration_effects(
    body: Body,
    declarations: Iterable[Declaration],
    seat_of: SeatOf,
    problems: list[Finding],
    chair: Callable[[Seat], bool | None] | None = None,
) -> list[tuple[Seat, Effect]]:
    """The effect of each declaration of interest on the seat of the person who made it; `chair` gives the chair's
    recorded decision on whether that person may take part, where the ToR leaves it to the chair."""
    effects: list[tuple[Seat, Effect]] = []
    for declaration in declarations:
        seat = seat_of((*declaration.loc, "person"), declaration.person)
        if seat is None:
            continue
        allowed = chair(seat) if chair is not None else None
        try:
            effect = interest_effect(
                body, declaration.kind, dispensation=declaration.dispensation, chair=allowed, who=seat.label
            )
            effects.append((seat, effect))
        except ProcedureError as exc:
            problems.append(finding(Code.A007, exc.message, loc=(*declaration.loc, "kind")))
    return effects


Rulings = dict[tuple[str, int | None, "SeatKey | None"], bool]
"""The chair's recorded decisions: (what on, the item's index or None for the meeting, the person's seat) -> allowed."""


def chair_rulings(record: AttendanceRecord, seat_of: SeatOf, problems: list[Finding]) -> Rulings:
    """The record's `chair_decisions`, each placed on its item and person; a finding for an item or person the
    record does not hold."""
    rulings: Rulings = {}
    for i, decision in enumerate(record.chair_decisions):
        index = None
        if decision.item is not None:
            found = record.item(decision.item)
            if found is None:
                listed = "; ".join(item.number for item in record.items) or "none"
                message = (
                    f"the chair's decision names item '{decision.item}', which the record does not list ({listed})"
                )
                problems.append(finding(Code.A012, message, loc=("chair_decisions", i, "item")))
                continue
            index = record.items.index(found)
        seat_key = None
        if decision.person is not None:
            seat = seat_of(("chair_decisions", i, "person"), decision.person)
            if seat is None:
                continue
            seat_key = key(seat)
        elif decision.about == "interest":
            message = "a chair's decision on an interest names the member it concerns (`person`)"
            problems.append(finding(Code.A012, message, loc=("chair_decisions", i)))
            continue
        rulings[(decision.about, index, seat_key)] = decision.allowed
    return rulings


def ruling(rulings: Rulings, on: str, index: int | None, seat: SeatKey | None = None) -> bool | None:
    """The chair's recorded decision on `on` for the item at `index` (or for the whole meeting), if any."""
    for where in (index, None):
        if (on, where, seat) in rulings:
            return rulings[(on, where, seat)]
    return None


def meeting_attendance(
    body: Body, agencies: Mapping[str, Agency], record: AttendanceRecord
) -> tuple[Attendance, list[Finding]]:
    """The meeting as a whole: the record's attendance with remote attendees counted only as the ToR allows."""
    attendance, problems, remote = resolve_meeting(body, agencies, record)
    return whole_meeting(body, agencies, attendance, remote_effects(body, attendance, remote)), problems


def whole_meeting(
    body: Body, agencies: Mapping[str, Agency], attendance: Attendance, effects: list[tuple[Seat, Effect]]
) -> Attendance:
    """The attendance of the meeting as a whole, with the remote attendees' `effects` applied (none: as it is)."""
    return item_seats(body, agencies, attendance, effects=effects).attendance if effects else attendance


def meeting_items(
    body: Body, agencies: Mapping[str, Agency], record: AttendanceRecord, *, chair_allows: bool | None = None
) -> MeetingItems:
    """The record resolved item by item, with every problem at its place in the record. Where the ToR leaves it to
    the chair whether a member with an interest takes part and the record holds no decision, the member does not
    (`chair_allows` None or False) or does (True): `meeting check` reads it both ways to see what waits on it."""
    return _RecordReading(body, agencies, record, chair_allows).read()


class _RecordReading:
    """One meeting record being read item by item: the attendance, and the findings so far."""

    def __init__(
        self, body: Body, agencies: Mapping[str, Agency], record: AttendanceRecord, chair_allows: bool | None = None
    ):
        self.body, self.agencies, self.record = body, agencies, record
        self.attendance, self.problems, remote = resolve_meeting(body, agencies, record)
        self.conduct: list[Finding] = []
        self.doubts: list[Finding] = []
        self.people = People(body)
        self.chair_allows = chair_allows
        self.rulings = chair_rulings(record, self.seat_of, self.problems)
        self.remote_effects = remote_effects(body, self.attendance, remote)

    def seat_of(self, loc: Loc, text: str) -> Seat | None:
        try:
            return find_seat(self.people, self.attendance.seats, text)
        except Unresolved as exc:
            self.problems.append(finding(exc.code, exc.message, loc=loc))
            return None

    def read(self) -> MeetingItems:
        arrives, leaves = comings_and_goings(self.record, self.seat_of, self.problems)
        items = [self.item(index, item, arrives, leaves) for index, item in enumerate(self.record.items)]
        whole = whole_meeting(self.body, self.agencies, self.attendance, self.remote_effects)
        return MeetingItems(self.attendance, items, self.problems, self.conduct, whole, self.doubts, self.rulings)

    def item(
        self, index: int, item: ItemRecord, arrives: Mapping[SeatKey, int], leaves: Mapping[SeatKey, int]
    ) -> tuple[ItemRecord, ItemSeats]:
        label = f"item {item.number}"
        absent = away_for(arrives, leaves, index, label)

        def chair(seat: Seat) -> bool | None:
            decided = ruling(self.rulings, "interest", index, key(seat))
            return self.chair_allows if decided is None else decided

        declared = declaration_effects(
            self.body, recorded_declarations(item, index), self.seat_of, self.problems, chair
        )
        effects = self.remote_effects + declared
        current = item_seats(self.body, self.agencies, self.attendance, absent=absent, effects=effects)
        decision = item.decision
        if decision is not None and decision.vote is not None:
            where: Loc = ("items", index, "decision")
            if decision.vote.named is not None:
                self.named_votes(label, current, decision.vote.named, (*where, "vote", "named"), absent)
            if (
                self.body.voting.method != "consensus"
            ):  # the verdict says a vote was recorded where the ToR decides by consensus
                self.counted_votes(label, current, decision, where, index)
        return item, current

    def named_votes(
        self, label: str, current: ItemSeats, named: NamedVotes, loc: Loc, absent: Mapping[SeatKey, str]
    ) -> None:
        """Each named voter: someone there for the item, voting once, and (unless abstaining) entitled to vote."""
        seen: dict[SeatKey, str] = {}
        present_keys = {key(s) for s in current.attendance.seats}
        for side, names in (("for", named.for_), ("against", named.against), ("abstain", named.abstain)):
            for j, text in enumerate(names):
                nloc: Loc = (*loc, side, j)
                seat = self.seat_of(nloc, text)
                if seat is None:
                    continue
                k = key(seat)
                if k in seen:
                    twice = f"{seat.label} is recorded as voting twice (also '{seen[k]}')"
                    self.problems.append(finding(Code.A004, twice, loc=nloc))
                    continue
                seen[k] = side
                if k not in present_keys:
                    away = f"{seat.label} voted on {label} but was not there for it ({absent.get(k, 'absent')})"
                    self.problems.append(finding(Code.A006, away, loc=nloc))
                elif side != "abstain" and (why := self.may_not_vote(seat, current)):
                    self.conduct.append(finding(Code.A008, f"{seat.label} voted on {label}{why}", loc=nloc))

    def may_not_vote(self, seat: Seat, current: ItemSeats) -> str | None:
        """Why `seat` may not vote on the item (worded to follow "X voted on item N"), or None."""
        k = key(seat)
        if k in current.barred:
            return f" but may not: {current.barred[k]}"
        if seat.member is None:
            return " but is an observer, not a member of the body: has no vote"
        if not any(key(e) == k for e in current.eligible):
            return " but has no vote under the ToR"
        if self.body.voting.chair_ordinary_vote is False and seat.member.id == self.body.chair.post:
            return ", but the ToR gives the chair no ordinary vote (only a casting vote)"
        return None

    def counted_votes(self, label: str, current: ItemSeats, decision: DecisionRecord, where: Loc, index: int) -> None:
        """The vote's counts: no more than could vote, and arithmetic the ToR's majority can decide."""
        vote = decision.vote
        if vote is None:  # pragma: no cover - only a decision with a vote is counted
            return
        loc: Loc = (*where, "vote")
        limits = vote_limits(self.body, self.agencies, current.eligible)
        votes_for, against, abstain = vote.tally()
        limit, excess = voters_for_limit(self.body, self.agencies, current, vote)
        if excess:
            self.conduct.append(finding(Code.A008, f"{label}: {excess}", loc=loc))
        declined = ruling(self.rulings, "casting-vote", index) is False
        try:
            outcome = decide(
                self.body.voting,
                votes_for,
                against,
                abstain,
                casting="declined" if declined and vote.casting is None else vote.casting,
                kind=decision.kind,
                voters_present=limit,
                membership=limits.membership,
                whole_membership=limits.whole,
                law=voting_law(self.body),
            )
        except VoteError as exc:
            at = {"casting": (*loc, "casting"), "kind": (*where, "kind"), None: loc}[exc.about]
            self.problems.append(finding(Code.A009, f"{label}: {exc.message}", loc=at))
            return
        recorded = decision.outcome
        if recorded is not None and outcome.answer in ("carried", "lost") and recorded != outcome.answer:
            said = f"{label}: the record says the motion was {recorded}, but the vote gives {outcome.answer}"
            self.doubts.append(finding(Code.A011, f"{said} ({outcome.summary})", loc=(*where, "outcome")))
