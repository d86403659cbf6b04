"""torctl's command line: a thin layer that parses arguments, calls the core and prints.

Each command group lives in its own module and registers itself on `app` when
imported below. `main` is the console script: it maps every failure to an exit
code and a one-line message, so no traceback ever reaches a user.
"""

from __future__ import annotations

import os
import sys

from ..errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE, TorctlError
from .app import app
from . import bodies, calendar, diff, edit, meetings, publish, review, validate  # noqa: F401  (commands register themselves)

__all__ = ["app", "main"]


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; typer reports usage errors, we report the rest."""
    try:
        app(args=argv, prog_name="torctl", standalone_mode=True)
    except SystemExit as exc:  # standalone mode always ends here: usage errors, typer.Exit, success
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_USAGE)
    except TorctlError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback reaches a user
        if os.environ.get("TORCTL_DEBUG"):
            raise
        print(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in torctl; run again with TORCTL_DEBUG=1 for the traceback, and report it.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    return 0


def run() -> None:  # pragma: no cover - console script shim
    sys.exit(main())
