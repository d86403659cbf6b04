"""Majority arithmetic: is a decision carried under the body's voting rule, and why.

Pure functions of the model. The ToR's majority (or, for a kind of decision, its
special majority) gives a share of a base: the votes cast, the voting members
present, or the voting membership. Where the ToR is silent, the law that governs
the body supplies the default where there is one (`torctl.rules.statute`); where
none does, each reading is counted (a simple majority of those present and
voting, or of the voting members present; on a tie, no casting vote, or the one
given), and where they differ the answer is "cannot tell". Every assumption and
every default the law supplies is returned with the outcome, in words a clerk can read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from ..errors import Message, TorctlError
from ..model.decisions import Majority, Voting
from .statute import NO_LAW, VotingLaw

# Built without validation: validating would build pydantic's validator for Majority, about 50 ms
# of a command that must answer at the meeting-room door, for a value fixed here.
ASSUMED_MAJORITY = Majority.model_construct(of="present-and-voting")
OF_PRESENT = Majority.model_construct(of="present")  # the other reading of a simple majority, where none is stated

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


Answer = Literal["carried", "lost", "depends-on-chair", "cannot-tell"]


class Majorities(NamedTuple):
    """The majorities a decision of a kind may need: one where the ToR or the law sets it, else each reading."""

    readings: list[Majority]  # the first is the one worded in the summary
    description: str | None  # the special majority's description
    text: str | None  # the ToR's own words for the majority that applies
    assumptions: list[str]
    law: list[str]


def rule_for(voting: Voting, kind: str | None, law: VotingLaw = NO_LAW) -> Majorities:
    """The majority that applies to a decision of `kind` (None: ordinary), or each reading where none does."""
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
        return Majorities([special.majority], special.description or kind, special.text, [], [])
    if voting.majority is not None:
        return Majorities([voting.majority], None, voting.text, [], [])
    if law.majority is not None:
        said = f"the ToR does not state the majority needed; the law sets {law.majority}"
        return Majorities([ASSUMED_MAJORITY], None, voting.text, [], [said])
    said = (
        f"the ToR does not state the majority needed, and {law.gap}; each reading is shown: a majority of those "
        "present and voting, or of the voting members present"
    )
    return Majorities([ASSUMED_MAJORITY, OF_PRESENT], None, voting.text, [said], [])


@dataclass
class Outcome:
    """The result of one vote under the ToR's rule, with its arithmetic in words.

    `answer` is `carried` or `lost` where the rule decides it; `cannot-tell` where the ToR is silent, no law
    fills the gap and the readings (`readings`) give different answers, or the record lacks what the ToR needs;
    `depends-on-chair` where it rests on a casting vote the chair has not given. `carried` is None then.
    """

    carried: bool | None
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
    answer: Answer = "carried"
    readings: list[str] = field(default_factory=list)
    law: list[str] = field(default_factory=list)
    tor_text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "answer": self.answer,
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
            "readings": self.readings,
            "law": self.law,
            "assumptions": self.assumptions,
            "notes": self.notes,
        }


class _Count(NamedTuple):
    """One reading's arithmetic."""

    carried: bool
    base: int
    need: int
    votes_for: int  # with the casting vote applied
    bound: str = ""  # for a base not known: which bound of it this is


def decide(
    voting: Voting,
    votes_for: int,
    against: int,
    abstain: int = 0,
    *,
    casting: Literal["for", "against", "declined"] | None = None,
    kind: str | None = None,
    voters_present: int | None = None,
    membership: int | None = None,
    whole_membership: int | None = None,
    law: VotingLaw = NO_LAW,
) -> Outcome:
    """Carried, lost, or which readings give which, with the arithmetic. `voters_present` is how many could vote;
    the memberships count voting posts; `law` is what the body's legal basis supplies where the ToR is silent;
    `casting` is the chair's casting vote, or `declined` where the chair decided not to use one.

    Raises `VoteError` for counts that cannot be right.
    """
    _check_counts(voting, votes_for, against, abstain, voters_present, whole_membership)
    rules = rule_for(voting, kind, law)
    assumptions, notes = list(rules.assumptions), []
    if voting.method == "not-stated":
        assumptions.append(
            "the ToR does not say how decisions are voted on; counted one vote per voting member present"
        )
    tally_against = against
    if abstain:
        if voting.abstentions == "count-against":
            tally_against += abstain
            notes.append(f"the ToR counts abstentions as votes against ({abstain})")
        elif voting.abstentions is None and rules.readings[0].of == "present-and-voting":
            assumptions.append("the ToR does not say how abstentions count; assumed an abstention is not a vote cast")
    tie = votes_for == against and votes_for > 0
    ties = _Ties(voting, law, None if casting == "declined" else casting, casting == "declined", tie)
    applied = ties.applied(votes_for, against, notes, assumptions)
    castings = ties.readings(applied)
    sizes = _Sizes(votes_for + against + abstain, voters_present, membership, whole_membership)
    counts: list[tuple[Majority, Literal["for", "against"] | None, _Count]] = []
    for majority in rules.readings:
        for cast in castings:
            final_for = votes_for + (cast == "for")
            final_against = tally_against + (cast == "against")
            for base, bound in sizes.bases(majority, final_for + final_against):
                need = needed(majority, base)
                holds = final_for >= need and final_for > final_against
                counts.append((majority, cast, _Count(holds, base, need, final_for, bound)))
    primary_majority, primary_cast, primary = counts[0]
    answers = {c.carried for _, _, c in counts}
    answer: Answer = ("carried" if primary.carried else "lost") if len(answers) == 1 else "cannot-tell"
    if ties.pending and answer == "lost":
        answer = ties.pending
    readings = _reading_lines(counts, rules.description) if len(counts) > 1 else []
    counted = f"{votes_for} for, {against} against" + (f", {abstain} abstaining" if abstain else "")
    rule = majority_words(primary_majority) + (f" (for {rules.description})" if rules.description else "")
    head = counted
    if tie:
        head = f"{counted}: a tie; the chair's casting vote {primary_cast}" if primary_cast else f"{counted}: a tie"
    verdict = {
        "carried": "carried",
        "lost": "not carried",
        "cannot-tell": "cannot tell: the readings differ",
        "depends-on-chair": "depends on the chair's casting vote",
    }[answer]
    sums = f"{primary.need} of {primary.base} needed, {primary.votes_for} for"
    summary = f"{head}: {verdict}" + ("" if answer == "cannot-tell" else f" ({rule}: {sums})")
    carried = {"carried": True, "lost": False}.get(answer)
    return Outcome(
        carried,
        votes_for,
        against,
        abstain,
        primary_majority,
        kind,
        primary.base,
        primary.need,
        tie,
        primary_cast,
        summary,
        assumptions,
        notes + ties.notes,
        answer,
        readings,
        rules.law + ties.law,
        rules.text,
    )


def _reading_lines(
    counts: list[tuple[Majority, Literal["for", "against"] | None, _Count]], description: str | None
) -> list[str]:
    lines: list[str] = []
    for majority, cast, count in counts:
        rule = majority_words(majority) + (f" (for {description})" if description else "")
        with_cast = f", with the chair's casting vote {cast}" if cast else ""
        verdict = "carried" if count.carried else "not carried"
        sums = f"{count.need} of {count.base} needed, {count.votes_for} for"
        line = f"read as {rule}{with_cast}{count.bound}: {verdict} ({sums})"
        if line not in lines:
            lines.append(line)
    return lines


class _Sizes(NamedTuple):
    turnout: int  # votes and abstentions: the fewest voting members who can have been present
    voters_present: int | None
    membership: int | None
    whole: int | None

    def bases(self, majority: Majority, cast: int) -> list[tuple[int, str]]:
        """The base of `majority` (`cast`: the votes cast); for a reading of the members present with no count of
        them, the fewest and the most there can have been, each with its label."""
        if majority is OF_PRESENT and self.voters_present is None:
            most = max(self.turnout, self.whole or self.turnout)
            fewest = (self.turnout, f", if only the {self.turnout} who voted or abstained were present")
            return (
                [fewest] if most == self.turnout else [fewest, (most, f", if all {most} voting members were present")]
            )
        return [(_base(majority, cast, self.voters_present, self.membership, self.whole), "")]


class _Ties:
    """What equal votes do under the ToR, or the law, or each reading where neither says."""

    def __init__(
        self,
        voting: Voting,
        law: VotingLaw,
        casting: Literal["for", "against"] | None,
        declined: bool,
        tie: bool,
    ):
        self.voting, self.law_, self.casting, self.declined, self.tie = voting, law, casting, declined, tie
        self.notes: list[str] = []
        self.law: list[str] = []
        self.open = False  # the ToR and the law are silent: both readings are shown
        self.pending: Answer | None = None  # what a tie still waits on

    def applied(
        self, votes_for: int, against: int, notes: list[str], assumptions: list[str]
    ) -> Literal["for", "against"] | None:
        """The casting vote that counts on the primary reading; notes and assumptions say what it did."""
        if self.casting is not None and not self.tie:
            raise VoteError(
                f"a casting vote is used only on equal votes; {votes_for} for and {against} against is not a tie",
                about="casting",
            )
        if not self.tie:
            return None
        ties = self.voting.ties
        if ties is None and self.law_.casting is not None:
            self.law.append(f"the ToR does not say what equal votes do; the law: {self.law_.casting}")
            ties = "casting-vote"
        if ties == "casting-vote":
            return self._casting_vote(notes)
        if ties == "not-carried":
            notes.append("a tie: the ToR says a proposal is not carried on equal votes")
            if self.casting is not None:
                notes.append("the ToR gives the chair no casting vote, so the casting vote given was not counted")
            return None
        self.open = self.casting is not None
        assumptions.append(
            f"the ToR does not state a casting vote, and {self.law_.gap}; without one a tie is not carried"
            + ("; with one the casting vote given decides it" if self.open else "")
        )
        return None

    def _casting_vote(self, notes: list[str]) -> Literal["for", "against"] | None:
        if self.casting is not None:
            return self.casting
        if self.declined:
            notes.append("a tie: the chair decided not to use the casting vote, so it is not carried")
        elif self.voting.casting == "must":
            notes.append("a tie: the ToR says the chair must give a casting vote, and none is recorded")
            self.pending = "cannot-tell"
        else:
            notes.append("a tie: the chair has a casting vote and none is given; the outcome rests on it")
            self.pending = "depends-on-chair"
        return None

    def readings(self, applied: Literal["for", "against"] | None) -> list[Literal["for", "against"] | None]:
        """The casting votes to count: the one applied, and where the ToR and law are silent, the one given too."""
        return [applied, self.casting] if self.open else [applied]


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
