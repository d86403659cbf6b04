"""Verdicts that say only what the ToR and the law that governs the body say (issue 27): statute by legal basis,
the chair's decisions, a motion that falls, "cannot tell" (exit 4), and one attendance path for the meeting-day
commands. Every case runs through the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

EXAMPLES = ROOT / "docs" / "examples" / "bodies"
PARTNERSHIP = "example-partnership"
COUNCIL = "example-council-committee"
PARTNERSHIP_RECORD = EXAMPLES / "attendance" / PARTNERSHIP / "2027-02-03.yaml"
MINUTES_ONLY = EXAMPLES / "attendance" / PARTNERSHIP / "2027-03-03.yaml"


@pytest.fixture
def bodies(tmp_path: Path) -> Path:
    target = tmp_path / "bodies"
    shutil.copytree(EXAMPLES, target)
    return target


def ex(cli, *args: str, bodies: Path = EXAMPLES):
    return cli("--bodies", str(bodies), *args)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new))


# ---------------------------------------------------------------- statute only where it applies


def test_a_council_committee_cites_the_1972_act_and_a_partnership_cites_nothing(cli, bodies):
    council = bodies / f"{COUNCIL}.yaml"
    edit(council, "  majority: {of: present-and-voting}\n", "")
    edit(council, "  ties: casting-vote\n", "")
    result = ex(cli, "vote", COUNCIL, "--for", "3", "--against", "3", "--casting", "for", bodies=bodies)
    assert result.exit_code == 0, result.stdout
    assert "Local Government Act 1972 Sch. 12 para 39(1), applied to committees by para 44(1)" in result.stdout
    assert "Sch. 12 para 39(2), applied to committees by para 44(1)" in result.stdout  # the casting vote
    partnership = ex(cli, "vote", PARTNERSHIP, "--for", "3", "--against", "3", "--casting", "for", bodies=bodies)
    assert partnership.exit_code == 4 and partnership.stdout.startswith(
        "Example Safeguarding Children Partnership Executive: CANNOT TELL"
    )
    assert "no statute supplies one for a children's safeguarding partnership" in partnership.stdout
    assert "1972" not in partnership.stdout and "Localism" not in partnership.stdout
    assert "with the chair's casting vote for: carried" in partnership.stdout  # each reading is shown
    assert "read as a simple majority of those present and voting: not carried" in partnership.stdout


def test_the_law_sets_a_principal_councils_quorum_where_the_tor_is_silent(cli, bodies):
    council = bodies / f"{COUNCIL}.yaml"
    edit(council, "  kind: council-committee\n", "  kind: principal-council\n")
    text = council.read_text()
    start = text.index("quorum:\n  rule: fraction")
    end = text.index("\nvoting:")
    council.write_text(text[:start] + "quorum:\n  rule: not-stated\n" + text[end:])
    result = ex(cli, "check-quorum", COUNCIL, "-p", "chair", "-p", "member-3", "--format", "json", bodies=bodies)
    data = json.loads(result.stdout)
    # one quarter of the whole number of members (nine seats, the vacancy included): three; two are present
    assert data["answer"] == "not-quorate" and data["law"].endswith("(Local Government Act 1972 Sch. 12 para 6)")
    assert result.exit_code == 1
    three = ex(cli, "check-quorum", COUNCIL, "-p", "chair", "-p", "member-3", "-p", "member-4", bodies=bodies)
    assert three.exit_code == 0 and "Quorum (the ToR states none; the law for a principal council:" in three.stdout
    edit(council, "  kind: principal-council\n", "  kind: non-statutory\n")
    silent = ex(cli, "check-quorum", COUNCIL, "-p", "chair", "-p", "member-3", bodies=bodies)
    assert silent.exit_code == 4 and "NO QUORUM STATED — cannot tell" in silent.stdout
    assert "no statute supplies one for a non-statutory board" in silent.stdout


def test_an_interest_the_tor_does_not_rule_on_cites_the_localism_act_only_for_a_council(cli, bodies):
    council = bodies / f"{COUNCIL}.yaml"
    text = council.read_text()
    council.write_text(text[: text.index("  interests:")] + text[text.index("  remote:") :])
    args = ("check-quorum", COUNCIL, "-p", "chair", "-p", "member-3", "-p", "member-4", "-p", "member-5")
    interest = ("--item", "2", "--interest", "member-3:2")
    result = ex(cli, *args, *interest, bodies=bodies)
    assert "the law: a member with a disclosable pecuniary interest may not take part" in result.stdout
    assert "(Localism Act 2011 s.31(4))" in result.stdout
    partnership = ex(cli, "check-quorum", PARTNERSHIP, "-p", "la-dcs", "--item", "1", "--interest", "la-dcs:1")
    assert "Localism" not in partnership.stdout


# ---------------------------------------------------------------- the chair decides


def test_a_verdict_that_rests_on_the_chairs_decision_says_so(cli, bodies):
    result = ex(cli, "meeting", "check", str(PARTNERSHIP_RECORD))
    assert result.exit_code == 4
    assert "2027-02-03: 1 of 4 DEPEND on the chair's decision" in result.stdout
    assert (
        "DEPENDS ON THE CHAIR'S DECISION: the ToR leaves it to the chair whether Bo Bell (Head of Safeguarding), "
        "with a conflict of interest, may take part in the item" in result.stdout
    )
    data = json.loads(ex(cli, "meeting", "check", str(PARTNERSHIP_RECORD), "-f", "json").stdout)
    assert [i["answer"] for i in data["items"]] == ["valid", "valid", "valid", "depends-on-chair"]
    assert data["answer"] == "depends-on-chair"
    record = bodies / "attendance" / PARTNERSHIP / "2027-02-03.yaml"
    decided = "  - {about: interest, item: 4, person: Bo Bell, allowed: %s}\nitems:"
    edit(record, "items:", decided % "false")
    refused = ex(cli, "meeting", "check", str(record), bodies=bodies)
    assert refused.exit_code == 1 and "NOT VALID: Bo Bell (Head of Safeguarding) voted on item 4" in refused.stdout
    edit(record, "allowed: false}", "allowed: true}")
    assert ex(cli, "meeting", "check", str(record), bodies=bodies).exit_code == 0


def test_a_chairs_decision_on_an_item_the_record_does_not_list_is_a_finding(cli, bodies):
    record = bodies / "attendance" / PARTNERSHIP / "2027-02-03.yaml"
    edit(record, "item: 2, person: Di Dunn", "item: 9, person: Di Dunn")
    result = ex(cli, "validate", bodies=bodies)
    assert "error A012 the chair's decision names item '9', which the record does not list" in result.stdout


def test_no_quorum_left_to_the_chair_depends_on_the_recorded_decision(cli, bodies):
    body = bodies / f"{PARTNERSHIP}.yaml"
    text = body.read_text()
    start, end = text.index("quorum:\n  rule: represented"), text.index("\nvoting:")
    body.write_text(
        text[:start] + "quorum:\n  rule: none\n  reason: The chair decides.\n  decided_by: chair\n" + text[end:]
    )
    forecast = ex(cli, "check-quorum", PARTNERSHIP, "--forecast", "-f", "json", bodies=bodies)
    assert forecast.exit_code == 4 and json.loads(forecast.stdout)["answer"] == "depends-on-chair"
    record = bodies / "attendance" / PARTNERSHIP / "2027-02-03.yaml"
    result = ex(cli, "meeting", "check", str(record), bodies=bodies)
    assert result.exit_code == 4 and "the ToR leaves it to the chair whether the meeting goes ahead" in result.stdout
    edit(record, "chair_decisions:", "chair_decisions:\n  - {about: quorum, allowed: false}")
    refused = ex(cli, "meeting", "check", str(record), bodies=bodies)
    assert refused.exit_code == 1 and "the chair decided there were not sufficient members" in refused.stdout


def test_a_tie_waits_on_the_chairs_casting_vote_unless_the_minutes_say(cli, bodies):
    result = ex(cli, "vote", COUNCIL, "--for", "3", "--against", "3", "-f", "json", bodies=bodies)
    assert result.exit_code == 4 and json.loads(result.stdout)["answer"] == "depends-on-chair"
    record = bodies / "attendance" / COUNCIL / "2027-01-12.yaml"
    edit(record, "vote: {for: 2, against: 2, abstain: 1, casting: for}", "vote: {for: 2, against: 2, abstain: 1}")
    data = json.loads(ex(cli, "meeting", "check", str(record), "-f", "json", bodies=bodies).stdout)
    assert data["items"][1]["answer"] == "depends-on-chair"
    edit(
        record,
        "      vote: {for: 2, against: 2, abstain: 1}",
        "      outcome: lost\n      vote: {for: 2, against: 2, abstain: 1}",
    )
    data = json.loads(ex(cli, "meeting", "check", str(record), "-f", "json", bodies=bodies).stdout)
    assert data["items"][1]["answer"] == "valid"


# ---------------------------------------------------------------- a motion that falls


def test_a_lost_motion_is_validly_taken_and_exits_0(cli, bodies):
    record = bodies / "attendance" / PARTNERSHIP / "2027-02-03.yaml"
    text = record.read_text()
    record.write_text(text[: text.index("  - number: 4")])  # the item that waits on the chair, left out
    result = ex(cli, "meeting", "check", str(record), bodies=bodies)
    assert result.exit_code == 0, result.stdout
    assert "all 3 decisions validly taken" in result.stdout
    assert "note: the motion was put and lost: a decision validly taken (not carried)" in result.stdout
    data = json.loads(ex(cli, "meeting", "check", str(record), "-f", "json", bodies=bodies).stdout)
    assert data["not_valid"] == 0 and data["lost"] == 1 and data["items"][2]["decision"]["outcome"] == "lost"


def test_a_recorded_outcome_that_contradicts_the_counts_is_a_finding(cli, bodies):
    record = bodies / "attendance" / PARTNERSHIP / "2027-02-03.yaml"
    edit(record, "outcome: lost", "outcome: carried")
    assert (
        "warning A011 item 3: the record says the motion was carried, but the vote gives lost"
        in ex(cli, "validate", bodies=bodies).stdout
    )
    data = json.loads(ex(cli, "meeting", "check", str(record), "-f", "json", bodies=bodies).stdout)
    assert data["items"][2]["answer"] == "cannot-tell"


# ---------------------------------------------------------------- cannot tell


def test_a_record_without_votes_or_declarations_cannot_tell(cli):
    result = ex(cli, "meeting", "check", str(MINUTES_ONLY))
    assert result.exit_code == 4
    assert "CANNOT TELL: the record does not say who declared an interest" in result.stdout
    data = json.loads(ex(cli, "meeting", "check", str(MINUTES_ONLY), "-f", "json").stdout)
    assert data["answer"] == "cannot-tell" and data["cannot_tell"] == 1 and data["not_valid"] == 0
    item = ex(cli, "check-quorum", "--attendance", str(MINUTES_ONLY), "--item", "1", "-f", "json")
    assert item.exit_code == 4 and json.loads(item.stdout)["answer"] == "cannot-tell"


def test_the_quartet_states_no_quorum_so_cannot_tell_exits_4(cli):
    result = cli("check-quorum", "solihull-strategic-quartet", "-p", "leader", "-f", "json")
    assert result.exit_code == 4 and json.loads(result.stdout)["answer"] == "cannot-tell"
    assert cli("check-quorum", "solihull-lscp", "--forecast").exit_code == 0  # a quorum stated and met: still 0


def test_exit_4_is_documented():
    from torctl.errors import EXIT_CANNOT_TELL

    readme = (ROOT / "README.md").read_text()
    assert EXIT_CANNOT_TELL == 4 and "| `4` | no definite answer" in readme


# ---------------------------------------------------------------- meeting-day defects


def test_check_quorum_meeting_check_and_attendance_agree_on_a_remote_substitute(cli, bodies):
    council = bodies / f"{COUNCIL}.yaml"
    edit(
        council,
        "  who: none\n  text: Substitutes are not permitted on the Licensing Committee.\n",
        "  who: same-agency\n",
    )
    record = bodies / "attendance" / COUNCIL / "2027-02-09.yaml"
    record.write_text(
        "body: example-council-committee\ndate: 2027-02-09\npresent: [chair, member-3]\n"
        "substitutes:\n  - {name: Jo Bloggs, for: member-4, remote: true}\n"
        "items:\n  - number: 1\n    title: Fees\n    decision: {text: Agreed., vote: {for: 2, against: 0}}\n"
    )
    quorum = ex(cli, "check-quorum", "--attendance", str(record), bodies=bodies)
    assert quorum.exit_code == 1 and "NOT QUORATE" in quorum.stdout.splitlines()[0]
    assert "Jo Bloggs (for Committee member): attended remotely: does not count toward quorum" in quorum.stdout
    check = ex(cli, "meeting", "check", str(record), bodies=bodies)
    assert check.exit_code == 1 and "NOT QUORATE" in check.stdout
    report = json.loads(ex(cli, "attendance", COUNCIL, "-f", "json", bodies=bodies).stdout)
    assert [m["quorate"] for m in report["meetings"] if m["date"] == "2027-02-09"] == [False]
    by_option = ex(
        cli,
        "check-quorum",
        COUNCIL,
        "-p",
        "chair",
        "-p",
        "member-3",
        "--remote",
        "Jo Bloggs for member-4",
        bodies=bodies,
    )
    assert by_option.exit_code == 1 and "NOT QUORATE" in by_option.stdout.splitlines()[0]


def test_a_partnership_that_counts_video_attendance_counts_the_remote_deputy(cli):
    result = ex(cli, "check-quorum", "--attendance", str(PARTNERSHIP_RECORD), "-f", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and data["answer"] == "quorate"
    assert "Gus Grey" in [s["person"] for s in data["counted"]]
    assert not [a for a in data["absent"] if a["post"] == "police-supt"]


def test_a_bad_remote_form_is_a_clear_usage_error(cli):
    result = ex(cli, "check-quorum", PARTNERSHIP, "-p", "la-dcs", "--remote", "Gus Grey fro police-supt")
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert "--remote takes a member (post id, holder name or role), or 'NAME for MEMBER'" in result.stderr
    vote = ex(cli, "vote", PARTNERSHIP, "--for", "2", "--against", "0", "--remote", "nobody for nothing")
    assert vote.exit_code == 2 and "--remote 'nobody for nothing'" in vote.stderr


def test_vote_refuses_votes_from_those_who_may_not_vote(cli):
    args = ("vote", COUNCIL, "--for", "4", "--against", "0", "-p", "chair", "-p", "member-3", "-p", "member-4")
    result = ex(cli, *args, "--remote", "member-5")
    assert result.exit_code == 2
    assert (
        "4 votes and abstentions, but only 3 of those present may vote; may not vote: Cllr Eve Evans" in result.stderr
    )
    observer = ex(cli, *args, "--observer", "A visitor")
    assert observer.exit_code == 2 and "A visitor: observer: not a member of the body" in observer.stderr


def test_a_named_vote_by_an_observer_is_a_finding_and_not_valid(cli, bodies):
    record = bodies / "attendance" / COUNCIL / "2027-01-12.yaml"
    edit(record, "for: [Cllr Ann Archer, Cllr Ben Baker, Cllr Gita Gill]", "for: [Cllr Ann Archer, Legal Adviser]")
    assert (
        "Legal Adviser voted on item 3 but is an observer, not a member of the body"
        in ex(cli, "validate", bodies=bodies).stdout
    )
    result = ex(cli, "meeting", "check", str(record), bodies=bodies)
    assert "NOT VALID: Legal Adviser voted on item 3 but is an observer" in result.stdout


def test_vote_kind_quotes_the_special_majoritys_own_words(cli):
    args = ("vote", COUNCIL, "--for", "5", "--against", "1", "--kind", "change-tor")
    present = [a for p in ("chair", "vice-chair", "member-3", "member-4", "member-5", "member-6") for a in ("-p", p)]
    result = ex(cli, *args, *present)
    assert result.exit_code == 0
    assert "The ToR: A recommendation to change these terms of reference needs two-thirds of the members present." in (
        result.stdout
    )
    assert "Any matter will be decided by a simple majority" not in result.stdout


def test_plymouth_takes_no_decisions_and_its_consensus_covers_membership(cli, tmp_path):
    result = cli("vote", "plymouth-improvement-board", "--for", "2", "--against", "0")
    assert result.exit_code == 2
    assert "this body does not take decisions itself" in result.stderr
    assert "consensus only for agreeing any replacement member or additional member" in result.stderr


def test_check_quorum_shows_the_readings_on_the_posts_it_counts(cli):
    result = cli(
        "check-quorum",
        "solihull-lscp",
        "-p",
        "dcs",
        "-p",
        "arg-chair",
        "-p",
        "ccg-chief-nurse",
        "-p",
        "borough-commander",
    )
    assert result.exit_code == 0
    assert "Reading: Chair of Assurance and Review Group [arg-chair]: The ARG's ToR names its chair" in result.stdout


def test_someone_who_arrives_late_must_be_listed_as_present(cli, bodies):
    record = bodies / "attendance" / PARTNERSHIP / "2027-02-03.yaml"
    edit(record, "  - number: 2\n", "  - number: 2\n    arrived: [Flo Fox]\n")
    edit(record, "apologies: [Flo Fox]\n", "")
    result = ex(cli, "meeting", "check", str(record), bodies=bodies)
    assert result.exit_code == 2
    assert "list everyone who attended at any point under present (or remote, or substitutes)" in result.stderr
