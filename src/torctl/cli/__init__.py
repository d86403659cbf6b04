"""torctl's command line: a thin layer that parses arguments, calls the core and prints.

Each command group lives in its own module and registers itself on `app` when
imported below. `main` is the console script: it maps every failure to an exit
code and a one-line message, so no traceback ever reaches a user.
"""

from __future__ import annotations

import os
import sys

from ..errors import EXIT_INTERNAL, EXIT_INTERRUPTED, TorctlError
from .app import app
from . import bodies, validate  # noqa: F401  (commands register themselves)

__all__ = ["app", "main"]


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return (and exit with) its exit code."""
    try:
        returned = app(args=argv, standalone_mode=False)
    except TorctlError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        code = exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        code = EXIT_INTERRUPTED
    except SystemExit as exc:  # typer.Exit inside commands under standalone_mode=False
        code = exc.code if isinstance(exc.code, int) else 0
    except BaseException as exc:  # noqa: BLE001 - the last line of defence
        import click

        if isinstance(exc, click.exceptions.Exit):
            code = exc.exit_code
        elif isinstance(exc, click.ClickException):
            exc.show()
            code = exc.exit_code
        elif isinstance(exc, click.exceptions.Abort):
            print("aborted", file=sys.stderr)
            code = EXIT_INTERRUPTED
        elif isinstance(exc, BrokenPipeError):
            code = 0
        else:
            if os.environ.get("TORCTL_DEBUG"):
                raise
            print(
                f"internal error: {type(exc).__name__}: {exc}\n"
                "This is a bug in torctl; run again with TORCTL_DEBUG=1 for the traceback and report it.",
                file=sys.stderr,
            )
            code = EXIT_INTERNAL
    else:
        code = returned if isinstance(returned, int) else 0
    return code


def run() -> None:  # pragma: no cover - console script shim
    sys.exit(main())
