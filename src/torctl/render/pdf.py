"""Typst source to PDF with the `typst` package: fonts bundled, no system libraries, no clock.

System fonts are ignored and the document date is left out (`#set document(date: none)`
in the templates), so the same source gives the same bytes on every machine.

The compile's root (the only directory Typst's `#read`, `#image` and `#include` can
reach) is an empty temporary directory: the document is one self-contained source,
so a template can never read a local file (`#read("/etc/passwd")`) into a PDF.
"""

from __future__ import annotations

import re
import tempfile
from functools import lru_cache

from ..errors import UsageError

_POSITION = re.compile(r"\.typ:(\d+):(\d+)")


@lru_cache(maxsize=None)
def _compiler():
    """One Typst compiler per process (its bundled fonts load once), rooted in an empty directory.

    The directory object is returned with the compiler so that it lives, empty,
    as long as the compiler does, and is removed when the process ends.
    """
    import typst

    empty_root = tempfile.TemporaryDirectory(prefix="torctl-typst-")
    return typst.Compiler(root=empty_root.name, ignore_system_fonts=True), empty_root


def compile_pdf(source: str, what: str) -> bytes:
    """Compile Typst `source` to PDF; a Typst error becomes a usage error naming `what` and the line."""
    import typst

    try:
        compiler, _root = _compiler()
        return compiler.compile(input=source.encode("utf-8"))
    except typst.TypstError as exc:
        match = _POSITION.search(getattr(exc, "diagnostic", "") or "")
        where = f" at line {match[1]} of the generated Typst source" if match else ""
        raise UsageError(
            f"Typst could not typeset {what}{where}: {exc.message}; see the source with --format typ"
        ) from None
