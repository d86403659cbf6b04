"""How a change to a body moves its quorum: which agencies a rule needs, and whether it became easier to reach.

`torctl diff` uses these to call out a change that weakens governance (a statutory
partner dropped from a quorum, a lower count, an alternative way to be quorate);
they answer from the model alone, so `check-quorum` and the edit engine can ask
the same questions of two versions of a body and get the same answers.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import assert_never

from ..model import (
    UNSET_QUORUM,
    Agency,
    AllOf,
    AnyOf,
    AtLeast,
    Body,
    Fraction,
    NoQuorum,
    QuorumNotStated,
    QuorumRule,
    Represented,
)
from .quorum import describe, evaluate, represented_agencies


@dataclass(frozen=True)
class Versions:
    """A body before and after a change, each with the agency registry it was read with."""

    old: Body
    new: Body
    old_agencies: Mapping[str, Agency]
    new_agencies: Mapping[str, Agency]


def required_agencies(body: Body, agencies: Mapping[str, Agency], rule: QuorumRule | None = None) -> set[str]:
    """Agencies that must be present at every quorate meeting under `rule` (default: the body's quorum)."""
    rule = body.quorum if rule is None else rule
    match rule:
        case AllOf():
            return set().union(*(required_agencies(body, agencies, sub) for sub in rule.rules))
        case AnyOf():
            alternatives = [required_agencies(body, agencies, sub) for sub in rule.rules]
            return set.intersection(*alternatives) if alternatives else set()
        case Represented():
            return set(represented_agencies(body, agencies, rule))
        case AtLeast():
            only_one_agency = len(rule.of.agencies) == 1 and not rule.of.posts
            return set(rule.of.agencies) if only_one_agency else set()
        case Fraction() | NoQuorum() | QuorumNotStated():
            return set()
        case _:
            assert_never(rule)


def replaced_agencies(versions: Versions) -> dict[str, str]:
    """Agencies the quorum needed that it now needs in the form of their successor (a CCG by its ICB)."""
    before = required_agencies(versions.old, versions.old_agencies)
    after = required_agencies(versions.new, versions.new_agencies)
    replaced = {}
    for agency_id in before - after:
        agency = versions.old_agencies.get(agency_id)
        if agency is not None and agency.replaced_by in after:
            replaced[agency_id] = agency.replaced_by
    return replaced


def dropped_agencies(versions: Versions) -> set[str]:
    """Agencies every quorate meeting needed before and no longer needs (successors aside)."""
    before = required_agencies(versions.old, versions.old_agencies)
    after = required_agencies(versions.new, versions.new_agencies)
    return {agency for agency in before - after if agency not in replaced_agencies(versions)}


def same_rule(a: QuorumRule, b: QuorumRule) -> bool:
    """Whether two rules say the same thing, whatever the ToR's words (`text`) quoted for them."""
    return _without_text(a.model_dump(mode="json")) == _without_text(b.model_dump(mode="json"))


def _without_text(data: object) -> object:
    if isinstance(data, dict):
        return {key: _without_text(value) for key, value in data.items() if key != "text"}
    if isinstance(data, list):
        return [_without_text(value) for value in data]
    return data


_ROUNDING = {"up": 2, "nearest": 1, "down": 0}  # the higher, the more members a fraction needs


def why_easier(old: QuorumRule, new: QuorumRule, versions: Versions) -> list[str]:
    """Why `new` is easier to reach than `old`, comparing the two rules clause by clause; [] if it is not.

    A statutory partner dropped from the quorum is not among the reasons: `dropped_agencies`
    says it, and a clause that named only dropped agencies is left to it too.
    """
    if same_rule(old, new):
        return []
    match new:
        case NoQuorum():
            return [] if isinstance(old, NoQuorum) else ["the quorum is removed (no quorum is set)"]
        case QuorumNotStated():
            removed = "the quorum is removed (the ToR is now recorded as not stating one)"
            return [] if isinstance(old, UNSET_QUORUM) else [removed]
        case AtLeast():
            if isinstance(old, AtLeast):
                return _at_least_easier(old, new)
        case Fraction():
            if isinstance(old, Fraction):
                return _fraction_easier(old, new)
        case Represented():
            if isinstance(old, Represented):
                return []  # the agencies it no longer names are `dropped_agencies`
        case AllOf():
            if isinstance(old, AllOf) and len(old.rules) == len(new.rules):
                return [
                    reason for a, b in zip(old.rules, new.rules, strict=True) for reason in why_easier(a, b, versions)
                ]
        case AnyOf():
            pass
        case _:
            assert_never(new)
    dropped = _dropped_conditions(old, new, versions)
    return dropped if dropped is not None else _added_alternatives(old, new, versions)


def _at_least_easier(old: AtLeast, new: AtLeast) -> list[str]:
    reasons = []
    if new.count < old.count:
        reasons.append(f"at least {old.count} → at least {new.count}")
    if old.counting == "agencies" and new.counting == "members":
        reasons.append("it now counts people rather than distinct agencies")
    return reasons


def _fraction_easier(old: Fraction, new: Fraction) -> list[str]:
    reasons = []
    if new.numerator * old.denominator < old.numerator * new.denominator:
        reasons.append(f"{old.numerator}/{old.denominator} → {new.numerator}/{new.denominator} of the membership")
    if new.minimum < old.minimum:
        reasons.append(f"never fewer than {old.minimum} → {new.minimum}")
    if _ROUNDING[new.rounding] < _ROUNDING[old.rounding]:
        reasons.append(f"rounded {old.rounding} → {new.rounding}")
    if new.exclude_vacancies and not old.exclude_vacancies:
        reasons.append("vacant posts are now left out of the membership counted")
    return reasons


def _conditions(rule: QuorumRule) -> list[QuorumRule]:
    """The conditions that must all hold: an `all-of`'s sub-rules, or the rule itself."""
    return rule.rules if isinstance(rule, AllOf) else [rule]


def _dropped_conditions(old: QuorumRule, new: QuorumRule, versions: Versions) -> list[str] | None:
    """Where an `all-of` lost conditions and gained none, the conditions dropped; None where that is not the change."""
    if not (isinstance(old, AllOf) or isinstance(new, AllOf)):
        return None
    old_parts, new_parts = _conditions(old), _conditions(new)
    only_dropped = len(new_parts) < len(old_parts) and all(
        any(same_rule(part, before) for before in old_parts) for part in new_parts
    )
    if not only_dropped:
        return None
    gone = dropped_agencies(versions)  # a condition that only named those agencies is reported with them

    def named_only_dropped_agencies(rule: QuorumRule) -> bool:
        needed = required_agencies(versions.old, versions.old_agencies, rule)
        return bool(needed) and needed <= gone

    return [
        f"the condition '{describe(rule, versions.old, versions.old_agencies)}' is dropped"
        for rule in old_parts
        if not any(same_rule(rule, after) for after in new_parts) and not named_only_dropped_agencies(rule)
    ]


def _added_alternatives(old: QuorumRule, new: QuorumRule, versions: Versions) -> list[str]:
    """The alternatives an `any-of` offers now that it did not before."""
    if not isinstance(new, AnyOf):
        return []
    old_alternatives = old.rules if isinstance(old, AnyOf) else [old]
    return [
        f"a meeting is now also quorate with {describe(rule, versions.new, versions.new_agencies)}"
        for rule in new.rules
        if not any(same_rule(rule, before) for before in old_alternatives)
    ]


def _quorate(body: Body, agencies: Mapping[str, Agency], present: Iterable[str]) -> bool | None:
    return evaluate(body, agencies, present).satisfied


def _decides_quorum_alike(versions: Versions) -> bool:
    """Whether everything that decides who makes a quorate meeting is the same in both versions."""
    old, new = versions.old, versions.new
    return (old.id, old.quorum, old.members, old.membership_classes, versions.old_agencies) == (
        new.id,
        new.quorum,
        new.members,
        new.membership_classes,
        versions.new_agencies,
    )


def easier_witness(versions: Versions, tries: int = 40) -> list[str] | None:
    """Posts (common to both versions) that make a quorate meeting now but did not before, if any are found.

    Searches minimal quorate meetings of the new version (greedy, from several
    orders; seeded, so the answer is repeatable) and tests each against the old.
    """
    old, new = versions.old, versions.new
    if isinstance(old.quorum, UNSET_QUORUM) or isinstance(new.quorum, UNSET_QUORUM):
        return None
    if _decides_quorum_alike(versions):
        return None  # no meeting can be quorate now and not before
    common = [m.id for m in new.counting_members() if old.member(m.id) is not None]
    if not common or not _quorate(new, versions.new_agencies, common):
        return None
    rng = random.Random(7)
    orders = [common, common[::-1]]
    for _ in range(tries):
        order = common[:]
        rng.shuffle(order)
        orders.append(order)
    for order in orders:
        present = set(common)
        for post in order:
            if _quorate(new, versions.new_agencies, present - {post}):
                present.discard(post)
        if _quorate(old, versions.old_agencies, present) is False:
            return [m.id for m in new.members if m.id in present]
    return None
