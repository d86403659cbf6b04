"""The hard cases of DOMAIN.md, asserted on the encoded bodies: the data says what the seeds say."""

from __future__ import annotations

import datetime as dt

from torctl.calendar.deadlines import deadlines
from torctl.model import AgencyKind, AllOf, AtLeast, NoQuorum, PartialDate, QuorumNotStated, Represented
from torctl.rules.quorum import evaluate, represented_agencies

STATUTORY = {AgencyKind.STATUTORY_LOCAL_AUTHORITY, AgencyKind.STATUTORY_HEALTH, AgencyKind.STATUTORY_POLICE}


def test_all_eight_bodies_with_exact_ids(tree):
    from conftest import BODY_IDS

    assert set(tree.bodies) == BODY_IDS and len(BODY_IDS) == 8


def test_every_file_opens_with_a_comment_naming_its_source():
    from conftest import BODIES

    for path in BODIES.glob("*.yaml"):
        head = path.read_text(encoding="utf-8").splitlines()[:4]
        assert all(line.startswith("#") for line in head[:2]), path
        assert any("Source" in line or "Sources" in line for line in head), path


def test_quartet(tree):
    body = tree.bodies["solihull-strategic-quartet"]
    assert [m.id for m in body.members if body.counts_for_quorum(m)] == [
        "leader",
        "cabinet-portfolio-holder",
        "chief-executive",
        "dcs",
    ]
    dfe = body.member("dfe-commissioner")
    # attends, is no member; whether the Commissioner may vote is not stated
    assert dfe.member_class == "attendee" and not body.counts_for_quorum(dfe) and body.votes(dfe) is None
    assert body.chair.mode == "post" and body.chair.post == "chief-executive"
    assert body.meetings.cadence.frequency == "monthly"
    assert isinstance(body.quorum, QuorumNotStated)  # silent, not "no quorum"
    assert [d.text.split("... ")[-1][:6] for d in body.governance.member_duties] == ["attend", "ensure"]
    assert {e.when for e in body.governance.escalation} == {"at the earliest opportunity"}
    item = body.standing_items[0]
    assert item.title == "Partnership Improvement Updates" and item.presenter.count == 1
    presenters = [tree.bodies[ref.split("/")[0]].member(ref.split("/")[1]) for ref in item.presenter.posts]
    assert {tree.agencies[m.agency].kind for m in presenters} == {
        AgencyKind.STATUTORY_HEALTH,
        AgencyKind.STATUTORY_POLICE,
    }
    assert body.review.cadence.months == 12 and body.review.at_least
    assert body.review.last_reviewed == PartialDate(2023, 9) and body.review.last_reviewed.is_month
    assert body.review.next_review_due() == PartialDate(2024, 9)


def test_sscp_executive(tree):
    body = tree.bodies["solihull-sscp-executive"]
    assert body.chair.mode == "rotation"
    assert body.chair.rotation.among == ["dcs", "icb-dsp", "police-dsp"] and body.chair.rotation.period.months == 12
    assert body.chair.rotation.current is None  # not recorded in the ToR
    assert body.substitution.who == "same-agency"
    assert body.meetings.cadence.frequency == "bi-monthly"
    papers = body.administration.papers
    assert papers.period.working_days == 5 and papers.bound == "at-least"
    assert body.administration.minutes.period.weeks == 2 and body.administration.minutes.bound == "within"
    observer = body.member("cabinet-member")
    assert observer.member_class == "participant-observer" and not body.counts_for_quorum(observer)
    assert isinstance(body.quorum, Represented)
    required = represented_agencies(body, tree.agencies, body.quorum)
    assert {tree.agencies[a].kind for a in required} == STATUTORY and len(required) == 3
    assert body.source.as_at == PartialDate(2023, 9) and body.review.next_due == PartialDate(2024, 3)
    making = body.governance.decision_making  # 2.5, 2.7
    assert making.decides and making.members_commit_agency and len(making.members_authority) == 3
    assert body.governance.escalation[0].issue == "Issues the DSPs cannot agree on"
    assert len(body.governance.member_duties) == 6 and body.governance.documents[0].title == "LSCP Risk register"
    assert body.governance.member_duties[5].reading  # 2.6 is the DSPs', read so
    assert body.legal_basis.kind == "childrens-safeguarding-partnership" and body.legal_basis.reading


def test_sscp_executive_quorum_needs_all_three_partners(tree):
    body = tree.bodies["solihull-sscp-executive"]
    assert evaluate(body, tree.agencies, ["dcs", "icb-dsp", "police-dsp"]).satisfied
    verdict = evaluate(body, tree.agencies, ["dcs", "icb-dsp", "ad-safeguarding"])
    assert not verdict.satisfied and verdict.missing == ["west-midlands-police"]
    assert "police-dsp" in verdict.candidates
    # the participant observer never counts
    assert not evaluate(body, tree.agencies, ["dcs", "icb-dsp", "cabinet-member"]).satisfied


def test_sefton(tree):
    body = tree.bodies["sefton-improvement-board"]
    assert body.chair.mode == "independent"
    assert tree.agencies[body.member(body.chair.post).agency].kind == AgencyKind.INDEPENDENT
    classes = {m.member_class.value for m in body.members}
    assert classes == {"core", "partner", "stakeholder"}
    assert body.membership_classes["co-opted"].votes is False and body.membership_classes["co-opted"].reading
    # "full member[s] with voting rights" are only the people the Board invites: no listed class is given a vote
    assert all(body.membership_classes[c].votes is None for c in ("core", "partner", "stakeholder"))
    assert body.voting.method == "not-stated"
    assert body.review.approved_by is None  # only changes to membership are agreed by the Board
    assert body.governance.membership_changes.agreed_by == "the Board"
    assert all(body.attends(m) == "when-relevant" for m in body.members if m.member_class == "stakeholder")
    assert body.substitution.who == "named-substitute" and body.substitution.delegated_authority_required
    assert isinstance(body.quorum, AllOf)
    represented, political = body.quorum.rules
    assert isinstance(represented, Represented) and set(represented.agency_kinds) == STATUTORY
    assert isinstance(political, AtLeast) and political.count == 1
    assert tree.agencies[political.of.agencies[0]].kind == AgencyKind.POLITICAL
    assert body.meetings.cadence.frequency == "monthly" and body.meetings.cadence.unless_agreed_otherwise
    duty = body.duties[0]
    assert duty.by == "independent-chair" and duty.every.weeks == 6 and duty.reports_to_body
    assert body.review.next_review_due() is None and body.review.unknown_reason


def test_sefton_quorum_needs_partners_and_political_executive(tree):
    body = tree.bodies["sefton-improvement-board"]
    partners = ["chief-executive", "ccg-board-member", "police-senior-officer"]
    assert not evaluate(body, tree.agencies, partners).satisfied
    assert evaluate(body, tree.agencies, [*partners, "cabinet-member-education"]).satisfied


def test_lscp(tree):
    body = tree.bodies["solihull-lscp"]
    assert body.chair.post == "independent-scrutineer"
    assert body.meetings.cadence.frequency == "per-year" and body.meetings.cadence.times_per_year == 3
    assert body.voting.method == "one-per-agency" and set(body.voting.voters.agency_kinds) == STATUTORY
    assert body.quorum.agencies == ["solihull-mbc", "bsol-ccg", "west-midlands-police"]  # as the 2019 text names them
    ccg = tree.agencies["bsol-ccg"]
    assert (ccg.replaced_by, str(ccg.replaced_on), ccg.replaced_under) == (
        "bsol-icb",
        "2022-07-01",
        "Health and Care Act 2022",
    )
    assert body.governance.decision_making.decides is True
    assert {p.title.split(" ")[0] for p in body.governance.publications} == {"Annual", "Child", "Threshold"}
    item = body.standing_items[0]
    assert item.from_body == "solihull-arg" and item.every_meeting
    assert {line.body for line in body.reporting.receives_from} == {"solihull-arg", "solihull-rdg", "solihull-elrag"}


def test_arg_rdg_elrag(tree):
    for body_id in ("solihull-arg", "solihull-rdg", "solihull-elrag"):
        quorum = tree.bodies[body_id].quorum
        assert isinstance(quorum, AtLeast) and quorum.count == 3 and quorum.counting == "agencies"
    assert tree.bodies["solihull-arg"].meetings.cadence.frequency == "quarterly"
    assert tree.bodies["solihull-rdg"].meetings.cadence.frequency == "quarterly"
    assert tree.bodies["solihull-arg"].deputy_chair.post == "deputy-chair"
    rdg_deputy = tree.bodies["solihull-rdg"].deputy_chair
    assert rdg_deputy.mode == "vacant" and "To be decided" in rdg_deputy.text
    elrag = tree.bodies["solihull-elrag"].meetings.cadence
    assert elrag.frequency == "bi-monthly" and elrag.term_time_only
    for body_id in ("solihull-arg", "solihull-rdg"):
        line = next(line for line in tree.bodies[body_id].reporting.reports_to if line.body == "solihull-lscp")
        assert line.relation == "accountable-to"  # "is accountable to the Local Safeguarding Children Partnership"
    elrag = {line.target: line.relation for line in tree.bodies["solihull-elrag"].reporting.reports_to}
    assert (
        elrag["The three safeguarding partners within the LSCP"] == "accountable-to"
        and elrag["solihull-lscp"] == "reports-to"
    )


def test_three_member_agencies_counts_agencies_not_people(tree):
    arg = tree.bodies["solihull-arg"]
    # chair and Children Social Care rep are both SMBC: two people, one agency
    assert not evaluate(arg, tree.agencies, ["chair", "childrens-social-care", "west-midlands-police"]).satisfied
    assert evaluate(arg, tree.agencies, ["chair", "west-midlands-police", "cafcass"]).satisfied


def test_plymouth(tree):
    body = tree.bodies["plymouth-improvement-board"]
    assert isinstance(body.quorum, NoQuorum) and "matter for the Chair" in body.quorum.reason
    assert evaluate(body, tree.agencies, []).satisfied is None
    chair = body.member("independent-chair")
    assert chair.holder == "Theresa Leavy" and body.chair.mode == "independent"
    # the footnote "*roles to be appointed to ... so not always there?" marks rows the damaged table lost
    assert not any(m.vacancy for m in body.members)
    core = [m for m in body.members if m.member_class == "core"]
    assert all(body.expected(m) for m in core)  # Board members; attendees "will be invited to attend"
    assert all(body.attends(m) == "when-invited" for m in body.members if m not in core)
    assert (
        body.voting.method == "consensus"
        and body.voting.scope == "agreeing any replacement member or additional member"
    )
    making = body.governance.decision_making
    assert making.decides is False and making.routed_to == "Plymouth City Council's governance processes"
    assert [d.title for d in body.governance.documents] == ["Action log", "Forward plan", "Risk log"]
    assert body.meetings.changes_notice.startswith("Where changes to a planned meeting")
    assert {m.member_class.value for m in body.members} == {"core", "attendee"}
    assert body.substitution.max_named == 1 and body.substitution.notice.working_days == 2
    assert body.administration.papers.period.working_days == 5
    assert body.administration.minutes.period.weeks == 1 and body.administration.minutes_agreed_by == "chair"
    assert body.meetings.schedule_review.months == 6
    assert body.meetings.venue == "Plymouth Council House" and body.procedure.remote.allowed
    assert body.review.cadence.months == 6
    assert body.dissolution and "Leader and Cabinet" in body.dissolution.decided_by


def test_plymouth_deadlines_in_working_days(tree):
    body = tree.bodies["plymouth-improvement-board"]
    due = {d.kind: d for d in deadlines(body, dt.date(2027, 1, 5))}
    assert due["papers"].date == dt.date(2026, 12, 24) and due["papers"].basis == "working-days"
    assert due["substitute-notice"].date == dt.date(2026, 12, 31)
    assert due["minutes"].date == dt.date(2027, 1, 12) and due["minutes"].basis == "calendar"


def test_nothing_invented_where_seeds_are_silent(tree):
    quartet = tree.bodies["solihull-strategic-quartet"]
    assert quartet.voting.method == "not-stated" and quartet.administration.papers.period is None
    for body in tree.bodies.values():
        assert body.status == "not-stated"  # no seed states one
        assert body.meetings.pattern is None and body.meetings.dates == []  # no seed gives meeting days
