"""`torctl review-due` through the CLI: formats, exit codes, and every error path."""

from __future__ import annotations

import csv
import io
import json

import pytest

AS_OF = ("--as-of", "2026-11-23")


def test_text_report_for_the_eight_bodies(cli):
    result = cli("review-due", *AS_OF)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "ToR reviews as of 23 November 2026 (due soon: within 60 days)"
    assert lines[1].split() == ["body", "status", "last", "reviewed", "cadence", "next", "due", "detail"]
    assert lines[2].split()[:2] == ["solihull-sscp-executive", "overdue"]
    assert lines[3].split()[:2] == ["solihull-strategic-quartet", "overdue"]
    assert "cadence known but no last review date" in lines[4]
    assert lines[-1] == "2 overdue, 0 due-soon, 6 unknown, 0 ok"


def test_json_report(cli):
    result = cli("review-due", *AS_OF, "--format", "json", "--within", "30")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert (data["as_of"], data["within_days"]) == ("2026-11-23", 30)
    assert data["counts"] == {"overdue": 2, "due-soon": 0, "unknown": 6, "ok": 0}
    assert data["bodies"][1] == {
        "id": "solihull-strategic-quartet",
        "name": "Strategic Quartet",
        "status": "overdue",
        "last_reviewed": "2023-09",
        "cadence": "every 12 months (at least)",
        "next_due": "2024-09",
        "due_by": "2024-09-30",
        "days_left": -784,
        "detail": "overdue since 1 October 2024 (784 days)",
    }


def test_csv_and_markdown_reports(cli):
    result = cli("review-due", *AS_OF, "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["status"] for r in rows] == ["overdue", "overdue"] + ["unknown"] * 6
    result = cli("review-due", *AS_OF, "-f", "markdown")
    assert result.stdout.splitlines()[4].startswith("| solihull-sscp-executive | overdue |")


def test_as_of_makes_it_reproducible_and_statuses_move_with_it(cli):
    before = json.loads(cli("review-due", "--as-of", "2024-02-15", "-f", "json").stdout)
    statuses = {b["id"]: b["status"] for b in before["bodies"]}
    assert statuses["solihull-sscp-executive"] == "due-soon"
    assert statuses["solihull-strategic-quartet"] == "ok"
    assert (
        cli("review-due", "--as-of", "2024-02-15", "-f", "json").stdout
        == cli("review-due", "--as-of", "2024-02-15", "-f", "json").stdout
    )


def test_default_as_of_is_today(cli):
    import datetime as dt

    data = json.loads(cli("review-due", "-f", "json").stdout)
    assert data["as_of"] == dt.date.today().isoformat()


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("--fail-on", "overdue"), 1),
        (("--fail-on", "due-soon"), 1),
        (("--as-of", "2024-02-15", "--fail-on", "overdue"), 0),
        (("--as-of", "2024-02-15", "--fail-on", "due-soon"), 1),
        (("--as-of", "2023-10-01", "--fail-on", "due-soon"), 0),
        (("--as-of", "2023-10-01", "--within", "200", "--fail-on", "due-soon"), 1),
    ],
)
def test_fail_on_for_ci_and_cron(cli, args, code):
    args = args if "--as-of" in args else (*AS_OF, *args)
    result = cli("review-due", *args)
    assert result.exit_code == code
    assert result.stdout  # the report is printed either way


def test_selected_bodies(cli):
    result = cli("review-due", *AS_OF, "solihull-lscp", "plymouth-improvement-board", "solihull-lscp", "-f", "json")
    assert [b["id"] for b in json.loads(result.stdout)["bodies"]] == ["plymouth-improvement-board", "solihull-lscp"]


def test_output_file_is_written(cli, tmp_path):
    target = tmp_path / "reviews.md"
    result = cli("review-due", *AS_OF, "-f", "markdown", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_text().startswith("ToR reviews as of 23 November 2026")
    text = tmp_path / "reviews.txt"
    assert cli("review-due", *AS_OF, "-o", str(text)).exit_code == 0
    assert text.read_text().splitlines()[-1] == "2 overdue, 0 due-soon, 6 unknown, 0 ok"
    as_json = tmp_path / "reviews.json"
    assert cli("review-due", *AS_OF, "-f", "json", "-o", str(as_json), "--fail-on", "overdue").exit_code == 1
    assert json.loads(as_json.read_text())["counts"]["overdue"] == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--as-of", "23/13/2026"), "error: --as-of: '23/13/2026' has no month 13"),
        (
            ("--as-of", "2026-02-30"),
            "error: --as-of: there is no 30 February 2026 ('2026-02-30'): February 2026 has 28 days",
        ),
        (("--within", "-1"), "error: --within expects a number of days, 0 or more, got -1"),
        (("solihull-lscpp",), "error: no body 'solihull-lscpp'"),
        (
            ("-o", "/proc/torctl-none/r.txt"),
            "error: cannot write /proc/torctl-none/r.txt: directory /proc/torctl-none does not exist",
        ),
    ],
)
def test_errors(cli, args, message):
    result = cli("review-due", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "pdf"), "Invalid value for '--format'"),
        (("--fail-on", "late"), "Invalid value for '--fail-on'"),
        (("--within", "soon"), "Invalid value for '--within'"),
    ],
)
def test_option_errors_from_typer(cli, args, message):
    result = cli("review-due", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_files_with_errors_are_reported_not_silently_dropped(cli, scratch):
    path = scratch / "solihull-lscp.yaml"
    path.write_text(path.read_text().replace("status: not-stated", "status: actve", 1))
    result = cli("--bodies", str(scratch), "review-due", *AS_OF, "-f", "json", cwd=scratch.parent)
    assert result.exit_code == 0
    assert result.stderr == "warning: left out 1 file with errors (bodies/solihull-lscp.yaml); run torctl validate\n"
    assert len(json.loads(result.stdout)["bodies"]) == 7
    result = cli("--bodies", str(scratch), "schedule", "solihull-lscp", "--first", "2027-01-05", cwd=scratch.parent)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "warning: left out 1 file with errors (bodies/solihull-lscp.yaml); run torctl validate\n"
        "error: bodies/solihull-lscp.yaml has 1 error(s), so torctl cannot use it"
    )
