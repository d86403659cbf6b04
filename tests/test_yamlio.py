"""The fast parser means exactly what PyYAML's safe loader means, and locates values precisely."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from torctl.data.yamlio import YamlProblem, compose, locate, locate_in, parse_text

# Text without control characters (refused in values, S003) or invisible format characters (flagged, S004).
plain_text = st.characters(exclude_categories=("Cc", "Cf", "Cs")) | st.sampled_from("\t\n")
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=True),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.text(plain_text, max_size=30),
    st.sampled_from(
        ["yes", "No", "on", "OFF", "~", "null", "010", "0x1F", "1e3", "2023-09", "12:30", "Tuesday", "-", ".5"]
    ),
)
keys = st.text(plain_text, min_size=1, max_size=12)
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
@given(
    st.dictionaries(
        st.from_regex(r"[a-z_]{1,10}", fullmatch=True), st.text(plain_text, max_size=20), min_size=1, max_size=8
    )
)
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


def _paths(value, path=()):
    """Every path into `value`, and some that leave the tree (a missing key, an index too far, a union tag)."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
        yield (*path, "missing")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))
        yield (*path, len(value))
        yield (*path, "all-of", 0)


def _assert_outline_agrees(text):
    """Wherever the outline answers, it gives what composing the whole file and `locate` give."""
    parsed = parse_text(text)
    lines, root = text.split("\n"), compose(text)
    answered = 0
    for path in _paths(parsed.data):
        for key in (False, True):
            found = locate_in(lines, parsed.outline, path, key=key)
            if found is not None:
                answered += 1
                assert found == locate(root, path, key=key), (path, key)
    return answered


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(keys, documents, min_size=1, max_size=6), st.booleans(), st.sampled_from([2, 4]))
def test_outline_places_every_value_as_the_whole_file_does(data, flow, indent):
    _assert_outline_agrees(yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True, indent=indent))


def test_outline_agrees_on_every_real_file():
    root = Path(__file__).resolve().parent.parent
    files = [*root.glob("bodies/**/*.yaml"), *root.glob("docs/examples/**/*.yaml")]
    assert len(files) > 20
    assert sum(_assert_outline_agrees(path.read_text(encoding="utf-8")) for path in files) > 10_000


def test_outline_declines_or_agrees_on_awkward_layouts():
    awkward = [
        "members:\n-\n  id: a\n  agency: x\n-\n  id: b\n  agency: y\n",  # each dash alone on its line
        "members:\n  -\n    - a\n    - b\n  - - c\n    - d\n",  # items that are lists themselves
        "members: [a, b,\n  c]\nname: x\n",  # a flow list over two lines
        "  members:\n    - id: a\n    - id: b\n  name: x\n",  # an indented document
        "? members\n: - id: a\n  - id: b\nname: x\n",  # an explicit key
        "members:\n# a comment\n- id: a\n  note: |\n    text\n    more\n# another\n- id: b\n",
        "name: 'two\n  lines'\nmembers:\n- id: a\n",
    ]
    for text in awkward:
        _assert_outline_agrees(text)
    # the dash-alone items are placed, not refused
    parsed = parse_text(awkward[0])
    assert locate_in(awkward[0].split("\n"), parsed.outline, ("members", 1, "agency")) == (7, 11)


def test_a_file_with_other_line_breaks_is_composed_whole():
    assert parse_text("name: a\r\nmembers:\r\n- id: b\r\n").outline is None
    assert parse_text('name: "a\u2028b"\nid: c\n').outline is None
    assert parse_text("{name: a, id: b}\n").outline is None


def test_a_document_parsed_again_is_located_in_its_new_text(tmp_path):
    from torctl.data.tree import Document

    doc = Document(tmp_path / "a.yaml", "a.yaml", "body", parse_text("id: a\nmembers:\n- id: x\n  agency: y\n"))
    assert doc.where(("members", 0, "agency")) == (4, 11)
    doc.parsed = parse_text("id: a\nname: A\n\nmembers:\n- id: x\n  role: r\n  agency: y\n")  # after an edit
    assert doc.where(("members", 0, "agency")) == (7, 11)
    assert doc.where(("members", 0, "agency"), key=True) == (7, 3)
