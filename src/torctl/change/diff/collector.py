"""The means every section compares with: a collector of one section's changes, word diffs, keyed lists.

Free text is compared word by word after normalising white space, so re-wrapping a
paragraph is no change; values are shown before → after; a model's remaining
fields are compared generically, so a field no section names is still reported.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel

from ...model import PartialDate
from .results import Change
from .wording import field_label, quote

T = TypeVar("T")

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The word-level difference between two texts, as runs of kept, removed and added text."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    runs: list[tuple[str, str]] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if runs and runs[-1][0] == op:
            runs[-1] = (op, runs[-1][1] + text)
        else:
            runs.append((op, text))

    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            add("=", "".join(a[i1:i2]))
        else:
            add("-", "".join(a[i1:i2]))
            add("+", "".join(b[j1:j2]))
    return runs


def norm(text: str | None) -> str:
    """Text with its white space collapsed: how free text is compared."""
    return " ".join((text or "").split())


def jsonable(value: Any) -> Any:
    """A value as the JSON output carries it."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value


class Collector:
    """Collects the changes of one section."""

    def __init__(self, section: str, out: list[Change]):
        self.section, self.out = section, out

    def add(
        self,
        text: str,
        *,
        weakens: str | None = None,
        before: Any = None,
        after: Any = None,
        warning_only: bool = False,
    ) -> None:
        text = text[:1].upper() + text[1:]
        self.out.append(
            Change(self.section, text, weakens, jsonable(before), jsonable(after), warning_only=warning_only)
        )

    def text(self, what: str, old: str | None, new: str | None) -> None:
        """A free-text field: a word diff where both sides have text."""
        if norm(old) == norm(new):
            return
        if not old:
            self.add(f'{what} added: "{norm(new)}"', after=new)
        elif not new:
            self.add(f'{what} removed (was "{norm(old)}")', before=old)
        else:
            what = what[:1].upper() + what[1:]
            self.out.append(Change(self.section, f"{what} reworded", None, old, new, word_diff(norm(old), norm(new))))

    def value(self, what: str, old: Any, new: Any, *, weakens: str | None = None) -> None:
        if old == new:
            return
        self.add(f"{what}: {quote(old)} → {quote(new)}", weakens=weakens, before=old, after=new)

    def texts(self, what: str, old: Sequence[str], new: Sequence[str]) -> None:
        """A list of free-text items: added, removed, reworded."""
        a, b = [norm(t) for t in old], [norm(t) for t in new]
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
            if tag == "equal":
                continue
            pairs = list(zip(range(i1, i2), range(j1, j2), strict=False)) if tag == "replace" else []
            paired = set()
            for i, j in pairs:
                if difflib.SequenceMatcher(a=a[i].split(), b=b[j].split()).ratio() >= 0.5:
                    self.text(f"{what} {j + 1}", a[i], b[j])
                    paired.add((i, j))
            for i in range(i1, i2):
                if not any(p[0] == i for p in paired):
                    self.add(f'{what} removed: "{a[i]}"', before=a[i])
            for j in range(j1, j2):
                if not any(p[1] == j for p in paired):
                    self.add(f'{what} added: "{b[j]}"', after=b[j])

    def fields(self, what: str, old: BaseModel | None, new: BaseModel | None, skip: Iterable[str] = ()) -> None:
        """Every other field of a model, generically: text as word diffs, values before → after."""
        old_data = old.model_dump(mode="json", by_alias=True) if old is not None else {}
        new_data = new.model_dump(mode="json", by_alias=True) if new is not None else {}
        self.data(what, old_data, new_data, skip)

    def data(self, what: str, old: Any, new: Any, skip: Iterable[str] = ()) -> None:
        skip = set(skip)
        if isinstance(old, dict) or isinstance(new, dict):
            old, new = old or {}, new or {}
            for key in list(dict.fromkeys([*old, *new])):
                if key not in skip:
                    self.data(f"{what}{' ' if what else ''}{field_label(str(key))}".strip(), old.get(key), new.get(key))
            return
        if old == new:
            return
        if isinstance(old, list) and isinstance(new, list) and all(isinstance(v, str) for v in old + new):
            self.texts(what, old, new)
        elif isinstance(old, str) and isinstance(new, str) and (len(old.split()) > 3 or len(new.split()) > 3):
            self.text(what, old, new)
        else:
            self.value(what, old, new)

    def keyed(
        self,
        what: str,
        old: Sequence[T],
        new: Sequence[T],
        key: Callable[[T], str],
        describe_item: Callable[[T], str],
        compare: Callable[[T, T], None],
    ) -> None:
        """A list of items matched by key: each removed, added, or (where it differs) compared."""
        a = {key(x): x for x in old}
        b = {key(x): x for x in new}
        for k, item in a.items():
            if k not in b:
                self.add(f"{what} removed: {describe_item(item)}", before=item)
        for k, item in b.items():
            if k not in a:
                self.add(f"{what} added: {describe_item(item)}", after=item)
            elif a[k] != item:
                compare(a[k], item)
