"""Evaluating a body's quorum rule against the posts represented at a meeting.

Pure functions over the model: given which posts are validly represented (by
their holder or by a substitute who counts), `evaluate` returns a tree of
clauses mirroring the rule, each saying whether it holds, by whom, and what is
missing. `describe` turns a rule into the plain-English sentence a ToR would use.
Only members whose class counts toward quorum are ever counted; that comes from
the body's data, never from special cases here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import assert_never
from collections.abc import Iterable, Iterator, Mapping

from ..model import (
    Agency,
    AgencyKind,
    AllOf,
    AnyOf,
    AtLeast,
    Body,
    Fraction,
    Member,
    NoQuorum,
    QuorumNotStated,
    QuorumRule,
    Represented,
    Selector,
)


@dataclass
class Clause:
    """The verdict on one rule of the tree; its `text` (the rule in words) is written only when asked for."""

    rule: QuorumRule
    satisfied: bool | None  # None: the ToR sets no quorum, or states none
    have: int = 0
    need: int = 0
    met_by: list[str] = field(default_factory=list)  # post ids that count toward this clause
    missing: list[str] = field(default_factory=list)  # agency ids, or post ids, still needed
    candidates: list[str] = field(default_factory=list)  # post ids that could supply what is missing
    children: list[Clause] = field(default_factory=list)
    body: Body | None = field(default=None, repr=False, compare=False)
    agencies: Mapping[str, Agency] = field(default_factory=dict, repr=False, compare=False)

    @property
    def text(self) -> str:
        """The rule as a sentence fragment (`describe`)."""
        assert self.body is not None
        return describe(self.rule, self.body, self.agencies)

    @property
    def status(self) -> str:
        """`met`, `unmet`, `no-quorum` where the ToR sets none, or `not-stated` where it says nothing."""
        if self.satisfied is None:
            return "not-stated" if isinstance(self.rule, QuorumNotStated) else "no-quorum"
        return "met" if self.satisfied else "unmet"

    @property
    def shortfall(self) -> int:
        """How many more members (or agencies) a leaf clause needs; 0 when met."""
        return 0 if self.satisfied is not False else max(self.need - self.have, 0)


def unmet_leaves(
    clause: Clause, path: tuple[int, ...] = (), *, alternative: bool = False
) -> Iterator[tuple[tuple[int, ...], Clause, bool]]:
    """The leaf clauses that keep `clause` from holding: (path of child indexes, leaf, is one of alternatives).

    Under an unmet `all-of` only the failing sub-rules are gaps; under an unmet
    `any-of` every sub-rule is a way to close it, so each is marked an alternative.
    """
    if clause.satisfied is not False:
        return
    if not clause.children:
        yield path, clause, alternative
        return
    either = isinstance(clause.rule, AnyOf)
    for index, child in enumerate(clause.children):
        yield from unmet_leaves(child, (*path, index), alternative=alternative or either)


def agency_label(agencies: Mapping[str, Agency], agency_id: str | None) -> str:
    if agency_id is None:
        return "no stated agency"
    agency = agencies.get(agency_id)
    return (agency.short_name or agency.name) if agency else agency_id


def successors(agencies: Mapping[str, Agency], agency_id: str | None) -> list[str]:
    """The agencies that took over `agency_id`'s functions, nearest first (a CCG -> its ICB)."""
    chain: list[str] = []
    agency = agencies.get(agency_id or "")
    while (
        agency is not None
        and agency.replaced_by
        and agency.replaced_by not in chain
        and agency.replaced_by != agency_id
    ):
        chain.append(agency.replaced_by)
        agency = agencies.get(agency.replaced_by)
    return chain


def stands_for(agencies: Mapping[str, Agency], agency_id: str | None, named: Iterable[str]) -> str | None:
    """The agency among `named` that `agency_id` is, or succeeded; None if neither.

    A ToR written before a reorganisation names the old agency (the CCG); the
    successor's people (the ICB's) count in its place.
    """
    named = list(named)
    if agency_id in named:
        return agency_id
    return next((old for old in named if agency_id in successors(agencies, old)), None)


def succession_note(agencies: Mapping[str, Agency], predecessor: str) -> str | None:
    """`BSol ICB counts for BSol CCG, which the ToR names: it replaced BSol CCG in July 2022 (Health and Care Act
    2022)`."""
    chain = successors(agencies, predecessor)
    if not chain:
        return None
    old = agencies[predecessor]
    new = agency_label(agencies, chain[-1])
    when = f" {'in' if old.replaced_on.is_month else 'on'} {old.replaced_on.human()}" if old.replaced_on else ""
    under = f" under the {old.replaced_under}" if old.replaced_under else ""
    label = agency_label(agencies, predecessor)
    return f"the ToR names {label}, which {new} replaced{when}{under}; {new}'s people count for {label}"


def succession_notes(body: Body, agencies: Mapping[str, Agency]) -> list[str]:
    """One note for each agency of the body's posts that has since been replaced."""
    named = dict.fromkeys(m.agency for m in body.members if m.agency)
    return [n for a in named if (n := succession_note(agencies, a))]


def matches(body: Body, agencies: Mapping[str, Agency], member: Member, selector: Selector) -> bool:
    """Whether a member falls within a selector (every non-empty criterion must hold)."""
    if selector.posts and member.id not in selector.posts and f"{body.id}/{member.id}" not in selector.posts:
        return False
    if selector.agencies and stands_for(agencies, member.agency, selector.agencies) is None:
        return False
    if selector.agency_kinds:
        agency = agencies.get(member.agency or "")
        if agency is None or agency.kind not in selector.agency_kinds:
            return False
    return not (selector.classes and member.member_class not in selector.classes)


def represented_agencies(body: Body, agencies: Mapping[str, Agency], rule: Represented) -> list[str]:
    """The agencies a `represented` rule requires: those listed, then those of the listed kinds."""
    required = list(dict.fromkeys(rule.agencies))
    if rule.agency_kinds:
        for member in body.counting_members():
            agency = agencies.get(member.agency or "")
            if agency and agency.kind in rule.agency_kinds and agency.id not in required:
                required.append(agency.id)
    return required


def _selection(
    body: Body, agencies: Mapping[str, Agency], selector: Selector, *, include_vacant: bool = False
) -> list[Member]:
    return [
        m
        for m in body.members
        if body.counts_for_quorum(m) and (include_vacant or not m.is_vacant) and matches(body, agencies, m, selector)
    ]


def fraction_needed(rule: Fraction, size: int) -> int:
    exact = size * rule.numerator / rule.denominator
    if rule.rounding == "up":
        needed = math.ceil(exact)
    elif rule.rounding == "down":
        needed = math.floor(exact)
    else:
        needed = math.floor(exact + 0.5)
    return max(needed, rule.minimum)


def evaluate(
    body: Body, agencies: Mapping[str, Agency], present: Iterable[str], rule: QuorumRule | None = None
) -> Clause:
    """Evaluate `rule` (default: the body's quorum) with these post ids validly represented."""
    rule = body.quorum if rule is None else rule
    present_ids = set(present)
    counting = [m for m in body.members if m.id in present_ids and body.counts_for_quorum(m)]
    match rule:
        case NoQuorum() | QuorumNotStated():
            clause = Clause(rule, None)
        case AllOf() | AnyOf():
            children = [evaluate(body, agencies, present_ids, sub) for sub in rule.rules]
            outcomes = [c.satisfied for c in children if c.satisfied is not None]
            holds = all(outcomes) if isinstance(rule, AllOf) else any(outcomes)
            clause = Clause(rule, holds if outcomes else None, children=children)
        case Represented():
            clause = _represented(body, agencies, rule, counting, present_ids)
        case AtLeast():
            clause = _at_least(body, agencies, rule, counting, present_ids)
        case Fraction():
            base = _selection(body, agencies, rule.of, include_vacant=not rule.exclude_vacancies)
            need = fraction_needed(rule, len(base))
            pool = [m.id for m in counting if matches(body, agencies, m, rule.of)]
            candidates = [m.id for m in _selection(body, agencies, rule.of) if m.id not in present_ids]
            clause = Clause(rule, len(pool) >= need, len(pool), need, pool, [], candidates)
        case _:
            assert_never(rule)
    clause.body, clause.agencies = body, agencies
    return clause


def _represented(
    body: Body, agencies: Mapping[str, Agency], rule: Represented, counting: list[Member], present: set[str]
) -> Clause:
    required = represented_agencies(body, agencies, rule)
    met = [m.id for m in counting if stands_for(agencies, m.agency, required)]
    have = {stands_for(agencies, m.agency, required) for m in counting} - {None}
    missing = [a for a in required if a not in have]
    candidates = [
        m.id for m in body.counting_members() if stands_for(agencies, m.agency, missing) and m.id not in present
    ]
    return Clause(rule, bool(required) and not missing, len(have), len(required), met, missing, candidates)


def _at_least(
    body: Body, agencies: Mapping[str, Agency], rule: AtLeast, counting: list[Member], present: set[str]
) -> Clause:
    pool = [m for m in counting if matches(body, agencies, m, rule.of)]
    possible = [m for m in _selection(body, agencies, rule.of) if m.id not in present]
    if rule.counting == "agencies":
        represented = {m.agency for m in pool if m.agency}
        have = len(represented)
        candidates = [m.id for m in possible if m.agency and m.agency not in represented]
    else:
        have = len(pool)
        candidates = [m.id for m in possible]
    return Clause(rule, have >= rule.count, have, rule.count, [m.id for m in pool], [], candidates)


def has_fraction(rule: QuorumRule) -> bool:
    """Whether the rule has a `fraction` anywhere in it (the only kind that can come to nobody)."""
    match rule:
        case AllOf() | AnyOf():
            return any(has_fraction(sub) for sub in rule.rules)
        case Fraction():
            return True
        case NoQuorum() | QuorumNotStated() | AtLeast() | Represented():
            return False
        case _:
            assert_never(rule)


# ---------------------------------------------------------------- plain English

_KIND_WORDS = {
    AgencyKind.STATUTORY_LOCAL_AUTHORITY: "the local authority",
    AgencyKind.STATUTORY_HEALTH: "health",
    AgencyKind.STATUTORY_POLICE: "the police",
    AgencyKind.RELEVANT_AGENCY: "relevant agencies",
    AgencyKind.GOVERNMENT: "government",
    AgencyKind.INDEPENDENT: "independent members",
    AgencyKind.POLITICAL: "elected members",
    AgencyKind.OTHER: "other agencies",
}
_STATUTORY = {AgencyKind.STATUTORY_LOCAL_AUTHORITY, AgencyKind.STATUTORY_HEALTH, AgencyKind.STATUTORY_POLICE}
_NUMBERS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def _number(n: int) -> str:
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def join_words(items: list[str], conjunction: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def describe_selector(selector: Selector, body: Body, agencies: Mapping[str, Agency]) -> str:
    """`members from SMBC or WMP`, `the Chief Executive`, `members`."""
    parts = []
    if selector.posts:
        roles = []
        for ref in selector.posts:
            member = body.member(ref.split("/")[-1]) if "/" not in ref or ref.startswith(f"{body.id}/") else None
            roles.append(member.role if member else ref)
        parts.append(join_words(roles, "or"))
    if selector.classes:
        parts.append(join_words([c.value.replace("-", " ") for c in selector.classes], "or") + " members")
    if selector.agencies:
        parts.append("from " + join_words([agency_label(agencies, a) for a in selector.agencies], "or"))
    if selector.agency_kinds:
        kinds = set(selector.agency_kinds)
        words = (
            "the statutory safeguarding partners"
            if kinds == _STATUTORY
            else join_words([_KIND_WORDS[k] for k in selector.agency_kinds], "or")
        )
        parts.append("from " + words)
    if not parts:
        return "members"
    if not selector.posts and not selector.classes:
        parts.insert(0, "members")
    return " ".join(parts)


def describe(rule: QuorumRule, body: Body, agencies: Mapping[str, Agency]) -> str:
    """The rule as a sentence fragment, generated from the data (not copied from the source)."""
    match rule:
        case NoQuorum():
            return f"no quorum is set ({rule.reason.rstrip('.')})"
        case QuorumNotStated():
            return "the ToR does not state a quorum"
        case AllOf():
            return join_words([describe(r, body, agencies) for r in rule.rules], "and")
        case AnyOf():
            return "either " + join_words([describe(r, body, agencies) for r in rule.rules], "or")
        case Represented():
            return _describe_represented(rule, agencies)
        case AtLeast():
            return _describe_at_least(rule, body, agencies)
        case Fraction():
            who = describe_selector(rule.of, body, agencies)
            fraction = _FRACTIONS.get((rule.numerator, rule.denominator), f"{rule.numerator}/{rule.denominator}")
            text = f"{fraction} of {who} (rounded {rule.rounding}"
            text += ", vacancies excluded)" if rule.exclude_vacancies else ", vacancies included)"
            if rule.minimum:
                text += f", and never fewer than {_number(rule.minimum)}"
            return text
        case _:
            assert_never(rule)


def _describe_represented(rule: Represented, agencies: Mapping[str, Agency]) -> str:
    named = [agency_label(agencies, a) for a in rule.agencies]
    if rule.agency_kinds:
        kinds = set(rule.agency_kinds)
        named.append(
            "each of the statutory safeguarding partners"
            if kinds == _STATUTORY
            else "each agency of kind " + join_words([k.value for k in rule.agency_kinds], "or")
        )
    if rule.agencies and not rule.agency_kinds and len(named) > 1:
        return f"representation from each of {join_words(named)}"
    return f"representation from {join_words(named)}"


def _describe_at_least(rule: AtLeast, body: Body, agencies: Mapping[str, Agency]) -> str:
    who = describe_selector(rule.of, body, agencies)
    if rule.counting == "agencies":
        scope = "" if rule.of.is_everyone else f" among {who}"
        return f"at least {_number(rule.count)} member {'agency' if rule.count == 1 else 'agencies'} represented{scope}"
    if rule.of.posts:
        return f"at least {_number(rule.count)} of the {who}"
    if rule.count == 1 and who.startswith("members"):
        return f"at least one member{who.removeprefix('members')}"
    return f"at least {_number(rule.count)} {who}"


_FRACTIONS = {
    (1, 2): "one half",
    (1, 3): "one third",
    (2, 3): "two thirds",
    (1, 4): "one quarter",
    (3, 4): "three quarters",
}
