"""Choices, arguments and options that several command modules share, defined once so they stay alike.

Typer reads these objects afresh for each command, so one definition can serve
as the default of a parameter in many commands.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .output import echo_err

if TYPE_CHECKING:  # pragma: no cover
    from ..atomic import OutputGuard


class TextOrJson(StrEnum):
    """`--format` for commands that print either text or JSON (list, deadlines, check-quorum)."""

    text = "text"
    json = "json"


def complete_body(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion: the body ids in the bodies directory (file names, so nothing is parsed)."""
    from .loading import resolve_bodies_dir

    try:
        root = resolve_bodies_dir(ctx.find_root().params.get("bodies"))
    except Exception:
        return []
    ids = sorted(p.stem for p in root.glob("*.yaml") if p.stem != "agencies")
    return [i for i in ids if i.startswith(incomplete)]


def complete_post(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion: the post ids of the body already named on the command line."""
    from .loading import load_bodies
    from ..data.tree import match_body

    try:
        tree = load_bodies(ctx.find_root().params.get("bodies"))
        # While an option's value is completed the parser may not have assigned the body yet: take the
        # first word on the line that names one.
        words = [str(ctx.params.get("body_id") or ""), *ctx.args, *getattr(ctx, "protected_args", [])]
        found = next((f for w in words if w and not w.startswith("-") and (f := match_body(tree.bodies, w))), None)
        body = tree.bodies.get(found or "")
    except Exception:
        return []
    return [m.id for m in body.members if m.id.startswith(incomplete)] if body else []


BODY = typer.Argument(
    ..., metavar="BODY", help="The body's id or short name, e.g. solihull-lscp.", autocompletion=complete_body
)
# Commands about a meeting take a committee that meets as their example.
MEETING_BODY = typer.Argument(
    ..., metavar="BODY", help="The body's id or short name, e.g. solihull-sscp-executive.", autocompletion=complete_body
)

TEXT_OR_JSON = typer.Option(TextOrJson.text, "--format", "-f", help="text or json.")


# --- dates -------------------------------------------------------------------------------------------

DATE_HELP = "YYYY-MM-DD, DD/MM/YYYY (UK, day first), today or tomorrow"


def date_option(value: str, option: str) -> dt.date:
    """A date option's value in any accepted form; a form other than YYYY-MM-DD is echoed back as the date understood.

    A usage error tells a day that does not exist (2026-02-30) from a form torctl cannot read.
    """
    from ..calendar.dates import DateInputError, read_date
    from ..errors import UsageError

    try:
        read = read_date(value)
    except DateInputError as exc:
        raise UsageError(f"{option}: {exc.message}") from None
    from ..model.base import year_problem

    if (problem := year_problem(read.date.year)) is not None:  # 0001 or 9999: refused here, not deep inside
        raise UsageError(f"{option} {read.date.isoformat()}: {problem}")
    if read.needs_saying:
        from ..rules.words import long_date

        echo_err(f"note: {option} {value.strip()} read as {long_date(read.date)}")
    return read.date


# --- where output goes -------------------------------------------------------------------------------

OUTPUT_HELP = (
    "Write to FILE (atomically), or into DIR (an existing directory, or a path ending in /) under the usual name; "
    "'-' prints."
)


OUTPUT_FILE = typer.Option(None, "--output", "-o", metavar="FILE|DIR", help=OUTPUT_HELP, show_default=False)
FORCE = typer.Option(
    False,
    "--force",
    help="Write over a file torctl did not write there (or one changed since), or into the bodies directory.",
)


@dataclass(frozen=True)
class Output:
    """Where a command writes: standard output (`path` None), one file, or files inside a directory."""

    path: Path | None
    is_dir: bool = False
    force: bool = False

    def file_for(self, name: str) -> Path:
        """The file to write `name` to: inside the directory, or the file itself."""
        from ..render import output_path  # refuses a name that would land outside the directory

        if self.path is None:
            raise ValueError("standard output has no file")
        return output_path(self.path, name) if self.is_dir else self.path

    def write(self, name: str, data: bytes) -> Path:
        """Write `data` as `name` (`file_for`), atomically, never over a file torctl did not write (`write_output`)."""
        self.prepare()
        return write_output(self.file_for(name), data, force=self.force)

    def prepare(self) -> None:
        """Create the output directory before writing into it (a file's own directory must exist already)."""
        from ..errors import UsageError

        if self.path is None or not self.is_dir:
            return
        directory = self.path
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"cannot create the output directory {directory}: {exc.strerror or exc}") from None


def output_target(
    value: str | Path | None,
    *,
    documents: int = 1,
    suffix: str | None = None,
    kinds: tuple[str, ...] = (),
    option: str = "--output",
    force: bool = False,
) -> Output:
    """The one `-o` rule of every command: `-` prints; an existing directory or a path ending in `/` is a directory
    (files named as the command names them); anything else is one file.

    Refused, with the fix in the message: a file for several documents; a file whose extension is another of the
    command's formats (`kinds`) than the one chosen (`suffix`); a path with no extension where a file needs one.
    """
    import os

    from ..errors import UsageError

    if value is None or str(value) == "-":
        return Output(None)
    text = str(value)
    if not text.strip():  # Path("") is the working directory: never what an empty argument meant
        raise UsageError(f"{option} is empty; give a file, a directory (ending in /), or - to print")
    path = Path(text)
    if text.endswith(("/", os.sep)) or path.is_dir():
        return Output(path, is_dir=True, force=force)
    ext = path.suffix.lstrip(".").lower()
    if documents > 1:
        raise UsageError(
            f"{option} {text} names a file, but this writes {documents} documents; "
            f"give a directory: {option} {text.removesuffix(path.suffix) or text}/"
        )
    if suffix and ext != suffix.lower() and (ext in kinds or not ext):
        hint = f"{option} {text}/ for a directory, or " if not ext else ""
        what = "has no extension" if not ext else f"names a .{ext} file, but the format is {suffix}"
        raise UsageError(f"{option} {text} {what}: write {hint}{option} {path.with_suffix('.' + suffix)}")
    return Output(path, force=force)


def write_output(path: Path, data: bytes, *, force: bool) -> Path:
    """An output file, written atomically; refused over a file torctl did not write, or in the bodies directory,
    unless `force` (`torctl.atomic.OutputGuard`)."""
    from ..atomic import write_output as write
    from ..data.paths import bodies_dir_of

    return write(path, data, force=force, protected=bodies_dir_of)


def output_guard(force: bool) -> OutputGuard:
    """An `OutputGuard` for a command writing many files (a site), with the same rules as `write_output`."""
    from ..atomic import OutputGuard
    from ..data.paths import bodies_dir_of

    return OutputGuard(force=force, protected=bodies_dir_of)
