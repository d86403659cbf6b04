"""A structural check of a PDF against the parts of PDF/UA-1 (ISO 14289-1) that can be read from its objects.

What it checks, for every PDF torctl writes (tests/test_pdf_ua.py):
- the PDF/UA identification: `pdfuaid:part` 1 in the XMP metadata;
- a title: `dc:title` in the XMP metadata, shown by viewers (`/ViewerPreferences /DisplayDocTitle true`);
- the language: a `/Lang` in the catalog;
- tagging: `/MarkInfo /Marked true` and a structure tree;
- headings that nest: the first is H1 (or Title), and none skips a level (an H2 may follow an H4, not precede
  an H4 without an H3 between);
- alternative text on every Figure (`/Alt` or `/ActualText`);
- tables with header cells: every Table has TH cells, each with a `/Scope` (row, column or both);
- embedded fonts: every font the pages use carries its font program.

What it does not check, and a PDF/UA checker such as veraPDF would: that every piece of page content is tagged
or marked as an artifact, that the reading order of the structure tree matches the meaning, Unicode mappings of
every glyph, the contrast of text, and the 100 or so other machine-checkable conditions of the Matterhorn
Protocol. None of those checkers installs from the registries this project may use (veraPDF needs Maven
Central), so this test says what it covers and no more.
"""

from __future__ import annotations

import html
import io
import itertools
import re
from dataclasses import dataclass, field
from typing import Any

STANDARD_HEADINGS = {"H1", "H2", "H3", "H4", "H5", "H6"}


@dataclass
class PdfStructure:
    """What the check found in one PDF, and what it found wrong."""

    title: str | None = None
    lang: str | None = None
    headings: list[tuple[int, str]] = field(default_factory=list)  # (level, text), in the structure tree's order
    figures: int = 0
    tables: int = 0
    header_cells: int = 0
    problems: list[str] = field(default_factory=list)

    def checks(self) -> dict[str, bool]:
        """Each check by name, passed or not (for the report)."""
        names = ("pdfuaid", "DisplayDocTitle", "Lang", "dc:title", "tagged", "headings", "figures", "tables", "fonts")
        return {name: not any(p.startswith(name + ":") for p in self.problems) for name in names}


def _name(value: Any) -> str:
    return str(value).lstrip("/")


def _xmp(reader: Any) -> str:
    metadata = reader.trailer["/Root"].get("/Metadata")
    return metadata.get_object().get_data().decode("utf-8", "replace") if metadata is not None else ""


def _dc_title(xmp: str) -> str | None:
    match = re.search(r"<dc:title>.*?<rdf:li[^>]*>(.*?)</rdf:li>", xmp, re.S)
    return html.unescape(match[1]).strip() if match else None


def _text_of(node: Any) -> str:
    """The title of a structure element as Typst writes it (/T), or its alternative text."""
    for key in ("/T", "/Alt", "/ActualText"):
        if key in node:
            return str(node[key])
    return ""


def _attributes(node: Any) -> list[Any]:
    attrs = node.get("/A")
    if attrs is None:
        return []
    attrs = attrs.get_object()
    return [a.get_object() for a in attrs] if isinstance(attrs, list) else [attrs]


def _walk(node: Any, role_map: dict[str, str], found: PdfStructure, in_table: list[int]) -> None:
    node = node.get_object()
    if "/S" in node:
        tag = _name(node["/S"])
        tag = role_map.get(tag, tag)
        if tag in STANDARD_HEADINGS:
            found.headings.append((int(tag[1]), _text_of(node)))
        elif tag == "Title":
            found.headings.append((1, _text_of(node)))
        elif tag == "Figure":
            found.figures += 1
            if not (str(node.get("/Alt", "")).strip() or str(node.get("/ActualText", "")).strip()):
                found.problems.append("figures: a Figure has no alternative text (/Alt)")
        elif tag == "Table":
            found.tables += 1
            in_table.append(0)
        elif tag == "TH":
            found.header_cells += 1
            if in_table:
                in_table[-1] += 1
            scopes = [_name(a["/Scope"]) for a in _attributes(node) if "/Scope" in a]
            if not scopes or scopes[0] not in ("Row", "Column", "Both"):
                found.problems.append("tables: a header cell (TH) has no /Scope")
    kids = node.get("/K")
    if kids is not None:
        kids = kids.get_object() if hasattr(kids, "get_object") else kids
        for each in kids if isinstance(kids, list) else [kids]:
            kid = each.get_object() if hasattr(each, "get_object") else each
            if hasattr(kid, "keys") and "/S" in kid:
                _walk(kid, role_map, found, in_table)
    closes_table = "/S" in node and role_map.get(_name(node["/S"]), _name(node["/S"])) == "Table"
    if closes_table and in_table.pop() == 0:
        found.problems.append("tables: a Table has no header cells (TH)")


def _fonts_embedded(reader: Any, found: PdfStructure) -> None:
    seen: set[int] = set()
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            if id(font) in seen:
                continue
            seen.add(id(font))
            for desc in [font, *[d.get_object() for d in font.get("/DescendantFonts", [])]]:
                descriptor = desc.get("/FontDescriptor")
                if descriptor is None:
                    continue
                descriptor = descriptor.get_object()
                if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                    found.problems.append(f"fonts: {_name(desc.get('/BaseFont'))} is not embedded")


def check_pdf(data: bytes) -> PdfStructure:
    """Read `data` as a PDF and check its structure (see the module's docstring)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    found = PdfStructure()
    xmp = _xmp(reader)
    if not re.search(r"pdfuaid:part(?:>|=\")\s*1\b", xmp):
        found.problems.append("pdfuaid: the XMP metadata does not declare PDF/UA-1 (pdfuaid:part 1)")
    found.title = _dc_title(xmp)
    if not found.title:
        found.problems.append("dc:title: the XMP metadata has no dc:title")
    prefs = root.get("/ViewerPreferences")
    if prefs is None or not bool(prefs.get_object().get("/DisplayDocTitle")):
        found.problems.append("DisplayDocTitle: viewers are not told to show the title (/DisplayDocTitle true)")
    found.lang = str(root["/Lang"]) if "/Lang" in root else None
    if not found.lang:
        found.problems.append("Lang: the catalog has no /Lang")
    mark = root.get("/MarkInfo")
    if mark is None or not bool(mark.get_object().get("/Marked")) or "/StructTreeRoot" not in root:
        found.problems.append("tagged: no structure tree, or /MarkInfo /Marked is not true")
        return found
    tree = root["/StructTreeRoot"].get_object()
    role_map = {_name(k): _name(v) for k, v in (tree.get("/RoleMap") or {}).items()}
    _walk(tree, role_map, found, [])
    levels = [level for level, _ in found.headings]
    if not levels or levels[0] != 1:
        found.problems.append(f"headings: the first heading is not H1 or Title ({levels[:1]})")
    for before, after in itertools.pairwise(levels):
        if after > before + 1:
            found.problems.append(f"headings: H{before} is followed by H{after}, skipping a level")
    _fonts_embedded(reader, found)
    return found
