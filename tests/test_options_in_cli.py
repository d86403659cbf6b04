"""Only the CLI names its options: the core names the caller's parameters (`errors.Message`), the CLI spells them."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from torctl.errors import EXIT_NO, Message, TorctlError, UsageError


def test_a_message_fills_in_its_data_and_lets_the_caller_name_its_parameters():
    said = Message("{until} {day} is before {start!r}; bring {until} nearer", day="2026-01-01", start="{x}")
    assert said.params == ("until",)
    assert said.spelled(lambda name: f"--{name}") == "--until 2026-01-01 is before '{x}'; bring --until nearer"
    assert str(said) == "`until` 2026-01-01 is before '{x}'; bring `until` nearer"  # braces in data stay data


def test_an_error_is_spelled_in_place_and_keeps_its_exit_code():
    error = TorctlError(Message("pass {replace} to replace"), exit_code=EXIT_NO)
    assert error.message == "pass `replace` to replace"
    error.spell(lambda name: f"--{name}")
    assert (error.message, str(error), error.exit_code) == ("pass --replace to replace", "pass --replace to replace", 1)
    plain = UsageError("no such body")
    plain.spell(lambda name: pytest.fail(f"nothing to spell, yet asked for {name}"))
    assert plain.message == "no such body"


def test_the_cli_names_a_parameter_as_the_option_of_the_running_command(cli):
    result = cli("schedule", "solihull-sscp-executive", "--from", "2027-01-01", "--until", "2026-12-01")
    assert result.exit_code == 2
    assert result.stderr == "error: --until 2026-12-01 is before the start 2027-01-01\n"


def test_a_typst_failure_points_to_the_source_by_the_commands_option(cli, tmp_path):
    mine = tmp_path / "templates"
    mine.mkdir()
    (mine / "tor.typ.j2").write_text("#let x = (\n", encoding="utf-8")
    result = cli("render", "solihull-arg", "-f", "pdf", "-o", str(tmp_path / "arg.pdf"), "--templates", str(mine))
    assert (result.exit_code, result.stderr) == (
        2,
        "error: Typst could not typeset the terms of reference of solihull-arg at line 1 of the generated Typst "
        "source: unclosed delimiter; see the source with --format typ\n",
    )


def test_the_options_the_cli_checks_itself(cli, tmp_path):
    nowhere = tmp_path / "nowhere"
    assert cli("--bodies", str(nowhere), "list").stderr == (
        f"error: no bodies directory at '{nowhere}' (from --bodies); pass --bodies DIR or set TORCTL_BODIES\n"
    )
    assert (
        cli("diff", "--git", "HEAD...main").stderr == "error: --git takes REV or REV..REV (two dots), not REV...REV\n"
    )


# ---------------------------------------------------------------- the guard: no option named outside cli/

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "torctl"

# A command as a user types it, which help and generated files may show: `torctl validate --strict` (in
# backticks, perhaps across a line), or a line of a generated CI workflow, `torctl diff --git "origin/main"`.
COMMAND = re.compile(r"`torctl [^`]*`|\btorctl(?: [a-z][a-z-]*)+(?: (?:\"[^\"\n]*\"|'[^'\n]*'|[^\s`;,()]+))*")

# Strings outside cli/ that may hold one of torctl's option names, each with why.
ALLOWED = {
    ("change/diff/sides.py", "--quiet"): "git's own option, in the arguments of `git rev-parse`",
    ("change/init.py", "--quiet"): "pip's own option, in the CI workflow `torctl init` writes",
}


def torctl_options() -> set[str]:
    """Every long option of every torctl command (and of the app itself), from the Typer app."""
    import torctl.cli

    torctl.cli.register_commands([])
    found: set[str] = set()

    def walk(command) -> None:
        for param in command.params:
            found.update(o for o in (*param.opts, *getattr(param, "secondary_opts", ())) if o.startswith("--"))
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(torctl.cli.build_command())
    return found | {"--help"}


def documentation(tree: ast.AST) -> set[int]:
    """The ids of the strings that are statements of their own: docstrings of modules, classes and functions,
    and the attribute docstrings after an assignment. No program output is made of them."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
    }


def options_named(text: str, options: set[str]) -> list[str]:
    """The torctl options `text` names outside a command a user would type."""
    prose = COMMAND.sub("", text)
    return [o for o in re.findall(r"--[a-z][a-z-]*", prose) if o in options]


def test_no_module_outside_the_cli_names_an_option():
    options = torctl_options()
    named: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        where = path.relative_to(PACKAGE).as_posix()
        if where.startswith("cli/"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = documentation(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                for option in options_named(node.value, options):
                    if (where, option) not in ALLOWED:
                        named.append(f"{where}:{node.lineno}: {option} in {node.value!r}")
    assert not named, "name the parameter (errors.Message) and let the CLI spell it:\n" + "\n".join(named)


def test_every_allowance_is_still_needed():
    options = torctl_options()
    for where, option in ALLOWED:
        text = (PACKAGE / where).read_text(encoding="utf-8")
        assert option in options and option in text, (where, option)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("pass --next-due DATE to set one", ["--next-due"]),
        ("`torctl validate --strict` fails until it is replaced", []),
        ('run: torctl diff --git "origin/${{ github.base_ref }}" --format md > torctl-diff.md', []),
        ("see `torctl member update --help`; or pass --replace", ["--replace"]),
        ("--- a/file", []),
        ("the git option --name-only", []),
    ],
)
def test_the_guard_tells_a_command_from_prose(text, named):
    assert options_named(text, torctl_options()) == named


def messages_outside_the_cli() -> list[tuple[str, int, tuple[str, ...]]]:
    """Each `Message(...)` written outside cli/: where, and the parameters its template names."""
    from torctl.errors import Message

    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        where = path.relative_to(PACKAGE).as_posix()
        if where.startswith("cli/"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Message":
                template = node.args[0]
                assert isinstance(template, ast.Constant), f"{where}:{node.lineno}: a Message's template is a literal"
                data = {keyword.arg: "" for keyword in node.keywords if keyword.arg}
                found.append((where, node.lineno, Message(template.value, **data).params))
    return found


def test_every_parameter_a_message_names_is_an_option_the_cli_can_spell():
    """A Message names a parameter by the name of the option that sets it (as typer derives `--not-stated` from
    `not_stated`), or the CLI passes an alias where the option is called otherwise (vote: `--present`)."""
    import torctl.cli

    torctl.cli.register_commands([])
    spelt: dict[str, set[str]] = {}

    def walk(command) -> None:
        for param in command.params:
            spelt.setdefault(param.name, set()).update(o for o in param.opts if o.startswith("--"))
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(torctl.cli.build_command())
    aliases = set(
        re.findall(r"(\w+)=\"--[a-z][a-z-]*\"", "".join(p.read_text() for p in (PACKAGE / "cli").glob("*.py")))
    )
    messages = messages_outside_the_cli()
    assert len(messages) >= 20  # the parser finds them
    for where, line, params in messages:
        for name in params:
            assert name in aliases or spelt.get(name) == {"--" + name.replace("_", "-")}, f"{where}:{line}: {name}"
