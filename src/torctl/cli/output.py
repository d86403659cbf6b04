"""All terminal output goes through here, so tests can capture it and pipes get plain text.

Rich is imported only when a table is drawn on a terminal; a script reading
torctl's output (or `--format json`) never pays for it.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any, Sequence

import typer


def echo(text: str = "") -> None:
    typer.echo(text)


def echo_err(text: str) -> None:
    typer.echo(text, err=True)


def emit_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def is_terminal() -> bool:
    return sys.stdout.isatty() and os.environ.get("TERM") != "dumb" and "NO_COLOR" not in os.environ


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], title: str | None = None) -> None:
    """A table: drawn by rich on a terminal, plain aligned columns otherwise (for pipes and tests)."""
    cells = [[("" if c is None else str(c)) for c in row] for row in rows]
    if is_terminal():
        from rich.console import Console
        from rich.table import Table

        rich_table = Table(title=title, show_lines=False, header_style="bold")
        for header in headers:
            rich_table.add_column(header, overflow="fold")
        for row in cells:
            rich_table.add_row(*row)
        Console().print(rich_table)
        return
    if title:
        echo(title)
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    echo("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip())
    for row in cells:
        echo("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())


def warn_left_out(files: Sequence[str]) -> None:
    """Say on stderr which files a report leaves out, so it is never silently short."""
    if files:
        shown = ", ".join(files[:5]) + (f" and {len(files) - 5} more" if len(files) > 5 else "")
        echo_err(f"warning: left out {len(files)} file{'s' if len(files) != 1 else ''} with errors ({shown}); run torctl validate")


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print `error: ...` to stderr and return the Exit to raise."""
    echo_err(f"error: {message}")
    return typer.Exit(code)
