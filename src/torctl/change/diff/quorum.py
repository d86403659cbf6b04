"""The quorum section: the rule before and after in words, and why a quorum became easier to reach.

The reasoning (which agencies a rule needs, what made it easier, a meeting quorate
now and not before) is the rules layer's, `torctl.rules.quorum_change`; this module
words it for the board.
"""

from __future__ import annotations

from typing import assert_never

from ...model import (
    STATUTORY_KINDS,
    AllOf,
    AnyOf,
    AtLeast,
    Fraction,
    NoQuorum,
    QuorumNotStated,
    QuorumRule,
    Represented,
)
from ...rules.quorum import agency_label, join_words
from ...rules.words import quorum_sentence
from ...rules.quorum_change import Versions, dropped_agencies, easier_witness, replaced_agencies, why_easier
from .collector import Collector
from .results import Change


def quorum(v: Versions, out: list[Change]) -> None:
    c = Collector("Quorum", out)
    before, after = quorum_sentence(v.old, v.old_agencies), quorum_sentence(v.new, v.new_agencies)
    if before != after:
        c.add(f"Before: {before}", before=before)
        c.add(f"After: {after}", after=after)
    c.text("The ToR's words", v.old.quorum.text, v.new.quorum.text)
    for where, (old_reading, new_reading) in _readings(v.old.quorum, v.new.quorum):
        c.text(f"Reading{where}", old_reading, new_reading)
    for agency_id, successor in sorted(replaced_agencies(v).items()):
        c.add(
            f"{agency_label(v.old_agencies, agency_id)} is replaced in the quorum by "
            f"{agency_label(v.new_agencies, successor)}, its successor"
        )
    _easier(c, v)


def _easier(c: Collector, v: Versions) -> None:
    """Each way the quorum became easier to reach, as a warning; the first with a meeting that shows it."""
    drops = [_dropped(v, agency_id) for agency_id in sorted(dropped_agencies(v))]
    reasons = drops + why_easier(v.old.quorum, v.new.quorum, v)
    witness = easier_witness(v)
    example = ""
    if witness:
        roles = join_words([member.role for post in witness if (member := v.new.member(post)) is not None])
        example = f" (e.g. a meeting of {roles} is now quorate, and was not before)"
    if not reasons and witness:
        reasons = ["the quorum is easier to reach, because of who now counts toward it"]
    for k, reason in enumerate(reasons):
        warning = (
            reason if reason in drops or reason.startswith("the quorum") else f"the quorum is easier to reach: {reason}"
        )
        warning += example if k == 0 else ""
        c.add(warning[0].upper() + warning[1:], weakens=warning, warning_only=True)


def _dropped(v: Versions, agency_id: str) -> str:
    """An agency no longer needed for a quorate meeting, in words; a statutory partner is named as one."""
    agency = v.old_agencies.get(agency_id)
    name = agency_label(v.old_agencies, agency_id)
    if agency is not None and agency.kind in STATUTORY_KINDS:
        return f"statutory partner {name} dropped from the quorum"
    return f"{name} no longer needed for a quorate meeting"


def _sub_rules(rule: QuorumRule) -> list[QuorumRule]:
    match rule:
        case AllOf() | AnyOf():
            return rule.rules
        case NoQuorum() | QuorumNotStated() | AtLeast() | Represented() | Fraction():
            return []
        case _:
            assert_never(rule)


def _readings(a: QuorumRule, b: QuorumRule) -> list[tuple[str, tuple[str | None, str | None]]]:
    """The readings of two quorum rules, clause by clause where the trees have the same shape."""
    out = [("", (a.reading, b.reading))]
    subs_a, subs_b = _sub_rules(a), _sub_rules(b)
    if subs_a and subs_b and len(subs_a) == len(subs_b):
        for k, (x, y) in enumerate(zip(subs_a, subs_b, strict=True), start=1):
            out += [(f" of clause {k}{where}", words) for where, words in _readings(x, y)]
    return out
