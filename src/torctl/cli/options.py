"""Choices, arguments and options that several command modules share, defined once so they stay alike.

Typer reads these objects afresh for each command, so one definition can serve
as the default of a parameter in many commands.
"""

from __future__ import annotations

from enum import Enum

import typer


class TextOrJson(str, Enum):
    """`--format` for commands that print either text or JSON (list, deadlines, check-quorum)."""

    text = "text"
    json = "json"


BODY = typer.Argument(..., metavar="BODY", help="The body's id, e.g. solihull-lscp.")
# Commands about a meeting take a committee that meets as their example.
MEETING_BODY = typer.Argument(..., metavar="BODY", help="The body's id, e.g. solihull-sscp-executive.")

TEXT_OR_JSON = typer.Option(TextOrJson.text, "--format", "-f", help="text or json.")
OUTPUT_FILE = typer.Option(None, "--output", "-o", help="Write to this file (atomically) instead of printing.")
