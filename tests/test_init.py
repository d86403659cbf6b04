"""`torctl init DIR` (issue 15, item 10): a governance repository that validates, and whose CI commands run."""

from __future__ import annotations

import shlex
import subprocess

import yaml

PARTNERS = (
    "--partnership",
    "Solihull Safeguarding Children Partnership",
    "--local-authority",
    "Solihull Metropolitan Borough Council (SMBC)",
    "--health",
    "NHS Birmingham and Solihull Integrated Care Board (BSol ICB)",
    "--police",
    "West Midlands Police (WMP)",
)


def test_init_writes_a_repository_that_validates(cli, tmp_path):
    target = tmp_path / "ssp"
    result = cli("init", str(target), *PARTNERS, "--body", "ssp-executive", "--name", "SSP Executive", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    for name in (
        "bodies/agencies.yaml",
        "bodies/ssp-executive.yaml",
        "bodies/calendars/README.md",
        "schema/body.schema.json",
        "schema/agencies.schema.json",
        ".github/workflows/torctl.yml",
        ".pre-commit-config.yaml",
        "README.md",
    ):
        assert (target / name).is_file(), name
    agencies = yaml.safe_load((target / "bodies/agencies.yaml").read_text())["agencies"]
    assert [(a["id"], a["short_name"], a["kind"]) for a in agencies] == [
        ("solihull-metropolitan-borough-council", "SMBC", "statutory-local-authority"),
        ("nhs-birmingham-and-solihull-integrated-care-board", "BSol ICB", "statutory-health"),
        ("west-midlands-police", "WMP", "statutory-police"),
    ]
    body = (target / "bodies/ssp-executive.yaml").read_text()
    assert body.startswith("# yaml-language-server: $schema=../schema/body.schema.json\n")
    validated = cli("--bodies", str(target / "bodies"), "validate")
    assert validated.exit_code == 0 and "0 errors" in validated.stderr
    assert cli("--bodies", str(target / "bodies"), "validate", "--strict").exit_code == 1  # the TODO markers
    hooks = yaml.safe_load((target / ".pre-commit-config.yaml").read_text())
    assert hooks["repos"][0]["hooks"][0]["id"] == "torctl-validate"
    again = cli("init", str(target), *PARTNERS, cwd=tmp_path)
    assert again.exit_code == 2 and "never overwrites a file" in again.stderr


def test_init_with_torctl_repo_uses_the_shipped_hook(cli, tmp_path):
    result = cli("init", str(tmp_path / "r"), *PARTNERS, "--torctl-repo", "https://git.example/torctl", cwd=tmp_path)
    assert result.exit_code == 0
    config = yaml.safe_load((tmp_path / "r/.pre-commit-config.yaml").read_text())["repos"][0]
    assert config["repo"] == "https://git.example/torctl" and config["hooks"][0]["id"] == "torctl-validate"
    workflow = (tmp_path / "r/.github/workflows/torctl.yml").read_text()
    steps = yaml.safe_load(workflow)["jobs"]["validate"]["steps"]
    assert steps[2]["run"].startswith("python -m pip install --quiet git+https://git.example/torctl@v")


def test_init_needs_the_partnership_and_a_partner(cli, tmp_path):
    result = cli("init", str(tmp_path / "x"), cwd=tmp_path)
    assert result.exit_code == 2 and "--partnership NAME" in result.stderr
    result = cli("init", str(tmp_path / "x"), "--partnership", "P", cwd=tmp_path)
    assert result.exit_code == 2 and "name at least one statutory partner" in result.stderr
    assert not (tmp_path / "x").exists()


def test_the_workflow_commands_run_on_a_pull_request(cli, tmp_path, monkeypatch):
    """Each torctl step of the generated workflow, run as GitHub would on a pull request that edits a body
    (in-process; a `> FILE` at the end of a step is honoured)."""
    repo = tmp_path / "ssp"
    assert cli("init", str(repo), *PARTNERS, "--body", "ssp-executive", cwd=tmp_path).exit_code == 0
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "start"], cwd=repo, check=True)
    subprocess.run(["git", "update-ref", "refs/remotes/origin/main", "HEAD"], cwd=repo, check=True)
    body = repo / "bodies/ssp-executive.yaml"
    body.write_text(body.read_text().replace("status: proposed", "status: active", 1))
    steps = yaml.safe_load((repo / ".github/workflows/torctl.yml").read_text())["jobs"]["validate"]["steps"]
    commands = [s["run"] for s in steps if "run" in s and s["run"].startswith("torctl ")]
    assert len(commands) == 2
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    for command in commands:
        words = shlex.split(command.replace("${{ github.base_ref }}", "main"))
        target = None
        if ">" in words:
            words, target = words[: words.index(">")], words[words.index(">") + 1]
        result = cli(*words[1:], cwd=repo)
        assert result.exit_code == 0, (command, result.stderr)
        if target:
            (repo / target).write_text(result.stdout)
    summary = (repo / "torctl-diff.md").read_text()
    assert summary.startswith("## Terms of reference: changes from `origin/main` to the working tree")
    assert "- Status: 'proposed' → 'active'" in summary
