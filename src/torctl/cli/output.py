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


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print `error: ...` to stderr and return the Exit to raise."""
    echo_err(f"error: {message}")
    return typer.Exit(code)


def show_usage_error(exc: Any) -> int:
    """Print a parser error (unknown option, a value not among the choices) as click does, minus the wording
    pydantic lends typer ("Value error, ..."); return its exit code (2: usage)."""
    if isinstance(getattr(exc, "message", None), str):
        exc.message = exc.message.replace("Value error, ", "")
    exc.show()
    return 2 if exc.exit_code in (None, 0, 1) else int(exc.exit_code)
