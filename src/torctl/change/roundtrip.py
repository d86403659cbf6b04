"""The ruamel.yaml round trip that edits keep a file's form through: comments, key order, quoting, blank lines.

ruamel.yaml is imported here, lazily, and only editing commands import this
module; read-only commands never pay for the slow pure-Python parser.

Comments in ruamel hang on the entry *before* them: the blank lines and
`# heading` lines above a list item belong to the end of the previous item.
`add_entry`, `remove_entry` and `set_entry` move those "trailing" comments when
an entry is inserted, removed or replaced, so a heading stays above the entry it
introduced and nothing is lost.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ruamel.yaml import YAML


def _yaml() -> YAML:
    from ruamel.yaml import YAML
    from ruamel.yaml.representer import RoundTripRepresenter

    class Representer(RoundTripRepresenter):
        pass

    # ruamel writes a null mapping value as nothing (`votes:`); the house style spells it `null`.
    Representer.add_representer(type(None), lambda self, _data: self.represent_scalar("tag:yaml.org,2002:null", "null"))

    yaml = YAML(typ="rt")
    yaml.Representer = Representer
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap long lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


@dataclass(frozen=True)
class _Form:
    """What the round trip must put back that ruamel does not keep: a byte-order mark, CRLF line ends."""

    bom: bool
    crlf: bool


def _split_form(text: str) -> tuple[str, _Form]:
    bom = text.startswith("\ufeff")
    text = text.removeprefix("\ufeff")
    crlf = "\r\n" in text
    return text.replace("\r\n", "\n"), _Form(bom, crlf)


def _join_form(text: str, form: _Form) -> str:
    if form.crlf:
        text = text.replace("\n", "\r\n")
    return ("\ufeff" if form.bom else "") + text


def roundtrip_load(text: str) -> Any:
    """The ruamel tree of a document (comments, order and quoting attached)."""
    return _yaml().load(_split_form(text)[0])


def roundtrip_dump(data: Any, like: str = "") -> str:
    """Dump a ruamel tree, with the byte-order mark and line ends of `like` (the original text)."""
    buffer = io.StringIO()
    _yaml().dump(data, buffer)
    return _join_form(buffer.getvalue(), _split_form(like)[1])


# ---------------------------------------------------------------- comment surgery
#
# A "slot" is (container, key, index): where ruamel keeps the comment that follows
# an entry: `ca.items[key][2]` in a mapping, `ca.items[index][0]` in a sequence.

Slot = tuple[Any, Any, int]


def is_block(node: Any) -> bool:
    """Whether a node is a non-empty block mapping or sequence (one that spans lines of its own)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    return isinstance(node, (CommentedMap, CommentedSeq)) and len(node) > 0 and not node.fa.flow_style()


def _slot_index(container: Any) -> int:
    from ruamel.yaml.comments import CommentedMap

    return 2 if isinstance(container, CommentedMap) else 0


def _last_key(container: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap

    return list(container.keys())[-1] if isinstance(container, CommentedMap) else len(container) - 1


def _entry_slots(container: Any, key: Any) -> list[Slot]:
    """Every slot that could hold the comment after entry `key`: its own, then its last descendants'."""
    slots = [(container, key, _slot_index(container))]
    value = container[key]
    while is_block(value):
        last = _last_key(value)
        slots.append((value, last, _slot_index(value)))
        value = value[last]
    return slots


def _get_token(slot: Slot) -> Any:
    container, key, index = slot
    entry = container.ca.items.get(key)
    return entry[index] if entry and len(entry) > index else None


def _set_token(slot: Slot, token: Any) -> None:
    container, key, index = slot
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    entry[index] = token
    if not any(entry):
        del container.ca.items[key]


def _trailing(container: Any, key: Any) -> tuple[str, str, int]:
    """(end-of-line comment, following lines, column) after an entry; the lines keep their indentation."""
    for slot in reversed(_entry_slots(container, key)):
        token = _get_token(slot)
        if token is not None:
            eol, newline, rest = token.value.partition("\n")
            return eol, rest if newline else "", token.column
    return "", "", 0


def _put_trailing(container: Any, key: Any, eol: str, rest: str, column: int = 0) -> None:
    """Replace the comment after an entry (clearing it from every slot first)."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    slots = _entry_slots(container, key)
    holder = slots[-1]
    for slot in slots:
        if _get_token(slot) is not None:
            holder = slot
            _set_token(slot, None)
    if eol or rest:
        _set_token(holder, CommentToken(f"{eol}\n{rest}", CommentMark(column), None))


def _pre_comment_append(seq: Any, rest: str) -> None:
    """Add comment lines to those before a sequence's first item."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    if not rest:
        return
    if seq.ca.comment is None:
        seq.ca.comment = [None, []]
    if seq.ca.comment[1] is None:
        seq.ca.comment[1] = []
    for line in rest.splitlines():
        text = line.lstrip(" ")
        seq.ca.comment[1].append(CommentToken(f"{text}\n", CommentMark(len(line) - len(text) if text else 0), None))


def _split_inner(container: Any, rest: str) -> tuple[str, str]:
    """Split the comment lines after an entry into those indented inside it and those after it.

    `container.lc.col` is the column of its entries (a sequence's dashes, a
    mapping's keys); a comment indented deeper belongs to the entry before it.
    """
    col = getattr(container.lc, "col", None)
    if col is None:
        return "", rest
    lines = rest.splitlines(keepends=True)
    k = 0
    while k < len(lines) and lines[k].lstrip().startswith("#") and len(lines[k]) - len(lines[k].lstrip(" ")) > col:
        k += 1
    return "".join(lines[:k]), "".join(lines[k:])


def _after_entry(container: Any, key: Any) -> str:
    """The comment lines after an entry that are not indented inside it, taken off it."""
    _, rest, _ = _trailing(container, key)
    _put_trailing(container, key, "", "")
    return _split_inner(container, rest)[1]


def _entry_keys(container: Any) -> list[Any]:
    from ruamel.yaml.comments import CommentedMap

    return list(container.keys()) if isinstance(container, CommentedMap) else list(range(len(container)))


def remove_entry(container: Any, key: Any) -> None:
    """Delete an entry with the comments inside it; the comment lines after it move to the entry before it."""
    keys = _entry_keys(container)
    position = keys.index(key)
    rest = _after_entry(container, key)
    del container[key]
    if not isinstance(key, int):
        container.ca.items.pop(key, None)
    if position > 0:
        before = keys[position - 1]
        eol, before_rest, column = _trailing(container, before)
        _put_trailing(container, before, eol, before_rest + rest, column)
    elif len(container) and not isinstance(key, int):
        # first key of a mapping: keep its comment lines after the new first entry's line
        first = _entry_keys(container)[0]
        eol, first_rest, column = _trailing(container, first)
        _put_trailing(container, first, eol, rest + first_rest, column)
    elif len(container):
        _pre_comment_append(container, rest)


def add_entry(container: Any, position: int, key: Any, value: Any) -> None:
    """Insert an entry at `position`; it takes over the comment lines of the entry before it,
    so a heading comment stays above the entry it introduced."""
    keys = _entry_keys(container)
    rest = ""
    if position > 0:
        before = keys[position - 1]
        eol, rest, column = _trailing(container, before)
        inner, rest = _split_inner(container, rest)
        _put_trailing(container, before, eol, inner, column)
    if isinstance(key, int):
        container.insert(position, value)
        new_key: Any = position
    else:
        container.insert(position, key, value)
        new_key = key
    if rest:
        _put_trailing(container, new_key, "", rest)


def set_entry(container: Any, key: Any, value: Any) -> None:
    """Replace an entry's value. A string keeps the file's quoting; the comment lines after a block stay after it."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    old = container[key]
    if isinstance(old, (DoubleQuotedScalarString, SingleQuotedScalarString)) and type(value) is str:
        value = type(old)(value)
    if not is_block(old):
        container[key] = value
        return
    rest = _after_entry(container, key)
    container[key] = value
    _put_trailing(container, key, "", rest)
