"""A document's outline: its blocks in document order, whatever format it came in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from ..errors import UsageError

BlockKind = Literal["heading", "paragraph", "item", "row", "line"]
"""`line`: a short line standing alone in a plain-text or PDF document (a heading or a list entry, by context)."""

MAX_PAGES = 200
"""The longest document torctl imports: a ToR is a few pages; 200 pages is a whole constitution or a mistake."""
MAX_CHARACTERS = MAX_PAGES * 6_000
"""The same limit for formats without pages: a dense page holds some 4,000 to 6,000 characters."""
MAX_BYTES = 50 * 1024 * 1024
"""The largest file read at all (a Word file with images is larger than its text)."""


class ImportRefused(UsageError):
    """The document cannot be imported (wrong format, encrypted, no text, too long); nothing was written."""


@dataclass(frozen=True)
class Block:
    """One heading, paragraph, list item or table row, with its words exactly as the document has them."""

    kind: BlockKind
    text: str
    level: int = 0
    number: str | None = None
    cells: tuple[str, ...] = ()
    header: bool = False  # a table row the document marks as its table's header row (Word's `w:tblHeader`)

    @property
    def words(self) -> str:
        """The text with its clause number, as a reader sees it ("5.1 Meetings will be held bi-monthly.")."""
        return f"{self.number} {self.text}" if self.number else self.text


@dataclass
class Outline:
    """The blocks of one document, with its format and where it came from."""

    source: str
    format: str
    blocks: list[Block] = field(default_factory=list)
    pages: int | None = None

    @property
    def characters(self) -> int:
        return sum(len(b.text) + sum(len(c) for c in b.cells) for b in self.blocks)


_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Runs of white space as one space: how a verbatim quote is compared across line wraps."""
    return _SPACE.sub(" ", text).strip()
