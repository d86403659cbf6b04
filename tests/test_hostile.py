"""The hostile corpus (`tests/hostile/`): one file per attack, each with the finding it must get.

Each file says `# expect: CODE` (or `none` for valid data whose danger is in the
output). All of them are put beside the real bodies; `validate` must report each
expected code at its file, and every command that reads bodies must answer with
an exit code of 0, 1 or 2: never 3 (an internal error), never a traceback, and
never a raw control character on the terminal.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import xml.dom.minidom
from pathlib import Path

import pytest

from conftest import BODIES

HOSTILE = Path(__file__).resolve().parent / "hostile"
EXPECT = re.compile(rb"^# expect: (\S+)$", re.M)
RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u202a-\u202e\u2066-\u2069]")


def corpus() -> dict[str, str]:
    """File name -> the finding code it must get ('none': it is valid)."""
    found = {}
    for path in sorted(HOSTILE.glob("*.yaml")):
        match = EXPECT.search(path.read_bytes())
        assert match, f"{path.name} does not say what it expects"
        found[path.name] = match[1].decode()
    return found


VALID = [name for name, code in corpus().items() if code in ("none", "S004")]  # S004 is a warning: still valid


def _directory(tmp_path: Path, names) -> Path:
    root = tmp_path / "bodies"
    shutil.copytree(BODIES, root)
    for name in names:
        shutil.copy(HOSTILE / name, root / name)
    return root


def _safe(result, args) -> None:
    where = " ".join(args)
    assert result.exit_code in (0, 1, 2), f"torctl {where}: exit {result.exit_code}\n{result.stderr}"
    assert "Traceback" not in result.stdout + result.stderr, where
    assert "internal error" not in result.stderr, f"torctl {where}: {result.stderr}"
    assert not RAW_CONTROL.search(result.stdout + result.stderr), f"torctl {where} printed a raw control character"


def test_the_corpus_covers_each_class_of_attack():
    codes = set(corpus().values())
    assert {"Y001", "Y002", "Y003", "Y004", "Y005", "Y006", "S001", "S003", "R002", "R004", "Q002", "none"} <= codes
    assert len(corpus()) >= 30


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory) -> Path:
    return _directory(tmp_path_factory.mktemp("hostile"), corpus())


def test_validate_reports_each_attack_at_its_file(cli, hostile_root: Path):
    result = cli("--bodies", str(hostile_root), "validate", str(hostile_root), "--format", "json")
    _safe(result, ["validate"])
    assert result.exit_code == 1
    import json

    findings = json.loads(result.stdout)["findings"]
    by_file: dict[str, set[str]] = {}
    for finding in findings:
        by_file.setdefault(Path(finding["path"]).name, set()).add(finding["code"])
    for name, code in corpus().items():
        got = {c for c in by_file.get(name, set()) if not c.startswith("T")}
        if code == "none":
            assert not got, f"{name}: expected no finding, got {got}"
        else:
            assert code in got, f"{name}: expected {code}, got {got or 'nothing'}"


@pytest.mark.parametrize("name", sorted(corpus()))
def test_validate_named_file(cli, hostile_root: Path, name: str):
    """Each file named on the command line (as pre-commit passes them) gets its finding, and nothing breaks."""
    result = cli("--bodies", str(hostile_root), "validate", str(hostile_root / name))
    _safe(result, ["validate", name])
    assert result.exit_code == (0 if name in VALID else 1)
    if corpus()[name] != "none":
        assert f" {corpus()[name]} " in result.stdout


READERS = [
    ["list"],
    ["list", "-f", "json"],
    ["show", "solihull-rdg"],
    ["show", "terminal-escape"],
    ["show", "markup-injection", "-f", "json"],
    ["check-quorum", "solihull-rdg", "-p", "chair"],
    ["check-quorum", "terminal-escape", "-p", "chair", "-p", "member-two"],
    ["check-quorum", "terminal-escape", "-p", "chair", "-f", "json"],
    ["review-due", "--as-of", "2026-11-23"],
    ["review-due", "--as-of", "2026-11-23", "-f", "csv"],
    ["review-due", "--as-of", "2026-11-23", "-f", "markdown"],
    ["review-due", "--as-of", "2026-11-23", "-f", "json"],
    ["schedule", "--all", "--first", "2027-01-05", "-n", "1"],
    ["schedule", "terminal-escape", "--first", "2027-01-05", "-n", "2"],
    ["deadlines", "plymouth-improvement-board", "--meeting", "2027-01-05"],
    ["attendance", "solihull-sscp-executive"],
    ["render", "--all", "-f", "md"],
    ["map"],
    ["member", "update", "solihull-rdg", "chair", "--holder", "A. Holder", "--dry-run"],
    ["member", "update", "terminal-escape", "chair", "--holder", "A. Holder", "--dry-run"],
]


@pytest.mark.parametrize("args", READERS, ids=" ".join)
def test_commands_that_read_bodies_survive_the_corpus(cli, hostile_root: Path, args):
    _safe(cli("--bodies", str(hostile_root), *args), args)


def test_diff_against_the_corpus_is_incomplete_and_fails_a_weakening_check(cli, hostile_root: Path):
    result = cli("diff", str(BODIES), str(hostile_root), "--fail-on-weakening")
    _safe(result, ["diff"])
    assert result.exit_code == 1
    assert "the comparison is incomplete" in result.stderr
    assert "not compared" in result.stdout


def test_the_impostor_never_answers_for_the_real_body(cli, hostile_root: Path):
    shown = cli("--bodies", str(hostile_root), "show", "solihull-rdg")
    assert shown.exit_code == 0 and "impostor" not in shown.stdout
    listed = cli("--bodies", str(hostile_root), "list")
    assert "warning: left out" in listed.stderr and "impostor" not in listed.stdout
    quorum = cli("--bodies", str(hostile_root), "check-quorum", "solihull-rdg", "-p", "chair")
    assert quorum.exit_code == 1 and "Response and Delivery Group: NOT QUORATE" in quorum.stdout


# ---------------------------------------------------------------- valid data, dangerous output


@pytest.fixture(scope="module")
def valid_root(tmp_path_factory) -> Path:
    return _directory(tmp_path_factory.mktemp("valid"), VALID)


def test_valid_attacks_publish_in_every_format(cli, valid_root: Path, tmp_path: Path):
    result = cli(
        "--bodies",
        str(valid_root),
        "render",
        "--all",
        "-f",
        "md",
        "-f",
        "html",
        "-f",
        "pdf",
        "-o",
        f"{tmp_path / 'site'}/",
    )
    _safe(result, ["render"])
    assert result.exit_code == 0
    assert "/etc/passwd" in (tmp_path / "site" / "markup-injection.md").read_text()  # shown literally, never run


def test_svg_map_stays_valid_xml(cli, valid_root: Path):
    result = cli("--bodies", str(valid_root), "map", "-f", "svg")
    assert result.exit_code == 0
    xml.dom.minidom.parseString(result.stdout.encode("utf-8"))  # a raw \x01 or \x03 would make this fail
    assert "External\ufffd board" in result.stdout and "\u200b" not in result.stdout


def test_csv_cells_never_start_a_formula(cli, valid_root: Path):
    result = cli("--bodies", str(valid_root), "review-due", "--as-of", "2026-11-23", "-f", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    row = next(r for r in rows if r["id"] == "csv-formula")
    assert row["name"] == '\'=HYPERLINK("http://example.invalid","click")'
    assert row["detail"] == "'@SUM(1+1)"
    for row in rows:
        for key, value in row.items():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), (key, value)
            if value.startswith("-"):
                assert key == "days_left" and value.lstrip("-").isdigit()


def test_check_quorum_shows_invisible_characters_as_text(cli, valid_root: Path):
    result = cli("--bodies", str(valid_root), "check-quorum", "bidi-text", "-p", "chair", "-p", "member-two")
    assert result.exit_code == 0
    assert "\u202e" not in result.stdout and "\u200b" not in result.stdout and "\u2066" not in result.stdout
    assert "Chair\\u200b" in result.stdout
    assert "Member \\u202egnp.exe" in result.stdout


def test_escaped_control_characters_are_refused_at_their_value(cli, hostile_root: Path):
    result = cli("--bodies", str(hostile_root), "validate", str(hostile_root / "terminal-escape.yaml"))
    assert result.exit_code == 1
    assert "terminal-escape.yaml:14:11: error S003 control character U+001B (at character 6 of the value)" in (
        result.stdout
    )
