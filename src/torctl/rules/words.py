"""The one wording of each fact a ToR states: its chair, its rhythm, its deadlines, its votes, its quorum.

Documents, agendas, listings, schedules, the diff, the meeting commands and the
site all say these facts, so each is worded here once and every layer above uses
it; a change of words is made in one place and shows everywhere. Some facts are
said in more than one register; the registers stand side by side here, built from
the same pieces where they share any, so they cannot drift apart:

- a sentence (`..._sentence`, `chair_words`): the published document and agendas;
- in brief (`describe_...`, `..._in_brief`, `..._in_a_listing`): a phrase for a
  listing, a table cell, or either side of the arrow in a diff line;
- at a meeting (`..._at_a_meeting`): the notes of `check-quorum` and `meeting check`.

A quorum rule's clauses are worded by `rules.quorum.describe` (the rule's verdicts
carry them), which this module re-exports so callers need only this one.

Where the data says a fact is not stated, unknown or vacant, the words say so;
nothing is filled in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TypeGuard, assert_never

from ..model import (
    STATUTORY_KINDS,
    Agency,
    AllOf,
    AnyOf,
    AtLeast,
    Body,
    Cadence,
    Chair,
    Deadline,
    DecisionMaking,
    Duty,
    Fraction,
    Member,
    NoQuorum,
    Period,
    QuorumNotStated,
    ReportingLine,
    Represented,
    Review,
    Rotation,
    StandingItem,
    Substitute,
    Voting,
)
from ..model.body import LegalBasis
from ..model.decisions import Majority
from ..model.procedure import UrgentBusiness
from .quorum import agency_label, describe, describe_selector, join_words, matches

__all__ = [
    "ATTENDS_WORDS",
    "DEADLINE_DUE_LABELS",
    "DEADLINE_LABELS",
    "NOT_STATED",
    "VACANCY_WORDS",
    "abstentions_in_brief",
    "abstentions_sentence",
    "chair_on_date_sentence",
    "chair_words",
    "class_words",
    "counting_in_brief",
    "counting_sentence",
    "deadline_in_brief",
    "deadline_rule",
    "deadline_sentence",
    "decides_at_a_meeting",
    "decides_in_brief",
    "describe",
    "describe_cadence",
    "describe_chair",
    "duty_in_brief",
    "holding_in_brief",
    "inquorate_sentence",
    "legal_basis_sentence",
    "long_date",
    "majority_in_brief",
    "majority_sentence",
    "member_in_brief",
    "plain_date",
    "post_label",
    "post_role",
    "presenter_in_brief",
    "quorum_in_brief",
    "quorum_sentence",
    "reporting_line_in_brief",
    "review_cadence_in_a_listing",
    "review_cadence_words",
    "sentence",
    "standing_item_in_brief",
    "substitute_in_brief",
    "ties_in_brief",
    "ties_sentence",
    "urgent_business_sentence",
    "vacant_chair_words",
    "vote_words",
    "voting_at_a_meeting",
    "voting_method_in_brief",
    "voting_right_in_brief",
    "voting_sentence",
    "yes_no",
]

NOT_STATED = "not stated"
# When a class or a post attends, as the ToR says; None: it does not say.
ATTENDS_WORDS = {"always": "always", "when-relevant": "when relevant", "when-invited": "when invited", None: NOT_STATED}
VACANCY_WORDS = {"vacant": "vacant", "to-be-appointed": "to be appointed", "to-be-decided": "to be decided"}


# ------------------------------------------------------------------ small words


def sentence(text: str) -> str:
    """First letter up, one full stop at the end."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def class_words(value: str) -> str:
    """A membership class as words: `participant-observer` -> `participant observer`."""
    return value.replace("-", " ")


def yes_no(value: bool | None) -> str:
    return NOT_STATED if value is None else ("yes" if value else "no")


def long_date(day: dt.date) -> str:
    """A meeting's date as a ToR, an agenda or a schedule writes it: `Tuesday 5 March 2024`."""
    return f"{day:%A} {plain_date(day)}"


def plain_date(day: dt.date) -> str:
    """A date whose weekday does not matter (a review due, a report's `as of`): `5 March 2024`."""
    return f"{day.day} {day:%B %Y}"


def _has_figure(period: Period | None) -> TypeGuard[Period]:
    """Whether a period is given in figures: a ToR may name a deadline or a review and give none."""
    return period is not None and period.unit is not None


def post_role(body: Body, bodies: Mapping[str, Body], ref: str) -> str:
    """The role of a post: `post` in this body, or `body/post` in another body (the reference where unknown)."""
    owner, _, post = ref.rpartition("/")
    holder = body if not owner or owner == body.id else bodies.get(owner)
    member = holder.member(post) if holder else None
    return member.role if member else ref


def post_label(body: Body, post: str) -> str:
    """`Role (Holder)` of one of the body's posts, or the post id where the body has no such post."""
    member = body.member(post)
    return member.label() if member else post


# ------------------------------------------------------------------ posts, in brief


def member_in_brief(body: Body, agencies: Mapping[str, Agency], member: Member) -> str:
    """A post with its rights: `Role (Holder), SMBC, core: has a vote, counts for quorum`."""
    who = member.label()
    if member.vacancy:
        who += f" ({VACANCY_WORDS[member.vacancy]})"
    if member.agency:
        who += f", {agency_label(agencies, member.agency)}"
    rights = f"{voting_right_in_brief(body.votes(member))}, {counting_in_brief(body.counts_for_quorum(member))}"
    return f"{who}, {member.member_class.value}: {rights}"


def holding_in_brief(member: Member) -> str:
    """Who holds a post: `held by Jane Smith`, `to be appointed`, `holder not named`."""
    if member.holder:
        return f"held by {member.holder}"
    if member.vacancy:
        return VACANCY_WORDS[member.vacancy]
    return "holder not named"


def voting_right_in_brief(votes: bool | None) -> str:
    """A post's or a class's right to vote (`Body.votes`, `ClassRule.votes`): `has a vote`, `no vote`."""
    return {True: "has a vote", False: "no vote", None: "voting not stated"}[votes]


def counting_in_brief(counts: bool | None) -> str:
    """Whether a post or a class counts towards the quorum: `counts for quorum`, `does not count for quorum`."""
    if counts is None:
        return "counting for quorum not stated"
    return "counts for quorum" if counts else "does not count for quorum"


def substitute_in_brief(substitute: Substitute) -> str:
    """A named substitute: `Jane Smith (Deputy Director, smbc, with delegated authority)`; `Jane Smith` alone
    where nothing else is known."""
    extra = [substitute.role] if substitute.role else []
    if substitute.agency:
        extra.append(substitute.agency)
    if substitute.delegated_authority is not None:  # where the ToR or the record says nothing, nor does this
        extra.append(f"{'with' if substitute.delegated_authority else 'without'} delegated authority")
    return f"{substitute.name} ({', '.join(extra)})" if extra else substitute.name


# ------------------------------------------------------------------ chair


def describe_chair(body: Body, chair: Chair | None = None, *, short: bool = False) -> str:
    """The chair as a phrase for listings; `short` for table cells (holder or role, post ids for a rotation)."""
    chair = body.chair if chair is None else chair
    if chair.mode in ("post", "independent") and chair.post:
        member = body.member(chair.post)
        if member is None:
            return chair.post
        if short:
            return member.holder or member.role
        return member.label() + (" (independent)" if chair.mode == "independent" else "")
    if chair.mode == "rotation" and chair.rotation:
        if short:
            return f"rotating: {', '.join(chair.rotation.among)}"
        roles = [post_role(body, {}, ref) for ref in chair.rotation.among]
        return f"rotates every {chair.rotation.period.human()} among {', '.join(roles)}"
    if chair.mode == "vacant":
        return vacant_chair_words(chair)
    return NOT_STATED


def vacant_chair_words(chair: Chair) -> str:
    """`vacant`, with the ToR's words where it gives them."""
    return "vacant" + (f" ({chair.text})" if chair.text else "")


def chair_words(body: Body, chair: Chair | None, *, deputy: bool = False) -> str:
    """The chair (or deputy) as the published document says it, saying what is not known."""
    if chair is None:
        return "The terms of reference name no deputy chair." if deputy else NOT_STATED
    if chair.mode in ("post", "independent") and chair.post:
        return _chairing_post(body, chair, chair.post)
    if chair.mode == "rotation" and chair.rotation:
        return _rotation_words(body, chair.rotation)
    said = chair.text.rstrip(".") if chair.text else None
    if chair.mode == "vacant":
        return "Vacant" + (f" (the terms of reference say: {said})" if said else "")
    return "Not stated" + (f" ({said})" if said else "")


def _chairing_post(body: Body, chair: Chair, post: str) -> str:
    member = body.member(post)
    if member is None:
        return post
    text = member.role + (f", held by {member.holder}" if member.holder else "")
    if member.vacancy:
        text += f" ({VACANCY_WORDS[member.vacancy]})"
    if chair.mode == "independent" and "independent" not in member.role.lower():
        text += " (independent)"
    return text


def _rotation_words(body: Body, rotation: Rotation) -> str:
    roles = [post_role(body, {}, ref) for ref in rotation.among]
    text = f"Rotates every {rotation.period.human()} among {join_words(roles)}."
    if rotation.current:
        current = post_role(body, {}, rotation.current)
        text += (
            f" The {current} has chaired since {rotation.since.human()}."
            if rotation.since
            else f" The current chair is the {current}."
        )
    if rotation.order is None and rotation.current is None:
        text += " The order of turns and the current chair are not recorded."
    elif rotation.order is None:
        text += " The order of turns is not recorded."
    return text


def chair_on_date_sentence(text: str) -> str:
    """Who chairs one meeting (`calendar.deadlines.chair_on`'s words) as an agenda states it."""
    if text.startswith("unknown: "):
        return f"Not known ({text.removeprefix('unknown: ')})"
    return text[0].upper() + text[1:]


# ------------------------------------------------------------------ rhythm and review

_FREQUENCY_WORDS = {
    "weekly": "weekly",
    "monthly": "monthly",
    "bi-monthly": "every two months",
    "quarterly": "quarterly",
}


def describe_cadence(cadence: Cadence | None) -> str:
    """How often the body meets: `every two months, term time only`."""
    if cadence is None:
        return NOT_STATED
    if cadence.frequency == "per-year":
        text = f"{cadence.times_per_year} times a year"
    elif cadence.frequency == "every-n-weeks":
        text = f"every {cadence.weeks} weeks"
    else:
        text = _FREQUENCY_WORDS[cadence.frequency]
    if cadence.term_time_only:
        text += ", term time only"
    if cadence.unless_agreed_otherwise:
        text += ", unless agreed otherwise"
    return text


def review_cadence_words(review: Review) -> str:
    """How often the ToR is reviewed, in the document and the handbook: `at least every 12 months`."""
    if _has_figure(review.cadence):
        return f"{'at least every' if review.at_least else 'every'} {review.cadence.human()}"
    return NOT_STATED


def review_cadence_in_a_listing(review: Review) -> str:
    """The same in the review report's cadence column, the bound after the period: `every 12 months (at least)`."""
    if _has_figure(review.cadence):
        return f"every {review.cadence.human()}" + (" (at least)" if review.at_least else "")
    return NOT_STATED


# ------------------------------------------------------------------ deadlines

# A deadline's name as the document and an agenda head it, and as a schedule, a calendar feed and
# `torctl deadlines` label its due date.
DEADLINE_LABELS = {"papers": "Agenda and papers", "substitute-notice": "Substitute notice", "minutes": "Minutes"}
DEADLINE_DUE_LABELS = {"papers": "papers due", "substitute-notice": "substitute notice due", "minutes": "minutes due"}
_DEADLINE_VERBS = {"papers": "Circulated", "substitute-notice": "Given", "minutes": "Circulated"}
_BOUND_WORDS = {"at-least": "at least ", "within": "within ", "exactly": ""}


def deadline_rule(period: Period | None, when: str, bound: str, time: dt.time | None = None) -> str:
    """A deadline's rule, the same for every meeting: `at least 5 working days before the meeting, by 12:00`.

    `when` is `before` or `after` the meeting; a deadline the ToR gives no figure for says so.
    """
    by = f", by {time:%H:%M}" if time is not None else ""
    if _has_figure(period):
        return f"{_BOUND_WORDS[bound]}{period.human()} {when} the meeting{by}"
    return f"{when} the meeting (no figure given){by}"


def deadline_in_brief(deadline: Deadline, when: str) -> str:
    """A deadline as a diff line compares it: `deadline_rule`'s words, save where the ToR gives no figure.

    There it says `before the meeting, no figure given`, without the time of day.
    """
    if _has_figure(deadline.period):
        return deadline_rule(deadline.period, when, deadline.bound, deadline.time)
    return f"{when} the meeting, no figure given"


def deadline_sentence(kind: str, rule: str) -> str:
    """The deadline in the published document: `Circulated at least 5 working days before the meeting.`."""
    return f"{_DEADLINE_VERBS[kind]} {rule}."


# ------------------------------------------------------------------ business, in brief


def presenter_in_brief(body: Body, agencies: Mapping[str, Agency], item: StandingItem) -> str:
    """Who presents a standing item: `presented by one of members from BSol ICB or WMP`."""
    if item.presenter is None:
        return "no presenter named"
    who = describe_selector(item.presenter, body, agencies)
    return f"presented by {'one' if item.presenter.count == 1 else item.presenter.count} of {who}"


def standing_item_in_brief(item: StandingItem) -> str:
    """A standing item by its title, and the body it comes from: `"Highlight report" (from solihull-lscp)`."""
    extra = f" (from {item.from_body})" if item.from_body else ""
    return f'"{item.title}"{extra}'


def duty_in_brief(duty: Duty) -> str:
    """A duty, who carries it out and how often: `"Audit" (the chair, every 12 months)`."""
    every = f", every {duty.every.human()}" if duty.every else ""
    return f'"{duty.title}" ({duty.by or duty.by_text or "no one named"}{every})'


def reporting_line_in_brief(line: ReportingLine, verb: str) -> str:
    """A reporting line after its `verb`: `reports to solihull-lscp (via the chair): a highlight report`."""
    what = f": {line.what}" if line.what else ""
    via = f" (via {line.via})" if line.via else ""
    return f"{verb.lower()} {line.target}{via}{what}"


# ------------------------------------------------------------------ votes


def vote_words(body: Body, agencies: Mapping[str, Agency], member: Member) -> str:
    """What one member's vote is, under the body's voting method."""
    right = body.votes(member)
    method = body.voting.method
    if right is False:
        return "no"
    if method == "consensus":
        return f"by consensus, for {body.voting.scope}" if body.voting.scope else "by consensus"
    if method in ("one-per-member", "one-per-agency") and not matches(body, agencies, member, body.voting.voters):
        return "no"
    if method == "one-per-agency":
        return f"shares the {agency_label(agencies, member.agency)} vote"
    return yes_no(right)


def voting_sentence(body: Body, agencies: Mapping[str, Agency]) -> str:
    """The voting rule in words, limited to the decisions it covers, after whether the body decides at all."""
    text = _voting_rule(body, agencies)
    scope = body.voting.scope
    if scope and body.voting.method == "consensus":
        text = f"The terms of reference state decisions by consensus, without votes, only for {scope}."
    elif scope and body.voting.method != "not-stated":
        text += f" The rule covers {scope}."
    making = body.governance.decision_making
    if making.decides is False:
        routed = f": {_routed(making)}" if making.routed_to else ""
        text = f"The terms of reference say this is not a decision-making body{routed}. {text}"
    return text


def _voting_rule(body: Body, agencies: Mapping[str, Agency]) -> str:
    voting = body.voting
    voters = "" if voting.voters.is_everyone else f" among {describe_selector(voting.voters, body, agencies)}"
    if voting.method == "one-per-member":
        return f"Where a vote is needed, each voting member present has one vote{voters}."
    if voting.method == "one-per-agency":
        who = (
            "each statutory partner"
            if set(voting.voters.agency_kinds) == STATUTORY_KINDS
            and not (voting.voters.posts or voting.voters.agencies or voting.voters.classes)
            else f"each agency{voters}"
        )
        return f"Where a vote is needed, {who} has one vote, whatever the number of its representatives."
    if voting.method == "consensus":
        return "Decisions are reached by consensus, without votes."
    return "The terms of reference do not say how decisions are voted on."


_VOTING_METHODS_IN_BRIEF = {
    "one-per-member": "one vote per voting member",
    "one-per-agency": "one vote per agency",
    "consensus": "by consensus",
    "not-stated": NOT_STATED,
}


def voting_method_in_brief(voting: Voting) -> str:
    """The voting method, in brief: `one vote per voting member`, `by consensus`."""
    return _VOTING_METHODS_IN_BRIEF[voting.method]


def voting_at_a_meeting(voting: Voting, unclear: Sequence[str] = ()) -> str:
    """How a meeting's votes are counted, as `check-quorum` and `meeting check` note it.

    `one vote per voting member present`, or, where the ToR does not say whether
    some of the people present may vote (`unclear`), that instead of the method.
    """
    match voting.method:
        case "consensus" if voting.scope:
            return f"the ToR states consensus only for {voting.scope}; no votes are counted"
        case "consensus":
            return "decisions are by consensus; no votes are counted"
        case "not-stated":
            return "the ToR does not say how decisions are voted on"
        case "one-per-member":
            method = f"{_VOTING_METHODS_IN_BRIEF[voting.method]} present"
        case "one-per-agency":
            method = f"{_VOTING_METHODS_IN_BRIEF[voting.method]}, however many of its people attend"
        case unknown:  # pragma: no cover - the model admits no other method
            assert_never(unknown)
    note = f"the ToR does not say whether {join_words(list(unclear))} may vote" if unclear else method
    return note + (f"; the rule covers {voting.scope}" if voting.scope else "")


def decides_in_brief(making: DecisionMaking) -> str:
    """Whether the body takes decisions itself, in brief: `takes decisions`, `does not take decisions`."""
    return {True: "takes decisions", False: "does not take decisions", None: NOT_STATED}[making.decides]


def decides_at_a_meeting(making: DecisionMaking) -> str | None:
    """That the body does not take decisions itself, for a meeting's verdict; None where it does, or the ToR is silent.

    (`voting_sentence` says it in the document, `decides_in_brief` in a diff.)
    """
    if making.decides is not False:
        return None
    routed = f"; {_routed(making)}" if making.routed_to else ""
    return f"the ToR says this body does not take decisions itself{routed}"


def _routed(making: DecisionMaking) -> str:
    return f"its formal decisions are taken through {making.routed_to}"


def _majority_words(majority: Majority) -> str:
    """`rules.voting.majority_words`, imported only when a majority is worded.

    `check-quorum` says how votes are counted but words no majority, so it need not load the vote arithmetic.
    """
    from .voting import majority_words

    return majority_words(majority)


def majority_in_brief(majority: Majority | None) -> str:
    """The majority a decision needs, in brief: `a simple majority of those present and voting`, `not stated`."""
    return _majority_words(majority) if majority else NOT_STATED


def majority_sentence(voting: Voting) -> str:
    """The majority a decision needs, and each special majority, in sentences."""
    text = (
        sentence(f"Decisions need {_majority_words(voting.majority)}")
        if voting.majority
        else "The terms of reference do not state the majority needed."
    )
    for special in voting.special_majorities:
        what = special.description or special.kind.replace("-", " ")
        text += " " + sentence(f"For {what}: {_majority_words(special.majority)}")
    return text


_ABSTENTIONS = {
    "not-cast": "An abstention is not a vote cast.",
    "count-against": "Abstentions count as votes against.",
    None: "The terms of reference do not say how abstentions count.",
}
_TIES = {
    "casting-vote": "On equal votes the chair has a second or casting vote.",
    "not-carried": "On equal votes the proposal is not carried.",
    None: "The terms of reference do not say what happens on equal votes.",
}
_ABSTENTIONS_IN_BRIEF = {"not-cast": "not a vote cast", "count-against": "counted against", None: NOT_STATED}
_TIES_IN_BRIEF = {"casting-vote": "the chair's casting vote", "not-carried": "not carried", None: NOT_STATED}


def abstentions_sentence(voting: Voting) -> str:
    return _ABSTENTIONS[voting.abstentions]


def abstentions_in_brief(voting: Voting) -> str:
    """How abstentions count, in brief: `not a vote cast`, `counted against`."""
    return _ABSTENTIONS_IN_BRIEF[voting.abstentions]


def ties_in_brief(voting: Voting) -> str:
    """What equal votes do, in brief: `the chair's casting vote`, `not carried` (the chair's own vote aside)."""
    return _TIES_IN_BRIEF[voting.ties]


_CASTING = {
    "may": "On equal votes the chair may use a second or casting vote.",
    "must": "On equal votes the chair must use a second or casting vote.",
}


def ties_sentence(voting: Voting) -> str:
    """What happens on equal votes (whether the chair may or must use a casting vote, where the ToR says), and
    whether the chair also has an ordinary vote."""
    casting = _CASTING.get(voting.casting or "") if voting.ties == "casting-vote" else None
    text = casting or _TIES[voting.ties]
    if voting.chair_ordinary_vote is not None:
        text += " The chair " + (
            "also has an ordinary vote." if voting.chair_ordinary_vote else "has no ordinary vote."
        )
    return text


# ------------------------------------------------------------------ quorum


def quorum_sentence(body: Body, agencies: Mapping[str, Agency]) -> str:
    """The quorum in the published document, agendas and a diff: `The meeting is quorate with ...`, or why none."""
    rule = body.quorum
    match rule:
        case NoQuorum():
            decides = " The chair decides whether the meeting can go ahead." if rule.decided_by == "chair" else ""
            return f"There is no quorum. {rule.reason.strip()}{decides}"
        case QuorumNotStated():
            reason = f" {rule.reason.strip()}" if rule.reason else ""
            return f"The terms of reference do not state a quorum.{reason}"
        case AllOf() | AnyOf() | AtLeast() | Represented() | Fraction():
            return f"The meeting is quorate with {describe(rule, body, agencies)}."
        case _:
            assert_never(rule)


def quorum_in_brief(body: Body, agencies: Mapping[str, Agency]) -> str:
    """The quorum as a phrase for listings: `none set`, `not stated`, or the rule."""
    rule = body.quorum
    match rule:
        case NoQuorum():
            return "none set"
        case QuorumNotStated():
            return NOT_STATED
        case AllOf() | AnyOf() | AtLeast() | Represented() | Fraction():
            return describe(rule, body, agencies)
        case _:
            assert_never(rule)


def inquorate_sentence(body: Body) -> str:
    """What the ToR says happens at a meeting that is not quorate, for the document and a meeting's verdict."""
    rule = body.procedure.inquorate
    if rule is None:
        return "The terms of reference do not say what happens if a meeting is not quorate."
    wait = f" if still inquorate {rule.after.human()} after the start" if rule.after else ""
    return {
        "adjourn": f"The meeting is adjourned{wait}.",
        "business-lapses": f"The remaining business goes to the next meeting{wait}.",
        "chair-decides": f"The chair decides how to proceed{wait}.",
        "continue-informally": f"The meeting may continue{wait}, but takes no decisions.",
    }[rule.action]


_URGENT = {
    True: "Urgent business not on the agenda may be taken.",
    False: "Business not on the agenda may not be taken.",
    "chair-decides": "The chair decides whether urgent business not on the agenda is taken.",
    None: "The terms of reference do not say whether business not on the agenda may be taken.",
}


def urgent_business_sentence(urgent: UrgentBusiness | None) -> str:
    """Whether urgent business not on the agenda may be taken, as the ToR says, or that it does not say."""
    return _URGENT[urgent.allowed if urgent else None]


_LEGAL_KINDS = {
    "principal-council": "a principal council",
    "council-committee": "a committee of a principal council",
    "parish-council": "a parish or town council",
    "school-governing-body": "the governing body of a maintained school",
    "academy-trust": "an academy trust",
    "nhs-body": "an NHS body",
    "childrens-safeguarding-partnership": "a children's safeguarding partnership",
    "safeguarding-adults-board": "a safeguarding adults board",
    "non-statutory": "a body no statute constitutes (non-statutory)",
}


def legal_basis_sentence(basis: LegalBasis) -> str:
    """What kind of body this is in law, under which law, and whose part it is; `Read as ...` where a reading."""
    if basis.kind == "not-stated" and not (basis.under or basis.parent):
        return NOT_STATED
    kind = _LEGAL_KINDS.get(basis.kind)
    parts = [kind] if kind else ["the kind of body is not stated"]
    if basis.under:
        parts.append(f"under the {basis.under}" if kind else f"the law named is the {basis.under}")
    text = (", " if not kind else " ").join(parts)
    if basis.parent:
        text += f"; {basis.parent}"
    return sentence(f"read as {text} (see the notes)" if basis.reading else text)


def counting_sentence(body: Body) -> str | None:
    """Which membership classes count towards the quorum, where there is one and some classes do not count."""
    rule = body.quorum
    match rule:
        case NoQuorum() | QuorumNotStated():
            return None
        case AllOf() | AnyOf() | AtLeast() | Represented() | Fraction():
            pass
        case _:
            assert_never(rule)
    rules = {c: body.membership_classes.get(c) for c in dict.fromkeys(m.member_class for m in body.members)}
    counting = [class_words(c.value) for c, r in rules.items() if r and r.counts_for_quorum]
    not_counting = [class_words(c.value) for c, r in rules.items() if r and r.counts_for_quorum is False]
    unstated = [class_words(c.value) for c, r in rules.items() if r is None or r.counts_for_quorum is None]
    if not counting or not (not_counting or unstated):
        return None
    text = f"Only {join_words(counting)} members count towards the quorum"
    if not_counting:
        read = any(r and r.counts_for_quorum is False and r.reading for r in rules.values())
        text += f"; {join_words(not_counting)} members do not" + (" (a reading: see the notes)" if read else "")
    if unstated:
        text += f"; the terms of reference do not say whether {join_words(unstated)} members count"
    return text + "."


def indefinite(noun: str) -> str:
    """`a deputy`, `an officer`."""
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun
