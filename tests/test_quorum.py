"""The quorum evaluator: the real bodies' rules, and properties of rules composed to any depth."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from torctl.model import AgencyKind, AllOf, AnyOf, Body, Fraction
from torctl.model.agencies import Agency
from torctl.rules.quorum import evaluate, fraction_needed, unmet_leaves


def test_sscp_executive_needs_all_three_partners(tree):
    body = tree.bodies["solihull-sscp-executive"]
    verdict = evaluate(body, tree.agencies, ["dcs", "icb-dsp"])
    assert verdict.satisfied is False
    assert verdict.missing == ["west-midlands-police"]
    assert set(verdict.candidates) == {"police-dsp", "police-chief-inspector"}
    assert evaluate(body, tree.agencies, ["dcs", "icb-dsp", "police-chief-inspector"]).satisfied is True


def test_participant_observer_never_counts(tree):
    body = tree.bodies["solihull-sscp-executive"]
    verdict = evaluate(body, tree.agencies, ["dcs", "icb-dsp", "police-dsp", "cabinet-member"])
    assert verdict.satisfied is True
    assert "cabinet-member" not in verdict.met_by
    assert evaluate(body, tree.agencies, ["cabinet-member"]).have == 0


def test_sefton_needs_partners_and_political_executive(tree):
    body = tree.bodies["sefton-improvement-board"]
    partners = ["chief-executive", "ccg-board-member", "police-senior-officer"]
    without_cabinet = evaluate(body, tree.agencies, partners)
    assert without_cabinet.satisfied is False
    assert [c.status for c in without_cabinet.children] == ["met", "unmet"]
    gaps = list(unmet_leaves(without_cabinet))
    assert [(path, leaf.shortfall, alternative) for path, leaf, alternative in gaps] == [((1,), 1, False)]
    assert evaluate(body, tree.agencies, [*partners, "cabinet-member-education"]).satisfied is True


def test_subgroups_need_three_member_agencies(tree):
    for body_id, same_agency, third in [
        ("solihull-arg", ["chair", "childrens-social-care", "west-midlands-police"], "cafcass"),
        ("solihull-rdg", ["chair", "west-midlands-police", "childrens-social-care"], "uhb"),
        ("solihull-elrag", ["chair", "independent-school-1", "independent-school-2"], "colleges"),
    ]:
        body = tree.bodies[body_id]
        two = evaluate(body, tree.agencies, same_agency)
        assert (two.satisfied, two.have, two.shortfall) == (False, 2, 1), body_id
        assert evaluate(body, tree.agencies, [*same_agency, third]).satisfied is True, body_id


def test_no_quorum_rule_is_neither_met_nor_unmet(tree):
    for body_id, status in (("plymouth-improvement-board", "no-quorum"), ("solihull-strategic-quartet", "not-stated")):
        verdict = evaluate(tree.bodies[body_id], tree.agencies, [])
        assert verdict.satisfied is None and verdict.status == status
        assert list(unmet_leaves(verdict)) == []


# ---------------------------------------------------------------- generated bodies and rules

AGENCIES = {
    "la": Agency(id="la", name="Council", kind=AgencyKind.STATUTORY_LOCAL_AUTHORITY),
    "nhs": Agency(id="nhs", name="Health", kind=AgencyKind.STATUTORY_HEALTH),
    "pol": Agency(id="pol", name="Police", kind=AgencyKind.STATUTORY_POLICE),
    "trust": Agency(id="trust", name="Trust", kind=AgencyKind.RELEVANT_AGENCY),
}
CLASSES = ["core", "participant-observer"]

members_st = st.lists(
    st.tuples(st.sampled_from(sorted(AGENCIES)), st.sampled_from(CLASSES), st.booleans()),
    min_size=1,
    max_size=8,
)
selector_st = st.fixed_dictionaries(
    {},
    optional={
        "agencies": st.lists(st.sampled_from(sorted(AGENCIES)), min_size=1, max_size=2, unique=True),
        "classes": st.just(["core"]),
    },
)
leaf_st = st.one_of(
    st.builds(
        lambda n, of, counting: {"rule": "at-least", "count": n, "of": of, "counting": counting},
        st.integers(1, 4),
        selector_st,
        st.sampled_from(["members", "agencies"]),
    ),
    st.builds(
        lambda a: {"rule": "represented", "agencies": a},
        st.lists(st.sampled_from(sorted(AGENCIES)), min_size=1, max_size=3, unique=True),
    ),
    st.builds(
        lambda k: {"rule": "represented", "agency_kinds": k},
        st.lists(
            st.sampled_from([AgencyKind.STATUTORY_POLICE.value, AgencyKind.STATUTORY_HEALTH.value]),
            min_size=1,
            unique=True,
        ),
    ),
    st.builds(
        lambda num, den, r, m, ex: {
            "rule": "fraction",
            "numerator": min(num, den),
            "denominator": den,
            "rounding": r,
            "minimum": m,
            "exclude_vacancies": ex,
        },
        st.integers(1, 4),
        st.integers(1, 4),
        st.sampled_from(["up", "down", "nearest"]),
        st.integers(0, 3),
        st.booleans(),
    ),
    st.just({"rule": "none", "reason": "the chair decides"}),
)
rule_st = st.recursive(
    leaf_st,
    lambda children: st.builds(
        lambda kind, rules: {"rule": kind, "rules": rules},
        st.sampled_from(["all-of", "any-of"]),
        st.lists(children, min_size=1, max_size=3),
    ),
    max_leaves=8,
)


def make_body(members, rule) -> Body:
    return Body.model_validate(
        {
            "id": "generated",
            "name": "Generated",
            "status": "active",
            "source": {"document": "generated"},
            "purpose": ["testing"],
            "membership_classes": {
                "core": {"votes": True, "counts_for_quorum": True},
                "participant-observer": {"votes": False, "counts_for_quorum": False},
            },
            "members": [
                {
                    "id": f"m{i}",
                    "role": f"Member {i}",
                    "agency": agency,
                    "class": cls,
                    **({"vacancy": "vacant"} if vacant else {}),
                }
                for i, (agency, cls, vacant) in enumerate(members)
            ],
            "substitution": {"who": "same-agency"},
            "chair": {"mode": "not-stated"},
            "quorum": rule,
            "voting": {"method": "one-per-member"},
            "meetings": {},
            "review": {"unknown_reason": "generated"},
        }
    )


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(members_st, rule_st, st.data())
def test_adding_a_person_never_breaks_quorum(members, rule, data):
    body = make_body(members, rule)
    ids = [m.id for m in body.members]
    present = data.draw(st.sets(st.sampled_from(ids)))
    extra = data.draw(st.sampled_from(ids))
    before = evaluate(body, AGENCIES, present).satisfied
    after = evaluate(body, AGENCIES, present | {extra}).satisfied
    if before is True:
        assert after is True
    assert (before is None) == (after is None)


@FAST
@given(members_st, rule_st, st.data())
def test_people_who_do_not_count_never_change_the_verdict(members, rule, data):
    body = make_body(members, rule)
    present = data.draw(st.sets(st.sampled_from([m.id for m in body.members])))
    observers = {m.id for m in body.members if not body.counts_for_quorum(m)}
    assert (
        evaluate(body, AGENCIES, present | observers).satisfied
        == evaluate(body, AGENCIES, present - observers).satisfied
    )


@FAST
@given(members_st, rule_st, rule_st, st.data())
def test_all_of_and_any_of_compose_as_logic_says(members, first, second, data):
    body = make_body(members, first)
    present = data.draw(st.sets(st.sampled_from([m.id for m in body.members])))
    a = evaluate(body, AGENCIES, present, make_body(members, first).quorum).satisfied
    b = evaluate(body, AGENCIES, present, make_body(members, second).quorum).satisfied
    both = evaluate(
        body, AGENCIES, present, AllOf.model_validate({"rule": "all-of", "rules": [first, second]})
    ).satisfied
    either = evaluate(
        body, AGENCIES, present, AnyOf.model_validate({"rule": "any-of", "rules": [first, second]})
    ).satisfied
    known = [x for x in (a, b) if x is not None]
    assert both == (all(known) if known else None)
    assert either == (any(known) if known else None)
    itself = AnyOf.model_validate({"rule": "any-of", "rules": [first, first]})
    assert evaluate(body, AGENCIES, present, itself).satisfied == a
    assert evaluate(body, AGENCIES, present, AllOf.model_validate({"rule": "all-of", "rules": [first]})).satisfied == a


@FAST
@given(members_st, rule_st, st.data())
def test_the_verdict_ignores_the_order_of_names(members, rule, data):
    body = make_body(members, rule)
    present = data.draw(st.lists(st.sampled_from([m.id for m in body.members]), unique=True))
    shuffled = data.draw(st.permutations(present))
    one, two = evaluate(body, AGENCIES, present), evaluate(body, AGENCIES, shuffled)
    assert (one.satisfied, one.have, one.met_by, one.missing) == (two.satisfied, two.have, two.met_by, two.missing)


@given(
    st.integers(1, 12),
    st.integers(1, 12),
    st.sampled_from(["up", "down", "nearest"]),
    st.integers(0, 10),
    st.integers(0, 40),
)
def test_fractions_round_as_declared_and_respect_their_floor(num, den, rounding, minimum, size):
    rule = Fraction.model_validate(
        {"rule": "fraction", "numerator": min(num, den), "denominator": den, "rounding": rounding, "minimum": minimum}
    )
    needed = fraction_needed(rule, size)
    exact = size * rule.numerator / rule.denominator
    assert needed >= minimum
    if needed > minimum:
        rounded = {"up": math.ceil(exact), "down": math.floor(exact), "nearest": math.floor(exact + 0.5)}[rounding]
        assert needed == rounded
        assert abs(needed - exact) < (1 if rounding != "nearest" else 0.5 + 1e-9)


def test_fraction_counts_only_the_counting_membership_and_its_vacancies_as_declared():
    members = [
        ("la", "core", False),
        ("nhs", "core", False),
        ("pol", "core", True),
        ("trust", "participant-observer", False),
    ]
    half = {"rule": "fraction", "numerator": 1, "denominator": 2, "rounding": "up"}
    body = make_body(members, half)  # two counting, non-vacant members: one half is one
    assert evaluate(body, AGENCIES, ["m0"]).satisfied is True
    with_vacancies = make_body(members, {**half, "exclude_vacancies": False})  # three posts: one half rounds up to two
    assert evaluate(with_vacancies, AGENCIES, ["m0"]).need == 2
    floor = make_body(members, {**half, "minimum": 2})
    assert evaluate(floor, AGENCIES, ["m0", "m3"]).satisfied is False
    assert evaluate(floor, AGENCIES, ["m0", "m1"]).satisfied is True
