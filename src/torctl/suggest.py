"""Suggesting the known word nearest a mistyped one, for messages at every layer."""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import Iterable

CUTOFF = 0.6


def closest(word: str, choices: Iterable[str], cutoff: float = CUTOFF) -> str | None:
    """The choice `difflib.get_close_matches(word, choices, n=1, cutoff)` returns, or None.

    The same answer (the highest ratio, ties to the greater string), but a choice
    whose cheap upper bounds cannot beat the best so far is never fully compared:
    a reference to a missing body among 10,000 similar ids no longer costs
    10,000 full comparisons.
    """
    matcher = SequenceMatcher()
    matcher.set_seq2(word)
    best: tuple[float, str] | None = None
    for choice in choices:
        matcher.set_seq1(choice)
        bound = matcher.real_quick_ratio()
        if bound < cutoff or (best is not None and (bound, choice) < best):
            continue
        bound = matcher.quick_ratio()
        if bound < cutoff or (best is not None and (bound, choice) < best):
            continue
        ratio = matcher.ratio()
        if ratio >= cutoff and (best is None or (ratio, choice) > best):
            best = (ratio, choice)
    return best[1] if best else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """` (did you mean 'x'?)` for the closest choice, or nothing when none is close."""
    match = closest(word, choices)
    return f" (did you mean '{match}'?)" if match else ""
