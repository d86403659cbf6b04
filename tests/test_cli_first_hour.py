"""Issue 15: names, dates and outputs that behave as a new user expects (items 2 to 7)."""

from __future__ import annotations

import datetime as dt

import pytest

from torctl.calendar.dates import DateInputError, read_date

SSCP = "solihull-sscp-executive"


# ---------------------------------------------------------------- item 2: one -o rule


def test_o_is_a_file_unless_it_is_a_directory(cli, tmp_path):
    one = tmp_path / "lscp.html"
    assert cli("render", "solihull-lscp", "-f", "html", "-o", str(one)).exit_code == 0
    assert one.is_file()
    result = cli("render", "solihull-lscp", "-f", "md", "-o", f"{tmp_path / 'site'}/")
    assert result.exit_code == 0 and (tmp_path / "site" / "solihull-lscp.md").is_file()
    assert cli("map", "-f", "mermaid", "-o", f"{tmp_path}/").exit_code == 0 and (tmp_path / "map.mmd").is_file()
    assert cli("schema", "-o", str(tmp_path)).exit_code == 0 and (tmp_path / "body.schema.json").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("render", "--all", "-f", "html", "-o", "x.html"),
            "error: --output x.html names a file, but this writes 8 documents; give a directory: --output x/",
        ),
        (
            ("render", "solihull-lscp", "-o", "x.html"),
            "error: --output x.html names a .html file, but the format is pdf: write --output x.pdf",
        ),
        (
            ("map", "-f", "svg", "-o", "m"),
            "error: --output m has no extension: write --output m/ for a directory, or --output m.svg",
        ),
        (("handbook", "-f", "html", "-o", "h.pdf"), "error: --output h.pdf names a .pdf file, but the format is html"),
    ],
)
def test_o_that_looks_like_the_other_kind_is_refused(cli, tmp_path, args, message):
    result = cli(*args)
    assert result.exit_code == 2 and result.stderr.startswith(message), result.stderr
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------- item 3: ids and short names


@pytest.mark.parametrize("name", ["Solihull-LSCP", "LSCP", "lscp", "solihull-lscp"])
def test_ids_and_short_names_match_in_any_case(cli, name):
    result = cli("check-quorum", name, "-p", "dcs", "-f", "json")
    assert result.exit_code in (0, 1), result.stderr
    assert cli("show", name, "-f", "json").stdout.count('"id": "solihull-lscp"') == 1


def test_unknown_body_suggests_from_ids_and_short_names(cli):
    result = cli("show", "SSCP-exec")
    assert result.exit_code == 2
    assert "(did you mean 'solihull-sscp-executive' (SSCP Exec)?)" in result.stderr


def test_agency_by_short_name_and_suggestion(edit_cli, tmp_path):
    result = edit_cli(
        "member",
        "add",
        "solihull-lscp",
        "smbc-officer",
        "--role",
        "Officer",
        "--class",
        "core",
        "--agency",
        "smbc",
        "--dry-run",
    )
    assert result.exit_code == 0, result.stderr
    assert "agency: solihull-mbc" in result.stdout
    result = edit_cli("member", "add", "solihull-lscp", "x", "--role", "X", "--class", "core", "--agency", "SMBCC")
    assert result.exit_code == 2 and "unknown agency 'SMBCC' (did you mean 'solihull-mbc' (SMBC)?)" in result.stderr


@pytest.fixture
def edit_cli(cli, scratch):
    return lambda *args: cli("--bodies", str(scratch), *args, cwd=scratch.parent)


# ---------------------------------------------------------------- item 4: check-quorum input


def test_apologies_with_present_is_refused(cli):
    result = cli("check-quorum", SSCP, "-p", "dcs", "-a", "icb-dsp")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --apologies forecasts a meeting") and "not both" in result.stderr
    assert cli("check-quorum", SSCP, "-p", "dcs", "--forecast").stderr.startswith(
        "error: --forecast forecasts a meeting"
    )


def test_sub_errors_show_the_form(cli):
    result = cli("check-quorum", SSCP, "-p", "dcs", "--sub", "Jane Smith for police-dsp from WMP")
    assert result.exit_code == 2
    assert "--sub takes 'NAME for MEMBER', or 'NAME from AGENCY for MEMBER', in that order" in result.stderr
    result = cli("check-quorum", SSCP, "-p", "dcs", "--sub", "Jane from wmpp for police-dsp")
    assert "unknown agency 'wmpp'; closest: west-midlands-police" in result.stderr


# ---------------------------------------------------------------- item 5: dates


def test_read_date_forms():
    today = dt.date(2026, 12, 4)
    assert read_date("2027-01-12", today=today).date == dt.date(2027, 1, 12)
    assert read_date("12/01/2027", today=today).date == dt.date(2027, 1, 12)  # day first, the UK way
    assert read_date("Tomorrow", today=today).date == dt.date(2026, 12, 5)
    with pytest.raises(
        DateInputError, match=r"there is no 30 February 2026 \('2026-02-30'\): February 2026 has 28 days"
    ):
        read_date("2026-02-30", today=today)
    with pytest.raises(
        DateInputError,
        match=r"cannot read 'next week' as a date; write YYYY-MM-DD \(e.g. 2026-12-04\), DD/MM/YYYY \(04/12/2026\)",
    ):
        read_date("next week", today=today)


def test_cli_says_which_date_it_understood(cli):
    result = cli("deadlines", SSCP, "--meeting", "12/01/2027")
    assert result.exit_code == 0
    assert result.stderr == "note: --meeting 12/01/2027 read as Tuesday 12 January 2027\n"
    assert "meeting on Tuesday 12 January 2027" in result.stdout
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    result = cli("deadlines", SSCP, "--meeting", "tomorrow", "-f", "json")
    assert f'"meeting": "{tomorrow.isoformat()}"' in result.stdout
    iso = cli("deadlines", SSCP, "--meeting", "2027-01-12")
    assert iso.stderr == "" and iso.stdout == result_without_note(cli)


def result_without_note(cli):
    return cli("deadlines", SSCP, "--meeting", "12/01/2027").stdout


def test_bad_day_is_told_from_bad_form(cli):
    bad_day = cli("schedule", SSCP, "--first", "2026-02-30")
    assert bad_day.exit_code == 2 and "there is no 30 February 2026" in bad_day.stderr
    bad_form = cli("schedule", SSCP, "--first", "30th")
    assert bad_form.exit_code == 2 and "cannot read '30th' as a date" in bad_form.stderr


def test_no_help_or_error_example_uses_a_2024_date(cli):
    from torctl.cli import COMMAND_MODULES

    for command in dict.fromkeys(COMMAND_MODULES):
        text = cli(command, "--help").stdout
        assert "2024-" not in text, command
    for sub in (("member", "add"), ("review", "record"), ("chair", "set")):
        assert "2024-" not in cli(*sub, "--help").stdout


# ---------------------------------------------------------------- item 6


def test_diff_without_arguments_compares_the_working_tree_with_head(cli, scratch, tmp_path):
    import subprocess

    repo = scratch.parent
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"], check=True
    )
    path = scratch / "solihull-lscp.yaml"
    path.write_text(
        path.read_text().replace(
            "name: Local Safeguarding Children Partnership", "name: Local Safeguarding Partnership", 1
        )
    )
    result = cli("--bodies", str(scratch), "diff", cwd=repo)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Changes to the terms of reference from HEAD to the working tree")
    assert "solihull-lscp" in result.stdout


@pytest.mark.parametrize("fmt", ["PDF", "Md", "HTML"])
def test_formats_match_in_any_case(cli, fmt, tmp_path):
    result = cli("render", "solihull-lscp", "-f", fmt, "-o", f"{tmp_path}/")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / f"solihull-lscp.{fmt.lower()}").is_file()


def test_a_bad_choice_has_no_pydantic_wording(cli):
    result = cli("render", "solihull-lscp", "-f", "odt")
    assert result.exit_code == 2
    assert "Value error" not in result.stderr
    assert "'odt' is not one of 'pdf', 'html', 'md', 'typ', 'docx'." in result.stderr


# ---------------------------------------------------------------- item 7: metavars


def test_help_metavars_are_plain(cli):
    from torctl.cli import COMMAND_MODULES

    for command in dict.fromkeys(COMMAND_MODULES):
        text = cli(command, "--help").stdout
        for odd in ("[[", "]...]", "{BODY}", "<list[", "<str>", "<int", "<path>"):
            assert odd not in text, (command, odd)
    assert "Usage: torctl schedule [OPTIONS] [BODY]\n" in cli("schedule", "--help").stdout
    assert "Usage: torctl show [OPTIONS] BODY\n" in cli("show", "--help").stdout
    assert "-f, --format pdf|html|md|typ" in cli("render", "--help").stdout
