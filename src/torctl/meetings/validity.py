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
from typing import Any
from collections.abc import Mapping

from ..model import Agency, Body, NoQuorum
from ..model.records import AttendanceRecord, ItemRecord
from ..rules.meeting import ItemSeats, MeetingItems, meeting_items, vote_limits, voters_for_limit
from ..rules.voting import Outcome, VoteError, decide
from ..rules.words import describe, inquorate_sentence
from .verdict import Verdict, judge


@dataclass
class ItemVerdict:
    item: ItemRecord
    seats: ItemSeats
    quorum: Verdict
    outcome: Outcome | None
    valid: bool | None  # None: no decision on this item
    reasons: list[str] = field(default_factory=list)  # why a decision is not validly taken
    notes: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"Item {self.item.number}: {self.item.title}"

    def quorum_words(self) -> str:
        verdict = self.quorum
        if verdict.quorate is None:
            return "no quorum rule (the ToR sets none)"
        have = f"{verdict.clause.have} of {verdict.clause.need}" if not verdict.clause.children else ""
        return ("quorate" if verdict.quorate else "NOT QUORATE") + (f" ({have})" if have else "")

    def to_dict(self) -> dict[str, Any]:
        decision = self.item.decision
        return {
            "number": self.item.number,
            "title": self.item.title,
            "quorate": self.quorum.quorate,
            "quorum": self.quorum.clause_dict(self.quorum.clause),
            "missing": self.quorum.missing(),
            "stopped_counting": [{"person": s.label, "reason": why} for s, why in self.seats.stopped],
            "decision": None
            if decision is None
            else {
                "text": decision.text,
                "kind": decision.kind,
                "by": decision.by,
                "vote": self.outcome.to_dict() if self.outcome else None,
            },
            "valid": self.valid,
            "reasons": self.reasons,
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
        return all(i.valid is not False for i in self.items)

    def decisions(self) -> list[ItemVerdict]:
        return [i for i in self.items if i.valid is not None]

    def assumptions(self) -> list[str]:
        return list(dict.fromkeys(a for i in self.items for a in i.assumptions))

    def to_dict(self) -> dict[str, Any]:
        decisions = self.decisions()
        return {
            "body": self.body.id,
            "name": self.body.name,
            "date": self.record.date.isoformat(),
            "valid": self.valid,
            "decisions": len(decisions),
            "not_valid": sum(1 for i in decisions if i.valid is False),
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
    """Every item's verdict. The record must have no `problems` (see `torctl.rules.meeting.meeting_items`)."""
    resolved = resolved or meeting_items(body, agencies, record)
    conduct: dict[tuple[int, ...], list[str]] = {}
    for problem in resolved.conduct:
        conduct.setdefault((int(problem.loc[1]),), []).append(problem.message)
    verdict = MeetingVerdict(body, agencies, record, [])
    late = _inquorate_start(body, record)
    if late:
        verdict.notes.append(late)
    for index, (item, seats) in enumerate(resolved.items):
        quorum = judge(body, agencies, seats.attendance, record.date, eligible=seats.eligible)
        result = ItemVerdict(item, seats, quorum, None, None, assumptions=list(seats.assumptions))
        verdict.items.append(result)
        decision = item.decision
        if decision is None:
            continue
        result.valid = True
        if isinstance(body.quorum, NoQuorum):
            result.notes.append("the ToR sets no quorum: " + body.quorum.reason.strip())
        elif not quorum.quorate:
            missing = "; ".join(m["clause"] for m in quorum.missing())
            result.reasons.append(f"not quorate for this item ({missing})")
            if body.procedure.inquorate is None:
                result.assumptions.append(
                    "the ToR does not state what happens at an inquorate meeting; "
                    "a decision taken without a quorum is not validly taken"
                )
            else:
                result.notes.append(f"the ToR: {inquorate_sentence(body)}")
        if late:
            result.reasons.append(late)
        if decision.by == "consensus":
            if body.voting.method in ("one-per-member", "one-per-agency"):
                result.notes.append("recorded as agreed by consensus; the ToR provides for votes, and none is recorded")
        elif body.voting.method == "consensus":
            result.notes.append("a vote was recorded, but the ToR says decisions are by consensus")
        elif decision.vote is not None:
            limits = vote_limits(body, agencies, seats.eligible)
            votes_for, against, abstain = decision.vote.tally()
            try:
                outcome = decide(
                    body.voting,
                    votes_for,
                    against,
                    abstain,
                    casting=decision.vote.casting,
                    kind=decision.kind,
                    voters_present=voters_for_limit(body, agencies, seats, decision.vote)[0],
                    membership=limits.membership,
                    whole_membership=limits.whole,
                )
            except VoteError as exc:  # pragma: no cover - meeting_items reports these as problems first
                result.reasons.append(exc.message)
            else:
                result.outcome = outcome
                result.assumptions += [a for a in outcome.assumptions if a not in result.assumptions]
                result.notes += outcome.notes
                if not outcome.carried:
                    result.reasons.append(
                        f"the vote did not carry it: {outcome.need} of {outcome.base} needed, "
                        f"{outcome.votes_for + (outcome.casting == 'for')} for"
                    )
        result.reasons += conduct.get((index,), [])
        result.valid = not result.reasons
    return verdict


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


def render_text(verdict: MeetingVerdict) -> tuple[str, str]:
    """(headline, details)."""
    decisions = verdict.decisions()
    bad = [i for i in decisions if i.valid is False]
    when = verdict.record.date.isoformat()
    if not decisions:
        headline = f"{verdict.body.name}, meeting on {when}: no decisions recorded"
    elif bad:
        headline = f"{verdict.body.name}, meeting on {when}: {len(bad)} of {len(decisions)} decisions NOT validly taken"
    else:
        headline = f"{verdict.body.name}, meeting on {when}: all {len(decisions)} decisions validly taken"
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
        elif decision.by == "consensus":
            lines.append("  agreed by consensus")
        lines.append(
            f"  {'VALID' if item.valid else 'NOT VALID'}" + ("" if item.valid else ": " + "; ".join(item.reasons))
        )
        lines += [f"  note: {n}" for n in item.notes]
    assumed = verdict.assumptions()
    if assumed:
        lines.append("")
        lines.append("Assumed, where the ToR is silent:")
        lines += [f"  - {a}" for a in assumed]
    return headline, "\n".join(lines).lstrip("\n")
