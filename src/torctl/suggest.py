"""Suggesting the known word nearest a mistyped one, for messages at every layer."""

from __future__ import annotations

import difflib
from typing import Sequence


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    """` (did you mean 'x'?)` for the closest choice, or nothing when none is close."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""
