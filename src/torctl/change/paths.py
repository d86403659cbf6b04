"""Schema paths into a ToR (`quorum`, `administration.papers`, `members.police-dsp.class`), resolved against the model.

A path is the field names as the schema spells them, joined by dots. A list item
is named by its id (posts), its kind (special majorities, interest kinds), its
title or name (standing items, duties, documents), or its position from 0
(`standing_items.0`); a membership class by its name. `resolve` walks the
pydantic model's fields and annotations alongside the file's data, so every
segment is checked (with a did-you-mean) and the type of the value at the end
is known; `completions` offers the next segments, for shell completion.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..errors import UsageError
from ..model import Body
from ..suggest import closest
from .ops import DocPath, Match
from .values import is_model, unwrap

# How items of a list are named, by the model's field, in order of preference.
ITEM_KEYS = ("id", "kind", "title", "name", "issue", "body", "external")


class PathProblem(UsageError):
    """A path that names no field of the schema, or no item of the file (exit 2)."""


@dataclass(frozen=True)
class FieldPath:
    """Where a path leads: the place in the document, the type there, and what the file holds there now."""

    text: str
    doc: DocPath
    kind: Any  # the annotation of the value at the end, with its constraints
    current: Any  # the file's data there, or None
    exists: bool  # whether the file holds a value there (a key present, an item that exists)
    info: FieldInfo | None  # the field at the end (None for a list item or a class)
    container: str  # "field", "item" (a list item) or "entry" (a membership class)

    @property
    def required(self) -> bool:
        return self.info is not None and self.info.is_required()

    @property
    def description(self) -> str | None:
        return self.info.description if self.info is not None else None


def _keys(model: type[BaseModel]) -> dict[str, tuple[str, FieldInfo]]:
    """The keys a model's YAML uses (aliases where set) -> (attribute name, field)."""
    if not model.__pydantic_complete__:  # built on first use (`defer_build`): forward references still unresolved
        model.model_rebuild()
    return {(info.alias or name): (name, info) for name, info in model.model_fields.items()}


def with_constraints(info: FieldInfo) -> Any:
    """A field's type with its constraints (at least 1, a pattern) and its union's discriminator."""
    from pydantic import Field

    extra = [*info.metadata, *([Field(discriminator=info.discriminator)] if info.discriminator else [])]
    return Annotated[info.annotation, *extra] if extra else info.annotation


def item_key(model: Any) -> str | None:
    """The field a list item of `model` is named by, or None (named by position only)."""
    if not is_model(model):
        return None
    return next((k for k in ITEM_KEYS if k in _keys(model)), None)


def _union_member(kind: Any, data: Any) -> type[BaseModel] | None:
    """The member of a discriminated union (a quorum rule) that the data's tag names."""
    members = [unwrap(a)[0] for a in typing.get_args(kind)]
    models: list[type[BaseModel]] = [m for m in members if is_model(m)]
    if not models:
        return None
    if len(models) == 1:
        return models[0]
    if not isinstance(data, dict):
        return None
    for model in models:
        for tag, (_, info) in _keys(model).items():
            if typing.get_origin(info.annotation) is typing.Literal and data.get(tag) in typing.get_args(
                info.annotation
            ):
                return model
    return None


def _arm_for(kind: Any, data: Any) -> Any:
    """The list or mapping arm of a union the data is (`purpose`: a list of points, or `not-stated`)."""
    wanted = list if isinstance(data, list) else dict if isinstance(data, dict) else None
    arms = [unwrap(a)[0] for a in typing.get_args(kind)]
    return next((a for a in arms if wanted is not None and typing.get_origin(a) is wanted), None)


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


@dataclass
class _Walk:
    """One step of a walk: the type here, the data here, and the path so far."""

    kind: Any
    data: Any
    exists: bool
    doc: tuple[str | int | Match, ...]
    info: FieldInfo | None = None
    container: str = "field"


def resolve(data: dict[str, Any], path: str, root: type[BaseModel] = Body) -> FieldPath:
    """Where `path` leads in a file holding `data` (a document of `root`); a PathProblem naming the bad segment."""
    segments = [s for s in path.strip().split(".")]
    if not path.strip() or any(not s.strip() for s in segments):
        raise PathProblem(f"'{path}' is not a path: write field names joined by dots, e.g. administration.papers")
    here = _Walk(root, data, True, ())
    done: list[str] = []
    for segment in segments:
        here = _step(here, segment.strip(), done)
        done.append(segment.strip())
    return FieldPath(".".join(done), here.doc, here.kind, here.data, here.exists, here.info, here.container)


def _step(here: _Walk, segment: str, done: list[str]) -> _Walk:
    bare, _ = unwrap(here.kind)
    origin = typing.get_origin(bare)
    where = ".".join(done) or "the ToR"
    if origin in (typing.Union, types.UnionType):
        member = _union_member(bare, here.data) or _arm_for(bare, here.data)
        if member is None:
            raise PathProblem(f"{where} holds no value yet, so '{segment}' cannot be placed in it; set {where} first")
        bare = member
        origin = typing.get_origin(bare)
    if is_model(bare):
        return _field_step(here, bare, segment, where)
    if origin is list:
        return _item_step(here, typing.get_args(bare)[0], segment, where)
    if origin is dict:
        return _entry_step(here, typing.get_args(bare), segment, where)
    raise PathProblem(f"{where} is a single value; it has no part '{segment}'")


def _field_step(here: _Walk, model: type[BaseModel], segment: str, where: str) -> _Walk:
    keys = _keys(model)
    key = segment if segment in keys else next((k for k, (name, _) in keys.items() if name == segment), None)
    if key is None:
        near = closest(segment, list(keys))
        hint = f" (did you mean '{near}'?)" if near else ""
        raise PathProblem(f"{where} has no field '{segment}'{hint}; its fields are: {', '.join(keys)}")
    info = keys[key][1]
    has = isinstance(here.data, dict) and key in here.data
    value = here.data.get(key) if isinstance(here.data, dict) else None
    return _Walk(with_constraints(info), value, has and here.exists, (*here.doc, key), info)


def _item_step(here: _Walk, item: Any, segment: str, where: str) -> _Walk:
    items = here.data if isinstance(here.data, list) else []
    model = unwrap(item)[0]
    if segment.isdigit():
        index = int(segment)
        if index >= len(items):
            count = f"{len(items)} item{'s' if len(items) != 1 else ''}"
            raise PathProblem(f"{where} has {count}; item {index} does not exist (items count from 0)")
        key = item_key(model)
        named = items[index].get(key) if key and isinstance(items[index], dict) else None
        step: str | int | Match = Match(key, named) if key and isinstance(named, str) else index
        return _Walk(item, items[index], here.exists, (*here.doc, step), container="item")
    keys = [k for k in ITEM_KEYS if is_model(model) and k in _keys(model)]
    for entry in items:
        if not isinstance(entry, dict):
            continue
        for key in keys:
            if isinstance(entry.get(key), str) and _norm(entry[key]) == _norm(segment):
                return _Walk(item, entry, here.exists, (*here.doc, Match(key, entry[key])), container="item")
    names = [str(e.get(k)) for e in items if isinstance(e, dict) for k in keys[:1] if e.get(k) is not None]
    near = closest(segment, names)
    hint = f" (did you mean '{near}'?)" if near else ""
    listed = ", ".join(names) if names else "none"
    by = f"its {keys[0]} or position (0, 1, ...)" if keys else "its position (0, 1, ...)"
    raise PathProblem(f"{where} has no item '{segment}'{hint}; name an item by {by}; items: {listed}")


def _entry_step(here: _Walk, args: tuple[Any, ...], segment: str, where: str) -> _Walk:
    key_type, value_type = args
    names = [str(m.value) for m in key_type] if isinstance(key_type, type) and issubclass(key_type, Enum) else []
    if names and segment not in names:
        near = closest(segment, names)
        hint = f" (did you mean '{near}'?)" if near else ""
        raise PathProblem(f"'{segment}' is not a name {where} takes{hint}; names: {', '.join(names)}")
    entries = here.data if isinstance(here.data, dict) else {}
    return _Walk(
        value_type, entries.get(segment), segment in entries and here.exists, (*here.doc, segment), container="entry"
    )


# ---------------------------------------------------------------- completion


def completions(data: dict[str, Any], incomplete: str, root: type[BaseModel] = Body) -> list[str]:
    """The paths that continue `incomplete` by one segment: field names, item ids, class names."""
    head, dot, tail = incomplete.rpartition(".")
    try:
        here = resolve(data, head, root) if dot else None
    except UsageError:
        return []
    kind = here.kind if here is not None else root
    current = here.current if here is not None else data
    prefix = head + "." if dot else ""
    return [prefix + name for name in _children(kind, current) if name.startswith(tail)]


def _children(kind: Any, data: Any) -> list[str]:
    bare, _ = unwrap(kind)
    origin = typing.get_origin(bare)
    if origin in (typing.Union, types.UnionType):
        member = _union_member(bare, data) or _arm_for(bare, data)
        bare = member if member is not None else bare
        origin = typing.get_origin(bare)
    if is_model(bare):
        return list(_keys(bare))
    if origin is list:
        key = item_key(unwrap(typing.get_args(bare)[0])[0])
        items = data if isinstance(data, list) else []
        return [
            str(entry[key]) if key and isinstance(entry, dict) and isinstance(entry.get(key), str) else str(i)
            for i, entry in enumerate(items)
        ]
    if origin is dict:
        key_type = typing.get_args(bare)[0]
        if isinstance(key_type, type) and issubclass(key_type, Enum):
            return [str(m.value) for m in key_type]
    return []
