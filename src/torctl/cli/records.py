"""`torctl meeting new` and `torctl meeting set`: meeting records without writing YAML.

`meeting new` writes a record started before the meeting (every post for the
clerk to confirm, the agenda's items, open actions carried forward); `meeting
set` records what happened at it. Both write through `change.records` (locked,
comments kept, checked against the body, atomic). `--interactive` walks the
clerk through attendance and items where a terminal is attached, and never
waits for input where none is.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from .app import state
from .decisions import meeting_app
from .edit import DRY_RUN, report_edit
from .options import DATE_HELP, MEETING_BODY, TEXT_OR_JSON, TextOrJson, date_option
from .output import echo, echo_err, emit_json

if TYPE_CHECKING:
    from ..change.ops import Plan
    from ..change.records import Item, MeetingChange
    from ..data.tree import Tree
    from ..model import Body
    from ..model.records import AttendanceRecord

# Tests set this to drive the prompts with input they feed; a user never can (there is no option for it).
FORCE_TERMINAL = False


def _attached() -> bool:
    return FORCE_TERMINAL or sys.stdin.isatty()


def _agenda_items(body: Body, tree: Tree, date: dt.date, start: dt.time | None) -> list[Item]:
    """The agenda's items as `torctl agenda` plans them (declarations of interest among them where the ToR has a
    rule on interests)."""
    from ..change.records import Item
    from ..render.agenda import build_agenda

    agenda = build_agenda(body, tree.agencies, tree.bodies, date, start=start)
    return [Item(str(i.number), i.title, i.note) for i in agenda.items]


def _with_matters_arising(items: list[Item], arising: list[Item]) -> list[Item]:
    """Open actions placed after the previous meeting's minutes, else first."""
    from ..render.agenda import PREVIOUS_MINUTES

    at = next((i + 1 for i, item in enumerate(items) if item.title == PREVIOUS_MINUTES), None)
    if at is None:
        return [*arising, *items]
    return [*items[:at], *arising, *items[at:]]


def _notice(body: Body, date: dt.date) -> str | None:
    """What the ToR asks of a substitute's notice, with its date for this meeting."""
    from ..calendar.deadlines import deadlines
    from ..rules.words import long_date

    for due in deadlines(body, date):
        if due.kind == "substitute-notice":
            when = f" (by {long_date(due.date)})" if due.date else ""
            to = f", to {body.substitution.notify}" if body.substitution.notify else ""
            return f"notice of a substitute: {due.rule}{when}{to}"
    return None


@meeting_app.command("new")
def meeting_new(
    ctx: typer.Context,
    body_id: str = MEETING_BODY,
    date: str = typer.Option(..., "--date", metavar="DATE", help=f"The meeting's date: {DATE_HELP}."),
    from_agenda: bool = typer.Option(False, "--from-agenda", help="Start the items from the meeting's agenda."),
    apologies: list[str] | None = typer.Option(
        None, "--apologies", metavar="NAME", help="Apologies given in advance: post id, holder or role. Repeatable."
    ),
    start: str | None = typer.Option(None, "--start", metavar="HH:MM", help="When the meeting starts."),
    interactive: bool = typer.Option(
        False, "--interactive", "-i", help="Walk through attendance post by post and items one by one (a terminal)."
    ),
    format: TextOrJson = TEXT_OR_JSON,
) -> None:
    """Start a meeting record: every post for the clerk to confirm, the agenda's items, open actions carried forward.

    Example: torctl meeting new solihull-sscp-executive --date 2027-01-12 --from-agenda --apologies police-dsp

    Writes <bodies>/attendance/<body>/<date>.yaml (never over an existing record). Exit 0 written, 2 bad input.
    """
    from ..calendar.patterns import no_meeting_on
    from ..change.records import matters_arising, new_record, open_actions, write_new_record
    from ..data.load import load_tree
    from ..render.agenda import date_warnings
    from .agenda_items import parse_time
    from .loading import resolve_bodies_dir

    if interactive and not _attached():
        from ..errors import UsageError

        raise UsageError(
            "--interactive needs a terminal to ask questions; nothing was written (leave it out to write "
            "the record, then record what happened with `torctl meeting set`)"
        )
    root = resolve_bodies_dir(state(ctx).bodies)
    day = date_option(date, "--date")
    began = parse_time(start) if start else None
    tree = load_tree(root, checks=None)
    body = tree.body(body_id)
    earlier = [d.model for d in tree.records("attendance") if getattr(d.model, "body", None) == body.id]
    items = _agenda_items(body, tree, day, began) if from_agenda else []
    minutes_number = next((i.number for i in items if i.title.startswith("Minutes")), "")
    arising = matters_arising(minutes_number, open_actions(earlier, day))  # type: ignore[arg-type]
    if not items:
        arising = [type(a)(str(n), a.title, a.note) for n, a in enumerate(arising, start=1)]
    record = new_record(
        root,
        body,
        day,
        apologies=apologies or (),
        items=_with_matters_arising(items, arising),
        start=began,
        substitute_notice=_notice(body, day),
    )
    record.notes += [w for w in date_warnings(body, day)]
    if (why := no_meeting_on(body, day)) is not None:
        record.notes.append(f"{why}; the record is written all the same")
    write_new_record(record)
    _report_new(record, format)
    if interactive:
        _walk(ctx, root, record.path, body, format)


def _report_new(record: Any, fmt: TextOrJson) -> None:
    from ..data.paths import display_path

    if fmt is TextOrJson.json:
        emit_json(
            {
                "file": display_path(record.path),
                "expected": record.expected,
                "apologies": record.apologies,
                "items": [{"number": i.number, "title": i.title, "note": i.note} for i in record.items],
                "notes": record.notes,
            }
        )
    else:
        echo(
            f"{display_path(record.path)}: record started: {len(record.expected)} expected, "
            f"{len(record.apologies)} apologies, {len(record.items)} items"
        )
    for note in record.notes:
        echo_err(f"note: {note}")


# ---------------------------------------------------------------- meeting set


def _pairs(option: str, texts: list[str] | None, word: str) -> list[tuple[str, str]]:
    """`'PERSON before ITEM'`."""
    from ..errors import UsageError

    pairs = []
    for text in texts or []:
        person, sep, item = " ".join(text.split()).rpartition(f" {word} ")
        if not sep or not person or not item:
            raise UsageError(f"{option} '{text}': write it as 'PERSON {word} ITEM', e.g. 'police-dsp {word} 4'")
        pairs.append((person, item))
    return pairs


def _declarations(texts: list[str] | None) -> list[tuple[str, str, str | None]]:
    """`'PERSON:ITEM[:KIND]'`."""
    from ..errors import UsageError

    found: list[tuple[str, str, str | None]] = []
    for text in texts or []:
        parts = [p.strip() for p in text.split(":")]
        if len(parts) not in (2, 3) or not all(parts):
            raise UsageError(f"--declare '{text}': write it as 'PERSON:ITEM' or 'PERSON:ITEM:KIND', e.g. 'dcs:4:other'")
        found.append((parts[0], parts[1], parts[2] if len(parts) == 3 else None))
    return found


def _item_text(option: str, texts: list[str] | None, example: str) -> list[tuple[str, str]]:
    """`'ITEM: TEXT'`."""
    from ..errors import UsageError

    found = []
    for text in texts or []:
        item, sep, rest = text.partition(":")
        if not sep or not item.strip() or not rest.strip():
            raise UsageError(f"{option} '{text}': write it as 'ITEM: {example}'")
        found.append((item.strip(), rest.strip()))
    return found


_VOTE = re.compile(r"^(?P<item>.+?)\s+for[= ](?P<f>\d+)\s+against[= ](?P<a>\d+)(?:\s+abstain[= ](?P<x>\d+))?$", re.I)


def _votes(texts: list[str] | None) -> list[tuple[str, dict[str, int]]]:
    from ..errors import UsageError

    found = []
    for text in texts or []:
        match = _VOTE.match(" ".join(text.split()))
        if not match:
            raise UsageError(f"--vote '{text}': write it as 'ITEM for=N against=M abstain=K', e.g. '4 for=6 against=2'")
        counts = {"for": int(match["f"]), "against": int(match["a"])}
        if match["x"] is not None:
            counts["abstain"] = int(match["x"])
        found.append((match["item"], counts))
    return found


def _outcomes(texts: list[str] | None) -> list[tuple[str, str]]:
    from ..errors import UsageError
    from ..suggest import closest

    found = []
    for text in texts or []:
        item, _, word = " ".join(text.split()).rpartition(" ")
        if word.lower() not in ("carried", "lost") or not item:
            near = closest(word.lower(), ["carried", "lost"]) or "carried"
            raise UsageError(
                f"--outcome '{text}': write it as 'ITEM carried' or 'ITEM lost'; the nearest: '{item} {near}'"
            )
        found.append((item, word.lower()))
    return found


_ACTION = re.compile(r"^(?P<owner>[^:]+):\s*(?P<what>.+?)(?:\s+by\s+(?P<due>\S+))?$")


def _actions(texts: list[str] | None, item: str | None = None) -> list[dict[str, Any]]:
    from ..errors import UsageError

    found = []
    for text in texts or []:
        match = _ACTION.match(" ".join(text.split()))
        if not match:
            raise UsageError(f"--action '{text}': write it as 'OWNER: WHAT', optionally ending 'by DATE'")
        action: dict[str, Any] = {"what": match["what"], "owner": match["owner"].strip()}
        if match["due"]:
            action["due"] = date_option(match["due"], "--action ... by")
        found.append(action)
    return found


def _substitutes(texts: list[str] | None, tree: Tree) -> list[dict[str, Any]]:
    from ..errors import UsageError
    from ..rules.attendance import Unresolved
    from .given import CommandLine
    from .meetings import stand_in

    found = []
    for given in CommandLine().take("--sub", texts):
        try:
            sub = stand_in(given, tree.agencies)
        except Unresolved as exc:
            raise UsageError(f"--sub: {exc.message}") from None
        entry: dict[str, Any] = {"name": sub.name, "for": sub.member}
        if sub.agency:
            entry["agency"] = sub.agency
        if sub.authority is not None:
            entry["delegated_authority"] = sub.authority
        found.append(entry)
    return found


@meeting_app.command("set")
def meeting_set(
    ctx: typer.Context,
    record_file: Path = typer.Argument(
        ..., metavar="RECORD", help="The record, e.g. bodies/attendance/<body>/<date>.yaml."
    ),
    present: list[str] | None = typer.Option(None, "--present", "-p", metavar="NAME", help="Came in person."),
    remote: list[str] | None = typer.Option(None, "--remote", metavar="NAME", help="Attended remotely."),
    apologies: list[str] | None = typer.Option(None, "--apologies", metavar="NAME", help="Sent apologies."),
    sub: list[str] | None = typer.Option(
        None, "--sub", metavar="'NAME for MEMBER'", help="Attended in a member's place; end 'with authority' if so."
    ),
    item: list[str] | None = typer.Option(
        None, "--item", metavar="'NUMBER: TITLE'", help="An item taken that the record does not list yet."
    ),
    left: list[str] | None = typer.Option(None, "--left", metavar="'PERSON before ITEM'", help="Left before an item."),
    arrived: list[str] | None = typer.Option(
        None, "--arrived", metavar="'PERSON before ITEM'", help="Arrived just before an item."
    ),
    declare: list[str] | None = typer.Option(
        None, "--declare", metavar="'PERSON:ITEM[:KIND]'", help="A declaration of interest in an item."
    ),
    decision: list[str] | None = typer.Option(
        None, "--decision", metavar="'ITEM: TEXT'", help="The decision on an item, as minuted."
    ),
    vote: list[str] | None = typer.Option(
        None, "--vote", metavar="'ITEM for=N against=M abstain=K'", help="The vote on an item."
    ),
    outcome: list[str] | None = typer.Option(None, "--outcome", metavar="'ITEM carried|lost'", help="As minuted."),
    consensus: list[str] | None = typer.Option(
        None, "--consensus", metavar="ITEM", help="The item's decision was taken by consensus, without a vote."
    ),
    action: list[str] | None = typer.Option(
        None, "--action", metavar="'OWNER: WHAT [by DATE]'", help="An action agreed at the meeting."
    ),
    dry_run: bool = DRY_RUN,
    format: TextOrJson = TEXT_OR_JSON,
) -> None:
    """Record what happened at a meeting: who came, apologies, substitutes, comings and goings, declarations,
    decisions, votes and actions. The record is checked against its body at once.

    Example: torctl meeting set bodies/attendance/my-board/2027-01-12.yaml -p dcs --decision "4: Approved"
    --vote "4 for=5 against=1"

    Each option repeats. Exit 0 written (findings printed as warnings), 1 refused (the record would be invalid),
    2 bad input.
    """
    from ..change.records import MeetingChange
    from .loading import resolve_bodies_dir

    root = resolve_bodies_dir(state(ctx).bodies)
    from ..data.load import load_tree

    tree = load_tree(root, checks=None)
    change = MeetingChange(
        present=present or (),
        remote=remote or (),
        apologies=apologies or (),
        substitutes=_substitutes(sub, tree),
        items=_item_text("--item", item, "the item's title"),
        left=_pairs("--left", left, "before"),
        arrived=_pairs("--arrived", arrived, "before"),
        declarations=_declarations(declare),
        decisions=_item_text("--decision", decision, "the decision as minuted"),
        votes=_votes(vote),
        outcomes=_outcomes(outcome),
        consensus=consensus or (),
        actions=_actions(action),
    )
    _apply(root, tree, record_file, change, dry_run, format)


def _apply(root: Path, tree: Tree, path: Path, change: MeetingChange, dry_run: bool, fmt: TextOrJson) -> None:
    from ..change.records import edit_record, meeting_set, record_findings
    from ..errors import UsageError

    if not path.is_file():
        raise UsageError(f"no meeting record at '{path}'")

    def build(record: AttendanceRecord, data: dict[str, Any]) -> Plan:
        return meeting_set(tree.body(record.body), record, data, change)

    plan, outcome = edit_record(root, path, build, lambda p, text: record_findings(root, p, text), dry_run=dry_run)
    report_edit(plan, outcome, [str(n) for n in outcome.notes], dry_run=dry_run, fmt=fmt, findings="findings")


# ---------------------------------------------------------------- the interactive walk


def _walk(ctx: typer.Context, root: Path, path: Path, body: Body, fmt: TextOrJson) -> None:
    """Ask about each expected post, then each item; record the answers as `meeting set` would."""
    from rich.console import Console
    from rich.prompt import IntPrompt, Prompt

    from ..change.records import MeetingChange
    from ..data.load import load_tree
    from ..data.records import read_meeting_record

    console = Console(highlight=False)
    record = read_meeting_record(path).value()
    answers: dict[str, list[str]] = {"present": [], "remote": [], "apologies": []}
    console.print("Attendance: for each post, p = present, r = remote, a = apologies, x = absent, s = skip")
    for post in record.expected:
        member = body.member(post)
        label = member.label() if member else post
        said = Prompt.ask(f"  {label} [{post}]", choices=["p", "r", "a", "x", "s"], default="s", console=console)
        key = {"p": "present", "r": "remote", "a": "apologies"}.get(said)
        if key:
            answers[key].append(post)
    decisions: list[tuple[str, str]] = []
    votes: list[tuple[str, dict[str, int]]] = []
    console.print("Items: the decision as minuted (leave blank for none)")
    for item in record.items:
        text = Prompt.ask(f"  {item.number}. {item.title}", default="", console=console).strip()
        if not text:
            continue
        decisions.append((item.number, text))
        how = Prompt.ask("     taken by", choices=["vote", "consensus"], default="vote", console=console)
        if how == "vote":
            counts = {
                side: IntPrompt.ask(f"     {side}", default=0, console=console)
                for side in ("for", "against", "abstain")
            }
            votes.append((item.number, counts))
    voted = {number for number, _ in votes}
    change = MeetingChange(
        present=answers["present"],
        remote=answers["remote"],
        apologies=answers["apologies"],
        decisions=decisions,
        votes=votes,
        consensus=[number for number, _ in decisions if number not in voted],
    )
    if change == MeetingChange():
        echo_err("note: nothing recorded; the record stands as written")
        return
    _apply(root, load_tree(root, checks=None), path, change, False, fmt)
