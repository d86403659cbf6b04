"""How the body decides: voting and majorities, meeting procedure (interests, remote attendance, notice), governance.

Weakening here is a lower majority, a tie carried by a casting vote, abstentions no
longer counted against, a member with an interest or attending remotely who now
counts or votes, and shorter notice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from ...model import Voting
from ...model.decisions import Majority
from ...model.procedure import InterestKind, Procedure, RemoteAttendance
from ...rules.quorum import describe_selector
from ...rules.quorum_change import Versions
from ...rules.words import (
    abstentions_in_brief,
    decides_in_brief,
    majority_in_brief,
    ties_in_brief,
    voting_method_in_brief,
    yes_no,
)
from .collector import Collector, norm
from .results import Change


def voting(v: Versions, out: list[Change]) -> None:
    c = Collector("Voting", out)
    a, b = v.old.voting, v.new.voting
    if a.method != b.method:
        c.add(f"Voting: {voting_method_in_brief(a)} → {voting_method_in_brief(b)}", before=a.method, after=b.method)
    va, vb = describe_selector(a.voters, v.old, v.old_agencies), describe_selector(b.voters, v.new, v.new_agencies)
    if va != vb:
        c.add(f"Who may vote: {va} → {vb}", before=a.voters, after=b.voters)
    c.text("Voting: wording", a.text, b.text)
    c.text("Voting: decisions covered", a.scope, b.scope)
    c.text("Voting: reading", a.reading, b.reading)
    _majorities(c, a, b)
    _special_majorities(c, a, b)


_BASES = ("present-and-voting", "present", "membership", "whole-membership")  # laxest first


def _strictness(majority: Majority | None) -> tuple[int, float] | None:
    """How hard a majority is to reach, to tell a lower one: (base, share)."""
    if majority is None:
        return None
    share = majority.numerator / majority.denominator + (1e-6 if majority.bound == "more-than" else 0)
    return _BASES.index(majority.of), share


def _lower(old: Majority | None, new: Majority | None) -> bool:
    a, b = _strictness(old), _strictness(new)
    if a is None:
        return False
    return b is None or b[1] < a[1] or (b[1] == a[1] and b[0] < a[0])


def _majorities(c: Collector, a: Voting, b: Voting) -> None:
    """The majority, abstentions, ties and the chair's vote; a lower majority is flagged as weakening."""
    if a.majority != b.majority and majority_in_brief(a.majority) != majority_in_brief(b.majority):
        c.add(
            f"Majority: {majority_in_brief(a.majority)} → {majority_in_brief(b.majority)}",
            before=a.majority,
            after=b.majority,
            weakens="a lower majority" if _lower(a.majority, b.majority) else None,
        )
    if a.abstentions != b.abstentions:
        c.add(
            f"Abstentions: {abstentions_in_brief(a)} → {abstentions_in_brief(b)}",
            before=a.abstentions,
            after=b.abstentions,
            weakens="abstentions no longer count against" if a.abstentions == "count-against" else None,
        )
    if a.ties != b.ties:
        casting = a.ties == "not-carried" and b.ties == "casting-vote"
        c.add(
            f"Equal votes: {ties_in_brief(a)} → {ties_in_brief(b)}",
            before=a.ties,
            after=b.ties,
            weakens="a tie can now be carried by the chair's casting vote" if casting else None,
        )
    c.value("The chair's ordinary vote", a.chair_ordinary_vote, b.chair_ordinary_vote)


def _special_majorities(c: Collector, a: Voting, b: Voting) -> None:
    """The majorities some kinds of decision need; one removed or lowered weakens governance."""
    old = {m.kind: m for m in a.special_majorities}
    new = {m.kind: m for m in b.special_majorities}
    for kind in dict.fromkeys([*old, *new]):
        before, after = old.get(kind), new.get(kind)
        if before is None and after is not None:
            c.add(f"Special majority added for {kind}: {majority_in_brief(after.majority)}", after=after)
        elif after is None and before is not None:
            c.add(
                f"Special majority removed for {kind} (was {majority_in_brief(before.majority)})",
                before=before,
                weakens=f"decisions of kind {kind} no longer need a special majority",
            )
        elif (
            before is not None
            and after is not None
            and majority_in_brief(before.majority) != majority_in_brief(after.majority)
        ):
            c.add(
                f"Special majority for {kind}: "
                f"{majority_in_brief(before.majority)} → {majority_in_brief(after.majority)}",
                before=before,
                after=after,
                weakens=f"a lower majority for {kind}" if _lower(before.majority, after.majority) else None,
            )


def procedure(v: Versions, out: list[Change]) -> None:
    """Declared interests, remote attendance, an inquorate meeting, clear days.

    Weakening where members who did not count or vote now do, or notice is shorter.
    """
    c = Collector("Meeting procedure", out)
    a, b = v.old.procedure, v.new.procedure
    if a == b:
        return
    _interests(c, a, b)
    _remote(c, a.remote, b.remote)
    c.fields("If not quorate", a.inquorate, b.inquorate)
    _clear_days(c, a, b)
    c.text("Meeting procedure: wording", a.text, b.text)


def _interests(c: Collector, a: Procedure, b: Procedure) -> None:
    ia = {k.kind: k for k in a.interests.kinds} if a.interests else {}
    ib = {k.kind: k for k in b.interests.kinds} if b.interests else {}
    for kind in dict.fromkeys([*ia, *ib]):
        before, after = ia.get(kind), ib.get(kind)
        name = kind.replace("-", " ")
        if after is None and before is not None:
            c.add(
                f"Interest removed: {name}",
                before=before,
                weakens=f"a {name} interest no longer excludes the member" if _excludes(before) else None,
            )
        elif before is None and after is not None:
            c.add(f"Interest added: {name}", after=after)
        elif before is not None and after is not None:
            _interest_changed(c, name, before, after)
    c.fields(
        "Dispensations",
        a.interests.dispensation if a.interests else None,
        b.interests.dispensation if b.interests else None,
    )
    c.text("Interests: wording", a.interests.text if a.interests else None, b.interests.text if b.interests else None)


def _excludes(interest: InterestKind) -> bool:
    """Whether a member with this interest is kept out of the quorum, the vote or the room."""
    return interest.counts_for_quorum is False or interest.may_vote is False or interest.leaves_room is True


_INTEREST_RIGHTS = (
    ("leaves_room", "leaves the room"),
    ("counts_for_quorum", "counts toward quorum"),
    ("may_speak", "may speak"),
    ("may_vote", "may vote"),
)


def _interest_changed(c: Collector, name: str, before: InterestKind, after: InterestKind) -> None:
    """A kind of interest on both sides: a member with it who now stays, counts, speaks or votes weakens governance."""
    for attr, label in _INTEREST_RIGHTS:
        x, y = getattr(before, attr), getattr(after, attr)
        if x == y:
            continue
        loosened = (y is True and x is not True) if attr != "leaves_room" else (x is True and y is not True)
        now = label if attr != "leaves_room" else "stays in the room"
        c.add(
            f"Interest {name}: {label}: {yes_no(x)} → {yes_no(y)}",
            before=x,
            after=y,
            weakens=f"a member with a {name} interest now {now}" if loosened else None,
        )
    c.text(f"Interest {name}: wording", before.text, after.text)


_REMOTE_RIGHTS = (
    ("allowed", "remote attendance allowed"),
    ("counts_for_quorum", "remote attendees count toward quorum"),
    ("may_vote", "remote attendees may vote"),
    ("substitutes", "substitutes may attend remotely"),
)


def _remote(c: Collector, ra: RemoteAttendance | None, rb: RemoteAttendance | None) -> None:
    for attr, label in _REMOTE_RIGHTS:
        x, y = getattr(ra, attr) if ra else None, getattr(rb, attr) if rb else None
        if x != y:
            c.add(
                f"{label[:1].upper() + label[1:]}: {yes_no(x)} → {yes_no(y)}",
                before=x,
                after=y,
                weakens=f"{label}, where they were not" if y is True and x is not True and attr != "allowed" else None,
            )
    c.text("Remote attendance: wording", ra.text if ra else None, rb.text if rb else None)


_CLEAR_DAYS = (None, "every-day", "excluding-weekends", "excluding-weekends-and-bank-holidays")  # fewest days first


def _clear_days(c: Collector, a: Procedure, b: Procedure) -> None:
    if a.clear_days == b.clear_days:
        return
    shorter = (
        a.clear_days is not None
        and b.clear_days is not None
        and _CLEAR_DAYS.index(b.clear_days) < _CLEAR_DAYS.index(a.clear_days)
    )
    c.add(
        f"Clear days: {a.clear_days or 'not stated'} → {b.clear_days or 'not stated'}",
        before=a.clear_days,
        after=b.clear_days,
        weakens="shorter notice: more days now count as clear days" if shorter else None,
    )


_GOVERNANCE_LISTS: tuple[tuple[str, str, Callable[[Any], str], str], ...] = (
    ("Escalation", "escalation", lambda x: norm(x.issue), "issue"),
    ("Members' duty", "member_duties", lambda x: norm(x.text), "text"),
    ("Standing document", "documents", lambda x: norm(x.title), "title"),
    ("Publication", "publications", lambda x: norm(x.title), "title"),
)


def governance(v: Versions, out: list[Change]) -> None:
    """Who decides, membership changes, escalation, members' duties, documents, publications: field by field."""
    a, b = v.old.governance, v.new.governance
    if a == b:
        return
    c = Collector("Governance", out)
    old_making, new_making = a.decision_making, b.decision_making
    if old_making.decides != new_making.decides:
        c.add(
            f"Decides: {decides_in_brief(old_making)} → {decides_in_brief(new_making)}",
            before=old_making.decides,
            after=new_making.decides,
        )
    c.fields("Decision making", old_making, new_making, skip=("decides",))
    c.fields("Membership changes", a.membership_changes, b.membership_changes)
    for what, name, key, label in _GOVERNANCE_LISTS:

        def compare(x: BaseModel, y: BaseModel, what: str = what, label: str = label) -> None:
            c.fields(f'{what} "{getattr(y, label)}":', x, y, skip=(label,))

        def describe_item(x: BaseModel, label: str = label) -> str:
            return f'"{getattr(x, label)}"'

        c.keyed(what, getattr(a, name), getattr(b, name), key, describe_item, compare)
