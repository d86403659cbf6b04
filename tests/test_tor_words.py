"""What torctl prints about a body says what the ToR says: its own words, a value the data holds, a labelled
reading, or that the ToR does not say; never a fixed phrase of torctl's in the ToR's place (issue 27).

Each test changes one rule of a real body in a scratch copy, the way a clerk would encode another ToR, and
reads what `render`, `agenda`, `show`, `deadlines` and `schedule` print.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml


def edit(bodies: Path, body_id: str, change: dict[str, Any]) -> None:
    """Set top-level keys of one body in a scratch copy (a value of None removes the key)."""
    path = bodies / f"{body_id}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, value in change.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def markdown(cli, bodies: Path, body_id: str) -> str:
    result = cli("--bodies", str(bodies), "render", body_id, "-f", "md", "-o", "-")
    assert result.exit_code == 0, result.stderr
    return " ".join(result.stdout.replace("\\", "").split())


def test_a_deputy_with_the_tors_own_words_for_the_authority(cli, scratch):
    """'Delegated authority to make decisions on behalf of their agency', a 'deputy': no phrase of torctl's own."""
    edit(
        scratch,
        "solihull-arg",
        {
            "substitution": {
                "who": "same-agency",
                "called": "deputy",
                "delegated_authority_required": True,
                "authority_text": "to make decisions on behalf of their agency",
            }
        },
    )
    text = markdown(cli, scratch, "solihull-arg")
    assert "A member who cannot attend may send a deputy from their agency in their place." in text
    assert "A deputy must have the member's delegated authority to make decisions on behalf of their agency." in text
    assert "commit resources" not in text and "suitable person" not in text


def test_a_substitute_rule_silent_on_authority_says_so(cli, scratch):
    text = markdown(cli, scratch, "solihull-sscp-executive")
    assert "do not say whether a suitable person needs the member's delegated authority" in text


def test_the_chair_decides_whether_a_member_with_an_interest_takes_part(cli, scratch):
    interests = {
        "text": "Members declare any interest at the start of the meeting and the chair decides whether the member "
        "may take part in the item.",
        "kinds": [{"kind": "conflict-of-interest", "may_take_part": "chair-decides"}],
    }
    edit(scratch, "solihull-arg", {"procedure": {"interests": interests}})
    text = markdown(cli, scratch, "solihull-arg")
    assert "Interest: conflict of interest:** The chair decides whether the member may take part." in text
    assert "do not say what it does" not in text
    agenda = cli("--bodies", str(scratch), "agenda", "solihull-arg", "-d", "2024-07-09", "-f", "json")
    items = json.loads(agenda.stdout)["items"]
    assert items[0]["title"] == "Declarations of interest" and items[0]["note"] == "The ToR's rule on interests"


def test_show_prints_a_fact_the_tor_does_not_state_as_not_stated(cli):
    shown = cli("show", "solihull-sscp-executive").stdout
    assert "delegated_authority_required: null  # not stated" in shown
    assert "delegated_authority_required: false" not in shown
    quartet = cli("show", "solihull-strategic-quartet").stdout
    assert "reports_to_body: null  # not stated" in quartet
    assert "text: null  # not stated" not in quartet  # an empty quote is no fact left unstated
    data = json.loads(cli("show", "solihull-sscp-executive", "-f", "json").stdout)
    assert data["substitution"]["delegated_authority_required"] is None


def test_a_tor_without_a_purpose_renders_as_not_stated(cli, scratch):
    edit(scratch, "solihull-rdg", {"purpose": "not-stated"})
    assert "## 1. Purpose The terms of reference do not state a purpose." in markdown(cli, scratch, "solihull-rdg")
    popolo = json.loads(cli("--bodies", str(scratch), "export", "-f", "popolo").stdout)
    rdg = next(o for o in popolo["organizations"] if o["id"].endswith("solihull-rdg"))
    assert rdg["torctl"]["purpose"] == "not-stated"  # not as the letters of a word


def test_legal_basis_is_rendered_and_a_reading_labelled(cli, scratch):
    basis = {
        "kind": "childrens-safeguarding-partnership",
        "under": "Children Act 2004, as amended by the Children and Social Work Act 2017",
        "parent": "part of the Solihull Safeguarding Children Partnership",
        "reading": "The ToR does not name the Act; a partnership of the three safeguarding partners is read as one.",
    }
    edit(scratch, "solihull-lscp", {"legal_basis": basis})
    text = markdown(cli, scratch, "solihull-lscp")
    assert (
        "**Legal basis:** Read as a children's safeguarding partnership under the Children Act 2004, as amended by "
        "the Children and Social Work Act 2017; part of the Solihull Safeguarding Children Partnership (see the "
        "notes)." in text
    )
    assert "How this is read (legal basis): The ToR does not name the Act" in text


@pytest.mark.parametrize(
    ("voting", "words"),
    [
        ({"ties": "casting-vote", "casting": "may"}, "On equal votes the chair may use a second or casting vote."),
        ({"ties": "casting-vote", "casting": "must"}, "On equal votes the chair must use a second or casting vote."),
        ({"ties": "casting-vote"}, "On equal votes the chair has a second or casting vote."),
    ],
)
def test_a_casting_vote_the_chair_may_or_must_use(cli, scratch, voting, words):
    edit(scratch, "solihull-arg", {"voting": {"method": "one-per-member", **voting}})
    assert words in markdown(cli, scratch, "solihull-arg")


@pytest.mark.parametrize(
    ("allowed", "words", "item"),
    [
        (True, "Urgent business not on the agenda may be taken.", "The ToR allows urgent business"),
        (
            "chair-decides",
            "The chair decides whether urgent business not on the agenda is taken.",
            "The chair decides whether urgent business is taken (the ToR's rule)",
        ),
        (False, "Business not on the agenda may not be taken.", None),
    ],
)
def test_urgent_business_in_the_document_and_the_agenda(cli, scratch, allowed, words, item):
    edit(scratch, "solihull-arg", {"procedure": {"urgent_business": {"allowed": allowed}}})
    assert f"**Urgent business:** {words}" in markdown(cli, scratch, "solihull-arg")
    agenda = json.loads(
        cli("--bodies", str(scratch), "agenda", "solihull-arg", "-d", "2024-07-09", "-f", "json").stdout
    )
    closing = [i["note"] for i in agenda["items"] if i["kind"] == "closing"]
    assert closing == ([item] if item else [])


def test_a_body_silent_on_urgent_business_gets_no_any_other_business(cli):
    text = " ".join(cli("render", "solihull-rdg", "-f", "md", "-o", "-").stdout.split())
    assert "do not say whether business not on the agenda may be taken" in text
    agenda = cli("agenda", "solihull-rdg", "-d", "2024-07-09").stdout
    assert "Any other business" not in agenda and "Urgent business" not in agenda


def test_no_quorum_decided_by_the_chair(cli, scratch):
    quorum = {"rule": "none", "reason": "The Board has no quorum.", "decided_by": "chair"}
    edit(scratch, "solihull-arg", {"quorum": quorum})
    assert "There is no quorum. The Board has no quorum. The chair decides whether the meeting can go ahead." in (
        markdown(cli, scratch, "solihull-arg")
    )


def test_attendance_the_tor_does_not_state_and_when_invited(cli, scratch):
    text = markdown(cli, scratch, "solihull-rdg")
    assert "| core | not stated | yes | not stated |" in text  # RDG's ToR does not say its members attend every meeting
    edit(
        scratch,
        "solihull-strategic-quartet",
        {
            "membership_classes": {
                "core": {"votes": None, "counts_for_quorum": True},
                "attendee": {"votes": None, "counts_for_quorum": False, "attends": "when-invited"},
            }
        },
    )
    text = markdown(cli, scratch, "solihull-strategic-quartet")
    assert "| attendee | not stated | no | when invited |" in text
    assert "| DfE Commissioner | _not recorded_ | DfE | attendee, attends when invited |" in text


def test_the_agenda_has_only_the_items_the_tor_gives(cli):
    quartet = cli("agenda", "solihull-strategic-quartet", "-d", "2024-07-09").stdout
    assert "Apologies" not in quartet  # the Quartet's ToR says nothing of a member who cannot attend
    assert "Minutes of the previous meeting<br>_The ToR's rule on minutes_" in quartet
    plymouth = cli("agenda", "plymouth-improvement-board", "-d", "2024-07-09").stdout
    assert "| 1 | Apologies<br>_The ToR's rule for a member who cannot attend_ |" in plymouth
    assert "**Apologies:** to be recorded at item 1." in plymouth


def test_a_deadline_on_a_bank_holiday_is_printed_with_a_warning(cli, tmp_path):
    # Plymouth's minutes go out one week (a calendar period) after the meeting: Christmas Day here.
    result = cli("deadlines", "plymouth-improvement-board", "-m", "2024-12-18")
    assert "warning: minutes due Wednesday 25 December 2024 is not a working day (Christmas Day)" in result.stdout
    data = json.loads(cli("deadlines", "plymouth-improvement-board", "-m", "2024-12-18", "-f", "json").stdout)
    minutes = next(d for d in data["deadlines"] if d["kind"] == "minutes")
    assert minutes["not_working_day"] == "Christmas Day"
    assert all("not_working_day" not in d for d in data["deadlines"] if d["kind"] != "minutes")
    agenda = cli("agenda", "plymouth-improvement-board", "-d", "2024-12-18").stdout
    assert "> **Note:** Minutes due Wednesday 25 December 2024 is not a working day (Christmas Day)." in agenda
    schedule = cli("schedule", "plymouth-improvement-board", "--from", "2024-12-18", "--first", "2024-12-18", "-n", "1")
    assert "minutes due Wednesday 25 December 2024 is not a working day (Christmas Day)" in schedule.stdout
    ics = tmp_path / "p.ics"
    cli("schedule", "plymouth-improvement-board", "--from", "2024-12-18", "--first", "2024-12-18", "-n", "1",
        "-f", "ics", "-o", str(ics))  # fmt: skip
    assert "not a working day: Christmas Day" in "".join(ics.read_text().replace("\r\n ", "").split("\r\n"))
