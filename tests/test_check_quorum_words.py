"""`check-quorum` words a stand-in and an uncounted class as the ToR does, and says where it reads rather than quotes.

A ToR's own name for someone attending in a member's place (`substitution.called`) is used; where it gives none,
the words are neutral. A class the data sets not to count toward quorum is said to be *read* so where that value
is a reading, with the class's own words quoted; and silence on counting is said as silence.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from conftest import BODIES, ROOT

from torctl.data.load import load_tree
from torctl.rules.stock import found_in

PARTNERSHIP = "example-partnership"


def edit(bodies: Path, body: str, change) -> None:
    path = bodies / f"{body}.yaml"
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def fill_in(cli, bodies: Path, body: str, *present: str) -> str:
    args = [a for p in present for a in ("-p", p)]
    result = cli("--bodies", str(bodies), "check-quorum", body, *args)
    assert result.exit_code == 1, result.stderr  # not quorate: the could-fill list is printed
    return result.stdout


def test_a_stand_in_is_called_what_the_tor_calls_them(cli, examples):
    out = fill_in(cli, examples, PARTNERSHIP, "la-dcs")
    assert "or in their place: a deputy from EICB" in out
    assert "suitable person" not in out


def test_a_stand_in_the_tor_does_not_name_is_worded_neutrally(cli, examples):
    edit(examples, PARTNERSHIP, lambda d: d["substitution"].pop("called"))
    out = fill_in(cli, examples, PARTNERSHIP, "la-dcs")
    assert "or in their place: someone from EICB in the member's place" in out
    assert "suitable person" not in out and "a deputy" not in out


def test_a_named_substitute_is_called_what_the_tor_calls_them(cli, examples):
    def named_stand_in(data: dict) -> None:
        data["substitution"] = {"who": "named-substitute", "called": "alternate"}

    edit(examples, PARTNERSHIP, named_stand_in)
    out = fill_in(cli, examples, PARTNERSHIP, "la-dcs")
    assert "or in their place: the member's named alternate (none recorded)" in out


def test_a_class_read_as_not_counting_is_labelled_a_reading_with_its_words(cli):
    result = cli("check-quorum", "solihull-sscp-executive", "--forecast", "--format", "json")
    reasons = {s["post"]: s["reason"] for s in json.loads(result.stdout)["not_counted"]}
    assert reasons["business-manager"] == (
        "secretariat: read as not counting toward quorum "
        '(the ToR says: "The meetings will be supported by the SSCP Business Manager (7.4).")'
    )
    assert not any("the ToR's" in reason for reason in reasons.values())


def test_a_class_the_tor_itself_sets_not_to_count_is_said_plainly(cli):
    examples = ROOT / "docs" / "examples" / "bodies"
    result = cli("--bodies", str(examples), "check-quorum", "example-council-committee", "--forecast")
    assert "Legal Adviser: adviser: the ToR's adviser members do not count toward quorum" in result.stdout
    assert "read as" not in result.stdout


def test_a_class_whose_counting_is_not_stated_is_said_as_silence(cli, examples):
    edit(
        examples,
        "example-council-committee",
        lambda d: d["membership_classes"]["adviser"].update(counts_for_quorum=None),
    )
    result = cli("--bodies", str(examples), "check-quorum", "example-council-committee", "--forecast")
    assert (
        "adviser: the ToR does not say whether its adviser members count toward quorum, so they are not counted"
        in result.stdout
    )


def test_every_stock_phrase_check_quorum_prints_is_licensed(cli):
    for root in (BODIES, ROOT / "docs" / "examples" / "bodies"):
        tree = load_tree(root)
        for body in tree.bodies.values():
            if body.status == "dissolved":
                continue
            out = cli("--bodies", str(root), "check-quorum", body.id, "--forecast").stdout
            first = body.members[0].id
            out += cli("--bodies", str(root), "check-quorum", body.id, "-p", first).stdout
            assert [s.words for s in found_in(out, body)] == [], body.id
