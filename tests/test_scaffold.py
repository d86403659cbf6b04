"""`torctl new` and the T001 TODO-marker check that `validate --strict` reports."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from torctl.change.scaffold import scaffold_text
from torctl.data.load import load_tree
from torctl.data.checks.todo import todo_markers as todo_findings
from torctl.model import Body


@pytest.fixture
def run(cli, scratch: Path):
    return lambda *args: cli("--bodies", str(scratch), *args)


def test_new_body_is_valid_and_strict_lists_its_todos(run, scratch: Path):
    result = run("new", "solihull-new-board", "--name", "Solihull New Board: Pilot", "--partnership", "SSCP")
    assert result.exit_code == 0, result.stderr
    assert "created" in result.stdout and "validate --strict" in result.stderr
    path = scratch / "solihull-new-board.yaml"
    body = Body.model_validate(yaml.safe_load(path.read_text()))
    assert (body.name, body.partnership, body.status) == ("Solihull New Board: Pilot", "SSCP", "proposed")

    plain = run("validate")
    assert plain.exit_code == 0, plain.stdout + plain.stderr
    strict = run("validate", "--strict")
    assert strict.exit_code == 1
    todos = [line for line in strict.stdout.splitlines() if " T001 " in line]
    assert len(todos) >= 5 and all("solihull-new-board.yaml:" in line and "warning" in line for line in todos)
    assert any("members[0].role" in line for line in todos)


def test_filling_in_every_todo_makes_strict_pass(run, scratch: Path):
    assert run("new", "pilot-board").exit_code == 0
    path = scratch / "pilot-board.yaml"
    path.write_text(re.sub(r'"TODO:[^"]*"', '"Filled in from the ToR"', path.read_text()))
    result = run("validate", "--strict")
    assert result.exit_code == 0, result.stdout


def test_scaffold_has_every_section_with_a_comment():
    text = scaffold_text("pilot-board", today=dt.date(2025, 1, 2))
    data = yaml.safe_load(text)
    fields = [info.alias or name for name, info in Body.model_fields.items()]
    assert list(data) == fields  # every section, in the model's order
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if re.match(r"^[a-z_]+:", line):
            commented = (
                "#" in line
                or lines[i - 1].startswith("#")
                or (i + 1 < len(lines) and lines[i + 1].lstrip().startswith("#"))
            )
            assert commented or line.split(":")[0] in (
                "id",
                "name",
                "voting",
                "members",
                "chair",
                "meetings",
                "administration",
                "purpose",
            ), line
    assert text.count("#") > 40
    assert "started with `torctl new` on 2025-01-02" in text


def test_new_refuses_to_overwrite(run, scratch: Path):
    before = (scratch / "solihull-rdg.yaml").read_bytes()
    result = run("new", "solihull-rdg")
    assert result.exit_code == 2 and "already exists" in result.stderr and "never overwrites" in result.stderr
    assert (scratch / "solihull-rdg.yaml").read_bytes() == before


def test_new_refuses_a_bad_id(run, scratch: Path):
    result = run("new", "Solihull Board")
    assert result.exit_code == 2 and "not a body id" in result.stderr
    assert sorted(p.name for p in scratch.iterdir()) == sorted(
        p.name for p in (Path(__file__).parent.parent / "bodies").iterdir()
    )


def test_a_new_body_can_be_edited_at_once(run, scratch: Path):
    assert run("new", "pilot-board").exit_code == 0
    result = run(
        "member",
        "add",
        "pilot-board",
        "dcs",
        "--role",
        "Director of Children's Services",
        "--agency",
        "solihull-mbc",
        "--class",
        "core",
    )
    assert result.exit_code == 0, result.stderr
    text = (scratch / "pilot-board.yaml").read_text()
    # the hints indented inside the first post stay with it; the new post follows them
    assert "    # vacancy: to-be-appointed  # or vacant, to-be-decided, where there is no holder\n  - id: dcs\n" in text
    assert load_tree(scratch).bodies["pilot-board"].member("dcs") is not None


def test_todo_check_reads_values_not_comments(scratch: Path):
    path = scratch / "solihull-rdg.yaml"
    path.write_text(
        path.read_text()
        .replace("  - id: chair\n", "  # TODO: check the chair\n  - id: chair\n", 1)
        .replace("role: Chair (West Midlands Police)", "role: Chair (TODO confirm the role)")
    )
    findings = [f for f in todo_findings(load_tree(scratch)) if f.path.endswith("solihull-rdg.yaml")]
    assert [(f.code, f.severity, f.line) for f in findings] == [("T001", "warning", 46)]
    assert "members[0].role" in findings[0].message


def test_real_bodies_have_no_todo_markers(tree):
    assert todo_findings(tree) == []


def test_todo_findings_sit_on_the_scaffolds_todo_lines(run, scratch: Path):
    """The T001 positions follow the scaffold: each finding is on a line whose value (not a comment) says TODO."""
    assert run("new", "pilot-board").exit_code == 0
    lines = (scratch / "pilot-board.yaml").read_text().splitlines()
    marked = [i for i, line in enumerate(lines, start=1) if "TODO" in line.split("#", 1)[0] or '"TODO' in line]
    found = [f.line for f in todo_findings(load_tree(scratch)) if f.path.endswith("pilot-board.yaml")]
    assert found == marked and len(found) >= 8


def test_the_scaffold_says_which_command_fills_each_section():
    text = scaffold_text("pilot-board")
    for command in (
        "torctl set pilot-board PATH VALUE",
        "torctl class add pilot-board CLASS",
        "torctl member add",
        "torctl chair set pilot-board",
        "torctl set pilot-board quorum",
        "torctl set pilot-board meetings.cadence",
        "torctl set pilot-board administration.papers",
        "torctl item add",
        "torctl duty add",
        "torctl interest add",
        "torctl review record",
        "torctl question resolve",
    ):
        assert command in text, command
    for line in text.splitlines():
        assert "torctl set" not in line or "pilot-board" in line, line  # every example names this body
