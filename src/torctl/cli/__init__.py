"""torctl's command line: a thin layer that parses arguments, calls the core and prints.

Each command group lives in its own module and registers itself on `app` when
imported. `main` is the console script: it registers only the module of the
command being run (typer builds every registered command on each run, which
with all of them costs a user at the meeting-room door about 20 ms), and maps
every failure to an exit code and a one-line message, so no traceback ever
reaches a user.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
from collections.abc import Sequence

from typer import Abort, TyperException

from ..errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE, TorctlError

from .app import app, build_command
from .output import show_usage_error

__all__ = ["COMMAND_MODULES", "app", "main", "register_commands"]

# Every command (or command group) and the module that registers it, in --help order.
COMMAND_MODULES: dict[str, str] = {
    "validate": "validate",
    "list": "bodies",
    "show": "bodies",
    "schema": "bodies",
    "check-quorum": "meetings",
    "attendance": "meetings",
    "vote": "decisions",
    "meeting": "records",  # meeting new / set, and (imported by it) meeting check
    "schedule": "calendar",
    "deadlines": "calendar",
    "review-due": "review",
    "render": "publish",
    "agenda": "publish",
    "handbook": "publish",
    "map": "publish",
    "minutes": "minutes",
    "actions": "minutes",
    "site": "site",
    "export": "site",
    "member": "edit",
    "chair": "edit",
    "review": "edit",
    "set": "fields",
    "unset": "fields",
    "class": "fields",
    "item": "fields",
    "duty": "fields",
    "majority": "fields",
    "interest": "fields",
    "question": "fields",
    "diff": "diff",
    "new": "diff",
    "init": "init",
    "import": "imports",
}
_GLOBAL_OPTIONS_WITH_VALUE = ("--bodies", "--lock-wait")


def _command_name(argv: Sequence[str]) -> str | None:
    """The first word that is neither a global option nor its value."""
    tokens = iter(argv)
    for token in tokens:
        if token in _GLOBAL_OPTIONS_WITH_VALUE:
            next(tokens, None)
        elif not token.startswith("-"):
            return token
    return None


def register_commands(argv: Sequence[str] | None = None) -> None:
    """Import the module of the command in `argv`, or every module (for --help or an unknown word)."""
    name = _command_name(sys.argv[1:] if argv is None else argv)
    wanted = [COMMAND_MODULES[name]] if name in COMMAND_MODULES else list(dict.fromkeys(COMMAND_MODULES.values()))
    for module in wanted:
        importlib.import_module(f"{__name__}.{module}")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; typer reports usage errors, we report the rest.

    The cyclic garbage collector is paused while a command runs: a command parses and validates
    files into hundreds of thousands of small objects with no reference cycles among them, and a
    collector left running rescans them again and again (about a third of validate's time at
    1,000 files). Reference counting still frees everything. Only the application may make this
    process-wide choice, so it is made here, never in the library; it is undone before returning.
    """
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        return _main(argv)
    finally:
        if paused:
            gc.enable()


def _not_text(argv: Sequence[str]) -> str | None:
    """Why an argument is not text (bytes that are not UTF-8 reach Python as lone surrogates), or None."""
    for index, arg in enumerate(argv, 1):
        bad = next((ch for ch in arg if "\ud800" <= ch <= "\udfff"), None)
        if bad is not None:
            byte = f"0x{ord(bad) - 0xDC00:02x}" if ord(bad) >= 0xDC80 else f"U+{ord(bad):04X}"
            shown = arg.encode("utf-8", "surrogateescape") if ord(bad) >= 0xDC80 else arg.encode("utf-8", "replace")
            return (
                f"argument {index} ({shown!r}) is not UTF-8 text (byte {byte}); give arguments and file names as UTF-8"
            )
    return None


def _main(argv: list[str] | None) -> int:
    if (why := _not_text(sys.argv[1:] if argv is None else argv)) is not None:
        print(f"error: {why}", file=sys.stderr)
        return EXIT_USAGE
    try:
        register_commands(argv)
        code = build_command().main(args=argv, prog_name="torctl", standalone_mode=False)
        return code if isinstance(code, int) else 0
    except TyperException as exc:  # bad usage: unknown option, a value that is not one of the choices...
        return show_usage_error(exc)
    except Abort:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except SystemExit as exc:  # typer.Exit raised outside a command, or completion finishing
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_USAGE)
    except TorctlError as exc:
        from .output import for_terminal

        print(f"error: {for_terminal(exc.message)}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:
        if os.environ.get("TORCTL_DEBUG"):
            raise
        print(
            f"internal error: {type(exc).__name__}: {exc}\n"
            "This is a bug in torctl; run again with TORCTL_DEBUG=1 for the traceback, and report it.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def run() -> None:  # pragma: no cover - console script shim
    """The console script: run the command, then exit without a last collection of every object it made.

    The interpreter's shutdown runs the cyclic collector over every object still alive, the
    models and parses of the command included (about 60 ms after a quorum check); frozen
    objects are left out, and nothing of the command is garbage that needs it.
    """
    code = main()
    gc.freeze()
    sys.exit(code)
