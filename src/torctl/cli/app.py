"""The Typer application and its global options; commands live in one module per group."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MethodType
from typing import Any

import typer
import typer.main

from .. import __version__
from .coercion import install

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
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    ctx.obj = State(bodies=bodies)


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, State) else State()


# --- help and option errors that read the same in every command ----------------------------------------


def build_command() -> Any:
    """The click command for `app` with torctl's conventions applied to every parameter of every command:
    choices (formats and the like) match in any case, and help shows plain metavars (`BODY`, `FILE`,
    `pdf|html`) rather than typer's type labels (`<str>`, `<int range>`, `{BODY}`, `[[BODY]]`), and values
    are converted without a pydantic TypeAdapter per parameter (`cli/coercion.py`)."""
    key = (len(app.registered_commands), len(app.registered_groups))
    if key not in _BUILT:  # building costs ~12 ms; an in-process caller (the tests) runs many commands
        command = typer.main.get_command(app)
        _tidy(command)
        _BUILT[key] = command
    return _BUILT[key]


_BUILT: dict[tuple[int, int], Any] = {}


def _tidy(command: Any) -> None:
    command.get_help_option = MethodType(_help_option, command)
    for param in command.params:
        desc = getattr(param, "type_descriptor", None)
        if desc is None:
            continue
        install(param)
        if desc.is_choice:
            desc.parameter_info.case_sensitive = False
        if param.param_type_name == "argument":
            param._usage_display_name = MethodType(_argument_usage, param)
            param.display_type_rich = MethodType(lambda self, ctx: None, param)
        elif param.metavar is None and not getattr(param, "is_flag", False):
            param.metavar = _metavar(param, desc)
    for sub in getattr(command, "commands", {}).values():
        _tidy(sub)


def _help_option(self: Any, ctx: Any) -> Any:
    """The command's -h/--help option, which typer makes on first use, converting its value as `install` does."""
    option = type(self).get_help_option(self, ctx)
    if option is not None:
        install(option)
    return option


def _argument_usage(self: Any) -> str:
    """`BODY`, `[BODY]`, `[BODY]...`: required arguments bare, optional ones in brackets, repeatable ones with dots."""
    name = self.display_name_raw.upper()
    if not self.required:
        name = f"[{name}]"
    return name + ("..." if self.nargs != 1 else "")


def _metavar(param: Any, desc: Any) -> str:
    if desc.is_choice:
        return "|".join(str(getattr(c, "value", c)) for c in desc.choices)
    if desc.is_ranged or desc.annotation is int:
        return "N"
    if desc.is_path:
        return "PATH"
    return str(param.name).upper()
