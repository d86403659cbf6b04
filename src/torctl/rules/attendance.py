"""Who attended a meeting, resolved against a body's posts: the input to a quorum verdict.

An attendance says who was present in person, who stood in for whom (and with
what authority), who sent apologies, and who observed. People are written as a
post id, the holder's name or the role, matched case-insensitively; a named
substitute recorded in the ToR may also be written by name. Nothing is guessed:
a name that matches no post, or several, is a problem listing the closest
candidates. Whether a person counts toward quorum comes only from the body's
data (`membership_classes`, per-post overrides, the `substitution` rule).

Each name comes with where it was written (`Name.loc`, `StandIn.loc`), and every
finding about it carries that place back: a record's names are at their place in
the record (`written`, `stand_ins`), which the loader turns into a line and
column; a command's are wherever it chose, which it turns back into the option.

Attendance records are YAML files under `attendance/` in the bodies directory
(by convention `attendance/<body-id>/<date>.yaml`); their model is in
`torctl.model.records`, and `torctl validate` resolves each of them
(`torctl.rules.meeting.meeting_items`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, NamedTuple

from ..model import Agency, Body, Member, Substitute
from ..findings import Code, Finding, Loc, finding
from ..suggest import did_you_mean
from .quorum import agency_label, stands_for, succession_note, successors
from .words import indefinite

if TYPE_CHECKING:  # pragma: no cover - records are read only by the commands that take one
    from ..model.records import SubstituteEntry

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
                f"'{text}' is a named substitute of {len(found)} posts ({listed}); "
                "say whom they stood in for under substitutes",
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


def _unique(members: Iterable[Member]) -> list[Member]:
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
    if rule.counts_for_quorum is None:
        return f"{words}: the ToR does not say whether its {words} members count toward quorum, so they are not counted"
    if rule.reading:  # the value is torctl's reading of the ToR, not its words
        said = f' (the ToR says: "{rule.text.strip()}")' if rule.text else ""
        return f"{words}: read as not counting toward quorum{said}"
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
    named = next((s for s in member.substitutes if _norm(s.name) == _norm(name)), None)
    if authority is None:
        authority = named.delegated_authority if named else None
    agency = agency or (named.agency if named else None) or member.agency
    refused = _refusal(body, agencies, member, agency, authority, named)
    caveat = None if refused else _substitute_caveat(body, agencies, member, name, agency)
    return Seat(name, member, "substitute", refused is None, refused, caveat, authority, agency)


def _refusal(
    body: Body,
    agencies: Mapping[str, Agency],
    member: Member,
    agency: str | None,
    authority: bool | None,
    named: Substitute | None,
) -> str | None:
    """Why the ToR does not count this substitute for `member`, or None where it does: the first reason, in order."""
    rule = body.substitution
    whose = f"{member.role}'s"
    if not body.counts_for_quorum(member):
        return f"stands in for a post that does not count ({class_reason(body, member)})"
    if rule.who == "none":
        return "the ToR allows no substitutes"
    if agency != member.agency and (member.agency is None or stands_for(agencies, agency, [member.agency]) is None):
        theirs = agency_label(agencies, member.agency)
        return f"from {agency_label(agencies, agency)}, another agency: cannot represent {theirs}"
    if rule.who == "named-substitute" and member.substitutes and named is None:
        return f"not {whose} named substitute (the ToR records: {', '.join(s.name for s in member.substitutes)})"
    if rule.delegated_authority_required and not authority:
        said = "without" if authority is False else "with no record of"
        return f"attends {said} {whose} delegated authority, which the ToR requires for a substitute to count"
    return None


def _substitute_caveat(
    body: Body, agencies: Mapping[str, Agency], member: Member, name: str, agency: str | None
) -> str | None:
    """What the ToR leaves open about counting a substitute it does not refuse, or None."""
    rule = body.substitution
    notes: list[str] = []
    if agency != member.agency:  # from the agency that succeeded the member's: `_refusal` refused any other
        notes.append(f"{name} counted for {member.role}: {succession_note(agencies, member.agency or '')}")
    if rule.who == "named-substitute" and not member.substitutes:
        notes.append(
            "the ToR requires a named substitute and none is recorded for this post; "
            f"{name} is taken as the member's nominee"
        )
    if rule.who == "not-stated":
        notes.append("the ToR does not say whether substitutes count; counted as representing the member")
    return "; ".join(notes) or None


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
        called = rule.called or "substitute"
        text = f"named {called} {' or '.join(named)}" if named else f"the member's named {called} (none recorded)"
    elif rule.who == "same-agency":
        where = _agency_or_successor(agencies, member.agency)
        # the ToR's own name for a stand-in where it has one; no name is put in its mouth where it has none
        text = (
            f"{indefinite(rule.called)} from {where}" if rule.called else f"someone from {where} in the member's place"
        )
    else:
        where = _agency_or_successor(agencies, member.agency)
        text = f"{indefinite(rule.called or 'substitute')} from {where} (the ToR does not say whether one counts)"
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


class Name(NamedTuple):
    """A person as an attendance names them, and where (`loc`).

    Every finding about the name carries `loc`, so whoever wrote the attendance can point back to it: a
    record's `("present", 2)`, placed at its line, or the place a command gave the name, shown as the option.
    """

    text: str
    loc: Loc


class StandIn(NamedTuple):
    """Someone standing in for a member, as an attendance writes it, and where (`loc`).

    Findings about the member named carry `(*loc, "for")`, about the agency `(*loc, "agency")`, about the
    whole entry `loc`.
    """

    name: str
    member: str  # the member stood in for: post id, holder name or role
    loc: Loc
    agency: str | None = None  # an agency id, where it is not the member's
    authority: bool | None = None  # whether they carry the member's delegated authority; None: as the ToR records
    remote: bool = False  # attends remotely


def written(key: str, texts: Sequence[str]) -> list[Name]:
    """The names of a record's list `key`, each at its place in the list."""
    return [Name(text, (key, i)) for i, text in enumerate(texts)]


def stand_ins(entries: Sequence[SubstituteEntry]) -> list[StandIn]:
    """A record's substitutes, each at its place in the list."""
    return [
        StandIn(e.name, e.for_, ("substitutes", i), agency=e.agency, authority=e.delegated_authority, remote=e.remote)
        for i, e in enumerate(entries)
    ]


class _Standing(NamedTuple):
    """A substitute whose member was found, waiting to be seated."""

    loc: Loc
    member: Member
    name: str
    agency: str | None
    authority: bool | None


class _Resolution:
    """One attendance being resolved: the posts found so far, and a finding for every name that failed."""

    def __init__(self, body: Body, agencies: Mapping[str, Agency]):
        self.body, self.agencies = body, agencies
        self.people = People(body)
        self.problems: list[Finding] = []
        self.in_person: dict[str, Member] = {}
        self.sent_apologies: dict[str, Member] = {}
        self.standing_in: list[_Standing] = []

    def lookup(self, name: Name, loc: Loc, *, named_ok: bool = False, prefix: str = "") -> Member | _Standing | None:
        """The post `name` names (or, where `named_ok`, whose named substitute it is); None after a finding."""
        try:
            try:
                member = self.people.member(name.text)
            except Unresolved:
                named = self.people.named_substitute(name.text) if named_ok else None
                if named is None:
                    raise
                return _Standing(loc, named[0], named[1].name, None, None)
        except Unresolved as exc:
            self.problems.append(finding(exc.code, prefix + exc.message, loc=loc))
            return None
        if member.is_vacant:
            vacancy = (member.vacancy or "").replace("-", " ")
            message = f"'{name.text}' is {post_label(member)}, which the ToR records as {vacancy}"
            self.problems.append(finding(Code.A003, message, loc=loc))
            return None
        return member

    def listed_twice(self, name: Name, member: Member, under: str) -> bool:
        """Whether `member` is already under present or apologies (a finding at `name` if so)."""
        for where, seen in (("present", self.in_person), ("apologies", self.sent_apologies)):
            if member.id in seen:
                again = "twice under" if under == where else f"under {under} and under"
                self.problems.append(
                    finding(Code.A004, f"{post_label(member)} is listed {again} {where}", loc=name.loc)
                )
                return True
        return False

    def apologise(self, names: Sequence[Name]) -> None:
        for name in names:
            member = self.lookup(name, name.loc)
            if isinstance(member, Member) and not self.listed_twice(name, member, "apologies"):
                self.sent_apologies[member.id] = member

    def attend(self, names: Sequence[Name]) -> None:
        for name in names:
            found = self.lookup(name, name.loc, named_ok=True)
            if isinstance(found, _Standing):
                self.standing_in.append(found)
            elif found is not None and not self.listed_twice(name, found, "present"):
                self.in_person[found.id] = found

    def stand_in(self, entries: Sequence[StandIn]) -> None:
        for entry in entries:
            prefix = f"substitute {entry.name} stands in for someone who is not a member: "
            member = self.lookup(Name(entry.member, entry.loc), (*entry.loc, "for"), prefix=prefix)
            if isinstance(member, Member):
                self.standing_in.append(_Standing(entry.loc, member, entry.name, entry.agency, entry.authority))

    def substitute_seats(self) -> Iterator[Seat]:
        """A seat for each substitute whose agency is known and whose member is not there in person."""
        for standing in self.standing_in:
            fine = True
            if standing.agency is not None and standing.agency not in self.agencies:
                known = did_you_mean(standing.agency, list(self.agencies))
                where = (*standing.loc, "agency")
                self.problems.append(finding(Code.A001, f"unknown agency '{standing.agency}'{known}", loc=where))
                fine = False
            if standing.member.id in self.in_person:
                also = f"{standing.name} stands in for {post_label(standing.member)}, who is also listed as present"
                self.problems.append(finding(Code.A004, also, loc=standing.loc))
                fine = False
            if fine:
                yield substitute_seat(
                    self.body, self.agencies, standing.member, standing.name, standing.agency, standing.authority
                )

    def expected(self) -> Iterator[Seat]:
        """A forecast's assumed seats: each member expected at every meeting, not vacant, not accounted for."""
        taken = set(self.in_person) | set(self.sent_apologies) | {s.member.id for s in self.standing_in}
        for member in self.body.members:
            if member.id not in taken and not member.is_vacant and self.body.expected(member):
                yield member_seat(self.body, member, assumed=True)


def resolve(
    body: Body,
    agencies: Mapping[str, Agency],
    *,
    present: Sequence[Name] = (),
    substitutes: Sequence[StandIn] = (),
    apologies: Sequence[Name] = (),
    observers: Sequence[str] = (),
    forecast: bool = False,
) -> tuple[Attendance, list[Finding]]:
    """Resolve names to posts and judge every seat; each finding carries the `loc` of the name it is about.

    In a forecast every non-vacant member expected at every meeting (`attends:
    always`) is assumed present unless they sent apologies or a substitute.
    """
    resolution = _Resolution(body, agencies)
    resolution.apologise(apologies)
    resolution.attend(present)
    resolution.stand_in(substitutes)
    attendance = Attendance(forecast=forecast, apologies=list(resolution.sent_apologies.values()))
    attendance.seats = [member_seat(body, m) for m in resolution.in_person.values()]
    attendance.seats += resolution.substitute_seats()
    attendance.seats += [
        Seat(name, None, "observer", False, "observer: not a member of the body") for name in observers
    ]
    if forecast:
        attendance.seats += resolution.expected()
    return attendance, resolution.problems


# ---------------------------------------------------------------- agencies named in words


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
