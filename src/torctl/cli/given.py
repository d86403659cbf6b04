"""Values a command was given, each with where it came from, so a problem the core finds points back to it.

The core takes typed values (`torctl.rules.attendance.Name`, `StandIn`, ...) that carry a
place (`loc`) and puts that place on every finding about them; it never sees an option or
names one. A record's values carry their place in the record; an option's values carry a
place this module hands out (`CommandLine.take`). `Sources.line` turns a finding back into
what the user typed or wrote: `--sub 'Al for dcs': ...` or `record.yaml:3:25: ...`.

Where the core's words name a value the caller passes (`torctl.errors.Message`: "pass
`{next_due}` DATE"), `spelling` names it as the option of the running command that sets it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import Message, UsageError
from ..findings import Finding, Loc

if TYPE_CHECKING:  # pragma: no cover
    import typer

    from ..data.yamlio import Parsed
    from ..model.records import AttendanceRecord
    from ..rules.attendance import Name

_COMMAND_LINE = "command line"  # the first key of every place handed out here; no record has such a field


class Given(NamedTuple):
    """One value of an option, as typed: the option, the text, and the place findings about it carry."""

    option: str
    text: str
    loc: Loc

    @property
    def order(self) -> int:
        """Where it stands among every value the command was given (the order they were taken in)."""
        return int(self.loc[1])

    def says(self, message: str) -> str:
        return f"{self.option} '{self.text}': {message}"


@dataclass
class CommandLine:
    """The values of a command's options, each at a place of its own that findings about it carry back."""

    given: dict[Loc, Given] = field(default_factory=dict)

    def take(self, option: str, texts: Sequence[str] | None) -> list[Given]:
        """The values of one option, in the order typed."""
        taken = []
        for text in texts or ():
            value = Given(option, text, (_COMMAND_LINE, len(self.given)))
            self.given[value.loc] = value
            taken.append(value)
        return taken

    def names(self, option: str, texts: Sequence[str] | None) -> list[Name]:
        """An option's values as names of people, for `torctl.rules.attendance.resolve`."""
        from ..rules.attendance import Name

        return [Name(value.text, value.loc) for value in self.take(option, texts)]

    def origin(self, loc: Loc) -> Given | None:
        """The value a finding at `loc` is about (a finding about part of it, `(*loc, "for")`, included)."""
        return self.given.get(tuple(loc[:2])) if loc[:1] == (_COMMAND_LINE,) else None


class RecordFile(NamedTuple):
    """A meeting record read from a file: the model, and the parse that places its findings."""

    path: Path
    model: AttendanceRecord
    parsed: Parsed

    def at(self, loc: Loc) -> str:
        """`path:line:column` of the value at `loc`, or the path alone where the file is no longer at hand."""
        node = self.parsed.node
        if node is None:  # pragma: no cover - a record just read keeps its text
            return str(self.path)
        from ..data.yamlio import locate

        line, column = locate(node, loc)
        return f"{self.path}:{line}:{column}"


class Problem(NamedTuple):
    """A problem with one value: the option value it is about (None: the record's), and what is wrong."""

    given: Given | None
    loc: Loc
    message: str


class Sources(NamedTuple):
    """Where a command's values came from: its options and, perhaps, a record file."""

    command_line: CommandLine
    record: RecordFile | None = None

    def problem(self, found: Finding) -> Problem:
        return Problem(self.command_line.origin(found.loc), found.loc, found.message)

    def line(self, problem: Problem) -> str:
        """The problem as the user reads it: after the option and value, or after the record's line and column."""
        if problem.given is not None:
            return problem.given.says(problem.message)
        if self.record is not None:
            return f"{self.record.at(problem.loc)}: {problem.message}"
        return problem.message

    def refuse(self, heading: str, problems: Sequence[Problem], *, footer: Sequence[str] = ()) -> UsageError:
        """One usage error listing every problem once, in the order given."""
        lines = dict.fromkeys(self.line(p) for p in problems)
        return UsageError("\n  ".join([heading, *lines, *footer]))


def spelling(ctx: typer.Context, **aliases: str) -> Callable[[str], str]:
    """How the running command names a parameter of the core: as its option of that name, or its group's
    (`bodies` -> `--bodies`); `aliases` for an option named otherwise than the parameter it sets
    (`voters_present="--present"`). A parameter no option of this command sets is named as typer names
    options, after the command that has it (a site's PDF is `render`'s: `--format`)."""
    options: dict[str, str] = {}
    node: Any = ctx  # its parents are click's contexts, which typer does not type as its own
    while node is not None:
        for param in node.command.params:
            long = next((opt for opt in param.opts if opt.startswith("--")), None)
            if long is not None and param.name is not None:
                options.setdefault(param.name, long)
        node = node.parent
    options.update(aliases)
    return lambda name: options.get(name) or "--" + name.replace("_", "-")


def spelt(words: str | Message, spell: Callable[[str], str]) -> str:
    """Words from the core as the user reads them: each value they name as `spell` names it (`spelling`)."""
    return words if isinstance(words, str) else words.spelled(spell)
