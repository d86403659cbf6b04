"""`torctl meeting check --all`: a year of meeting records audited, decision by decision."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from torctl.data.load import load_tree
from torctl.meetings.audit import CANNOT_TELL, NOT_VALID, VALID, audit
from torctl.meetings.report import build_report, records_for

COMMITTEE = "example-council-committee"
SCHOOL = "example-school-governing-body"


def _record(root: Path, body: str, date: str, text: str) -> Path:
    path = root / "attendance" / body / f"{date}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"body: {body}\ndate: {date}\n" + text, encoding="utf-8")
    return path


def test_text_lists_every_meeting_and_why_each_decision_is_not_valid(cli, examples):
    result = cli("--bodies", str(examples), "meeting", "check", "--all")
    assert result.exit_code == 1, result.stderr
    out = result.stdout
    assert "2027-01-12  example-council-committee" in out and "2027-01-20  example-school-governing-body" in out
    assert "3 valid, 1 NOT VALID" in out  # the motion put and lost on item 4 is a decision validly taken
    assert "depends on the chair" in out and "cannot tell" in out
    assert "Cllr Gita Gill (Committee member) voted on item 3 but may not" in out
    assert out.rstrip().endswith(
        "6 meetings, 15 decisions: 11 valid, 2 not valid, 1 depends on the chair, 1 cannot tell"
    )


def test_one_body_and_a_date_range(cli, examples):
    school = cli("--bodies", str(examples), "meeting", "check", "--all", SCHOOL)
    assert school.exit_code == 0 and COMMITTEE not in school.stdout
    late = cli("--bodies", str(examples), "meeting", "check", "--all", "--from", "2027-01-13", "--to", "31/01/2027")
    assert late.exit_code == 0 and COMMITTEE not in late.stdout and SCHOOL in late.stdout
    assert "from 2027-01-13 to 2027-01-31" in late.stdout
    none = cli("--bodies", str(examples), "meeting", "check", "--all", "--to", "2026-12-31")
    assert none.exit_code == 0 and "no meeting records" in none.stdout


def test_json_gives_every_decision_its_answer(cli, examples):
    result = cli("--bodies", str(examples), "meeting", "check", "--all", "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 1 and data["valid"] is False
    assert data["answers"] == {VALID: 11, NOT_VALID: 2, "depends-on-chair": 1, CANNOT_TELL: 1}
    committee = data["meetings"][0]
    assert committee["body"] == COMMITTEE and committee["quorate"] is True and committee["counted"] == 6
    assert "Legal Adviser" in committee["present"]
    answers = {d["item"]: (d["answer"], d["valid"]) for d in committee["decisions"]}
    assert answers == {"1": (VALID, True), "2": (VALID, True), "3": (NOT_VALID, False), "4": (VALID, True)}


def test_sarif_and_github_place_each_decision_at_its_line(cli, examples):
    sarif = cli("--bodies", str(examples), "meeting", "check", "--all", "--format", "sarif")
    assert sarif.exit_code == 1
    results = json.loads(sarif.stdout)["runs"][0]["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results] == [
        ("M001", 25),
        ("M001", 32),  # the record of 9 February: more votes on item 3 than people there who may vote
        ("M002", 34),  # the partnership's chair decides whether a member with an interest takes part
        ("M003", 12),  # a decision whose vote is not recorded
    ]
    github = cli("--bodies", str(examples), "meeting", "check", "--all", "--format", "github")
    assert github.stdout.count("::error file=") == 2 and "line=32" in github.stdout
    assert "title=M001 decision not validly taken" in github.stdout


def test_a_decision_whose_vote_is_not_recorded_is_cannot_tell(cli, examples):
    _record(
        examples,
        COMMITTEE,
        "2027-02-09",
        "present: [Cllr Ann Archer, Cllr Ben Baker, Cllr Cara Cole]\nnot_recorded: [votes, declarations]\n"
        "items:\n  - number: 1\n    title: Fees\n    decision: {text: The fees were set., by: not-recorded}\n",
    )
    result = cli(
        "--bodies", str(examples), "meeting", "check", "--all", COMMITTEE, "--from", "2027-02-01", "-f", "json"
    )
    assert result.exit_code == 4  # cannot tell: its own exit code, neither valid (0) nor not valid (1)
    decision = json.loads(result.stdout)["meetings"][0]["decisions"][0]
    assert decision["answer"] == CANNOT_TELL and decision["valid"] is None
    assert any("the vote is not recorded" in r for r in decision["reasons"])
    github = cli("--bodies", str(examples), "meeting", "check", "--all", "--from", "2027-02-01", "-f", "github")
    assert "::warning file=" in github.stdout and "title=M003" in github.stdout and github.exit_code == 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2027-01-01"], "give --all"),
        (["--all", "--from", "2027-02-01", "--to", "2027-01-01"], "is before --from"),
        (["--all", "--format", "md"], "an audit prints text, json, sarif, github"),
        (["--all", "-o", "x.txt"], "redirect"),
        (["--all", "docs/examples/bodies/attendance/x.yaml"], "give the body's id"),
        (["--all", "no-such-body"], "no body 'no-such-body'"),
        (["--format", "sarif", "some.yaml"], "give --all"),
        ([], "name a meeting record, or give --all"),
    ],
)
def test_bad_usage_is_exit_two(cli, examples, args, message):
    result = cli("--bodies", str(examples), "meeting", "check", *args)
    assert result.exit_code == 2 and message in result.stderr, result.stderr


def test_a_record_with_errors_stops_the_audit_at_its_line(cli, examples):
    _record(examples, COMMITTEE, "2027-03-09", "present: [Cllr Ann Archer, Cllr Nobody]\n")
    result = cli("--bodies", str(examples), "meeting", "check", "--all")
    assert result.exit_code == 2
    assert "2027-03-09.yaml:3:" in result.stderr and "no member of example-council-committee matches" in result.stderr
    assert result.stdout == ""


def test_a_record_of_an_unknown_body_or_a_second_record_of_a_meeting_stops_the_audit(cli, examples):
    _record(examples, "example-council-comittee", "2027-03-09", "present: [chair]\n")
    stray = cli("--bodies", str(examples), "meeting", "check", "--all")
    assert stray.exit_code == 2 and "unknown body 'example-council-comittee'" in stray.stderr
    shutil.rmtree(examples / "attendance" / "example-council-comittee")
    again = examples / "attendance" / SCHOOL / "again.yaml"
    again.write_text(f"body: {SCHOOL}\ndate: 2027-01-20\npresent: [chair]\n", encoding="utf-8")
    twice = cli("--bodies", str(examples), "meeting", "check", "--all", SCHOOL)
    assert twice.exit_code == 2 and "another record of example-school-governing-body on 2027-01-20" in twice.stderr


def test_attendance_and_the_audit_agree_on_who_was_there():
    tree = load_tree(Path(__file__).resolve().parent.parent / "docs" / "examples" / "records")
    body = tree.bodies["solihull-sscp-executive"]
    report = build_report(body, tree.agencies, records_for(tree, body.id))
    audited = audit(tree, [body.id])
    assert [(v.quorate, len(v.counted())) for _, v in report.meetings] == [
        (m.there.quorate, len(m.there.counted())) for m in audited.meetings
    ]
    assert [m.there.quorate for m in audited.meetings] == [True, True, False]
