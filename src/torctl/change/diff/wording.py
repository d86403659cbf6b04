"""How the diff words one fact of a ToR: a member, a vote, a deadline, a substitute, an item, a value.

Kept in one module so that each fact has one wording across the diff's sections;
the section modules only say what changed, in these words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...model import Agency, Body, Deadline, Duty, Member, PartialDate, ReportingLine, StandingItem, Substitute
from ...model.decisions import Majority
from ...rules.quorum import agency_label, describe_selector
from ...rules.voting import majority_words

YES_NO = {True: "yes", False: "no", None: "not stated"}
COUNTS = {True: "counts for quorum", False: "does not count for quorum"}
VOTING_METHODS = {
    "one-per-member": "one vote per voting member",
    "one-per-agency": "one vote per agency",
    "consensus": "by consensus",
    "not-stated": "not stated",
}
ABSTENTIONS = {"not-cast": "not a vote cast", "count-against": "counted against", None: "not stated"}
TIES = {"casting-vote": "the chair's casting vote", "not-carried": "not carried", None: "not stated"}
DECIDES = {True: "takes decisions", False: "does not take decisions", None: "not stated"}


def quote(value: Any) -> str:
    """A value as a sentence shows it: `'text'`, `yes`, `March 2024`, `not set`."""
    if value is None:
        return "not set"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, PartialDate):
        return value.human()
    if isinstance(value, list):
        return ", ".join(quote(v) for v in value) or "none"
    return f"'{value}'" if isinstance(value, str) else str(value)


def field_label(key: str) -> str:
    """A model field's name as words: `short_name` -> `short name`."""
    return key.replace("_", " ")


def vote_words(value: bool | None) -> str:
    return {True: "has a vote", False: "no vote", None: "voting not stated"}[value]


def describe_member(body: Body, agencies: Mapping[str, Agency], member: Member) -> str:
    """`Role (Holder), SMBC, core: votes, counts for quorum`."""
    who = member.label()
    if member.vacancy:
        who += f" ({member.vacancy.replace('-', ' ')})"
    if member.agency:
        who += f", {agency_label(agencies, member.agency)}"
    counts = COUNTS[body.counts_for_quorum(member)]
    return f"{who}, {member.member_class.value}: {vote_words(body.votes(member))}, {counts}"


def holding(member: Member) -> str:
    """Who holds a post: `held by Jane Smith`, `to be appointed`, `holder not named`."""
    if member.holder:
        return f"held by {member.holder}"
    if member.vacancy:
        return member.vacancy.replace("-", " ")
    return "holder not named"


def describe_substitute(substitute: Substitute) -> str:
    """`Jane Smith (Deputy Director, smbc, with delegated authority)`."""
    extra = [substitute.role] if substitute.role else []
    if substitute.agency:
        extra.append(substitute.agency)
    authority = "with" if substitute.delegated_authority else "without"
    extra.append(f"{authority} delegated authority")
    return f"{substitute.name} ({', '.join(extra)})"


def describe_majority(majority: Majority | None) -> str:
    return majority_words(majority) if majority else "not stated"


def describe_deadline(deadline: Deadline | None, when: str) -> str:
    """`at least 5 working days before the meeting`, as `meeting.deadlines` words it."""
    if deadline is None:
        return "not set"
    if deadline.period is None or deadline.period.unit is None:
        return f"{when} the meeting, no figure given"
    bound = {"at-least": "at least ", "within": "within ", "exactly": ""}[deadline.bound]
    by = f", by {deadline.time:%H:%M}" if deadline.time is not None else ""
    return f"{bound}{deadline.period.human()} {when} the meeting{by}"


def describe_presenter(body: Body, agencies: Mapping[str, Agency], item: StandingItem) -> str:
    """`presented by one of members from BSol ICB or WMP`."""
    if item.presenter is None:
        return "no presenter named"
    who = describe_selector(item.presenter, body, agencies)
    return f"presented by {'one' if item.presenter.count == 1 else item.presenter.count} of {who}"


def describe_standing_item(item: StandingItem) -> str:
    extra = f" (from {item.from_body})" if item.from_body else ""
    return f'"{item.title}"{extra}'


def describe_duty(duty: Duty) -> str:
    every = f", every {duty.every.human()}" if duty.every else ""
    return f'"{duty.title}" ({duty.by or duty.by_text or "no one named"}{every})'


def describe_reporting_line(line: ReportingLine, verb: str) -> str:
    """`reports to solihull-lscp (via the chair): a highlight report`."""
    what = f": {line.what}" if line.what else ""
    via = f" (via {line.via})" if line.via else ""
    return f"{verb.lower()} {line.target}{via}{what}"
