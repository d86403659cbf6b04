"""Suggesting the known word nearest a mistyped one, for messages at every layer."""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import lru_cache
from typing import Iterable, Sequence

CUTOFF = 0.6
_SEPARATOR = b"\n"


def closest(word: str, choices: Iterable[str], cutoff: float = CUTOFF) -> str | None:
    """The choice `difflib.get_close_matches(word, choices, n=1, cutoff)` returns, or None.

    The same answer (the highest ratio, ties to the greater string), but a choice
    whose cheap upper bounds cannot beat the best so far is never fully compared:
    a reference to a missing body among 10,000 similar ids no longer costs
    10,000 full comparisons. Plain ASCII words and choices (every id) are bounded
    all at once in C; anything else choice by choice with difflib's own bounds.
    """
    return _closest(word, _shared(tuple(choices)), cutoff)


@lru_cache(maxsize=8)
def _shared(choices: tuple[str, ...]) -> tuple[str, ...]:
    """The first of equal lists of choices: the answers cached below all hold this one copy."""
    return choices


@lru_cache(maxsize=4096)  # the same mistyped id recurs across files (a body that was renamed or removed)
def _closest(word: str, choices: tuple[str, ...], cutoff: float) -> str | None:
    if word.isascii() and "\n" not in word:
        index = _ascii_index(choices)
        if index is not None:
            return _closest_ascii(word, choices, index, cutoff)
    return _closest_each(word, choices, cutoff)


def _closest_each(word: str, choices: Sequence[str], cutoff: float) -> str | None:
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


@lru_cache(maxsize=8)
def _ascii_index(choices: tuple[str, ...]) -> tuple[bytes, tuple[int, ...]] | None:
    """The choices joined as bytes, and their lengths; None unless every choice is ASCII without a newline."""
    if not all(c.isascii() and "\n" not in c for c in choices):
        return None
    return _SEPARATOR.join(c.encode("ascii") for c in choices), tuple(map(len, choices))


def _closest_ascii(word: str, choices: Sequence[str], index: tuple[bytes, tuple[int, ...]], cutoff: float) -> str | None:
    """`_closest_each`, with every choice first bounded in one pass: a choice of length L with k characters
    that occur in `word` can match at most min(k, len(word)) of them, so its ratio is at most
    2 min(k, len(word)) / (len(word) + L) (never below difflib's quick_ratio). Choices are then compared
    in order of that bound, stopping once no bound can beat the best ratio found."""
    if not choices:
        return None
    joined, lengths = index
    size = len(word)
    unused = bytes(b for b in range(256) if chr(b) not in word and b != _SEPARATOR[0])
    kept = map(len, joined.translate(None, unused).split(_SEPARATOR))  # per choice: its characters found in `word`
    bounds = [
        (2 * min(k, size) / (size + n) if size + n else 1.0, i) for i, (k, n) in enumerate(zip(kept, lengths))
    ]
    bounds = [b for b in bounds if b[0] >= cutoff]
    bounds.sort(reverse=True)
    matcher = SequenceMatcher()
    matcher.set_seq2(word)
    best: tuple[float, str] | None = None
    for bound, i in bounds:
        if best is not None and bound < best[0]:
            break  # every later bound is lower still: none can beat, or tie, the best
        choice = choices[i]
        if best is not None and (bound, choice) < best:
            continue
        matcher.set_seq1(choice)
        quick = matcher.quick_ratio()
        if quick < cutoff or (best is not None and (quick, choice) < best):
            continue
        ratio = matcher.ratio()
        if ratio >= cutoff and (best is None or (ratio, choice) > best):
            best = (ratio, choice)
    return best[1] if best else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """` (did you mean 'x'?)` for the closest choice, or nothing when none is close."""
    match = closest(word, choices)
    return f" (did you mean '{match}'?)" if match else ""
