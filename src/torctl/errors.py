"""The errors torctl shows to users, each with the exit code it ends the command with.

Exit codes, one place for all commands: 0 success; 1 the answer is "no" (findings,
not quorate, overdue with --fail-on); 2 bad input or usage; 3 an internal error
(a bug: reported in one line, with the traceback only under TORCTL_DEBUG=1);
4 no definite answer: the ToR is silent and no law fills the gap, the record does
not hold what the answer needs, or it rests on a decision the ToR leaves to the
chair that is not recorded (check-quorum, vote, meeting check); 130 interrupted.

A message that names one of the caller's own values (what to pass, what was
passed wrongly) is a `Message`: the core writes the parameter's name and the
front end that took the value from a person spells it (the command line, as its
option), so no module below the CLI names an option.
"""

from __future__ import annotations

from collections.abc import Callable
from string import Formatter

EXIT_OK = 0
EXIT_NO = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_CANNOT_TELL = 4
EXIT_INTERRUPTED = 130


class Message:
    """Words that name some of the caller's own values by the caller's parameter names: `{until}`.

    The core does not know how its caller was given those values (an option, a keyword argument), so it writes
    `{name}` for each, and passes everything else it says as `data`, which is filled in as it is and never read as
    a template. `spelled` lets the caller name each parameter as its user knows it (the CLI: `--until`); `str()`
    names each as the keyword argument it is (`` `until` ``).
    """

    __slots__ = ("data", "template")

    def __init__(self, template: str, /, **data: object) -> None:
        self.template = template
        self.data = data

    @property
    def params(self) -> tuple[str, ...]:
        """The caller's parameters the words name, in order, each once."""
        fields = (name for _, name, _, _ in Formatter().parse(self.template) if name)
        return tuple(dict.fromkeys(name for name in fields if name not in self.data))

    def spelled(self, spell: Callable[[str], str]) -> str:
        return self.template.format_map({**{name: spell(name) for name in self.params}, **self.data})

    def __str__(self) -> str:
        return self.spelled(lambda name: f"`{name}`")

    def __repr__(self) -> str:
        return f"Message({self.template!r}, **{self.data!r})"


class TorctlError(Exception):
    """An error with a message meant for the user, and its exit code.

    The message may be a `Message` naming the caller's values; `spell` words them as the caller's user knows them.
    """

    exit_code = EXIT_USAGE

    def __init__(self, message: str | Message, *, exit_code: int | None = None):
        super().__init__(str(message))
        self.message = str(message)
        self.wording = message if isinstance(message, Message) else None
        if exit_code is not None:
            self.exit_code = exit_code

    def spell(self, spell: Callable[[str], str]) -> None:
        """Name the caller's values in the message as `spell` does (a message that names none is left as it is)."""
        if self.wording is not None:
            self.message = self.wording.spelled(spell)
            self.args = (self.message,)


class UsageError(TorctlError):
    """Bad arguments or input: unknown body, unknown person, bad date, missing directory."""

    exit_code = EXIT_USAGE


class DataError(TorctlError):
    """The bodies directory has problems that stop this command (run `torctl validate`)."""

    exit_code = EXIT_USAGE
