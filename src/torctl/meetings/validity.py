"""Was each decision validly taken? A meeting record judged item by item, with reasons a clerk can read out.

For each item: the quorum verdict on the seats there for it (late arrivals,
early leavers, declared interests and remote attendance applied, see
`torctl.rules.meeting`), who stopped counting and why, and for a decision the
vote under the ToR's majority (`torctl.rules.voting`). A decision is validly
taken when the item was quorate (or the ToR sets no quorum), the vote carried it
(or it was agreed by consensus), and no one voted who may not. Every assumption
made where the ToR is silent is listed. `to_dict` is the JSON of
`torctl meeting check --format json`, `render_text` its text; the Markdown and PDF
validity note is drawn from it in `torctl.render.validity`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal
from collections.abc import Mapping

from ..model import Agency, Body, NoQuorum
from ..model.records import AttendanceRecord, ItemRecord
from ..rules.meeting import ItemSeats, MeetingItems, meeting_items, ruling, vote_limits, voters_for_limit
from ..rules.statute import no_statute, voting_law
from ..rules.voting import Outcome, VoteError, decide
from ..rules.words import decides_at_a_meeting, describe, inquorate_sentence, voting_at_a_meeting
from .verdict import Verdict, judge


Status = Literal["valid", "not-valid", "depends-on-chair", "cannot-tell"]
STATUS_WORDS: dict[Status, str] = {
    "valid": "VALID",
    "not-valid": "NOT VALID",
    "depends-on-chair": "DEPENDS ON THE CHAIR'S DECISION",
    "cannot-tell": "CANNOT TELL",
}


@dataclass
class ItemVerdict:
    item: ItemRecord
    seats: ItemSeats
    quorum: Verdict
    outcome: Outcome | None
    status: Status | None  # None: no decision on this item
    reasons: list[str] = field(default_factory=list)  # why a decision is not validly taken
    notes: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)  # why torctl cannot tell
    chair: list[str] = field(default_factory=list)  # what waits on a decision the ToR leaves to the chair

    @property
    def valid(self) -> bool | None:
        """True when validly taken, False when not; None for no decision, or an answer that is neither."""
        return {"valid": True, "not-valid": False}.get(self.status or "")

    @property
    def label(self) -> str:
        return f"Item {self.item.number}: {self.item.title}"

    def quorum_words(self) -> str:
        verdict = self.quorum
        answer = verdict.answer
        if answer == "no-quorum":
            return "no quorum rule (the ToR sets none)"
        if answer == "depends-on-chair" or (verdict.quorate is None and answer != "cannot-tell"):
            return "no quorum rule: the ToR leaves it to the chair whether the meeting goes ahead"
        if verdict.quorate is None:
            return "cannot tell (the ToR states no quorum, and no law sets one)"
        have = f"{verdict.clause.have} of {verdict.clause.need}" if not verdict.clause.children else ""
        return ("quorate" if verdict.quorate else "NOT QUORATE") + (f" ({have})" if have else "")

    @property
    def why(self) -> list[str]:
        """Why the decision has its status: the reasons, the doubts or what waits on the chair; none when valid."""
        return {"not-valid": self.reasons, "cannot-tell": self.doubts, "depends-on-chair": self.chair}.get(
            self.status or "", []
        )

    def status_words(self) -> str:
        """`VALID`, `NOT VALID: why`, `CANNOT TELL: why`, `DEPENDS ON THE CHAIR'S DECISION: on what`."""
        if self.status is None:
            return "no decision"
        return STATUS_WORDS[self.status] + (": " + "; ".join(self.why) if self.why else "")

    def to_dict(self) -> dict[str, Any]:
        decision = self.item.decision
        return {
            "number": self.item.number,
            "title": self.item.title,
            "answer": self.status,
            "quorate": self.quorum.quorate,
            "quorum_answer": self.quorum.answer,
            "quorum": self.quorum.clause_dict(self.quorum.clause),
            "missing": self.quorum.missing(),
            "stopped_counting": [{"person": s.label, "reason": why} for s, why in self.seats.stopped],
            "decision": None
            if decision is None
            else {
                "text": decision.text,
                "kind": decision.kind,
                "by": decision.by,
                "outcome": self.outcome.answer if self.outcome else decision.outcome,
                "vote": self.outcome.to_dict() if self.outcome else None,
            },
            "valid": self.valid,
            "reasons": self.reasons,
            "cannot_tell": self.doubts,
            "chair_decides": self.chair,
            "notes": self.notes,
            "assumptions": self.assumptions,
        }


@dataclass
class MeetingVerdict:
    body: Body
    agencies: Mapping[str, Agency]
    record: AttendanceRecord
    items: list[ItemVerdict]
    notes: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        """No decision was found not validly taken (some may still be undecided: see `answer`)."""
        return all(i.status != "not-valid" for i in self.items)

    @property
    def answer(self) -> Status:
        """`not-valid` if any decision is; else `cannot-tell`, else `depends-on-chair`, if any is; else `valid`."""
        found = {i.status for i in self.items}
        return next((s for s in ("not-valid", "cannot-tell", "depends-on-chair") if s in found), "valid")

    def decisions(self) -> list[ItemVerdict]:
        return [i for i in self.items if i.status is not None]

    def count(self, status: Status) -> int:
        return sum(1 for i in self.items if i.status == status)

    def assumptions(self) -> list[str]:
        return list(dict.fromkeys(a for i in self.items for a in i.assumptions))

    def to_dict(self) -> dict[str, Any]:
        decisions = self.decisions()
        return {
            "body": self.body.id,
            "name": self.body.name,
            "date": self.record.date.isoformat(),
            "answer": self.answer,
            "valid": self.valid,
            "decisions": len(decisions),
            "not_valid": self.count("not-valid"),
            "cannot_tell": self.count("cannot-tell"),
            "depends_on_chair": self.count("depends-on-chair"),
            "lost": sum(1 for i in decisions if i.outcome is not None and i.outcome.answer == "lost"),
            "legal_basis": self.body.legal_basis.kind,
            "quorum": describe(self.body.quorum, self.body, self.agencies)
            if not isinstance(self.body.quorum, NoQuorum)
            else None,
            "items": [i.to_dict() for i in self.items],
            "notes": self.notes,
            "assumptions": self.assumptions(),
        }


def check_meeting(
    body: Body, agencies: Mapping[str, Agency], record: AttendanceRecord, resolved: MeetingItems | None = None
) -> MeetingVerdict:
    """Every item's verdict. The record must have no `problems` (see `torctl.rules.meeting.meeting_items`).

    Where the ToR leaves it to the chair whether a member with an interest takes part and the record holds no
    decision, the record is read both ways: an item whose verdict differs depends on the chair's decision.
    """
    resolved = resolved or meeting_items(body, agencies, record)
    verdict = _judged(body, agencies, record, resolved)
    if any(seats.pending for _, seats in resolved.items):
        allowed = _judged(body, agencies, record, meeting_items(body, agencies, record, chair_allows=True))
        for mine, other in zip(verdict.items, allowed.items, strict=True):
            if not mine.seats.pending or mine.status is None:
                continue
            if mine.status != other.status:
                if mine.status == "not-valid":
                    mine.chair += [f"{p}; if not: {'; '.join(mine.reasons)}" for p in mine.seats.pending]
                    mine.reasons = []
                else:
                    mine.chair += mine.seats.pending
                mine.status = _status(mine)
            else:
                mine.notes += [f"{p}; the verdict is the same whatever the chair decides" for p in mine.seats.pending]
    return verdict


def _judged(
    body: Body, agencies: Mapping[str, Agency], record: AttendanceRecord, resolved: MeetingItems
) -> MeetingVerdict:
    conduct: dict[int, list[str]] = {}
    for problem in resolved.conduct:
        conduct.setdefault(int(problem.loc[1]), []).append(problem.message)
    doubts: dict[int, list[str]] = {}
    for problem in resolved.doubts:
        doubts.setdefault(int(problem.loc[1]), []).append(problem.message)
    verdict = MeetingVerdict(body, agencies, record, [])
    late = _inquorate_start(body, record)
    if late:
        verdict.notes.append(late)
    for index, (item, seats) in enumerate(resolved.items):
        quorum = judge(body, agencies, seats.attendance, record.date, eligible=seats.eligible)
        quorum.chair = ruling(resolved.rulings, "quorum", index)
        result = ItemVerdict(item, seats, quorum, None, None, assumptions=list(seats.assumptions))
        verdict.items.append(result)
        if item.decision is None:
            continue
        _judge_quorum(body, result)
        if late:
            result.reasons.append(late)
        _judge_decision(body, agencies, record, result, ruling(resolved.rulings, "casting-vote", index) is False)
        _urgent_business(body, result, ruling(resolved.rulings, "urgent-business", index))
        result.reasons += conduct.get(index, [])
        result.doubts += doubts.get(index, [])
        result.status = _status(result)
    return verdict


def _status(result: ItemVerdict) -> Status:
    if result.reasons:
        return "not-valid"
    if result.doubts:
        return "cannot-tell"
    return "depends-on-chair" if result.chair else "valid"


def _judge_quorum(body: Body, result: ItemVerdict) -> None:
    """Whether the item was quorate, as the ToR, the law, or the chair's recorded decision has it."""
    quorum = result.quorum
    answer = quorum.answer
    rule = body.quorum
    if isinstance(rule, NoQuorum):
        reason = rule.reason.strip()
        if answer == "depends-on-chair":
            result.chair.append(
                f"the ToR leaves it to the chair whether the meeting goes ahead ({reason}); "
                "no decision of the chair's is recorded"
            )
        elif answer == "not-quorate":
            result.reasons.append("the chair decided there were not sufficient members for the meeting to go ahead")
        elif answer == "quorate":
            result.notes.append("the chair decided the meeting could go ahead: " + reason)
        else:
            result.notes.append("the ToR sets no quorum: " + reason)
        return
    if answer == "cannot-tell":
        result.doubts.append(
            f"the ToR does not state a quorum, and {no_statute(body)}: whether the meeting was quorate cannot be told"
        )
        return
    if quorum.law is not None:
        result.notes.append(f"the ToR states no quorum; the law: {quorum.law}")
    if quorum.quorate:
        return
    missing = "; ".join(m["clause"] for m in quorum.missing())
    result.reasons.append(f"not quorate for this item ({missing})")
    if body.procedure.inquorate is None:
        result.assumptions.append(
            "the ToR does not state what happens at an inquorate meeting; "
            "a decision taken without a quorum is not validly taken"
        )
    else:
        result.notes.append(f"the ToR: {inquorate_sentence(body)}")


def _judge_decision(
    body: Body, agencies: Mapping[str, Agency], record: AttendanceRecord, result: ItemVerdict, declined: bool
) -> None:
    """The decision: by consensus, or the vote under the ToR's majority (a motion lost is validly taken)."""
    decision = result.item.decision
    assert decision is not None
    seats = result.seats
    decides = decides_at_a_meeting(body.governance.decision_making)
    if decides:
        result.notes.append(decides)
    if "declarations" in record.not_recorded:
        result.doubts.append(
            "the record does not say who declared an interest, so who could count and vote for this item is not known"
        )
    if decision.by == "not-recorded":
        result.doubts.append("the record does not hold how the decision was taken (the vote is not recorded)")
        return
    if decision.by == "consensus":
        if body.voting.method in ("one-per-member", "one-per-agency"):
            result.notes.append("recorded as agreed by consensus; the ToR provides for votes, and none is recorded")
        return
    if body.voting.method == "consensus":
        result.notes.append(f"a vote was recorded, but {voting_at_a_meeting(body.voting)}")
        return
    if decision.vote is None:  # pragma: no cover - the model requires a vote for `by: vote`
        return
    limits = vote_limits(body, agencies, seats.eligible)
    votes_for, against, abstain = decision.vote.tally()
    try:
        outcome = decide(
            body.voting,
            votes_for,
            against,
            abstain,
            casting="declined" if declined and decision.vote.casting is None else decision.vote.casting,
            kind=decision.kind,
            voters_present=voters_for_limit(body, agencies, seats, decision.vote)[0],
            membership=limits.membership,
            whole_membership=limits.whole,
            law=voting_law(body),
        )
    except VoteError as exc:  # pragma: no cover - meeting_items reports these as problems first
        result.reasons.append(exc.message)
        return
    result.outcome = outcome
    result.assumptions += [a for a in outcome.assumptions + outcome.law if a not in result.assumptions]
    result.notes += outcome.notes
    recorded = decision.outcome
    if outcome.answer == "lost":
        result.notes.append("the motion was put and lost: a decision validly taken (not carried)")
    elif outcome.answer == "cannot-tell" and recorded is None:
        result.doubts.append("the readings give different answers: " + "; ".join(outcome.readings))
    elif outcome.answer == "cannot-tell":
        result.notes.append(f"the minutes record it as {recorded}; the readings: " + "; ".join(outcome.readings))
    elif outcome.answer == "depends-on-chair" and recorded is None:
        result.chair.append("on equal votes the chair has a casting vote; none is recorded, nor whether it was used")
    elif outcome.answer == "depends-on-chair":
        result.notes.append(f"the minutes record it as {recorded}: the chair's casting vote was not used")


def _urgent_business(body: Body, result: ItemVerdict, decided: bool | None) -> None:
    """Where the record says the chair decided on taking the item as urgent business."""
    if decided is None:
        return
    rule = body.procedure.urgent_business
    allowed = rule.allowed if rule else None
    if decided is False:
        result.reasons.append("the chair decided the item would not be taken as urgent business")
    elif allowed is False:
        result.reasons.append("taken as urgent business, which the ToR does not allow")
    else:
        result.notes.append("taken as urgent business by the chair's decision")


def _inquorate_start(body: Body, record: AttendanceRecord) -> str | None:
    """Where the ToR adjourns a meeting still inquorate some minutes after its start and the record shows it was."""
    rule = body.procedure.inquorate
    if (
        rule is None
        or rule.after is None
        or record.start is None
        or record.quorate_at is None
        or rule.action != "adjourn"
    ):
        return None
    minutes = {"minutes": 1, "hours": 60}.get(rule.after.unit or "")
    if minutes is None or rule.after.amount is None:
        return None
    waited = (record.quorate_at.hour * 60 + record.quorate_at.minute) - (record.start.hour * 60 + record.start.minute)
    if waited <= rule.after.amount * minutes:
        return None
    return (
        f"the meeting was not quorate until {record.quorate_at:%H:%M}, {waited} minutes after its start at "
        f"{record.start:%H:%M}; the ToR adjourns a meeting still inquorate {rule.after.human()} after the start"
    )


# ---------------------------------------------------------------- text and the validity note


def headline_words(verdict: MeetingVerdict) -> str:
    """`2 of 4 decisions NOT validly taken`, `all 3 decisions validly taken`, with what cannot be told."""
    decisions = verdict.decisions()
    if not decisions:
        return "no decisions recorded"
    n = len(decisions)
    parts = []
    if verdict.count("not-valid"):
        parts.append(f"{verdict.count('not-valid')} of {n} decisions NOT validly taken")
    if verdict.count("cannot-tell"):
        parts.append(f"{verdict.count('cannot-tell')} of {n}: CANNOT TELL whether validly taken")
    if verdict.count("depends-on-chair"):
        parts.append(f"{verdict.count('depends-on-chair')} of {n} DEPEND on the chair's decision")
    return "; ".join(parts) or f"all {n} decisions validly taken"


def render_text(verdict: MeetingVerdict) -> tuple[str, str]:
    """(headline, details)."""
    headline = f"{verdict.body.name}, meeting on {verdict.record.date.isoformat()}: {headline_words(verdict)}"
    lines: list[str] = [f"Note: {n}" for n in verdict.notes]
    for item in verdict.items:
        lines.append("")
        lines.append(f"{item.label}")
        lines.append(f"  quorum: {item.quorum_words()}")
        for seat, why in item.seats.stopped:
            lines.append(f"    {seat.label}: {why}")
        decision = item.item.decision
        if decision is None:
            lines.append("  no decision")
            continue
        lines.append(f"  decision: {decision.text.strip()}")
        if item.outcome is not None:
            lines.append(f"  vote: {item.outcome.summary}")
            if item.outcome.answer == "cannot-tell":
                lines += [f"    {r}" for r in item.outcome.readings]
        elif decision.by == "consensus":
            lines.append("  agreed by consensus")
        lines.append(f"  {item.status_words()}")
        lines += [f"  note: {n}" for n in item.notes]
    assumed = verdict.assumptions()
    if assumed:
        lines.append("")
        lines.append("Assumed, or taken from the law, where the ToR is silent:")
        lines += [f"  - {a}" for a in assumed]
    return headline, "\n".join(lines).lstrip("\n")
