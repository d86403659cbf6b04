"""Typst source to PDF with the `typst` package: fonts bundled, no system libraries, no clock.

System fonts are ignored and the document date is left out (`#set document(date: none)`
in the templates), so the same source gives the same bytes on every machine.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..errors import UsageError

_POSITION = re.compile(r"\.typ:(\d+):(\d+)")


@lru_cache(maxsize=None)
def _compiler():
    """One Typst compiler per process: its bundled fonts are loaded once, not once per document."""
    import typst

    return typst.Compiler(ignore_system_fonts=True)


def compile_pdf(source: str, what: str) -> bytes:
    """Compile Typst `source` to PDF; a Typst error becomes a usage error naming `what` and the line."""
    import typst

    try:
        return _compiler().compile(input=source.encode("utf-8"))
    except typst.TypstError as exc:
        match = _POSITION.search(getattr(exc, "diagnostic", "") or "")
        where = f" at line {match[1]} of the generated Typst source" if match else ""
        raise UsageError(
            f"Typst could not typeset {what}{where}: {exc.message}; see the source with --format typ"
        ) from None
