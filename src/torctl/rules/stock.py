"""torctl's stock phrases: every fixed sentence it prints about a body, with the data that licenses it.

A document, an agenda or a listing says a body's facts partly in the ToR's own
words (`text:`), partly in values the data holds, and partly in fixed phrases of
torctl's ("On equal votes the chair has a second or casting vote."). A fixed
phrase is a claim about the ToR, so each one is registered here with the
condition on the body's data under which it may be printed (`Stock.licensed`)
and that condition in words (`Stock.basis`): a phrase printed for a body whose
data does not hold its condition is torctl speaking for the ToR.

`NEUTRAL` lists the fixed words that say nothing about what a ToR says
(headings, labels, the names of a document's parts, messages about the tool).

tests/test_stock_phrases.py renders every bundled and example body in every
format and checks each registered phrase it finds against its condition; and
it scans the renderers and templates for fixed sentences that are in neither
list, so a new stock phrase cannot be added without its condition.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..model import Body, NoQuorum, QuorumNotStated

__all__ = ["NEUTRAL", "STOCK", "Stock", "found_in", "registered"]


@dataclass(frozen=True)
class Stock:
    """A fixed phrase torctl prints about a body, and the condition on the body's data that licenses it."""

    words: str
    licensed: Callable[[Body], bool]
    basis: str


def value(body: Body, path: str) -> Any:
    """The value at a dotted path of the body (`procedure.remote.allowed`), None where a step is empty."""
    node: Any = body
    for step in path.split("."):
        node = getattr(node, step, None)
        if node is None:
            return None
    return node


def _is(path: str, *values: object) -> Callable[[Body], bool]:
    return lambda body: value(body, path) in values


def _stated(path: str) -> Callable[[Body], bool]:
    return lambda body: value(body, path) is not None


def _interest(ruling: str, *values: object) -> Callable[[Body], bool]:
    def licensed(body: Body) -> bool:
        interests = body.procedure.interests
        return interests is not None and any(getattr(k, ruling) in values for k in interests.kinds)

    return licensed


def _interest_silent(body: Body) -> bool:
    interests = body.procedure.interests
    rulings = ("leaves_room", "counts_for_quorum", "may_take_part", "may_speak", "may_vote")
    return interests is not None and any(all(getattr(k, r) is None for r in rulings) for k in interests.kinds)


def _classes(attends: object) -> Callable[[Body], bool]:
    return lambda body: any(body.attends(m) == attends for m in body.members)


def _no_quorum(body: Body) -> bool:
    return isinstance(body.quorum, NoQuorum)


def _quorum_set(body: Body) -> bool:
    return not isinstance(body.quorum, (NoQuorum, QuorumNotStated))


def _substitutes_allowed(body: Body) -> bool:
    return body.substitution.who in ("same-agency", "named-substitute")


def _with_reading(body: Body) -> bool:
    from ..model.provenance import readings

    return bool(readings(body))


def _any(*tests: Callable[[Body], bool]) -> Callable[[Body], bool]:
    return lambda body: any(test(body) for test in tests)


def _minutes(body: Body) -> bool:
    admin = body.administration
    return admin.minutes is not None or admin.minutes_agreed_by != "not-stated" or bool(admin.minuted_by)


def _always(_: Body) -> bool:
    return True


_SILENT = "says only that the ToR is silent on what the rest of the sentence names, each from an empty field"

STOCK: tuple[Stock, ...] = (
    # substitutes
    Stock("A member who cannot attend may send ", _substitutes_allowed, "substitution.who allows a stand-in"),
    Stock(" from their agency in their place.", _is("substitution.who", "same-agency"), "substitution.who"),
    Stock("A member who cannot attend may send their named ", _is("substitution.who", "named-substitute"), "who"),
    Stock("Substitutes may not attend in a member's place.", _is("substitution.who", "none"), "substitution.who"),
    Stock(
        "The terms of reference do not say whether substitutes may attend.",
        _is("substitution.who", "not-stated"),
        "substitution.who: not-stated",
    ),
    Stock(
        " needs the member's delegated authority.",
        lambda b: _substitutes_allowed(b) and b.substitution.delegated_authority_required is None,
        "substitution.delegated_authority_required empty",
    ),
    Stock(" needs no delegated authority.", _is("substitution.delegated_authority_required", False), "false"),
    Stock(
        " must have the member's delegated authority",
        _is("substitution.delegated_authority_required", True),
        "substitution.delegated_authority_required: true",
    ),
    Stock(" before the meeting whether their ", _stated("substitution.notice"), "substitution.notice"),
    Stock("A member who cannot attend tells ", _stated("substitution.notify"), "substitution.notify"),
    Stock(
        " in the member's place",  # `check-quorum`: someone from <agency> in the member's place
        lambda b: b.substitution.who == "same-agency" and b.substitution.called is None,
        "substitution.who: same-agency, no name for a stand-in (substitution.called empty)",
    ),
    # declared interests
    Stock(
        "The terms of reference do not say what a declared interest does.",
        _is("procedure.interests", None),
        "procedure.interests empty",
    ),
    Stock(
        "The terms of reference name this kind of interest but do not say what it does.",
        _interest_silent,
        "an interest kind with no ruling",
    ),
    Stock("stays in the room", _interest("leaves_room", False), "leaves_room: false"),
    Stock("whether the member leaves the room", _interest("leaves_room", "chair-decides"), "chair-decides"),
    Stock("does not count toward the quorum for the item", _interest("counts_for_quorum", False), "false"),
    Stock(
        "whether the member counts toward the quorum for the item",
        _interest("counts_for_quorum", "chair-decides"),
        "counts_for_quorum: chair-decides",
    ),
    Stock("may not take part in the item", _interest("may_take_part", False), "may_take_part: false"),
    Stock("whether the member may take part", _interest("may_take_part", "chair-decides"), "chair-decides"),
    Stock("whether the member may speak", _interest("may_speak", "chair-decides"), "may_speak: chair-decides"),
    Stock("whether the member may vote", _interest("may_vote", "chair-decides"), "may_vote: chair-decides"),
    # remote attendance
    Stock(
        "The terms of reference do not say whether a member attending remotely counts or votes.",
        lambda b: (
            b.procedure.remote is None
            or (b.procedure.remote.allowed, b.procedure.remote.counts_for_quorum, b.procedure.remote.may_vote)
            == (None, None, None)
        ),
        "procedure.remote empty",
    ),
    Stock("Members may not attend remotely.", _is("procedure.remote.allowed", False), "remote.allowed: false"),
    Stock("Members may attend remotely.", _is("procedure.remote.allowed", True), "remote.allowed: true"),
    Stock(
        "A member attending remotely ",
        _any(_stated("procedure.remote.counts_for_quorum"), _stated("procedure.remote.may_vote")),
        "remote.counts_for_quorum or remote.may_vote",
    ),
    Stock("Members may attend virtually.", _is("procedure.remote.allowed", True), "remote.allowed: true"),
    Stock("Members may not attend virtually.", _is("procedure.remote.allowed", False), "remote.allowed: false"),
    Stock("Virtual attendance is available", _is("procedure.remote.allowed", True), "remote.allowed: true"),
    # meetings, duties, decisions
    Stock(
        "Not fixed in the terms of reference.",
        lambda b: not b.meetings.pattern and not b.meetings.dates,
        "meetings.pattern and dates empty",
    ),
    Stock("The meeting schedule is reviewed after ", _stated("meetings.schedule_review"), "schedule_review"),
    Stock("; findings are reported to the body", lambda b: any(d.reports_to_body for d in b.duties), "duty"),
    Stock("The body takes decisions", _is("governance.decision_making.decides", True), "decides: true"),
    Stock("The body does not take decisions itself", _is("governance.decision_making.decides", False), "false"),
    Stock("; formal decisions are taken through ", _stated("governance.decision_making.routed_to"), "routed_to"),
    Stock(
        " commit their own agency without referring upwards.",
        _stated("governance.decision_making.members_commit_agency"),
        "governance.decision_making.members_commit_agency",
    ),
    Stock("How this is read (", _with_reading, "a `reading:` in the body"),
    Stock("This body has been dissolved", _is("status", "dissolved"), "status: dissolved"),
    Stock("This body is proposed and not yet running.", _is("status", "proposed"), "status: proposed"),
    Stock("The terms of reference set no standing agenda items.", lambda b: not b.standing_items, "none"),
    Stock("The terms of reference state no reporting lines.", lambda b: not b.reporting.reports_to, "none"),
    Stock("The terms of reference do not state a purpose.", _is("purpose", "not-stated"), "purpose: not-stated"),
    Stock("The terms of reference set no deadline.", lambda b: b.administration.papers is None, "papers empty"),
    Stock(
        "This body meets in school term time only: check the date falls in term.",
        _is("meetings.cadence.term_time_only", True),
        "meetings.cadence.term_time_only: true",
    ),
    # the chair
    Stock("The terms of reference name no deputy chair.", _is("deputy_chair", None), "deputy_chair empty"),
    Stock(" The current chair is the ", _stated("chair.rotation.current"), "chair.rotation.current"),
    Stock(
        " The order of turns and the current chair are not recorded.",
        lambda b: b.chair.rotation is not None and b.chair.rotation.order is None and b.chair.rotation.current is None,
        "chair.rotation.order and current empty",
    ),
    Stock(" The order of turns is not recorded.", _is("chair.rotation.order", None), "chair.rotation.order empty"),
    # votes
    Stock(
        "The terms of reference state decisions by consensus, without votes, only for ",
        lambda b: b.voting.method == "consensus" and bool(b.voting.scope),
        "voting.method consensus with a scope",
    ),
    Stock(
        "The terms of reference say this is not a decision-making body",
        _is("governance.decision_making.decides", False),
        "governance.decision_making.decides: false",
    ),
    Stock(
        "Where a vote is needed, each voting member present has one vote",
        _is("voting.method", "one-per-member"),
        "voting.method: one-per-member",
    ),
    Stock(" has one vote, whatever the number of its representatives.", _is("voting.method", "one-per-agency"), "m"),
    Stock("Where a vote is needed, ", _is("voting.method", "one-per-member", "one-per-agency"), "voting.method"),
    Stock("Decisions are reached by consensus, without votes.", _is("voting.method", "consensus"), "consensus"),
    Stock(
        "The terms of reference do not say how decisions are voted on.",
        _is("voting.method", "not-stated"),
        "voting.method: not-stated",
    ),
    Stock("one vote per voting member", _is("voting.method", "one-per-member"), "voting.method: one-per-member"),
    Stock("one vote per agency", _is("voting.method", "one-per-agency"), "voting.method: one-per-agency"),
    Stock("; no votes are counted", _is("voting.method", "consensus"), "voting.method: consensus"),
    Stock("the ToR states consensus only for ", lambda b: b.voting.method == "consensus" and bool(b.voting.scope), "c"),
    Stock("decisions are by consensus; no votes are counted", _is("voting.method", "consensus"), "consensus"),
    Stock("the ToR does not say how decisions are voted on", _is("voting.method", "not-stated"), "not-stated"),
    Stock(", however many of its people attend", _is("voting.method", "one-per-agency"), "one-per-agency"),
    Stock(
        "the ToR says this body does not take decisions itself", _is("governance.decision_making.decides", False), "f"
    ),
    Stock("its formal decisions are taken through ", _stated("governance.decision_making.routed_to"), "routed_to"),
    Stock("The terms of reference do not state the majority needed.", _is("voting.majority", None), "majority empty"),
    Stock("An abstention is not a vote cast.", _is("voting.abstentions", "not-cast"), "abstentions: not-cast"),
    Stock("not a vote cast", _is("voting.abstentions", "not-cast"), "voting.abstentions: not-cast"),
    Stock("Abstentions count as votes against.", _is("voting.abstentions", "count-against"), "count-against"),
    Stock("The terms of reference do not say how abstentions count.", _is("voting.abstentions", None), "empty"),
    Stock(
        "On equal votes the chair has a second or casting vote.",
        lambda b: b.voting.ties == "casting-vote" and b.voting.casting is None,
        "voting.ties: casting-vote, casting empty",
    ),
    Stock(
        "On equal votes the chair may use a second or casting vote.",
        lambda b: b.voting.ties == "casting-vote" and b.voting.casting == "may",
        "voting.casting: may",
    ),
    Stock(
        "On equal votes the chair must use a second or casting vote.",
        lambda b: b.voting.ties == "casting-vote" and b.voting.casting == "must",
        "voting.casting: must",
    ),
    Stock("the chair's casting vote", _is("voting.ties", "casting-vote"), "voting.ties: casting-vote"),
    Stock("On equal votes the proposal is not carried.", _is("voting.ties", "not-carried"), "ties: not-carried"),
    Stock("The terms of reference do not say what happens on equal votes.", _is("voting.ties", None), "ties empty"),
    Stock("also has an ordinary vote.", _is("voting.chair_ordinary_vote", True), "chair_ordinary_vote: true"),
    Stock("has no ordinary vote.", _is("voting.chair_ordinary_vote", False), "chair_ordinary_vote: false"),
    # quorum
    Stock("There is no quorum. ", _no_quorum, "quorum.rule: none"),
    Stock(
        " The chair decides whether the meeting can go ahead.",
        lambda b: isinstance(b.quorum, NoQuorum) and b.quorum.decided_by == "chair",
        "quorum.decided_by: chair",
    ),
    Stock("The terms of reference do not state a quorum.", lambda b: isinstance(b.quorum, QuorumNotStated), "rule"),
    Stock("The meeting is quorate with ", _quorum_set, "a quorum rule"),
    Stock(" members count towards the quorum", _quorum_set, "a quorum rule and membership_classes"),
    Stock(
        ": read as not counting toward quorum",  # `check-quorum`: why a post does not count
        lambda b: any(r.reading and r.counts_for_quorum is False for r in b.membership_classes.values()),
        "a membership class with counts_for_quorum: false and a reading",
    ),
    Stock(
        " members count toward quorum, so they are not counted",
        lambda b: any(r.counts_for_quorum is None for r in b.membership_classes.values()),
        "a membership class with counts_for_quorum empty",
    ),
    Stock(
        " (a reading: see the notes)",
        lambda b: any(r.reading for r in b.membership_classes.values()),
        "a membership class's reading",
    ),
    Stock(
        "The terms of reference do not say what happens if a meeting is not quorate.",
        _is("procedure.inquorate", None),
        "procedure.inquorate empty",
    ),
    Stock("The meeting is adjourned", _is("procedure.inquorate.action", "adjourn"), "inquorate.action: adjourn"),
    Stock("The remaining business goes to the next meeting", _is("procedure.inquorate.action", "business-lapses"), "a"),
    Stock("The chair decides how to proceed", _is("procedure.inquorate.action", "chair-decides"), "chair-decides"),
    Stock("The meeting may continue", _is("procedure.inquorate.action", "continue-informally"), "continue"),
    Stock(", but takes no decisions.", _is("procedure.inquorate.action", "continue-informally"), "continue"),
    # urgent business
    Stock("Urgent business not on the agenda may be taken.", _is("procedure.urgent_business.allowed", True), "true"),
    Stock("Business not on the agenda may not be taken.", _is("procedure.urgent_business.allowed", False), "false"),
    Stock(
        "The chair decides whether urgent business not on the agenda is taken.",
        _is("procedure.urgent_business.allowed", "chair-decides"),
        "procedure.urgent_business.allowed: chair-decides",
    ),
    Stock(
        "The terms of reference do not say whether business not on the agenda may be taken.",
        _is("procedure.urgent_business.allowed", None),
        "procedure.urgent_business empty",
    ),
    Stock("The ToR allows urgent business", _is("procedure.urgent_business.allowed", True), "allowed: true"),
    Stock(
        "The chair decides whether urgent business is taken (the ToR's rule)",
        _is("procedure.urgent_business.allowed", "chair-decides"),
        "procedure.urgent_business.allowed: chair-decides",
    ),
    # agenda items derived from the body's rules
    Stock(
        "The ToR's rule for a member who cannot attend",
        _any(_is("substitution.who", "same-agency", "named-substitute", "none"), _stated("substitution.notify")),
        "substitution",
    ),
    Stock("to be recorded at item ", _any(_is("substitution.who", "same-agency", "named-substitute", "none")), "sub"),
    Stock("The ToR's rule on interests", _stated("procedure.interests"), "procedure.interests"),
    Stock("The ToR's rule on minutes", _minutes, "administration.minutes, minutes_agreed_by or minuted_by"),
    Stock("Minutes of the previous meeting", _minutes, "administration.minutes, minutes_agreed_by or minuted_by"),
    # legal basis
    Stock("a committee of a principal council", _is("legal_basis.kind", "council-committee"), "legal_basis.kind"),
    Stock("a parish or town council", _is("legal_basis.kind", "parish-council"), "legal_basis.kind"),
    Stock("the governing body of a maintained school", _is("legal_basis.kind", "school-governing-body"), "kind"),
    Stock("a children's safeguarding partnership", _is("legal_basis.kind", "childrens-safeguarding-partnership"), "k"),
    Stock("a safeguarding adults board", _is("legal_basis.kind", "safeguarding-adults-board"), "legal_basis.kind"),
    Stock("a body no statute constitutes (non-statutory)", _is("legal_basis.kind", "non-statutory"), "kind"),
    Stock("the kind of body is not stated", _is("legal_basis.kind", "not-stated"), "legal_basis.kind: not-stated"),
    Stock("the law named is the ", _stated("legal_basis.under"), "legal_basis.under"),
    # review
    Stock("Not known (the last review is not recorded)", _stated("review.cadence"), "review.cadence, no date"),
    Stock(" after the last review).", _stated("review.cadence"), "review.cadence"),
    Stock("Not known: the date of the last review is not recorded.", _stated("review.cadence"), "review.cadence"),
    Stock("; where these terms name ", _always, "an agency's replaced_by in the registry (agency_rows)"),
    Stock("'s people count for it", _always, "an agency's replaced_by in the registry (agency_rows)"),
    # words that say only that the ToR is silent on what follows
    Stock("The terms of reference do not say whether ", _always, _SILENT),
    Stock("; the terms of reference do not say whether ", _always, _SILENT),
    Stock("the ToR does not say whether ", _always, _SILENT),
    Stock("Who carries it out is not stated", _always, _SILENT),
    Stock("; how often is not stated", _always, _SILENT),
    Stock("Review date not stated", _always, _SILENT),
    Stock("counting for quorum not stated", _always, _SILENT),
    Stock(" (the terms of reference say: ", _always, "quotes the ToR's words"),
    Stock(" the meeting (no figure given)", _always, "a deadline the ToR names without a figure"),
    Stock(" the meeting, no figure given", _always, "a deadline the ToR names without a figure"),
    Stock("The terms of reference say ", _always, "followed by a value the data holds"),
)

# Fixed words that say nothing about what a ToR says: headings, labels, fragments of a registered sentence, and
# messages about the tool or the date.
NEUTRAL: frozenset[str] = frozenset(
    {
        "Review of these terms of reference",
        "Terms of reference last changed",  # a label beside a date from git or the review record
        "Notes on the source",
        "In the terms of reference",
        "The chair's responsibilities:",
        " (not on every agenda)",
        "Changes of date, time or venue",
        "Invited and co-opted members",
        "counts toward the quorum for the item",
        "counts toward the quorum",
        "may take part in the item",
        "does not count for quorum",
        "does not take decisions",
        "a parish or town council",
        "How long it takes.",
        "The items, in agenda order.",
        "Sent to each meeting by the ",
        " is not a working day (",
        " has been dissolved; it holds no meetings",
        "Downloads, data and calendar",
        "Meetings and deadlines as a calendar",
        "in the year from",
        "No calendar is published for this body",
        "Published by torctl from the data on",
    }
)


def registered(words: str) -> bool:
    """Whether fixed words are registered: part of a stock phrase or of the neutral words."""
    return any(words in entry for entry in (*(s.words for s in STOCK), *NEUTRAL))


def found_in(text: str, body: Body, phrases: Iterable[Stock] = STOCK) -> list[Stock]:
    """The stock phrases in `text` (a body's rendered words) whose condition the body's data does not hold."""
    return [s for s in phrases if s.words.strip() and s.words.strip() in text and not s.licensed(body)]
