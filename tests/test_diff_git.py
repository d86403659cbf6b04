"""`torctl diff --git`: old versions read with `git show` from a repository made in the test."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import BODIES

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A governance repository: bodies/ committed once."""
    root = tmp_path / "governance"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Test Officer")
    git(root, "config", "user.email", "officer@example.org")
    git(root, "config", "commit.gpgsign", "false")
    shutil.copytree(BODIES, root / "bodies")
    git(root, "add", "bodies")
    git(root, "commit", "-q", "-m", "Bodies as approved")
    return root


@pytest.fixture
def run(cli, repo: Path):
    return lambda *args: cli("--bodies", str(repo / "bodies"), *args, cwd=repo)


def test_an_unchanged_working_tree_has_no_changes(run):
    result = run("diff", "--git", "HEAD")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Changes to the terms of reference from HEAD to the working tree",
        "No changes.",
    ]


def test_remove_a_member_and_record_a_substitute_then_summarise(run, repo: Path):
    """The flow of docs/editing.md: two edits on a real body, comments intact, and the board's summary."""
    path = repo / "bodies" / "solihull-sscp-executive.yaml"
    comments_before = [line for line in path.read_text().splitlines() if "#" in line]
    assert run("member", "remove", "solihull-sscp-executive", "police-chief-inspector").exit_code == 0
    assert (
        run(
            "member",
            "substitute",
            "solihull-sscp-executive",
            "dcs",
            "Jane Smith",
            "--role",
            "Assistant Director Safeguarding",
        ).exit_code
        == 0
    )
    assert [line for line in path.read_text().splitlines() if "#" in line] == comments_before
    assert git(repo, "diff", "--numstat").split() == ["3", "4", "bodies/solihull-sscp-executive.yaml"]

    result = run("diff", "--git", "HEAD")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Changes to the terms of reference from HEAD to the working tree",
        "",
        "SSCP Executive Group (solihull-sscp-executive), bodies/solihull-sscp-executive.yaml",
        "  Members",
        "    - Removed: Chief Inspector (Public Protection)/Chair of the Learning and Development group, WMP, core: "
        "voting not stated, counts for quorum",
        "    - Director of Children's Services (DSP): substitute added: Jane Smith (Assistant Director Safeguarding)",
    ]
    md = run("diff", "--git", "HEAD", "--format", "md")
    assert md.stdout.startswith("## Terms of reference: changes from `HEAD` to the working tree\n\n1 body changed.\n")


def test_two_revisions(run, repo: Path):
    path = repo / "bodies" / "solihull-rdg.yaml"
    path.write_text(path.read_text().replace("  count: 3\n", "  count: 2\n"))
    git(repo, "commit", "-q", "-am", "Lower the RDG quorum")
    path.write_text(path.read_text().replace("frequency: quarterly", "frequency: monthly"))  # not committed

    for spec in ("HEAD~1..HEAD", "HEAD~1.."):
        result = run("diff", "--git", spec)
        assert result.exit_code == 0, result.stderr
        assert "! Weakens governance (quorum): the quorum is easier to reach: at least 3 → at least 2" in result.stdout
        assert "Meets" not in result.stdout  # the working tree is not part of HEAD~1..HEAD
    result = run("diff", "--git", "HEAD")
    assert "Meets quarterly → monthly" in result.stdout and "Weakens" not in result.stdout
    assert run("diff", "--git", "HEAD~1", "--fail-on-weakening").exit_code == 1


def test_a_new_body_and_a_new_directory(run, repo: Path):
    assert run("new", "pilot-board", "--name", "Pilot Board").exit_code == 0
    result = run("diff", "--git", "HEAD")
    assert "Pilot Board (pilot-board) (new), bodies/pilot-board.yaml" in result.stdout
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Pilot board")
    # at the first commit of a repository with bodies elsewhere, every body is new
    other = repo / "more"
    shutil.copytree(repo / "bodies", other)
    git(repo, "add", "more")
    git(repo, "commit", "-q", "-m", "More bodies")
    from torctl.change.diff import diff_git

    result = diff_git(other, "HEAD~1")
    assert {b.status for b in result.bodies} == {"added"} and len(result.bodies) == 9


@pytest.mark.parametrize(("spec", "message"), [("no-such-rev", "git rev-parse"), ("HEAD...HEAD~1", "two dots")])
def test_bad_revisions(run, spec: str, message: str):
    result = run("diff", "--git", spec)
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_not_a_repository(cli, scratch: Path):
    result = cli("--bodies", str(scratch), "diff", "--git", "HEAD", cwd=scratch)
    assert result.exit_code == 2 and "git rev-parse" in result.stderr


def test_a_file_not_utf8_at_a_revision_is_a_gap_not_a_crash(run, repo: Path):
    """Issue 13, item 10: a file git holds that is not UTF-8 is not compared, and says so (was exit 3)."""
    path = repo / "bodies" / "solihull-rdg.yaml"
    original = path.read_bytes()
    path.write_bytes(original.replace(b"Response and Delivery Group", b"Response \xe9 Delivery Group", 1))
    git(repo, "commit", "-q", "-am", "a bad byte")
    path.write_bytes(original)
    result = run("diff", "--git", "HEAD", "--fail-on-weakening")
    assert result.exit_code == 1 and "internal error" not in result.stderr
    assert "solihull-rdg.yaml (at HEAD): not compared: not UTF-8 text" in result.stdout
    assert "(new)" not in result.stdout


def test_a_file_invalid_at_a_revision_lists_each_problem_at_its_line_and_revision(run, repo: Path):
    """Each schema problem of a file read with `git show` is placed in the file, and says at which revision."""
    path = repo / "bodies" / "solihull-rdg.yaml"
    original = path.read_text()
    path.write_text(original.replace("  count: 3\n", "  count: many\n").replace("class: core", "class: x", 1))
    git(repo, "commit", "-q", "-am", "two mistakes")
    path.write_text(original)
    result = run("diff", "--git", "HEAD", "--fail-on-weakening")
    assert result.exit_code == 1
    warnings = [line for line in result.stdout.splitlines() if line.startswith("warning: ")]
    assert [w.split(": not compared: ")[0] for w in warnings] == [
        "warning: bodies/solihull-rdg.yaml:47:12 (at HEAD)",
        "warning: bodies/solihull-rdg.yaml:128:3 (at HEAD)",
    ]
    assert "(1 file(s) not compared)" in result.stderr
