"""How a diff line words a value: quoted text, a field's name, a deadline that may not be set.

The facts of a ToR (a member, a vote, a deadline, a substitute, an item) are
worded by `rules.words`, in the brief register the diff's lines use; what is
left here is how a change shows a value, whatever the fact.
"""

from __future__ import annotations

from typing import Any

from ...model import Deadline, PartialDate
from ...rules.words import deadline_in_brief


def quote(value: Any) -> str:
    """A value as a sentence shows it: `'text'`, `yes`, `March 2024`, `not set`."""
    if value is None:
        return "not set"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, PartialDate):
        return value.human()
    if isinstance(value, list):
        return ", ".join(quote(v) for v in value) or "none"
    return f"'{value}'" if isinstance(value, str) else str(value)


def field_label(key: str) -> str:
    """A model field's name as words: `short_name` -> `short name`."""
    return key.replace("_", " ")


def describe_deadline(deadline: Deadline | None, when: str) -> str:
    """`at least 5 working days before the meeting` (`rules.words.deadline_in_brief`), or `not set` as `quote` says."""
    return quote(None) if deadline is None else deadline_in_brief(deadline, when)
