"""The registry of checks: each check is a function registered with the codes it can emit and its scope."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from ...findings import Code, Finding

Scope = Literal["tree", "body", "record"]


@dataclass(frozen=True)
class Check:
    """One registered check: its name (the function's), the codes it can emit, where it runs, and the function."""

    name: str
    codes: frozenset[Code]
    scope: Scope
    run: Callable[[Any], Iterable[Finding]]
    kinds: tuple[str, ...] = ()  # for scope "record": the kinds of record (subdirectories) it checks
    doc: str = ""


CHECKS: list[Check] = []
"""Every check, in the order they were registered (tree checks, then body checks, then record checks)."""


def check(
    *codes: Code, scope: Scope = "body", kinds: tuple[str, ...] = ()
) -> Callable[[Callable[[Any], Iterable[Finding]]], Callable[[Any], Iterable[Finding]]]:
    """Register a check function that can emit `codes`."""

    def register(function: Callable[[Any], Iterable[Finding]]) -> Callable[[Any], Iterable[Finding]]:
        summary = (function.__doc__ or "").strip().split("\n")[0]
        CHECKS.append(Check(function.__name__, frozenset(codes), scope, function, kinds, summary))
        return function

    return register
