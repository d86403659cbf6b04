"""A meeting of a body whose ToR is silent on quorum: whether it was quorate cannot be told, never 'not quorate'.

The Strategic Quartet's ToR states no quorum (`rule: not-stated`) and no statute supplies one for a non-statutory
board, so `meeting check` answers CANNOT TELL (exit 4) for each decision, whatever else the record holds (people
who left, declared interests, remote attendance, the chair's view on the quorum), and the listings say
'cannot tell' where they would say whether the meeting was quorate.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import BODIES

QUARTET = "solihull-strategic-quartet"

PLAIN = """\
body: solihull-strategic-quartet
date: 2024-05-01
present: [leader, chief-executive]
items:
  - number: 1
    title: Improvement plan
    decision:
      text: The plan was agreed.
      vote: {for: 2, against: 0}
"""

BUSY = """\
body: solihull-strategic-quartet
date: 2024-05-01
start: "10:00"
present: [leader, chief-executive, dcs, cabinet-portfolio-holder]
observers: [dfe-commissioner]
chair_decisions:
  - {about: quorum, item: 1, allowed: false, by: chief-executive, text: Too few of us to go ahead.}
items:
  - number: 1
    title: Improvement plan
    left: [dcs]
    declarations:
      - {person: cabinet-portfolio-holder, kind: other, left_room: true, text: A family member works in the service.}
    decision:
      text: The plan was agreed.
      vote: {for: 2, against: 0}
  - number: 2
    title: Staffing report
    decision:
      text: The report was noted.
      by: consensus
"""


def record(tmp_path: Path, text: str) -> tuple[Path, Path]:
    bodies = tmp_path / "bodies"
    shutil.copytree(BODIES, bodies)
    path = bodies / "attendance" / QUARTET / "2024-05-01.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return bodies, path


@pytest.mark.parametrize("text", [PLAIN, BUSY], ids=["plain", "left-declared-chair"])
def test_a_meeting_of_a_body_silent_on_quorum_cannot_be_told(cli, tmp_path, text):
    bodies, path = record(tmp_path, text)
    result = cli("--bodies", str(bodies), "meeting", "check", str(path))
    assert result.exit_code == 4, result.stdout + result.stderr
    assert "CANNOT TELL" in result.stdout
    assert "NOT VALID" not in result.stdout and "not quorate" not in result.stdout
    assert "the ToR does not state a quorum" in result.stdout

    data = json.loads(cli("--bodies", str(bodies), "meeting", "check", str(path), "--format", "json").stdout)
    assert data["answer"] == "cannot-tell" and data["not_valid"] == 0
    decided = [item for item in data["items"] if item["decision"] is not None]
    assert decided and all(item["quorum_answer"] == "cannot-tell" and item["quorate"] is None for item in decided)
    assert all(item["reasons"] == [] for item in decided)


def test_the_listings_say_cannot_tell_not_no_rule(cli, tmp_path):
    bodies, _ = record(tmp_path, PLAIN)
    audit = cli("--bodies", str(bodies), "meeting", "check", "--all", QUARTET)
    assert audit.exit_code == 4, audit.stdout + audit.stderr
    row = next(line for line in audit.stdout.splitlines() if line.startswith("2024-05-01"))
    assert "cannot tell" in row and "no rule" not in row

    attendance = cli("--bodies", str(bodies), "attendance", QUARTET)
    row = next(line for line in attendance.stdout.splitlines() if line.startswith("2024-05-01"))
    assert "cannot tell" in row and "no rule" not in row
