"""What a declared interest or remote attendance does to a member for an item, from the ToR or an assumption.

The ToR's `procedure` rules decide; where it is silent, the law that governs the
body decides where there is one (`torctl.rules.statute`: the Localism Act 2011 for
councillors' interests, in-person meetings under the Local Government Act 1972),
and otherwise the assumption is the one that cannot make an invalid decision look
valid (the member does not count and does not vote); either is returned in words
so that every verdict says it. Where the ToR leaves it to the chair whether a
member with an interest may take part, the chair's recorded decision applies, and
without one the effect says what waits on it (`Effect.pending`).
"""

from __future__ import annotations

from typing import NamedTuple

from ..model import Body
from ..model.procedure import InterestKind, RemoteAttendance, Ruling
from . import statute


class Effect(NamedTuple):
    """For one person and one item: do they count toward quorum, may they vote, and why.

    `pending` says what rests on a decision the ToR leaves to the chair and the record does not hold; `counts`
    and `may_vote` are then as if the chair did not allow it.
    """

    counts: bool
    may_vote: bool
    reason: str  # why they stop counting or voting (empty when they do both)
    assumptions: tuple[str, ...] = ()
    pending: str | None = None


CHAIR = "chair-decides"
SAFE = "the reading that cannot make an invalid decision look valid"


class ProcedureError(Exception):
    """A declaration that does not fit the ToR (an interest kind it does not name)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def interest_kinds(body: Body) -> list[str]:
    """The kinds of interest the ToR names: none where it states no rule for interests."""
    return [k.kind for k in body.procedure.interests.kinds] if body.procedure.interests else []


def interest_kind(body: Body, kind: str | None) -> tuple[InterestKind | None, tuple[str, ...]]:
    """The ToR's rule for an interest of `kind`; None where the ToR states no interest rule."""
    rules = body.procedure.interests
    if rules is None:
        return None, ()
    if kind is None:
        if len(rules.kinds) == 1:
            return rules.kinds[0], ()
        strictest = min(rules.kinds, key=lambda k: (k.counts_for_quorum is not False, k.may_vote is not False))
        return strictest, (
            f"the kind of interest was not recorded; assumed the strictest the ToR names ({strictest.kind})",
        )
    found = rules.kind(kind)
    if found is None:
        from ..suggest import did_you_mean

        names = interest_kinds(body)
        raise ProcedureError(
            f"the ToR names no interest of kind '{kind}'{did_you_mean(kind, names)}; kinds: {', '.join(names)}"
        )
    return found, ()


def _ruled(ruling: Ruling, chair: bool | None) -> tuple[bool | None, bool]:
    """(the value a ruling gives, whether it waits on the chair): the chair's recorded decision where the ToR
    leaves it to the chair, else not allowed until the chair decides."""
    if ruling == CHAIR:
        return (False, True) if chair is None else (chair, False)
    return (None if ruling is None else bool(ruling)), False


def interest_effect(
    body: Body, kind: str | None, *, dispensation: bool = False, chair: bool | None = None, who: str = "the member"
) -> Effect:
    """What declaring an interest of `kind` in an item does to the member for that item.

    `chair` is the chair's recorded decision on whether the member may take part, where the ToR leaves it to
    the chair (None: not recorded); `who` names the member where the verdict must say what waits on the chair.
    """
    rule, assumed = interest_kind(body, kind)
    pending = None
    if rule is None:
        law = statute.interest(body)
        if law is not None:
            assumed += (
                "the ToR does not state what a declared interest does; the law: "
                f"{law} (applied to an interest whose kind is not recorded)",
            )
        else:
            assumed += (
                "the ToR does not state what a declared interest does, and "
                f"{statute.no_statute(body)}; assumed the member takes no part in the item: does not count toward "
                f"quorum and does not vote ({SAFE})",
            )
        counts = may_vote = False
        named = "an interest"
    else:
        words = rule.kind.replace("-", " ")
        named = f"a {words}" if words.endswith("interest") else f"a {words} interest"
        part, part_waits = _ruled(rule.may_take_part, chair)
        quorum, quorum_waits = _ruled(rule.counts_for_quorum, chair)
        vote, vote_waits = _ruled(rule.may_vote, chair)
        counts = bool(part if quorum is None else quorum)
        if quorum is None and part is None and not rule.leaves_room:
            assumed += (f"the ToR does not say whether a member with {named} counts toward quorum; assumed not",)
        may_vote = bool(part if vote is None else vote)
        if vote is None and part is None:
            assumed += (f"the ToR does not say whether a member with {named} may vote; assumed not",)
        if part_waits or quorum_waits or vote_waits:
            pending = f"the ToR leaves it to the chair whether {who}, with {named}, may take part in the item"
    if dispensation and not (counts and may_vote):
        counts, may_vote, assumed = _dispensed(body, counts, may_vote, assumed)
    stops = _stops(counts, may_vote)
    reason = f"declared {named} in this item: {stops}" if stops else ""
    if stops and pending:
        reason += " (until the chair decides)"
    return Effect(counts, may_vote, reason, assumed, pending)


def _dispensed(
    body: Body, counts: bool, may_vote: bool, assumed: tuple[str, ...]
) -> tuple[bool, bool, tuple[str, ...]]:
    """What a dispensation lets a member with an interest do, from the ToR, or the law, or an assumption."""
    grant = body.procedure.interests.dispensation if body.procedure.interests else None
    if grant is None:
        law = statute.dispensation(body)
        basis = f"the law: {law}" if law else f"{statute.no_statute(body)}; assumed it lets the member take part"
        assumed += (f"the ToR does not state what a dispensation allows; {basis}: counted, and votes",)
        return True, True, assumed
    counts = counts or grant.counts_for_quorum is not False
    may_vote = may_vote or grant.may_vote is not False
    if grant.counts_for_quorum is None or grant.may_vote is None:
        assumed += ("the ToR does not say all a dispensation allows; assumed the dispensed member counts and votes",)
    return counts, may_vote, assumed


def remote_effect(body: Body, *, substitute: bool = False) -> Effect:
    """Whether someone attending remotely counts and votes under the ToR."""
    rules = body.procedure.remote
    allowed = rules.allowed if rules else None
    if allowed is False:
        return Effect(False, False, "attended remotely, which the ToR does not allow: not present", ())
    if rules is not None and substitute and rules.substitutes is False:
        return Effect(False, False, "a substitute attending remotely, which the ToR does not allow: not present", ())
    counts = bool(rules and rules.counts_for_quorum)
    may_vote = bool(rules and rules.may_vote)
    assumed = _remote_assumptions(body, rules, substitute=substitute, takes_part=counts or may_vote)
    stops = _stops(counts, may_vote)
    return Effect(counts, may_vote, f"attended remotely: {stops}" if stops else "", assumed)


def _remote_assumptions(
    body: Body, rules: RemoteAttendance | None, *, substitute: bool, takes_part: bool
) -> tuple[str, ...]:
    """What a remote attendee's verdict assumes, or takes from the law, where the ToR is silent."""
    stated = {"counts toward quorum": rules and rules.counts_for_quorum, "may vote": rules and rules.may_vote}
    silent = [words for words, value in stated.items() if value is None]
    assumed: tuple[str, ...] = ()
    if silent:
        law = statute.remote(body)
        asked = f"the ToR does not say whether a remote attendee {' or '.join(silent)}"
        if law is not None:
            assumed += (f"{asked}; the law: {law}",)
        else:
            assumed += (f"{asked}, and {statute.no_statute(body)}; assumed not ({SAFE})",)
    if substitute and rules is not None and rules.substitutes is None and takes_part:
        assumed += (
            "the ToR does not say whether a substitute may attend remotely; assumed on the same terms as a member",
        )
    return assumed


def _stops(counts: bool, may_vote: bool) -> str:
    """`does not count toward quorum and may not vote`, or the half that applies; empty when neither does."""
    return " and ".join(
        words for words, off in (("does not count toward quorum", not counts), ("may not vote", not may_vote)) if off
    )
