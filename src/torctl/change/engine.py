"""Safe edits of ToR files: a ruamel.yaml round trip that keeps comments, checked before it is written.

An edit is a short list of `Op`s on paths into the YAML document (set a key,
delete a key or list item, insert a list item). `apply_edit` applies them twice:
to a ruamel round-trip tree, which keeps comments, key order, quoting and blank
lines, and to the plain data the fast loader reads, which says what the result
must mean. The dumped text is then read back through the normal fast path and
must (1) mean exactly that data, (2) validate against the model, and (3) add no
error to the cross-file checks of the whole bodies directory (a post removed
while another body still names it, a quorum that can no longer be met). Only
then is the file written, atomically. A refused edit leaves the file untouched
and says why, at lines of the file as it is on disk.

An edit is a transaction (`edit_body`): an exclusive lock on the bodies
directory is held while the files are read, the plan is built from them, checked
and written; ops name list items by id (`Match`), resolved when applied; and the
file is replaced only if its bytes are still those read (`atomic.replace_contents`).

ruamel.yaml is imported here, lazily, and only editing commands import this
module; read-only commands never pay for the slow pure-Python parser.

Comments in ruamel hang on the entry *before* them: the blank lines and
`# heading` lines above a list item belong to the end of the previous item.
The helpers below move those "trailing" comments when an item is inserted or
removed, so a heading stays above the item it introduced and nothing is lost.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import fcntl
import io
import os
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from collections.abc import Callable, Iterable, Iterator, Sequence

from ..atomic import replace_contents
from ..data.reporters import format_text, sort_findings
from ..findings import Finding
from ..data.tree import Document, Tree
from ..data.yamlio import YamlProblem, parse_text
from ..errors import EXIT_INTERNAL, EXIT_NO, TorctlError, UsageError
from ..model import Body, PartialDate


@dataclass(frozen=True)
class Match:
    """A list item named by a field's value (`Match("id", "dcs")`), found when the op is applied.

    Ops name posts by id, not by list position, so an edit lands on the post it
    was meant for even if the list is not as it was when the op was built.
    """

    key: str
    value: str


def by_id(value: str) -> Match:
    return Match("id", value)


DocPath = tuple[str | int | Match, ...]
OpTag = Literal["replace", "delete", "insert", "equal"]
Opcode = tuple[OpTag, int, int, int, int]  # as difflib.SequenceMatcher.get_opcodes() gives them


class EditRefused(TorctlError):
    """The edit would leave the ToR invalid or a reference dangling; nothing was written (exit 1)."""

    exit_code = EXIT_NO


@dataclass(frozen=True)
class Op:
    """One change to the document: `set` a key (added in the model's key order if new),
    `delete` a key or list item, or `insert` `value` into the list at `path` before index `index`."""

    kind: Literal["set", "delete", "insert"]
    path: DocPath
    value: Any = None
    index: int | Match | None = None  # a Match inserts after the item it names


def set_(path: DocPath, value: Any) -> Op:
    return Op("set", tuple(path), value)


def delete(path: DocPath) -> Op:
    return Op("delete", tuple(path))


def insert(path: DocPath, index: int | Match, value: Any) -> Op:
    return Op("insert", tuple(path), value, index)


def yaml_date(value: PartialDate) -> dt.date | str:
    """How a date is written: a real date (`2024-09-12`, unquoted) or a month (`2024-09`)."""
    return value.first_day if value.day is not None else str(value)


# ---------------------------------------------------------------- the round trip


def _yaml():
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


def _is_block(node: Any) -> bool:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    return isinstance(node, (CommentedMap, CommentedSeq)) and len(node) > 0 and not node.fa.flow_style()


def _slot_index(container: Any) -> int:
    from ruamel.yaml.comments import CommentedMap

    return 2 if isinstance(container, CommentedMap) else 0


def _last_key(container: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap

    return list(container.keys())[-1] if isinstance(container, CommentedMap) else len(container) - 1


def _entry_slots(container: Any, key: Any) -> list[tuple[Any, Any, int]]:
    """Every slot that could hold the comment after entry `key`: its own, then its last descendants'."""
    slots = [(container, key, _slot_index(container))]
    value = container[key]
    while _is_block(value):
        last = _last_key(value)
        slots.append((value, last, _slot_index(value)))
        value = value[last]
    return slots


def _get_token(slot: tuple[Any, Any, int]) -> Any:
    container, key, index = slot
    entry = container.ca.items.get(key)
    return entry[index] if entry and len(entry) > index else None


def _set_token(slot: tuple[Any, Any, int], token: Any) -> None:
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
            value = token.value
            eol, newline, rest = value.partition("\n")
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


def _entry_keys(container: Any) -> list[Any]:
    from ruamel.yaml.comments import CommentedMap

    return list(container.keys()) if isinstance(container, CommentedMap) else list(range(len(container)))


def _remove_entry(container: Any, key: Any) -> None:
    """Delete an entry with the comments inside it; the comment lines after it move to the entry before it."""
    keys = _entry_keys(container)
    position = keys.index(key)
    _, rest, _ = _trailing(container, key)
    rest = _split_inner(container, rest)[1]
    _put_trailing(container, key, "", "")
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


def _add_entry(container: Any, position: int, key: Any, value: Any) -> None:
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


# ---------------------------------------------------------------- values and key order


def _yaml_value(value: Any) -> Any:
    """Plain Python -> ruamel nodes in the house style: block mappings and lists, strings
    quoted only where a YAML 1.1 reader (the fast loader) would take them for something else."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(value, Flow):
        seq = CommentedSeq(_yaml_value(v) for v in value.items)
        seq.fa.set_flow_style()
        return seq
    if isinstance(value, dict):
        return CommentedMap((k, _yaml_value(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return CommentedSeq(_yaml_value(v) for v in value)
    if isinstance(value, PartialDate):
        return yaml_date(value)
    if isinstance(value, str) and _needs_quotes(value):
        return DoubleQuotedScalarString(value)
    return value


def _plain_value(value: Any) -> Any:
    """What the fast loader will read back for a value written by `_yaml_value`."""
    if isinstance(value, Flow):
        return [_plain_value(v) for v in value.items]
    if isinstance(value, dict):
        return {k: _plain_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain_value(v) for v in value]
    if isinstance(value, PartialDate):
        return yaml_date(value)
    return value


@dataclass(frozen=True)
class Flow:
    """A list written inline (`[a, b, c]`), as the bodies write short lists of ids."""

    items: tuple[Any, ...]


def _needs_quotes(text: str) -> bool:
    """Whether a plain scalar would not read back as this text (YAML 1.1: `yes`, `on`, `12`, dates...)."""
    from yaml.nodes import ScalarNode
    from yaml.resolver import Resolver

    if not text or text != text.strip() or "\n" in text or "\t" in text:
        return True
    return Resolver().resolve(ScalarNode, text, (True, False)) != "tag:yaml.org,2002:str"


def _key_order(path: DocPath) -> list[str]:
    """The keys of the model at `path`, in the model's (and the house style's) order."""
    from pydantic import BaseModel

    from ..data.messages import type_at

    model = type_at(Body, list(path))
    if isinstance(model, type) and issubclass(model, BaseModel):
        return [info.alias or name for name, info in model.model_fields.items()]
    return []


def _position_for(container: Any, key: str, order: Sequence[str]) -> int:
    """Where a new key goes: after the last present key that comes before it in `order`."""
    keys = list(container.keys())
    if key not in order:
        return len(keys)
    rank = order.index(key)
    position = 0
    for i, existing in enumerate(keys):
        if existing in order and order.index(existing) < rank:
            position = i + 1
    return position


# ---------------------------------------------------------------- applying ops


def _walk(root: Any, path: DocPath) -> Any:
    node = root
    for part in path:
        node = node[part]
    return node


def _apply_roundtrip(root: Any, op: Op) -> None:
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

    if op.kind == "insert":
        seq = _walk(root, op.path)
        index = len(seq) if op.index is None else op.index
        _add_entry(seq, index, index, _yaml_value(op.value))
        return
    parent, key = _walk(root, op.path[:-1]), op.path[-1]
    if op.kind == "delete":
        _remove_entry(parent, key)
        return
    value = _yaml_value(op.value)
    if isinstance(parent, CommentedMap) and key not in parent:
        _add_entry(parent, _position_for(parent, str(key), _key_order(op.path[:-1])), key, value)
        return
    old = parent[key]
    if isinstance(old, (DoubleQuotedScalarString, SingleQuotedScalarString)) and type(value) is str:
        value = type(old)(value)  # a replaced string keeps the file's quoting
    if _is_block(old):
        _, rest, _ = _trailing(parent, key)
        rest = _split_inner(parent, rest)[1]
        _put_trailing(parent, key, "", "")
        parent[key] = value
        _put_trailing(parent, key, "", rest)
    else:
        parent[key] = value


def _apply_plain(root: Any, op: Op) -> None:
    if op.kind == "insert":
        seq = _walk(root, op.path)
        seq.insert(len(seq) if op.index is None else op.index, _plain_value(op.value))
        return
    parent, key = _walk(root, op.path[:-1]), op.path[-1]
    if op.kind == "delete":
        del parent[key]
    else:
        parent[key] = _plain_value(op.value)


def _find(items: Any, match: Match, where: DocPath) -> int:
    """The index of the one item of a list whose `match.key` is `match.value`."""
    found = [
        i
        for i, item in enumerate(items if isinstance(items, list) else [])
        if isinstance(item, dict) and item.get(match.key) == match.value
    ]
    if len(found) != 1:
        place = ".".join(map(str, where)) or "the document"
        raise EditRefused(
            f"{place} has {'no' if not found else len(found)} item with {match.key} '{match.value}' any more; nothing was written"
        )
    return found[0]


def resolve(plain: Any, op: Op) -> Op:
    """`op` with every `Match` replaced by the index it names in `plain` (the data as it is now)."""
    node, path = plain, []
    for part in op.path:
        if isinstance(part, Match):
            part = _find(node, part, tuple(path))
        path.append(part)
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
    index = op.index
    if isinstance(index, Match):
        index = _find(node, index, tuple(path)) + 1
    return Op(op.kind, tuple(path), op.value, index)


def apply_ops(text: str, ops: Iterable[Op]) -> tuple[str, dict[str, Any]]:
    """The new text after `ops`, and the data it must mean (the fast reading of `text`, changed)."""
    ops = list(ops)
    plain = copy.deepcopy(parse_text(text).data)
    try:
        tree = roundtrip_load(text)
    except Exception as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UsageError(f"the round-trip editor cannot read this file ({first}); nothing was written") from None
    for op in ops:
        op = resolve(plain, op)
        try:
            _apply_roundtrip(tree, op)
            _apply_plain(plain, op)
        except (KeyError, IndexError, TypeError) as exc:  # pragma: no cover - ops are built from the validated model
            raise TorctlError(
                f"internal error: cannot apply {op.kind} at {'.'.join(map(str, op.path))}: {exc}",
                exit_code=EXIT_INTERNAL,
            ) from None
    return roundtrip_dump(tree, like=text), plain


# ---------------------------------------------------------------- checking and writing


@dataclass
class EditOutcome:
    """What an edit did (or, with a dry run, would do)."""

    path: Path
    display: str
    before: str
    after: str
    summary: str
    notes: list[str] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    written: bool = False

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def unified_diff(self) -> str:
        return unified_diff(self.before, self.after, f"a/{self.display}", f"b/{self.display}")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" ")) if line.strip() else 10_000


def _slid_opcodes(a: list[str], b: list[str]) -> list[Opcode]:
    """difflib's opcodes, with each pure insertion or deletion slid to start at its least indented line.

    Removing a list item can be shown as several equivalent hunks ("agency, class,
    - id, role" instead of "- id, role, agency, class"); like git's indent
    heuristic, prefer the one that starts where the YAML block starts.
    """
    opcodes = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    tags: list[OpTag] = [op[0] for op in opcodes]
    spans: list[list[int]] = [list(op[1:]) for op in opcodes]  # [i1, i2, j1, j2], adjusted in place
    for k in range(1, len(opcodes) - 1):
        tag = tags[k]
        i1, i2, j1, j2 = spans[k]
        if tag not in ("delete", "insert") or tags[k - 1] != "equal" or tags[k + 1] != "equal":
            continue
        lines, lo, hi = (a, i1, i2) if tag == "delete" else (b, j1, j2)
        size = hi - lo
        start_min = lo - (spans[k - 1][1] - spans[k - 1][0])
        start_max = lo + (spans[k + 1][1] - spans[k + 1][0])
        options = [lo]
        s = lo
        while s - 1 >= start_min and lines[s - 1] == lines[s - 1 + size]:
            s -= 1
            options.append(s)
        s = lo
        while s + 1 <= start_max and lines[s + size] == lines[s]:
            s += 1
            options.append(s)
        best = min(options, key=lambda start: (_indent(lines[start]), start))
        shift = best - lo
        if shift:
            spans[k - 1][1] += shift
            spans[k - 1][3] += shift
            spans[k] = [i1 + shift, i2 + shift, j1 + shift, j2 + shift]
            spans[k + 1][0] += shift
            spans[k + 1][2] += shift
    return [(tag, i1, i2, j1, j2) for tag, (i1, i2, j1, j2) in zip(tags, spans) if i1 != i2 or j1 != j2]


def unified_diff(before: str, after: str, fromfile: str, tofile: str, context: int = 3) -> str:
    """A unified diff of two texts (as `diff -u` / `git diff` print it)."""
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    codes = _slid_opcodes(a, b)
    if all(c[0] == "equal" for c in codes):
        return ""
    out = [f"--- {fromfile}\n", f"+++ {tofile}\n"]
    matcher = difflib.SequenceMatcher(a=a, b=b)
    matcher.get_opcodes = lambda: codes  # type: ignore[method-assign]  # group our slid opcodes, not its own
    for group in matcher.get_grouped_opcodes(context):
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        out.append(f"@@ -{_range(i1, i2)} +{_range(j1, j2)} @@\n")
        for tag, x1, x2, y1, y2 in group:
            if tag == "equal":
                out += [" " + line for line in a[x1:x2]]
                continue
            out += ["-" + line for line in a[x1:x2]]
            out += ["+" + line for line in b[y1:y2]]
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in out)


def _range(start: int, stop: int) -> str:
    length = stop - start
    first = start + 1 if length else start
    return f"{first}" if length == 1 else f"{first},{length}"


def _line_map(before: str, after: str) -> dict[int, int]:
    """1-based line numbers of `after` -> the line of `before` they come from (or the place they replace)."""
    mapping: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for j in range(j1, j2):
            mapping[j + 1] = (i1 + (j - j1) + 1) if tag == "equal" else min(i1 + 1, max(len(before.splitlines()), 1))
    return mapping


def _key(finding: Finding) -> tuple[str, str, str, str]:
    return finding.path, finding.code, finding.message, finding.severity


def _check(tree: Tree, doc: Document, after: str) -> tuple[list[Finding], list[Finding]]:
    """(new errors, new warnings) that the edited text brings to the whole tree."""
    from ..data.checks import findings_of
    from ..data.reader import Text, read

    result = read(Text(doc.display, after), Body)
    if result.model is None:
        return result.findings, []
    model = result.model
    new_doc = Document(doc.path, doc.display, doc.kind, result.parsed, model)
    bodies = {k: v for k, v in tree.bodies.items() if tree.document_for(k) is not doc}
    bodies.setdefault(model.id, model)
    new_tree = Tree(
        root=tree.root,
        agencies=tree.agencies,
        bodies=bodies,
        documents=[new_doc if d is doc else d for d in tree.documents],
        registry=tree.registry,
    )
    old = Counter(_key(f) for f in findings_of(tree))
    added: list[Finding] = []
    for finding in findings_of(new_tree):
        if old[_key(finding)]:
            old[_key(finding)] -= 1
        else:
            added.append(finding)
    return [f for f in added if f.severity == "error"], [f for f in added if f.severity != "error"]


def _on_disk(findings: list[Finding], doc: Document, before: str, after: str) -> list[Finding]:
    """Place findings in the edited file at the lines of the file as it is on disk (it is not changed)."""
    mapping = _line_map(before, after)
    placed = []
    for f in findings:
        if f.path == doc.display and f.line is not None:
            f = f.at(f.path, mapping.get(f.line, f.line), f.column)
        placed.append(f)
    return sort_findings(placed)


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None


def read_text(path: Path) -> str:
    try:
        return read_bytes(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageError(f"cannot read {path}: {exc}") from None


LOCK_WAIT_SECONDS = 30.0


@contextmanager
def edit_lock(root: Path, wait: float = LOCK_WAIT_SECONDS) -> Iterator[None]:
    """Hold an exclusive `flock` on the bodies directory for one edit (read, check, write).

    The lock is on the directory itself, not a lock file, so it leaves nothing in
    the repository and works in a directory the user may not create files in. The
    whole directory is locked, not one file: an edit is checked against every other
    body, so a concurrent edit of any of them could change the answer. Another
    torctl edit waits its turn (up to `wait` seconds, then a clear error).
    """
    try:
        fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        raise UsageError(f"cannot lock {root} for editing: {exc.strerror or exc}") from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise EditRefused(
                        f"another torctl edit has held the lock on {root} for {wait:.0f} s; nothing was written, try again"
                    ) from None
                time.sleep(0.01)
            except OSError as exc:  # pragma: no cover - a filesystem without flock
                raise UsageError(f"cannot lock {root} for editing: {exc.strerror or exc}") from None
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def edit_body(
    root: Path,
    body_id: str,
    build: Callable[[Body, Tree], Any],
    *,
    dry_run: bool = False,
) -> tuple[Any, EditOutcome]:
    """One edit as a transaction: lock, load, build the plan from what was read, check, compare-and-swap.

    `build(body, tree)` returns a plan (`ops`, `summary`, `notes`); it runs under
    the lock on the body as it is on disk, so every target it names is resolved
    against the bytes that will be replaced. Returns the plan and the outcome.
    """
    from ..data.load import load_tree
    from ..data.tree import match_body

    with edit_lock(root):
        tree = load_tree(root, checks=None)
        body_id = match_body(tree.bodies, body_id) or body_id  # an id or short name in any case
        editable_document(tree, body_id)
        plan = build(tree.bodies[body_id], tree)
        outcome = apply_edit(tree, body_id, plan.ops, summary=plan.summary, notes=plan.notes, dry_run=dry_run)
    return plan, outcome


def editable_document(tree: Tree, body_id: str) -> Document:
    """The file of a body that loaded cleanly; a usage error for an unknown or unreadable one."""
    if body_id not in tree.bodies:
        broken = next(
            (d for d in tree.documents if d.kind == "body" and d.model is None and d.path.stem == body_id), None
        )
        if broken is not None:
            raise UsageError(
                f"{broken.display} does not validate, so torctl cannot edit it; run `torctl validate` and fix it first"
            )
        tree.body(body_id)  # raises, suggesting the nearest ids
    doc = tree.document_for(body_id)
    assert doc is not None
    return doc


def apply_edit(
    tree: Tree,
    body_id: str,
    ops: Sequence[Op],
    *,
    summary: str,
    notes: Sequence[str] = (),
    dry_run: bool = False,
) -> EditOutcome:
    """Apply `ops` to one body's file: checked, then written atomically (unless `dry_run`).

    Raises `EditRefused` (exit 1) when the result would be invalid or would add an
    error anywhere in the bodies directory; the file is then left untouched.
    """
    doc = editable_document(tree, body_id)
    raw = read_bytes(doc.path)
    before = raw.decode("utf-8", errors="replace")
    if doc.parsed is None or before.removeprefix("\ufeff") != doc.parsed.text:
        raise EditRefused(f"{doc.display} changed while editing; nothing written. Run the command again")
    after, meant = apply_ops(before, ops)
    outcome = EditOutcome(doc.path, doc.display, before, after, summary, list(notes))
    if not outcome.changed:
        outcome.notes.append("nothing to change: the file already says this")
        return outcome
    read_back = parse_text(after).data
    if read_back != meant:  # pragma: no cover - a bug in the round trip, never a user's mistake
        raise TorctlError(
            f"internal error: editing {doc.display} would change data it should not; nothing was written",
            exit_code=EXIT_INTERNAL,
        )
    errors, warnings = _check(tree, doc, after)
    if errors:
        listed = "\n".join("  " + line for line in format_text(_on_disk(errors, doc, before, after)).splitlines())
        others = sorted({f.path for f in errors if f.path != doc.display})
        why = (
            f"it would leave references in {', '.join(others)} dangling"
            if others
            else f"it would make {doc.display} invalid"
        )
        raise EditRefused(f"{summary}: refused, {why}; nothing was written:\n{listed}")
    outcome.warnings = _on_disk(warnings, doc, before, after)
    if dry_run:
        return outcome
    replace_contents(doc.path, after.encode("utf-8"), expected=raw)
    outcome.written = True
    return outcome
