"""The one wording of each fact a ToR states: its chair, its rhythm, its deadlines, its votes, its quorum.

Documents, agendas, listings, schedules and the site all say these facts, so each
is worded here once and every layer above uses it; a change of words is made in
one place and shows everywhere. Some facts are said in more than one register (a
sentence in the published document, a phrase in a listing, a cell in a table);
the registers stand side by side here, built from the same pieces, so they
cannot drift apart. A quorum rule's clauses are worded by `rules.quorum.describe`
(its verdicts use them), which this module re-exports so callers need only this one.

Where the data says a fact is not stated, unknown or vacant, the words say so;
nothing is filled in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import assert_never

from ..model import (
    STATUTORY_KINDS,
    Agency,
    AllOf,
    AnyOf,
    AtLeast,
    Body,
    Cadence,
    Chair,
    Fraction,
    Member,
    NoQuorum,
    Period,
    QuorumNotStated,
    Represented,
    Review,
    Rotation,
    Voting,
)
from .quorum import agency_label, describe, describe_selector, join_words, matches
from .voting import majority_words

__all__ = [
    "DEADLINE_LABELS",
    "NOT_STATED",
    "VACANCY_WORDS",
    "abstentions_sentence",
    "chair_on_date_sentence",
    "chair_words",
    "class_words",
    "counting_sentence",
    "deadline_rule",
    "deadline_sentence",
    "describe",
    "describe_cadence",
    "describe_chair",
    "long_date",
    "majority_sentence",
    "majority_words",
    "post_label",
    "post_role",
    "quorum_in_brief",
    "quorum_sentence",
    "review_cadence_words",
    "sentence",
    "ties_sentence",
    "vacant_chair_words",
    "vote_words",
    "voting_sentence",
    "yes_no",
]

NOT_STATED = "not stated"
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
    """A meeting's date as a ToR or an agenda writes it: `Tuesday 5 March 2024`."""
    return f"{day.strftime('%A')} {day.day} {day.strftime('%B %Y')}"


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
    """How often the ToR is reviewed: `at least every 12 months`."""
    if not review.cadence:
        return NOT_STATED
    return f"{'at least every' if review.at_least else 'every'} {review.cadence.human()}"


# ------------------------------------------------------------------ deadlines

DEADLINE_LABELS = {"papers": "Agenda and papers", "substitute-notice": "Substitute notice", "minutes": "Minutes"}
_DEADLINE_VERBS = {"papers": "Circulated", "substitute-notice": "Given", "minutes": "Circulated"}
_BOUND_WORDS = {"at-least": "at least ", "within": "within ", "exactly": ""}


def deadline_rule(period: Period | None, when: str, bound: str, time: dt.time | None = None) -> str:
    """A deadline's rule, the same for every meeting: `at least 5 working days before the meeting, by 12:00`.

    `when` is `before` or `after` the meeting; a deadline the ToR gives no figure for says so.
    """
    by = f", by {time:%H:%M}" if time is not None else ""
    if period is None or period.unit is None:
        return f"{when} the meeting (no figure given){by}"
    return f"{_BOUND_WORDS[bound]}{period.human()} {when} the meeting{by}"


def deadline_sentence(kind: str, rule: str) -> str:
    """The deadline in the published document: `Circulated at least 5 working days before the meeting.`."""
    return f"{_DEADLINE_VERBS[kind]} {rule}."


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
        routed = f": its formal decisions are taken through {making.routed_to}" if making.routed_to else ""
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


def majority_sentence(voting: Voting) -> str:
    """The majority a decision needs, and each special majority, in sentences."""
    text = (
        sentence(f"Decisions need {majority_words(voting.majority)}")
        if voting.majority
        else "The terms of reference do not state the majority needed."
    )
    for special in voting.special_majorities:
        what = special.description or special.kind.replace("-", " ")
        text += " " + sentence(f"For {what}: {majority_words(special.majority)}")
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


def abstentions_sentence(voting: Voting) -> str:
    return _ABSTENTIONS[voting.abstentions]


def ties_sentence(voting: Voting) -> str:
    """What happens on equal votes, and whether the chair also has an ordinary vote."""
    text = _TIES[voting.ties]
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
            return f"There is no quorum. {rule.reason.strip()}"
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
    used = list(dict.fromkeys(m.member_class for m in body.members))
    counting = [class_words(c.value) for c in used if (r := body.membership_classes.get(c)) and r.counts_for_quorum]
    not_counting = [
        class_words(c.value)
        for c in used
        if c not in body.membership_classes or not body.membership_classes[c].counts_for_quorum
    ]
    if not counting or not not_counting:
        return None
    return f"Only {join_words(counting)} members count towards the quorum; {join_words(not_counting)} members do not."
