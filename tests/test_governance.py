"""The governance rules the seeds state beyond quorum and voting: schema errors, documents and diff.

Who decides, a voting rule's scope, membership changes, escalation, members' duties,
standing documents, publications, accountability lines, quorum *not stated* and
`status: not-stated`: each is validated with a clear message at its line,
published in words, and reported by `torctl diff`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_diff import summary, texts

from torctl.render.document import tor_document
from torctl.render.tor_facts import governance_facts, reporting_rows


def validate(cli, scratch: Path):
    return cli("--bodies", str(scratch), "validate", cwd=scratch.parent)


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(
    ("body", "old", "new", "message"),
    [
        (
            "plymouth-improvement-board",
            "    decides: false\n",
            "    decides: true\n",
            "error S003 `routed_to` says where decisions are taken instead, so `decides` must be `false`",
        ),
        (
            "plymouth-improvement-board",
            "  method: consensus\n  scope:",
            "  method: not-stated\n  scope:",
            "error S003 `scope` limits a voting rule, but `method` is `not-stated`",
        ),
        (
            "solihull-lscp",
            "    - body: solihull-rdg\n",
            "    - body: solihull-rdg\n      relation: accountable-to\n",
            "`relation: accountable-to` goes on a `reports_to` line",
        ),
        (
            "solihull-arg",
            "      relation: accountable-to\n",
            "      relation: accountable\n",
            "error S003 'relation' must be one of: reports-to, accountable-to; got 'accountable' (did you mean 'accountable-to'?)",
        ),
        (
            "solihull-rdg",
            "status: not-stated",
            "status: unknown",
            "error S003 'status' must be one of: active, dissolved, proposed, not-stated; got 'unknown'",
        ),
        ("solihull-strategic-quartet", "  rule: not-stated", "  rule: not-stated\n  count: 3", "unknown field 'count'"),
        (
            "solihull-sscp-executive",
            "    - text: respond in a timely way",
            "    - txt: respond in a timely way",
            "unknown field 'txt' (did you mean 'text'?)",
        ),
    ],
)
def test_bad_governance_data_is_one_clear_finding_at_its_line(cli, scratch, body, old, new, message):
    rewrite(scratch / f"{body}.yaml", old, new)
    result = validate(cli, scratch)
    assert result.exit_code == 1
    assert f"bodies/{body}.yaml:" in result.stdout and message in result.stdout, result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_documents_say_who_decides_and_who_is_accountable_to_whom(tree):
    plymouth = tree.bodies["plymouth-improvement-board"]
    facts = {f.label: f.text for f in governance_facts(plymouth)}
    assert facts["Decisions"] == (
        "The body does not take decisions itself; formal decisions are taken through Plymouth City Council's governance processes."
    )
    assert facts["Membership changes"] == "Agreed by the Board, by consensus, for any replacement or additional member."
    doc = tor_document(plymouth, tree.agencies, tree.bodies)
    assert doc.voting.startswith("The terms of reference say this is not a decision-making body")
    assert "only for agreeing any replacement member or additional member" in doc.voting
    rows = reporting_rows(tree.bodies["solihull-arg"], tree.bodies)
    assert (rows[0].direction, rows[0].body_id) == ("Accountable to", "solihull-lscp")
    assert rows[0].what.endswith("; to each LSCP meeting")
    lscp = {f.label for f in governance_facts(tree.bodies["solihull-lscp"])}
    assert {"Decisions", "Membership changes", "Escalation", "Members' duty", "Kept", "Published"} <= lscp
    quartet = tor_document(tree.bodies["solihull-strategic-quartet"], tree.agencies, tree.bodies)
    assert quartet.quorum.startswith("The terms of reference do not state a quorum.")
    assert "There is no quorum" not in quartet.quorum  # silent is not "no quorum"


def test_diff_reports_governance_changes(tree):
    def change(d):
        d["governance"]["decision_making"]["decides"] = True
        d["governance"]["decision_making"].pop("routed_to")
        d["governance"]["membership_changes"]["agreed_by"] = "the Chair"
        d["governance"]["documents"].append({"title": "Decision log"})
        d["governance"]["documents"][0]["kept_by"] = "the administrator"

    result = summary(tree, "plymouth-improvement-board", change)
    found = texts(result, "Governance")
    assert found[0] == "Decides: does not take decisions → takes decisions"
    assert found[1:] == [
        "Decision making routed to: 'Plymouth City Council's governance processes' → not set",
        "Membership changes agreed by: 'the Board' → 'the Chair'",
        "Standing document \"Action log\": kept by: not set → 'the administrator'",
        'Standing document added: "Decision log"',
    ]


def test_diff_tells_a_quorum_not_stated_from_no_quorum(tree):
    def to_not_stated(d):
        d["quorum"] = {"rule": "not-stated"}

    result = summary(tree, "solihull-arg", to_not_stated)
    assert texts(result, "Quorum")[1] == "After: The terms of reference do not state a quorum."
    assert "the quorum is removed (the ToR is now recorded as not stating one)" in [c.weakens for c in result.weakening]

    def silent_to_none(d):
        d["quorum"] = {"rule": "none", "reason": "The Quartet has no quorum."}

    result = summary(tree, "solihull-strategic-quartet", silent_to_none)
    assert texts(result, "Quorum")[:2] == [
        "Before: The terms of reference do not state a quorum. The Strategic Quartet's terms of reference have no quorum section and mention no quorum.",
        "After: There is no quorum. The Quartet has no quorum.",
    ]
