"""`-o -` prints, for every command that takes `-o`: no command writes a file named '-' (`cli.options.output_target`).

Each command is run in an empty working directory with `-o -`; what it prints must be the document and the
directory must stay empty. A site is many files, so `site -o -` is refused (exit 2) rather than building into a
directory named '-'.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT

EXAMPLES = ROOT / "docs" / "examples" / "bodies"
RECORD = EXAMPLES / "attendance" / "example-council-committee" / "2027-02-09.yaml"

PRINTING = {
    "export": (["export", "-f", "popolo"], '"organizations"'),
    "meeting check": (["meeting", "check", str(RECORD)], "Item 1:"),
    "meeting check md": (["meeting", "check", str(RECORD), "-f", "md"], "# Validity note"),
    "meeting check --all": (["meeting", "check", "--all", "example-council-committee"], "2027-02-09"),
    "render": (["render", "example-council-committee", "-f", "md"], "# "),
    "minutes": (["minutes", str(RECORD), "-f", "md"], "Minutes"),
    "actions": (["actions", "-f", "json"], "["),
    "agenda": (["agenda", "example-council-committee", "--date", "2027-03-09", "-f", "md"], "Agenda"),
    "schema": (["schema"], '"$schema"'),
}


@pytest.mark.parametrize("name", sorted(PRINTING))
def test_dash_prints_and_writes_no_file(cli, tmp_path: Path, name: str):
    args, expected = PRINTING[name]
    result = cli("--bodies", str(EXAMPLES), *args, "-o", "-", cwd=tmp_path)
    assert result.exit_code in (0, 1, 4), result.stderr
    assert expected in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_export_dash_is_the_popolo_json(cli, tmp_path: Path):
    result = cli("--bodies", str(EXAMPLES), "export", "-f", "popolo", "-o", "-", cwd=tmp_path)
    assert {"organizations", "posts", "memberships"} <= set(json.loads(result.stdout))


def test_export_and_meeting_check_write_into_a_directory_under_their_own_names(cli, tmp_path: Path):
    assert cli("--bodies", str(EXAMPLES), "export", "-f", "popolo", "-o", "out/", cwd=tmp_path).exit_code == 0
    assert json.loads((tmp_path / "out" / "popolo.json").read_text())["organizations"]
    result = cli("--bodies", str(EXAMPLES), "meeting", "check", str(RECORD), "-f", "md", "-o", "notes/", cwd=tmp_path)
    assert result.exit_code == 1
    assert (tmp_path / "notes" / "example-council-committee-2027-02-09.md").read_text().startswith("# Validity note")


def test_a_note_file_of_another_format_is_refused(cli, tmp_path: Path):
    result = cli(
        "--bodies", str(EXAMPLES), "meeting", "check", str(RECORD), "-f", "md", "-o", "note.json", cwd=tmp_path
    )
    assert result.exit_code == 2 and "note.md" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_site_is_not_printed(cli, tmp_path: Path):
    result = cli("--bodies", str(EXAMPLES), "site", "-o", "-", "--no-pdf", cwd=tmp_path)
    assert result.exit_code == 2 and "give a directory" in result.stderr
    assert list(tmp_path.iterdir()) == []
