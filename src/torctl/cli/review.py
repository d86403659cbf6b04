"""`torctl review-due`: which ToRs are overdue for review, or due soon, across every body."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import TYPE_CHECKING

import typer

from ..errors import UsageError
from .app import app
from .options import DATE_HELP, FORCE, OUTPUT_FILE, output_target
from .output import echo, emit_json, for_terminal, table

if TYPE_CHECKING:  # pragma: no cover
    from ..calendar.review import ReviewStatus


class ReviewFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class FailOn(StrEnum):
    overdue = "overdue"
    due_soon = "due-soon"


@app.command("review-due")
def review_due(
    ctx: typer.Context,
    body_ids: list[str] | None = typer.Argument(
        None, metavar="BODY", help="Only these bodies (default: all).", show_default=False
    ),
    as_of: str | None = typer.Option(
        None,
        "--as-of",
        metavar="DATE",
        help=f"Report as on this date (default today): {DATE_HELP}.",
        show_default=False,
    ),
    within: int = typer.Option(60, "--within", metavar="DAYS", help="'due-soon' means due within this many days."),
    format: ReviewFormat = typer.Option(ReviewFormat.text, "--format", "-f", help="text, json, csv or markdown."),
    fail_on: FailOn | None = typer.Option(
        None,
        "--fail-on",
        help="Exit 1 if any review is overdue (or, with due-soon, overdue or due soon): for CI and cron.",
        show_default=False,
    ),
    output: str | None = OUTPUT_FILE,
    force: bool = FORCE,
) -> None:
    """For every body: last reviewed, review cadence, next review due, and its status, most urgent first.

    Status is overdue, due-soon, ok, or unknown with the reason. A review due in a
    month ("March 2024") is overdue from the first day of the next month.
    """
    from ..calendar.review import fails, review_report, to_csv, to_markdown
    from .calendar import captured, load_checked, parse_date

    day = parse_date(as_of, "--as-of") if as_of else dt.date.today()
    suffix = {ReviewFormat.markdown: "md", ReviewFormat.text: "txt"}.get(format, format.value)
    target = output_target(output, suffix=suffix, kinds=("txt", "json", "csv", "md"), force=force)
    if within < 0:
        raise UsageError(f"--within expects a number of days, 0 or more, got {within}")
    tree = load_checked(ctx)
    bodies = [tree.body(b) for b in dict.fromkeys(body_ids)] if body_ids else list(tree.bodies.values())
    rows = review_report(bodies, day, within)
    counts = {status: sum(1 for r in rows if r.status == status) for status in ("overdue", "due-soon", "unknown", "ok")}

    text: str | None = None
    if format is ReviewFormat.json:
        payload = {
            "as_of": day.isoformat(),
            "within_days": within,
            "counts": counts,
            "bodies": [r.to_dict() for r in rows],
        }
        if target.path is None:
            emit_json(payload)
        else:
            import json

            text = json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
    elif format is ReviewFormat.csv:
        text = to_csv(rows)
    elif format is ReviewFormat.markdown:
        text = to_markdown(rows, day, within)
    elif target.path is None:
        _print_text(rows, day, within, counts)
    else:
        text = captured(_print_text, rows, day, within, counts)

    if text is not None:
        if target.path is None:
            typer.echo(for_terminal(text), nl=False)
        else:
            target.write(f"review-due.{suffix}", text.encode("utf-8"))
    if fails(rows, fail_on.value if fail_on else None):
        raise typer.Exit(1)


def _print_text(rows: list[ReviewStatus], day: dt.date, within: int, counts: dict[str, int]) -> None:
    from ..calendar.review import table_rows

    echo(f"ToR reviews as of {day.day} {day:%B %Y} (due soon: within {within} days)")
    table(["body", "status", "last reviewed", "cadence", "next due", "detail"], table_rows(rows))
    echo(", ".join(f"{n} {status}" for status, n in counts.items()))
