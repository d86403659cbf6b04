"""Resolving an attendance against a body: names, substitutes, who counts and why, votes, forecasts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from torctl.data.load import load_tree
from torctl.meetings.verdict import judge
from torctl.model.records import SubstituteEntry
from torctl.rules.attendance import Name, People, StandIn, Unresolved, find_agency, stand_ins, written
from torctl.rules.attendance import resolve as resolve_names


def sub(name: str, member: str, **extra) -> SubstituteEntry:
    return SubstituteEntry.model_validate({"name": name, "for": member, **extra})


def resolve(body, agencies, *, present=(), substitutes=(), apologies=(), **rest):
    """`resolve` with the names written as a record writes them, each at its place in the record."""
    return resolve_names(
        body,
        agencies,
        present=written("present", present),
        substitutes=stand_ins(substitutes),
        apologies=written("apologies", apologies),
        **rest,
    )


def verdict(tree, body_id, **attendance):
    body = tree.bodies[body_id]
    resolved, problems = resolve(body, tree.agencies, **attendance)
    assert problems == []
    return judge(body, tree.agencies, resolved)


# ---------------------------------------------------------------- names


def test_people_are_found_by_post_id_holder_or_role_case_insensitively(tree):
    plymouth = People(tree.bodies["plymouth-improvement-board"])
    assert plymouth.member("independent-chair").id == "independent-chair"
    assert plymouth.member("theresa LEAVY").id == "independent-chair"
    assert plymouth.member("Tudor Evans").id == "leader"  # part of "Cllr Tudor Evans OBE"
    assert plymouth.member("ceo, ics").id == "ics-ceo"
    assert plymouth.member("Section 151 Officer").id == "section-151-officer"


def test_an_ambiguous_name_lists_every_match(tree):
    with pytest.raises(Unresolved) as caught:
        People(tree.bodies["solihull-sscp-executive"]).member("police")
    assert caught.value.code == "A002"
    assert "police-dsp (Borough Commander (DSP))" in caught.value.message
    assert "police-chief-inspector" in caught.value.message


def test_an_unknown_name_lists_the_closest_posts(tree):
    with pytest.raises(Unresolved) as caught:
        People(tree.bodies["solihull-sscp-executive"]).member("Borough Comander")
    assert "closest: police-dsp (Borough Commander (DSP))" in caught.value.message


def test_problems_carry_their_place_in_the_record(tree):
    body = tree.bodies["solihull-sscp-executive"]
    _, problems = resolve(
        body,
        tree.agencies,
        present=["dcs", "dcs", "nobody"],
        apologies=["icb-dsp"],
        substitutes=[sub("Jo", "the treasurer"), sub("Al", "dcs"), sub("Bea", "police-dsp", agency="nowhere")],
    )
    found = {(p.loc, p.code) for p in problems}
    assert found == {
        (("present", 1), "A004"),
        (("present", 2), "A002"),
        (("substitutes", 0, "for"), "A002"),
        (("substitutes", 1), "A004"),
        (("substitutes", 2, "agency"), "A001"),
    }
    assert any("stands in for someone who is not a member" in p.message for p in problems)


def test_a_vacant_post_cannot_attend(tree):
    body = tree.bodies["plymouth-improvement-board"]
    members = [
        m.model_copy(update={"vacancy": "to-be-appointed"}) if m.id == "chief-nursing-officer" else m
        for m in body.members
    ]
    _, problems = resolve(
        body.model_copy(update={"members": members}), tree.agencies, present=["chief-nursing-officer"]
    )
    assert [(p.code, "to be appointed" in p.message) for p in problems] == [("A003", True)]


def test_present_and_apologies_contradict(tree):
    _, problems = resolve(tree.bodies["solihull-lscp"], tree.agencies, present=["dcs"], apologies=["dcs"])
    assert [p.loc for p in problems] == [("present", 0)]
    assert "listed under present and under apologies" in problems[0].message


def test_problems_carry_the_place_the_caller_gave_each_name(tree):
    """A name given anywhere (an option, another file) comes back at the place its caller gave it."""
    body = tree.bodies["solihull-sscp-executive"]
    _, problems = resolve_names(
        body,
        tree.agencies,
        present=[Name("icb-dsp", ("here", 0)), Name("nobody", ("there", 7)), Name("dcs", ("twice",))],
        substitutes=[StandIn("Al", "icb-dsp", ("elsewhere",)), StandIn("Bo", "treasurer", ("far",))],
        apologies=[Name("dcs", ("first",))],
    )
    assert [(p.loc, p.code) for p in problems] == [
        (("there", 7), "A002"),
        (("twice",), "A004"),
        (("far", "for"), "A002"),
        (("elsewhere",), "A004"),
    ]


def test_find_agency_by_id_name_or_short_name(tree):
    assert find_agency(tree.agencies, "WMP") == "west-midlands-police"
    with pytest.raises(Unresolved, match="unknown agency 'Merseyside Polic'; closest: merseyside-police"):
        find_agency(tree.agencies, "Merseyside Polic")


# ---------------------------------------------------------------- the hard cases of the real bodies


def test_sscp_two_partners_names_the_missing_agency_and_who_could_fill_it(tree):
    result = verdict(tree, "solihull-sscp-executive", present=["dcs", "icb-dsp", "cabinet-member"]).to_dict()
    assert result["quorate"] is False
    assert result["missing"][0]["agencies"] == [{"id": "west-midlands-police", "name": "WMP"}]
    fill = {f["post"]: f["substitutes"]["text"] for f in result["could_fill"]}
    assert fill == {"police-dsp": "a suitable person from WMP", "police-chief-inspector": "a suitable person from WMP"}
    assert [(n["post"], n["reason"].split(":")[0]) for n in result["not_counted"]] == [
        ("cabinet-member", "participant observer")
    ]


def test_sscp_a_suitable_person_from_the_absent_agency_makes_it_quorate(tree):
    result = verdict(
        tree, "solihull-sscp-executive", present=["dcs", "icb-dsp"], substitutes=[sub("Jane Smith", "police-dsp")]
    )
    assert result.quorate is True
    assert "Jane Smith (for Borough Commander (DSP))" in result.to_dict()["clauses"]["people"]


def test_a_substitute_from_another_agency_does_not_represent_the_member(tree):
    result = verdict(
        tree,
        "solihull-sscp-executive",
        present=["dcs", "icb-dsp"],
        substitutes=[sub("Jane Smith", "police-dsp", agency="bsol-icb")],
    ).to_dict()
    assert result["quorate"] is False
    assert "another agency" in result["not_counted"][0]["reason"]


SEFTON_QUORATE_BUT_POLICE = ["chief-executive", "ccg-board-member", "cabinet-member-education"]


def test_sefton_substitute_without_delegated_authority_does_not_count(tree):
    without = verdict(
        tree,
        "sefton-improvement-board",
        present=SEFTON_QUORATE_BUT_POLICE,
        substitutes=[sub("Jo Bloggs", "police-senior-officer")],
    ).to_dict()
    assert without["quorate"] is False
    assert "delegated authority" in without["not_counted"][0]["reason"]
    assert without["caveats"] == []  # not counted, so the nominee caveat does not arise
    with_authority = verdict(
        tree,
        "sefton-improvement-board",
        present=SEFTON_QUORATE_BUT_POLICE,
        substitutes=[sub("Jo Bloggs", "police-senior-officer", delegated_authority=True)],
    ).to_dict()
    assert with_authority["quorate"] is True
    assert any("none is recorded for this post" in c for c in with_authority["caveats"])


def test_sefton_named_substitutes_recorded_in_the_tor(scratch):
    path = scratch / "sefton-improvement-board.yaml"
    text = path.read_text()
    anchor = "    agency: merseyside-police\n    class: partner\n"
    assert anchor in text
    path.write_text(
        text.replace(
            anchor,
            anchor
            + (
                "    substitutes:\n"
                "      - name: Chief Inspector Dee\n        delegated_authority: true\n"
                "      - name: Sergeant Ell\n"
            ),
        )
    )
    tree = load_tree(scratch)
    assert not [f for f in tree.findings if f.severity == "error"]
    # by name alone under present: the ToR says whom they stand in for and with what authority
    dee = verdict(
        tree, "sefton-improvement-board", present=[*SEFTON_QUORATE_BUT_POLICE, "chief inspector dee"]
    ).to_dict()
    assert dee["quorate"] is True and dee["caveats"] == []
    ell = verdict(tree, "sefton-improvement-board", present=[*SEFTON_QUORATE_BUT_POLICE, "Sergeant Ell"]).to_dict()
    assert ell["quorate"] is False and "delegated authority" in ell["not_counted"][0]["reason"]
    stranger = verdict(
        tree,
        "sefton-improvement-board",
        present=SEFTON_QUORATE_BUT_POLICE,
        substitutes=[sub("Pat", "police-senior-officer", delegated_authority=True)],
    ).to_dict()
    assert "not Senior Officer from Merseyside Police's named substitute" in stranger["not_counted"][0]["reason"]
    fill = stranger["could_fill"][0]["substitutes"]
    assert fill["named"] == ["Chief Inspector Dee"] and fill["text"].startswith("named substitute Chief Inspector Dee")


def test_lscp_one_vote_per_statutory_partner(tree):
    result = verdict(
        tree,
        "solihull-lscp",
        present=[
            "independent-scrutineer",
            "dcs",
            "arg-chair",
            "ccg-chief-nurse",
            "ccg-head-of-safeguarding",
            "borough-commander",
            "rdg-chair",
            "lead-member",
        ],
    )
    assert result.quorate is True
    assert result.votes.total == 3
    assert [h["agency"] for h in result.votes.holders] == ["solihull-mbc", "bsol-ccg", "west-midlands-police"]
    assert result.votes.holders[0]["cast_by"] == [
        "Local Authority - Director of Children Services",
        "Chair of Assurance and Review Group",
    ]


def test_no_votes_are_counted_where_the_tor_gives_no_voting_rule(tree):
    # Sefton's ToR speaks of "full member[s] with voting rights" only for people the Board invites: no rule, no count
    result = verdict(tree, "sefton-improvement-board", present=SEFTON_QUORATE_BUT_POLICE)
    assert (result.votes.method, result.votes.total) == ("not-stated", None)
    assert "does not say which of the listed members" in " ".join(result.readings())
    votes = verdict(tree, "solihull-arg", present=["chair"]).votes
    assert (votes.method, votes.total) == ("not-stated", None)


def test_plymouth_consensus_covers_only_membership_and_the_board_does_not_decide(tree):
    result = verdict(tree, "plymouth-improvement-board", present=["leader"])
    assert (result.votes.method, result.votes.total) == ("consensus", None)
    assert result.votes.note.startswith(
        "the ToR states consensus only for agreeing any replacement member or additional member"
    )
    assert "Plymouth City Council's governance processes" in result.decisions()
    data = result.to_dict()
    assert data["decides"] is False and data["votes"]["scope"] == "agreeing any replacement member or additional member"


def test_a_successor_agencys_person_counts_where_the_tor_names_the_predecessor(tree):
    """The LSCP's ToR (2019) names the CCG; the ICB replaced it on 1 July 2022 and its people count for it."""
    present = ["dcs", "borough-commander"]
    sub = SubstituteEntry.model_validate({"name": "Jo Nurse", "for": "ccg-chief-nurse", "agency": "bsol-icb"})
    result = verdict(tree, "solihull-lscp", present=present, substitutes=[sub])
    assert result.quorate is True
    seat = next(s for s in result.attendance.seats if s.person == "Jo Nurse")
    assert seat.counts and "BSol ICB replaced on 1 July 2022 under the Health and Care Act 2022" in seat.caveat
    assert result.to_dict()["succession"] == [
        "the ToR names BSol CCG, which BSol ICB replaced on 1 July 2022 under the Health and Care Act 2022; "
        "BSol ICB's people count for BSol CCG"
    ]
    # an agency that is no successor still cannot stand in
    other = SubstituteEntry.model_validate({"name": "Al", "for": "ccg-chief-nurse", "agency": "cafcass"})
    assert verdict(tree, "solihull-lscp", present=present, substitutes=[other]).quorate is False
    # Sefton's ToR names "the NHS CCG" but no seed names its successor: nothing counts for it by succession
    assert tree.agencies["sefton-nhs-ccg"].replaced_by is None


def test_plymouth_has_no_quorum_rule_and_says_why(tree):
    result = verdict(tree, "plymouth-improvement-board", present=["theresa leavy"]).to_dict()
    assert result["quorate"] is None
    assert result["reason"].startswith("The Improvement Board has no quorum")
    assert result["clauses"]["status"] == "no-quorum"


# ---------------------------------------------------------------- forecasting from apologies


def test_forecast_assumes_everyone_expected_attends_except_apologies(tree):
    body = tree.bodies["solihull-sscp-executive"]
    attendance, _ = resolve(body, tree.agencies, apologies=["police-dsp", "police-chief-inspector"], forecast=True)
    result = judge(body, tree.agencies, attendance).to_dict()
    assert result["mode"] == "forecast" and result["quorate"] is False
    assert {f["post"]: f["status"] for f in result["could_fill"]} == {
        "police-dsp": "sent apologies",
        "police-chief-inspector": "sent apologies",
    }
    assert all(seat.get("assumed") for seat in result["counted"])
    one_away, _ = resolve(body, tree.agencies, apologies=["police-dsp"], forecast=True)
    assert judge(body, tree.agencies, one_away).quorate is True


def test_forecast_does_not_assume_members_who_attend_only_when_relevant(tree):
    body = tree.bodies["sefton-improvement-board"]
    attendance, _ = resolve(body, tree.agencies, apologies=["independent-chair"], forecast=True)
    assumed = {seat.member.id for seat in attendance.seats}
    assert "director-public-health" not in assumed  # a stakeholder member
    assert "chief-executive" in assumed and "independent-chair" not in assumed


@settings(max_examples=40, deadline=None)
@given(
    st.permutations(["dcs", "icb-dsp", "cabinet-member", "Borough Commander", "independent scrutineer"]),
    st.lists(st.text(min_size=1, max_size=12), max_size=3),
)
def test_order_of_names_and_observers_never_change_the_verdict(tree, names, observers):
    body = tree.bodies["solihull-sscp-executive"]
    first, _ = resolve(body, tree.agencies, present=names[:3])
    second, _ = resolve(body, tree.agencies, present=list(reversed(names[:3])), observers=observers)
    one, two = judge(body, tree.agencies, first), judge(body, tree.agencies, second)
    assert one.quorate == two.quorate and one.clause.met_by == two.clause.met_by
    assert sorted(first.represented()) == sorted(second.represented())
