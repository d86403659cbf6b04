"""The Typer application and its global options; commands live in one module per group."""

from __future__ import annotations

import inspect
import typing
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

import typer
import typer.core
import typer.main
import typer.models

from .. import __version__
from ..errors import TorctlError

app = typer.Typer(
    name="torctl",
    help=(
        "Terms of reference for boards and partnerships, kept as validated YAML and made executable: "
        "validation, quorum checks, schedules, review reports and published documents."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class State:
    """Options every command shares."""

    bodies: Path | None = None
    lock_wait: float | None = None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"torctl {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    ctx: typer.Context,
    bodies: Path | None = typer.Option(
        None,
        "--bodies",
        envvar="TORCTL_BODIES",
        help="The bodies directory (default ./bodies).",
        show_default=False,
    ),
    lock_wait: float | None = typer.Option(
        None,
        "--lock-wait",
        envvar="TORCTL_LOCK_WAIT",
        min=0,
        metavar="SECONDS",
        help="How long an edit waits for another edit of the same bodies directory to finish (default 30).",
        show_default=False,
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    ctx.obj = State(bodies=bodies, lock_wait=lock_wait)


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, State) else State()


# --- help and option errors that read the same in every command ----------------------------------------


def build_command() -> typer.core.TyperGroup:
    """The click command for `app`, with torctl's conventions declared on every command first (`declare`)."""
    key = _size(app)
    if key not in _BUILT:  # an in-process caller (the tests) runs many commands; building each time is waste
        declare(app)
        command = typer.main.get_command(app)
        if not isinstance(command, typer.core.TyperGroup):  # pragma: no cover - app has a callback, so a group
            raise TypeError(f"expected a group, got {type(command).__name__}")
        _BUILT[key] = command
    return _BUILT[key]


_BUILT: dict[tuple[object, ...], typer.core.TyperGroup] = {}


def _size(group: typer.Typer) -> tuple[object, ...]:
    """How many commands a group and each of its subgroups has: a module may add commands to a group another
    module registered (`meeting new` to `meeting`), and the command built before it would not know them."""
    subgroups = tuple(_size(g.typer_instance) for g in group.registered_groups if g.typer_instance is not None)
    return (len(group.registered_commands), subgroups)


def declare(group: typer.Typer) -> None:
    """torctl's conventions, declared through typer's own settings on every command before typer builds them.

    Choices (formats and the like) match in any case; an option's help shows a plain metavar (`N`, `PATH`,
    `pdf|html`, `ROLE`) rather than typer's type labels (`<int>`, `<path>`, `<str>`) unless the option names
    its own; and each command is a `PlainCommand`. Declared here once, rather than in each command module,
    so a new command cannot forget them.
    """
    if group.registered_callback is not None and group.registered_callback.callback is not None:
        _declare_options(group.registered_callback.callback)
    for command in group.registered_commands:
        if command.cls in (None, typer.core.TyperCommand):  # typer's default: no command chose its own class
            command.cls = PlainCommand
        if command.callback is not None:
            _declare_options(command.callback)
    for sub in group.registered_groups:
        if sub.typer_instance is not None:
            declare(sub.typer_instance)


def _declare_options(callback: typing.Callable[..., Any]) -> None:
    hints = typing.get_type_hints(callback)
    for name, parameter in inspect.signature(callback).parameters.items():
        declared = parameter.default
        if not isinstance(declared, typer.models.ParameterInfo):
            continue
        kind = _without_none(hints.get(name))
        choices = _choices(kind)
        if choices:
            declared.case_sensitive = False
        if isinstance(declared, typer.models.OptionInfo) and declared.metavar is None and kind is not bool:
            declared.metavar = _metavar(name, kind, declared, choices)


def _without_none(annotation: Any) -> Any:
    """`X` for `X | None`; anything else as it is."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if len(args) == 1 and type(None) in typing.get_args(annotation):
        return args[0]
    return annotation


def _choices(kind: Any) -> list[str]:
    """The values a choice option takes (or each value of a repeatable one), or none for any other option."""
    if typing.get_origin(kind) is list:
        return _choices(typing.get_args(kind)[0])
    if isinstance(kind, type) and issubclass(kind, Enum):
        return [str(choice.value) for choice in kind]
    if typing.get_origin(kind) is typing.Literal:
        return [str(choice) for choice in typing.get_args(kind)]
    return []


def _metavar(name: str, kind: Any, declared: typer.models.OptionInfo, choices: list[str]) -> str:
    if choices:
        return "|".join(choices)
    ranged = kind in (int, float) and (declared.min is not None or declared.max is not None)
    if ranged or kind is int:
        return "N"
    if isinstance(kind, type) and issubclass(kind, Path):
        return "PATH"
    return name.upper()


class PlainCommand(typer.core.TyperCommand):
    """A command whose help names its arguments plainly: `BODY` when required, `[BODY]` when not, `[PATH]...`
    when repeatable, and no type label after them (typer writes `{BODY}` and `BODY <str>`); and whose errors name
    the values the core's words name as this command's options (`given.spelling`)."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except TorctlError as exc:
            from .given import spelling

            exc.spell(spelling(ctx))
            raise

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                pieces.append(_argument_usage(param))
            else:
                pieces += param.get_usage_pieces(ctx)
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append((_argument_name(param), record[1]))
            else:
                options.append(record)
        for title, records in (("Arguments", arguments), ("Options", options)):
            if records:
                with formatter.section(title):
                    formatter.write_dl(records)


def _argument_name(param: Any) -> str:
    """`BODY`, or `PATHS...` for a repeatable argument that names no metavar of its own."""
    name = str(param.metavar or param.name)
    return name + ("..." if param.metavar is None and param.nargs != 1 else "")


def _argument_usage(param: Any) -> str:
    """`BODY`, `[BODY]`, `[BODY]...`: required arguments bare, optional ones in brackets, repeatable ones with dots."""
    name = str(param.metavar or param.name).upper()
    if not param.required:
        name = f"[{name}]"
    return name + ("..." if param.nargs != 1 else "")
