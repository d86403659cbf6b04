"""Turning pydantic's validation errors into findings a governance officer can act on.

Each error is placed at the line of the offending key or value, phrased in plain
words ("expected a whole number, got 'five'"), and an unknown field or value
gets a did-you-mean suggestion drawn from the model itself.
"""

from __future__ import annotations

import types
import typing
from enum import Enum
from typing import Any, Union
from collections.abc import Sequence

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from yaml.nodes import Node

from ..suggest import did_you_mean
from ..findings import Code, Finding, finding
from .yamlio import has_path, locate, scalar_text


def _unwrap(tp: Any) -> Any:
    """Strip Annotated and Optional wrappers down to the type that matters."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) == 1:
                tp = args[0]
            else:
                return tp
        else:
            return tp


def _field_keys(model: type[BaseModel]) -> dict[str, Any]:
    """The YAML keys a model accepts (aliases where set) and their annotations."""
    return {(info.alias or name): info.annotation for name, info in model.model_fields.items()}


def _union_member(tp: Any, tag: object) -> Any:
    """The model in a discriminated union whose `rule`-style literal equals `tag`."""
    for member in typing.get_args(tp):
        arg = _unwrap(member)
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            for info in arg.model_fields.values():
                if typing.get_origin(info.annotation) is typing.Literal and tag in typing.get_args(info.annotation):
                    return arg
    return None


def type_at(model: type[BaseModel], loc: Sequence[str | int]) -> Any:
    """Follow a pydantic error location through the model's annotations."""
    tp: Any = model
    for part in loc:
        tp = _unwrap(tp)
        origin = typing.get_origin(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            keys = _field_keys(tp)
            if part not in keys:
                return None
            tp = keys[part]
        elif origin is list:
            tp = typing.get_args(tp)[0]
        elif origin is dict:
            tp = typing.get_args(tp)[1] if part != "[key]" else typing.get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            member = _union_member(tp, part)
            if member is None:
                return None
            tp = member
        else:
            return None
    return _unwrap(tp)


def allowed_values(tp: Any) -> list[str]:
    """The words a Literal or Enum field accepts, for suggestions."""
    tp = _unwrap(tp)
    if typing.get_origin(tp) is typing.Literal:
        return [str(a) for a in typing.get_args(tp)]
    if isinstance(tp, type) and issubclass(tp, Enum):
        return [str(m.value) for m in tp]
    if typing.get_origin(tp) in (Union, types.UnionType):
        values: list[str] = []
        for arg in typing.get_args(tp):
            values += allowed_values(arg)
        return values
    return []


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list (lines starting with '- ')",
    "dict_type": "a mapping of fields (key: value)",
    "model_type": "a mapping of fields (key: value)",
    "model_attributes_type": "a mapping of fields (key: value)",
    "date_type": "a date written YYYY-MM-DD",
    "date_parsing": "a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "a date written YYYY-MM-DD",
    "date_from_datetime_inexact": "a date without a time of day",
}


_YAML_BOOLEANS = {
    "yes": True,
    "y": True,
    "on": True,
    "true": True,
    "no": False,
    "n": False,
    "off": False,
    "false": False,
}


def _strict_type(kind: str, field: str, value: Any, written: str | None) -> str | None:
    """Say what was meant when a number or boolean is written as another YAML type (never coerced)."""
    shown = written if written is not None else _show(value)
    if kind == "int_type" and isinstance(value, bool):
        return (
            f"'{field}' expects a whole number, got {shown}, which YAML reads as {str(value).lower()} "
            f"(yes, no, on, off, true and false are booleans); write the number, e.g. {field}: 2"
        )
    if kind == "int_type" and isinstance(value, str) and value.strip().lstrip("+-").isdigit():
        return (
            f"'{field}' expects a whole number, got the text {shown} (quoted); write it without quotes: {field}: "
            f"{value.strip()}"
        )
    if kind == "int_type" and isinstance(value, float):
        if value.is_integer():
            return f"'{field}' expects a whole number, got {shown} (a decimal); write {field}: {int(value)}"
        return f"'{field}' expects a whole number, got {shown} (a decimal)"
    if kind == "bool_type" and isinstance(value, str) and value.strip().lower() in _YAML_BOOLEANS:
        meant = str(_YAML_BOOLEANS[value.strip().lower()]).lower()
        return f"'{field}' expects true or false, got the text {shown} (quoted); write {field}: {meant} without quotes"
    if kind == "bool_type" and isinstance(value, (int, float)):
        return f"'{field}' expects true or false, got the number {shown}; write true or false"
    return None


def describe(error: ErrorDetails, model: type[BaseModel], written: str | None = None) -> tuple[Code, str]:
    """(code, message) for one pydantic error; `written` is the value's text as in the file, where known."""
    loc = error["loc"]
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    field = str(loc[-1]) if loc else "document"
    if (strict := _strict_type(kind, field, value, written)) is not None:
        return Code.S003, strict
    if kind == "extra_forbidden":
        parent = type_at(model, loc[:-1])
        keys = list(_field_keys(parent)) if isinstance(parent, type) and issubclass(parent, BaseModel) else []
        return Code.S001, f"unknown field '{field}'{did_you_mean(field, keys)}"
    if kind == "missing":
        return Code.S002, f"required field '{field}' is missing"
    if kind in {"literal_error", "enum"}:
        choices = allowed_values(type_at(model, loc))
        hint = did_you_mean(str(value), choices) if isinstance(value, str) else ""
        listed = ", ".join(choices) if choices else ctx.get("expected", "")
        return Code.S003, f"'{field}' must be one of: {listed}; got {_show(value)}{hint}"
    if kind == "union_tag_invalid":
        tags = [t.strip(" '") for t in str(ctx.get("expected_tags", "")).split(",")]
        hint = did_you_mean(str(ctx.get("tag")), tags)
        disc = str(ctx.get("discriminator", "kind")).strip("'")
        return Code.S003, f"unknown {disc} {_show(ctx.get('tag'))}; expected one of: {', '.join(tags)}{hint}"
    if kind == "union_tag_not_found":
        disc = str(ctx.get("discriminator", "rule")).strip("'")
        return Code.S002, f"say which kind this is with '{disc}:'"
    if kind in _TYPE_WORDS:
        return Code.S003, f"'{field}' expects {_TYPE_WORDS[kind]}, got {_show(value)}"
    if kind == "string_pattern_mismatch":
        return Code.S003, (
            f"'{field}' must be an id of lower-case letters, digits and single hyphens "
            f"(like 'west-midlands-police'), got {_show(value)}"
        )
    if kind in ("too_short", "string_too_short"):
        return Code.S003, f"'{field}' must not be empty"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return Code.S003, f"'{field}' {error['msg'].lower()}, got {_show(value)}"
    if kind == "value_error":
        message = error["msg"].removeprefix("Value error, ")
        return Code.S003, message
    return Code.S003, f"'{field}': {error['msg'][:1].lower()}{error['msg'][1:]}"


def validation_findings(path: str, node: Node | None, model: type[BaseModel], exc: ValidationError) -> list[Finding]:
    """One finding per pydantic error, placed at its line and column (where the file's node tree is known)."""
    findings = []
    seen: set[tuple[int | None, int | None, str]] = set()
    for error in exc.errors(include_url=False):
        loc = error["loc"]
        line: int | None = None
        column: int | None = None
        if node is not None:
            if error["type"] == "missing":
                line, column = locate(node, loc[:-1])
            else:
                line, column = locate(node, loc, key=error["type"] == "extra_forbidden" or not has_path(node, loc))
        written = scalar_text(node, loc) if node is not None and error["type"] in ("int_type", "bool_type") else None
        code, message = describe(error, model, written)
        if (line, column, message) in seen:  # a union can repeat one complaint
            continue
        seen.add((line, column, message))
        findings.append(finding(code, message, path=path, line=line, column=column))
    return findings
