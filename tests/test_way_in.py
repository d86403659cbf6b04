"""Issue 28's yardstick: from a ToR in Word to a body that passes `validate --strict` and a first meeting record
that `meeting check` rules on, through the CLI alone (the README's walkthrough, step by step)."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT

DOCX = ROOT / "docs" / "examples" / "import" / "example-partnership-tor.docx"
BODY = "solihull-exploitation-and-missing-subgroup"
ACCOUNTABLE = (
    "{reports_to: [{external: Solihull Local Safeguarding Children Partnership, what: a highlight report after each "
    'meeting, relation: accountable-to, text: "The Subgroup is accountable to the Solihull Local Safeguarding '
    'Children Partnership and sends it a highlight report after each meeting."}]}'
)


def test_from_a_word_tor_to_a_ruled_meeting_without_yaml(cli, scratch: Path):
    def run(*args: str):
        return cli("--bodies", str(scratch), *args)

    imported = run("import", str(DOCX))
    assert imported.exit_code == 0, imported.stderr
    assert run("validate").exit_code == 0  # a draft is valid at once
    assert run("validate", "--strict").exit_code == 1  # until its open questions are settled
    questions = run("question", "list", BODY)
    assert "confirm [quorum]" in questions.stdout and "to-do [reporting]" in questions.stdout
    assert run("question", "resolve", BODY, "1").exit_code == 0  # the quorum's reading, confirmed
    settled = run("question", "resolve", BODY, "1", "--set", ACCOUNTABLE)
    assert settled.exit_code == 0, settled.stderr
    strict = run("validate", "--strict")
    assert strict.exit_code == 0, strict.stdout

    assert run("meeting", "new", BODY, "--date", "2027-01-19", "--from-agenda").exit_code == 0
    record = str(scratch / "attendance" / BODY / "2027-01-19.yaml")
    people = ("head-of-service-exploitation", "detective-chief-inspector-public", "designated-nurse-for-safeguarding")
    present = [arg for post in people for arg in ("-p", post)]
    away = ["--apologies", "missing-children-coordinator", "--apologies", "youth-offending-service-manager"]
    decided = ["--decision", "2: The minutes were agreed.", "--consensus", "2", "--item", "3: Return home interviews"]
    marked = run("meeting", "set", record, *present, "-p", "data-analyst-solihull-metropolitan", *away, *decided)
    assert marked.exit_code == 0, marked.stderr
    checked = run("meeting", "check", record, "--format", "json")
    assert checked.exit_code == 0, checked.stderr
    verdict = json.loads(checked.stdout)
    assert verdict["answer"] == "valid"
    assert [i["answer"] for i in verdict["items"]] == [None, "valid", None]
    assert run("validate", "--strict").exit_code == 0
