"""Checks on a body's quorum rule: its references resolve, it can be met, and it cannot be met by nobody."""

from __future__ import annotations

from collections.abc import Iterator
from typing import assert_never

from ...findings import Code, Finding, Loc, finding
from ...model import AllOf, AnyOf, AtLeast, Fraction, NoQuorum, QuorumNotStated, QuorumRule, Represented
from ...rules.quorum import Clause, agency_label, evaluate, has_fraction, represented_agencies
from .registry import check
from .context import BodyContext
from .references import selector_refs


@check(Code.R001, Code.R002, Code.Q001)
def quorum_references(ctx: BodyContext) -> Iterator[Finding]:
    """The posts and agencies the quorum rule names exist, and an agency kind it requires has a counting member."""
    yield from _rule_refs(ctx, ctx.body.quorum, ("quorum",))


def _rule_refs(ctx: BodyContext, rule: QuorumRule, loc: Loc) -> Iterator[Finding]:
    match rule:
        case AllOf() | AnyOf():
            for k, sub in enumerate(rule.rules):
                yield from _rule_refs(ctx, sub, (*loc, "rules", k))
        case Represented():
            for k, ref in enumerate(rule.agencies):
                if found := ctx.agency_ref((*loc, "agencies", k), ref):
                    yield found
            kinds_only = rule.model_copy(update={"agencies": []})
            if ctx.have_registry and rule.agency_kinds and not represented_agencies(ctx.body, ctx.agencies, kinds_only):
                kinds = ", ".join(k.value for k in rule.agency_kinds)
                yield finding(
                    Code.Q001, f"no counting member belongs to an agency of kind {kinds}", loc=(*loc, "agency_kinds")
                )
        case AtLeast() | Fraction():
            yield from selector_refs(ctx, rule.of, (*loc, "of"), other_bodies=False)
        case NoQuorum() | QuorumNotStated():
            pass
        case _:
            assert_never(rule)


@check(Code.Q001)
def quorum_feasible(ctx: BodyContext) -> Iterator[Finding]:
    """With every counting, non-vacant member present, the body is quorate."""
    if not ctx.have_registry:
        return
    body, agencies = ctx.body, ctx.agencies
    verdict = evaluate(body, agencies, [m.id for m in body.counting_members()])
    if verdict.satisfied is not False:
        return
    for path, clause in _failed_leaves(verdict, ("quorum",)):
        if not clause.missing and clause.need == 0:
            continue  # a `represented` rule that resolves to no agency: reported by quorum_references
        if clause.missing:
            names = ", ".join(agency_label(agencies, a) for a in clause.missing)
            why = f"no counting member from {names}"
        else:
            why = f"only {clause.have} available where {clause.need} are needed"
        message = (
            f"quorum can never be met: '{clause.text}' fails even with every counting member present ({why}); "
            "check the quorum rule, members' agencies and membership_classes"
        )
        yield finding(Code.Q001, message, loc=path)


@check(Code.Q002)
def quorum_not_met_by_nobody(ctx: BodyContext) -> Iterator[Finding]:
    """A quorum that an empty room meets ("1/20, rounded down", every counting post vacant) protects nothing.

    Only a fraction can come to nobody (`at-least` needs one or more, `represented`
    at least one agency), so rules without one are not evaluated again.
    """
    if not ctx.have_registry or not has_fraction(ctx.body.quorum):
        return
    verdict = evaluate(ctx.body, ctx.agencies, [])
    if verdict.satisfied is True:
        message = (
            f"quorum is met with nobody present: '{verdict.text}' comes to 0 members; "
            "check the rule's rounding and minimum, and the vacancies among the counting posts"
        )
        yield finding(Code.Q002, message, loc=("quorum",))


def _failed_leaves(clause: Clause, loc: Loc) -> Iterator[tuple[Loc, Clause]]:
    if clause.children:
        for k, child in enumerate(clause.children):
            if child.satisfied is False:
                yield from _failed_leaves(child, (*loc, "rules", k))
    else:
        yield loc, clause
