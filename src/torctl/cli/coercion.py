"""Converting option values without building a pydantic TypeAdapter per parameter.

typer (0.29 and later) converts every parameter's value through a pydantic
TypeAdapter that it builds, on each run, the first time the parameter is seen:
some 4 ms a parameter, about 60 ms of a `check-quorum` that should answer at the
meeting-room door. torctl's parameters are of a few plain kinds (a string, a
whole number, a flag, a path, one of the choices, a list of these), so
`FastParam` converts the values those kinds accept exactly as typer's adapter
would, calling the same typer functions for choices and paths (a path's text made a
`Path` first, as the adapter typer builds for it would). Anything else,
and every value the fast path does not accept, goes to the adapter typer would
have built, so every result and every error message is typer's own.
`tests/test_performance_guards.py` checks the two agree on every parameter of
every command.
"""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

_WHOLE = re.compile(r"(?:0|[1-9][0-9]{0,17})\Z")
_MISS = object()  # the fast path does not take this value: ask typer's adapter


class FastParam:
    """Stands in for typer's runtime parameter (`typer._coercion.RuntimeParam`) on one parameter."""

    def __init__(self, descriptor: Any) -> None:
        self.descriptor = descriptor
        self.annotation = descriptor.annotation
        self.parameter_info = descriptor.parameter_info
        self._typer: Any = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        """typer's `RuntimeParam.coerce`: None and the multi-value check first, then the value."""
        from typer._click.exceptions import BadParameter

        is_multi_value = param.multiple or param.nargs == -1
        if value is None:
            return () if is_multi_value else None
        if is_multi_value and isinstance(value, str):
            raise BadParameter("Value must be an iterable.", ctx=ctx, param=param)
        if get_origin(self.annotation) is list:
            (item_type,) = get_args(self.annotation)
            items = value if isinstance(value, (list, tuple)) else [value]
            done = [fast_value(item_type, self.parameter_info, item, param, ctx) for item in items]
            if all(item is not _MISS for item in done):
                return done
        else:
            done = fast_value(self.annotation, self.parameter_info, value, param, ctx)
            if done is not _MISS:
                return done
        return self.typer()._coerce_value(value, param=param, ctx=ctx)

    def typer(self) -> Any:
        """The runtime parameter typer itself would have used (built once, when first needed)."""
        if self._typer is None:
            from typer._coercion import build_runtime_param

            self._typer = build_runtime_param(self.descriptor)
        return self._typer


def fast_value(annotation: Any, info: Any, value: Any, param: Any, ctx: Any) -> Any:
    """`value` converted as typer's adapter for `annotation` converts it, or `_MISS` to ask the adapter."""
    if info.parser is not None:
        return _MISS
    try:
        if annotation is str:
            if type(value) is str:
                value.encode("utf-8")  # a lone surrogate (undecodable argv): leave it to pydantic
                return value
            return _MISS
        if annotation is bool:
            return value if type(value) is bool else _MISS
        if annotation is int:
            if info.clamp:
                return _MISS
            if type(value) is str and _WHOLE.match(value):
                number = int(value)
            elif type(value) is int:
                number = value
            else:
                return _MISS
            if (info.min is not None and number < info.min) or (info.max is not None and number > info.max):
                return _MISS
            return number
        if isinstance(annotation, type) and issubclass(annotation, Enum):
            from typer._param_types import coerce_cli_choice

            return coerce_cli_choice(value, choices=list(annotation), case_sensitive=info.case_sensitive, ctx=ctx)
        if isinstance(annotation, type) and issubclass(annotation, Path):
            from typer._param_types import coerce_cli_path

            path_type = info.path_type or annotation
            if path_type is Path and type(value) is str:
                value = Path(value)  # what typer's TypeAdapter(Path) makes of any text, without building it
            return coerce_cli_path(value, info, path_type=path_type, param=param, ctx=ctx)
    except Exception:
        return _MISS
    return _MISS


def install(param: Any) -> None:
    """Convert `param`'s values with `FastParam` (typers without runtime parameters are left alone)."""
    desc = getattr(param, "type_descriptor", None)
    if desc is None or getattr(param, "_runtime_param", _MISS) is not None or desc.file_annotation is not None:
        return
    param._runtime_param = FastParam(desc)
