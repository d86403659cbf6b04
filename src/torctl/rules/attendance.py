"""Who attended a meeting, resolved against a body's posts: the input to a quorum verdict.

An attendance says who was present in person, who stood in for whom (and with
what authority), who sent apologies, and who observed. People are written as a
post id, the holder's name or the role, matched case-insensitively; a named
substitute recorded in the ToR may also be written by name. Nothing is guessed:
a name that matches no post, or several, is a problem listing the closest
candidates. Whether a person counts toward quorum comes only from the body's
data (`membership_classes`, per-post overrides, the `substitution` rule).

Attendance records are YAML files under `attendance/` in the bodies directory
(by convention `attendance/<body-id>/<date>.yaml`); their model is in
`torctl.model.records`, and `torctl.data.records.check_attendance`, which
`torctl validate` runs on each of them, resolves them with `resolve_record`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal, NamedTuple
from collections.abc import Mapping, Sequence

from ..model import Agency, Body, Member, Substitute
from ..model.records import AttendanceRecord, SubstituteEntry
from ..findings import Code, Finding, Loc, finding
from ..suggest import did_you_mean
from .quorum import agency_label, stands_for, succession_note, successors

# ---------------------------------------------------------------- resolving names


class Unresolved(Exception):
    """A name in an attendance that resolves to no post, or to several: the finding's code and message."""

    def __init__(self, code: Code, message: str):
        super().__init__(message)
        self.code, self.message = code, message


def _norm(text: str) -> str:
    return " ".join(text.replace("-", " ").casefold().split())


def post_label(member: Member) -> str:
    """`post-id (Role, Holder)` for lists of candidates."""
    who = f"{member.role}, {member.holder}" if member.holder else member.role
    return f"{member.id} ({who})"


def person_label(member: Member) -> str:
    """How a member present in person is named in a verdict: the holder where known, else the role."""
    return f"{member.holder} ({member.role})" if member.holder else member.role


class People:
    """A body's posts indexed by id, holder and role, and its named substitutes by name."""

    def __init__(self, body: Body):
        self.body = body
        self._keys: list[tuple[str, Member]] = []
        for member in body.members:
            for key in {member.id, member.role, member.holder or ""} - {""}:
                self._keys.append((_norm(key), member))
        self._named: dict[str, list[tuple[Member, Substitute]]] = {}
        for member in body.members:
            for sub in member.substitutes:
                self._named.setdefault(_norm(sub.name), []).append((member, sub))

    def _ambiguous(self, text: str, found: list[Member]) -> Unresolved:
        listed = "; ".join(post_label(m) for m in found)
        return Unresolved(
            Code.A002, f"'{text}' matches {len(found)} posts of {self.body.id}: {listed}; give the post id"
        )

    def member(self, text: str) -> Member:
        """The post `text` names: exactly by id, holder or role, else as the only post whose name contains it."""
        key = _norm(text)
        exact = _unique(m for k, m in self._keys if k == key)
        if len(exact) == 1:
            return exact[0]
        if len(exact) > 1:
            raise self._ambiguous(text, exact)
        partial = _unique(m for k, m in self._keys if key and key in k)
        if len(partial) == 1:
            return partial[0]
        if len(partial) > 1:
            raise self._ambiguous(text, partial)
        raise self.unknown(text)

    def named_substitute(self, text: str) -> tuple[Member, Substitute] | None:
        """The member whose recorded named substitute is called `text`, if exactly one."""
        found = self._named.get(_norm(text), [])
        if len(found) > 1:
            listed = "; ".join(f"{s.name} for {m.id}" for m, s in found)
            raise Unresolved(
                Code.A002,
                f"'{text}' is a named substitute of {len(found)} posts ({listed}); say whom they stood in for under substitutes",
            )
        return found[0] if found else None

    def unknown(self, text: str) -> Unresolved:
        import difflib

        keys = [k for k, _ in self._keys] + list(self._named)
        close = difflib.get_close_matches(_norm(text), keys, n=6, cutoff=0.5)
        nearest = _unique(m for c in close for k, m in self._keys if k == c)
        if nearest:
            hint = "closest: " + "; ".join(post_label(m) for m in nearest[:4])
        else:
            hint = "posts: " + ", ".join(m.id for m in self.body.members)
        return Unresolved(Code.A002, f"no member of {self.body.id} matches '{text}'; {hint}")


def _unique(members) -> list[Member]:
    return list({m.id: m for m in members}.values())


# ---------------------------------------------------------------- who counts


class Seat(NamedTuple):
    """One person at the meeting: the post they hold or stand in for, and whether they count."""

    person: str
    member: Member | None  # None: an observer who is no member
    capacity: Literal["member", "substitute", "observer"]
    counts: bool
    reason: str | None = None  # why they do not count toward quorum
    caveat: str | None = None  # what the ToR leaves open about counting them
    authority: bool | None = None  # a substitute's delegated authority
    agency: str | None = None
    assumed: bool = False  # forecast: expected to attend, not confirmed

    @property
    def label(self) -> str:
        """The person, and for a substitute whom they stand in for."""
        if self.capacity == "substitute" and self.member is not None:
            return f"{self.person} (for {self.member.role})"
        return self.person


@dataclass
class Attendance:
    """A resolved attendance: seats at the table and apologies, ready for a verdict."""

    seats: list[Seat] = field(default_factory=list)
    apologies: list[Member] = field(default_factory=list)
    forecast: bool = False

    def represented(self) -> list[str]:
        """Post ids validly represented: by their holder or by a substitute who counts."""
        return list(dict.fromkeys(s.member.id for s in self.seats if s.counts and s.member is not None))

    def attended(self, member: Member) -> Literal["in-person", "substitute", "apologies", "absent"]:
        seats = [s for s in self.seats if s.member is not None and s.member.id == member.id]
        if any(s.capacity == "member" for s in seats):
            return "in-person"
        if seats:
            return "substitute"
        return "apologies" if any(m.id == member.id for m in self.apologies) else "absent"


def class_reason(body: Body, member: Member) -> str:
    """Why a post does not count toward quorum, from the data."""
    if member.counts_for_quorum is False:
        return "this post is set not to count toward quorum"
    words = member.member_class.value.replace("-", " ")
    rule = body.class_rule(member)
    if rule is None:
        return f"class '{member.member_class.value}' is not defined in the ToR, so it does not count"
    return f"{words}: the ToR's {words} members do not count toward quorum"


def member_seat(body: Body, member: Member, *, assumed: bool = False) -> Seat:
    counts = body.counts_for_quorum(member)
    return Seat(
        person_label(member),
        member,
        "member",
        counts,
        None if counts else class_reason(body, member),
        agency=member.agency,
        assumed=assumed,
    )


def substitute_seat(
    body: Body, agencies: Mapping[str, Agency], member: Member, name: str, agency: str | None, authority: bool | None
) -> Seat:
    """A substitute for `member`, counted or not by the body's substitution rule."""
    rule = body.substitution
    named = next((s for s in member.substitutes if _norm(s.name) == _norm(name)), None)
    if authority is None:
        authority = named.delegated_authority if named else None
    agency = agency or (named.agency if named else None) or member.agency
    whose = f"{member.role}'s"

    def seat(counts: bool, reason: str | None = None, caveat: str | None = None) -> Seat:
        return Seat(name, member, "substitute", counts, reason, caveat, authority, agency)

    if not body.counts_for_quorum(member):
        return seat(False, f"stands in for a post that does not count ({class_reason(body, member)})")
    if rule.who == "none":
        return seat(False, "the ToR allows no substitutes")
    caveat = None
    if agency != member.agency:
        if member.agency is None or stands_for(agencies, agency, [member.agency]) is None:
            return seat(
                False,
                f"from {agency_label(agencies, agency)}, another agency: cannot represent {agency_label(agencies, member.agency)}",
            )
        caveat = f"{name} counted for {member.role}: {succession_note(agencies, member.agency)}"
    if rule.who == "named-substitute":
        if member.substitutes and named is None:
            listed = ", ".join(s.name for s in member.substitutes)
            return seat(False, f"not {whose} named substitute (the ToR records: {listed})")
        if not member.substitutes:
            nominee = f"the ToR requires a named substitute and none is recorded for this post; {name} is taken as the member's nominee"
            caveat = f"{caveat}; {nominee}" if caveat else nominee
    if rule.delegated_authority_required and not authority:
        said = "without" if authority is False else "with no record of"
        return seat(
            False, f"attends {said} {whose} delegated authority, which the ToR requires for a substitute to count"
        )
    if rule.who == "not-stated":
        unsaid = "the ToR does not say whether substitutes count; counted as representing the member"
        caveat = f"{caveat}; {unsaid}" if caveat else unsaid
    return seat(True, caveat=caveat)


def substitute_options(body: Body, agencies: Mapping[str, Agency], member: Member) -> dict[str, object]:
    """Who could attend in `member`'s place and count, as the ToR allows: for could-fill lists."""
    rule = body.substitution
    authority = rule.delegated_authority_required
    named = [s.name for s in member.substitutes if s.delegated_authority or not authority]
    options: dict[str, object] = {
        "allowed": rule.who != "none" and body.counts_for_quorum(member),
        "rule": rule.who,
        "named": named,
        "from_agency": member.agency if rule.who in ("same-agency", "not-stated") else None,
        "delegated_authority_required": authority,
    }
    if not options["allowed"]:
        text = "no substitute can count"
    elif rule.who == "named-substitute":
        text = f"named substitute {' or '.join(named)}" if named else "the member's named substitute (none recorded)"
    elif rule.who == "same-agency":
        text = f"a suitable person from {_agency_or_successor(agencies, member.agency)}"
    else:
        text = f"a substitute from {_agency_or_successor(agencies, member.agency)} (the ToR does not say whether one counts)"
    if options["allowed"] and authority:
        text += " with delegated authority"
    if rule.notice is not None and options["allowed"]:
        text += f", notified at least {rule.notice.human()} ahead"
    options["text"] = text
    return options


def _agency_or_successor(agencies: Mapping[str, Agency], agency_id: str | None) -> str:
    """`BSol CCG`, or `BSol CCG (now BSol ICB)` where the agency has been replaced."""
    label = agency_label(agencies, agency_id)
    chain = successors(agencies, agency_id)
    return f"{label} (now {agency_label(agencies, chain[-1])})" if chain else label


# ---------------------------------------------------------------- resolving an attendance


def resolve(
    body: Body,
    agencies: Mapping[str, Agency],
    *,
    present: Sequence[str] = (),
    substitutes: Sequence[SubstituteEntry] = (),
    apologies: Sequence[str] = (),
    observers: Sequence[str] = (),
    forecast: bool = False,
) -> tuple[Attendance, list[Finding]]:
    """Resolve names to posts and judge every seat. Problems carry record locations such as ("present", 2).

    In a forecast every non-vacant member expected at every meeting (`attends:
    always`) is assumed present unless they sent apologies or a substitute.
    """
    people = People(body)
    problems: list[Finding] = []
    attendance = Attendance(forecast=forecast)
    in_person: dict[str, Member] = {}
    sent_apologies: dict[str, Member] = {}
    standing_in: list[tuple[Loc, Member, str, str | None, bool | None]] = []

    def lookup(
        loc: Loc, text: str, *, named_ok: bool = False, prefix: str = ""
    ) -> Member | tuple[Member, Substitute] | None:
        try:
            try:
                member = people.member(text)
            except Unresolved:
                named = people.named_substitute(text) if named_ok else None
                if named is None:
                    raise
                return named
        except Unresolved as exc:
            problems.append(finding(exc.code, prefix + exc.message, loc=loc))
            return None
        if member.is_vacant:
            problems.append(
                finding(
                    Code.A003,
                    f"'{text}' is {post_label(member)}, which the ToR records as {(member.vacancy or '').replace('-', ' ')}",
                    loc=loc,
                )
            )
            return None
        return member

    def listed_twice(loc: Loc, member: Member) -> bool:
        for where, seen in (("present", in_person), ("apologies", sent_apologies)):
            if member.id in seen:
                again = "twice under" if loc[0] == where else f"under {loc[0]} and under"
                problems.append(finding(Code.A004, f"{post_label(member)} is listed {again} {where}", loc=loc))
                return True
        return False

    for i, text in enumerate(apologies):
        member = lookup(("apologies", i), text)
        if isinstance(member, Member) and not listed_twice(("apologies", i), member):
            sent_apologies[member.id] = member
    for i, text in enumerate(present):
        found = lookup(("present", i), text, named_ok=True)
        if isinstance(found, tuple):
            standing_in.append((("present", i), found[0], found[1].name, None, None))
        elif found is not None and not listed_twice(("present", i), found):
            in_person[found.id] = found
    for i, entry in enumerate(substitutes):
        member = lookup(
            ("substitutes", i, "for"),
            entry.for_,
            prefix=f"substitute {entry.name} stands in for someone who is not a member: ",
        )
        if isinstance(member, Member):
            standing_in.append((("substitutes", i), member, entry.name, entry.agency, entry.delegated_authority))

    attendance.apologies = list(sent_apologies.values())
    attendance.seats = [member_seat(body, m) for m in in_person.values()]
    for loc, member, name, agency, authority in standing_in:
        fine = True
        if agency is not None and agency not in agencies:
            problems.append(
                finding(
                    Code.A001, f"unknown agency '{agency}'{did_you_mean(agency, list(agencies))}", loc=(*loc, "agency")
                )
            )
            fine = False
        if member.id in in_person:
            problems.append(
                finding(Code.A004, f"{name} stands in for {post_label(member)}, who is also listed as present", loc=loc)
            )
            fine = False
        if fine:
            attendance.seats.append(substitute_seat(body, agencies, member, name, agency, authority))
    attendance.seats += [
        Seat(name, None, "observer", False, "observer: not a member of the body") for name in observers
    ]

    if forecast:
        taken = set(in_person) | set(sent_apologies) | {member.id for _, member, *_ in standing_in}
        for member in body.members:
            if member.id not in taken and not member.is_vacant and body.attends(member) == "always":
                attendance.seats.append(member_seat(body, member, assumed=True))
    return attendance, problems


def resolve_record(
    body: Body, agencies: Mapping[str, Agency], record: AttendanceRecord
) -> tuple[Attendance, list[Finding]]:
    return resolve(
        body,
        agencies,
        present=record.present,
        substitutes=record.substitutes,
        apologies=record.apologies,
        observers=record.observers,
    )


# ---------------------------------------------------------------- input from the command line and files

_SUB = re.compile(
    r"^(?P<name>.+?)(?:\s+from\s+(?P<agency>.+?))?\s+for\s+(?P<member>.+?)"
    r"(?:\s+(?P<with>with|without)(?:\s+delegated)?\s+authority)?$",
    re.IGNORECASE,
)


def parse_substitution(text: str, agencies: Mapping[str, Agency]) -> SubstituteEntry:
    """`NAME [from AGENCY] for MEMBER [with|without (delegated) authority]`, as `--sub` takes it."""
    match = _SUB.match(" ".join(text.split()))
    if not match:
        raise Unresolved(
            Code.A002,
            f"cannot read substitution '{text}'; write it as 'NAME for MEMBER', optionally 'NAME from AGENCY for MEMBER' "
            "and ending 'with authority' when the substitute carries the member's delegated authority",
        )
    agency = match["agency"] and find_agency(agencies, match["agency"])
    authority = None if match["with"] is None else match["with"].lower() == "with"
    return SubstituteEntry.model_validate(
        {"name": match["name"], "for": match["member"], "agency": agency, "delegated_authority": authority}
    )


def find_agency(agencies: Mapping[str, Agency], text: str) -> str:
    """An agency id from its id, name or short name (case-insensitive)."""
    import difflib

    key = _norm(text)
    for agency in agencies.values():
        if key in {_norm(agency.id), _norm(agency.name), _norm(agency.short_name or "")}:
            return agency.id
    names = {_norm(a.short_name or a.name): a.id for a in agencies.values()} | {
        _norm(a.id): a.id for a in agencies.values()
    }
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.5)
    hint = f"; closest: {', '.join(dict.fromkeys(names[c] for c in close))}" if close else ""
    raise Unresolved(Code.A001, f"unknown agency '{text}'{hint}")
