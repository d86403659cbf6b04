"""An edit as a short list of ops on paths into the YAML document, applied to the round-trip tree and the plain data.

An op sets a key, deletes a key or list item, or inserts a list item. `apply_ops`
applies each op twice: to the ruamel round-trip tree (`change.roundtrip`), which
keeps the file's comments and form, and to the plain data the fast loader reads,
which says what the result must mean. Ops name list items by id (`Match`),
resolved against the data as it is when they are applied.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from ..data.yamlio import parse_text
from ..errors import EXIT_INTERNAL, EXIT_NO, Message, TorctlError, UsageError
from ..model import Body, PartialDate
from .roundtrip import add_entry, remove_entry, roundtrip_dump, roundtrip_load, set_entry


class EditRefused(TorctlError):
    """The edit would leave the ToR invalid or a reference dangling; nothing was written (exit 1)."""

    exit_code = EXIT_NO


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
Place = tuple[str | int, ...]  # a DocPath with every Match resolved to its index


@dataclass(frozen=True)
class Op:
    """One change to the document: `set` a key (added in the model's key order if new),
    `delete` a key or list item, or `insert` `value` into the list at `path` before index `index`."""

    kind: Literal["set", "delete", "insert"]
    path: DocPath
    value: Any = None
    index: int | Match | None = None  # a Match inserts after the item it names


@dataclass
class Plan:
    """What an edit will change, in ops, and what to tell the user."""

    ops: list[Op]
    summary: str
    notes: list[str | Message] = field(default_factory=list)  # a Message names what the caller may pass


@dataclass(frozen=True)
class _Resolved:
    """An op as it applies to the document now: every list item named by its index."""

    kind: Literal["set", "delete", "insert"]
    path: Place
    value: Any
    index: int | None


def set_(path: DocPath, value: Any) -> Op:
    return Op("set", tuple(path), value)


def delete(path: DocPath) -> Op:
    return Op("delete", tuple(path))


def insert(path: DocPath, index: int | Match, value: Any) -> Op:
    return Op("insert", tuple(path), value, index)


def merge_ops(path: DocPath, old: dict[str, Any], new: dict[str, Any]) -> list[Op]:
    """A mapping replaced key by key, so what stays the same keeps its form (quotes, comments, order)."""
    ops: list[Op] = [delete((*path, key)) for key in old if key not in new]
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(old.get(key), dict):
            ops += merge_ops((*path, key), old[key], value)
        elif key not in old or old[key] != value or type(old[key]) is not type(value):
            ops.append(set_((*path, key), value))
    return ops


@dataclass(frozen=True)
class Flow:
    """A list written inline (`[a, b, c]`), as the bodies write short lists of ids."""

    items: tuple[Any, ...]


def yaml_date(value: PartialDate) -> dt.date | str:
    """How a date is written: a real date (`2024-09-12`, unquoted) or a month (`2024-09`)."""
    return value.first_day if value.day is not None else str(value)


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
    if isinstance(value, str) and needs_quotes(value):
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


def needs_quotes(text: str) -> bool:
    """Whether a plain scalar would not read back as this text (YAML 1.1: `yes`, `on`, `12`, dates...)."""
    from yaml.nodes import ScalarNode
    from yaml.resolver import Resolver

    if not text or text != text.strip() or "\n" in text or "\t" in text:
        return True
    tag: str = Resolver().resolve(ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]  # untyped in the stubs
    if tag != "tag:yaml.org,2002:str":
        return True
    return not _reads_back_plain(text)


def _reads_back_plain(text: str) -> bool:
    """Whether `key: text` reads back as this text: not when it holds `: ` or ` #`, starts with an indicator
    (`-`, `[`, `*`, `&`, `!`, `|`, a quote...), or ends with `:`."""
    import yaml

    try:
        return bool(yaml.safe_load(f"key: {text}\n") == {"key": text})
    except yaml.YAMLError:
        return False


def _key_order(path: Place, root: type[BaseModel] = Body) -> list[str]:
    """The keys of the model at `path` in a document of `root`, in the model's (and the house style's) order."""
    from ..data.messages import type_at

    model = type_at(root, list(path))
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


def _walk(root: Any, path: Place) -> Any:
    node = root
    for part in path:
        node = node[part]
    return node


def _apply_roundtrip(root: Any, op: _Resolved, model: type[BaseModel] = Body) -> None:
    from ruamel.yaml.comments import CommentedMap

    if op.kind == "insert":
        seq = _walk(root, op.path)
        index = len(seq) if op.index is None else op.index
        add_entry(seq, index, index, _yaml_value(op.value))
        return
    parent, key = _walk(root, op.path[:-1]), op.path[-1]
    if op.kind == "delete":
        remove_entry(parent, key)
    elif isinstance(parent, CommentedMap) and key not in parent:
        order = _key_order(op.path[:-1], model)
        add_entry(parent, _position_for(parent, str(key), order), key, _yaml_value(op.value))
    else:
        set_entry(parent, key, _yaml_value(op.value))


def _apply_plain(root: Any, op: _Resolved) -> None:
    if op.kind == "insert":
        seq = _walk(root, op.path)
        seq.insert(len(seq) if op.index is None else op.index, _plain_value(op.value))
        return
    parent, key = _walk(root, op.path[:-1]), op.path[-1]
    if op.kind == "delete":
        del parent[key]
    else:
        parent[key] = _plain_value(op.value)


def _find(items: Any, match: Match, where: Place) -> int:
    """The index of the one item of a list whose `match.key` is `match.value`."""
    found = [
        i
        for i, item in enumerate(items if isinstance(items, list) else [])
        if isinstance(item, dict) and item.get(match.key) == match.value
    ]
    if len(found) != 1:
        place = ".".join(map(str, where)) or "the document"
        count = "no" if not found else len(found)
        raise EditRefused(f"{place} has {count} item with {match.key} '{match.value}' any more; nothing was written")
    return found[0]


def _resolve(plain: Any, op: Op) -> _Resolved:
    """`op` with every `Match` replaced by the index it names in `plain` (the data as it is now)."""
    node: Any = plain
    path: list[str | int] = []
    for part in op.path:
        step = _find(node, part, tuple(path)) if isinstance(part, Match) else part
        path.append(step)
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            node = None
    index = _find(node, op.index, tuple(path)) + 1 if isinstance(op.index, Match) else op.index
    return _Resolved(op.kind, tuple(path), op.value, index)


def apply_ops(text: str, ops: Iterable[Op], model: type[BaseModel] = Body) -> tuple[str, dict[str, Any]]:
    """The new text after `ops`, and the data it must mean (the fast reading of `text`, changed); new keys go in
    the order of `model`, the model of the whole document."""
    plain = copy.deepcopy(parse_text(text).data) or {}
    try:
        tree = roundtrip_load(text)
    except Exception as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UsageError(f"the round-trip editor cannot read this file ({first}); nothing was written") from None
    for op in ops:
        resolved = _resolve(plain, op)
        try:
            _apply_roundtrip(tree, resolved, model)
            _apply_plain(plain, resolved)
        except (KeyError, IndexError, TypeError) as exc:  # pragma: no cover - ops are built from the validated model
            raise TorctlError(
                f"internal error: cannot apply {op.kind} at {'.'.join(map(str, resolved.path))}: {exc}",
                exit_code=EXIT_INTERNAL,
            ) from None
    return roundtrip_dump(tree, like=text), plain
