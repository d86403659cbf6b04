"""No sentence silently dropped: every sentence of a recognised section is data or an open question.

The readers say which sentences they turned into data; any other sentence of a section
torctl recognised (a clause it has no phrasing for, the second half of a rule it read
in part) becomes a to-do quoting it, in runs of consecutive sentences, naming the
field the section's words belong to.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .outline import Block, squash
from .phrases import sentences
from .sections import Section

FIELD_OF = {
    "quorum": "quorum",
    "voting": "voting",
    "substitutes": "substitution",
    "chair": "chair",
    "membership": "members",
    "meetings": "meetings",
    "administration": "administration",
    "review": "review",
    "interests": "procedure.interests",
    "reporting": "reporting",
    "escalation": "governance.escalation",
    "purpose": "purpose",
    "duties": "governance.member_duties",
    "dissolution": "dissolution",
}
NOTE = "not read into data: set the field from these words (or remove this entry where they say nothing to record)"


# words that name their own field wherever they stand ("The Chair and Vice-Chair shall be appointed by Council"
# in a membership section is about the chair)
_OWN_FIELD = (
    ("quorum", r"\bquor"),
    ("chair", r"\bchair(?:man|person)?\b|\bvice[- ]chair"),
    ("voting", r"\bvot(?:e|es|ing)\b"),
)


def _field(kind: str, words: str) -> str:
    if kind in ("membership", "purpose", "meetings"):
        own = next((name for name, cue in _OWN_FIELD if re.search(cue, words, re.IGNORECASE)), None)
        if own is not None:
            return own
    return FIELD_OF[kind]


def _parts(block: Block) -> list[tuple[int, int]]:
    """Where each sentence of the block stands in its text (a table row is one part)."""
    if block.kind == "row":
        return [(0, len(block.text))]
    spans, cursor = [], 0
    for sentence in sentences(block.text):
        start = block.text.find(sentence, cursor)
        spans.append((start, start + len(sentence)))
        cursor = start + len(sentence)
    return spans


def unread(
    sections: Iterable[Section], read: Iterable[str], questions: Iterable[dict[str, Any]]
) -> list[dict[str, Any]]:
    """A to-do for each run of consecutive sentences of a recognised section that is neither read nor asked."""
    done = "\n".join(squash(t) for t in [*read, *(q.get("words", "") for q in questions)])
    found: list[dict[str, Any]] = []
    for section in sections:
        if section.kind is None:
            continue
        for block in section.blocks:
            if block.kind == "heading" or block.text == section.heading:
                continue
            run: list[tuple[int, int]] = []
            for start, end in [*_parts(block), (-1, -1)]:
                if start >= 0 and squash(block.text[start:end]) not in done:
                    run.append((start, end))
                    continue
                if run:
                    words = block.text[run[0][0] : run[-1][1]]
                    found.append({"kind": "to-do", "field": _field(section.kind, words), "words": words, "note": NOTE})
                    run = []
    return found
