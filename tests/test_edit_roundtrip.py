"""The edit engine's round trip: byte-identical with no change, and an edit touches only its own lines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from conftest import BODIES
from edit_helpers import changes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from torctl.change.ops import Flow, apply_ops, delete, insert, set_
from torctl.change.roundtrip import roundtrip_dump, roundtrip_load
from torctl.change.textdiff import unified_diff
from torctl.data.yamlio import parse_text
from torctl.model import Body, PartialDate

FILES = sorted(BODIES.glob("*.yaml"))
BODY_FILES = [p for p in FILES if p.name != "agencies.yaml"]


def comments(text: str) -> list[str]:
    """Every comment in a file, whole-line or end-of-line, in order."""
    out = []
    for line in text.splitlines():
        if "#" in line:
            out.append(line[line.index("#") :] if line.lstrip().startswith("#") else line.split(" #", 1)[-1])
    return out


def item_lines(text: str, path: tuple, index: int) -> tuple[int, int]:
    """0-based first and last line of the list item at `path[index]`, from the fast parser's marks."""
    node = parse_text(text).node
    for part in path:
        node = next(v for k, v in node.value if k.value == part)
    item = node.value[index]
    last = item
    while hasattr(last, "value") and isinstance(last.value, list) and last.value:
        tail = last.value[-1]
        last = tail[1] if isinstance(tail, tuple) else tail
    return item.start_mark.line, last.end_mark.line - (1 if last.end_mark.column == 0 else 0)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_round_trip_without_change_is_byte_identical(path: Path):
    text = path.read_text(encoding="utf-8")
    assert roundtrip_dump(roundtrip_load(text), like=text) == text
    assert apply_ops(text, [])[0] == text


def test_round_trip_keeps_crlf_and_byte_order_mark():
    text = "\ufeff" + (BODIES / "solihull-rdg.yaml").read_text().replace("\n", "\r\n")
    assert roundtrip_dump(roundtrip_load(text), like=text) == text
    after, _ = apply_ops(text, [set_(("members", 0, "holder"), "Jane Smith")])
    assert after.startswith("\ufeff") and "\r\n" in after and "\n" not in after.replace("\r\n", "")
    assert "    holder: Jane Smith\r\n" in after


@pytest.mark.parametrize("path", BODY_FILES, ids=lambda p: p.name)
def test_removing_any_member_removes_exactly_its_lines(path: Path):
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    count = len(yaml.safe_load(text)["members"])
    for index in range(count):
        first, last = item_lines(text, ("members",), index)
        expected = "".join(lines[:first] + lines[last + 1 :])
        after, meant = apply_ops(text, [delete(("members", index))])
        assert after == expected, (
            f"removing member {index} of {path.name}:\n{unified_diff(expected, after, 'expected', 'got')}"
        )
        assert parse_text(after).data == meant


@pytest.mark.parametrize("path", BODY_FILES, ids=lambda p: p.name)
def test_adding_a_member_inserts_exactly_its_lines(path: Path):
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    count = len(yaml.safe_load(text)["members"])
    new = {"id": "new-post", "role": "New role", "class": "core"}
    new_lines = ["  - id: new-post\n", "    role: New role\n", "    class: core\n"]
    for index in sorted({1, count // 2, count}):
        _, last = item_lines(text, ("members",), index - 1)
        expected = "".join(lines[: last + 1] + new_lines + lines[last + 1 :])
        after, _ = apply_ops(text, [insert(("members",), index, new)])
        assert after == expected, (
            f"inserting at {index} in {path.name}:\n{unified_diff(expected, after, 'expected', 'got')}"
        )


def test_a_heading_comment_stays_above_the_group_it_introduces():
    text = (BODIES / "sefton-improvement-board.yaml").read_text()
    after, _ = apply_ops(text, [insert(("members",), 16, {"id": "x", "role": "X", "class": "partner"})])
    block = after[after.index("  - id: dfe-improvement-advisor") :]
    assert block.index("  - id: x") < block.index("# Stakeholder members") < block.index("- id: director-public-health")
    # and removing the first item keeps the heading of the second
    after, _ = apply_ops(text, [delete(("members", 0))])
    assert (
        "members:\n  # Sefton Metropolitan Borough Council (core)\n  - id: cabinet-member-childrens-services" in after
    )


def test_setting_a_new_key_adds_one_line_in_model_order():
    text = (BODIES / "sefton-improvement-board.yaml").read_text()
    after, _ = apply_ops(text, [set_(("members", 3, "holder"), "Jane Smith")])
    removed, added = changes(text, after)
    assert removed == [] and added == ["    holder: Jane Smith"]
    assert "    agency: sefton-mbc\n    holder: Jane Smith\n    class: core\n" in after


def test_replacing_a_value_keeps_its_comment_and_quoting():
    text = (BODIES / "solihull-strategic-quartet.yaml").read_text()
    after, _ = apply_ops(text, [set_(("review", "last_reviewed"), PartialDate(2024, 9))])
    removed, added = changes(text, after)
    assert removed == ['  last_reviewed: 2023-09    # "Last Review Date: September 2023": a month, not a day']
    assert added == ['  last_reviewed: 2024-09    # "Last Review Date: September 2023": a month, not a day']
    text = (BODIES / "plymouth-improvement-board.yaml").read_text()
    after, _ = apply_ops(text, [set_(("source", "version"), "4")])
    assert '  version: "4"\n' in after  # a quoted value stays quoted (and "4" stays text)


def test_deleting_the_last_key_keeps_the_blank_line_after_the_section():
    text = (BODIES / "solihull-sscp-executive.yaml").read_text()
    after, _ = apply_ops(text, [delete(("review", "text"))])
    removed, added = changes(text, after)
    assert removed == ["  text: These terms of reference will be reviewed in March 2024."] and added == []
    assert 'reviewed in March 2024."\n\nnotes:' in after


@pytest.mark.parametrize(
    "value", ["yes", "no", "on", "off", "null", "~", "12", "1.5", "2024-03-01", "true", " padded", "a: b", "#x"]
)
def test_text_that_yaml_would_read_as_something_else_is_quoted(value: str):
    text = (BODIES / "solihull-rdg.yaml").read_text()
    after, meant = apply_ops(text, [set_(("members", 0, "holder"), value)])
    assert parse_text(after).data == meant
    assert parse_text(after).data["members"][0]["holder"] == value


def test_dates_and_flow_lists_are_written_in_house_style():
    text = (BODIES / "solihull-sscp-executive.yaml").read_text()
    after, _ = apply_ops(
        text,
        [
            set_(("chair", "rotation", "order"), Flow(("dcs", "icb-dsp", "police-dsp"))),
            set_(("chair", "rotation", "since"), PartialDate(2024, 4)),
            set_(("review", "history"), [{"date": PartialDate(2024, 5, 1), "by": "Executive Group"}]),
        ],
    )
    assert "    order: [dcs, icb-dsp, police-dsp]\n" in after
    assert "    since: 2024-04\n" in after
    assert "  history:\n    - date: 2024-05-01\n      by: Executive Group\n" in after
    data = parse_text(after).data
    assert data["review"]["history"][0]["date"] == dt.date(2024, 5, 1)
    Body.model_validate(data)


SEFTON = (BODIES / "sefton-improvement-board.yaml").read_text()
SEFTON_COMMENTS = comments(SEFTON)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.booleans(), st.integers(min_value=0, max_value=40)), min_size=1, max_size=4))
def test_any_sequence_of_member_adds_and_removes_keeps_the_file_valid_and_its_comments(steps):
    text = SEFTON
    added = 0
    for add, where in steps:
        count = len(parse_text(text).data["members"])
        if add or count <= 2:
            ops = [
                insert(
                    ("members",),
                    1 + where % count,
                    {"id": f"added-{added}", "role": f"Added {added}", "class": "partner"},
                )
            ]
            added += 1
        else:
            ops = [delete(("members", where % count))]
        text, meant = apply_ops(text, ops)
        assert parse_text(text).data == meant
        Body.model_validate(meant)
    # every heading comment survives (a removed post takes only its own lines)
    assert [c for c in SEFTON_COMMENTS if c.startswith("#")] == [c for c in comments(text) if c.startswith("#")]


def test_comments_indented_inside_an_item_stay_with_it():
    text = "members:\n  - id: a\n    class: core\n    # about a\n  # heading b\n  - id: b\n    class: core\n\nnext: 1\n"
    after, _ = apply_ops(text, [insert(("members",), 1, {"id": "n", "class": "core"})])
    assert after == (
        "members:\n  - id: a\n    class: core\n    # about a\n  - id: n\n    class: core\n"
        "  # heading b\n  - id: b\n    class: core\n\nnext: 1\n"
    )
    after, _ = apply_ops(text, [delete(("members", 0))])
    assert after == "members:\n  # heading b\n  - id: b\n    class: core\n\nnext: 1\n"
