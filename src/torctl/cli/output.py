"""All terminal output goes through here, so tests can capture it and pipes get plain text.

Rich is imported only when a table is drawn on a terminal; a script reading
torctl's output (or `--format json`) never pays for it.
"""

from __future__ import annotations

import json
import os
import re
import sys
from typing import Any
from collections.abc import Sequence

import typer


# What text from the YAML must not send to a terminal: C0 controls but tab and line
# feed (ESC starts escape sequences that recolour, retitle or rewrite the screen; a
# lone CR overwrites the line), DEL, C1 controls (CSI is one), and the bidirectional
# overrides that make text read differently from how it is stored.
# Zero-width characters (U+200B-U+200F, U+2060, U+FEFF) are shown too: they hide a difference between two ids
# that look the same. Lone surrogates (a file name that is not UTF-8) cannot be printed at all.
_TERMINAL_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\ud800-\udfff]|\r(?!\n)"
)


def for_terminal(text: str) -> str:
    """`text` with every control character shown as a visible `\\uXXXX` escape (valid inside JSON strings too)."""
    return _TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def echo(text: str = "") -> None:
    typer.echo(for_terminal(text))


def echo_styled(text: str, **style: Any) -> None:
    """`text` (neutralised first) in a colour or weight; click drops the styling in a pipe."""
    typer.echo(typer.style(for_terminal(text), **style))


def echo_err(text: str) -> None:
    typer.echo(for_terminal(text), err=True)


def emit_json(data: Any) -> None:
    # json.dumps escapes C0 controls; for_terminal escapes DEL, C1 and bidi overrides, as JSON \u escapes
    typer.echo(for_terminal(json.dumps(data, indent=2, ensure_ascii=False, default=str)))


def is_terminal() -> bool:
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb" and "NO_COLOR" not in os.environ


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], title: str | None = None) -> None:
    """A table: drawn by rich on a terminal, plain aligned columns otherwise (for pipes and tests)."""
    cells = [[("" if c is None else for_terminal(str(c))) for c in row] for row in rows]
    if is_terminal():
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        rich_table = Table(title=title, show_lines=False, header_style="bold")
        for header in headers:
            rich_table.add_column(header, overflow="fold")
        for row in cells:
            rich_table.add_row(*(Text(cell) for cell in row))  # Text: a "[red]" in the data is not rich markup
        Console().print(rich_table)
        return
    if title:
        echo(title)
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    echo("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row in cells:
        echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)).rstrip())


def warn_left_out(files: Sequence[str]) -> None:
    """Say on stderr which files a report leaves out, so it is never silently short."""
    if files:
        shown = ", ".join(files[:5]) + (f" and {len(files) - 5} more" if len(files) > 5 else "")
        plural = "s" if len(files) != 1 else ""
        echo_err(f"warning: left out {len(files)} file{plural} with errors ({shown}); run torctl validate")


def show_usage_error(exc: typer.TyperException) -> int:
    """Print a parser error (unknown option, a value not among the choices) as typer does, with its usage line,
    minus the wording pydantic lends typer ("Value error, ..."); return its exit code (2: usage)."""
    exc.message = exc.message.replace("Value error, ", "")
    show = getattr(exc, "show", None)  # typer's usage errors print their command's usage line too
    if callable(show):
        show()
    else:  # pragma: no cover - every error typer's parser raises can show itself
        echo_err(f"Error: {exc.format_message()}")
    return 2 if exc.exit_code in (None, 0, 1) else int(exc.exit_code)
