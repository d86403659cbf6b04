"""Edits that must not happen: invalid results, dangling references, failed writes. The file stays as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from torctl.change.engine import apply_edit
from torctl.change.ops import EditRefused, delete, set_
from torctl.change.operations import PostFields, member_remove, member_update
from torctl.data.load import load_tree
from torctl.errors import UsageError


def snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def test_an_invalid_value_is_refused_with_its_line(scratch: Path):
    before = snapshot(scratch)
    tree = load_tree(scratch)
    with pytest.raises(EditRefused) as refused:
        apply_edit(tree, "solihull-lscp", [set_(("members", 1, "agency"), "solihull-mcb")], summary="change agency")
    message = refused.value.message
    assert "would make" in message and "nothing was written" in message
    assert (
        "solihull-lscp.yaml:58:13: error R001 unknown agency 'solihull-mcb' (did you mean 'solihull-mbc'?)" in message
    )
    assert refused.value.exit_code == 1
    assert snapshot(scratch) == before


def test_a_schema_error_is_refused(scratch: Path):
    before = snapshot(scratch)
    tree = load_tree(scratch)
    with pytest.raises(EditRefused, match="S003"):
        apply_edit(tree, "solihull-rdg", [set_(("quorum", "count"), 0)], summary="quorum of none")
    assert snapshot(scratch) == before


def test_every_schema_error_of_an_edit_is_listed(scratch: Path):
    """The edited text is read by the one model reader, which keeps every error, not only the first."""
    tree = load_tree(scratch)
    ops = [set_(("quorum", "count"), 0), set_(("status",), "activ")]
    with pytest.raises(EditRefused) as refused:
        apply_edit(tree, "solihull-rdg", ops, summary="two mistakes")
    errors = [line for line in refused.value.message.splitlines() if ": error " in line]
    assert len(errors) == 2 and any("S003" in line for line in errors), errors


def test_edited_text_the_reader_refuses_is_a_refusal_not_a_crash(scratch: Path, monkeypatch: pytest.MonkeyPatch):
    """Were the round trip ever to write YAML the reader refuses, the edit is refused with the finding."""
    from torctl.change import engine

    before = snapshot(scratch)
    tree = load_tree(scratch)
    real = engine.apply_ops

    def with_a_duplicate_key(text, ops):
        after, meant = real(text, ops)
        return after + "status: active\n", meant

    monkeypatch.setattr(engine, "apply_ops", with_a_duplicate_key)
    with pytest.raises(EditRefused, match=r"would make \S+solihull-rdg.yaml invalid") as refused:
        apply_edit(tree, "solihull-rdg", [set_(("members", 0, "holder"), "Jane Smith")], summary="x")
    assert "solihull-rdg.yaml:" in refused.value.message and " error Y" in refused.value.message
    assert snapshot(scratch) == before


def test_a_post_another_body_names_cannot_be_removed(scratch: Path):
    """The Quartet's standing item is presented by solihull-sscp-executive/icb-dsp."""
    before = snapshot(scratch)
    tree = load_tree(scratch)
    plan = member_remove(tree.body("solihull-sscp-executive"), "icb-dsp")
    with pytest.raises(EditRefused) as refused:
        apply_edit(tree, "solihull-sscp-executive", plan.ops, summary=plan.summary)
    message = refused.value.message
    assert "dangling" in message
    assert (
        "solihull-strategic-quartet.yaml:109:11: error R002 body 'solihull-sscp-executive' has no post 'icb-dsp'"
        in message
    )
    # the rotation in its own file too, at the line as it is on disk
    lines = (scratch / "solihull-sscp-executive.yaml").read_text().splitlines()
    line = next(f for f in message.splitlines() if "solihull-sscp-executive.yaml:" in f).split(":")[1]
    assert "among: [dcs, icb-dsp, police-dsp]" in lines[int(line) - 1]
    assert snapshot(scratch) == before


def test_a_post_the_chair_names_cannot_be_removed(scratch: Path):
    tree = load_tree(scratch)
    plan = member_remove(tree.body("solihull-rdg"), "chair")
    with pytest.raises(EditRefused, match=r"solihull-rdg.yaml:120:9: error R002 unknown post 'chair'"):
        apply_edit(tree, "solihull-rdg", plan.ops, summary=plan.summary)


def test_removing_a_quorums_only_agency_is_refused(scratch: Path):
    """LSCP quorum needs West Midlands Police; two posts are WMP: removing both leaves it impossible."""
    tree = load_tree(scratch)
    apply_edit(tree, "solihull-lscp", member_remove(tree.body("solihull-lscp"), "rdg-chair").ops, summary="one")
    tree = load_tree(scratch)
    with pytest.raises(EditRefused, match="Q001 quorum can never be met"):
        apply_edit(
            tree, "solihull-lscp", member_remove(tree.body("solihull-lscp"), "borough-commander").ops, summary="two"
        )


def test_a_failed_write_leaves_the_original_intact(scratch: Path, monkeypatch: pytest.MonkeyPatch):
    before = snapshot(scratch)
    tree = load_tree(scratch)
    plan = member_update(tree.body("solihull-rdg"), "chair", PostFields(holder="Jane Smith"))

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(UsageError, match="No space left on device"):
        apply_edit(tree, "solihull-rdg", plan.ops, summary=plan.summary)
    assert snapshot(scratch) == before  # no change, and no temporary file left behind


def test_a_file_changed_on_disk_meanwhile_is_not_overwritten(scratch: Path):
    tree = load_tree(scratch)
    path = scratch / "solihull-rdg.yaml"
    path.write_text(path.read_text() + "# someone else's edit\n")
    before = snapshot(scratch)
    # the plan is built from the file as loaded, which someone has since changed: refused before anything else
    plan = member_update(tree.body("solihull-rdg"), "chair", PostFields(holder="Jane Smith"))
    with pytest.raises(EditRefused, match="changed while editing; nothing written"):
        apply_edit(tree, "solihull-rdg", plan.ops, summary=plan.summary)
    assert snapshot(scratch) == before


def test_dry_run_writes_nothing_and_shows_the_diff(scratch: Path):
    before = snapshot(scratch)
    tree = load_tree(scratch)
    outcome = apply_edit(tree, "solihull-rdg", [delete(("members", 16))], summary="remove education", dry_run=True)
    assert not outcome.written and snapshot(scratch) == before
    diff = outcome.unified_diff()
    assert diff.startswith(f"--- a/{outcome.display}\n+++ b/{outcome.display}\n@@ ")
    assert "-  - id: education\n-    role: School/Education/Early Years Representative\n" in diff
    assert diff.count("\n-") == 5 and "\n+" not in diff.split("\n", 2)[2]


def test_no_change_is_not_written(scratch: Path):
    tree = load_tree(scratch)
    mtime = (scratch / "solihull-rdg.yaml").stat().st_mtime_ns
    outcome = apply_edit(
        tree, "solihull-rdg", [set_(("members", 0, "role"), "Chair (West Midlands Police)")], summary="same"
    )
    assert not outcome.changed and not outcome.written
    assert (scratch / "solihull-rdg.yaml").stat().st_mtime_ns == mtime


def test_an_unknown_body_is_a_usage_error(scratch: Path):
    tree = load_tree(scratch)
    with pytest.raises(UsageError, match="did you mean 'solihull-rdg'"):
        apply_edit(tree, "solihull-rdgg", [], summary="x")


def test_a_file_that_does_not_validate_cannot_be_edited(cli, scratch: Path):
    path = scratch / "solihull-rdg.yaml"
    path.write_text(path.read_text().replace("status: not-stated", "status: activ"))
    before = snapshot(scratch)
    result = cli("--bodies", str(scratch), "member", "remove", "solihull-rdg", "education")
    assert result.exit_code == 2 and "does not validate" in result.stderr
    assert snapshot(scratch) == before
