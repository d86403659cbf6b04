"""`torctl validate`: the check CI and pre-commit run on every edit."""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from .app import app, state
from .output import echo, echo_err

if TYPE_CHECKING:  # pragma: no cover
    from ..data.reporters import Run
    from ..data.tree import Tree
    from ..findings import Finding, Selection


class ValidateFormat(StrEnum):
    auto = "auto"
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"


@app.command()
def validate(
    ctx: typer.Context,
    paths: list[Path] | None = typer.Argument(
        None, help="Files or directories to check (default: the bodies directory).", show_default=False
    ),
    format: ValidateFormat = typer.Option(
        ValidateFormat.auto,
        "--format",
        "-f",
        help="text: file:line:col lines; json: for scripts; github: pull-request annotations; sarif: SARIF 2.1.0 for "
        "code scanning; junit: JUnit XML for other CI; auto: github under GitHub Actions, else text.",
    ),
    strict: bool = typer.Option(False, "--strict", help="Treat warnings as failures."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print findings only, no summary line."),
    select: str | None = typer.Option(
        None,
        "--select",
        metavar="CODE,...",
        help="Report only these codes, or codes starting so (R: every reference check; A00 ...).",
        show_default=False,
    ),
    ignore: str | None = typer.Option(
        None,
        "--ignore",
        metavar="CODE,...",
        help="Do not report these codes (or codes starting so).",
        show_default=False,
    ),
    explain: str | None = typer.Option(
        None,
        "--explain",
        metavar="CODE",
        help="Print what a code means, why it matters and how to fix it, and exit.",
        show_default=False,
    ),
) -> None:
    """Check ToR files: YAML, fields and types, references across files, quorum feasibility, dates.

    Reports every finding with file:line:column and a stable code. A finding the board has decided
    to live with is silenced by a comment at the end of its line: `# torctl: disable=CODE -- reason`.
    Exit 0 when clean, 1 when there are findings (warnings only with --strict), 2 on usage errors.

    Example: torctl validate --select R,Q --format json
    """
    if explain is not None:
        echo(_explanation(explain))
        raise typer.Exit(0)
    from ..data.load import load_paths
    from .loading import resolve_bodies_dir

    targets = list(paths) if paths else [resolve_bodies_dir(state(ctx).bodies)]
    trees, wanted = load_paths(targets, _selection(select, ignore))
    chosen = format.value
    if chosen == "auto":
        chosen = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    errors, warnings = _report(trees, wanted, chosen, summary=not quiet)
    raise typer.Exit(1 if errors or (strict and warnings) else 0)


def _report(trees: list[Tree], wanted: set[str] | None, chosen: str, *, summary: bool) -> tuple[int, int]:
    """Print the findings of the files `wanted` (None: all) in the format `chosen`; (errors, warnings)."""
    from .. import __version__
    from ..data.reporters import REPORTERS, Run, sort_findings

    findings = sort_findings(f for tree in trees for f in tree.findings if wanted is None or f.path in wanted)
    files = [d.display for t in trees for d in t.documents if wanted is None or d.display in wanted]
    run = Run(files, sum(len(tree.bodies) for tree in trees), __version__)
    errors = sum(1 for f in findings if f.severity == "error")
    if findings or chosen not in ("text", "github"):
        echo(REPORTERS[chosen](findings, run))
    if chosen == "github":
        _write_step_summary(findings)
    if chosen in ("text", "github") and summary:
        echo_err(_summary(trees, run, errors, len(findings) - errors))
    return errors, len(findings) - errors


def _summary(trees: list[Tree], run: Run, errors: int, warnings: int) -> str:
    """`checked 10 files (8 bodies) in bodies: 0 errors, 0 warnings`, the line text output ends with."""
    from ..data.paths import display_path

    files, where = len(run.files), ", ".join(display_path(t.root) for t in trees)
    line = f"checked {files} file{'s' if files != 1 else ''} ({run.bodies} bodies) in {where}: "
    return line + f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"


def _explanation(text: str) -> str:
    from ..errors import UsageError
    from ..findings import Code, lookup
    from ..suggest import did_you_mean

    code = lookup(text)
    if code is None:
        raise UsageError(f"--explain: no code '{text}'{did_you_mean(text.strip().upper(), list(Code))}")
    return code.explain()


def _selection(select: str | None, ignore: str | None) -> Selection:
    """The codes `--select` and `--ignore` name; a usage error for a word that names none."""
    from ..findings import Selection
    from ..errors import UsageError
    from ..findings import Code, matching

    chosen: dict[str, set[Code]] = {}
    for option, value in (("--select", select), ("--ignore", ignore)):
        if value is None:
            continue
        words = [w for w in value.split(",") if w.strip()]
        codes, unknown = matching(words)
        if unknown or not words:
            from ..suggest import did_you_mean

            bad = unknown[0] if unknown else value
            hint = did_you_mean(bad.strip().upper(), list(Code))
            raise UsageError(f"{option}: no code '{bad.strip()}'{hint}; codes are like R002, or a prefix such as R")
        chosen[option] = codes
    select_codes = chosen.get("--select")
    return Selection(
        frozenset(select_codes) if select_codes is not None else None, frozenset(chosen.get("--ignore", ()))
    )


def _write_step_summary(findings: list[Finding]) -> None:
    """Under GitHub Actions, list every finding in the job summary when annotations would hide some."""
    from ..data.reporters import format_step_summary, needs_step_summary

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target or not needs_step_summary(findings):
        return
    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(format_step_summary(findings))
    except (OSError, ValueError) as exc:  # a missing folder, a full disk, a directory: the check still stands
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        echo_err(f"warning: cannot write the job summary to {target} ($GITHUB_STEP_SUMMARY): {why}")
        return
    echo_err(f"note: {len(findings)} findings: more than GitHub shows as annotations; all are in the job summary")
