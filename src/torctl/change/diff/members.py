"""Who sits on the body: members, membership classes, substitutes and the chair.

A voting right given to an observer (a post, or a whole class, that did not vote)
weakens governance, and is called out as such.
"""

from __future__ import annotations

from typing import Any

from ...model import Body, Chair, ClassRule, Member, MemberClass, Rotation, Substitute
from ...rules.quorum import agency_label
from ...rules.quorum_change import Versions
from ...rules.words import (
    counting_in_brief,
    describe_chair,
    holding_in_brief,
    member_in_brief,
    substitute_in_brief,
    voting_right_in_brief,
)
from .collector import Collector
from .results import Change

# Classes whose members are, by their nature, not full voting members.
OBSERVER_CLASSES = frozenset(
    {
        MemberClass.ATTENDEE,
        MemberClass.PARTICIPANT_OBSERVER,
        MemberClass.CO_OPTED,
        MemberClass.ADVISER,
        MemberClass.SECRETARIAT,
    }
)


def _gives_observer_a_vote(old_body: Body, new_body: Body, old: Member | None, new: Member) -> bool:
    """A vote where there was none, for a post that is (or was) an observer or in a non-voting class."""
    if new_body.votes(new) is not True or (old is not None and old_body.votes(old) is True):
        return False
    classes = {new.member_class} | ({old.member_class} if old else set())
    rules = [new_body.membership_classes.get(new.member_class)] + (
        [old_body.membership_classes.get(old.member_class)] if old else []
    )
    return bool(classes & OBSERVER_CLASSES) or any(rule is not None and rule.votes is False for rule in rules)


def _observer_vote(member: Member) -> str:
    return f"a voting right given to an observer ({member.label()})"


def members(v: Versions, out: list[Change]) -> None:
    c = Collector("Members", out)
    old_ids = {m.id: m for m in v.old.members}
    new_ids = {m.id: m for m in v.new.members}
    for member in v.old.members:
        if member.id not in new_ids:
            c.add(f"Removed: {member_in_brief(v.old, v.old_agencies, member)}", before=member)
    for member in v.new.members:
        if member.id not in old_ids:
            c.add(f"Added: {member_in_brief(v.new, v.new_agencies, member)}", after=member)
            if _gives_observer_a_vote(v.old, v.new, None, member):
                c.add(
                    f"{member.label()} joins with a vote "
                    f"although its class ({member.member_class.value}) is an observer's",
                    weakens=_observer_vote(member),
                    warning_only=True,
                )
    for member in v.new.members:
        old = old_ids.get(member.id)
        if old is None or (old == member and _effective(v.old, old) == _effective(v.new, member)):
            continue
        _member_changed(c, v, old, member)


def _member_changed(c: Collector, v: Versions, old: Member, member: Member) -> None:
    """What changed of a post on both sides: its name, holder, agency, class, rights, substitutes and notes."""
    name = old.role if old.role == member.role else f"{old.role} (now {member.role})"
    if old.role != member.role:
        c.add(f'Post \'{member.id}\' renamed: "{old.role}" → "{member.role}"', before=old.role, after=member.role)
    if (old.holder, old.vacancy) != (member.holder, member.vacancy):
        was, now = holding_in_brief(old), holding_in_brief(member)
        c.add(f"{name}: {was} → {now}", before=was, after=now)
    if old.agency != member.agency:
        c.add(
            f"{name}: agency "
            f"{agency_label(v.old_agencies, old.agency)} → {agency_label(v.new_agencies, member.agency)}",
            before=old.agency,
            after=member.agency,
        )
    if old.member_class != member.member_class:
        c.add(
            f"{name}: class {old.member_class.value} → {member.member_class.value}",
            before=old.member_class.value,
            after=member.member_class.value,
        )
    _rights_changed(c, v, name, old, member)
    _substitutes(c, name, old, member)
    c.texts(f"{name}: note", old.notes, member.notes)
    c.text(f"{name}: reading", old.reading, member.reading)


def _rights_changed(c: Collector, v: Versions, name: str, old: Member, member: Member) -> None:
    """A post's vote, quorum count and attendance, as the member or its class sets them."""
    # A change that follows only from the class's rule is reported once, under membership classes.
    own = old.member_class != member.member_class
    before, after = _effective(v.old, old), _effective(v.new, member)
    if not own and old.votes == member.votes:
        after["votes"] = before["votes"]
    if not own and old.counts_for_quorum == member.counts_for_quorum:
        after["counts"] = before["counts"]
    if not own and old.attends == member.attends:
        after["attends"] = before["attends"]
    if before["votes"] != after["votes"]:
        c.add(
            f"{name}: {voting_right_in_brief(before['votes'])} → {voting_right_in_brief(after['votes'])}",
            weakens=_observer_vote(member) if _gives_observer_a_vote(v.old, v.new, old, member) else None,
            before=before["votes"],
            after=after["votes"],
        )
    if before["counts"] != after["counts"]:
        c.add(
            f"{name}: {counting_in_brief(before['counts'])} → {counting_in_brief(after['counts'])}",
            before=before["counts"],
            after=after["counts"],
        )
    if before["attends"] != after["attends"]:
        c.add(
            f"{name}: attends {before['attends'].replace('-', ' ')} → {after['attends'].replace('-', ' ')}",
            before=before["attends"],
            after=after["attends"],
        )


def _effective(body: Body, member: Member) -> dict[str, Any]:
    return {"votes": body.votes(member), "counts": body.counts_for_quorum(member), "attends": body.attends(member)}


def _substitutes(c: Collector, name: str, old: Member, new: Member) -> None:
    def compare(a: Substitute, b: Substitute) -> None:
        c.add(f"{name}: substitute {substitute_in_brief(a)} → {substitute_in_brief(b)}", before=a, after=b)

    c.keyed(
        f"{name}: substitute",
        old.substitutes,
        new.substitutes,
        lambda sub: sub.name.casefold(),
        substitute_in_brief,
        compare,
    )


def classes(v: Versions, out: list[Change]) -> None:
    c = Collector("Membership classes", out)
    old, new = v.old.membership_classes, v.new.membership_classes
    for cls in dict.fromkeys([*old, *new]):
        a, b = old.get(cls), new.get(cls)
        label = f"Class '{cls.value}'"
        if a is None and b is not None:
            rights = f"{voting_right_in_brief(b.votes)}, {counting_in_brief(b.counts_for_quorum)}"
            c.add(f"{label} defined: {rights}", after=b)
        elif b is None and a is not None:
            c.add(f"{label} no longer defined", before=a)
        elif a is not None and b is not None and a != b:
            _class_changed(c, cls, label, a, b)


def _class_changed(c: Collector, cls: MemberClass, label: str, a: ClassRule, b: ClassRule) -> None:
    if a.votes != b.votes:
        weakens = (
            f"a voting right given to {cls.value} members"
            if b.votes is True and (cls in OBSERVER_CLASSES or a.votes is False)
            else None
        )
        c.add(
            f"{label}: {voting_right_in_brief(a.votes)} → {voting_right_in_brief(b.votes)}",
            weakens=weakens,
            before=a.votes,
            after=b.votes,
        )
    c.fields(label, a, b, skip=("votes",))


def substitution(v: Versions, out: list[Change]) -> None:
    c = Collector("Substitutes", out)
    a, b = v.old.substitution, v.new.substitution
    if a == b:
        return
    if a.delegated_authority_required and not b.delegated_authority_required:
        c.add(
            "Substitutes no longer need the member's delegated authority to count",
            weakens="substitutes now count toward quorum without the member's delegated authority",
            before=True,
            after=False,
        )
    elif b.delegated_authority_required != a.delegated_authority_required:
        c.add("Substitutes now count only with the member's delegated authority", before=False, after=True)
    c.value("Who may substitute", a.who, b.who)
    c.value("Named substitutes per member", a.max_named, b.max_named)
    c.value("Notice of a substitute", a.notice.human() if a.notice else None, b.notice.human() if b.notice else None)
    c.value("Notify", a.notify, b.notify)
    c.text("Wording", a.text, b.text)
    c.text("Reading", a.reading, b.reading)


def chair(v: Versions, out: list[Change]) -> None:
    c = Collector("Chair", out)
    for field_name, title in (("chair", "Chair"), ("deputy_chair", "Deputy chair")):
        a: Chair | None = getattr(v.old, field_name)
        b: Chair | None = getattr(v.new, field_name)
        if a == b and (a is None or describe_chair(v.old, a) == describe_chair(v.new, a)):
            continue  # unchanged, and so are the roles it names
        _chair_changed(c, v, title, a, b)


def _chair_changed(c: Collector, v: Versions, title: str, a: Chair | None, b: Chair | None) -> None:
    before = describe_chair(v.old, a) if a else "none"
    after = describe_chair(v.new, b) if b else "none"
    if before != after:
        c.add(f"{title}: {before} → {after}", before=before, after=after)
    _rotation(c, title, a.rotation if a else None, b.rotation if b else None)
    c.texts(f"{title} responsibility", a.responsibilities if a else [], b.responsibilities if b else [])
    c.text(f"{title}: wording", a.text if a else None, b.text if b else None)
    c.text(f"{title}: reading", a.reading if a else None, b.reading if b else None)


def _rotation(c: Collector, title: str, a: Rotation | None, b: Rotation | None) -> None:
    if a and b:
        c.value(f"{title} rotation order", a.order, b.order)
        c.value(f"{title} rotation: current turn", a.current, b.current)
        c.value(f"{title} rotation: turn began", a.since, b.since)
    elif b and (b.current or b.since or b.order):
        c.value(f"{title} rotation: current turn", None, b.current)
