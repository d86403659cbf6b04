"""Suggesting the known word nearest a mistyped one, for messages at every layer."""

from __future__ import annotations

from difflib import SequenceMatcher
from functools import lru_cache
from collections.abc import Iterable

CUTOFF = 0.6
# Bounds come from C doubles, ratios from Python: a bound within this of the best may still tie it.
_SLACK = 1e-9


def closest(word: str, choices: Iterable[str], cutoff: float = CUTOFF) -> str | None:
    """The choice `difflib.get_close_matches(word, choices, n=1, cutoff)` returns, or None.

    The same answer (the highest ratio, ties to the greater string), but choices are
    first bounded all at once in C, and few are ever compared by difflib: a reference
    to a missing body among 10,000 similar ids no longer costs 10,000 full comparisons.
    """
    return _closest(word, _shared(tuple(choices)), cutoff)


@lru_cache(maxsize=8)
def _shared(choices: tuple[str, ...]) -> tuple[str, ...]:
    """The first of equal lists of choices: the answers cached below all hold this one copy."""
    return choices


@lru_cache(maxsize=4096)  # the same mistyped id recurs across files (a body that was renamed or removed)
def _closest(word: str, choices: tuple[str, ...], cutoff: float) -> str | None:
    """difflib's ratio is 2M/T, with M the characters its matching blocks share: a common
    subsequence, so M is at most the longest one, and 2 LCS/T (RapidFuzz's normalised Indel
    similarity, computed in C for every choice) bounds the ratio from above. Choices are compared
    in order of that bound, stopping once no bound can beat, or tie, the best ratio found."""
    from rapidfuzz import process
    from rapidfuzz.distance import Indel

    # no score_cutoff: RapidFuzz turns it into a whole distance and can drop a choice right at the cutoff
    bounded = process.extract(word, choices, scorer=Indel.normalized_similarity, limit=None)
    matcher = SequenceMatcher()
    matcher.set_seq2(word)
    best: tuple[float, str] | None = None
    for choice, bound, _index in bounded:  # highest bound first
        if bound + _SLACK < (cutoff if best is None else best[0]):
            break  # every later bound is lower still
        matcher.set_seq1(choice)
        ratio = matcher.ratio()
        if ratio >= cutoff and (best is None or (ratio, choice) > best):
            best = (ratio, choice)
    return best[1] if best else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """` (did you mean 'x'?)` for the closest choice, or nothing when none is close."""
    match = closest(word, choices)
    return f" (did you mean '{match}'?)" if match else ""
