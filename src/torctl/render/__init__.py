"""Publishing: ToR documents, agendas, the partnership handbook and the governance map.

The flow is the same for every document: the core builds a view of the data in
words (`document.tor_document`, `agenda.build_agenda`, `governance.build_graph`),
a Jinja template for the format lays it out (`env.Templates`, which escapes every
value for that format), and for PDF, Typst typesets the generated Typst source
(`pdf.compile_pdf`). Output is deterministic: no timestamps, no system fonts.
"""

from __future__ import annotations

from pathlib import Path

from ..data.tree import Tree
from ..errors import UsageError
from ..model import Body
from .document import TorDocument, tor_document
from .env import Templates
from .pdf import compile_pdf


def template_format(fmt: str) -> str:
    """The template format that produces output format `fmt` (PDF is made from Typst)."""
    return "typ" if fmt == "pdf" else fmt


def finish(fmt: str, text: str, what: str) -> bytes:
    """Template output as the bytes of the file: UTF-8 text, or a PDF typeset from the Typst text."""
    return without_suspects(compile_pdf(text, what)) if fmt == "pdf" else text.encode("utf-8")


_SUSPECTS = b"/MarkInfo<</Marked true/Suspects false>>"


def without_suspects(pdf: bytes) -> bytes:
    """Typst writes `/Suspects false` in the catalog's MarkInfo; poppler (pdftotext, pdftoppm, many viewers on
    Linux) misreads it and prints "Syntax Error: Suspects object is wrong type (boolean)". False is the
    default, so the entry is blanked with spaces of the same length (byte offsets, and so the xref, stay right)."""
    return pdf.replace(_SUSPECTS, b"/MarkInfo<</Marked true" + b" " * len(b"/Suspects false") + b">>", 1)


def render_tor(templates: Templates, tree: Tree, body: Body, fmt: str) -> bytes:
    """The terms of reference of `body` as a document in `fmt` (pdf, html, md or typ)."""
    doc = tor_document(body, tree.agencies, tree.bodies)
    text = templates.render(f"tor.{template_format(fmt)}.j2", doc=doc, body=body, agencies=tree.agencies)
    return finish(fmt, text, f"the terms of reference of {body.id}")


def output_path(directory: Path, name: str) -> Path:
    """`directory/name`, refusing any name (or existing link) that would land outside `directory`."""
    base = Path(directory).resolve()
    target = (base / name).resolve()
    if target.parent != base:
        raise UsageError(f"refusing to write '{name}': it would land outside the output directory {directory}")
    return Path(directory) / name


__all__ = [
    "Templates",
    "TorDocument",
    "compile_pdf",
    "finish",
    "output_path",
    "render_tor",
    "tor_document",
]
