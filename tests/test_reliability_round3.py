"""Issue 30, item by item (the write paths are in test_write_paths.py, the corpus run in test_hostile_run.py)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import BODIES

LSCP, RDG = "solihull-lscp", "solihull-rdg"


@pytest.fixture
def bodies(tmp_path: Path) -> Path:
    root = tmp_path / "bodies"
    shutil.copytree(BODIES, root)
    return root


# ---------------------------------------------------------------- outputs never write over what torctl did not write


def test_render_never_writes_over_a_body_file(cli, bodies: Path):
    body = bodies / f"{RDG}.yaml"
    before = body.read_bytes()
    result = cli("--bodies", str(bodies), "render", LSCP, "-f", "md", "-o", str(body))
    assert result.exit_code == 2 and "it is in the bodies directory" in result.stderr and "--force" in result.stderr
    assert body.read_bytes() == before
    added = cli("--bodies", str(bodies), "render", LSCP, "-f", "md", "-o", str(bodies / "new.yaml"))
    assert added.exit_code == 2 and not (bodies / "new.yaml").exists()  # a YAML file there would be read as a body


@pytest.mark.parametrize(
    "args",
    [
        ["render", LSCP, "-f", "md"],
        ["schema"],
        ["map", "-f", "dot"],
        ["review-due", "--as-of", "2026-11-23", "-f", "json"],
        ["schedule", "solihull-sscp-executive", "--from", "2026-11-23", "--first", "2027-01-05", "-f", "json"],
        ["export", "-f", "popolo", "--as-of", "2026-12-04"],
    ],
    ids=lambda a: a[0],
)
def test_an_output_is_written_again_but_never_over_a_file_torctl_did_not_write(cli, tmp_path: Path, args):
    suffix = {"render": "md", "map": "dot"}.get(args[0], "json")
    out = tmp_path / f"out.{suffix}"
    assert cli(*args, "-o", str(out)).exit_code == 0
    first = out.read_bytes()
    assert cli(*args, "-o", str(out)).exit_code == 0  # torctl wrote it: written again
    out.write_text("the clerk's own notes\n", encoding="utf-8")
    refused = cli(*args, "-o", str(out))
    assert refused.exit_code == 2
    assert "torctl did not write it, or it has changed since; add --force to replace it" in refused.stderr
    assert out.read_text(encoding="utf-8") == "the clerk's own notes\n"
    assert cli(*args, "-o", str(out), "--force").exit_code == 0 and out.read_bytes() == first


def test_meeting_check_output_is_guarded_too(cli, tmp_path: Path):
    record = Path("docs/examples/records/attendance/solihull-sscp-executive/2024-01-16.yaml").resolve()
    out = tmp_path / "note.md"
    out.write_text("mine\n", encoding="utf-8")
    args = ("--bodies", str(record.parents[2]), "meeting", "check", str(record), "-f", "md", "-o", str(out))
    result = cli(*args)
    assert result.exit_code == 2 and out.read_text(encoding="utf-8") == "mine\n"
    assert cli(*args, "--force").exit_code in (0, 1) and out.read_text(encoding="utf-8") != "mine\n"


def test_the_site_refuses_a_symlink_inside_its_directory(cli, tmp_path: Path):
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "bodies").symlink_to(elsewhere)
    result = cli("site", "-o", str(out), "--as-of", "2026-12-04", "--no-pdf")
    assert result.exit_code == 2 and "is a symbolic link" in result.stderr
    assert os.listdir(elsewhere) == [] and os.listdir(out) == ["bodies"]  # nothing written anywhere


def test_the_site_is_built_again_but_not_over_a_page_someone_changed(cli, tmp_path: Path):
    out = tmp_path / "site"
    assert cli("site", "-o", str(out), "--as-of", "2026-12-04", "--no-pdf").exit_code == 0
    assert cli("site", "-o", str(out), "--as-of", "2026-12-04", "--no-pdf").exit_code == 0
    (out / "index.html").write_text("hand-made\n", encoding="utf-8")
    refused = cli("site", "-o", str(out), "--as-of", "2026-12-04", "--no-pdf")
    assert refused.exit_code == 2 and "index.html" in refused.stderr
    assert (out / "index.html").read_text(encoding="utf-8") == "hand-made\n"


def test_export_refuses_year_9999_as_every_date_option_does(cli):
    for command in (["export", "-f", "popolo"], ["site", "-o", "never", "--no-pdf"]):
        result = cli(*command, "--as-of", "9999-12-31")
        assert result.exit_code == 2 and "9999" in result.stderr, command
    assert not Path("never").exists()


# ---------------------------------------------------------------- reading outside the tree


def test_a_symlink_out_of_the_bodies_directory_is_never_read_or_published(cli, bodies: Path, tmp_path: Path):
    outside = tmp_path / "secret.yaml"
    outside.write_text("API_KEY: hunter2\nid: leak-body\nname: Leaked Board\n", encoding="utf-8")
    (bodies / "leak-body.yaml").symlink_to(outside)
    checked = cli("--bodies", str(bodies), "validate")
    assert checked.exit_code == 1 and "Y010" in checked.stdout
    assert "API_KEY" not in checked.stdout + checked.stderr
    out = tmp_path / "site"
    cli("--bodies", str(bodies), "site", "-o", str(out), "--as-of", "2026-12-04", "--no-pdf")
    published = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert b"Leaked Board" not in published and b"API_KEY" not in published
    assert b"leak-body" not in (out / "popolo.json").read_bytes()
    exported = cli("--bodies", str(bodies), "export", "-f", "popolo", "--as-of", "2026-12-04")
    assert "Leaked" not in exported.stdout


def test_a_records_folder_linked_out_of_the_tree_is_not_read(cli, bodies: Path, tmp_path: Path):
    outside = tmp_path / "elsewhere"
    shutil.copytree(Path("docs/examples/records/attendance"), outside)
    (bodies / "attendance").symlink_to(outside, target_is_directory=True)
    checked = cli("--bodies", str(bodies), "validate")
    assert checked.exit_code == 1 and "attendance: error Y010" in checked.stdout


# ---------------------------------------------------------------- inputs that fool a verdict


def test_a_review_date_in_the_future_is_a_finding_not_ok(cli, bodies: Path):
    path = bodies / "solihull-strategic-quartet.yaml"
    text = path.read_text(encoding="utf-8")
    import re

    text, n = re.subn(r"(?m)^(  last_reviewed:) .*$", r"\1 2999-09", text, count=1)
    assert n == 1
    path.write_text(text, encoding="utf-8")
    result = cli("--bodies", str(bodies), "validate", "-f", "json")
    codes = [(f["code"], f["message"]) for f in json.loads(result.stdout)["findings"]]
    assert result.exit_code == 1
    assert any(code == "D002" and "September 2999 is after today" in msg for code, msg in codes), codes
