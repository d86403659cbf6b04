"""Reading a document into an outline: Word (.docx) by its styles, PDF by its text layer, text and Markdown by lines.

Word files are read with python-docx: heading styles give headings, list styles and
numbering give list items (numbered as Word shows them), tables give rows. PDF files
are read with pypdf's text layer, then as plain text. A bad file (an old `.doc`, an
encrypted or password-protected file, one with no text, one over the size limit) is
refused with one message and nothing is read further.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .outline import MAX_BYTES, MAX_CHARACTERS, MAX_PAGES, Block, ImportRefused, Outline
from .textlines import parse_text

FORMATS = {".docx": "docx", ".pdf": "pdf", ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
"""The suffixes torctl imports, and the reader each takes."""

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a Compound File: Word 97-2003, or an encrypted Office 2007+ file
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def read_document(path: Path) -> Outline:
    """The outline of the document at `path`, or `ImportRefused` saying why it cannot be read."""
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise ImportRefused(
            f"{path} is an old Word (.doc, Word 97-2003) file, which torctl cannot read; "
            "open it in Word or LibreOffice and save it as .docx, then import that"
        )
    if suffix not in FORMATS:
        accepted = ", ".join(sorted(FORMATS))
        raise ImportRefused(f"{path}: torctl imports {accepted} files, not '{suffix or 'no suffix'}'")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportRefused(
                f"{path} is {size // (1024 * 1024)} MB; torctl imports files up to {MAX_BYTES // (1024 * 1024)} MB"
            )
        data = path.read_bytes()
    except IsADirectoryError:
        raise ImportRefused(f"{path} is a directory; give the ToR document's file") from None
    except FileNotFoundError:
        raise ImportRefused(f"{path} does not exist") from None
    except OSError as exc:
        raise ImportRefused(f"cannot read {path}: {exc.strerror or exc}") from None
    kind = FORMATS[suffix]
    if kind == "docx":
        outline = _read_docx(path, data)
    elif kind == "pdf":
        outline = _read_pdf(path, data)
    else:
        outline = Outline(str(path), kind, parse_text(_decode(path, data), markdown=kind == "markdown"))
    if not any(b.text.strip() or any(c.strip() for c in b.cells) for b in outline.blocks):
        raise ImportRefused(f"{path} has no text to import (it is empty)")
    if outline.characters > MAX_CHARACTERS:
        raise ImportRefused(
            f"{path} holds {outline.characters:,} characters, more than the {MAX_CHARACTERS:,} (about {MAX_PAGES} "
            "pages) torctl imports; import the terms of reference on their own"
        )
    return outline


def _decode(path: Path, data: bytes) -> str:
    if data.startswith(_OLE) or data.startswith(b"PK\x03\x04") or data.startswith(b"%PDF"):
        raise ImportRefused(f"{path} is not plain text (it is a Word, zip or PDF file); give it its proper suffix")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportRefused(f"{path}:{line}: not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8") from None
    if "\x00" in text:
        raise ImportRefused(f"{path} is not plain text (it holds NUL bytes)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- PDF -------------------------------------------------------------------------------------------------------


def _read_pdf(path: Path, data: bytes) -> Outline:
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged cross-reference table is repaired, not shouted
    if not data.startswith(b"%PDF"):
        raise ImportRefused(f"{path} is not a PDF file (it does not start with %PDF)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportRefused(f"{path} is an encrypted PDF; save an unprotected copy and import that")
        pages = len(reader.pages)
        if pages > MAX_PAGES:
            raise ImportRefused(f"{path} has {pages} pages; torctl imports documents of up to {MAX_PAGES} pages")
        texts = [page.extract_text() or "" for page in reader.pages]
    except ImportRefused:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, NotImplementedError) as exc:
        raise ImportRefused(f"{path} is not a readable PDF ({exc})") from None
    if pages == 0:
        raise ImportRefused(f"{path} has no pages")
    if not any(t.strip() for t in texts):
        raise ImportRefused(
            f"{path} has no text layer (its {pages} page{'s' if pages != 1 else ''} are images, as a scan is); "
            "run it through OCR, or import the Word original"
        )
    outline = Outline(str(path), "pdf", parse_text("\n".join(texts).replace("\r\n", "\n")))
    outline.pages = pages
    return outline


# --- Word ------------------------------------------------------------------------------------------------------

_HEADING_STYLE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)


def _read_docx(path: Path, data: bytes) -> Outline:
    import io
    import zipfile

    if data.startswith(_OLE):
        if _ENCRYPTED_PACKAGE in data:
            raise ImportRefused(
                f"{path} is a password-protected Word file; remove the password (File > Info > Protect Document) "
                "and import the saved copy"
            )
        raise ImportRefused(
            f"{path} is an old Word (.doc, Word 97-2003) file with a .docx name; save it as .docx in Word or "
            "LibreOffice and import that"
        )
    if not data.startswith(b"PK"):
        raise ImportRefused(
            f"{path} is not a Word file (a .docx is a zip archive; this one is damaged or another format)"
        )
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(io.BytesIO(data))
        blocks = list(_docx_blocks(document))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, AttributeError, IndexError) as exc:
        raise ImportRefused(f"{path} is a damaged Word file and cannot be read ({exc or type(exc).__name__})") from None
    except Exception as exc:  # lxml's XMLSyntaxError and relatives: the file's XML is broken
        if type(exc).__module__.startswith("lxml"):
            raise ImportRefused(f"{path} is a damaged Word file: its XML does not parse ({exc})") from None
        raise
    return Outline(str(path), "docx", blocks)


def _docx_blocks(document: Any) -> Iterator[Block]:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    body = document.element.body
    numbers = _Numbering(document)
    # python-docx looks a paragraph's style up among every style each time it is asked: read them once
    styles = {style.style_id: style for style in document.styles}
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            style_id = child.pPr.pStyle.val if child.pPr is not None and child.pPr.pStyle is not None else None
            block = _paragraph_block(paragraph, styles.get(style_id, default) if style_id else default, numbers)
            if block is not None:
                yield block
        elif tag == "tbl":
            yield from _table_rows(Table(child, document))


def _paragraph_block(paragraph: Any, style_object: Any, numbers: _Numbering) -> Block | None:
    text = paragraph.text
    if not text.strip():
        return None
    style = (style_object.name if style_object is not None else "") or ""
    if style.lower() == "title":
        return Block("heading", text.strip(), level=0)
    if style.lower() == "caption":  # names the table or figure below it: a label, not a clause or an entry
        return Block("heading", text.strip(), level=6)
    heading = _HEADING_STYLE.match(style)
    if heading:
        return Block("heading", text.strip(), level=int(heading[1]))
    level, number = numbers.of(paragraph, style_object, style)
    if number is not None or style.lower().startswith("list"):
        if number is None and "bullet" in style.lower():
            number = ""  # a bullet style without numbering of its own
        return Block("item", text.strip(), level=level, number=number)
    return Block("paragraph", text.strip())


def _table_rows(table: Any) -> Iterator[Block]:
    for row in table.rows:
        seen: set[int] = set()
        cells: list[str] = []
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is returned once per grid column it spans
                continue
            seen.add(id(cell._tc))
            cells.append("\n".join(p.text for p in cell.paragraphs).strip())
        if any(cells):
            properties = row._tr.trPr
            header = properties is not None and any(el.tag.endswith("}tblHeader") for el in properties)
            yield Block("row", " | ".join(c for c in cells if c), cells=tuple(cells), header=header)


class _Numbering:
    """The numbers Word shows before list paragraphs ("1.", "a)", "ii."), counted as Word counts them."""

    _FORMATS = ("decimal", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman", "bullet")

    def __init__(self, document: Any) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, ilvl) -> (format, text, start)
        self.counters: dict[str, list[int]] = {}
        try:
            part = document.part.numbering_part
        except (NotImplementedError, KeyError, AttributeError):
            return
        root = part.element
        ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.findall("w:abstractNum", ns):
            levels = {}
            for lvl in node.findall("w:lvl", ns):
                fmt = lvl.find("w:numFmt", ns)
                txt = lvl.find("w:lvlText", ns)
                start = lvl.find("w:start", ns)
                levels[int(lvl.get(f"{{{ns['w']}}}ilvl", "0"))] = (
                    fmt.get(f"{{{ns['w']}}}val", "decimal") if fmt is not None else "decimal",
                    txt.get(f"{{{ns['w']}}}val", "") if txt is not None else "",
                    int(start.get(f"{{{ns['w']}}}val", "1")) if start is not None else 1,
                )
            abstract[node.get(f"{{{ns['w']}}}abstractNumId", "")] = levels
        for num in root.findall("w:num", ns):
            ref = num.find("w:abstractNumId", ns)
            if ref is None:
                continue
            for ilvl, value in abstract.get(ref.get(f"{{{ns['w']}}}val", ""), {}).items():
                self.levels[(num.get(f"{{{ns['w']}}}numId", ""), ilvl)] = value

    def of(self, paragraph: Any, style_object: Any, style: str) -> tuple[int, str | None]:
        """(level, number): the number is '' for a bullet, None for a paragraph outside any list."""
        num_pr = _num_pr(paragraph, style_object)
        if num_pr is None:
            return 0, None
        num_id, ilvl = num_pr
        if num_id == "0":  # numbering switched off for this paragraph
            return 0, None
        fmt, template, _start = self.levels.get(
            (num_id, ilvl), ("bullet" if "bullet" in style.lower() else "decimal", "", 1)
        )
        counters = self.counters.setdefault(num_id, [])
        while len(counters) <= ilvl:
            counters.append(self.levels.get((num_id, len(counters)), ("", "", 1))[2] - 1)
        counters[ilvl] += 1
        del counters[ilvl + 1 :]
        if fmt in {"bullet", "none"}:
            return ilvl, ""
        if not template:
            template = f"%{ilvl + 1}."
        shown = re.sub(r"%(\d)", lambda m: _format(counters, int(m[1]) - 1, self.levels, num_id), template)
        return ilvl, shown


def _format(counters: list[int], index: int, levels: dict[tuple[str, int], tuple[str, str, int]], num_id: str) -> str:
    value = counters[index] if index < len(counters) else 1
    fmt = levels.get((num_id, index), ("decimal", "", 1))[0]
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for amount, letters in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while value >= amount:
            out, value = out + letters, value - amount
    return out


def _num_pr(paragraph: Any, style: Any) -> tuple[str, int] | None:
    """The paragraph's (numId, ilvl), from its own properties or its style's."""
    p_pr = paragraph._p.pPr
    num_pr = p_pr.numPr if p_pr is not None else None
    while num_pr is None and style is not None:
        style_pr = style.element.pPr
        num_pr = style_pr.numPr if style_pr is not None else None
        style = style.base_style
    if num_pr is None or num_pr.numId is None:
        return None
    ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
    return str(num_pr.numId.val), int(ilvl)
