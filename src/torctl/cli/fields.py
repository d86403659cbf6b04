"""`torctl set` / `unset` (any field by its schema path) and the keyed lists: `class`, `item`, `duty`, `majority`,
`interest`, `question`. Every edit has the guarantees of `torctl member ...` (cli/edit.py): comments and layout
kept, the whole bodies directory re-checked, written atomically under the edit lock; `--dry-run` shows the diff.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import typer

from .app import app
from .edit import DRY_RUN, _edit
from .options import BODY, TEXT_OR_JSON, TextOrJson
from .output import echo, emit_json

if TYPE_CHECKING:
    from ..change.ops import Plan
    from ..data.tree import Tree
    from ..model import Body


def _file_data(ctx: typer.Context, incomplete_body: str | None) -> dict[str, object]:
    """The file of the body named on the command line, as plain data (for completion; empty if there is none)."""
    from ..data.yamlio import parse_file
    from .loading import resolve_bodies_dir

    root = resolve_bodies_dir(ctx.find_root().params.get("bodies"))
    path = root / f"{(incomplete_body or '').strip().lower()}.yaml"
    if not incomplete_body or not path.is_file():
        return {}
    data = parse_file(path).data
    return data if isinstance(data, dict) else {}


def complete_path(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion: the schema's field names, and the ids of posts, items and classes in the body's file."""
    from ..change.paths import completions

    try:
        return completions(_file_data(ctx, str(ctx.params.get("body_id") or "")), incomplete)
    except Exception:
        return []


PATH = typer.Argument(
    ...,
    metavar="PATH",
    help="The field, as the schema names it: quorum, administration.papers, members.police-dsp.class, "
    "membership_classes.adviser.votes, standing_items.0.title.",
    autocompletion=complete_path,
)
FORMAT = TEXT_OR_JSON


def _on_file(
    ctx: typer.Context, body_id: str, dry_run: bool, fmt: TextOrJson, build: Callable[[Body, dict[str, Any]], Plan]
) -> None:
    """Run an edit whose plan is built from the body and its file's data."""
    from ..change.fields import file_data

    def plan(body: Body, tree: Tree) -> Plan:
        return build(body, file_data(tree, body.id))

    _edit(ctx, body_id, dry_run, plan, fmt)


@app.command("set")
def set_command(
    ctx: typer.Context,
    body_id: str = BODY,
    path: str = PATH,
    value: str = typer.Argument(
        ...,
        metavar="VALUE",
        help='As people write it: "5 working days", "every 2 months in term time", "2027-03", "yes", "not stated", '
        "\"chair decides\"; a structured part as YAML or JSON: '{rule: at-least, count: 3}'.",
    ),
    append: bool = typer.Option(False, "--append", help="Add VALUE as a new item at the end of the list at PATH."),
    dry_run: bool = DRY_RUN,
    format: TextOrJson = FORMAT,
) -> None:
    """Set any field of a ToR by its schema path; the value is read by the field's type.

    Example: torctl set solihull-arg administration.papers "at least 5 working days before"

    Exit 0 done, 1 refused (the result would be invalid; nothing written), 2 a bad path or value (the forms the
    field takes, and the nearest valid one).
    """
    from ..change.fields import set_field

    _on_file(ctx, body_id, dry_run, format, lambda body, data: set_field(body, data, path, value, append=append))


@app.command("unset")
def unset_command(
    ctx: typer.Context, body_id: str = BODY, path: str = PATH, dry_run: bool = DRY_RUN, format: TextOrJson = FORMAT
) -> None:
    """Remove a field (back to not stated, or its default), a list item or a membership class.

    Example: torctl unset solihull-arg meetings.venue

    A required field becomes 'not stated' where the schema has a way to say so (`quorum` -> {rule: not-stated}).
    """
    from ..change.fields import unset_field

    _on_file(ctx, body_id, dry_run, format, lambda body, data: unset_field(body, data, path))


# ---------------------------------------------------------------- classes


class YesNoNotStated(StrEnum):
    yes = "yes"
    no = "no"
    not_stated = "not-stated"


class Attends(StrEnum):
    always = "always"
    when_relevant = "when-relevant"
    when_invited = "when-invited"
    not_stated = "not-stated"


def _complete_class(ctx: typer.Context, incomplete: str) -> list[str]:
    from ..model import MemberClass

    return [c.value for c in MemberClass if c.value.startswith(incomplete)]


class_app = typer.Typer(
    help="Define and remove membership classes: who votes, who counts for quorum.", no_args_is_help=True
)
item_app = typer.Typer(help="Standing items on every agenda.", no_args_is_help=True)
duty_app = typer.Typer(help="Recurring tasks the ToR assigns.", no_args_is_help=True)
majority_app = typer.Typer(help="Decisions that need a special majority.", no_args_is_help=True)
interest_app = typer.Typer(help="Kinds of declared interest and what each does.", no_args_is_help=True)
question_app = typer.Typer(help="Open questions: passages not yet data, readings to confirm.", no_args_is_help=True)
for _group, _name in (
    (class_app, "class"),
    (item_app, "item"),
    (duty_app, "duty"),
    (majority_app, "majority"),
    (interest_app, "interest"),
    (question_app, "question"),
):
    app.add_typer(_group, name=_name)

CLASS = typer.Argument(
    ...,
    metavar="CLASS",
    help="core, partner, stakeholder, attendee, participant-observer, co-opted, adviser or secretariat.",
    autocompletion=_complete_class,
)


def _said(choice: StrEnum | None) -> str | None:
    return None if choice is None else str(choice.value)


@class_app.command("add")
def class_add(
    ctx: typer.Context,
    body_id: str = BODY,
    class_id: str = CLASS,
    votes: YesNoNotStated = typer.Option(..., "--votes", help="Whether members of the class vote."),
    counts_for_quorum: YesNoNotStated = typer.Option(
        ..., "--counts-for-quorum", help="Whether they count toward quorum."
    ),
    attends: Attends | None = typer.Option(None, "--attends", help="Whether they always attend."),
    text: str | None = typer.Option(None, "--text", help="The ToR's own words about the class."),
    dry_run: bool = DRY_RUN,
    format: TextOrJson = FORMAT,
) -> None:
    """Define a membership class in a body, so posts can use it.

    Example: torctl class add solihull-lscp adviser --votes no --counts-for-quorum no --attends when-invited
    """
    from ..change.fields import class_add as build

    rule = {
        "votes": _said(votes),
        "counts_for_quorum": _said(counts_for_quorum),
        "attends": _said(attends),
        "text": text,
    }
    _edit(ctx, body_id, dry_run, lambda body, tree: build(body, class_id, rule), format)


@class_app.command("remove")
def class_remove(
    ctx: typer.Context, body_id: str = BODY, class_id: str = CLASS, dry_run: bool = DRY_RUN, format: TextOrJson = FORMAT
) -> None:
    """Remove a membership class; refused while a post uses it.

    Example: torctl class remove solihull-lscp adviser
    """
    from ..change.fields import class_remove as build

    _edit(ctx, body_id, dry_run, lambda body, tree: build(body, class_id), format)


# ---------------------------------------------------------------- items of keyed lists


def _add(
    ctx: typer.Context, body_id: str, path: str, what: str, given: dict[str, str | None], dry_run: bool, fmt: TextOrJson
) -> None:
    from ..change.fields import list_add

    _on_file(ctx, body_id, dry_run, fmt, lambda body, data: list_add(body, data, path, given, what))


def _remove(ctx: typer.Context, body_id: str, path: str, what: str, dry_run: bool, fmt: TextOrJson) -> None:
    from ..change.fields import list_remove

    _on_file(ctx, body_id, dry_run, fmt, lambda body, data: list_remove(body, data, path, what))


TEXT = typer.Option(None, "--text", help="The ToR's own words.")
NAMED = typer.Argument(..., metavar="NAME", help="The item's title (or kind), or its position from 0.")


@item_app.command("add")
def item_add(
    ctx: typer.Context,
    body_id: str = BODY,
    title: str = typer.Argument(..., metavar="TITLE", help="The agenda item."),
    posts: str | None = typer.Option(None, "--presenter-posts", metavar="POST,POST", help="Posts that present it."),
    presenters: str | None = typer.Option(
        None, "--presenters", metavar="N", help="How many of them present (default 1)."
    ),
    presenter_words: str | None = typer.Option(None, "--presenter", metavar="WORDS", help="Who presents, in words."),
    from_body: str | None = typer.Option(None, "--from-body", metavar="BODY", help="The body that sends the item."),
    every_meeting: YesNoNotStated | None = typer.Option(None, "--every-meeting", help="yes (default) or no."),
    text: str | None = TEXT,
    dry_run: bool = DRY_RUN,
    format: TextOrJson = FORMAT,
) -> None:
    """Add a standing item to every agenda of a body.

    Example: torctl item add solihull-lscp "Highlight report" --from-body solihull-arg
    """
    given: dict[str, str | None] = {
        "title": title,
        "from_body": from_body,
        "every_meeting": _said(every_meeting),
        "text": text,
    }
    if posts or presenter_words or presenters:
        given["presenter"] = _presenter(posts, presenters, presenter_words)
    _add(ctx, body_id, "standing_items", "standing item", given, dry_run, format)


def _presenter(posts: str | None, count: str | None, words: str | None) -> str:
    import json

    presenter: dict[str, object] = {}
    if posts:
        presenter["posts"] = [p.strip() for p in posts.split(",") if p.strip()]
    if count:
        presenter["count"] = int(count) if count.isdigit() else count
    if words:
        presenter["description"] = words
    return json.dumps(presenter)


@item_app.command("remove")
def item_remove(
    ctx: typer.Context, body_id: str = BODY, name: str = NAMED, dry_run: bool = DRY_RUN, format: TextOrJson = FORMAT
) -> None:
    """Remove a standing item, named by its title or position.

    Example: torctl item remove solihull-lscp "Highlight report"
    """
    _remove(ctx, body_id, f"standing_items.{name}", "standing item", dry_run, format)


@duty_app.command("add")
def duty_add(
    ctx: typer.Context,
    body_id: str = BODY,
    title: str = typer.Argument(..., metavar="TITLE", help="The task."),
    by: str | None = typer.Option(None, "--by", metavar="POST", help="The post that carries it out."),
    by_text: str | None = typer.Option(None, "--by-text", metavar="WORDS", help="Who, where not a post."),
    every: str | None = typer.Option(None, "--every", metavar="PERIOD", help='How often: "six weeks", "3 months".'),
    reports_to_body: YesNoNotStated | None = typer.Option(None, "--reports-to-body", help="Findings go to the body."),
    text: str | None = TEXT,
    dry_run: bool = DRY_RUN,
    format: TextOrJson = FORMAT,
) -> None:
    """Add a recurring duty the ToR assigns.

    Example: torctl duty add plymouth-improvement-board "Diagnostic review" --by chair --every "six weeks"
    """
    given = {
        "title": title,
        "by": by,
        "by_text": by_text,
        "every": every,
        "reports_to_body": _said(reports_to_body),
        "text": text,
    }
    _add(ctx, body_id, "duties", "duty", given, dry_run, format)


@duty_app.command("remove")
def duty_remove(
    ctx: typer.Context, body_id: str = BODY, name: str = NAMED, dry_run: bool = DRY_RUN, format: TextOrJson = FORMAT
) -> None:
    """Remove a duty, named by its title or position.

    Example: torctl duty remove plymouth-improvement-board "Diagnostic review"
    """
    _remove(ctx, body_id, f"duties.{name}", "duty", dry_run, format)


class Base(StrEnum):
    present_and_voting = "present-and-voting"
    present = "present"
    membership = "membership"
    whole_membership = "whole-membership"


class Bound(StrEnum):
    more_than = "more-than"
    at_least = "at-least"


@majority_app.command("add")
def majority_add(
    ctx: typer.Context,
    body_id: str = BODY,
    kind: str = typer.Argument(..., metavar="KIND", help="The kind of decision, e.g. change-tor."),
    of: Base = typer.Option(..., "--of", help="The base the share is of."),
    share: str = typer.Option("1/2", "--share", metavar="N/M", help="The share: 1/2, 2/3, 3/4."),
    bound: Bound = typer.Option(Bound.at_least, "--bound", help="more-than or at-least the share."),
    description: str | None = typer.Option(None, "--description", help="What decisions of this kind are."),
    text: str | None = TEXT,
    dry_run: bool = DRY_RUN,
    format: TextOrJson = FORMAT,
) -> None:
    """Add a kind of decision that needs a special majority.

    Example: torctl majority add sefton-improvement-board change-tor --of present-and-voting --share 2/3
    """
    import json

    from ..errors import UsageError

    top, _, bottom = share.partition("/")
    if not (top.strip().isdigit() and bottom.strip().isdigit()):
        raise UsageError(f"--share {share}: write the share as N/M, e.g. 2/3; the nearest valid value: '1/2'")
    majority = {"of": of.value, "numerator": int(top), "denominator": int(bottom), "bound": bound.value}
    given = {"kind": kind, "description": description, "majority": json.dumps(majority), "text": text}
    _add(ctx, body_id, "voting.special_majorities", "special majority", given, dry_run, format)


@majority_app.command("remove")
def majority_remove(
    ctx: typer.Context, body_id: str = BODY, name: str = NAMED, dry_run: bool = DRY_RUN, format: TextOrJson = FORMAT
) -> None:
    """Remove a special majority, named by its kind.

    Example: torctl majority remove sefton-improvement-board change-tor
    """
    _remove(ctx, body_id, f"voting.special_majorities.{name}", "special majority", dry_run, format)


class RulingChoice(StrEnum):
    yes = "yes"
    no = "no"
    chair_decides = "chair-decides"
    not_stated = "not-stated"


@interest_app.command("add")
def interest_add(
    ctx: typer.Context,
    body_id: str = BODY,
    kind: str = typer.Argument(..., metavar="KIND", help="The kind, e.g. disclosable-pecuniary, conflict-of-interest."),
    leaves_room: RulingChoice | None = typer.Option(None, "--leaves-room", help="The member leaves the room."),
    counts_for_quorum: RulingChoice | None = typer.Option(None, "--counts-for-quorum", help="Still counts."),
    may_speak: RulingChoice | None = typer.Option(None, "--may-speak", help="May take part in the discussion."),
    may_vote: RulingChoice | None = typer.Option(None, "--may-vote", help="May vote on the item."),
    may_take_part: RulingChoice | None = typer.Option(None, "--may-take-part", help="May take part at all."),
    text: str | None = TEXT,
    dry_run: bool = DRY_RUN,
    format: TextOrJson = FORMAT,
) -> None:
    """Add a kind of declared interest and what it does to the member for the item.

    Example: torctl interest add sefton-improvement-board conflict-of-interest --may-vote no --leaves-room chair-decides
    """
    given = {
        "kind": kind,
        "leaves_room": _said(leaves_room),
        "counts_for_quorum": _said(counts_for_quorum),
        "may_speak": _said(may_speak),
        "may_vote": _said(may_vote),
        "may_take_part": _said(may_take_part),
        "text": text,
    }
    _add(ctx, body_id, "procedure.interests.kinds", "interest kind", given, dry_run, format)


@interest_app.command("remove")
def interest_remove(
    ctx: typer.Context, body_id: str = BODY, name: str = NAMED, dry_run: bool = DRY_RUN, format: TextOrJson = FORMAT
) -> None:
    """Remove a kind of interest.

    Example: torctl interest remove sefton-improvement-board conflict-of-interest
    """
    _remove(ctx, body_id, f"procedure.interests.kinds.{name}", "interest kind", dry_run, format)


@question_app.command("list")
def question_list(ctx: typer.Context, body_id: str = BODY, format: TextOrJson = FORMAT) -> None:
    """The body's open questions, numbered for `question resolve`.

    Example: torctl question list solihull-lscp
    """
    from .loading import meeting_body

    body, _ = meeting_body(ctx, body_id)
    rows = [
        {"number": i, "kind": q.kind, "field": q.field, "words": q.words, "note": q.note}
        for i, q in enumerate(body.open_questions, start=1)
    ]
    if format is TextOrJson.json:
        emit_json({"body": body.id, "open_questions": rows})
        return
    if not rows:
        echo(f"{body.id} has no open questions")
    for row in rows:
        field = f" [{row['field']}]" if row["field"] else ""
        note = f": {row['note']}" if row["note"] else ""
        echo(f'{row["number"]}. {row["kind"]}{field}{note}\n   "{row["words"]}"')


@question_app.command("resolve")
def question_resolve(
    ctx: typer.Context,
    body_id: str = BODY,
    number: int = typer.Argument(..., metavar="N", help="The question's number in `torctl question list`."),
    value: str | None = typer.Option(
        None, "--set", metavar="VALUE", help="Set the field the question names to VALUE in the same edit."
    ),
    dry_run: bool = DRY_RUN,
    format: TextOrJson = FORMAT,
) -> None:
    """Close an open question, and set the field it names (`--set VALUE`) in the same edit.

    Example: torctl question resolve my-board 1 --set "monthly"
    """
    from ..change.fields import question_resolve as build

    _on_file(ctx, body_id, dry_run, format, lambda body, data: build(body, data, number, value))
