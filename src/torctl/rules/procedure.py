"""What a declared interest or remote attendance does to a member for an item, from the ToR or an assumption.

The ToR's `procedure` rules decide; where it is silent, the assumption is the one
that cannot make an invalid decision look valid (the member does not count and
does not vote), and it is returned in words so that every verdict says it.
"""

from __future__ import annotations

from typing import NamedTuple

from ..model import Body
from ..model.procedure import InterestKind, RemoteAttendance


class Effect(NamedTuple):
    """For one person and one item: do they count toward quorum, may they vote, and why."""

    counts: bool
    may_vote: bool
    reason: str  # why they stop counting or voting (empty when they do both)
    assumptions: tuple[str, ...] = ()


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


def interest_effect(body: Body, kind: str | None, *, dispensation: bool = False) -> Effect:
    """What declaring an interest of `kind` in an item does to the member for that item."""
    rule, assumed = interest_kind(body, kind)
    if rule is None:
        assumed += (
            "the ToR does not state what a declared interest does; assumed the member takes no part in the item: "
            "does not count toward quorum and does not vote "
            "(as for a disclosable pecuniary interest, Localism Act 2011 s.31(4))",
        )
        counts = may_vote = False
        named = "an interest"
    else:
        words = rule.kind.replace("-", " ")
        named = f"a {words}" if words.endswith("interest") else f"a {words} interest"
        counts = bool(rule.counts_for_quorum)
        if rule.counts_for_quorum is None and not rule.leaves_room:
            assumed += (f"the ToR does not say whether a member with {named} counts toward quorum; assumed not",)
        may_vote = bool(rule.may_vote)
        if rule.may_vote is None:
            assumed += (f"the ToR does not say whether a member with {named} may vote; assumed not",)
    if dispensation and not (counts and may_vote):
        grant = body.procedure.interests.dispensation if body.procedure.interests else None
        if grant is None:
            assumed += (
                "the ToR does not state what a dispensation allows; "
                "assumed the dispensed member counts and votes (as Localism Act 2011 s.33)",
            )
            return Effect(True, True, "", assumed)
        counts = counts or grant.counts_for_quorum is not False
        may_vote = may_vote or grant.may_vote is not False
        if grant.counts_for_quorum is None or grant.may_vote is None:
            assumed += (
                "the ToR does not say all a dispensation allows; assumed the dispensed member counts and votes",
            )
    stops = _stops(counts, may_vote)
    return Effect(counts, may_vote, f"declared {named} in this item: {stops}" if stops else "", assumed)


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
    assumed = _remote_assumptions(rules, substitute=substitute, takes_part=counts or may_vote)
    stops = _stops(counts, may_vote)
    return Effect(counts, may_vote, f"attended remotely: {stops}" if stops else "", assumed)


def _remote_assumptions(rules: RemoteAttendance | None, *, substitute: bool, takes_part: bool) -> tuple[str, ...]:
    """What a remote attendee's verdict assumes where the ToR is silent."""
    lgsa = " (as for bodies under the Local Government Act 1972: Hertfordshire CC v SSHCLG [2021] EWHC 1093 (Admin))"
    stated = {"counts toward quorum": rules and rules.counts_for_quorum, "may vote": rules and rules.may_vote}
    silent = [words for words, value in stated.items() if value is None]
    assumed: tuple[str, ...] = ()
    if silent:
        assumed += (f"the ToR does not say whether a remote attendee {' or '.join(silent)}; assumed not{lgsa}",)
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
