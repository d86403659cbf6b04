"""The action log (`torctl actions`) across meeting records, and what `validate` finds in actions (C001-C004)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

EXAMPLES = ROOT / "docs" / "examples" / "bodies"
COUNCIL = "example-council-committee"


def actions(cli, *args: str, bodies: Path = EXAMPLES):
    return cli("--bodies", str(bodies), "actions", *args)


def test_an_action_agreed_after_the_day_is_not_in_the_log_of_that_day(cli):
    result = actions(cli, "--as-of", "2027-03-08")
    assert "2027-03-01" not in result.stdout.split("\n", 1)[1] and "2027-02-02" in result.stdout


def test_every_action_soonest_due_first_with_its_state_on_the_day(cli):
    result = actions(cli, "--as-of", "2027-03-10")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["body", "meeting", "id", "action", "owner", "due", "status"]
    ids = [line.split()[2] for line in lines[1:]]
    assert ids == ["2027-02-03", "2027-02-01", "2027-02-02", "2027-03-01"]
    assert lines[1].endswith("2027-02-16  done 2027-02-15")
    assert lines[2].endswith("2027-02-23  overdue")
    assert "Cllr Ben Baker (Vice-Chair of the Licensing Committee)" in lines[3]  # a post id, named


def test_open_and_overdue(cli):
    opened = actions(cli, COUNCIL, "--open", "--as-of", "2027-03-10")
    assert opened.exit_code == 0 and "2027-02-03" not in opened.stdout and "2027-02-01" in opened.stdout
    overdue = actions(cli, "Licensing Committee", "--overdue", "--as-of", "2027-03-10")
    assert overdue.exit_code == 1
    assert [line.split()[2] for line in overdue.stdout.splitlines()[1:]] == ["2027-02-01"]
    none = actions(cli, "--overdue", "--as-of", "2027-02-20")
    assert none.exit_code == 0 and "no actions overdue" in none.stdout


def test_json(cli):
    result = actions(cli, "-f", "json", "--as-of", "2027-03-10", "--open")
    data = json.loads(result.stdout)
    assert data["as_of"] == "2027-03-10" and data["body"] is None
    first = data["actions"][0]
    assert first.pop("record").endswith(f"examples/bodies/attendance/{COUNCIL}/2027-02-09.yaml")
    assert first == {
        "body": COUNCIL,
        "meeting": "2027-02-09",
        "id": "2027-02-01",
        "what": "Publish the taxi fees consultation",
        "owner": "Licensing Manager",
        "owner_label": "Licensing Manager",
        "due": "2027-02-23",
        "status": "open",
        "overdue": True,
        "closed_on": None,
        "item": "3",
    }


def test_ics_to_dos_with_their_due_dates(cli, tmp_path):
    from icalendar import Calendar

    out = tmp_path / "actions.ics"
    result = actions(cli, COUNCIL, "-f", "ics", "--as-of", "2027-03-10", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    calendar = Calendar.from_ical(out.read_bytes())
    todos = list(calendar.walk("VTODO"))
    assert [str(t["uid"]) for t in todos][:2] == [
        f"{COUNCIL}/action/2027-02-03@torctl",
        f"{COUNCIL}/action/2027-02-01@torctl",
    ]
    assert [t.decoded("due").isoformat() for t in todos] == ["2027-02-16", "2027-02-23", "2027-04-13", "2027-05-11"]
    assert [str(t["status"]) for t in todos] == ["COMPLETED", "NEEDS-ACTION", "NEEDS-ACTION", "NEEDS-ACTION"]
    assert "Owner: Legal Adviser" in str(todos[0]["description"])
    again = tmp_path / "again.ics"
    actions(cli, COUNCIL, "-f", "ics", "--as-of", "2027-03-10", "-o", str(again))
    assert again.read_bytes() == out.read_bytes()


def test_bad_input(cli):
    assert actions(cli, "nobody").exit_code == 2
    bad_date = actions(cli, "--as-of", "soon")
    assert bad_date.exit_code == 2 and "--as-of" in bad_date.stderr
    assert actions(cli, "-f", "ics", "-o", "actions.json").exit_code == 2


@pytest.fixture
def council(tmp_path: Path) -> Path:
    """A copy of the example bodies with one more record of the council committee, to break."""
    target = tmp_path / "bodies"
    shutil.copytree(EXAMPLES, target)
    return target


@pytest.mark.parametrize(
    ("action", "code", "message"),
    [
        (
            "{id: a1, what: Do it, owner: vice-chiar}",
            "C001",
            "owner 'vice-chiar' is written as a post id, but example-council-committee has no such post "
            "(did you mean 'vice-chair'?)",
        ),
        ("{id: a1, what: Do it, owner: Jo Bloggs}", None, None),
        ("{id: a1, what: Do it, owner: legal-adviser}", None, None),
        ("{id: a1, what: Do it, owner: chair, due: 2027-04-01}", "C002", "action a1 is due on 2027-04-01, before"),
        (
            "{id: a1, what: Do it, owner: chair, status: done, closed_on: 2027-04-12}",
            "C003",
            "action a1 is closed on 2027-04-12, before the meeting of 2027-04-13 that agreed it",
        ),
        ("{id: 2027-02-01, what: Do it, owner: chair}", "C004", "action id '2027-02-01' is also used in"),
        ("{id: a1, what: Do it, owner: chair}\n  - {id: a1, what: Again, owner: chair}", "C004", "earlier in this"),
        ("{id: a1, what: Do it}", "S002", "required field 'owner' is missing"),
        ("{id: a1, what: Do it, owner: chair, closed_on: 2027-04-20}", "S003", "an open action has no `closed_on`"),
    ],
)
def test_validate_finds_actions_that_cannot_be_right(cli, council, action, code, message):
    record = council / "attendance" / COUNCIL / "2027-04-13.yaml"
    record.write_text(
        f"body: {COUNCIL}\ndate: 2027-04-13\npresent: [chair]\nactions:\n  - {action}\n", encoding="utf-8"
    )
    result = cli("--bodies", str(council), "validate", "--format", "json")
    findings = [f for f in json.loads(result.stdout)["findings"] if f["path"].endswith("2027-04-13.yaml")]
    if code is None:
        assert findings == []
        return
    assert [f["code"] for f in findings] == [code], findings
    assert message in findings[0]["message"]
    assert findings[0]["line"] >= 5 and result.exit_code == 1
