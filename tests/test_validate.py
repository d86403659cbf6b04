"""`torctl validate`: every way a file can be wrong gets one clear finding, at its line and column."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

LSCP = "solihull-lscp.yaml"


def replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def validate(cli, scratch: Path, *args: str):
    return cli("--bodies", str(scratch), "validate", *args, cwd=scratch.parent)


def test_real_bodies_are_clean(cli):
    result = cli("validate")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "10 files (8 bodies)" in result.stderr and "0 errors, 0 warnings" in result.stderr


def test_misspelt_field_gets_line_column_and_suggestion(cli, scratch):
    path = scratch / LSCP
    replace(path, "    class: secretariat\n", "    clas: secretariat\n")
    line = line_of(path, "clas: secretariat")
    result = validate(cli, scratch)
    assert result.exit_code == 1
    assert f"bodies/{LSCP}:{line}:5: error S001 unknown field 'clas' (did you mean 'class'?)" in result.stdout
    # the missing 'class' is reported too, at the post's mapping
    assert "S002 required field 'class' is missing" in result.stdout


def test_misspelt_top_level_field(cli, scratch):
    replace(scratch / LSCP, "standing_items:", "standing_item:")
    result = validate(cli, scratch)
    assert "unknown field 'standing_item' (did you mean 'standing_items'?)" in result.stdout


def test_wrong_type_is_explained_at_the_value(cli, scratch):
    path = scratch / LSCP
    replace(path, "    times_per_year: 3", "    times_per_year: three")
    result = validate(cli, scratch)
    line = line_of(path, "times_per_year: three")
    assert f":{line}:21: error S003 'times_per_year' expects a whole number, got 'three'" in result.stdout


def test_bad_choice_suggests_the_nearest(cli, scratch):
    replace(scratch / LSCP, "frequency: per-year", "frequency: per-yaer")
    result = validate(cli, scratch)
    assert (
        "'frequency' must be one of: weekly, monthly, bi-monthly, quarterly, per-year, every-n-weeks; got 'per-yaer' (did you mean 'per-year'?)"
        in result.stdout
    )


def test_unknown_quorum_rule_kind(cli, scratch):
    replace(scratch / LSCP, "  rule: represented\n", "  rule: represent\n")
    result = validate(cli, scratch)
    assert "unknown rule 'represent'" in result.stdout and "did you mean 'represented'?" in result.stdout


def test_missing_required_field(cli, scratch):
    path = scratch / LSCP
    replace(path, "status: not-stated\n", "")
    result = validate(cli, scratch)
    assert result.exit_code == 1
    assert f"bodies/{LSCP}:6:1: error S002 required field 'status' is missing" in result.stdout


def test_bad_month_precision_date(cli, scratch):
    path = scratch / "solihull-strategic-quartet.yaml"
    replace(path, "last_reviewed: 2023-09 ", "last_reviewed: Sept 2023 ")
    result = validate(cli, scratch)
    assert "expected a date (YYYY-MM-DD) or a month (YYYY-MM)" in result.stdout
    replace(path, "last_reviewed: Sept 2023 ", "last_reviewed: 2023-02-30 ")
    result = validate(cli, scratch)
    assert result.exit_code == 1
    assert "error S003 '2023-02-30' is not a valid date: day is out of range for month" in result.stdout
    replace(path, "last_reviewed: 2023-02-30 ", "last_reviewed: '2023-02-30' ")
    assert "not a real date: day is out of range for month" in validate(cli, scratch).stdout


@pytest.mark.parametrize(
    ("content", "code", "message", "line", "column"),
    [
        ("id: x\nname: a\nid: y\n", "Y002", "duplicate key 'id' (first given at line 1)", 3, 1),
        ("a: &x [1, 2]\nb: *x\n", "Y003", "anchors and aliases", 1, 4),
        ("id: x\nmembers:\n\t- id: y\n", "Y001", "tab character", 3, 1),
        ("role: Chair: West Midlands Police\n", "Y001", "text containing ': ' must be quoted", 1, 12),
        ("name: [unclosed\n", "Y001", "not closed", 2, 1),
        ("- just\n- a list\n", "Y006", "the document is a list", 1, 1),
        ("just text\n", "Y006", "a single value", 1, 1),
        ("a: !python/object:os.system x\n", "Y001", "tags and merge keys", 1, 4),
    ],
)
def test_broken_yaml(cli, scratch, content, code, message, line, column):
    (scratch / "broken.yaml").write_text(content, encoding="utf-8")
    result = validate(cli, scratch)
    assert result.exit_code == 1
    found = [row for row in result.stdout.splitlines() if row.startswith("bodies/broken.yaml")]
    assert len(found) == 1, result.stdout
    assert found[0].startswith(f"bodies/broken.yaml:{line}:{column}: error {code} ")
    assert message in found[0]
    assert "Traceback" not in result.stderr


def test_alias_bomb_is_refused_fast(cli, scratch):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    (scratch / "bomb.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = validate(cli, scratch)
    assert "bodies/bomb.yaml:1:5: error Y003" in result.stdout


@pytest.mark.parametrize(
    ("raw", "code", "message"),
    [
        (b"", "Y005", "the file is empty"),
        (b"   \n\n", "Y005", "the file is empty"),
        (b"# only a comment\n", "Y005", "the file is empty"),
        (b"name: caf\xe9\n", "Y004", "byte 0xe9 is not UTF-8"),
        (b"name: a\x00b\n", "Y004", "NUL bytes"),
    ],
)
def test_unreadable_files(cli, scratch, raw, code, message):
    (scratch / "bad.yaml").write_bytes(raw)
    result = validate(cli, scratch)
    assert result.exit_code == 1
    assert f"error {code} " in result.stdout and message in result.stdout


def test_non_utf8_position(cli, scratch):
    (scratch / "bad.yaml").write_bytes(b"id: bad\nname: caf\xe9\n")
    assert "bodies/bad.yaml:2:10: error Y004" in validate(cli, scratch).stdout


def test_too_large(cli, scratch):
    (scratch / "huge.yaml").write_text("notes:\n" + "  - x\n" * 200_000, encoding="utf-8")
    assert "error Y007 the file is 1,200,007 bytes" in validate(cli, scratch).stdout


def test_id_must_match_file_name(cli, scratch):
    (scratch / LSCP).rename(scratch / "lscp.yaml")
    result = validate(cli, scratch)
    assert "bodies/lscp.yaml:6:5: error R005 id 'solihull-lscp' must equal the file name 'lscp'" in result.stdout


def test_unknown_agency_with_suggestion(cli, scratch):
    path = scratch / LSCP
    replace(path, "agency: bsol-ccg\n", "agency: bsol-cgg\n")
    line = line_of(path, "agency: bsol-cgg")
    result = validate(cli, scratch)
    assert f":{line}:13: error R001 unknown agency 'bsol-cgg' (did you mean 'bsol-ccg'?)" in result.stdout


def test_dangling_post_and_body_references(cli, scratch):
    replace(scratch / LSCP, "  post: independent-scrutineer\n", "  post: independent-scrutiner\n")
    replace(scratch / LSCP, "from_body: solihull-arg", "from_body: solihull-argh")
    replace(
        scratch / "solihull-strategic-quartet.yaml",
        "solihull-sscp-executive/police-dsp",
        "solihull-sscp-executive/police",
    )
    result = validate(cli, scratch)
    assert "R002 unknown post 'independent-scrutiner' (did you mean 'independent-scrutineer'?)" in result.stdout
    assert "R003 unknown body 'solihull-argh' (did you mean 'solihull-arg'?)" in result.stdout
    assert "R002 body 'solihull-sscp-executive' has no post 'police' (did you mean 'police-dsp'?)" in result.stdout


def test_undefined_membership_class(cli, scratch):
    replace(scratch / LSCP, "    class: secretariat\n", "    class: adviser\n")
    result = validate(cli, scratch)
    assert "R006 class 'adviser' is not defined under membership_classes (defined: core, secretariat)" in result.stdout


def test_quorum_that_can_never_be_met(cli, scratch):
    # the only police member becomes a non-counting observer: police can never be represented
    path = scratch / "solihull-sscp-executive.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "    agency: west-midlands-police\n    class: core",
        "    agency: west-midlands-police\n    class: participant-observer",
    )
    path.write_text(text, encoding="utf-8")
    result = validate(cli, scratch)
    assert result.exit_code == 1
    assert "Q001 quorum can never be met" in result.stdout and "no counting member from WMP" in result.stdout


def test_quorum_kind_with_no_counting_member(cli, scratch):
    replace(
        scratch / LSCP, "  agencies: [solihull-mbc, bsol-ccg, west-midlands-police]\n", "  agency_kinds: [government]\n"
    )
    result = validate(cli, scratch)
    assert "Q001 no counting member belongs to an agency of kind government" in result.stdout


def test_at_least_more_than_the_membership(cli, scratch):
    replace(scratch / "solihull-arg.yaml", "  count: 3\n", "  count: 30\n")
    result = validate(cli, scratch)
    assert "Q001 quorum can never be met" in result.stdout and "only 16 available where 30 are needed" in result.stdout


def test_next_review_before_last(cli, scratch):
    replace(
        scratch / "solihull-strategic-quartet.yaml",
        "  last_reviewed: 2023-09",
        "  next_due: 2023-08\n  last_reviewed: 2023-09",
    )
    result = validate(cli, scratch)
    assert "D001 next review (August 2023) is before the last review (September 2023)" in result.stdout


def test_month_precision_is_not_out_of_order_within_the_month(cli, scratch):
    replace(
        scratch / "solihull-strategic-quartet.yaml",
        "  last_reviewed: 2023-09",
        "  next_due: 2023-09\n  last_reviewed: 2023-09-15",
    )
    assert validate(cli, scratch).exit_code == 0


def test_reporting_lines_disagree_is_a_warning(cli, scratch):
    replace(scratch / LSCP, "    - body: solihull-rdg\n", "    - external: RDG\n")
    result = validate(cli, scratch)
    assert result.exit_code == 0  # warnings alone pass...
    assert "warning R007" in result.stdout
    assert validate(cli, scratch, "--strict").exit_code == 1  # ...unless --strict


def test_reports_all_findings_in_one_run(cli, scratch):
    replace(scratch / LSCP, "frequency: per-year", "frequency: yearly")
    replace(scratch / "solihull-arg.yaml", "quarterly", "quartely")
    (scratch / "empty.yaml").write_text("", encoding="utf-8")
    result = validate(cli, scratch)
    assert result.stdout.count("error") == 3


def test_missing_registry(cli, scratch):
    (scratch / "agencies.yaml").unlink()
    result = validate(cli, scratch)
    assert result.exit_code == 1 and "no agency registry (agencies.yaml)" in result.stdout


def test_duplicate_agency_in_registry(cli, scratch):
    path = scratch / "agencies.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "  - id: dfe\n    name: Again\n    kind: government\n", encoding="utf-8"
    )
    assert "R004 agency id 'dfe' is listed twice" in validate(cli, scratch).stdout


def test_json_format(cli, scratch):
    replace(scratch / LSCP, "    class: secretariat\n", "    clas: secretariat\n")
    result = validate(cli, scratch, "--format", "json")
    data = json.loads(result.stdout)
    assert data["errors"] == 2 and data["files"] == 10 and data["bodies"] == 7
    first = data["findings"][0]
    assert set(first) == {"path", "line", "column", "code", "message", "severity", "title"}


def test_github_format(cli, scratch):
    replace(scratch / LSCP, "    class: secretariat\n", "    clas: secretariat\n")
    result = validate(cli, scratch, "--format", "github")
    line = next(row for row in result.stdout.splitlines() if "S001" in row)
    assert line.startswith(f"::error file=bodies/{LSCP},line=")
    assert ",title=S001 unknown field::unknown field 'clas'" in line


def test_auto_format_under_github_actions(cli, scratch, monkeypatch):
    replace(scratch / LSCP, "    class: secretariat\n", "    clas: secretariat\n")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert validate(cli, scratch).stdout.startswith("::error ")


def test_single_file_is_checked_in_its_directory(cli, scratch):
    """As pre-commit calls it: one changed file, cross-file references still resolve."""
    result = cli("validate", str(scratch / LSCP), cwd=scratch.parent)
    assert result.exit_code == 0, result.stdout
    assert "checked 1 file (8 bodies)" in result.stderr


def test_single_file_reports_only_its_own_findings(cli, scratch):
    replace(scratch / "solihull-arg.yaml", "quarterly", "quartely")
    assert cli("validate", str(scratch / LSCP), cwd=scratch.parent).exit_code == 0
    assert cli("validate", str(scratch / "solihull-arg.yaml"), cwd=scratch.parent).exit_code == 1


def test_usage_errors(cli, scratch, tmp_path):
    assert cli("validate", str(tmp_path / "missing.yaml"), cwd=tmp_path).exit_code == 2
    empty = tmp_path / "empty-dir"
    empty.mkdir()
    result = cli("validate", str(empty), cwd=tmp_path)
    assert result.exit_code == 2 and "no YAML files in directory" in result.stderr
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    result = cli("validate", str(tmp_path / "notes.txt"), cwd=tmp_path)
    assert result.exit_code == 2 and "not a YAML file" in result.stderr
