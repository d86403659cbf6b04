"""Publishing: ToR documents, agendas, the partnership handbook and the governance map.

The flow is the same for every document: the core builds a view of the data in
words (`document.tor_document`, `agenda.build_agenda`, `governance.build_graph`),
a Jinja template for the format lays it out (`env.Templates`, which escapes every
value for that format), and for PDF, Typst typesets the generated Typst source
(`pdf.compile_pdf`). Output is deterministic: no timestamps, no system fonts.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from ..data.tree import Tree
from ..errors import UsageError
from ..model import Body
from .document import TorDocument, tor_document
from .env import Templates
from .pdf import compile_pdf, compile_pdf_later

if TYPE_CHECKING:  # pragma: no cover
    from .minutes import MinutesDocument


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


def _tor_text(templates: Templates, tree: Tree, body: Body, fmt: str) -> str:
    doc = tor_document(body, tree.agencies, tree.bodies)
    return templates.render(f"tor.{template_format(fmt)}.j2", doc=doc, body=body, agencies=tree.agencies)


def _tor_what(body: Body) -> str:
    return f"the terms of reference of {body.id}"


def render_tor(templates: Templates, tree: Tree, body: Body, fmt: str) -> bytes:
    """The terms of reference of `body` as a document in `fmt` (pdf, html, md, typ or docx)."""
    if fmt == "docx":
        return _tor_docx(tree, body)
    return finish(fmt, _tor_text(templates, tree, body, fmt), _tor_what(body))


def _tor_docx(tree: Tree, body: Body) -> bytes:
    """The Word document, written from the same view as the templates' (`document.tor_document`)."""
    from .docx import tor_docx

    return tor_docx(tor_document(body, tree.agencies, tree.bodies))


def _tor_output(templates: Templates, tree: Tree, body: Body, fmt: str) -> Future[bytes] | bytes:
    """A document's bytes, or for a PDF, its typesetting under way in the background."""
    if fmt == "docx":
        return _tor_docx(tree, body)
    text = _tor_text(templates, tree, body, fmt)
    return compile_pdf_later(text, _tor_what(body)) if fmt == "pdf" else text.encode("utf-8")


def render_minutes(templates: Templates, doc: MinutesDocument, fmt: str) -> bytes:
    """A meeting's minutes (`minutes.build_minutes`) as a file in `fmt`: md, html, typ, pdf or docx."""
    if fmt == "docx":
        from .docx import minutes_docx

        return minutes_docx(doc)
    text = templates.render(f"minutes.{template_format(fmt)}.j2", doc=doc)
    return finish(fmt, text, f"the minutes of {doc.id} on {doc.date}")


_Pending = tuple[Body, str, "Future[bytes] | bytes"]


def render_tors(
    templates: Templates, tree: Tree, jobs: Iterable[tuple[Body, str]]
) -> Iterator[tuple[Body, str, bytes]]:
    """`render_tor` for each (body, format) of `jobs`: (body, format, bytes), in the order of `jobs`.

    PDFs are typeset in background threads while the next sources are generated
    (`pdf.compile_pdf_later`), at most 16 documents ahead (generating a source costs
    a few milliseconds, typesetting it tens, so the threads never wait for one). What the caller sees is
    what `render_tor` one job at a time gives: the same bytes in the same order, and
    on a failure the same first error after the same documents: an error generating
    a later document is raised only once every document before it has come out.
    """
    ahead = 16
    pending: deque[_Pending] = deque()

    def ready(item: _Pending) -> tuple[Body, str, bytes]:
        body, fmt, data = item
        return body, fmt, without_suspects(data.result()) if isinstance(data, Future) else data

    try:
        for body, fmt in jobs:
            try:
                output = _tor_output(templates, tree, body, fmt)
            except Exception:
                while pending:  # the documents before this one first, and any error typesetting them
                    yield ready(pending.popleft())
                raise
            pending.append((body, fmt, output))
            while pending and (len(pending) > ahead or not isinstance(pending[0][2], Future) or pending[0][2].done()):
                yield ready(pending.popleft())
        while pending:
            yield ready(pending.popleft())
    finally:
        for _body, _fmt, data in pending:  # the caller stopped early: typeset nothing more
            if isinstance(data, Future):
                data.cancel()


def output_path(directory: Path, name: str, *, nested: bool = False) -> Path:
    """`directory/name`, refusing any name that would land outside `directory`, and any symbolic link inside it
    on the way (a link there could send the output anywhere). `nested`: `name` may hold folders (`bodies/x.html`)."""
    base = Path(directory)
    parts = Path(name).parts
    outside = UsageError(f"refusing to write '{name}': it would land outside the output directory {directory}")
    if not parts or (len(parts) > 1 and not nested) or any(p in ("..", ".") or Path(p).anchor for p in parts):
        raise outside
    path = base
    for part in parts:
        path = path / part
        if path.is_symlink():
            raise UsageError(
                f"refusing to write {path}: it is a symbolic link, which could land outside the output directory "
                f"{directory}; output goes only under the directory named, so remove the link"
            )
    if base.resolve() not in path.resolve().parents:
        raise outside
    return path


__all__ = [
    "Templates",
    "TorDocument",
    "compile_pdf",
    "finish",
    "output_path",
    "render_minutes",
    "render_tor",
    "render_tors",
    "tor_document",
]
