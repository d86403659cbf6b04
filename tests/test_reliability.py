"""Issue 13, item by item: what the hostile and fault-injection run found, each pinned by a test.

Items 1-3 (edits as transactions, file identity) are in test_edit_transactions.py;
the hostile corpus (one file per attack) is run by test_hostile.py.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from conftest import BODIES

RDG = "solihull-rdg"
EXEC = "solihull-sscp-executive"


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# ---------------------------------------------------------------- item 5: templates read no local files


def test_a_pdf_template_cannot_read_a_local_file(cli, scratch: Path, tmp_path: Path, monkeypatch):
    secret = tmp_path / "secret.txt"
    secret.write_text("the contents of a local file", encoding="utf-8")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "tor.typ.j2").write_text('#read("secret.txt")\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # Typst's root used to be the working directory
    result = cli(
        "--bodies", str(scratch), "render", RDG, "-f", "pdf", "--templates", str(mine), "-o", f"{tmp_path / 'out'}/"
    )
    assert result.exit_code == 2
    assert "Typst could not typeset" in result.stderr and "file not found" in result.stderr
    assert not (tmp_path / "out" / f"{RDG}.pdf").exists()


def test_a_template_symlinked_out_of_its_directory_is_refused(cli, scratch: Path, tmp_path: Path):
    outside = tmp_path / "outside.md.j2"
    outside.write_text("leaked: {{ doc.name }}\n", encoding="utf-8")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "tor.md.j2").symlink_to(outside)
    result = cli("--bodies", str(scratch), "render", RDG, "-f", "md", "-o", "-", "--templates", str(mine))
    assert result.exit_code == 2
    assert "outside its templates directory" in result.stderr and "leaked" not in result.stdout


def test_an_include_through_a_symlink_is_refused(cli, scratch: Path, tmp_path: Path):
    (tmp_path / "passwd.md.j2").write_text("root:x:0:0\n", encoding="utf-8")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "_secret.md.j2").symlink_to(tmp_path / "passwd.md.j2")
    (mine / "tor.md.j2").write_text('{% include "_secret.md.j2" %}\n', encoding="utf-8")
    result = cli("--bodies", str(scratch), "render", RDG, "-f", "md", "-o", "-", "--templates", str(mine))
    assert result.exit_code == 2
    assert "_secret.md.j2" in result.stderr and "refused" in result.stderr
    assert "root:x" not in result.stdout


def test_templates_beside_the_bodies_are_announced(cli, scratch: Path):
    beside = scratch.parent / "templates"
    beside.mkdir()
    (beside / "tor.md.j2").write_text("mine: {{ doc.name }}\n", encoding="utf-8")
    result = cli("--bodies", str(scratch), "render", RDG, "-f", "md", "-o", "-")
    assert result.exit_code == 0 and result.stdout == "mine: Response and Delivery Group\n"
    assert "note: using templates from" in result.stderr and "(beside the bodies): tor.md.j2" in result.stderr


def test_the_builtin_templates_are_not_announced(cli):
    result = cli("render", RDG, "-f", "md", "-o", "-")
    assert result.exit_code == 0 and result.stderr == ""


def test_a_copy_of_the_builtin_templates_beside_the_bodies_is_not_announced(cli, scratch: Path):
    """The repository's own templates/ (a link into the package) is a copy of the built-ins once torctl is installed."""
    import shutil

    from torctl.render.env import BUILTIN_DIR

    shutil.copytree(BUILTIN_DIR, scratch.parent / "templates")
    result = cli("--bodies", str(scratch), "render", RDG, "-f", "md", "-o", "-")
    assert result.exit_code == 0 and result.stderr == ""
    (scratch.parent / "templates" / "tor.md.j2").write_text("# {{ doc.name }}\n", encoding="utf-8")
    result = cli("--bodies", str(scratch), "render", RDG, "-f", "md", "-o", "-")
    assert result.exit_code == 0 and "note: using templates from" in result.stderr


# ---------------------------------------------------------------- item 6: errors and tables on a terminal


def test_an_error_message_shows_control_characters_as_text(cli):
    result = cli("check-quorum", RDG, "-p", "no\x1b[2Jbody")
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "no\\u001b[2Jbody" in result.stderr


# ---------------------------------------------------------------- item 7: no silent coercion


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("  count: 3\n", "  count: yes\n", "'count' expects a whole number, got yes, which YAML reads as true"),
        (
            "  count: 3\n",
            '  count: "3"\n',
            "'count' expects a whole number, got the text \"3\" (quoted); write it without quotes: count: 3",
        ),
        ("  count: 3\n", "  count: 3.0\n", "'count' expects a whole number, got 3.0 (a decimal); write count: 3"),
        (
            "    votes: null            # the ToR says nothing about voting\n",
            "    votes: 'yes'\n",
            "'votes' expects true or false, got the text 'yes' (quoted); write votes: true without quotes",
        ),
        (
            "    counts_for_quorum: true\n",
            "    counts_for_quorum: 'off'\n",
            "'counts_for_quorum' expects true or false, got the text 'off' (quoted); write counts_for_quorum: false without quotes",
        ),
    ],
)
def test_numbers_and_booleans_are_the_yaml_types_they_claim(cli, scratch: Path, old, new, message):
    replace(scratch / f"{RDG}.yaml", old, new)
    result = cli("--bodies", str(scratch), "validate")
    assert result.exit_code == 1
    assert f"error S003 {message}" in result.stdout


def test_enums_still_read_from_text(tree):
    """Strict types are per field: the model-wide strict mode would refuse every enum written as text."""
    assert tree.bodies[RDG].members[0].member_class.value == "core"


# ---------------------------------------------------------------- item 8: a quorum met by nobody


def test_a_quorum_met_by_nobody_is_a_finding(cli, scratch: Path):
    """1/20 of the RDG's 17 posts, rounded down, is 0: QUORATE "0 of 0" before; now an error."""
    replace(
        scratch / f"{RDG}.yaml",
        "  rule: at-least\n  count: 3\n  counting: agencies\n",
        "  rule: fraction\n  numerator: 1\n  denominator: 20\n  rounding: down\n",
    )
    result = cli("--bodies", str(scratch), "validate")
    assert "error Q002 quorum is met with nobody present" in result.stdout, result.stdout
    assert result.exit_code == 1


# ---------------------------------------------------------------- item 9: an impostor never wins


def test_an_impostor_file_never_answers_for_an_id(cli, scratch: Path):
    text = (scratch / f"{RDG}.yaml").read_text()
    (scratch / "aaa.yaml").write_text(
        text.replace("name: Response and Delivery Group", "name: Impostor Group").replace(
            "  count: 3\n", "  count: 1\n"
        ),
        encoding="utf-8",
    )
    found = cli("--bodies", str(scratch), "validate")
    assert "aaa.yaml:" in found.stdout and f"R004 body id '{RDG}' is also used by" in found.stdout
    assert "torctl uses only" in found.stdout
    shown = cli("--bodies", str(scratch), "show", RDG)
    assert shown.exit_code == 0 and "Impostor" not in shown.stdout
    # show reads only the body's own file and those it names (issue 14): the impostor is not even read
    quorum = cli("--bodies", str(scratch), "check-quorum", RDG, "-p", "chair")
    assert quorum.exit_code == 1 and "NOT QUORATE" in quorum.stdout
    edit = cli("--bodies", str(scratch), "member", "update", RDG, "chair", "--holder", "A. Holder")
    assert edit.exit_code == 0 and "A. Holder" in (scratch / f"{RDG}.yaml").read_text()
    assert "A. Holder" not in (scratch / "aaa.yaml").read_text()


# ---------------------------------------------------------------- item 10: no silent gaps


def test_list_warns_about_a_body_it_cannot_read(cli, scratch: Path):
    (scratch / f"{RDG}.yaml").write_text("id: solihull-rdg\nname: [unclosed\n", encoding="utf-8")
    result = cli("--bodies", str(scratch), "list")
    assert result.exit_code == 0
    assert "warning: left out 1 file with errors" in result.stderr and f"{RDG}.yaml" in result.stderr


def test_diff_with_an_unparseable_side_is_incomplete_not_a_removal(cli, scratch: Path):
    (scratch / f"{RDG}.yaml").write_text("id: solihull-rdg\nname: [unclosed\n", encoding="utf-8")
    result = cli("diff", str(BODIES), str(scratch), "--fail-on-weakening")
    assert result.exit_code == 1
    assert "Body removed" not in result.stdout and "(removed)" not in result.stdout
    assert "not compared" in result.stdout and "the comparison is incomplete" in result.stderr
    json_result = cli("diff", str(BODIES), str(scratch), "-f", "json")
    assert json_result.exit_code == 0 and '"complete": false' in json_result.stdout


def test_a_complete_diff_still_passes(cli):
    result = cli("diff", str(BODIES), str(BODIES), "--fail-on-weakening")
    assert result.exit_code == 0 and "No changes." in result.stdout


# ---------------------------------------------------------------- item 11: edges give messages, not exit 3


def test_a_review_in_year_9999_is_a_finding_and_the_report_goes_on(cli, scratch: Path):
    replace(scratch / f"{EXEC}.yaml", "  next_due: 2024-03", "  next_due: 9999-12")
    found = cli("--bodies", str(scratch), "validate")
    assert "error S003 'next_due': year 9999 is outside the years torctl works with (1900 to 2999)" in found.stdout
    report = cli("--bodies", str(scratch), "review-due", "--as-of", "2026-11-23")
    assert report.exit_code == 0
    assert "solihull-strategic-quartet  overdue" in report.stdout
    assert "warning: left out 1 file with errors" in report.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["deadlines", RDG, "--meeting", "9999-12-31"], "--meeting 9999-12-31: year 9999 is outside"),
        (["deadlines", RDG, "--meeting", "0001-01-01"], "--meeting 0001-01-01: year 1 is outside"),
        (["schedule", RDG, "--first", "9999-12-01"], "--first 9999-12-01: year 9999 is outside"),
        (["review-due", "--as-of", "9999-12-31"], "--as-of 9999-12-31: year 9999 is outside"),
        (["agenda", RDG, "--date", "9999-12-31"], "--date 9999-12-31: year 9999 is outside"),
    ],
)
def test_extreme_dates_on_the_command_line_are_usage_errors(cli, args, message):
    result = cli(*args)
    assert result.exit_code == 2
    assert message in result.stderr and "internal error" not in result.stderr


def test_review_record_next_due_9999_is_a_usage_error(cli, scratch: Path):
    result = cli("--bodies", str(scratch), "review", "record", RDG, "--date", "2026-01-01", "--next-due", "9999-12")
    assert result.exit_code == 2
    assert "--next-due 9999-12: year 9999 is outside" in result.stderr


@pytest.mark.parametrize(
    "period, message", [("{months: 0}", "a period of 0 months is no length"), ("{}", "a period needs a length")]
)
def test_rotation_periods_that_cannot_turn_are_findings(cli, scratch: Path, period, message):
    replace(scratch / f"{EXEC}.yaml", "    period:\n      months: 12\n", f"    period: {period}\n")
    result = cli("--bodies", str(scratch), "validate")
    assert result.exit_code == 1 and message in result.stdout
    schedule = cli("--bodies", str(scratch), "schedule", EXEC, "--first", "2027-01-05")
    assert schedule.exit_code == 2 and "internal error" not in schedule.stderr


def test_a_pattern_that_is_no_rrule_is_a_finding(cli, scratch: Path):
    replace(scratch / f"{EXEC}.yaml", "meetings:\n  cadence:", "meetings:\n  pattern: FREQ=SOMETIMES\n  cadence:")
    result = cli("--bodies", str(scratch), "validate")
    assert result.exit_code == 1 and "meetings.pattern 'FREQ=SOMETIMES' is not a valid RRULE" in result.stdout


def test_a_tab_inside_a_plain_value_is_a_finding_and_edits_refuse_cleanly(cli, scratch: Path):
    replace(scratch / f"{RDG}.yaml", "role: Chair (West Midlands Police)", "role: Chair\t(West Midlands Police)")
    found = cli("--bodies", str(scratch), "validate")
    assert "error Y001 tab character inside an unquoted value" in found.stdout
    edit = cli("--bodies", str(scratch), "member", "add", RDG, "new-post", "--role", "X", "--class", "core")
    assert edit.exit_code == 2 and "does not validate" in edit.stderr


def test_an_edit_writes_a_tab_quoted(cli, scratch: Path):
    result = cli("--bodies", str(scratch), "member", "update", RDG, "chair", "--holder", "A.\tHolder")
    assert result.exit_code == 0
    assert 'holder: "A.\\tHolder"' in (scratch / f"{RDG}.yaml").read_text()
    assert cli("--bodies", str(scratch), "validate").exit_code == 0


# ---------------------------------------------------------------- item 12: only regular files, bounded


def _bounded(run, *args, seconds: float = 10.0):
    """Run the CLI in a thread so a hang fails the test instead of stalling the suite."""
    out: list = []
    thread = threading.Thread(target=lambda: out.append(run(*args)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert out, f"torctl {' '.join(args)} did not finish in {seconds} s"
    return out[0]


@pytest.fixture
def specials(scratch: Path) -> dict[str, Path]:
    fifo = scratch / "pipe.yaml"
    os.mkfifo(fifo)
    zero = scratch / "zero.yaml"
    zero.symlink_to("/dev/zero")
    hidden = scratch / ".hidden.yaml"
    shutil.copy(scratch / f"{RDG}.yaml", hidden)
    return {"fifo": fifo, "zero": zero, "hidden": hidden}


@pytest.mark.parametrize(
    "kind, reason",
    [
        ("fifo", "a FIFO (named pipe), not a regular file"),
        ("zero", "a device, not a regular file"),
        ("hidden", "a hidden file"),
    ],
)
def test_validate_refuses_a_special_file_named_explicitly(cli, scratch: Path, specials, kind, reason):
    result = _bounded(cli, "--bodies", str(scratch), "validate", str(specials[kind]))
    assert result.exit_code == 2
    assert reason in result.stderr and "checked 0 files" not in result.stdout


@pytest.mark.parametrize("kind, reason", [("fifo", "a FIFO"), ("zero", "a device")])
def test_diff_refuses_a_special_file_at_once(cli, scratch: Path, specials, kind, reason):
    result = _bounded(cli, "diff", str(specials[kind]), str(scratch / f"{RDG}.yaml"))
    assert result.exit_code == 2 and reason in result.stderr


def test_a_directory_with_special_files_validates_its_regular_files(cli, scratch: Path, specials):
    result = _bounded(cli, "--bodies", str(scratch), "validate")
    assert result.exit_code == 0 and "checked 10 files (8 bodies)" in result.stderr


def test_a_file_not_in_the_bodies_layout_named_explicitly_is_refused(cli, scratch: Path):
    stray = scratch / "elsewhere" / "stray.yaml"
    stray.parent.mkdir()
    shutil.copy(scratch / f"{RDG}.yaml", stray)
    result = cli("--bodies", str(scratch), "validate", str(stray))
    assert result.exit_code == 2 and "not a file torctl reads" in result.stderr


def test_agenda_items_from_a_device_are_refused(cli):
    result = _bounded(cli, "agenda", RDG, "--date", "2027-01-05", "--items", "/dev/zero")
    assert result.exit_code == 2
    assert "a device, not a regular file" in result.stderr and "no such file" not in result.stderr


def test_reads_stop_at_the_size_limit_even_if_the_size_lies(tmp_path: Path, monkeypatch):
    from torctl.data import yamlio

    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * 5000 + b"\n")
    with pytest.raises(yamlio.YamlProblem, match="over 100 bytes"):
        # a file that grows after it was measured is still read no further than the limit
        real = os.stat
        monkeypatch.setattr(
            os,
            "stat",
            lambda p, *a, **k: (
                os.stat_result((*real(p)[:6], 10, *real(p)[7:])) if Path(p) == path else real(p, *a, **k)
            ),
        )
        yamlio.read_regular(path, limit=100)


# ---------------------------------------------------------------- item 13: smaller


def test_a_control_character_is_placed_by_line_and_column(cli, scratch: Path):
    replace(scratch / f"{RDG}.yaml", "role: Chair (West Midlands Police)", "role: Chair \x1b(West Midlands Police)")
    result = cli("--bodies", str(scratch), "validate")
    line = next(i for i, text in enumerate((scratch / f"{RDG}.yaml").read_text().splitlines(), 1) if "\x1b" in text)
    assert f"solihull-rdg.yaml:{line}:17: error Y004 control character U+001B is not allowed" in result.stdout
    assert "position" not in result.stdout


def test_a_huge_integer_is_not_echoed(cli, scratch: Path):
    replace(scratch / f"{RDG}.yaml", "  count: 3\n", "  count: " + "7" * 5000 + "\n")
    result = cli("--bodies", str(scratch), "validate")
    assert "a number of 5,000 characters is far too long" in result.stdout
    assert "7777777777" not in result.stdout and "set_int_max_str_digits" not in result.stdout


@pytest.mark.parametrize("tagged", ["!!str Response and Delivery Group", "!!binary UkRH"])
def test_explicit_tags_are_refused(cli, scratch: Path, tagged):
    replace(scratch / f"{RDG}.yaml", "name: Response and Delivery Group", f"name: {tagged}")
    result = cli("--bodies", str(scratch), "validate")
    assert result.exit_code == 1 and "error Y001 YAML tags" in result.stdout


# ---------------------------------------------------------------- the README's promises


def test_every_reliability_promise_in_the_readme_names_a_test_that_exists():
    import ast
    import re as regex

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Reliability: what is atomic, locked and refused", 1)[1].split("\n## ", 1)[0]
    rows = [
        line for line in section.splitlines() if line.startswith("| ") and not line.startswith(("| promise", "|---"))
    ]
    assert len(rows) >= 10
    current = None  # `::name` continues the file named last
    for row in rows:
        names = regex.findall(r"`((?:test_\w+\.py)?::?\w*)`", row.rsplit("|", 2)[-2])
        assert names, row
        for name in names:
            file, _, test = name.partition("::")
            current = file or current
            assert current, row
            tree = ast.parse((Path(__file__).resolve().parent / current).read_text(encoding="utf-8"))
            defined = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
            assert test in defined, f"README names {current}::{test}, which does not exist"
