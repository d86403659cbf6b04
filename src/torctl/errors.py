"""The errors torctl shows to users, each with the exit code it ends the command with.

Exit codes, one place for all commands: 0 success; 1 the answer is "no" (findings,
not quorate, overdue with --fail-on); 2 bad input or usage; 3 an internal error
(a bug: reported in one line, with the traceback only under TORCTL_DEBUG=1);
130 interrupted.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_NO = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


class TorctlError(Exception):
    """An error with a message meant for the user, and its exit code."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, exit_code: int | None = None):
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code


class UsageError(TorctlError):
    """Bad arguments or input: unknown body, unknown person, bad date, missing directory."""

    exit_code = EXIT_USAGE


class DataError(TorctlError):
    """The bodies directory has problems that stop this command (run `torctl validate`)."""

    exit_code = EXIT_USAGE
