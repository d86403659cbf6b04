"""The small phrases ToRs state their rules in: numbers, periods, months, sentences.

Each reader returns a value only for words it reads with certainty, and None for any
other words, so a caller never builds data from a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model.base import NUMBER_WORDS, PERIOD_UNITS

NUMBER = r"(?:\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"

PERIOD = re.compile(
    rf"\b(?P<n>{NUMBER})\s*(?:\(\s*\d{{1,3}}\s*\)\s*)?(?:-\s*)?"
    r"(?P<unit>working days?|business days?|clear days?|calendar days?|days?|weeks?|months?|hours?)\b"
    r"|\b(?P<fortnight>a fortnight|fortnight)\b",
    re.IGNORECASE,
)

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
MONTH_DATE = re.compile(
    r"\b(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+)?(?P<month>"
    + "|".join(m.title() for m in MONTHS)
    + r")\s+(?P<year>(?:19|20)\d\d)\b"
)
ISO_DATE = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)(?:-(?P<day>\d\d))?\b")
UK_DATE = re.compile(r"\b(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>(?:19|20)\d\d)\b")


def number(text: str) -> int | None:
    """'5' or 'five' as 5; None for anything else."""
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(text)


def period(match: re.Match[str]) -> dict[str, int] | None:
    """A PERIOD match as a `Period` mapping ({'working_days': 5}), or None."""
    if match["fortnight"]:
        return {"weeks": 2}
    amount = number(match["n"])
    if amount is None or amount == 0:
        return None
    unit = match["unit"].lower().rstrip("s")
    return {PERIOD_UNITS[unit]: amount}


def periods(text: str) -> list[tuple[re.Match[str], dict[str, int]]]:
    found = []
    for match in PERIOD.finditer(text):
        value = period(match)
        if value is not None:
            found.append((match, value))
    return found


def dates(text: str) -> list[tuple[re.Match[str], str]]:
    """Dates in the text as 'YYYY-MM' (a month stays a month) or 'YYYY-MM-DD', with where each stands."""
    found: list[tuple[re.Match[str], str]] = []
    for match in MONTH_DATE.finditer(text):
        month = MONTHS[match["month"].lower()]
        day = f"-{int(match['day']):02d}" if match["day"] else ""
        found.append((match, f"{match['year']}-{month:02d}{day}"))
    for pattern in (ISO_DATE, UK_DATE):
        for match in pattern.finditer(text):
            month = int(match["month"])
            if 1 <= month <= 12:
                day = f"-{int(match['day']):02d}" if match["day"] else ""
                found.append((match, f"{match['year']}-{month:02d}{day}"))
    return sorted(found, key=lambda pair: pair[0].start())


_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z(\u2018'\"\u201c])")


def sentences(text: str) -> Iterator[str]:
    """The sentences of a passage, each an exact substring of it."""
    for part in _SENTENCE_END.split(text):
        if part.strip():
            yield part.strip()


def has(pattern: str, text: str) -> re.Match[str] | None:
    return re.search(pattern, text, re.IGNORECASE)
