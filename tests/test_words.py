"""rules/words.py: each fact worded once, in each register it is said in (document, listing, table, agenda)."""

from __future__ import annotations

import datetime as dt

import pytest

from torctl.calendar.deadlines import chair_on, deadline_rules
from torctl.data.summary import body_summary
from torctl.model import Body, Cadence, Chair, NoQuorum, Period, QuorumNotStated, Review, Rotation, Voting
from torctl.rules.words import (
    abstentions_sentence,
    chair_on_date_sentence,
    chair_words,
    counting_sentence,
    deadline_rule,
    deadline_sentence,
    describe_cadence,
    describe_chair,
    majority_sentence,
    quorum_in_brief,
    quorum_sentence,
    review_cadence_words,
    ties_sentence,
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


def test_the_review_cadence_in_a_table_and_in_the_document(tree):
    assert review_cadence_words(Review(cadence=Period(months=12), at_least=True, last_reviewed="2024-01")) == (
        "at least every 12 months"
    )
    assert review_cadence_words(Review(unknown_reason="not given")) == "not stated"


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
    assert counting_sentence(lscp) == "Only core members count towards the quorum; secretariat members do not."


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
