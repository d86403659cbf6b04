"""Typst source to PDF with the `typst` package: fonts bundled, no system libraries, no clock.

System fonts are ignored and the document date is left out (`#set document(date: none)`
in the templates), so the same source gives the same bytes on every machine.

Every PDF is exported as PDF/UA-1 (ISO 14289-1, `pdf_standards=["ua-1"]`): tagged, with its
title shown in the viewer's title bar, its language, and the `pdfuaid` mark in its metadata.
Typst checks what it can at export (a document title, alternative text on every figure and
image) and refuses a source that lacks them; a template that leaves one out fails loudly,
never with a PDF that claims PDF/UA and is not. typst 0.14.3 is the first release of the
Python package that accepts "ua-1"; pyproject.toml pins the range that does.

The compile's root (the only directory Typst's `#read`, `#image` and `#include` can
reach) is an empty temporary directory: the document is one self-contained source,
so a template can never read a local file (`#read("/etc/passwd")`) into a PDF.

Fonts load once per process (one `typst.Fonts`, shared by every compiler). A
`typst.Compiler` compiles one document at a time, so there is one per thread that
compiles, kept for the process: the main thread's, and one for each of the few
background threads that `compile_pdf_later` uses. Typst lets go of Python's lock
while it compiles, so several documents (`render --all`) typeset side by side, and
alongside Python generating the next sources; each PDF is the same bytes as
compiled alone, whichever thread compiles it.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache
from typing import Any

from ..errors import Message, UsageError

PDF_STANDARDS = ["ua-1"]  # PDF/UA-1: what the Public Sector Bodies Accessibility Regulations ask of a document
_POSITION = re.compile(r"\.typ:(\d+):(\d+)")
# Background compiles at once: one a core, and a few at most (each holds a document's layout in memory).
WORKERS = max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


@cache
def _fonts() -> Any:
    """The bundled fonts, found once for the process and loaded on first use, shared by every compiler."""
    import typst

    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=True)


@cache
def _empty_root() -> tempfile.TemporaryDirectory[str]:
    """The compiles' root: an empty directory that lives as long as the process, removed when it ends."""
    return tempfile.TemporaryDirectory(prefix="torctl-typst-")


_local = threading.local()
_first_use = threading.Lock()  # the process's one font set and one root are made once, by whichever thread is first


def _compiler() -> Any:
    """This thread's Typst compiler (one per thread: a compiler typesets one document at a time)."""
    compiler = getattr(_local, "compiler", None)
    if compiler is None:
        import typst

        with _first_use:  # two threads making the root at once would make two, and one is removed when dropped
            root, fonts = _empty_root().name, _fonts()
        compiler = _local.compiler = typst.Compiler(root=root, font_paths=fonts, ignore_system_fonts=True)
    return compiler


def compile_pdf(source: str, what: str) -> bytes:
    """Compile Typst `source` to PDF; a Typst error becomes a usage error naming `what` and the line."""
    import typst

    try:
        pdf: bytes = _compiler().compile(input=source.encode("utf-8"), pdf_standards=PDF_STANDARDS)
        return pdf
    except typst.TypstError as exc:
        match = _POSITION.search(getattr(exc, "diagnostic", "") or "")
        where = f" at line {match[1]} of the generated Typst source" if match else ""
        raise UsageError(  # `format`: the output format the caller chose, which could be the source instead
            Message(
                "Typst could not typeset {what}{where}: {problem}; see the source with {format} typ",
                what=what,
                where=where,
                problem=exc.message,
            )
        ) from None


@cache
def _background() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="torctl-typst")


def compile_pdf_later(source: str, what: str) -> Future[bytes]:
    """`compile_pdf` in a background thread: its future holds the PDF, or the same usage error."""
    return _background().submit(compile_pdf, source, what)
