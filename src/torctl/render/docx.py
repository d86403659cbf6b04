"""Word documents (.docx) from the same document views the Markdown, HTML and Typst templates lay out.

A ToR (`render.document.TorDocument`) and a meeting's minutes (`render.minutes.MinutesDocument`)
are both a title, a few header facts and `sections` of `render.blocks` blocks; `_Writer` writes
them with python-docx in Word's own structure, so that Word's accessibility checker, a screen
reader and `torctl import` read them as the other formats read:

- the title in the Title style and each section in Heading 1 (a heading within a section in
  Heading 2): real headings, so the navigation pane and the outline show the sections;
- lists in the List Bullet style; the ToR's quotations in Quote; captions in Caption;
- tables with a header row marked to repeat on every page (`w:tblHeader`), header cells bold,
  and each row's first cell bold where it names the row;
- the document's title in its core properties, and its language (`en-GB`) in the core
  properties, on the document's default run properties and on the Normal style, so that the
  spelling checker and a screen reader use British English throughout.

No images are written (the views hold none), so there is no picture without alternative text.

Output is byte-for-byte the same for the same input: the package's parts are written in a fixed
order with a fixed timestamp, and the created and modified dates are the document's own date
(the meeting's, for minutes) or left out, never the time of the run.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, assert_never

from .blocks import Block, Bullets, Cell, Fact, Facts, Inline, Paragraphs, Quote, Section, SmallPrint, Subheading, Table

if TYPE_CHECKING:  # pragma: no cover
    from .document import TorDocument
    from .minutes import MinutesDocument

LANGUAGE = "en-GB"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry: the same bytes on every run
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DATES = re.compile(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>")


def tor_docx(doc: TorDocument) -> bytes:
    """The terms of reference as a Word document: the sections `torctl render` writes in every format."""
    lede = [line for line in (doc.partnership, doc.status_note) if line]
    facts = [*doc.source, Fact("Next review", doc.next_review)]
    writer = _Writer(doc.title, "Terms of reference")
    writer.front(lede, facts, [])
    writer.sections(doc.sections, numbered=True)
    return writer.finish(doc.footer, created=None)


def minutes_docx(doc: MinutesDocument) -> bytes:
    """The draft minutes as a Word document, for the clerk to edit."""
    writer = _Writer(doc.title, doc.kind, core_title=doc.document_title)
    writer.front([doc.date_words], doc.header, doc.notices)
    writer.sections(doc.sections, numbered=False)
    created = dt.datetime.combine(dt.date.fromisoformat(doc.date), dt.time(), tzinfo=dt.UTC)
    return writer.finish(doc.footer, created=created)


class _Writer:
    """One Word document being written."""

    def __init__(self, title: str, kind: str, *, core_title: str | None = None):
        import docx

        self.document: Any = docx.Document()
        self.title = title
        props = self.document.core_properties
        props.title = core_title or f"{title}: {kind.lower()}"
        props.language = LANGUAGE
        props.author = "torctl"
        props.comments = ""
        props.last_modified_by = "torctl"
        _set_language(self.document)
        self.document.add_paragraph(title, style="Title")
        self.document.add_paragraph(kind, style="Subtitle")

    def front(self, lede: Sequence[str], facts: Sequence[Fact], notices: Sequence[str]) -> None:
        for line in lede:
            self.document.add_paragraph(line)
        for notice in notices:
            paragraph = self.document.add_paragraph()
            paragraph.add_run(notice).bold = True
        for fact in facts:
            self.fact(fact)

    def fact(self, fact: Fact) -> None:
        paragraph = self.document.add_paragraph()
        paragraph.add_run(f"{fact.label}: ").bold = True
        paragraph.add_run(fact.text)

    def sections(self, sections: Sequence[Section], *, numbered: bool) -> None:
        for index, section in enumerate(sections, start=1):
            heading = f"{index}. {section.heading}" if numbered else section.heading
            self.document.add_heading(heading, level=1)
            for block in section.blocks:
                self.block(block)

    def block(self, block: Block) -> None:
        document = self.document
        match block:
            case Facts(rows=rows):
                for fact in rows:
                    self.fact(fact)
            case Bullets(items=items):
                for item in items:
                    self.phrase(document.add_paragraph(style="List Bullet"), item)
            case Paragraphs(paragraphs=paragraphs):
                for text in paragraphs:
                    self.phrase(document.add_paragraph(), text)
            case Quote(text=text):
                document.add_paragraph(text, style="Quote")
            case Subheading(title=title):
                document.add_heading(title, level=2)
            case SmallPrint(line=line):
                from docx.shared import Pt

                paragraph = document.add_paragraph()
                self.phrase(paragraph, line)
                for run in paragraph.runs:
                    run.font.size = Pt(9)
            case Table():
                self.table(block.columns, block.rows, block.caption, row_headers=block.row_headers)
            case _:  # pragma: no cover - every kind of block is written above
                assert_never(block)

    def phrase(self, paragraph: Any, text: str | Inline) -> None:
        """A line: its bold pieces first, in bold, then the rest."""
        if isinstance(text, str):
            paragraph.add_run(text)
            return
        if text.bold:
            paragraph.add_run("".join(text.bold)).bold = True
        paragraph.add_run("".join(text.parts))

    def table(
        self,
        columns: Sequence[str],
        rows: Sequence[Sequence[str | Cell]],
        caption: str | Inline | None,
        *,
        row_headers: bool,
    ) -> None:
        document = self.document
        if caption is not None:
            self.phrase(document.add_paragraph(style="Caption"), caption)
        table = document.add_table(rows=1, cols=len(columns))
        table.style = "Table Grid"
        for header, text in zip(table.rows[0].cells, columns, strict=True):
            header.paragraphs[0].add_run(str(text)).bold = True
        for row in rows:
            cells = table.add_row().cells
            for index, (target, value) in enumerate(zip(cells, row, strict=True)):
                self.cell(target, value, bold=row_headers and index == 0)

    def cell(self, target: Any, value: str | Cell, *, bold: bool) -> None:
        paragraph = target.paragraphs[0]
        if isinstance(value, str):
            paragraph.add_run(value).bold = bold or None
            return
        run = paragraph.add_run(value.text)
        run.bold = bold or value.strong or None
        run.italic = value.unknown or None
        for note in value.notes:
            target.add_paragraph(note)

    def finish(self, footer: str, *, created: dt.datetime | None) -> bytes:
        """The document's bytes: footer set, every table's first row a repeating header, reproducible."""
        section = self.document.sections[0]
        section.footer.paragraphs[0].text = footer
        _mark_header_rows(self.document)
        props = self.document.core_properties
        props.revision = 1
        if created is not None:
            props.created = props.modified = created
        buffer = io.BytesIO()
        self.document.save(buffer)
        return _reproducible(buffer.getvalue(), dated=created is not None)


def _qn(tag: str) -> str:
    prefix, _, name = tag.partition(":")
    assert prefix == "w"
    return f"{{{_W}}}{name}"


def _child(parent: Any, tag: str, *, first: bool = False) -> Any:
    """`parent`'s `tag` element, made (first or last among its children) where it has none."""
    from docx.oxml import OxmlElement

    found = parent.find(_qn(tag))
    if found is None:
        found = OxmlElement(tag)
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found


def _set_language(document: Any) -> None:
    """The document's language on its default run properties and on the Normal style (`w:lang`)."""
    from docx.oxml import OxmlElement

    defaults = _child(document.styles.element, "w:docDefaults", first=True)
    for holder in (_child(defaults, "w:rPrDefault", first=True), document.styles["Normal"].element):
        properties = _child(holder, "w:rPr")
        for old in properties.findall(_qn("w:lang")):
            properties.remove(old)
        lang = OxmlElement("w:lang")
        for attribute in ("w:val", "w:eastAsia", "w:bidi"):
            lang.set(_qn(attribute), LANGUAGE)
        properties.append(lang)


def _mark_header_rows(document: Any) -> None:
    """Each table's first row is its header row, repeated at the top of every page (`w:tblHeader`)."""
    from docx.oxml import OxmlElement

    for table in document.element.body.iter(_qn("w:tbl")):
        first = table.find(_qn("w:tr"))
        if first is None:  # pragma: no cover - every table written has a header row
            continue
        properties = first.find(_qn("w:trPr"))
        if properties is None:
            properties = OxmlElement("w:trPr")
            cells = first.find(_qn("w:tc"))
            (first.insert(list(first).index(cells), properties) if cells is not None else first.append(properties))
        if properties.find(_qn("w:tblHeader")) is None:
            properties.append(OxmlElement("w:tblHeader"))


def _reproducible(package: bytes, *, dated: bool) -> bytes:
    """The package rewritten with every part at one fixed time, in the same order; without a date of its own,
    the core properties say none (python-docx's template carries the date it was made)."""
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml" and not dated:
                data = _without_dates(data)
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, data)
    return out.getvalue()


def _without_dates(core: bytes) -> bytes:
    """The core properties without `dcterms:created` and `dcterms:modified` (as python-docx writes them)."""
    return _DATES.sub(b"", core)
