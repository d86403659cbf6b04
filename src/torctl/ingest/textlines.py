"""Plain text, Markdown and a PDF's text layer into blocks, by their lines.

A line is a heading when the document marks it so (`# Title` in Markdown, `5. Frequency
of meetings`, a line in capitals) or ends in a colon; a list item when it starts with a
bullet or a clause number; a table row when tabs or `|` divide it into cells. Lines a
PDF or an editor wrapped are joined back into their paragraph, with one space where the
line break was. A short line standing alone is kept as a `line`: a heading or a list
entry, as the section it sits in decides.
"""

from __future__ import annotations

import re

from .outline import Block

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(?P<indent>\s*)(?:[-*\u2022\u25aa\u25e6\u25cf\u00b7\u2013\uf0b7]|o(?=\s))\s+(?P<rest>.*)$")
_NUMBER = (
    r"\d{1,3}(?:\.\d{1,3})*\.?\)?|\(\d{1,3}\)|\(?[a-z]\)|\(?(?:[ivx]{1,5})\)|(?:[ivx]{1,5})\.|[IVX]{1,5}\.|\([A-Z]\)"
)
_NUMBERED = re.compile(rf"^(?P<indent>\s*)(?P<num>{_NUMBER})\s+(?P<rest>\S.*)$")
_NUMBER_ALONE = re.compile(rf"^\s*(?P<num>{_NUMBER})\s*$")
_TOP_NUMBER = re.compile(r"^\d{1,2}\.?$")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
_END = (".", ";", "!", "?", ",")


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters) and len(text.split()) <= 10


def _title_like(text: str) -> bool:
    """Short, starts with a capital, does not end a sentence: what a heading looks like."""
    return bool(text) and text[0].isupper() and len(text.split()) <= 10 and not text.endswith(_END)


def _cells(line: str, markdown: bool) -> tuple[str, ...] | None:
    if "\t" in line:
        cells = tuple(c.strip() for c in line.split("\t"))
    elif markdown and line.strip().startswith("|"):
        cells = tuple(c.strip() for c in line.strip().strip("|").split("|"))
    else:
        return None
    return cells if sum(1 for c in cells if c) >= 2 else None


def _wrapped(lines: list[str]) -> bool:
    """Whether the document's lines were wrapped at a width (a PDF's text layer, a hard-wrapped text file)."""
    lengths = sorted(len(line.rstrip()) for line in lines if line.strip())
    return len(lengths) >= 10 and 40 <= lengths[int(len(lengths) * 0.9)] <= 130


def _widths(lines: list[str], reach: int = 15) -> list[int]:
    """For each line, the longest line near it: the width the text there was wrapped at."""
    lengths = [len(line.rstrip()) for line in lines]
    return [max(lengths[max(0, i - reach) : i + reach + 1]) for i in range(len(lines))]


class _Builder:
    def __init__(self, markdown: bool) -> None:
        self.markdown = markdown
        self.width = 0  # the wrap width where the current line is; 0 where lines are not wrapped
        self.blocks: list[Block] = []
        self.previous: str | None = None  # the previous raw line, None after a blank line
        self.pending_number: str | None = None
        self.after_blank = True
        self.next_blank = False
        self.spaced = False  # whether the document separates its paragraphs with blank lines

    def continues(self, line: str) -> bool:
        """Whether `line` carries on the block before it (a wrapped line)."""
        if self.previous is None or not self.blocks or self.blocks[-1].kind in ("heading", "row"):
            return False
        before = self.previous.rstrip()
        stripped = line.strip()
        if before.endswith((".", ":", "?", "!")):
            return False
        if _BULLET.match(line) or _NUMBERED.match(line):
            return False
        if stripped[:1].islower() or stripped[:1] in "(&":
            return True
        # wrapped: the line's first word would not have fitted at the end of the line before
        return bool(self.width) and not before.endswith(")") and len(before) + 1 + len(stripped.split()[0]) > self.width

    def add(self, block: Block) -> None:
        self.blocks.append(block)

    def extend_last(self, line: str) -> None:
        last = self.blocks[-1]
        kind = "paragraph" if last.kind == "line" else last.kind
        self.blocks[-1] = Block(kind, f"{last.text} {line.strip()}", last.level, last.number, last.cells)

    def feed(self, line: str) -> None:
        stripped = line.strip()
        if not stripped:
            self.previous = None
            return
        if self.markdown and _MD_RULE.match(line) and set(stripped) <= set("|-: "):
            return
        cells = _cells(line, self.markdown)
        if cells is not None:
            self.add(Block("row", " | ".join(c for c in cells if c), cells=cells))
            self.previous = line
            return
        if self.markdown and (heading := _MD_HEADING.match(stripped)):
            self.add(Block("heading", heading[2], level=len(heading[1])))
            self.previous = line
            return
        if (alone := _NUMBER_ALONE.match(line)) and not _is_caps(stripped):
            self.pending_number = alone["num"]
            self.previous = None
            return
        if self.pending_number is not None:
            number, self.pending_number = self.pending_number, None
            self.add(Block("item", stripped, number=number))
            self.previous = line
            return
        if self.continues(line):
            self.extend_last(line)
            self.previous = line
            return
        self.after_blank = self.previous is None
        self.previous = line
        self.add(self._block(line, stripped))

    def _block(self, line: str, stripped: str) -> Block:
        bullet = _BULLET.match(line)
        if bullet:
            rest = bullet["rest"].strip()
            inner = _NUMBERED.match(rest)
            level = len(bullet["indent"].expandtabs()) // 2
            if inner:
                return Block("item", inner["rest"].strip(), level=level, number=inner["num"])
            return Block("item", rest, level=level, number="")
        numbered = _NUMBERED.match(line)
        if numbered:
            rest = numbered["rest"].strip()
            if _TOP_NUMBER.match(numbered["num"]) and _title_like(rest) and not numbered["indent"]:
                return Block("heading", rest, level=1, number=numbered["num"])
            return Block("item", rest, level=len(numbered["indent"].expandtabs()) // 2, number=numbered["num"])
        if _is_caps(stripped) and not stripped.endswith(_END) and (self.after_blank or " " in stripped):
            return Block("heading", stripped, level=1)
        if stripped.endswith(":") and len(stripped.split()) <= 8:
            return Block("heading", stripped, level=3)
        if len(stripped.split()) <= 12 and not stripped.endswith(_END) and not self.markdown:
            if self.after_blank and self.next_blank and self.spaced and _title_like(stripped):
                return Block("heading", stripped, level=2)  # a title between blank lines, in a spaced document
            return Block("line", stripped)
        return Block("paragraph", stripped)


def parse_text(text: str, *, markdown: bool = False) -> list[Block]:
    """The blocks of a plain-text (or Markdown) document, in order."""
    lines = text.split("\n")
    builder = _Builder(markdown)
    builder.spaced = sum(1 for line in lines if not line.strip()) > 0.25 * len(lines) and not _wrapped(lines)
    widths = _widths(lines) if not markdown and _wrapped(lines) else [0] * len(lines)
    for index, (line, width) in enumerate(zip(lines, widths, strict=True)):
        builder.width = width
        builder.next_blank = index + 1 >= len(lines) or not lines[index + 1].strip()
        builder.feed(line)
    return builder.blocks
