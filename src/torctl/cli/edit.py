"""`torctl member ...`, `torctl chair set`, `torctl review record`: safe edits of a ToR file.

Every edit keeps the file's comments, key order, quoting and blank lines, is
checked (the body and every reference to it across the bodies directory) before
anything is written, and is written atomically. Exit codes: 0 done (or nothing
to change); 1 refused because the result would be invalid or leave a reference
dangling (the file is untouched); 2 usage errors (unknown body or post, bad date).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, cast

import typer

from .app import app, state
from .given import spelling, spelt
from .options import BODY, DATE_HELP, TextOrJson, complete_post, date_option
from .output import echo, echo_err, emit_json

if TYPE_CHECKING:
    from ..change.engine import EditOutcome
    from ..change.ops import Plan
    from ..change.operations import Tristate
    from ..data.tree import Tree
    from ..model import Body, PartialDate

member_app = typer.Typer(
    help="Add, remove and change the posts on a body, and record substitutes.", no_args_is_help=True
)
chair_app = typer.Typer(help="Change who chairs a body, or who deputises.", no_args_is_help=True)
review_app = typer.Typer(help="Record reviews of a ToR.", no_args_is_help=True)
app.add_typer(member_app, name="member")
app.add_typer(chair_app, name="chair")
app.add_typer(review_app, name="review")


class ClassChoice(StrEnum):
    core = "core"
    partner = "partner"
    stakeholder = "stakeholder"
    attendee = "attendee"
    participant_observer = "participant-observer"
    co_opted = "co-opted"
    adviser = "adviser"
    secretariat = "secretariat"


class VacancyChoice(StrEnum):
    vacant = "vacant"
    to_be_appointed = "to-be-appointed"
    to_be_decided = "to-be-decided"


class YesNoClass(StrEnum):
    yes = "yes"
    no = "no"
    by_class = "class"


class AttendsChoice(StrEnum):
    always = "always"
    when_relevant = "when-relevant"
    by_class = "class"


POST = typer.Argument(
    ..., metavar="POST", help="The post's id in the body (see `torctl show BODY`).", autocompletion=complete_post
)
DRY_RUN = typer.Option(False, "--dry-run", "-n", help="Show the change as a unified diff; write nothing.")


def _date(value: str, option: str) -> PartialDate:
    import re

    from ..errors import UsageError
    from ..model import PartialDate

    if re.fullmatch(r"\s*\d{4}-\d{1,2}\s*", value):  # a month: the ToRs often give no day
        try:
            return PartialDate.parse(value.strip())
        except Exception:
            from ..model.base import year_problem

            if problem := year_problem(int(value.strip()[:4])):
                raise UsageError(f"{option} {value.strip()}: {problem}") from None
            raise UsageError(
                f"{option}: '{value}' is not a month; write a month as YYYY-MM or a date as {DATE_HELP}"
            ) from None
    day = date_option(value, option)
    return PartialDate(day.year, day.month, day.day)


def _ids(value: str | None) -> list[str] | None:
    return None if value is None else [part.strip() for part in value.split(",") if part.strip()]


def _value(choice: Enum | None) -> str | None:
    return None if choice is None else str(choice.value)


def _tristate(choice: YesNoClass | None) -> Tristate | None:
    return cast("Tristate | None", _value(choice))


def _edit(
    ctx: typer.Context,
    body_id: str,
    dry_run: bool,
    build: Callable[[Body, Tree], Plan],
    format: TextOrJson = TextOrJson.text,
) -> None:
    """Build the plan from the body and apply it as one locked transaction (`change.engine.edit_body`); report.

    A dry run shows the unified diff and the change in plain English (as `torctl diff` words it)."""
    from ..change.engine import edit_body
    from .loading import resolve_bodies_dir

    registry: list[Tree] = []

    def building(body: Body, tree: Tree) -> Plan:
        registry.append(tree)
        return build(body, tree)

    import sys

    plan, outcome = edit_body(
        resolve_bodies_dir(state(ctx).bodies),
        body_id,
        building,
        dry_run=dry_run,
        lock_wait=state(ctx).lock_wait,
        command=" ".join(["torctl", *sys.argv[1:]])[:200],
        on_wait=lambda text: echo_err(f"note: {text}"),
    )
    from ..change.fields import plain_english

    plain = plain_english(outcome, registry[0].agencies) if registry and outcome.changed else []
    spell = spelling(ctx)
    report_edit(plan, outcome, [spelt(note, spell) for note in outcome.notes], plain, dry_run=dry_run, fmt=format)


def report_edit(
    plan: Plan,
    outcome: EditOutcome,
    notes: Sequence[str],
    plain: Sequence[str] = (),
    *,
    dry_run: bool,
    fmt: TextOrJson,
    findings: str = "warnings",
) -> None:
    """What an edit did (or would do): JSON, or the diff and the change in plain English, the notes, the findings
    (warnings the check let through), and the one-line summary."""
    from ..data.reporters import format_text

    if fmt is TextOrJson.json:
        emit_json(
            {
                "file": outcome.display,
                "summary": plan.summary,
                "changed": outcome.changed,
                "written": outcome.written,
                "dry_run": dry_run,
                "changes": list(plain),
                "notes": list(notes),
                findings: [w.to_dict() for w in outcome.warnings],
                "diff": outcome.unified_diff() if outcome.changed else "",
            }
        )
        return
    if dry_run and outcome.changed:
        echo(outcome.unified_diff().rstrip("\n"))
        if plain:
            echo("In plain English:")
            for line in plain:
                echo(f"  {line}")
    for note in notes:
        echo_err(f"note: {note}")
    if outcome.warnings:
        echo_err(format_text(outcome.warnings))
    if outcome.written:
        echo(f"{outcome.display}: {plan.summary}")
    elif dry_run and outcome.changed:
        echo_err(f"dry run: would {plan.summary}; nothing was written")


@member_app.command("add")
def member_add(
    ctx: typer.Context,
    body_id: str = BODY,
    post_id: str = typer.Argument(..., metavar="POST", help="Id for the new post: lower-case words joined by hyphens."),
    role: str = typer.Option(..., "--role", help="The role title as the ToR gives it."),
    member_class: ClassChoice = typer.Option(
        ..., "--class", help="Membership class (defined in the body's membership_classes)."
    ),
    agency: str | None = typer.Option(None, "--agency", help="The agency: its id or short name in agencies.yaml."),
    holder: str | None = typer.Option(None, "--holder", help="The person who holds the post."),
    vacancy: VacancyChoice | None = typer.Option(None, "--vacancy", help="The post has no holder yet."),
    votes: YesNoClass | None = typer.Option(
        None, "--votes", help="Override the class's voting right (`class`: follow it)."
    ),
    counts_for_quorum: YesNoClass | None = typer.Option(
        None, "--counts-for-quorum", help="Override whether the post counts for quorum (`class`: follow the class)."
    ),
    attends: AttendsChoice | None = typer.Option(None, "--attends", help="Override the class's attendance."),
    after: str | None = typer.Option(
        None, "--after", metavar="POST", help="Place after this post (default: after the last post of the same class)."
    ),
    note: list[str] | None = typer.Option(None, "--note", help="A note about the post (repeatable)."),
    dry_run: bool = DRY_RUN,
) -> None:
    """Add a post to a body."""
    from ..change.operations import NewPost
    from ..change.operations import member_add as build

    def post(tree: Tree) -> NewPost:
        return NewPost(
            role=role,
            member_class=member_class.value,
            agency=tree.agency(agency) if agency else None,
            holder=holder,
            vacancy=_value(vacancy),
            votes=_tristate(votes),
            counts_for_quorum=_tristate(counts_for_quorum),
            attends=_value(attends),
        )

    _edit(
        ctx,
        body_id,
        dry_run,
        lambda body, tree: build(body, tree.agencies, post_id, post(tree), after=after, notes=note or ()),
    )


@member_app.command("remove")
def member_remove(ctx: typer.Context, body_id: str = BODY, post_id: str = POST, dry_run: bool = DRY_RUN) -> None:
    """Remove a post; refused while a chair, rule or another body still names it."""
    from ..change.operations import member_remove as build

    _edit(ctx, body_id, dry_run, lambda body, tree: build(body, post_id))


@member_app.command("update")
def member_update(
    ctx: typer.Context,
    body_id: str = BODY,
    post_id: str = POST,
    role: str | None = typer.Option(None, "--role", help="New role title."),
    agency: str | None = typer.Option(None, "--agency", help="The new agency: its id or short name."),
    holder: str | None = typer.Option(None, "--holder", help="New holder (fills a vacancy)."),
    clear_holder: bool = typer.Option(False, "--clear-holder", help="The holder is no longer named."),
    vacancy: VacancyChoice | None = typer.Option(None, "--vacancy", help="The post is now vacant (clears the holder)."),
    member_class: ClassChoice | None = typer.Option(None, "--class", help="New membership class."),
    votes: YesNoClass | None = typer.Option(None, "--votes", help="yes / no, or `class` to follow the class."),
    counts_for_quorum: YesNoClass | None = typer.Option(
        None, "--counts-for-quorum", help="yes / no, or `class` to follow the class."
    ),
    attends: AttendsChoice | None = typer.Option(None, "--attends", help="always / when-relevant, or `class`."),
    note: str | None = typer.Option(None, "--note", help="Add a note about the post."),
    dry_run: bool = DRY_RUN,
) -> None:
    """Change a post: role, agency, holder or vacancy, class, voting, quorum counting, attendance."""
    from ..change.operations import PostFields
    from ..change.operations import member_update as build

    def change(tree: Tree) -> PostFields:
        return PostFields(
            role=role,
            agency=tree.agency(agency) if agency else None,
            holder=holder,
            vacancy=_value(vacancy),
            member_class=_value(member_class),
            votes=_tristate(votes),
            counts_for_quorum=_tristate(counts_for_quorum),
            attends=_value(attends),
        )

    _edit(
        ctx,
        body_id,
        dry_run,
        lambda body, tree: build(body, post_id, change(tree), clear_holder=clear_holder, note=note),
    )


@member_app.command("substitute")
def member_substitute(
    ctx: typer.Context,
    body_id: str = BODY,
    post_id: str = POST,
    name: str = typer.Argument(..., metavar="NAME", help="The substitute's name."),
    delegated: bool = typer.Option(False, "--delegated", help="The substitute holds the member's delegated authority."),
    role: str | None = typer.Option(None, "--role", help="The substitute's own role."),
    agency: str | None = typer.Option(None, "--agency", help="The substitute's agency, if not the member's."),
    replace: bool = typer.Option(False, "--replace", help="Replace the post's named substitutes with this one."),
    remove: bool = typer.Option(False, "--remove", help="Remove this named substitute instead."),
    dry_run: bool = DRY_RUN,
) -> None:
    """Record a named substitute for a post (within the ToR's substitution rule), or remove one."""
    from ..change.operations import NamedSubstitute, member_substitute, member_substitute_remove

    def build(body: Body, tree: Tree) -> Plan:
        if remove:
            return member_substitute_remove(body, post_id, name)
        sub = NamedSubstitute(name, delegated, role, tree.agency(agency) if agency else None)
        return member_substitute(body, post_id, sub, replace=replace)

    _edit(ctx, body_id, dry_run, build)


@chair_app.command("set")
def chair_set(
    ctx: typer.Context,
    body_id: str = BODY,
    post: str | None = typer.Option(None, "--post", help="The chairing post (`post` or `body/post`)."),
    independent: bool = typer.Option(False, "--independent", help="With --post: an independent chair."),
    rotate: str | None = typer.Option(
        None, "--rotate", metavar="POST,POST,...", help="The chair rotates among these posts."
    ),
    every_months: int | None = typer.Option(
        None, "--every-months", min=1, max=120, help="Length of each turn (default 12)."
    ),
    order: str | None = typer.Option(None, "--order", metavar="POST,POST,...", help="The order of turns."),
    current: str | None = typer.Option(None, "--current", metavar="POST", help="The post whose turn it is."),
    since: str | None = typer.Option(None, "--since", metavar="DATE", help="When the current turn began."),
    vacant: bool = typer.Option(False, "--vacant", help="The chair is vacant (e.g. 'to be decided')."),
    not_stated: bool = typer.Option(False, "--not-stated", help="The ToR does not say."),
    text: str | None = typer.Option(None, "--text", help="The ToR's own words about the chair."),
    deputy: bool = typer.Option(False, "--deputy", help="Set the deputy chair instead."),
    dry_run: bool = DRY_RUN,
) -> None:
    """Set who chairs a body (or with --deputy, who deputises), or record whose turn a rotating chair is."""
    from ..change.operations import ChairChange
    from ..change.operations import chair_set as build

    change = ChairChange(
        post=post,
        independent=independent,
        rotate=_ids(rotate),
        every_months=every_months,
        order=_ids(order),
        current=current,
        since=None if since is None else _date(since, "--since"),
        vacant=vacant,
        not_stated=not_stated,
        text=text,
    )
    _edit(ctx, body_id, dry_run, lambda body, tree: build(body, change, deputy=deputy))


@review_app.command("record")
def review_record(
    ctx: typer.Context,
    body_id: str = BODY,
    date: str = typer.Option(
        ..., "--date", metavar="DATE", help=f"When the review was completed: a month (YYYY-MM) or a date, {DATE_HELP}."
    ),
    by: str | None = typer.Option(None, "--by", metavar="NAME", help="Who carried out or approved the review."),
    notes: str | None = typer.Option(None, "--notes", help="What changed."),
    next_due: str | None = typer.Option(None, "--next-due", metavar="DATE", help="Set the next review date yourself."),
    dry_run: bool = DRY_RUN,
) -> None:
    """Record a completed review: history, last reviewed, and the next review date from the cadence."""
    from ..change.operations import review_record as build

    when = _date(date, "--date")
    due = None if next_due is None else _date(next_due, "--next-due")
    _edit(ctx, body_id, dry_run, lambda body, tree: build(body, when, by=by, notes=notes, next_due=due))
