"""The fast parser means exactly what PyYAML's safe loader means, and locates values precisely."""

from __future__ import annotations

import datetime as dt

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from torctl.data.yamlio import YamlProblem, locate, parse_text

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=True),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.text(max_size=30),
    st.sampled_from(["yes", "No", "on", "OFF", "~", "null", "010", "0x1F", "1e3", "2023-09", "12:30", "Tuesday", "-", ".5"]),
)
keys = st.text(min_size=1, max_size=12)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=4)),
    max_leaves=25,
)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(keys, documents, min_size=1, max_size=6), st.booleans())
def test_parse_agrees_with_pyyaml(data, flow):
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    assert parse_text(text).data == yaml.safe_load(text)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.from_regex(r"[a-z_]{1,10}", fullmatch=True), st.text(max_size=20), min_size=1, max_size=8))
def test_locate_finds_each_key_on_its_line(data):
    text = yaml.safe_dump(data, default_flow_style=False, allow_unicode=True, width=10**6)
    node = parse_text(text).node
    lines = text.splitlines()
    for key in data:
        line, column = locate(node, (key,), key=True)
        assert lines[line - 1][column - 1 :].lstrip("'\"").startswith(key)  # a quoted key starts at its quote


def test_locate_through_lists_and_union_tags():
    text = "quorum:\n  rule: all-of\n  rules:\n    - rule: at-least\n      count: 3\n"
    node = parse_text(text).node
    assert locate(node, ("quorum", "all-of", "rules", 0, "at-least", "count")) == (5, 14)
    assert locate(node, ("quorum", "rules", 0, "count"), key=True) == (5, 7)
    assert locate(node, ("quorum", "rules", 7, "count")) == (4, 5)  # the list: deepest node found


def test_problem_positions_are_one_based():
    try:
        parse_text("a: 1\nb: [\n")
    except YamlProblem as problem:
        assert problem.line == 3 and problem.column == 1
    else:  # pragma: no cover
        raise AssertionError("expected a YamlProblem")
