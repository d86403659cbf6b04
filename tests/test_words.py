"""rules/words.py: each fact worded once, in each register it is said in (document, listing, table, agenda)."""

from __future__ import annotations

import datetime as dt

import pytest

from torctl.calendar.deadlines import chair_on, deadline_rules
from torctl.data.summary import body_summary
from torctl.model import (
    Body,
    Cadence,
    Chair,
    Deadline,
    DecisionMaking,
    Duty,
    Member,
    NoQuorum,
    Period,
    QuorumNotStated,
    ReportingLine,
    Review,
    Rotation,
    StandingItem,
    Substitute,
    Voting,
)
from torctl.model.procedure import Inquorate, Procedure
from torctl.rules.words import (
    DEADLINE_DUE_LABELS,
    DEADLINE_LABELS,
    abstentions_in_brief,
    abstentions_sentence,
    chair_on_date_sentence,
    chair_words,
    counting_in_brief,
    counting_sentence,
    deadline_in_brief,
    deadline_rule,
    deadline_sentence,
    decides_at_a_meeting,
    decides_in_brief,
    describe_cadence,
    describe_chair,
    duty_in_brief,
    holding_in_brief,
    inquorate_sentence,
    long_date,
    majority_in_brief,
    majority_sentence,
    member_in_brief,
    plain_date,
    presenter_in_brief,
    quorum_in_brief,
    quorum_sentence,
    reporting_line_in_brief,
    review_cadence_in_a_listing,
    review_cadence_words,
    standing_item_in_brief,
    substitute_in_brief,
    ties_in_brief,
    ties_sentence,
    voting_method_in_brief,
    voting_at_a_meeting,
    voting_right_in_brief,
    voting_sentence,
)


@pytest.mark.parametrize(
    "period, when, bound, time, words",
    [
        (Period(working_days=5), "before", "at-least", None, "at least 5 working days before the meeting"),
        (Period(weeks=2), "after", "within", None, "within 2 weeks after the meeting"),
        (Period(days=1), "after", "exactly", dt.time(12), "1 day after the meeting, by 12:00"),
        (None, "before", "at-least", None, "before the meeting (no figure given)"),
        (None, "before", "at-least", dt.time(9, 30), "before the meeting (no figure given), by 09:30"),
    ],
)
def test_a_deadline_is_worded_once(period, when, bound, time, words):
    assert deadline_rule(period, when, bound, time) == words


@pytest.mark.parametrize(
    "deadline, words",
    [
        (
            Deadline(period=Period(working_days=5), bound="at-least", time=dt.time(12)),
            "at least 5 working days before the meeting, by 12:00",
        ),
        (Deadline(bound="within"), "before the meeting, no figure given"),
        (Deadline(time=dt.time(9, 30)), "before the meeting, no figure given"),
    ],
)
def test_a_deadline_in_brief_is_the_rule_save_where_the_tor_gives_no_figure(deadline, words):
    assert deadline_in_brief(deadline, "before") == words


def test_a_deadline_reads_the_same_in_the_document_and_the_calendar(tree):
    plymouth = tree.bodies["plymouth-improvement-board"]
    rules = deadline_rules(plymouth)
    assert rules["papers"] == "at least 5 working days before the meeting"
    assert deadline_sentence("papers", rules["papers"]) == "Circulated at least 5 working days before the meeting."
    assert deadline_sentence("substitute-notice", rules["substitute-notice"]).startswith("Given at least 2 working")


@pytest.mark.parametrize(
    "cadence, words",
    [
        (None, "not stated"),
        (Cadence(frequency="bi-monthly", term_time_only=True), "every two months, term time only"),
        (Cadence(frequency="per-year", times_per_year=3), "3 times a year"),
        (
            Cadence(frequency="every-n-weeks", weeks=6, unless_agreed_otherwise=True),
            "every 6 weeks, unless agreed otherwise",
        ),
    ],
)
def test_a_cadence_is_worded_once(cadence, words):
    assert describe_cadence(cadence) == words


def test_the_review_cadence_in_the_document_and_in_the_review_report(tree):
    at_least = Review(cadence=Period(months=12), at_least=True, last_reviewed="2024-01")
    assert review_cadence_words(at_least) == "at least every 12 months"
    assert review_cadence_in_a_listing(at_least) == "every 12 months (at least)"
    every = Review(cadence=Period(months=24))
    assert review_cadence_words(every) == review_cadence_in_a_listing(every) == "every 24 months"
    silent = Review(unknown_reason="not given")
    assert review_cadence_words(silent) == review_cadence_in_a_listing(silent) == "not stated"


def test_a_date_with_and_without_its_weekday():
    assert long_date(dt.date(2026, 12, 24)) == "Thursday 24 December 2026"
    assert plain_date(dt.date(2024, 3, 5)) == "5 March 2024"


def test_a_deadline_is_named_in_two_registers():
    assert DEADLINE_LABELS.keys() == DEADLINE_DUE_LABELS.keys() == {"papers", "substitute-notice", "minutes"}
    assert DEADLINE_LABELS["papers"] == "Agenda and papers"
    assert DEADLINE_DUE_LABELS["papers"] == "papers due"


def _with_chair(body: Body, chair: Chair) -> Body:
    return body.model_copy(update={"chair": chair})


def test_the_chair_in_each_register(tree):
    sscp = tree.bodies["solihull-sscp-executive"]
    assert describe_chair(sscp, short=True) == "rotating: dcs, icb-dsp, police-dsp"
    assert describe_chair(sscp).startswith("rotates every 12 months among ")
    assert chair_words(sscp, sscp.chair).startswith("Rotates every 12 months among ")
    vacant = _with_chair(sscp, Chair(mode="vacant", text="To be decided."))
    assert describe_chair(vacant) == chair_on(vacant, dt.date(2025, 1, 1)).text == "vacant (To be decided.)"
    assert chair_words(vacant, vacant.chair) == "Vacant (the terms of reference say: To be decided)"
    assert chair_words(sscp, None, deputy=True) == "The terms of reference name no deputy chair."


def test_a_rotation_named_by_qualified_posts_of_its_own_body_names_their_roles_everywhere(tree):
    sscp = tree.bodies["solihull-sscp-executive"]
    among = [f"{sscp.id}/{post}" for post in sscp.chair.rotation.among]
    body = _with_chair(sscp, Chair(mode="rotation", rotation=Rotation(among=among, period=Period(months=12))))
    roles = [sscp.member(post).role for post in sscp.chair.rotation.among]
    assert describe_chair(body) == f"rotates every 12 months among {', '.join(roles)}"
    assert all(role in chair_words(body, body.chair) for role in roles)


def test_the_chair_on_a_date_as_an_agenda_says_it():
    assert chair_on_date_sentence("unknown: rotation order not recorded") == "Not known (rotation order not recorded)"
    assert chair_on_date_sentence("vacant") == "Vacant"


def test_votes_in_sentences():
    silent = Voting(method="one-per-member")
    assert majority_sentence(silent) == "The terms of reference do not state the majority needed."
    assert abstentions_sentence(silent) == "The terms of reference do not say how abstentions count."
    assert ties_sentence(silent) == "The terms of reference do not say what happens on equal votes."
    stated = Voting.model_validate(
        {
            "method": "one-per-member",
            "majority": {"of": "present-and-voting", "numerator": 1, "denominator": 2, "bound": "more-than"},
            "ties": "casting-vote",
            "chair_ordinary_vote": True,
            "special_majorities": [
                {"kind": "terms-change", "majority": {"of": "membership", "numerator": 2, "denominator": 3}}
            ],
        }
    )
    assert majority_sentence(stated) == (
        "Decisions need a simple majority of those present and voting. "
        "For terms change: more than two-thirds of the voting membership (vacancies left out)."
    )
    assert ties_sentence(stated) == (
        "On equal votes the chair has a second or casting vote. The chair also has an ordinary vote."
    )


def test_the_quorum_in_a_listing_says_none_set_apart_from_not_stated(tree):
    quartet = tree.bodies["solihull-strategic-quartet"]
    none = quartet.model_copy(update={"quorum": NoQuorum(rule="none", reason="The chair decides.")})
    silent = quartet.model_copy(update={"quorum": QuorumNotStated(rule="not-stated")})
    assert quorum_in_brief(none, tree.agencies) == body_summary(none, tree.agencies)["quorum"] == "none set"
    assert quorum_in_brief(silent, tree.agencies) == "not stated"
    assert counting_sentence(none) is None
    lscp = tree.bodies["solihull-lscp"]
    assert quorum_in_brief(lscp, tree.agencies) == "representation from each of SMBC, BSol CCG and WMP"
    assert counting_sentence(lscp) == (
        "Only core members count towards the quorum; secretariat members do not (a reading: see the notes)."
    )


def test_the_quorum_in_a_sentence_says_each_kind_of_rule(tree):
    quartet = tree.bodies["solihull-strategic-quartet"]
    none = quartet.model_copy(update={"quorum": NoQuorum(rule="none", reason=" The chair decides. ")})
    silent = quartet.model_copy(update={"quorum": QuorumNotStated(rule="not-stated")})
    explained = quartet.model_copy(update={"quorum": QuorumNotStated(rule="not-stated", reason="Section 4 is blank.")})
    assert quorum_sentence(none, tree.agencies) == "There is no quorum. The chair decides."
    assert quorum_sentence(silent, tree.agencies) == "The terms of reference do not state a quorum."
    assert quorum_sentence(explained, tree.agencies) == (
        "The terms of reference do not state a quorum. Section 4 is blank."
    )
    lscp = tree.bodies["solihull-lscp"]
    assert quorum_sentence(lscp, tree.agencies) == (
        "The meeting is quorate with representation from each of SMBC, BSol CCG and WMP."
    )


def test_a_post_in_brief(tree):
    quartet = tree.bodies["solihull-strategic-quartet"]
    leader = quartet.members[0]
    assert member_in_brief(quartet, tree.agencies, leader) == (
        "Leader of Solihull Council, Solihull Council political executive (Leader and Cabinet), core: "
        "voting not stated, counts for quorum"
    )
    lscp = tree.bodies["solihull-lscp"]
    appointed = lscp.members[0].model_copy(update={"vacancy": "to-be-appointed", "holder": None})
    assert member_in_brief(lscp, tree.agencies, appointed) == (
        "Independent Scrutineer (Chair) (to be appointed), Independent (no agency), core: has a vote, counts for quorum"
    )
    assert holding_in_brief(appointed) == "to be appointed"
    assert holding_in_brief(Member(id="dcs", role="DCS", holder="Jane Smith", member_class="core")) == (
        "held by Jane Smith"
    )
    assert holding_in_brief(Member(id="dcs", role="DCS", member_class="core")) == "holder not named"


@pytest.mark.parametrize("votes, words", [(True, "has a vote"), (False, "no vote"), (None, "voting not stated")])
def test_a_voting_right_in_brief(votes, words):
    assert voting_right_in_brief(votes) == words


def test_counting_towards_the_quorum_in_brief():
    assert counting_in_brief(True) == "counts for quorum"
    assert counting_in_brief(False) == "does not count for quorum"


def test_a_substitute_in_brief():
    named = Substitute(name="Jane Smith", role="Deputy Director", agency="smbc", delegated_authority=True)
    assert substitute_in_brief(named) == "Jane Smith (Deputy Director, smbc, with delegated authority)"
    assert substitute_in_brief(Substitute(name="Ann Lee")) == "Ann Lee"  # authority not stated: nothing said
    refused = Substitute(name="Ann Lee", delegated_authority=False)
    assert substitute_in_brief(refused) == "Ann Lee (without delegated authority)"


def test_business_in_brief(tree):
    quartet = tree.bodies["solihull-strategic-quartet"]
    presented = next(i for i in quartet.standing_items if i.presenter is not None)
    assert presenter_in_brief(quartet, tree.agencies, presented) == (
        "presented by one of solihull-sscp-executive/icb-dsp or solihull-sscp-executive/police-dsp"
    )
    arriving = StandingItem(title="ARG highlight report", from_body="solihull-arg")
    assert presenter_in_brief(quartet, tree.agencies, arriving) == "no presenter named"
    assert standing_item_in_brief(arriving) == '"ARG highlight report" (from solihull-arg)'
    assert duty_in_brief(Duty(title="Audit", by="chair", every=Period(months=12))) == '"Audit" (chair, every 12 months)'
    assert duty_in_brief(Duty(title="Audit")) == '"Audit" (no one named)'
    line = ReportingLine(body="solihull-lscp", via="the chair", what="a highlight report")
    assert reporting_line_in_brief(line, "Reports to") == "reports to solihull-lscp (via the chair): a highlight report"


def test_votes_in_brief():
    silent = Voting(method="not-stated")
    assert voting_method_in_brief(silent) == "not stated"
    assert voting_method_in_brief(Voting(method="one-per-agency")) == "one vote per agency"
    assert majority_in_brief(silent.majority) == "not stated"
    assert abstentions_in_brief(silent) == ties_in_brief(silent) == "not stated"
    stated = Voting.model_validate(
        {
            "method": "one-per-member",
            "majority": {"of": "present", "numerator": 2, "denominator": 3, "bound": "at-least"},
            "abstentions": "count-against",
            "ties": "casting-vote",
        }
    )
    assert voting_method_in_brief(stated) == "one vote per voting member"
    assert majority_in_brief(stated.majority) == "at least two-thirds of the voting members present"
    assert abstentions_in_brief(stated) == "counted against"
    assert ties_in_brief(stated) == "the chair's casting vote"
    assert decides_in_brief(DecisionMaking(decides=False)) == "does not take decisions"
    assert decides_in_brief(DecisionMaking()) == "not stated"


def test_what_happens_at_an_inquorate_meeting_in_a_sentence(tree):
    quartet = tree.bodies["solihull-strategic-quartet"]

    def with_rule(rule: Inquorate | None) -> Body:
        return quartet.model_copy(update={"procedure": Procedure(inquorate=rule)})

    assert inquorate_sentence(with_rule(None)) == (
        "The terms of reference do not say what happens if a meeting is not quorate."
    )
    assert inquorate_sentence(with_rule(Inquorate(action="adjourn", after=Period(minutes=15)))) == (
        "The meeting is adjourned if still inquorate 15 minutes after the start."
    )
    assert inquorate_sentence(with_rule(Inquorate(action="continue-informally"))) == (
        "The meeting may continue, but takes no decisions."
    )


@pytest.mark.parametrize(
    "voting, unclear, words",
    [
        (Voting(method="one-per-member"), [], "one vote per voting member present"),
        (
            Voting(method="one-per-agency", scope="the budget"),
            [],
            "one vote per agency, however many of its people attend; the rule covers the budget",
        ),
        (
            Voting(method="one-per-member"),
            ["Ann Archer", "Bo Brown"],
            "the ToR does not say whether Ann Archer and Bo Brown may vote",
        ),
        (Voting(method="consensus"), [], "decisions are by consensus; no votes are counted"),
        (
            Voting(method="consensus", scope="the plan"),
            ["Ann Archer"],
            "the ToR states consensus only for the plan; no votes are counted",
        ),
        (Voting(method="not-stated"), [], "the ToR does not say how decisions are voted on"),
    ],
)
def test_how_votes_are_counted_at_a_meeting(voting, unclear, words):
    assert voting_at_a_meeting(voting, unclear) == words


def test_whether_the_body_decides_in_each_register(tree):
    quartet = tree.bodies["solihull-strategic-quartet"]
    making = DecisionMaking(decides=False, routed_to="the Cabinet")
    routed = quartet.model_copy(
        update={"governance": quartet.governance.model_copy(update={"decision_making": making})}
    )
    assert decides_at_a_meeting(making) == (
        "the ToR says this body does not take decisions itself; its formal decisions are taken through the Cabinet"
    )
    assert voting_sentence(routed, tree.agencies).startswith(
        "The terms of reference say this is not a decision-making body: "
        "its formal decisions are taken through the Cabinet. "
    )
    assert decides_in_brief(making) == "does not take decisions"
    assert decides_at_a_meeting(DecisionMaking(decides=True)) is None
    assert decides_at_a_meeting(DecisionMaking()) is None
