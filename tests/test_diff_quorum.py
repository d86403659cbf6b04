"""`torctl.rules.quorum_change`: the quorum reasoning `torctl diff` words, asked directly, as other commands may."""

from __future__ import annotations

from typing import Any

import pytest

from torctl.model import Body
from torctl.rules.quorum import evaluate
from torctl.rules.quorum_change import (
    Versions,
    dropped_agencies,
    easier_witness,
    replaced_agencies,
    required_agencies,
    same_rule,
    why_easier,
)


def with_quorum(body: Body, rule: dict[str, Any]) -> Body:
    data = body.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    data["quorum"] = rule
    return Body.model_validate(data)


def versions(tree, body_id: str, old: dict[str, Any] | None, new: dict[str, Any]) -> Versions:
    body = tree.bodies[body_id]
    before = body if old is None else with_quorum(body, old)
    return Versions(before, with_quorum(body, new), tree.agencies, tree.agencies)


PARTNERS = ["solihull-mbc", "bsol-ccg", "west-midlands-police"]


@pytest.mark.parametrize(
    ("rule", "needed"),
    [
        ({"rule": "represented", "agencies": PARTNERS}, set(PARTNERS)),
        ({"rule": "at-least", "count": 1, "of": {"agencies": ["solihull-mbc"]}}, {"solihull-mbc"}),
        ({"rule": "at-least", "count": 3, "counting": "agencies"}, set()),
        ({"rule": "fraction", "numerator": 1, "denominator": 2}, set()),
        ({"rule": "none", "reason": "the chair decides"}, set()),
        ({"rule": "not-stated"}, set()),
        (
            {
                "rule": "all-of",
                "rules": [
                    {"rule": "represented", "agencies": ["solihull-mbc"]},
                    {"rule": "represented", "agencies": ["bsol-ccg"]},
                ],
            },
            {"solihull-mbc", "bsol-ccg"},
        ),
        (
            {
                "rule": "any-of",
                "rules": [
                    {"rule": "represented", "agencies": ["solihull-mbc", "bsol-ccg"]},
                    {"rule": "represented", "agencies": ["solihull-mbc", "west-midlands-police"]},
                ],
            },
            {"solihull-mbc"},  # only what every alternative needs
        ),
    ],
    ids=[
        "represented",
        "at-least-one-agency",
        "at-least-agencies",
        "fraction",
        "none",
        "not-stated",
        "all-of",
        "any-of",
    ],
)
def test_required_agencies(tree, rule, needed):
    body = with_quorum(tree.bodies["solihull-lscp"], rule)
    assert required_agencies(body, tree.agencies) == needed


def test_a_successor_replaces_an_agency_and_is_not_a_drop(tree):
    v = versions(tree, "solihull-lscp", None, {"rule": "represented", "agencies": ["solihull-mbc", "bsol-icb"]})
    assert replaced_agencies(v) == {"bsol-ccg": "bsol-icb"}
    assert dropped_agencies(v) == {"west-midlands-police"}


@pytest.mark.parametrize(
    ("old", "new", "reasons"),
    [
        ({"rule": "at-least", "count": 3}, {"rule": "at-least", "count": 2}, ["at least 3 → at least 2"]),
        ({"rule": "at-least", "count": 2}, {"rule": "at-least", "count": 3}, []),
        (
            {"rule": "at-least", "count": 3, "counting": "agencies"},
            {"rule": "at-least", "count": 3},
            ["it now counts people rather than distinct agencies"],
        ),
        (
            {"rule": "fraction", "numerator": 1, "denominator": 2, "minimum": 3},
            {"rule": "fraction", "numerator": 1, "denominator": 3, "rounding": "down"},
            [
                "1/2 → 1/3 of the membership",
                "never fewer than 3 → 0",
                "rounded up → down",
            ],
        ),
        (
            {"rule": "fraction", "numerator": 1, "denominator": 2, "exclude_vacancies": False},
            {"rule": "fraction", "numerator": 1, "denominator": 2, "exclude_vacancies": True},
            ["vacant posts are now left out of the membership counted"],
        ),
        (
            {"rule": "at-least", "count": 3},
            {"rule": "none", "reason": "x"},
            ["the quorum is removed (no quorum is set)"],
        ),
        (
            {"rule": "at-least", "count": 3},
            {"rule": "not-stated"},
            ["the quorum is removed (the ToR is now recorded as not stating one)"],
        ),
        ({"rule": "none", "reason": "x"}, {"rule": "not-stated"}, []),
        (
            {"rule": "at-least", "count": 4},
            {"rule": "any-of", "rules": [{"rule": "at-least", "count": 4}, {"rule": "at-least", "count": 2}]},
            ["a meeting is now also quorate with at least two members"],
        ),
        (
            {
                "rule": "all-of",
                "rules": [{"rule": "at-least", "count": 4}, {"rule": "fraction", "numerator": 1, "denominator": 2}],
            },
            {"rule": "all-of", "rules": [{"rule": "at-least", "count": 4}]},
            ["the condition 'one half of members (rounded up, vacancies excluded)' is dropped"],
        ),
        (
            {"rule": "all-of", "rules": [{"rule": "at-least", "count": 4}, {"rule": "at-least", "count": 2}]},
            {"rule": "all-of", "rules": [{"rule": "at-least", "count": 3}, {"rule": "at-least", "count": 2}]},
            ["at least 4 → at least 3"],
        ),
        ({"rule": "at-least", "count": 3, "text": "three"}, {"rule": "at-least", "count": 3, "text": "3"}, []),
    ],
    ids=[
        "lower-count",
        "higher-count",
        "people-not-agencies",
        "fraction",
        "vacancies",
        "removed",
        "not-stated",
        "unset-to-unset",
        "alternative",
        "dropped-condition",
        "clause-by-clause",
        "words-only",
    ],
)
def test_why_easier(tree, old, new, reasons):
    v = versions(tree, "solihull-rdg", old, new)
    assert why_easier(v.old.quorum, v.new.quorum, v) == reasons


def test_a_condition_naming_only_dropped_agencies_is_left_to_dropped_agencies(tree):
    named = {"rule": "at-least", "count": 1, "of": {"agencies": ["west-midlands-police"]}}
    v = versions(
        tree,
        "solihull-lscp",
        {"rule": "all-of", "rules": [{"rule": "at-least", "count": 4}, named]},
        {"rule": "all-of", "rules": [{"rule": "at-least", "count": 4}]},
    )
    assert dropped_agencies(v) == {"west-midlands-police"}
    assert why_easier(v.old.quorum, v.new.quorum, v) == []


def test_same_rule_ignores_the_tors_words(tree):
    body = tree.bodies["solihull-rdg"]
    reworded = body.quorum.model_copy(update={"text": "other words"})
    assert same_rule(body.quorum, reworded)
    assert not same_rule(body.quorum, with_quorum(body, {"rule": "at-least", "count": 3}).quorum)


def test_easier_witness_is_a_meeting_quorate_now_and_not_before(tree):
    v = versions(tree, "solihull-rdg", None, {"rule": "at-least", "count": 2, "counting": "agencies"})
    witness = easier_witness(v)
    assert witness
    assert evaluate(v.new, v.new_agencies, witness).satisfied is True
    assert evaluate(v.old, v.old_agencies, witness).satisfied is False
    assert easier_witness(v) == witness  # seeded: the same answer every time


def test_no_witness_where_nothing_that_decides_quorum_changed_or_it_got_harder(tree):
    body = tree.bodies["solihull-rdg"]
    assert easier_witness(Versions(body, body, tree.agencies, tree.agencies)) is None
    assert (
        easier_witness(versions(tree, "solihull-rdg", None, {"rule": "at-least", "count": 4, "counting": "agencies"}))
        is None
    )
    assert easier_witness(versions(tree, "solihull-rdg", None, {"rule": "none", "reason": "the chair decides"})) is None
