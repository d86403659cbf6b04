"""`torctl meeting new` / `meeting set` and the way in end to end: from `torctl init` to a body that passes
`validate --strict` and a first meeting record that `meeting check` rules on, without writing YAML."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml
from test_init import PARTNERS

from torctl.data.records import read_meeting_record

SSCP = "solihull-sscp-executive"


@pytest.fixture
def run(cli, scratch: Path):
    return lambda *args: cli("--bodies", str(scratch), *args)


def record_of(scratch: Path, body: str = SSCP, date: str = "2027-01-12") -> Path:
    return scratch / "attendance" / body / f"{date}.yaml"


def test_meeting_new_lists_every_post_to_confirm_and_the_agenda(run, scratch: Path):
    result = run("meeting", "new", SSCP, "--date", "2027-01-12", "--from-agenda", "--apologies", "Borough Commander")
    assert result.exit_code == 0, result.stderr
    path = record_of(scratch)
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../../../schema/record.schema.json\n")
    record = read_meeting_record(path).value()
    assert record.apologies == ["police-dsp"]
    assert "dcs" in record.expected and "police-dsp" not in record.expected and not record.present
    assert [i.title for i in record.items][:2] == ["Apologies", "Minutes of the previous meeting"]
    assert "listed as expected (an assumption)" in result.stderr  # the ToR does not say who attends every meeting
    strict = run("validate", "--strict")
    assert strict.exit_code == 1 and "A013" in strict.stdout  # not yet confirmed
    again = run("meeting", "new", SSCP, "--date", "2027-01-12")
    assert again.exit_code == 2 and "never overwrites" in again.stderr


def test_meeting_new_carries_open_actions_and_says_when_the_schedule_rules_the_date_out(run, scratch: Path):
    earlier = record_of(scratch, date="2026-11-10")
    earlier.parent.mkdir(parents=True)
    earlier.write_text(
        f"body: {SSCP}\ndate: 2026-11-10\npresent: [dcs, icb-dsp, police-dsp]\nactions:\n"
        "  - {id: 2026-11-10-1, what: Audit the referrals, owner: dcs}\n"
        "  - {id: 2026-11-10-2, what: Close the old log, owner: dcs, status: done, closed_on: 2026-11-20}\n"
    )
    result = run("meeting", "new", SSCP, "--date", "2027-01-12", "--from-agenda", "--format", "json")
    assert result.exit_code == 0, result.stderr
    items = json.loads(result.stdout)["items"]
    assert {"number": "2a", "title": "Matters arising: Audit the referrals", "note": items[2]["note"]} == items[2]
    assert "action 2026-11-10-1" in items[2]["note"]
    assert all("Close the old log" not in i["title"] for i in items)
    plymouth = scratch / "plymouth-improvement-board.yaml"
    plymouth.write_text(
        plymouth.read_text().replace("meetings:\n", "meetings:\n  pattern: FREQ=MONTHLY;BYDAY=+2TU\n", 1)
    )
    noted = run("meeting", "new", "plymouth-improvement-board", "--date", "2027-01-13")
    assert noted.exit_code == 0 and "written all the same" in noted.stderr


def test_meeting_set_records_the_meeting_and_checks_it_against_the_body(run, scratch: Path):
    assert run("meeting", "new", SSCP, "--date", "2027-01-12", "--from-agenda").exit_code == 0
    path = record_of(scratch)
    result = run(
        "meeting",
        "set",
        str(path),
        "-p",
        "dcs",
        "-p",
        "icb-dsp",
        "--sub",
        "Jane Smith for police-dsp",
        "--apologies",
        "ad-safeguarding",
        "--decision",
        "2: Agreed the minutes",
        "--vote",
        "2 for=3 against=0",
        "--declare",
        "dcs:2",
        "--action",
        "dcs: Circulate the plan by 2027-02-01",
    )
    assert result.exit_code == 0, result.stderr
    assert "A013" in result.stderr  # the rest are still to confirm: checked at once
    record = read_meeting_record(path).value()
    assert record.present == ["dcs", "icb-dsp"] and "ad-safeguarding" in record.apologies
    assert "dcs" not in record.expected and record.substitutes[0].for_ == "police-dsp"
    item = record.items[1]
    assert item.decision is not None and item.decision.vote is not None and item.decision.vote.tally() == (3, 0, 0)
    assert item.declarations[0].person == "dcs"
    assert record.actions[0].id == "2027-01-12-1" and str(record.actions[0].due) == "2027-02-01"
    assert "# Director of Children's Services (DSP)" not in path.read_text().split("expected:")[1]
    assert "# Deputy Chief Executive" not in path.read_text()  # its comment went with the entry
    checked = run("meeting", "check", str(path))  # dcs declared an interest in the item: the verdict weighs it
    assert checked.exit_code in (0, 1) and "Item 2" in checked.stdout and "counted absent" in checked.stderr


@pytest.mark.parametrize(
    ("args", "said", "code"),
    [
        (("-p", "nobody"), "no member of solihull-sscp-executive matches 'nobody'", 2),
        (("--vote", "9 for=1 against=0"), "the record has no item '9'", 2),
        (("--vote", "2 for=1 againts=0"), "write it as 'ITEM for=N against=M abstain=K'", 2),
        (("--outcome", "2 carred"), "the nearest: '2 carried'", 2),
        (("--left", "dcs"), "write it as 'PERSON before ITEM'", 2),
        (("--vote", "2 for=1 against=0"), "has no decision yet", 2),
        (("--decision", "2: x", "--vote", "2 for=9 against=0"), "error A009", 1),
        ((), "nothing to change", 2),
    ],
)
def test_meeting_set_bad_input_writes_nothing(run, scratch: Path, args, said, code):
    assert run("meeting", "new", SSCP, "--date", "2027-01-12", "--from-agenda").exit_code == 0
    path = record_of(scratch)
    before = path.read_bytes()
    result = run("meeting", "set", str(path), *args)
    assert result.exit_code == code, result.stderr
    assert said in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_meeting_set_dry_run_and_json(run, scratch: Path):
    assert run("meeting", "new", SSCP, "--date", "2027-01-12").exit_code == 0
    path = record_of(scratch)
    before = path.read_bytes()
    dry = run("meeting", "set", str(path), "-p", "dcs", "--dry-run")
    assert dry.exit_code == 0 and "+present: [dcs]" in dry.stdout and path.read_bytes() == before
    done = run("meeting", "set", str(path), "--remote", "icb-dsp", "--format", "json")
    report = json.loads(done.stdout)
    assert report["written"] and any(f["code"] == "A013" for f in report["findings"])


def test_interactive_never_waits_without_a_terminal(run, scratch: Path, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    result = run("meeting", "new", SSCP, "--date", "2027-01-12", "--interactive")
    assert result.exit_code == 2 and "needs a terminal" in result.stderr
    assert not record_of(scratch).exists()


def test_interactive_walks_attendance_and_items(run, scratch: Path, monkeypatch):
    from torctl.cli import records

    monkeypatch.setattr(records, "FORCE_TERMINAL", True)
    posts = ["p", "p", "a"] + ["x"] * 9  # dcs, icb-dsp present; the next sent apologies; the rest absent
    answers = [*posts, "", "Agreed the minutes", "vote", "2", "0", "0"]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(answers) + "\n"))
    result = run("meeting", "new", SSCP, "--date", "2027-01-12", "--from-agenda", "--apologies", "police-dsp", "-i")
    assert result.exit_code == 0, result.stderr
    record = read_meeting_record(record_of(scratch)).value()
    assert record.present == ["dcs", "icb-dsp"] and "icb-director-of-nursing" in record.apologies
    decision = record.items[1].decision
    assert decision is not None and decision.vote is not None and decision.vote.tally() == (2, 0, 0)


def test_schema_kinds_for_records_and_calendars(cli, tmp_path: Path):
    for kind, title in (("record", "torctl meeting record"), ("calendar", "torctl term dates or closures calendar")):
        result = cli("schema", "--kind", kind)
        assert result.exit_code == 0 and json.loads(result.stdout)["title"] == title


def test_from_init_to_a_strict_body_and_a_ruled_meeting_without_yaml(cli, tmp_path: Path):
    """The issue's yardstick: the way in, end to end through the CLI, never opening a YAML file."""
    assert (
        cli("init", "ssp", *PARTNERS, "--body", "ssp-executive", "--name", "SSP Executive", cwd=tmp_path).exit_code == 0
    )
    bodies = tmp_path / "ssp" / "bodies"

    def run(*args: str) -> None:
        result = cli("--bodies", str(bodies), *args)
        assert result.exit_code == 0, (args, result.stderr)

    body = "ssp-executive"
    run("set", body, "source.document", "SSP Executive Group: terms of reference")
    run("set", body, "purpose", "To lead the partnership's work to safeguard children")
    run("member", "update", body, "chair", "--role", "Independent Chair")
    for post, role, agency in (
        ("dcs", "Director of Children's Services", "smbc"),
        ("icb-dsp", "Chief Nursing Officer", "bsol icb"),
        ("police-dsp", "Borough Commander", "wmp"),
    ):
        run("member", "add", body, post, "--role", role, "--class", "core", "--agency", agency)
    run("class", "add", body, "adviser", "--votes", "no", "--counts-for-quorum", "no")
    run("member", "add", body, "legal", "--role", "Legal Adviser", "--class", "adviser", "--agency", "smbc")
    run("set", body, "chair.text", "The Executive is chaired by an independent chair")
    run(
        "set",
        body,
        "quorum",
        "{rule: represented, agency_kinds: [statutory-local-authority, statutory-health, statutory-police]}",
    )
    run("set", body, "quorum.text", "Each of the three safeguarding partners is represented")
    run("set", body, "meetings.cadence", "six times a year")
    run("set", body, "meetings.text", "The Executive meets six times a year")
    run("set", body, "administration.papers", "at least 5 working days before")
    run("set", body, "administration.papers.text", "Papers go out five working days before each meeting")
    run("set", body, "administration.minutes", "within two weeks")
    run("set", body, "administration.minutes.text", "Minutes are circulated within two weeks")
    run("set", body, "review.cadence", "a year")
    run("unset", body, "review.unknown_reason")
    strict = cli("--bodies", str(bodies), "validate", "--strict")
    assert strict.exit_code == 0, strict.stderr
    data = yaml.safe_load((bodies / "ssp-executive.yaml").read_text())
    assert data["meetings"]["cadence"] == {"frequency": "per-year", "times_per_year": 6}

    run("meeting", "new", body, "--date", "2027-01-12", "--from-agenda", "--apologies", "police-dsp")
    record = str(bodies / "attendance" / body / "2027-01-12.yaml")
    run("meeting", "set", record, "-p", "chair", "-p", "dcs", "-p", "icb-dsp", "-p", "legal",
        "--sub", "Jane Smith for police-dsp with authority", "--decision", "1: Agreed the minutes",
        "--vote", "1 for=4 against=0")  # fmt: skip
    checked = cli("--bodies", str(bodies), "meeting", "check", record)
    assert checked.exit_code == 0, checked.stderr
    assert "all 1 decisions validly taken" in checked.stdout
    assert cli("--bodies", str(bodies), "validate", "--strict").exit_code == 0


def test_meeting_new_quotes_an_item_title_that_plain_yaml_would_misread(run, scratch: Path):
    """'Matters arising: ...' holds ': ', which a plain YAML scalar cannot: the record must still read back."""
    earlier = record_of(scratch, date="2026-11-10")
    earlier.parent.mkdir(parents=True)
    earlier.write_text(
        f"body: {SSCP}\ndate: 2026-11-10\npresent: [dcs, icb-dsp, police-dsp]\nactions:\n"
        "  - {id: 2026-11-10-1, what: 'Audit: the referrals # all of them', owner: dcs}\n"
    )
    assert run("meeting", "new", SSCP, "--date", "2027-01-12", "--from-agenda").exit_code == 0
    record = read_meeting_record(record_of(scratch)).value()
    assert any(i.title == "Matters arising: Audit: the referrals # all of them" for i in record.items)
    assert run("validate").exit_code == 0
