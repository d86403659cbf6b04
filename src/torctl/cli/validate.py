"""`torctl validate`: the check CI and pre-commit run on every edit."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path

import typer

from .app import app, state
from .output import echo, echo_err


class ValidateFormat(str, Enum):
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
) -> None:
    """Check ToR files: YAML, fields and types, references across files, quorum feasibility, dates.

    Reports every finding with file:line:column and a stable code. Exit 0 when clean,
    1 when there are findings (warnings only with --strict), 2 on usage errors.
    """
    from ..data.findings import format_github, format_json, format_text, sort_findings
    from ..data.load import load_paths
    from ..data.paths import display_path, resolve_bodies_dir

    targets = list(paths) if paths else [resolve_bodies_dir(state(ctx).bodies)]
    trees, wanted = load_paths(targets)
    findings = [f for tree in trees for f in tree.findings if wanted is None or f.path in wanted]
    findings = sort_findings(findings)
    files = sum(1 for tree in trees for d in tree.documents if wanted is None or d.display in wanted)
    bodies = sum(len(tree.bodies) for tree in trees)
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors

    chosen = format.value
    if chosen == "auto":
        chosen = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if chosen == "json":
        echo(format_json(findings, files=files, bodies=bodies))
    elif chosen == "sarif":
        from .. import __version__
        from ..data.findings import format_sarif

        echo(format_sarif(findings, version=__version__))
    elif chosen == "junit":
        from ..data.findings import format_junit

        echo(
            format_junit(
                findings, files=[d.display for t in trees for d in t.documents if wanted is None or d.display in wanted]
            )
        )
    elif findings:
        echo(format_github(findings) if chosen == "github" else format_text(findings))
    if chosen == "github":
        _write_step_summary(findings)
    if chosen in ("text", "github") and not quiet:
        where = ", ".join(display_path(t.root) for t in trees)
        summary = f"checked {files} file{'s' if files != 1 else ''} ({bodies} bodies) in {where}: "
        summary += f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
        echo_err(summary)
    failed = errors > 0 or (strict and warnings > 0)
    raise typer.Exit(1 if failed else 0)


def _write_step_summary(findings: list) -> None:
    """Under GitHub Actions, list every finding in the job summary when annotations would hide some."""
    from ..data.findings import format_step_summary, needs_step_summary

    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target or not needs_step_summary(findings):
        return
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(format_step_summary(findings))
    echo_err(f"note: {len(findings)} findings: more than GitHub shows as annotations; all are in the job summary")
