"""Only the CLI names its options: the core names the caller's parameters (`errors.Message`), the CLI spells them."""

from __future__ import annotations

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
