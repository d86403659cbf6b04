"""Reading YAML safely and fast, while keeping where every value came from.

The happy path parses with PyYAML's C (libyaml) composer: about ten times faster
than a pure-Python round-trip parse, which matters when CI validates a thousand
files. Node trees are not kept (10,000 of them would fill memory); an outline noted
while parsing (where each top-level entry and list item begins) lets a finding be
placed by composing only the entry that holds it.

Hostile input is refused with a `YamlProblem` carrying the position: duplicate
keys (which YAML loaders silently overwrite), anchors and aliases (the
"billion laughs" expansion bomb; a ToR has no use for them), tabs, bytes that
are not UTF-8, empty files and files that are too large.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import sys
from array import array
from pathlib import Path
from typing import Any
from collections.abc import Sequence

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..findings import Code, Directive, Finding, finding

try:  # libyaml is bundled in PyYAML's wheels; fall back to pure Python where it is not
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _BaseLoader = yaml.SafeLoader

MAX_BYTES = 1_000_000


class YamlProblem(Exception):
    """A file that cannot be read as a YAML mapping. Positions are 1-based."""

    def __init__(self, code: Code, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.code, self.message, self.line, self.column = code, message, line, column

    def finding(self, path: str) -> Finding:
        """The problem as a finding in the file shown as `path`."""
        return finding(self.code, self.message, path=path, line=self.line, column=self.column)


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
MAX_DIGITS = 100
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
# First characters that can begin a YAML 1.1 implicit non-string (null, bool, int,
# float, timestamp, merge, value); any other plain scalar is text, resolved without regexes.
_IMPLICIT_FIRST = frozenset("-+0123456789.~nNtTfFyYoO<=")


class _Composer(_BaseLoader):  # type: ignore[misc]
    """libyaml's composer with a resolver that skips the regexes for ordinary text.

    libyaml calls `resolve` from C for every scalar; PyYAML's version tries its
    regexes for each. Values that cannot be anything but text are settled at once,
    the rest go to PyYAML's resolver, so the YAML 1.1 meaning is unchanged.
    """

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is ScalarNode:
            if implicit[0] and value and value[0] not in _IMPLICIT_FIRST:
                return _STR
            resolved: str = super().resolve(kind, value, implicit)
            return resolved
        return _MAP if kind is MappingNode else _SEQ  # PyYAML's answer, as no path resolvers are registered


class _PositionComposer(_BaseLoader):  # type: ignore[misc]
    """libyaml's composer for line and column look-ups only: no tag is ever read, so none is resolved.

    libyaml calls these three for every node. Builtins that accept the same arguments
    and do nothing (the node's tag becomes a throwaway `slice`) cost far less than
    Python methods: locating the findings of a file composes it about 20% faster.
    """

    resolve = slice  # (kind, value, implicit)
    descend_resolver = slice  # (parent, index)
    ascend_resolver = tuple  # ()


# Short texts (keys, ids, roles, classes, agency names) recur across a directory's files;
# one shared copy of each keeps the models of 10,000 bodies from holding millions of duplicates.
_SHARE_UP_TO = 100
# The placeholder word `torctl new` leaves in values (T001, in todo.py): noted while parsing.
MARKER_WORD = "TODO"
_intern = sys.intern

_scalars = yaml.constructor.SafeConstructor()  # builds ints, floats, bools, dates from scalar nodes


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _build(node: Node, seen: set[int], marked: list[Node]) -> Any:
    """Python data from a node tree, refusing aliases, duplicate keys, tags and complex keys."""
    if id(node) in seen:
        raise YamlProblem(
            Code.Y003,
            "anchors and aliases (&name, *name) are not allowed in torctl files; write the value out in full",
            *_mark(node),
        )
    seen.add(id(node))
    if type(node) is ScalarNode:  # `type() is`, not isinstance: this runs for every value of every file
        return _build_scalar(node, marked)
    if type(node) is MappingNode:
        return _build_mapping(node, seen, marked)
    if node.tag != _SEQ:
        raise YamlProblem(Code.Y001, f"YAML tags ({node.tag}) are not supported in torctl files", *_mark(node))
    return [_build(item, seen, marked) for item in node.value]


def _build_scalar(node: ScalarNode, marked: list[Node]) -> Any:
    tag = node.tag
    if tag == _STR:
        if not node.style and "\t" in node.value:  # libyaml allows it; the round-trip editor does not
            line, column = _mark(node)
            offset = node.value.index("\t")
            raise YamlProblem(
                Code.Y001,
                "tab character inside an unquoted value; quote the value or use spaces",
                line,
                column + offset if "\n" not in node.value[:offset] else None,
            )
        value: str = node.value
        if MARKER_WORD in value:
            marked.append(node)
        return _intern(value) if len(value) <= _SHARE_UP_TO else value
    constructor = _scalars.yaml_constructors.get(tag)
    if constructor is None or tag == "tag:yaml.org,2002:merge":
        raise YamlProblem(
            Code.Y001, f"YAML tags and merge keys ({tag}) are not supported in torctl files", *_mark(node)
        )
    if tag == _INT and len(node.value) > MAX_DIGITS:  # never echo thousands of digits, or Python's advice
        raise YamlProblem(
            Code.S003, f"a number of {len(node.value):,} characters is far too long for any field", *_mark(node)
        )
    if tag == _INT and not _DECIMAL.fullmatch(node.value):
        raise YamlProblem(Code.S003, _not_decimal(node.value, constructor(_scalars, node)), *_mark(node))
    try:
        return constructor(_scalars, node)
    except (ValueError, OverflowError) as exc:  # e.g. 2023-02-30 looks like a date but is none
        what = tag.rsplit(":", 1)[-1].replace("timestamp", "date")
        shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
        raise YamlProblem(Code.S003, f"'{shown}' is not a valid {what}: {exc}", *_mark(node)) from None


_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")


def _not_decimal(text: str, value: int) -> str:
    """Why `text` (which YAML 1.1 reads as the whole number `value`) is refused: counts, seats and periods are
    written in plain decimal digits, so a leading zero (octal), 0x, 0b, `_` or `:` cannot change what they say."""
    if ":" in text:
        return (
            f"a time or other text with ':' goes in quotes, like '{text}' (unquoted, YAML reads {text} as the "
            f"number {value}); a whole number is written in plain digits"
        )
    lowered = text.lower()
    forms = {"x": "a hexadecimal number", "b": "a binary number", "_": "a number with '_' in it"}
    form = next((words for mark, words in forms.items() if mark in lowered), "an octal number (it starts with 0)")
    return (
        f"'{text}' is {form}, which YAML reads as {value}; write whole numbers in plain digits "
        f"({value} if that is what is meant), or quote the value if it is text"
    )


def _build_mapping(node: MappingNode, seen: set[int], marked: list[Node]) -> dict[Any, Any]:
    if node.tag != _MAP:
        raise YamlProblem(Code.Y001, f"YAML tags ({node.tag}) are not supported in torctl files", *_mark(node))
    data: dict[Any, Any] = {}
    firsts: dict[Any, Node] = {}
    for key_node, value_node in node.value:
        if type(key_node) is not ScalarNode:
            raise YamlProblem(Code.Y001, "a key must be plain text, not a list or mapping", *_mark(key_node))
        key = _build(key_node, seen, marked)
        if key in firsts:
            raise YamlProblem(
                Code.Y002,
                f"duplicate key '{key}' (first given at line {_mark(firsts[key])[0]}); "
                "YAML would silently keep only the last value",
                *_mark(key_node),
            )
        firsts[key] = key_node
        data[key] = _build(value_node, seen, marked)
    return data


_HINTS = {
    "mapping values are not allowed": "text containing ': ' must be quoted, e.g. \"Chair: West Midlands Police\"",
    "did not find expected ',' or ']'": "a [ list is not closed with ]",
    "did not find expected ',' or '}'": "a { mapping is not closed with }",
    "found unexpected end of stream": "a quote or bracket is not closed",
    "could not find expected ':'": "a line is missing its 'key: value' colon, or a quote is not closed",
}


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        return YamlProblem(
            Code.Y001, "tab character: YAML must be indented with spaces, not tabs", mark.line + 1, mark.column + 1
        )
    problem = (exc.problem or exc.context or "YAML syntax error").strip()
    message = problem
    if exc.context and exc.problem and exc.context_mark and exc.context_mark is not mark:
        message = f"{problem} ({exc.context} at line {exc.context_mark.line + 1})"
    hint = next((h for text, h in _HINTS.items() if text in problem), None)
    if hint:
        message += f": {hint}"
    return YamlProblem(Code.Y001, message, mark.line + 1 if mark else None, mark.column + 1 if mark else None)


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlProblem(
            Code.Y004, f"byte 0x{raw[exc.start]:02x} is not UTF-8 text; save the file as UTF-8", line, column
        ) from None


class Parsed:
    """A YAML mapping and the text it came from; the node tree is rebuilt only to locate a problem.

    Keeping every file's node tree alive would make Python's cyclic garbage collector
    rescan hundreds of thousands of nodes while a large directory loads. Once a model
    holds the values, `without_data` drops the mapping and the text too (10,000 bodies
    would otherwise hold every value three times): the text is read again only to locate
    a finding, and used only if it is the very text that was validated (same digest);
    a file changed since gives no text (None), so no finding is placed by other bytes.
    """

    __slots__ = ("_absent", "_digest", "_path", "_text", "data", "directives", "marked", "notes", "outline")

    def __init__(
        self,
        data: dict[str, Any] | None,
        text: str | None,
        marked: tuple[tuple[str, int, int, str], ...] | None = None,
        outline: Outline | None = None,
    ):
        self.data, self._text = data, text
        # Where the top-level entries (and the items of top-level lists) begin, noted while parsing,
        # so a finding is placed by composing only its own entry, not the whole file again.
        self.outline = outline
        # Every value containing MARKER_WORD as (path, line, column, text), noted while parsing,
        # so T001 needs no node tree; None when not known (then the text is searched instead).
        self.marked = marked
        # `# torctl:` directives in the file's comments, and findings about malformed ones (T002, T003).
        self.directives: tuple[Directive, ...] = ()
        self.notes: tuple[Finding, ...] = ()
        self._path: Path | None = None
        self._digest = b""
        self._absent: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return f"Parsed(path={self._path}, kept={self._text is not None})"

    @property
    def text(self) -> str | None:
        """The text that was parsed; None only when the data was dropped and the file has changed since."""
        if self._text is not None or self._path is None:
            return self._text
        try:
            text = _decode(read_regular(self._path))
        except YamlProblem:
            return None
        return text if _digest(text) == self._digest else None

    def contains(self, word: str) -> bool:
        """Whether the parsed text contains `word`; without reading the file again for a word `without_data` looked
        for."""
        if self._text is not None:
            return word in self._text
        if word in self._absent:
            return False
        text = self.text
        return text is not None and word in text

    def without_data(self, path: Path, keep_if: tuple[str, ...] = ()) -> Parsed:
        """This file's record once a model holds its values: no mapping, and the text only if it contains
        one of `keep_if` (the words later checks look for); otherwise a digest to read it again by."""
        lean = Parsed(None, self._text, self.marked, self.outline)
        lean.directives, lean.notes = self.directives, self.notes
        if self._text is not None and not any(word in self._text for word in keep_if):
            lean._text, lean._path, lean._digest, lean._absent = None, path, _digest(self._text), keep_if
        return lean

    @property
    def node(self) -> MappingNode | None:
        text = self.text
        return None if text is None else compose(text)


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def compose(text: str) -> MappingNode:
    """The node tree of a document already known to parse, for line and column look-ups (tags not resolved)."""
    loader = _PositionComposer(text)
    try:
        node: MappingNode = loader.get_single_node()
        return node
    finally:
        loader.dispose()


class Outline:
    """Where a file's top-level entries begin, and the items of its top-level lists.

    `lines` holds, for each key in `keys` in order: the key's 0-based line, the number
    of its list's items recorded (0 when its value is not a block list), and where each
    item begins, packed as `line * 1024 + column`. A few hundred bytes a file, in two
    objects (the keys as one text, the numbers as bytes), so 10,000 loaded bodies keep theirs cheaply.
    """

    __slots__ = ("_keys", "_lines")

    def __init__(self, keys: str, lines: array[int]):
        self._keys, self._lines = keys, lines.tobytes()  # the keys, a line each: one text, not a tuple of them

    @property
    def keys(self) -> list[str]:
        return self._keys.split("\n")

    @property
    def lines(self) -> memoryview:
        return memoryview(self._lines).cast("I")

    def span(self, loc: Sequence[str | int], end: int) -> tuple[int, int, int | None] | None:
        """(first line, line after the last, the item's packed start or None) of the smallest recorded
        part of the file that holds `loc`: the item `loc[1]` of the list `loc[0]`, else the entry `loc[0]`."""
        keys = self.keys
        if not loc or loc[0] not in keys:
            return None
        lines, at = self.lines, 0
        for _ in range(keys.index(str(loc[0]))):
            at += 2 + lines[at + 1]
        key_line, count = lines[at], lines[at + 1]
        after = at + 2 + count
        next_key = lines[after] if after < len(lines) else end
        index = loc[1] if len(loc) > 1 else None
        if type(index) is int and 0 <= index < count:
            start = lines[at + 2 + index]
            following = lines[at + 3 + index] // _PACK if index + 1 < count else next_key
            return start // _PACK, following, start
        return key_line, next_key, None


_PACK = 1024  # an item's start is line * _PACK + column; a list with an item at a wider column is not recorded
# Line breaks other than \n (libyaml also counts \r, NEL and the Unicode separators): a file
# with any of them is located by composing it whole, as its lines would be counted differently.
_OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


def _outline(root: MappingNode, text: str) -> Outline | None:
    """The outline of a block mapping whose keys each begin a line at the mapping's column; else None."""
    if root.flow_style or any(b in text for b in _OTHER_BREAKS):
        return None
    column, previous = root.start_mark.column, -1
    keys: list[str] = []
    lines = array("I")
    append = lines.append
    for key_node, value_node in root.value:
        mark = key_node.start_mark
        line = mark.line
        if mark.column != column or line <= previous:
            return None
        previous = line
        keys.append(key_node.value)
        append(line)
        count_at = len(lines)
        append(0)
        if type(value_node) is SequenceNode and not value_node.flow_style:
            for item in value_node.value:
                mark = item.start_mark
                if mark.line <= previous or mark.column >= _PACK:  # items sharing a line, or far right:
                    del lines[count_at + 1 :]  # the entry is composed whole instead
                    break
                previous = mark.line
                append(mark.line * _PACK + mark.column)
            lines[count_at] = len(lines) - count_at - 1
    joined = "\n".join(keys)
    return Outline(joined, lines) if joined.count("\n") == len(keys) - 1 else None  # a quoted key may hold a line break


def _compose_lines(lines: list[str], first: int, end: int) -> Node | None:
    """The node tree of lines [first, end), after `first` empty lines so that every mark is the file's own."""
    try:
        return compose("\n" * first + "\n".join(lines[first:end]))
    except yaml.YAMLError:  # a slice that is no document by itself: the caller composes the whole file
        return None


def _at(node: Node, packed: int) -> bool:
    return node.start_mark.line * _PACK + node.start_mark.column == packed


def locate_in(
    lines: list[str], outline: Outline | None, loc: Sequence[str | int], *, key: bool = False
) -> tuple[int, int] | None:
    """`locate` in the file whose text is `lines` (split at \\n), composing only the entry or list item
    that holds `loc`; None when the outline cannot tell (then compose the whole file and `locate`).

    The part composed is checked to be what the whole file holds there (one entry with that
    key, or one item beginning where the item begins), so the answer is the one `locate` gives.
    """
    span = outline.span(loc, len(lines)) if outline is not None else None
    if span is None:
        return None
    first, end, item = span
    part = _compose_lines(lines, first, end)
    if part is None:
        return None
    if item is None:
        if (
            type(part) is not MappingNode
            or len(part.value) != 1
            or part.value[0][0].value != loc[0]
            or part.start_mark.line != first
        ):
            return None
        return locate(part, loc, key=key)
    if type(part) is SequenceNode and len(part.value) == 1 and _at(part.value[0], item):
        part = part.value[0]  # the item's dash is on its first line
    elif not _at(part, item):
        return None
    # as in `locate`: past a list item no key is the target, until a mapping below it gives one
    return locate(part, loc[2:], key=key) if len(loc) > 2 else _mark(part)


def _line_column(text: str, position: int) -> tuple[int, int]:
    """1-based line and column of a character offset in `text`."""
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


def _refuse_explicit_tags(text: str) -> None:
    """Refuse any explicit tag, even one that names the type the value would have anyway (`!!str`)."""
    for event in yaml.parse(text, Loader=_BaseLoader):
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            raise YamlProblem(Code.Y001, f"YAML tags ({tag}) are not supported in torctl files", *_event_mark(event))


def _event_mark(event: Any) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def parse_text(text: str) -> Parsed:
    """Parse one YAML document that must be a mapping."""
    if "\x00" in text:
        raise YamlProblem(Code.Y004, "the file contains NUL bytes; it is not a text file")
    loader = _Composer(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlProblem(Code.Y005, "the file is empty; a torctl file is a YAML mapping of fields")
        if not isinstance(node, MappingNode):
            kind = "a list" if isinstance(node, SequenceNode) else "a single value"
            raise YamlProblem(
                Code.Y006,
                f"the document is {kind}, but a torctl file is a mapping of fields (key: value)",
                node.start_mark.line + 1,
                node.start_mark.column + 1,
            )
        found: list[Node] = []
        data = _build(node, set(), found)
        if "!" in text:  # the composer resolves explicit tags itself (`!!str`, `!!binary`): find them in the events
            _refuse_explicit_tags(text)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(exc, text) from None
    except yaml.reader.ReaderError as exc:  # a control character: placed by line and column, not byte offset
        line, column = _line_column(text, exc.position)
        raise YamlProblem(
            Code.Y004, f"control character U+{exc.character:04X} is not allowed in a YAML file; remove it", line, column
        ) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml errors without marks
        raise YamlProblem(Code.Y001, str(exc)) from None
    except RecursionError:
        raise YamlProblem(Code.Y001, "the document is nested too deeply") from None
    finally:
        loader.dispose()
    notes = _check_characters(node) if "\\" in text or _INVISIBLE.search(text) else ()
    parsed = Parsed(data, text, _marked_values(data, found) if found else (), _outline(node, text))
    parsed.notes = notes
    return parsed


# Control characters a double-quoted YAML escape can put in a value (`"\e"`, `"\0"`, `"\x07"`): the reader
# refuses them raw, so they can only come this way.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional overrides and isolates, and zero-width characters: they make text display as something
# other than what it is ("Trojan Source"). Ids refuse them by their pattern; in text they are flagged.
_INVISIBLE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def _check_characters(root: Node) -> tuple[Finding, ...]:
    """Refuse a value holding a control character (S003, at the value); flag invisible ones (S004)."""
    notes: list[Finding] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            stack.extend(item for pair in reversed(node.value) for item in reversed(pair))
        elif isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, ScalarNode) and isinstance(node.value, str):
            line, column = _mark(node)
            if (bad := _CONTROL.search(node.value)) is not None:
                raise YamlProblem(
                    Code.S003,
                    f"control character U+{ord(bad.group()):04X} (at character {bad.start() + 1} of the value); "
                    "text may not contain control characters: remove the escape",
                    line,
                    column,
                )
            if (odd := _INVISIBLE.search(node.value)) is not None:
                message = (
                    f"invisible character U+{ord(odd.group()):04X} (at character {odd.start() + 1} of the value): "
                    "it changes how the text displays without being seen"
                )
                notes.append(finding(Code.S004, message, line=line, column=column))
    return tuple(notes)


class _KeyNotText(Exception):
    pass


def _marked_values(data: dict[str, Any], nodes: list[Node]) -> tuple[tuple[str, int, int, str], ...] | None:
    """(path, line, column, text) of every value containing MARKER_WORD, in document order, from the nodes
    `_build` noted as it met them (keys included, built just before their values); None where a key is
    not text, as then the path would not read as the file writes it."""
    found: list[tuple[str, int, int, str]] = []
    noted = iter(nodes)

    def walk(value: Any, path: str) -> None:
        kind = type(value)
        if kind is str:
            if MARKER_WORD in value:
                line, column = _mark(next(noted))
                found.append((path, line, column, value))
        elif kind is dict:
            for key, item in value.items():
                if type(key) is not str:
                    raise _KeyNotText
                if MARKER_WORD in key:
                    next(noted)
                walk(item, f"{path}.{key}" if path else key)
        elif kind is list:
            for index, item in enumerate(value):
                walk(item, f"{path}[{index}]")

    try:
        walk(data, "")
    except _KeyNotText:
        return None
    return tuple(found)


def kind_of(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_regular(path: Path, limit: int = MAX_BYTES) -> bytes:
    """A regular file's bytes, at most `limit` of them; anything else is a `YamlProblem` saying why.

    A FIFO would block forever and `/dev/zero` (even behind a symlink) never ends,
    so only regular files are read: checked before opening, opened non-blocking,
    checked again on the open descriptor (the name could be swapped in between),
    and read no further than the limit.
    """
    try:
        before = os.stat(path)
        if not stat.S_ISREG(before.st_mode):
            raise YamlProblem(
                Code.Y008, f"{kind_of(before.st_mode)}, not a regular file; torctl reads only regular files"
            )
        if before.st_size > limit:
            raise YamlProblem(
                Code.Y007, f"the file is {before.st_size:,} bytes; torctl reads files up to {limit:,} bytes"
            )
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            opened = os.fstat(fd)
            if not stat.S_ISREG(opened.st_mode):
                raise YamlProblem(
                    Code.Y008, f"{kind_of(opened.st_mode)}, not a regular file; torctl reads only regular files"
                )
            chunks, size = [], 0
            while chunk := os.read(fd, min(1 << 20, limit + 1 - size)):
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    raise YamlProblem(
                        Code.Y007, f"the file is over {limit:,} bytes; torctl reads files up to {limit:,} bytes"
                    )
            return b"".join(chunks)
        finally:
            os.close(fd)
    except OSError as exc:
        raise YamlProblem(Code.Y008, f"cannot read the file: {exc.strerror or exc}") from None


def parse_file(path: Path) -> Parsed:
    """Read and parse a file, turning every way it can fail into a `YamlProblem`."""
    raw = read_regular(path)
    if not raw.strip():
        raise YamlProblem(Code.Y005, "the file is empty; a torctl file is a YAML mapping of fields")
    return parse_text(_decode(raw))


def locate(root: Node, loc: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
    """The 1-based line and column of the value at `loc` (or of its key, with `key=True`).

    Parts of `loc` that are not in the tree (pydantic adds union tags such as
    `all-of`) are skipped; where the path ends early, the deepest node found is used.
    """
    node: Node = root
    key_node: Node | None = None
    for part in loc:
        if isinstance(node, MappingNode):
            for k, v in node.value:
                if isinstance(k, ScalarNode) and k.value == str(part):
                    key_node, node = k, v
                    break
            else:
                continue
        elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            key_node, node = None, node.value[part]
        else:
            continue
    target = key_node if key and key_node is not None else node
    return target.start_mark.line + 1, target.start_mark.column + 1


def scalar_text(root: Node, loc: Sequence[str | int]) -> str | None:
    """The text of the scalar at `loc` as written (quotes kept), or None if `loc` does not end at one.

    Like `locate`, parts of `loc` that are not in the tree (union tags) are skipped.
    """
    node: Node = root
    matched = False
    for part in loc:
        matched = False
        if isinstance(node, MappingNode):
            found = next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == str(part)), None)
        elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            found = node.value[part]
        else:
            found = None
        if found is not None:
            node, matched = found, True
    if not matched or not isinstance(node, ScalarNode):
        return None
    quote = {"'": "'", '"': '"'}.get(node.style or "", "")
    return f"{quote}{node.value}{quote}"


def has_path(root: Node, loc: Sequence[str | int]) -> bool:
    """Whether every part of `loc` names a key or index that exists in the tree."""
    node: Node = root
    for part in loc:
        if isinstance(node, MappingNode):
            found = next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == str(part)), None)
            if found is None:
                return False
            node = found
        elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
        else:
            return False
    return True
