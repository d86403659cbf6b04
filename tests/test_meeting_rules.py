"""Meeting-day rules (issue 11): interests, remote attendance, majorities and casting votes, meeting records, clear days.

Through the CLI on the eight real bodies (where every such rule is "not stated", so
verdicts say what they assumed) and on the two example bodies in docs/examples,
which state them; and through the core, with hypothesis properties.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from torctl.calendar.workdays import clear_days_before
from torctl.data.load import load_tree
from torctl.model import Period
from torctl.model.decisions import Majority, Voting
from torctl.rules.attendance import resolve, written
from torctl.rules.meeting import item_seats
from torctl.rules.procedure import interest_effect, remote_effect
from torctl.rules.quorum import evaluate
from torctl.rules.voting import VoteError, decide, needed

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples" / "bodies"
COUNCIL = "example-council-committee"
SCHOOL = "example-school-governing-body"
COUNCIL_RECORD = EXAMPLES / "attendance" / COUNCIL / "2027-01-12.yaml"
SCHOOL_RECORD = EXAMPLES / "attendance" / SCHOOL / "2027-01-20.yaml"
SSCP = "solihull-sscp-executive"


@pytest.fixture(scope="module")
def examples():
    tree = load_tree(EXAMPLES)
    assert not [f for f in tree.findings if f.severity == "error"], tree.findings
    return tree


@pytest.fixture
def example_dir(tmp_path: Path) -> Path:
    target = tmp_path / "bodies"
    shutil.copytree(EXAMPLES, target)
    return target


def ex(cli, *args: str, bodies: Path = EXAMPLES):
    return cli("--bodies", str(bodies), *args)


# ---------------------------------------------------------------- the model


def test_periods_take_minutes_hours_and_clear_days():
    assert Period.model_validate({"minutes": 15}).human() == "15 minutes"
    assert Period.model_validate({"hours": 1}).human() == "1 hour"
    assert Period.model_validate({"clear_days": 5}).human() == "5 clear days"
    with pytest.raises(ValidationError, match="give one unit, not clear_days and hours"):
        Period.model_validate({"clear_days": 5, "hours": 2})


def test_an_unquoted_time_is_refused_at_its_line(example_dir, cli):
    path = example_dir / f"{COUNCIL}.yaml"
    path.write_text(path.read_text().replace('time: "12:00"', "time: 12:00"))
    result = ex(cli, "validate", bodies=example_dir)
    assert result.exit_code == 1
    assert "example-council-committee.yaml:131:11: error S003" in result.stdout
    assert "in quotes, like '12:00' (unquoted, YAML reads 12:00 as the number 720)" in result.stdout


def test_a_misspelt_rule_gets_did_you_mean(example_dir, cli):
    path = example_dir / f"{COUNCIL}.yaml"
    path.write_text(path.read_text().replace("  ties: casting-vote", "  tie: casting-vote"))
    result = ex(cli, "validate", bodies=example_dir)
    assert result.exit_code == 1
    assert "unknown field 'tie' (did you mean 'ties'?)" in result.stdout


def test_the_eight_bodies_state_none_of_the_new_rules(tree):
    for body in tree.bodies.values():
        assert body.procedure.interests is None and body.procedure.inquorate is None
        # Plymouth's "Virtual attendance will be enabled" is the only remote rule, and it says nothing more
        remote = body.procedure.remote
        assert remote is None or (remote.counts_for_quorum is None and remote.may_vote is None)
        assert body.voting.majority is None and body.voting.ties is None and not body.voting.special_majorities


# ---------------------------------------------------------------- majority arithmetic


@pytest.mark.parametrize(
    ("share", "base", "need"),
    [
        ((1, 2, "more-than"), 28, 15),
        ((1, 2, "more-than"), 29, 15),
        ((2, 3, "at-least"), 15, 10),
        ((2, 3, "at-least"), 14, 10),
        ((1, 2, "more-than"), 0, 1),
        ((1, 1, "at-least"), 7, 7),
    ],
)
def test_votes_needed(share, base, need):
    n, d, bound = share
    assert needed(Majority(of="present-and-voting", numerator=n, denominator=d, bound=bound), base) == need


def test_a_tie_and_the_casting_vote():
    voting = Voting(method="one-per-member", ties="casting-vote")
    carried = decide(voting, 14, 14, casting="for")
    assert carried.carried and carried.summary.startswith(
        "14 for, 14 against: a tie; the chair's casting vote for: carried"
    )
    assert decide(voting, 14, 14, casting="against").answer == "lost"
    waiting = decide(voting, 14, 14)  # a casting vote exists but none is given: it rests on the chair
    assert waiting.answer == "depends-on-chair" and waiting.carried is None
    assert decide(voting, 14, 14, casting="declined").answer == "lost"  # the chair decided not to use it
    must = Voting(method="one-per-member", ties="casting-vote", casting="must")
    assert decide(must, 14, 14).answer == "cannot-tell"  # the ToR says the chair must; the record lacks it
    silent = decide(Voting(method="one-per-member", majority={"of": "present-and-voting"}), 14, 14, casting="for")
    assert silent.answer == "cannot-tell" and silent.carried is None  # no casting vote stated, no law: readings differ
    assert any("the ToR does not state a casting vote, and no statute" in a for a in silent.assumptions)
    assert any("with the chair's casting vote for: carried" in r for r in silent.readings)


def test_impossible_votes_are_refused():
    voting = Voting(method="one-per-member")
    with pytest.raises(VoteError, match="not a tie"):
        decide(voting, 3, 2, casting="for")
    with pytest.raises(VoteError, match="6 votes and abstentions, but only 5 voters present"):
        decide(voting, 3, 2, 1, voters_present=5)
    with pytest.raises(VoteError, match="consensus"):
        decide(Voting(method="consensus"), 1, 0)


def test_abstentions_counted_against():
    voting = Voting(method="one-per-member", abstentions="count-against")
    stated = {"of": "present-and-voting"}
    assert not decide(
        voting.model_copy(update={"majority": Voting(method="one-per-member", majority=stated).majority}), 5, 3, 3
    ).carried
    assert decide(Voting(method="one-per-member", abstentions="not-cast", majority=stated), 5, 3, 3).carried


# ---------------------------------------------------------------- torctl vote


def test_vote_on_a_real_body_says_what_it_assumed(cli):
    result = cli("vote", SSCP, "--for", "3", "--against", "2")
    assert result.exit_code == 4  # no majority stated, no statute for a body whose legal basis is not recorded
    assert result.stdout.splitlines()[:2] == [
        "SSCP Executive Group: CANNOT TELL",
        "3 for, 2 against: cannot tell: the readings differ",
    ]
    assert "read as a simple majority of those present and voting: carried (3 of 5 needed, 3 for)" in result.stdout
    assert "if all 11 voting members were present: not carried" in result.stdout
    assert "1972" not in result.stdout and "Localism" not in result.stdout
    five = [a for p in ("dcs", "icb-dsp", "police-dsp", "ad-safeguarding", "director-public-health") for a in ("-p", p)]
    settled = cli("vote", SSCP, "--for", "3", "--against", "2", *five)  # both readings carry it
    assert settled.exit_code == 0 and settled.stdout.startswith("SSCP Executive Group: CARRIED")


def test_vote_exit_codes(cli):
    assert ex(cli, "vote", COUNCIL, "--for", "3", "--against", "3", "--casting", "for").exit_code == 0
    waits = ex(cli, "vote", COUNCIL, "--for", "3", "--against", "3")
    assert waits.exit_code == 4 and "the chair has a casting vote and none is given" in waits.stdout
    lost = ex(cli, "vote", COUNCIL, "--for", "3", "--against", "4")
    assert lost.exit_code == 1
    special = ex(
        cli,
        "vote",
        COUNCIL,
        "--for",
        "5",
        "--against",
        "3",
        "--kind",
        "change-tor",
        "-p",
        "chair",
        "-p",
        "vice-chair",
        "-p",
        "member-3",
        "-p",
        "member-4",
        "-p",
        "member-5",
        "-p",
        "member-6",
        "-p",
        "member-7",
        "-p",
        "member-8",
    )
    assert special.exit_code == 1
    assert "at least two-thirds of the voting members present (for a recommendation to Council" in special.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((COUNCIL, "--for", "3", "--against", "2", "--casting", "for"), "a casting vote is used only on equal votes"),
        (
            (COUNCIL, "--for", "3", "--against", "2", "--kind", "change-tr"),
            "no majority for decisions of kind 'change-tr' (did you mean 'change-tor'?)",
        ),
        (
            (COUNCIL, "--for", "3", "--against", "2", "-p", "chair", "-p", "member-3"),
            "5 votes and abstentions, but only 2 of those present may vote",
        ),
        ((COUNCIL, "--for", "9", "--against", "1"), "10 votes and abstentions, but only 9 voting posts"),
        (
            (COUNCIL, "--for", "3", "--against", "2", "-p", "nobody"),
            "no member of example-council-committee matches 'nobody'",
        ),
        (
            (COUNCIL, "--for", "-1", "--against", "2"),
            "Invalid value for '--for': Input should be greater than or equal to 0",
        ),
    ],
)
def test_vote_bad_input(cli, args, message):
    result = ex(cli, "vote", *args)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_vote_on_a_consensus_body(cli):
    result = cli("vote", "plymouth-improvement-board", "--for", "3", "--against", "1")
    assert result.exit_code == 2
    assert "the ToR says this body does not take decisions itself" in result.stderr
    assert "the ToR states consensus only for agreeing any replacement member or additional member" in result.stderr
    assert "the ToR says decisions are by consensus" not in result.stderr


def test_vote_json(cli):
    data = json.loads(
        ex(cli, "vote", COUNCIL, "--for", "4", "--against", "4", "--casting", "against", "-f", "json").stdout
    )
    assert data["carried"] is False and data["tie"] is True and data["casting"] == "against" and data["needed"] == 5


# ---------------------------------------------------------------- check-quorum --item / --interest / --remote


def test_an_interest_stops_a_member_counting_for_the_item(cli):
    result = cli(
        "check-quorum", SSCP, "-p", "dcs", "-p", "icb-dsp", "-p", "police-dsp", "--item", "3", "--interest", "dcs:3"
    )
    assert result.exit_code == 1
    assert result.stdout.startswith("SSCP Executive Group, item 3: NOT QUORATE")
    assert (
        "  - Director of Children's Services (DSP): declared an interest in this item: does not count toward quorum and may not vote"
        in result.stdout
    )
    assert "the ToR does not state what a declared interest does, and no statute supplies one" in result.stdout
    assert "Localism" not in result.stdout
    # The same people, without the interest: quorate, and output exactly as before this feature.
    plain = cli("check-quorum", SSCP, "-p", "dcs", "-p", "icb-dsp", "-p", "police-dsp")
    assert plain.exit_code == 0 and "Stopped" not in plain.stdout and "Assumed" not in plain.stdout


def test_remote_attendance_follows_the_tor(cli):
    council = ex(cli, "check-quorum", COUNCIL, "-p", "chair", "-p", "member-3", "--remote", "member-4", "-f", "json")
    data = json.loads(council.stdout)
    assert council.exit_code == 1 and data["quorate"] is False
    assert data["stopped_counting"][0]["reason"] == "attended remotely: does not count toward quorum and may not vote"
    assert data["assumptions"] == []
    school = ex(
        cli,
        "check-quorum",
        SCHOOL,
        "-p",
        "headteacher",
        "-p",
        "co-opted-1",
        "-p",
        "staff-governor",
        "--remote",
        "co-opted-2",
    )
    assert school.exit_code == 0 and "Stopped" not in school.stdout


def test_dispensation_and_kinds(cli):
    base = ("check-quorum", COUNCIL, "-p", "chair", "-p", "vice-chair", "-p", "member-3", "--item", "Budget")
    assert ex(cli, *base, "--interest", "member-3:Budget:disclosable-pecuniary").exit_code == 1
    assert ex(cli, *base, "--interest", "member-3:Budget:disclosable-pecuniary:dispensation").exit_code == 0


def test_an_item_of_the_record(cli):
    result = ex(cli, "check-quorum", "--attendance", str(COUNCIL_RECORD), "--item", "4")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "Example Borough Council Licensing Committee on 2027-01-12, item 4 (Review of the committee's terms of reference): QUORATE"
    )
    assert "  - Cllr Finn Ford (Committee member): left before item 4" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--interest", "dcs:3"), "--interest needs --item"),
        (("--item", "3", "--interest", "dcs:4"), "item '4' is not the item judged (item 3)"),
        (("--item", "3", "--interest", "nobody:3"), "no member of solihull-sscp-executive matches 'nobody'"),
        (("--item", "3", "--interest", "police-dsp:3"), "is not recorded as attending this meeting"),
        (("--item", "3", "--interest", ":3"), "write it as 'PERSON:ITEM'"),
        (("--remote", "nobody"), "--remote 'nobody': no member of solihull-sscp-executive matches 'nobody'"),
    ],
)
def test_item_bad_input(cli, args, message):
    result = cli("check-quorum", SSCP, "-p", "dcs", "-p", "icb-dsp", *args)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_unknown_item_and_kind(cli):
    result = ex(cli, "check-quorum", "--attendance", str(COUNCIL_RECORD), "--item", "9")
    assert result.exit_code == 2 and "--item '9': no such item in the record" in result.stderr
    result = ex(cli, "check-quorum", COUNCIL, "-p", "chair", "--item", "1", "--interest", "chair:1:pecuniary")
    assert result.exit_code == 2 and "the ToR names no interest of kind 'pecuniary'" in result.stderr


# ---------------------------------------------------------------- torctl meeting check


def test_meeting_check_item_by_item(cli):
    result = ex(cli, "meeting", "check", str(COUNCIL_RECORD))
    assert result.exit_code == 1
    out = result.stdout
    assert out.startswith(
        "Example Borough Council Licensing Committee, meeting on 2027-01-12: 1 of 4 decisions NOT validly taken"
    )
    assert "vote: 2 for, 2 against, 1 abstaining: a tie; the chair's casting vote for: carried" in out
    assert "NOT VALID: Cllr Gita Gill (Committee member) voted on item 3 but may not: attended remotely" in out
    assert "note: the motion was put and lost: a decision validly taken (not carried)" in out  # item 4: lost, valid


def test_meeting_check_valid_meeting_and_json(cli):
    result = ex(cli, "meeting", "check", str(SCHOOL_RECORD), "-f", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["valid"] is True and data["decisions"] == 2
    item = data["items"][1]
    assert item["stopped_counting"] == [
        {
            "person": "Sam Shaw (Staff governor)",
            "reason": "declared a conflict of interest in this item: does not count toward quorum and may not vote",
        }
    ]
    assert item["decision"]["vote"]["casting"] == "for"


def test_validity_note_markdown_and_pdf(cli, tmp_path):
    md = ex(cli, "meeting", "check", str(COUNCIL_RECORD), "-f", "md")
    assert md.exit_code == 1
    assert md.stdout.startswith(
        "# Validity note: Example Borough Council Licensing Committee, meeting of 12 January 2027"
    )
    assert "## Item 3: Street trading policy" in md.stdout
    pdf = tmp_path / "note.pdf"
    result = ex(cli, "meeting", "check", str(COUNCIL_RECORD), "-f", "pdf", "-o", str(pdf))
    assert result.exit_code == 1 and pdf.read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    assert "Street trading policy" in "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert ex(cli, "meeting", "check", str(COUNCIL_RECORD), "-f", "pdf").exit_code == 2


def write(example_dir: Path, body: str, name: str, text: str) -> Path:
    path = example_dir / "attendance" / body / name
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "body: example-council-committee\ndate: 2027-01-13\npresent: [chair]\n",
            "had no meeting on 2027-01-13 (its pattern FREQ=MONTHLY;BYDAY=+2TU gives 2027-02-09)",
        ),
        (
            "body: example-school-governing-body\ndate: 2027-01-21\npresent: [headteacher]\n",
            "had no meeting on 2027-01-21 (the ToR's meeting dates: 2027-01-20, 2027-03-17)",
        ),
        (
            "body: example-council-committee\ndate: 2027-01-12\npresent: [chair]\nitems:\n  - number: 1\n    title: A\n    declarations: [{person: Cllr Nobody}]\n",
            ":7:29: no member of example-council-committee matches 'Cllr Nobody'",
        ),
        (
            "body: example-council-committee\ndate: 2027-01-12\npresent: [chair, member-3]\nitems:\n  - number: 1\n    title: A\n    decision: {text: x, vote: {for: 2, against: 1}}\n",
            "item 1: 3 votes and abstentions, but only 2 voters present",
        ),
        (
            "body: example-council-committee\ndate: 2027-01-12\npresent: [chair]\nitems:\n  - number: 1\n    title: A\n    declarations: [{person: chair, kind: dpi}]\n",
            "the ToR names no interest of kind 'dpi'",
        ),
        (
            "body: example-council-committee\ndate: 2027-01-12\npresent: [chair]\nitems:\n  - {number: 1, title: A}\n  - {number: 1, title: B}\n",
            "item 1 is listed twice",
        ),
        (
            "body: example-council-committee\ndate: 2027-01-12\npresent: [chair]\nitems:\n  - number: 1\n    title: A\n    decision: {text: x, vote: {named: {for: [member-3]}}}\n",
            "'member-3' (member-3 (Committee member, Cllr Cara Cole)) is not recorded as attending this meeting",
        ),
        (
            "body: example-council-committee\ndate: 2027-01-12\npresent: [chair]\nitems:\n  - number: 1\n    title: A\n    decision: {text: x, vote: {for: -1, against: 0}}\n",
            "greater than or equal to 0",
        ),
    ],
)
def test_meeting_check_bad_records(cli, example_dir, text, message):
    path = write(example_dir, COUNCIL if COUNCIL in text else SCHOOL, "bad.yaml", text)
    result = ex(cli, "meeting", "check", str(path), bodies=example_dir)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_meeting_check_missing_file(cli):
    result = ex(cli, "meeting", "check", "no-such-record.yaml")
    assert result.exit_code == 2 and "no meeting record at 'no-such-record.yaml'" in result.stderr


def test_inquorate_start_adjourns(cli, example_dir):
    text = COUNCIL_RECORD.read_text().replace('start: "18:30"', 'start: "18:30"\nquorate_at: "18:50"')
    path = write(example_dir, COUNCIL, "2027-01-12.yaml", text)
    result = ex(cli, "meeting", "check", str(path), bodies=example_dir)
    assert result.exit_code == 1
    assert "all" not in result.stdout.splitlines()[0] and "4 of 4 decisions NOT validly taken" in result.stdout
    assert "the meeting was not quorate until 18:50, 20 minutes after its start at 18:30" in result.stdout


def test_validate_checks_meeting_records(cli, example_dir):
    result = ex(cli, "validate", bodies=example_dir)
    assert result.exit_code == 0
    assert (
        "2027-01-12.yaml:28:50: warning A008 Cllr Gita Gill (Committee member) voted on item 3 but may not"
        in result.stdout
    )
    write(
        example_dir,
        COUNCIL,
        "bad.yaml",
        "body: example-council-committee\ndate: 2027-02-09\npresent: [chair]\nremote: [nobody]\n",
    )
    result = ex(cli, "validate", bodies=example_dir)
    assert (
        result.exit_code == 1
        and "bad.yaml:4:10: error A002 no member of example-council-committee matches 'nobody'" in result.stdout
    )


def test_existing_attendance_records_stay_valid(cli, scratch):
    path = scratch / "attendance" / SSCP / "2024-01-09.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(f"body: {SSCP}\ndate: 2024-01-09\npresent: [dcs, icb-dsp, police-dsp]\n")
    assert cli("--bodies", str(scratch), "validate").exit_code == 0
    result = cli("--bodies", str(scratch), "meeting", "check", str(path))
    assert result.exit_code == 0 and "no decisions recorded" in result.stdout


# ---------------------------------------------------------------- clear days and times


def test_clear_days():
    meeting = dt.date(2027, 1, 12)  # a Tuesday
    assert clear_days_before(meeting, 5, "every-day") == dt.date(2027, 1, 6)
    assert clear_days_before(meeting, 5, "excluding-weekends-and-bank-holidays") == dt.date(2027, 1, 4)
    # Over New Year: 1 January 2027 (a Friday) is a bank holiday, and counts only where bank holidays do.
    assert clear_days_before(dt.date(2027, 1, 5), 3, "excluding-weekends") == dt.date(2026, 12, 30)
    assert clear_days_before(dt.date(2027, 1, 5), 3, "excluding-weekends-and-bank-holidays") == dt.date(2026, 12, 29)
    # Sent on a day that counts: the day before the clear days here is the Boxing Day substitute, so it moves back.
    assert clear_days_before(dt.date(2027, 1, 4), 3, "excluding-weekends-and-bank-holidays") == dt.date(2026, 12, 24)


def test_deadlines_say_which_clear_days_rule(cli):
    council = ex(cli, "deadlines", COUNCIL, "--meeting", "2027-01-12", "-f", "json")
    papers = json.loads(council.stdout)["deadlines"][0]
    assert papers["date"] == "2027-01-04" and papers["time"] == "12:00" and papers["basis"] == "clear-days"
    assert papers["counted"].endswith("weekends and bank holidays do not count (the ToR's rule)")
    school = json.loads(ex(cli, "deadlines", SCHOOL, "--meeting", "2027-01-20", "-f", "json").stdout)["deadlines"][0]
    assert school["date"] == "2027-01-08"
    assert (
        "the ToR does not say whether weekends and bank holidays count, so they were not counted" in school["counted"]
    )


def test_deadlines_of_real_bodies_unchanged(cli):
    data = json.loads(cli("deadlines", "plymouth-improvement-board", "--meeting", "2027-01-05", "-f", "json").stdout)
    assert all(set(d) == {"kind", "date", "basis", "bound", "rule", "text"} for d in data["deadlines"])


# ---------------------------------------------------------------- render and diff


def test_render_states_the_rules(cli):
    md = ex(cli, "render", COUNCIL, "-f", "md", "-o", "-").stdout
    assert (
        "- **Equal votes:** On equal votes the chair has a second or casting vote. The chair also has an ordinary vote."
        in md
    )
    assert (
        "- **Remote attendance:** A member attending remotely does not count toward the quorum and may not vote." in md
    )
    assert "- **If not quorate:** The meeting is adjourned if still inquorate 15 minutes after the start." in md
    school = ex(cli, "render", SCHOOL, "-f", "md", "-o", "-").stdout
    assert "- **If not quorate:** The terms of reference do not say what happens if a meeting is not quorate." in school


def test_diff_flags_weakening(cli, tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(EXAMPLES, old)
    shutil.copytree(EXAMPLES, new)
    path = new / f"{COUNCIL}.yaml"
    text = path.read_text()
    text = text.replace(
        "    allowed: true\n    counts_for_quorum: false", "    allowed: true\n    counts_for_quorum: true"
    )
    text = text.replace(
        "majority: {of: present, numerator: 2, denominator: 3, bound: at-least}", "majority: {of: present-and-voting}"
    )
    text = text.replace(
        "      - kind: disclosable-pecuniary\n        leaves_room: true\n        counts_for_quorum: false",
        "      - kind: disclosable-pecuniary\n        leaves_room: true\n        counts_for_quorum: true",
    )
    path.write_text(text)
    result = cli("diff", str(old), str(new), "--fail-on-weakening")
    assert result.exit_code == 1
    out = result.stdout
    assert "! Weakens governance (voting): a lower majority for change-tor" in out
    assert "! Weakens governance (meeting procedure): remote attendees count toward quorum, where they were not" in out
    assert (
        "! Weakens governance (meeting procedure): a member with a disclosable pecuniary interest now counts toward quorum"
        in out
    )


def test_diff_majority_raised_is_not_weakening(cli, tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(EXAMPLES, old)
    shutil.copytree(EXAMPLES, new)
    path = new / f"{SCHOOL}.yaml"
    path.write_text(path.read_text().replace("  majority: {of: present-and-voting}", "  majority: {of: membership}"))
    result = cli("diff", str(old), str(new), "--fail-on-weakening")
    assert result.exit_code == 0
    assert (
        "Majority: a simple majority of those present and voting → a simple majority of the voting membership (vacancies left out)"
        in result.stdout
    )


# ---------------------------------------------------------------- properties


BODY_NAMES = sorted(
    ["solihull-sscp-executive", "sefton-improvement-board", "solihull-lscp", "solihull-arg", COUNCIL, SCHOOL]
)


def _body(tree, examples, name):
    return (examples if name in examples.bodies else tree).bodies[name]


@settings(max_examples=60, deadline=None)
@given(name=st.sampled_from(BODY_NAMES), data=st.data())
def test_an_extra_member_never_makes_a_met_quorum_unmet(tree, examples, name, data):
    source = examples if name in examples.bodies else tree
    body = source.bodies[name]
    posts = [m.id for m in body.members if not m.is_vacant]
    present = data.draw(st.lists(st.sampled_from(posts), unique=True))
    extra = data.draw(st.sampled_from(posts))
    if evaluate(body, source.agencies, present).satisfied:
        assert evaluate(body, source.agencies, sorted({*present, extra})).satisfied


VOTINGS = [
    Voting(method="one-per-member"),
    Voting(method="one-per-member", ties="casting-vote", abstentions="count-against"),
    Voting(method="one-per-member", majority=Majority(of="present", numerator=2, denominator=3, bound="at-least")),
    Voting(method="one-per-member", majority=Majority(of="membership", numerator=1, denominator=2)),
]


@settings(max_examples=150, deadline=None)
@given(
    voting=st.sampled_from(VOTINGS),
    votes_for=st.integers(0, 20),
    against=st.integers(0, 20),
    abstain=st.integers(0, 5),
    casting=st.sampled_from([None, "for"]),
)
def test_an_extra_vote_for_never_loses_a_carried_decision(voting, votes_for, against, abstain, casting):
    casting = casting if votes_for == against else None
    sizes = {"voters_present": 60, "membership": 40, "whole_membership": 60}
    try:
        before = decide(voting, votes_for, against, abstain, casting=casting, **sizes)
    except VoteError:
        return
    after = decide(
        voting, votes_for + 1, against, abstain, casting=casting if votes_for + 1 == against else None, **sizes
    )
    if before.carried:
        assert after.carried


@settings(max_examples=60, deadline=None)
@given(name=st.sampled_from(BODY_NAMES), data=st.data())
def test_a_member_with_a_disqualifying_interest_never_counts_for_the_item(tree, examples, name, data):
    source = examples if name in examples.bodies else tree
    body = source.bodies[name]
    posts = [m.id for m in body.members if not m.is_vacant]
    present = data.draw(st.lists(st.sampled_from(posts), min_size=1, unique=True))
    attendance, problems = resolve(body, source.agencies, present=written("present", present))
    assert not problems
    kinds = [k.kind for k in body.procedure.interests.kinds] if body.procedure.interests else [None]
    declarer = data.draw(st.sampled_from(attendance.seats))
    effect = interest_effect(body, data.draw(st.sampled_from(kinds)), dispensation=data.draw(st.booleans()))
    remote = data.draw(st.sampled_from(attendance.seats))
    seats = item_seats(body, source.agencies, attendance, effects=[(declarer, effect), (remote, remote_effect(body))])
    if not effect.counts:
        assert declarer.member is not None and declarer.member.id not in seats.attendance.represented()
    if not effect.may_vote:
        assert all(s.person != declarer.person for s in seats.eligible)


# ---------------------------------------------------------------- the manual's examples run as shown


def _console_examples(text: str) -> list[tuple[str, str]]:
    """(command, expected output) for each `$ ` line of the ```console blocks in `text`."""
    examples: list[tuple[str, str]] = []
    for block in text.split("```console\n")[1:]:
        body = block.split("\n```", 1)[0]
        for chunk in ("\n" + body).split("\n$ ")[1:]:
            command, _, output = chunk.partition("\n")
            examples.append((command, output.rstrip("\n")))
    return examples


def _section(path: Path, start: str, end: str | None) -> str:
    text = path.read_text()
    text = text[text.index(start) :]
    return text[: text.index(end)] if end else text


@pytest.mark.parametrize(
    "text",
    [
        _section(ROOT / "docs" / "meetings.md", "### Meeting-day rules", "### Speed"),
        _section(ROOT / "README.md", "### Was each decision validly taken?", "### Planning"),
    ],
    ids=["docs-meetings", "readme"],
)
def test_console_examples_run_as_shown(cli, monkeypatch, text):
    import shlex

    monkeypatch.chdir(ROOT)
    last = None
    for command, expected in _console_examples(text):
        if command == "echo $?":
            assert last is not None and str(last.exit_code) == expected, command
            continue
        argv = shlex.split(command)
        assert argv[0] == "torctl"
        args = argv[1:] if "--bodies" in argv else ["--bodies", "bodies", *argv[1:]]
        last = cli(*args, cwd=ROOT)
        assert (last.stdout + last.stderr).rstrip("\n") == expected, command


def test_votes_from_members_who_may_not_vote_make_the_decision_invalid(cli, scratch):
    """On a real body: a remote attendee is assumed not to vote, so a vote from them is a decision not validly taken."""
    path = scratch / "attendance" / "solihull-lscp" / "2024-02-01.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(
        "body: solihull-lscp\ndate: 2024-02-01\npresent: [dcs, ccg-chief-nurse, borough-commander]\nremote: [arg-chair]\n"
        "items:\n  - number: 1\n    title: Annual report\n    decision: {text: Approved, vote: {for: 3, against: 0}}\n"
    )
    result = cli("--bodies", str(scratch), "meeting", "check", str(path))
    assert result.exit_code == 0, (
        result.stdout
    )  # the three agencies' votes: SMBC, CCG, WMP; the remote ARG chair adds none
    path.write_text(
        path.read_text().replace(
            "present: [dcs, ccg-chief-nurse, borough-commander]\nremote: [arg-chair]",
            "present: [dcs, ccg-chief-nurse]\nremote: [borough-commander]",
        )
    )
    result = cli("--bodies", str(scratch), "meeting", "check", str(path))
    assert result.exit_code == 1
    assert (
        "NOT VALID: not quorate for this item (representation from each of SMBC, BSol CCG and WMP); item 1: 3 votes and abstentions, but only 2 of those there may vote on it"
        in result.stdout
    )
    assert (
        "the ToR does not say whether a remote attendee counts toward quorum or may vote, and no statute"
        in result.stdout
    )
    assert cli("--bodies", str(scratch), "validate").exit_code == 0  # faithful record: a warning, not an error


def test_schedules_and_calendars_use_clear_days(cli, tmp_path):
    result = ex(cli, "schedule", COUNCIL, "--first", "2027-01-12", "--count", "2")
    assert result.exit_code == 0
    assert (
        "papers due: at least 5 clear days before the meeting, by 12:00 (clear days: the day sent and the meeting day excluded; weekends and bank holidays do not count (the ToR's rule))"
        in result.stdout
    )
    out = tmp_path / "c.ics"
    assert (
        ex(cli, "schedule", COUNCIL, "--first", "2027-01-12", "--count", "2", "-f", "ics", "-o", str(out)).exit_code
        == 0
    )
    text = out.read_bytes().decode().replace("\r\n ", "")
    assert (
        "DTSTART;VALUE=DATE:20270104" in text
        and "at least 5 clear days before the meeting\\, by 12:00 (clear days" in text
    )


def test_special_majority_kinds_are_distinct():
    rule = {"kind": "change-tor", "majority": {"of": "present"}}
    with pytest.raises(ValidationError, match="special majority kind 'change-tor' is listed twice"):
        Voting.model_validate({"method": "one-per-member", "special_majorities": [rule, rule]})


def test_a_chair_without_an_ordinary_vote_who_votes(cli, example_dir):
    body = example_dir / f"{COUNCIL}.yaml"
    body.write_text(body.read_text().replace("  chair_ordinary_vote: true", "  chair_ordinary_vote: false"))
    result = ex(
        cli, "meeting", "check", str(example_dir / "attendance" / COUNCIL / "2027-01-12.yaml"), bodies=example_dir
    )
    assert result.exit_code == 1
    assert (
        "Cllr Ann Archer (Chair of the Licensing Committee) voted on item 3, but the ToR gives the chair no ordinary vote"
        in result.stdout
    )
