"""Majority arithmetic: is a decision carried under the body's voting rule, and why.

Pure functions of the model. The ToR's majority (or, for a kind of decision, its
special majority) gives a share of a base: the votes cast, the voting members
present, or the voting membership. Where the ToR is silent, the assumption is
the one in Local Government Act 1972 Sch. 12 para 39 (a simple majority of those
present and voting), except that no casting vote is assumed: a tie is then not
carried. Every assumption is returned with the outcome, in words a clerk can read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

from ..errors import Message, TorctlError
from ..model.decisions import Majority, Voting

# Built without validation: validating would build pydantic's validator for Majority, about 50 ms
# of a command that must answer at the meeting-room door, for a value fixed here.
ASSUMED_MAJORITY = Majority.model_construct(of="present-and-voting")

BASE_WORDS = {
    "present-and-voting": "of those present and voting",
    "present": "of the voting members present",
    "membership": "of the voting membership (vacancies left out)",
    "whole-membership": "of the whole voting membership, vacancies included",
}


class VoteError(TorctlError):
    """Vote counts that cannot be right (more votes than voters, a casting vote without a tie, an unknown kind),
    or a count `decide` needs and was not given (a `Message` naming its parameter). `about` names the part of
    the vote at fault where it is one (`casting`, `kind`), so a record's finding points at it."""

    def __init__(self, message: str | Message, *, about: Literal["casting", "kind"] | None = None):
        super().__init__(message)
        self.about = about


def share_words(majority: Majority) -> str:
    """'a simple majority', 'at least two-thirds', 'more than three-quarters'."""
    n, d = majority.numerator, majority.denominator
    if (n, d, majority.bound) in ((1, 2, "more-than"),):
        return "a simple majority"
    if n == d:
        return "unanimity"
    names = {2: "half", 3: "third", 4: "quarter", 5: "fifth"}
    base = names.get(d, f"{d}th")
    part = f"{'one' if n == 1 else _small(n)}-{base}{'' if n == 1 else 's'}" if d in names else f"{n}/{d}"
    return f"{'more than' if majority.bound == 'more-than' else 'at least'} {part}"


def _small(n: int) -> str:
    return {2: "two", 3: "three", 4: "four"}.get(n, str(n))


def majority_words(majority: Majority) -> str:
    return f"{share_words(majority)} {BASE_WORDS[majority.of]}"


def needed(majority: Majority, base: int) -> int:
    """The fewest votes for that carry a decision on a base of `base` (never fewer than one)."""
    exact = base * majority.numerator / majority.denominator
    count = math.floor(exact) + 1 if majority.bound == "more-than" else math.ceil(exact - 1e-9)
    return max(count, 1)


def rule_for(voting: Voting, kind: str | None) -> tuple[Majority, str | None, list[str]]:
    """(the majority that applies, the kind's description, assumptions) for a decision of `kind` (None: ordinary)."""
    assumptions: list[str] = []
    if kind is not None:
        special = voting.special(kind)
        if special is None:
            from ..suggest import did_you_mean

            kinds = [s.kind for s in voting.special_majorities]
            if not kinds:
                raise VoteError(
                    f"the ToR states no kinds of decision with a different majority, so there is no kind '{kind}'",
                    about="kind",
                )
            raise VoteError(
                f"the ToR states no majority for decisions of kind '{kind}'{did_you_mean(kind, kinds)}; kinds: "
                f"{', '.join(kinds)}",
                about="kind",
            )
        return special.majority, special.description or kind, assumptions
    if voting.majority is None:
        assumptions.append(
            "the ToR does not state the majority needed; assumed a simple majority of those present and voting "
            "(as Local Government Act 1972 Sch. 12 para 39)"
        )
        return ASSUMED_MAJORITY, None, assumptions
    return voting.majority, None, assumptions


@dataclass
class Outcome:
    """The result of one vote under the ToR's rule, with its arithmetic in words."""

    carried: bool
    votes_for: int
    against: int
    abstain: int
    majority: Majority
    kind: str | None
    base: int
    need: int
    tie: bool
    casting: Literal["for", "against"] | None  # the casting vote applied, if any
    summary: str
    assumptions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "carried": self.carried,
            "for": self.votes_for,
            "against": self.against,
            "abstain": self.abstain,
            "kind": self.kind,
            "majority": majority_words(self.majority),
            "majority_rule": {
                "of": self.majority.of,
                "numerator": self.majority.numerator,
                "denominator": self.majority.denominator,
                "bound": self.majority.bound,
            },
            "base": self.base,
            "needed": self.need,
            "tie": self.tie,
            "casting": self.casting,
            "summary": self.summary,
            "assumptions": self.assumptions,
            "notes": self.notes,
        }


def decide(
    voting: Voting,
    votes_for: int,
    against: int,
    abstain: int = 0,
    *,
    casting: Literal["for", "against"] | None = None,
    kind: str | None = None,
    voters_present: int | None = None,
    membership: int | None = None,
    whole_membership: int | None = None,
) -> Outcome:
    """Carried or not, with the arithmetic. `voters_present` is how many could vote; the memberships count voting posts.

    Raises `VoteError` for counts that cannot be right.
    """
    _check_counts(voting, votes_for, against, abstain, voters_present, whole_membership)
    majority, description, assumptions = rule_for(voting, kind)
    notes: list[str] = []
    if voting.method == "not-stated":
        assumptions.append(
            "the ToR does not say how decisions are voted on; counted one vote per voting member present"
        )
    tally_against = against
    if abstain:
        if voting.abstentions == "count-against":
            tally_against += abstain
            notes.append(f"the ToR counts abstentions as votes against ({abstain})")
        elif voting.abstentions is None and majority.of == "present-and-voting":
            assumptions.append("the ToR does not say how abstentions count; assumed an abstention is not a vote cast")
    tie = votes_for == against and votes_for > 0
    applied = _casting_vote(voting, votes_for, against, casting, notes, assumptions)
    final_for = votes_for + (applied == "for")
    final_against = tally_against + (applied == "against")
    base = _base(majority, final_for + final_against, voters_present, membership, whole_membership)
    need = needed(majority, base)
    carried = final_for >= need and final_for > final_against
    counts = f"{votes_for} for, {against} against" + (f", {abstain} abstaining" if abstain else "")
    rule = f"{majority_words(majority)}" + (f" (for {description})" if description else "")
    head = counts
    if tie:
        head = f"{counts}: a tie; the chair's casting vote {applied}" if applied else f"{counts}: a tie"
    verdict = "carried" if carried else "not carried"
    summary = f"{head}: {verdict} ({rule}: {need} of {base} needed, {final_for} for)"
    return Outcome(
        carried, votes_for, against, abstain, majority, kind, base, need, tie, applied, summary, assumptions, notes
    )


def _check_counts(
    voting: Voting, votes_for: int, against: int, abstain: int, voters_present: int | None, whole: int | None
) -> None:
    """Refuse counts that cannot be right: negative, votes under consensus, more votes than voters."""
    if min(votes_for, against, abstain) < 0:
        raise VoteError("vote counts cannot be negative")
    if voting.method == "consensus":
        raise VoteError("the ToR says decisions are by consensus: no votes are counted")
    cast = votes_for + against + abstain
    limit = voters_present if voters_present is not None else whole
    if limit is not None and cast > limit:
        whom = "voters present" if voters_present is not None else "voting posts on the body"
        raise VoteError(f"{cast} votes and abstentions, but only {limit} {whom}")


def _casting_vote(
    voting: Voting,
    votes_for: int,
    against: int,
    casting: Literal["for", "against"] | None,
    notes: list[str],
    assumptions: list[str],
) -> Literal["for", "against"] | None:
    """The casting vote that counts (if any) on equal votes, as the ToR's tie rule allows; notes say what it did."""
    tie = votes_for == against and votes_for > 0
    if casting is not None and not tie:
        raise VoteError(
            f"a casting vote is used only on equal votes; {votes_for} for and {against} against is not a tie",
            about="casting",
        )
    if not tie:
        return None
    if voting.ties == "casting-vote":
        if casting is None:
            notes.append("a tie: the chair has a casting vote but none was recorded")
        return casting
    if voting.ties == "not-carried":
        notes.append("a tie: the ToR says a proposal is not carried on equal votes")
        if casting is not None:
            notes.append("the ToR gives the chair no casting vote, so the casting vote given was not counted")
    else:
        assumptions.append("the ToR does not state a casting vote; assumed none, so a tie is not carried")
        if casting is not None:
            notes.append("the casting vote given was not counted: the ToR does not give the chair one")
    return None


def _base(majority: Majority, cast: int, voters_present: int | None, membership: int | None, whole: int | None) -> int:
    """The number the majority is a share of: the votes cast, the voters present, or a membership."""
    match majority.of:
        case "present-and-voting":
            return cast
        case "present":
            if voters_present is None:
                raise VoteError(
                    Message("the majority is of the voting members present: say who was present ({voters_present})")
                )
            return voters_present
        case "membership":
            if membership is None:  # pragma: no cover - callers always give the memberships
                raise VoteError("the voting membership is not known")
            return membership
        case "whole-membership":
            if whole is None:  # pragma: no cover
                raise VoteError("the whole voting membership is not known")
            return whole
