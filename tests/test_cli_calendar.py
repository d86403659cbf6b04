"""`torctl schedule` and `torctl deadlines` through the CLI, with every error path."""

from __future__ import annotations

import json

import pytest
from calendar_fixtures import FIXTURE_TERMS, write_calendar
from icalendar import Calendar

EXEC = "solihull-sscp-executive"
YEAR = ("--from", "2026-11-23", "--first", "2027-01-05")


def test_schedule_text_says_which_kind_each_deadline_is(cli):
    result = cli("schedule", EXEC, *YEAR)
    assert result.exit_code == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[0] == "SSCP Executive Group (solihull-sscp-executive)"
    assert out[1] == "dates: meets every two months; from --first 2027-01-05: the first Tuesday of every 2 months"
    assert (
        out[2]
        == "papers due: at least 5 working days before the meeting (working days: weekends and bank holidays are skipped)"
    )
    assert out[3] == "minutes due: within 2 weeks after the meeting (a calendar period: weekends and holidays count)"
    assert out[4].split() == ["date", "chair", "papers", "due", "minutes", "due", "note"]
    assert out[5].split() == [
        "Tue",
        "5",
        "Jan",
        "2027",
        "unknown:",
        "rotation",
        "order",
        "not",
        "recorded",
        "Thu",
        "24",
        "Dec",
        "2026",
        "Tue",
        "19",
        "Jan",
        "2027",
    ]
    assert len(out) == 11  # a year from 23 November 2026: six meetings


def test_schedule_flags_and_shifts_non_working_days(cli):
    flagged = cli("schedule", EXEC, "--from", "2026-12-01", "--first", "2026-12-25", "--anchor-by", "date", "-n", "1")
    assert "Fri 25 Dec 2026" in flagged.stdout and "not a working day (Christmas Day)" in flagged.stdout
    moved = cli(
        "schedule",
        EXEC,
        "--from",
        "2026-12-01",
        "--first",
        "2026-12-25",
        "--anchor-by",
        "date",
        "-n",
        "1",
        "--shift",
        "next",
    )
    assert "Tue 29 Dec 2026" in moved.stdout and "moved from Fri 25 Dec 2026 (Christmas Day)" in moved.stdout


def test_schedule_json(cli):
    result = cli("schedule", EXEC, *YEAR, "--count", "2", "--format", "json")
    data = json.loads(result.stdout)
    assert (data["from"], data["until"], data["count"]) == ("2026-11-23", None, 2)
    body = data["schedules"][0]
    assert body["id"] == EXEC and [m["date"] for m in body["meetings"]] == ["2027-01-05", "2027-03-02"]
    assert body["meetings"][0]["deadlines"][0]["date"] == "2026-12-24"
    assert body["meetings"][0]["chair"] == {"post": None, "text": "unknown: rotation order not recorded"}


def test_year_of_sscp_exec_as_ics_file(cli, tmp_path):
    target = tmp_path / "sscp-exec.ics"
    result = cli("schedule", EXEC, *YEAR, "--format", "ics", "--output", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == f"wrote 6 meetings of 1 body to {target}\n"
    calendar = Calendar.from_ical(target.read_bytes())
    assert len(list(calendar.walk("VEVENT"))) == 18
    assert str(calendar["X-WR-CALNAME"]) == "SSCP Executive Group meetings"
    again = tmp_path / "again.ics"
    cli("schedule", EXEC, *YEAR, "--format", "ics", "--output", str(again))
    assert again.read_bytes() == target.read_bytes()
    printed = cli("schedule", EXEC, *YEAR, "--format", "ics")
    assert printed.stdout.encode() == target.read_bytes().replace(b"\r\n", b"\n") or printed.stdout.startswith(
        "BEGIN:VCALENDAR"
    )


def test_ics_with_a_time(cli):
    result = cli("schedule", EXEC, *YEAR, "-n", "1", "-f", "ics", "--time", "10:00-12:00")
    assert "DTSTART;TZID=Europe/London:20270105T100000" in result.stdout
    assert "BEGIN:VTIMEZONE" in result.stdout


def test_text_and_json_output_files(cli, tmp_path):
    text = tmp_path / "schedule.txt"
    assert cli("schedule", EXEC, *YEAR, "-o", str(text)).exit_code == 0
    assert text.read_text().startswith("SSCP Executive Group (solihull-sscp-executive)\n")
    as_json = tmp_path / "schedule.json"
    assert cli("schedule", EXEC, *YEAR, "-f", "json", "-o", str(as_json)).exit_code == 0
    assert json.loads(as_json.read_text())["schedules"][0]["id"] == EXEC


def test_all_bodies_leaves_out_elrag_with_a_warning(cli):
    result = cli("schedule", "--all", *YEAR, "-f", "json")
    assert result.exit_code == 0
    ids = [s["id"] for s in json.loads(result.stdout)["schedules"]]
    assert len(ids) == 7 and "solihull-elrag" not in ids
    assert result.stderr.startswith("warning: left out of the schedule: solihull-elrag meets in term time only")
    assert "bodies/calendars/solihull-school-terms.yaml records no term dates" in result.stderr


def test_all_bodies_with_terms_and_per_body_anchors(cli, scratch):
    write_calendar(scratch, "solihull-school-terms", FIXTURE_TERMS)
    result = cli(
        "--bodies",
        str(scratch),
        "schedule",
        "--all",
        "--from",
        "2026-11-01",
        "--until",
        "2027-08-31",
        "--first",
        "2027-01-05",
        "--first",
        "solihull-elrag=2026-11-10",
        "--first",
        "solihull-lscp=2027-02-09",
        "-f",
        "ics",
        cwd=scratch.parent,
    )
    assert result.exit_code == 0 and result.stderr == ""
    calendar = Calendar.from_ical(result.stdout.encode())
    meetings = sorted(
        str(e["UID"]) for e in calendar.walk("VEVENT") if str(e["UID"]).split("/")[2].startswith("meeting")
    )
    assert {m.split("/")[0] for m in meetings} == {
        "plymouth-improvement-board",
        "sefton-improvement-board",
        "solihull-arg",
        "solihull-elrag",
        "solihull-lscp",
        "solihull-rdg",
        "solihull-sscp-executive",
        "solihull-strategic-quartet",
    }
    assert [m.split("/")[1] for m in meetings if m.startswith("solihull-elrag")] == [
        "2026-11-10",
        "2027-01-12",
        "2027-03-09",
        "2027-05-11",
        "2027-07-13",
    ]
    assert [m.split("/")[1] for m in meetings if m.startswith("solihull-lscp")] == ["2027-02-09", "2027-06-08"]
    assert str(calendar["X-WR-CALNAME"]) == "torctl: all bodies"


def test_schedule_without_a_day_needs_first(cli):
    result = cli("schedule", EXEC, "--from", "2026-11-23")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: solihull-sscp-executive has no meeting days recorded: the ToR says it meets every two months but gives "
        "no day. Give --first DATE, the date of one meeting, to anchor the cadence (e.g. --first 2026-11-24), or record "
        "meetings.pattern (an RRULE such as FREQ=MONTHLY;BYDAY=+2TU) in bodies/solihull-sscp-executive.yaml\n"
    )


def test_elrag_stops_naming_the_file_to_fill_in(cli):
    result = cli("schedule", "solihull-elrag", *YEAR)
    assert result.exit_code == 2
    assert result.stderr == (
        "error: solihull-elrag meets in term time only, but bodies/calendars/solihull-school-terms.yaml records no term "
        "dates for Tuesday 5 January 2027, a meeting date; fill in the terms there, or end the schedule earlier with --until\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "error: give one BODY or --all"),
        ((EXEC, "--all"), "error: give a BODY or --all, not both"),
        ((EXEC, "--from", "5 Jan 2027"), "error: --from: cannot read '5 Jan 2027' as a date; write YYYY-MM-DD (e.g. "),
        ((EXEC, "--until", "2027-13-01"), "error: --until: '2027-13-01' has no month 13: months run from 1 to 12"),
        ((EXEC, "--first", "tuesday"), "error: --first: cannot read 'tuesday' as a date"),
        (
            (EXEC, "--first", f"{EXEC}=2027-1-32"),
            f"error: --first {EXEC}=: there is no 32 January 2027 ('2027-1-32'): January 2027 has 31 days",
        ),
        ((EXEC, "--first", "solihull-exec=2027-01-05"), "error: no body 'solihull-exec'"),
        (
            (EXEC, "--first", "2027-01-05", "--first", "2027-02-05"),
            "error: give one plain --first DATE; anchor other bodies with --first BODY=DATE",
        ),
        ((EXEC, *YEAR, "--until", "2026-01-01"), "error: --until 2026-01-01 is before the start 2026-11-23"),
        ((EXEC, *YEAR, "--count", "0"), "error: --count must be between 1 and 1000, got 0"),
        ((EXEC, *YEAR, "--time", "10:00"), "error: --time applies to --format ics only"),
        (
            (EXEC, *YEAR, "-f", "ics", "--time", "10am-noon"),
            "error: --time expects a start and end like 10:00-12:00, got '10am-noon'",
        ),
        (
            (EXEC, *YEAR, "-f", "ics", "--time", "12:00-10:00"),
            "error: --time: the meeting must end after it starts, got '12:00-10:00'",
        ),
        (
            (EXEC, *YEAR, "-o", "/proc/torctl-none/x.txt"),
            "error: cannot write /proc/torctl-none/x.txt: directory /proc/torctl-none does not exist",
        ),
        (("sscp-executive", *YEAR), "error: no body 'sscp-executive' in"),
    ],
)
def test_schedule_errors(cli, args, message):
    result = cli("schedule", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message), result.stderr
    assert "Traceback" not in result.stderr


def test_all_fails_when_no_body_can_be_scheduled(cli):
    result = cli("schedule", "--all", "--from", "2026-11-23")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "error: none of the 8 bodies records meeting days, only a cadence (monthly, quarterly...): give --first DATE"
    )
    assert result.stderr.count("\n") == 1  # one message, not one line per body


def test_bad_pattern_in_the_data_names_the_file(cli, scratch):
    path = scratch / f"{EXEC}.yaml"
    path.write_text(
        path.read_text().replace("meetings:\n  cadence:", "meetings:\n  pattern: FREQ=BIMONTHLY\n  cadence:", 1)
    )
    # a pattern that no schedule could use fails validation, at its line (issue 13, item 11)
    found = cli("--bodies", str(scratch), "validate", cwd=scratch.parent)
    assert found.exit_code == 1
    assert "bodies/solihull-sscp-executive.yaml:" in found.stdout
    assert "meetings.pattern 'FREQ=BIMONTHLY' is not a valid RRULE" in found.stdout
    result = cli("--bodies", str(scratch), "schedule", EXEC, "-n", "2", cwd=scratch.parent)
    assert result.exit_code == 2
    assert "error: bodies/solihull-sscp-executive.yaml has 1 error(s), so torctl cannot use it" in result.stderr


def test_pattern_in_the_data_needs_no_first(cli, scratch):
    path = scratch / f"{EXEC}.yaml"
    text = path.read_text()
    assert "  cadence:\n    frequency: bi-monthly\n" in text
    path.write_text(
        text.replace(
            "meetings:\n  cadence:", "meetings:\n  pattern: FREQ=MONTHLY;BYMONTH=1,3,5,7,9,11;BYDAY=+2TU\n  cadence:", 1
        )
    )
    result = cli(
        "--bodies", str(scratch), "schedule", EXEC, "--from", "2026-11-23", "-n", "3", "-f", "json", cwd=scratch.parent
    )
    assert result.exit_code == 0, result.stderr
    assert [m["date"] for m in json.loads(result.stdout)["schedules"][0]["meetings"]] == [
        "2027-01-12",
        "2027-03-09",
        "2027-05-11",
    ]


def test_deadlines_worked_example(cli):
    result = cli("deadlines", EXEC, "--meeting", "2027-01-05")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "SSCP Executive Group (solihull-sscp-executive): meeting on Tuesday 5 January 2027"
    assert lines[1] == "chair: unknown: rotation order not recorded"
    assert lines[3].split("  ")[0] == "papers due"
    assert (
        "Thursday 24 December 2026" in lines[3] and "working days: weekends and bank holidays are skipped" in lines[3]
    )
    assert "Tuesday 19 January 2027" in lines[4] and "a calendar period" in lines[4]


def test_deadlines_json_and_non_working_meeting(cli):
    result = cli("deadlines", "plymouth-improvement-board", "-m", "2027-01-01", "-f", "json")
    data = json.loads(result.stdout)
    assert data["not_working_day"] == "New Year's Day"
    assert [(d["kind"], d["date"], d["basis"]) for d in data["deadlines"]] == [
        ("papers", "2026-12-23", "working-days"),
        ("substitute-notice", "2026-12-30", "working-days"),
        ("minutes", "2027-01-08", "calendar"),
    ]
    text = cli("deadlines", "plymouth-improvement-board", "-m", "2027-01-01")
    assert "warning: Friday 1 January 2027 is not a working day (New Year's Day)" in text.stdout


def test_deadlines_without_figures(cli):
    assert (
        "before the meeting (no figure given)"
        in cli("deadlines", "solihull-strategic-quartet", "-m", "2027-01-05").stdout
    )
    result = cli("deadlines", "solihull-lscp", "-m", "2027-01-05")
    assert result.stdout.splitlines()[-1] == "the ToR sets no deadlines for papers, substitute notice or minutes"


def test_deadlines_for_a_term_time_body(cli, scratch):
    assert "no term dates are recorded for it" not in cli("deadlines", "solihull-elrag", "-m", "2027-01-05").stdout
    assert "records no term dates" not in cli("deadlines", "solihull-elrag", "-m", "2027-01-05").stdout
    assert (
        "term: no term dates recorded for 2027-01-05 in bodies/calendars/solihull-school-terms.yaml"
        in cli("deadlines", "solihull-elrag", "-m", "2027-01-05").stdout
    )
    write_calendar(scratch, "solihull-school-terms", FIXTURE_TERMS)
    args = ("--bodies", str(scratch), "deadlines", "solihull-elrag")
    assert "term: in term (Spring 2027)" in cli(*args, "-m", "2027-01-05", cwd=scratch.parent).stdout
    assert (
        "term: outside term time (Spring 2027: half term)" in cli(*args, "-m", "2027-02-16", cwd=scratch.parent).stdout
    )
    (scratch / "calendars" / "solihull-school-terms.yaml").unlink()
    assert (
        "term: the body meets in term time only; no term dates are recorded for it"
        in cli(*args, "-m", "2027-02-16", cwd=scratch.parent).stdout
    )


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        ((EXEC,), "Missing option '--meeting'", 2),
        ((EXEC, "--meeting", "5/1/27"), "error: --meeting: '5/1/27' has a two-digit year; write the year in full", 2),
        (("solihull-lscpp", "--meeting", "2027-01-05"), "error: no body 'solihull-lscpp'", 2),
        ((EXEC, "--meeting", "2027-01-05", "-f", "ics"), "Invalid value for '--format'", 2),
    ],
)
def test_deadlines_errors(cli, args, message, code):
    result = cli("deadlines", *args)
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_help_lists_the_new_commands(cli):
    out = cli("--help").stdout
    for command in ("schedule", "deadlines", "review-due"):
        assert command in out


def test_all_names_the_body_of_a_message_that_does_not(cli, scratch):
    path = scratch / f"{EXEC}.yaml"
    path.write_text(
        path.read_text().replace("    frequency: bi-monthly\n", "    frequency: per-year\n    times_per_year: 5\n", 1)
    )
    result = cli("--bodies", str(scratch), "schedule", "--all", *YEAR, "-n", "1", cwd=scratch.parent)
    assert result.exit_code == 0
    assert (
        "warning: left out of the schedule: solihull-sscp-executive: bodies/solihull-sscp-executive.yaml: "
        "5 meetings a year do not fall a whole number of months apart"
    ) in result.stderr
