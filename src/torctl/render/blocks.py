"""The pieces a document view is built from: sections of blocks, in order, that a template only lays out.

A document (a ToR, say) is computed once as a list of `Section`s, each a heading
and its blocks: labelled facts, lists, paragraphs, quotations, tables. The
Markdown, HTML and Typst templates walk the same list and write each block in
their format, so what a document says (which sections, which facts, in which
words and order) is decided here and in the module that builds the view, never
in a template; as pandoc writes every format from one tree.

Text is kept in the pieces it was made of (`Inline.parts`): each piece is
escaped on its own by the template's environment, so a value from the data
cannot join torctl's words into markup. torctl's own fixed words are `own`
text, printed as they stand, as template text is. A line of one plain piece is
a plain string, and so is a table cell that is only text: templates write those
at once (`is string`), which keeps a document quick to generate.

Each block names its `kind`, which a template uses to pick how to write it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import ClassVar

from markupsafe import Markup

_PLAIN = re.compile(r"[A-Za-z0-9 ,.:;()']*")


def own(text: str) -> str:
    """torctl's own fixed words, printed as they stand in every format (as template text is), never data.

    Only letters, digits, spaces and plain punctuation are allowed, so the words
    mean the same in Markdown, HTML and Typst without escaping.
    """
    if not _PLAIN.fullmatch(text):
        raise ValueError(f"not plain words: {text!r}")
    return Markup(text)


@dataclass(frozen=True)
class Fact:
    """A labelled fact: `Frequency: monthly`."""

    label: str
    text: str


@dataclass(frozen=True)
class Inline:
    """A line of text in pieces, each escaped on its own; the `bold` pieces come first, set in bold."""

    parts: list[str]
    bold: list[str] = field(default_factory=list)


Phrase = str | Inline  # a plain string where the line is one piece


def phrase(*parts: str) -> Phrase:
    """A phrase from its pieces, each escaped on its own: a plain string where there is one."""
    return parts[0] if len(parts) == 1 else Inline(list(parts))


@dataclass(frozen=True)
class Cell:
    """A table cell: its text, smaller lines under it, whether it says a fact is not known, a body it links to."""

    text: str
    notes: list[str] = field(default_factory=list)
    unknown: bool = False
    link: str | None = None  # the id of a body the cell may link to
    strong: bool = False  # a cell to stand out (an overdue review)


def cell(
    text: str, notes: list[str] | None = None, *, unknown: bool = False, link: str | None = None, strong: bool = False
) -> str | Cell:
    """A table cell: its text alone where there is nothing more to it."""
    if not (notes or unknown or link or strong):
        return text
    return Cell(text, notes or [], unknown, link, strong)


@dataclass(frozen=True)
class Facts:
    """Labelled facts, in order."""

    kind: ClassVar[str] = "facts"
    rows: list[Fact]


@dataclass(frozen=True)
class Bullets:
    """A bulleted list."""

    kind: ClassVar[str] = "bullets"
    items: list[Phrase]


@dataclass(frozen=True)
class Paragraphs:
    """Sentences that belong together, one paragraph each in HTML and Typst (Markdown writes them line by line).

    `lead` is a run-in label a format may set before the first (`Quorum.`); the
    Typst documents do, where Markdown and HTML rely on the section heading.
    """

    kind: ClassVar[str] = "paragraphs"
    paragraphs: list[Phrase]
    lead: str | None = None


@dataclass(frozen=True)
class Quote:
    """The ToR's own words (a `text:`), quoted."""

    kind: ClassVar[str] = "quote"
    text: str


@dataclass(frozen=True)
class Subheading:
    """A heading within a section."""

    kind: ClassVar[str] = "subheading"
    title: str


@dataclass(frozen=True)
class SmallPrint:
    """A line in smaller type, under what it explains (the agencies a table abbreviates)."""

    kind: ClassVar[str] = "small"
    line: Phrase


@dataclass(frozen=True)
class Table:
    """A table: column headings and rows of cells; `name` lets a format size its columns."""

    kind: ClassVar[str] = "table"
    name: str
    columns: list[str]
    rows: list[list[str | Cell]]
    caption: Phrase | None = None
    row_headers: bool = False  # whether each row's first cell names the row


Block = Facts | Bullets | Paragraphs | Quote | Subheading | SmallPrint | Table


@dataclass(frozen=True)
class Section:
    """One numbered section: its anchor (`quorum`), its heading, and its blocks in order."""

    slug: str
    heading: str
    blocks: list[Block]


def bullets(texts: list[str]) -> Bullets:
    """A list of plain lines."""
    return Bullets(list(texts))


def paragraph(*parts: str, lead: str | None = None) -> Paragraphs:
    """One paragraph made of `parts`."""
    return Paragraphs([phrase(*parts)], lead)
