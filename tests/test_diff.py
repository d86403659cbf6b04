"""`torctl diff`: semantic change summaries on hand-made before/after pairs, one for each kind of change."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any
from collections.abc import Callable

import pytest
import yaml
from conftest import BODIES

from torctl.change.diff import BodyDiff, diff_body, diff_paths, render_markdown, render_text, word_diff
from torctl.data.paths import display_path
from torctl.data.tree import Tree
from torctl.model import Body


def edited(body: Body, change: Callable[[dict[str, Any]], None]) -> Body:
    data = body.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    change(data)
    return Body.model_validate(data)


def summary(tree: Tree, body_id: str, change: Callable[[dict[str, Any]], None]) -> BodyDiff:
    old = tree.bodies[body_id]
    result = diff_body(old, edited(old, change), tree.agencies, tree.agencies)
    assert result is not None, "expected a change"
    return result


def texts(result: BodyDiff, section: str | None = None) -> list[str]:
    return [c.text for c in result.changes if section is None or c.section == section]


def weakens(result: BodyDiff) -> list[str]:
    return [c.weakens or "" for c in result.weakening]


def member(data: dict[str, Any], post: str) -> dict[str, Any]:
    return next(m for m in data["members"] if m["id"] == post)


# ---------------------------------------------------------------- nothing that means anything


def reformatted(text: str) -> str:
    """The same data written another way: keys sorted, flow style, other quoting and wrapping."""
    return yaml.safe_dump(yaml.safe_load(text), sort_keys=True, default_flow_style=None, width=50, default_style=None)


def test_reformatting_and_reordering_give_an_empty_summary(tmp_path: Path):
    other = tmp_path / "bodies"
    other.mkdir()
    for path in sorted(BODIES.glob("*.yaml")):
        (other / path.name).write_text(reformatted(path.read_text()))
    assert (other / "solihull-lscp.yaml").read_text() != (BODIES / "solihull-lscp.yaml").read_text()
    result = diff_paths(BODIES, other)
    assert result.empty and not result.problems
    assert "No changes." in render_text(result)
    assert "No changes to the terms of reference." in render_markdown(result)


def test_member_order_is_not_a_change(tree):
    old = tree.bodies["solihull-rdg"]
    new = edited(old, lambda d: d["members"].reverse())
    assert diff_body(old, new, tree.agencies, tree.agencies) is None


def test_same_file_gives_no_changes(cli):
    result = cli("diff", str(BODIES / "solihull-lscp.yaml"), str(BODIES / "solihull-lscp.yaml"))
    assert result.exit_code == 0 and "No changes." in result.stdout


# ---------------------------------------------------------------- members


def test_member_added_removed_and_changed(tree):
    def change(d):
        d["members"] = [m for m in d["members"] if m["id"] != "cafcass"]
        d["members"].append(
            {
                "id": "youth-justice",
                "role": "Youth Justice Service representative",
                "agency": "solihull-mbc",
                "class": "core",
            }
        )
        member(d, "chair")["holder"] = "Det Supt A Smith"

    result = summary(tree, "solihull-rdg", change)
    assert texts(result, "Members") == [
        "Removed: CAFCASS representative, CAFCASS, core: voting not stated, counts for quorum",
        "Added: Youth Justice Service representative, SMBC, core: voting not stated, counts for quorum",
        "Chair (West Midlands Police): holder not named → held by Det Supt A Smith",
    ]
    assert not result.weakening


def test_member_class_and_vote(tree):
    def change(d):
        member(d, "cabinet-member-education")["class"] = "co-opted"

    result = summary(tree, "sefton-improvement-board", change)
    assert texts(result, "Members") == [
        "Cabinet Member with responsibility for Education: class core → co-opted",
        "Cabinet Member with responsibility for Education: voting not stated → no vote",
        "Cabinet Member with responsibility for Education: counts for quorum → does not count for quorum",
    ]
    assert not result.weakening  # fewer votes and a harder quorum weaken nothing


def test_holder_named_and_substitute_added(tree):
    def change(d):
        member(d, "chief-nursing-officer")["holder"] = "Dr A Nurse"
        member(d, "leader")["substitutes"] = [{"name": "Cllr B Deputy", "delegated_authority": True}]

    result = summary(tree, "plymouth-improvement-board", change)
    assert texts(result, "Members") == [
        "Leader of Plymouth City Council: substitute added: Cllr B Deputy (with delegated authority)",
        "Chief Nursing Officer: holder not named → held by Dr A Nurse",
    ]


def test_a_vote_for_an_observer_weakens_governance(tree):
    result = summary(tree, "solihull-strategic-quartet", lambda d: member(d, "dfe-commissioner").update(votes=True))
    assert texts(result, "Members") == ["DfE Commissioner: voting not stated → has a vote"]
    assert weakens(result) == ["a voting right given to an observer (DfE Commissioner)"]


def test_a_vote_for_an_observer_class_weakens_governance(tree):
    result = summary(
        tree, "solihull-sscp-executive", lambda d: d["membership_classes"]["participant-observer"].update(votes=True)
    )
    assert weakens(result) == ["a voting right given to participant-observer members"]
    assert "Class 'participant-observer': no vote → has a vote" in texts(result)


def test_an_observer_joining_with_a_vote_weakens_governance(tree):
    def change(d):
        d["members"].append({"id": "observer", "role": "Observer", "class": "participant-observer", "votes": True})

    result = summary(tree, "solihull-sscp-executive", change)
    assert weakens(result) == ["a voting right given to an observer (Observer)"]


# ---------------------------------------------------------------- chair


def test_chair_change(tree):
    result = summary(tree, "solihull-strategic-quartet", lambda d: d["chair"].update(post="leader"))
    assert texts(result, "Chair") == ["Chair: Chief Executive → Leader of Solihull Council"]


def test_rotation_turn_and_deputy(tree):
    def change(d):
        d["chair"]["rotation"].update(current="police-dsp", since="2024-04")
        d["deputy_chair"] = {"mode": "post", "post": "dcs"}

    result = summary(tree, "solihull-sscp-executive", change)
    assert texts(result, "Chair") == [
        "Chair rotation: current turn: not set → 'police-dsp'",
        "Chair rotation: turn began: not set → April 2024",
        "Deputy chair: not stated → Director of Children's Services (DSP)",
        'Deputy chair: wording removed (was "when asked to do so by the Chair/Deputy Chair (4.1)")',
        'Deputy chair: reading removed (was "4.1 refers to a "Chair/Deputy Chair", but the ToR does not say who the Deputy Chair is or how one is chosen.")',
    ]


# ---------------------------------------------------------------- quorum


def test_quorum_count_lowered_is_easier(tree):
    result = summary(tree, "solihull-rdg", lambda d: d["quorum"].update(count=2))
    assert texts(result, "Quorum")[:2] == [
        "Before: The meeting is quorate with at least three member agencies represented.",
        "After: The meeting is quorate with at least two member agencies represented.",
    ]
    (reason,) = weakens(result)
    assert reason.startswith("the quorum is easier to reach: at least 3 → at least 2 (e.g. a meeting of ")
    assert reason.endswith(" is now quorate, and was not before)")


def test_quorum_count_raised_is_not_flagged(tree):
    result = summary(tree, "solihull-rdg", lambda d: d["quorum"].update(count=4))
    assert texts(result, "Quorum")[1] == "After: The meeting is quorate with at least four member agencies represented."
    assert not result.weakening


def test_statutory_partner_dropped_from_quorum(tree):
    result = summary(
        tree, "solihull-sscp-executive", lambda d: d["quorum"].update(agencies=["solihull-mbc", "bsol-icb"])
    )
    assert (
        texts(result, "Quorum")[1]
        == "After: The meeting is quorate with representation from each of SMBC and BSol ICB."
    )
    assert weakens(result)[0].startswith("statutory partner WMP dropped from the quorum (e.g. a meeting of ")


def test_statutory_kind_dropped_from_an_all_of(tree):
    def change(d):
        d["quorum"]["rules"][0]["agency_kinds"] = ["statutory-local-authority", "statutory-health"]

    result = summary(tree, "sefton-improvement-board", change)
    assert weakens(result)[0].startswith("statutory partner Merseyside Police dropped from the quorum")


def test_a_partner_replaced_by_its_successor_is_not_dropped(tree):
    def change(d):
        d["quorum"]["agencies"] = ["solihull-mbc", "bsol-icb", "west-midlands-police"]
        for post in d["members"]:
            if post.get("agency") == "bsol-ccg":
                post["agency"] = "bsol-icb"

    result = summary(tree, "solihull-lscp", change)
    assert "BSol CCG is replaced in the quorum by BSol ICB, its successor" in texts(result, "Quorum")
    assert "CCG - Chief Nurse and Quality Officer: agency BSol CCG → BSol ICB" in texts(result, "Members")
    assert not result.weakening


def test_quorum_removed(tree):
    result = summary(tree, "solihull-arg", lambda d: d.update(quorum={"rule": "none", "reason": "The chair decides."}))
    assert texts(result, "Quorum")[1] == "After: There is no quorum. The chair decides."
    assert weakens(result) == ["the quorum is removed (no quorum is set)"]


def test_quorum_set_where_there_was_none(tree):
    result = summary(
        tree,
        "solihull-strategic-quartet",
        lambda d: d.update(quorum={"rule": "at-least", "count": 3, "text": "Three members"}),
    )
    assert texts(result, "Quorum")[1] == "After: The meeting is quorate with at least three members."
    assert not result.weakening


def test_an_alternative_way_to_be_quorate(tree):
    def change(d):
        d["quorum"] = {
            "rule": "any-of",
            "rules": [d["quorum"], {"rule": "at-least", "count": 2, "counting": "agencies"}],
        }

    result = summary(tree, "solihull-arg", change)
    assert weakens(result)[0].startswith(
        "the quorum is easier to reach: a meeting is now also quorate with at least two member agencies represented"
    )


def test_a_condition_dropped_from_an_all_of(tree):
    result = summary(tree, "sefton-improvement-board", lambda d: d.update(quorum=d["quorum"]["rules"][0]))
    (reason,) = weakens(result)  # once: the dropped condition is the political executive
    assert reason.startswith(
        "Sefton Council political executive (Cabinet) no longer needed for a quorate meeting (e.g. "
    )

    def other(d):  # a condition that names no single agency
        d["quorum"]["rules"].append({"rule": "at-least", "count": 4})

    old = edited(tree.bodies["sefton-improvement-board"], other)
    new = edited(old, lambda d: d["quorum"]["rules"].pop())
    result = diff_body(old, new, tree.agencies, tree.agencies)
    assert weakens(result)[0].startswith(
        "the quorum is easier to reach: the condition 'at least four members' is dropped"
    )


def test_who_counts_toward_quorum_changing_is_found(tree):
    """Rule unchanged; a co-opted post now counts, so a meeting without the other political member is quorate."""

    def before(d):
        member(d, "cabinet-member-education")["class"] = "co-opted"

    old = edited(tree.bodies["sefton-improvement-board"], before)
    new = edited(old, lambda d: d["membership_classes"]["co-opted"].update(counts_for_quorum=True))
    result = diff_body(old, new, tree.agencies, tree.agencies)
    assert result is not None
    (reason,) = weakens(result)
    assert reason.startswith("the quorum is easier to reach, because of who now counts toward it (e.g. a meeting of ")
    assert "Cabinet Member with responsibility for Education" in reason
    assert not [t for t in texts(result, "Quorum") if t.startswith("Before")]  # the sentence itself is unchanged


def test_substitutes_without_delegated_authority_weaken_governance(tree):
    result = summary(
        tree, "sefton-improvement-board", lambda d: d["substitution"].update(delegated_authority_required=False)
    )
    assert weakens(result) == ["substitutes now count toward quorum without the member's delegated authority"]


# ---------------------------------------------------------------- meetings, papers, reporting, review


def test_cadence_and_deadlines(tree):
    def change(d):
        d["meetings"]["cadence"] = {"frequency": "bi-monthly", "text": "The Board will meet every two months."}
        d["administration"]["papers"]["period"] = {"working_days": 3}
        d["administration"]["minutes"]["period"] = {"weeks": 2}
        d["administration"]["minutes"]["bound"] = "within"

    result = summary(tree, "plymouth-improvement-board", change)
    assert texts(result, "Meetings")[0] == "Meets monthly → every two months"
    assert texts(result, "Papers and minutes")[:2] == [
        "Papers: at least 5 working days before the meeting → at least 3 working days before the meeting",
        "Minutes: 1 week after the meeting → within 2 weeks after the meeting",
    ]


def test_reporting_lines(tree):
    def change(d):
        d["reporting"]["reports_to"] = [{"body": "solihull-lscp", "what": "Quarterly assurance report"}]

    result = summary(tree, "solihull-sscp-executive", change)
    assert texts(result, "Reporting") == [
        "Reporting line removed: reports to Lead Safeguarding Partners (LSPs): The implementation of the decisions made by "
        "the LSPs; the Chair's progress reports and barriers to delivering the SSCP Integrated Partnership Plan",
        "Reporting line added: reports to solihull-lscp: Quarterly assurance report",
    ]


def test_review_date_pushed_back_weakens_governance(tree):
    result = summary(tree, "solihull-sscp-executive", lambda d: d["review"].update(next_due="2025-03"))
    assert texts(result, "Review") == ["Next review due: March 2024 → March 2025"]
    assert weakens(result) == ["the review date is pushed back from March 2024 to March 2025 with no review recorded"]


def test_a_recorded_review_moves_the_date_without_weakening(tree):
    def change(d):
        d["review"].update(
            last_reviewed="2024-09-20", next_due="2025-09-20", history=[{"date": "2024-09-20", "by": "Quartet"}]
        )

    result = summary(tree, "solihull-strategic-quartet", change)
    assert texts(result, "Review") == [
        "Last reviewed: September 2023 → 20 September 2024",
        "Review recorded on 20 September 2024 by Quartet",
        "Next review due: September 2024 → 20 September 2025",
    ]
    assert not result.weakening


def test_a_longer_review_cadence_weakens_governance(tree):
    result = summary(tree, "plymouth-improvement-board", lambda d: d["review"].update(cadence={"months": 12}))
    assert texts(result, "Review")[0] == "Reviewed every 6 months → every 12 months"
    assert "the ToR is reviewed less often" in weakens(result)


def test_voting_identity_venue_duties_and_dissolution(tree):
    def change(d):
        d["voting"] = {"method": "one-per-member", "voters": {"classes": ["core"]}}
        d["status"] = "dissolved"
        d["source"]["version"] = "4"
        d["meetings"]["venue"] = "Plymouth Guildhall"
        d["procedure"]["remote"]["allowed"] = False
        d["duties"] = [{"title": "Six-monthly report to Cabinet", "by": "chief-executive", "every": {"months": 6}}]
        d["dissolution"]["dissolved_on"] = "2025-03"

    result = summary(tree, "plymouth-improvement-board", change)
    assert texts(result, "About") == ["Status: 'not-stated' → 'dissolved'", "Source version: '3' → '4'"]
    assert texts(result, "Voting")[:2] == [
        "Voting: by consensus → one vote per voting member",
        "Who may vote: members → core members",
    ]
    assert texts(result, "Voting")[2].startswith('Voting: wording removed (was "The Board may agree, by consensus,')
    assert (
        texts(result, "Voting")[3]
        == 'Voting: decisions covered removed (was "agreeing any replacement member or additional member")'
    )
    assert texts(result, "Meetings") == ["Venue: 'Plymouth Council House' → 'Plymouth Guildhall'"]
    assert texts(result, "Duties") == ['Duty added: "Six-monthly report to Cabinet" (chief-executive, every 6 months)']
    assert texts(result, "Dissolution") == ["Dissolution dissolved on: not set → '2025-03'"]


def test_standing_item_presenter(tree):
    def change(d):
        d["standing_items"][0]["presenter"]["posts"] = ["solihull-sscp-executive/police-dsp"]

    result = summary(tree, "solihull-strategic-quartet", change)
    assert texts(result, "Standing items") == [
        '"Partnership Improvement Updates": presented by one of solihull-sscp-executive/icb-dsp or '
        "solihull-sscp-executive/police-dsp → presented by one of solihull-sscp-executive/police-dsp"
    ]


# ---------------------------------------------------------------- free text


def test_free_text_is_a_word_diff(tree):
    def change(d):
        d["purpose"][0] = d["purpose"][0].replace("formal meeting", "formal monthly meeting")
        d["notes"].append("Reviewed after the Ofsted monitoring visit.")

    result = summary(tree, "solihull-strategic-quartet", change)
    purpose = next(c for c in result.changes if c.section == "Purpose and responsibilities")
    assert purpose.text == "Purpose 1 reworded"
    assert ("+", " monthly") in purpose.words
    assert texts(result, "Notes") == ['Note added: "Reviewed after the Ofsted monitoring visit."']
    rendered = render_text_of(result)
    assert "The formal{+ monthly+} meeting for reporting" in rendered


def render_text_of(result: BodyDiff) -> str:
    from torctl.change.diff import TreeDiff

    return render_text(TreeDiff("a", "b", [result]))


def test_word_diff_runs():
    assert word_diff("at least five working days", "at least three working days") == [
        ("=", "at least "),
        ("-", "five"),
        ("+", "three"),
        ("=", " working days"),
    ]


# ---------------------------------------------------------------- bodies, formats, CLI


def pair_dirs(tmp_path: Path, change: Callable[[Path], None]) -> tuple[Path, Path]:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(BODIES, old)
    shutil.copytree(BODIES, new)
    change(new)
    return old, new


def test_bodies_added_and_removed(tmp_path: Path):
    def change(new: Path):
        (new / "solihull-elrag.yaml").rename(new / "solihull-elrag2.yaml")
        text = (new / "solihull-elrag2.yaml").read_text().replace("id: solihull-elrag\n", "id: solihull-elrag2\n")
        (new / "solihull-elrag2.yaml").write_text(text)

    old, new = pair_dirs(tmp_path, change)
    result = diff_paths(old, new)
    statuses = {b.id: b.status for b in result.bodies}
    assert statuses == {"solihull-elrag": "removed", "solihull-elrag2": "added"}


def test_a_registry_change_shows_in_the_bodies_it_affects(tmp_path: Path):
    def change(new: Path):
        path = new / "agencies.yaml"
        text = path.read_text().replace("    short_name: WMP\n", "    short_name: West Mids Police\n")
        block = text[text.index("  - id: merseyside-police") :]
        path.write_text(text.replace(block, block.replace("kind: statutory-police", "kind: relevant-agency", 1)))

    old, new = pair_dirs(tmp_path, change)
    result = diff_paths(old, new)
    by_id = {b.id: b for b in result.bodies}
    assert (
        "After: The meeting is quorate with representation from each of SMBC, BSol ICB and West Mids Police."
        in texts(by_id["solihull-sscp-executive"], "Quorum")
    )
    assert weakens(by_id["sefton-improvement-board"])[0].startswith(
        "statutory partner Merseyside Police dropped from the quorum"
    )
    assert [c.text for c in result.agencies] == [
        "Agency west-midlands-police: short name: 'WMP' → 'West Mids Police'",
        "Agency merseyside-police: kind: 'statutory-police' → 'relevant-agency'",
    ]


def test_an_invalid_file_is_reported_not_compared(tmp_path: Path):
    old, new = pair_dirs(tmp_path, lambda new: (new / "solihull-rdg.yaml").write_text("id: solihull-rdg\nname: [\n"))
    result = diff_paths(old, new)
    assert result.problems and "solihull-rdg.yaml" in result.problems[0] and "not compared" in result.problems[0]
    (gap,) = result.not_compared
    assert gap.finding.code.value == "Y001" and (gap.finding.line, gap.finding.column) == (3, 1)


def test_a_file_that_does_not_validate_lists_every_problem_as_validate_finds_them(tmp_path: Path):
    """Issue 26, item 3: diff reads through the one reader, so it keeps all of a file's problems, not the first."""

    def change(new: Path):
        path = new / "solihull-rdg.yaml"
        path.write_text(
            path.read_text().replace("  count: 3\n", "  count: many\n").replace("class: core", "class: x", 1)
        )

    old, new = pair_dirs(tmp_path, change)
    result = diff_paths(old, new)
    shown = f"{display_path(new / 'solihull-rdg.yaml')}"
    assert [(g.finding.code.value, g.finding.line, g.finding.column) for g in result.not_compared] == [
        ("S003", 47, 12),
        ("S003", 128, 3),
    ]
    assert result.problems == [
        f"{shown}:47:12: not compared: 'class' must be one of: core, partner, stakeholder, attendee, "
        "participant-observer, co-opted, adviser, secretariat; got 'x'",
        f"{shown}:128:3: not compared: 'count' expects a whole number, got 'many'",
    ]
    assert result.files_not_compared == 1 and not result.bodies
    text = render_text(result).splitlines()
    assert text[1:3] == [f"warning: {line}" for line in result.problems]


def test_cli_markdown_and_json(cli, tmp_path: Path):
    def change(new: Path):
        path = new / "solihull-rdg.yaml"
        path.write_text(
            path.read_text()
            .replace("  count: 3\n", "  count: 2\n")
            .replace("  - id: cafcass\n    role: CAFCASS representative\n    agency: cafcass\n    class: core\n", "")
        )

    old, new = pair_dirs(tmp_path, change)
    md = cli("diff", str(old), str(new), "--format", "md")
    assert md.exit_code == 0, md.stderr
    assert md.stdout.startswith("## Terms of reference: changes from `")
    assert "### Response and Delivery Group (`solihull-rdg`)" in md.stdout
    assert "> **Weakens governance**\n> - Quorum: the quorum is easier to reach: at least 3 → at least 2" in md.stdout
    assert "- Removed: CAFCASS representative" in md.stdout
    data = json.loads(cli("diff", str(old), str(new), "--format", "json").stdout)
    assert data["changed"] and data["weakens_governance"]
    (rdg,) = data["bodies"]
    assert rdg["id"] == "solihull-rdg" and rdg["weakens_governance"][0].startswith("Quorum: the quorum is easier")
    assert {"section": "Members", "weakens": None}.items() <= rdg["changes"][0].items()
    failing = cli("diff", str(old), str(new), "--fail-on-weakening")
    assert failing.exit_code == 1


def test_cli_two_files_with_different_ids(cli, tmp_path: Path):
    new = tmp_path / "rdg-draft.yaml"
    new.write_text((BODIES / "solihull-rdg.yaml").read_text().replace("  count: 3\n", "  count: 4\n"))
    result = cli("diff", str(BODIES / "solihull-rdg.yaml"), str(new))
    assert result.exit_code == 0
    assert "After: The meeting is quorate with at least four member agencies represented." in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("a.yaml",), "give two files or directories"),
        (("--git", "HEAD", "x", "y"), "not both"),
        ((str(BODIES), str(BODIES / "solihull-rdg.yaml")), "two files or two directories"),
        ((str(BODIES / "nowhere.yaml"), str(BODIES / "solihull-rdg.yaml")), "no such file"),
    ],
)
def test_cli_usage_errors(cli, args, message):
    result = cli("diff", *args)
    assert result.exit_code == 2 and message in result.stderr


def test_help_lists_diff_and_new(cli):
    result = cli("--help")
    assert "diff" in result.stdout and "new" in result.stdout
