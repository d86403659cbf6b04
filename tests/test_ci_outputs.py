"""Issue 15 items 11 and 12: CI output that scales (SARIF, JUnit, a GitHub step summary) and shell completion."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from conftest import ROOT


def _break(scratch: Path, count: int, prefix: str = "bogus") -> None:
    """`count` unknown-field errors in one body file."""
    path = scratch / "solihull-lscp.yaml"
    extra = "".join(f"{prefix}_{i}: 1\n" for i in range(count))
    path.write_text(path.read_text() + extra)


def test_sarif_has_stable_rules_and_paths(cli, scratch):
    _break(scratch, 2)
    result = cli("--bodies", str(scratch), "validate", "-f", "sarif", cwd=scratch.parent)
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    run = log["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rules == sorted(rules) and "S001" in rules  # every code, always: indices never shift between runs
    results = run["results"]
    assert len(results) == 2
    for item in results:
        assert item["ruleId"] == "S001" and rules[item["ruleIndex"]] == "S001" and item["level"] == "error"
        where = item["locations"][0]["physicalLocation"]
        assert where["artifactLocation"]["uri"] == "bodies/solihull-lscp.yaml"
        assert where["region"]["startLine"] >= 1 and where["region"]["startColumn"] >= 1
        assert item["message"]["text"].startswith("unknown field 'bogus_")
    clean = json.loads(cli("validate", "-f", "sarif").stdout)
    assert clean["runs"][0]["results"] == [] and [r["id"] for r in clean["runs"][0]["tool"]["driver"]["rules"]] == rules


def test_junit_has_a_case_per_file(cli, scratch):
    _break(scratch, 1)
    result = cli("--bodies", str(scratch), "validate", "-f", "junit", cwd=scratch.parent)
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout)
    suite = root.find("testsuite")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert len(cases) == 10 and suite.get("failures") == "1"
    failure = cases["bodies/solihull-lscp.yaml"].find("failure")
    assert failure is not None and "S001 unknown field 'bogus_0'" in failure.text
    assert cases["bodies/solihull-rdg.yaml"].find("failure") is None


def test_github_step_summary_only_when_annotations_overflow(cli, scratch, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    _break(scratch, 10)
    result = cli("--bodies", str(scratch), "validate", cwd=scratch.parent)
    assert result.exit_code == 1 and result.stdout.count("::error ") == 10
    assert not summary.exists()  # ten annotations: GitHub shows them all
    _break(scratch, 1, "extra")  # eleven now
    result = cli("--bodies", str(scratch), "validate", cwd=scratch.parent)
    text = summary.read_text()
    assert text.startswith("## torctl validate\n\n11 errors, 0 warnings")
    assert text.count("| bodies/solihull-lscp.yaml:") == result.stdout.count("::error ") > 10
    assert "all are in the job summary" in result.stderr


def test_completion_of_commands_bodies_and_posts(capsys, monkeypatch):
    """What bash's completion asks torctl (in-process: the same entry point the shell script calls)."""
    from torctl.cli import main

    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("_TORCTL_COMPLETE", "complete_bash")

    def complete(words: str, cword: int) -> list[str]:
        monkeypatch.setenv("COMP_WORDS", words)
        monkeypatch.setenv("COMP_CWORD", str(cword))
        capsys.readouterr()
        assert main([]) == 0
        return capsys.readouterr().out.split()

    assert complete("torctl check-quorum solihull-s", 2) == ["solihull-sscp-executive", "solihull-strategic-quartet"]
    assert complete("torctl check-quorum solihull-lscp -p d", 4) == ["dcs"]
    assert "check-quorum" in complete("torctl ch", 1)
