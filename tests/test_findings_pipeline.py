"""The findings pipeline: every code documented and emitted, --explain, --select/--ignore, and `# torctl:` directives."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from torctl.data.checks import CHECKS
from torctl.findings import Code, matching

SRC = Path(__file__).resolve().parent.parent / "src" / "torctl"


def _emitted() -> dict[str, set[str]]:
    """Every `Code.X` named in the source outside the catalogue itself, with the modules naming it."""
    found: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        if path.name == "findings.py" and path.parent == SRC:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Code":
                found.setdefault(node.attr, set()).add(str(path.relative_to(SRC)))
    return found


def test_every_code_emitted_is_documented_and_every_code_documented_is_emitted():
    emitted = _emitted()
    documented = {code.name for code in Code}
    assert set(emitted) - documented == set(), "emitted but not in torctl.findings.Code"
    assert documented - set(emitted) == set(), "documented in torctl.findings.Code but never emitted"


def test_no_code_is_typed_as_a_string_where_it_is_emitted():
    """A code is an enum member wherever it is made: a string literal would dodge the catalogue."""
    pattern = re.compile(r"^[YSRQDATMG]\d{3}$")
    literals = []
    for path in SRC.rglob("*.py"):
        if path.name == "findings.py" and path.parent == SRC:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and pattern.match(node.value):
                literals.append(f"{path.relative_to(SRC)}:{node.lineno}: {node.value}")
    assert literals == []


@pytest.mark.parametrize("code", list(Code), ids=[c.value for c in Code])
def test_every_code_explains_itself(cli, code):
    assert code.summary and code.meaning and code.why and code.fix and code.severity in ("error", "warning")
    result = cli("validate", "--explain", code.value.lower())
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"{code.value}: {code.summary} ({code.severity} by default)")
    for heading in ("What it means", "Why it matters", "How to fix it"):
        assert heading in result.stdout


def test_explain_refuses_an_unknown_code_with_the_nearest(cli):
    result = cli("validate", "--explain", "R0002")
    assert result.exit_code == 2 and "no code 'R0002'" in result.stderr and "did you mean" in result.stderr


def test_every_check_names_codes_that_exist_and_every_body_check_is_small():
    assert CHECKS and all(entry.codes and entry.doc for entry in CHECKS)
    assert len({entry.name for entry in CHECKS}) == len(CHECKS)


def test_select_and_ignore_take_codes_and_prefixes():
    assert matching(["R002"]) == ({Code.R002}, [])
    codes, unknown = matching(["q", "X9"])
    assert codes == {Code.Q001, Code.Q002} and unknown == ["X9"]


# ---------------------------------------------------------------- through the CLI, on a tree with known findings


MISSPELT = "agency: solihull-school"


def _break(scratch: Path) -> Path:
    """One finding in the LSCP: a member's agency misspelt (R001), on one line."""
    body = scratch / "solihull-lscp.yaml"
    _edit(body, "agency: solihull-schools", MISSPELT)
    return body


def test_select_reports_only_the_codes_named_and_ignore_leaves_them_out(cli, scratch):
    _break(scratch)
    every = cli("--bodies", str(scratch), "validate", "-f", "json")
    codes = {f["code"] for f in json.loads(every.stdout)["findings"]}
    assert "R001" in codes and every.exit_code == 1
    only = cli("--bodies", str(scratch), "validate", "-f", "json", "--select", "Q")
    assert json.loads(only.stdout)["findings"] == [] and only.exit_code == 0
    ignored = cli("--bodies", str(scratch), "validate", "--ignore", "R00")
    assert ignored.exit_code == 0 and "R001" not in ignored.stdout


def test_select_refuses_a_word_that_names_no_code(cli):
    result = cli("validate", "--select", "R002,Z9")
    assert result.exit_code == 2 and "--select: no code 'Z9'" in result.stderr


def test_json_titles_and_sarif_rules_come_from_the_codes(cli, scratch):
    _break(scratch)
    findings = json.loads(cli("--bodies", str(scratch), "validate", "-f", "json").stdout)["findings"]
    assert findings and all(f["title"] == Code(f["code"]).summary for f in findings)
    sarif = json.loads(cli("--bodies", str(scratch), "validate", "-f", "sarif").stdout)
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(c.value for c in Code)
    assert all(r["name"] == Code(r["id"]).summary and r["fullDescription"]["text"] for r in rules)


# ---------------------------------------------------------------- directives


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_directive_with_a_reason_silences_its_finding_on_its_line(cli, scratch):
    body = _break(scratch)
    before = cli("--bodies", str(scratch), "validate")
    assert "R001" in before.stdout
    _edit(body, MISSPELT, f"{MISSPELT}  # torctl: disable=R001 -- agreed 12 March 2026")
    after = cli("--bodies", str(scratch), "validate")
    assert after.exit_code == 0, after.stdout + after.stderr
    assert after.stdout == ""


def test_a_directive_covers_only_its_own_line(cli, scratch):
    """An unknown agency in the quorum is found twice: R001 at the agency, Q001 at the rule, two lines up."""
    body = scratch / "solihull-lscp.yaml"
    old = "agencies: [solihull-mbc, bsol-ccg, west-midlands-police]"
    _edit(body, old, old.replace("police]", "polic]  # torctl: disable=R001,Q001 -- accepted"))
    result = cli("--bodies", str(scratch), "validate")
    assert " R001 " not in result.stdout and " Q001 quorum can never be met" in result.stdout
    assert "T004 this directive silences Q001, but there is no Q001 finding on line" in result.stdout


def test_a_directive_on_its_own_line_covers_the_next(cli, scratch):
    body = _break(scratch)
    line = _line_of(body, MISSPELT)
    text = body.read_text(encoding="utf-8").splitlines(keepends=True)
    indent = text[line - 1][: len(text[line - 1]) - len(text[line - 1].lstrip())]
    text.insert(line - 1, f"{indent}# torctl: disable=R001 -- the board accepts this\n\n")
    body.write_text("".join(text), encoding="utf-8")
    assert cli("--bodies", str(scratch), "validate").exit_code == 0


def test_a_directive_without_a_reason_is_itself_a_finding(cli, scratch):
    body = _break(scratch)
    _edit(body, MISSPELT, f"{MISSPELT}  # torctl: disable=R001")
    result = cli("--bodies", str(scratch), "validate")
    assert result.exit_code == 1 and "T002 the directive gives no reason" in result.stdout
    assert " R001 " not in result.stdout  # the directive still silences what it names


def test_a_directive_naming_no_code_or_a_schema_code_is_a_finding(cli, scratch):
    body = scratch / "solihull-arg.yaml"
    _edit(body, "\nid: solihull-arg", "\nid: solihull-arg  # torctl: disable=R0O1 -- typo")
    result = cli("--bodies", str(scratch), "validate")
    assert result.exit_code == 1 and "T003 no code 'R0O1' (did you mean 'R001'?)" in result.stdout
    _edit(body, "disable=R0O1 -- typo", "disable=S001 -- cannot")
    result = cli("--bodies", str(scratch), "validate")
    assert "T003 S001 cannot be silenced" in result.stdout
    _edit(body, "# torctl: disable=S001 -- cannot", "# torctl: silence everything")
    assert "T003 cannot read the directive" in cli("--bodies", str(scratch), "validate").stdout


def test_a_directive_that_silences_nothing_is_a_warning_unless_its_code_was_not_checked(cli, scratch):
    body = scratch / "solihull-arg.yaml"
    _edit(body, "\nid: solihull-arg", "\nid: solihull-arg  # torctl: disable=R002 -- was a typo once")
    line = _line_of(body, "torctl: disable=R002")
    result = cli("--bodies", str(scratch), "validate")
    assert result.exit_code == 0 and f"solihull-arg.yaml:{line}:" in result.stdout and "T004" in result.stdout
    assert cli("--bodies", str(scratch), "validate", "--strict").exit_code == 1
    assert "T004" not in cli("--bodies", str(scratch), "validate", "--ignore", "R002").stdout


def test_a_disable_file_directive_covers_the_whole_file(cli, scratch):
    body = _break(scratch)
    _edit(body, "\nid: solihull-lscp", "\n# torctl: disable-file=R001 -- agreed\nid: solihull-lscp")
    assert cli("--bodies", str(scratch), "validate").exit_code == 0


def test_a_marker_inside_a_block_of_text_is_not_a_directive(cli, scratch):
    """A `#` inside a block scalar is text: the line after it is not silenced."""
    body = _break(scratch)
    _edit(body, f"    {MISSPELT}", f"    reading: |\n      # torctl: disable=R001 -- not a comment\n    {MISSPELT}")
    result = cli("--bodies", str(scratch), "validate")
    assert result.exit_code == 1 and " R001 unknown agency 'solihull-school'" in result.stdout, result.stdout


def test_open_questions_are_warnings_at_their_words_until_resolved(cli, scratch):
    path = scratch / "solihull-rdg.yaml"
    path.write_text(
        path.read_text()
        + "open_questions:\n"
        + "  - kind: to-do\n    field: quorum\n    words: The group is quorate when a majority attends.\n"
        + "  - kind: confirm\n    field: chair\n    words: Chaired by a DSP.\n    note: which DSP is not said\n",
        encoding="utf-8",
    )
    plain = cli("--bodies", str(scratch), "validate")
    assert plain.exit_code == 0
    strict = cli("--bodies", str(scratch), "validate", "--strict", "-f", "json")
    found = [(f["code"], f["line"], f["message"]) for f in json.loads(strict.stdout)["findings"]]
    assert strict.exit_code == 1
    lines = path.read_text().splitlines()
    todo, confirm = (f for f in found if f[0] in ("T005", "T006"))
    assert todo[0] == "T005" and "(probably quorum)" in todo[2] and "majority attends" in lines[todo[1] - 1]
    assert (
        confirm[0] == "T006" and "which DSP is not said" in confirm[2] and "Chaired by a DSP" in lines[confirm[1] - 1]
    )
