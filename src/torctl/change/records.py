"""Meeting records without writing YAML: a record started before the meeting (`torctl meeting new`), and the
changes a clerk makes at it (`torctl meeting set`), with the guarantees of every edit.

A new record lists every post for the clerk to confirm: those expected at every
meeting under `expected`, apologies given in advance under `apologies`, posts
that attend only when relevant or invited in a comment. Its items are the
agenda's (planned by `torctl.render.agenda`, which the caller passes in, so the
two never differ), with each action still open from earlier records carried
forward as a "matters arising" item. An edit to a record is locked, applied to
the round-trip tree (comments kept), read back as a meeting record, checked
against its body, and written atomically, as an edit of a ToR is
(`change.engine`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import replace_contents, write_text_atomic
from ..data.paths import display_path
from ..data.records import ATTENDANCE_DIR
from ..errors import EXIT_INTERNAL, TorctlError, UsageError
from ..findings import Finding
from ..model import Body
from ..model.records import AttendanceRecord
from ..rules.attendance import People, Unresolved
from ..rules.words import long_date
from .engine import EditOutcome, read_bytes
from .lock import edit_lock
from .ops import EditRefused, Flow, Op, Plan, apply_ops, delete, insert, merge_ops, needs_quotes, set_

SCHEMA_MODELINE = "# yaml-language-server: $schema=../../../schema/record.schema.json"
LISTS = ("present", "remote", "apologies", "expected")


def record_path(root: Path, body_id: str, date: dt.date) -> Path:
    """Where a body's record of the meeting on `date` is kept: `<bodies>/attendance/<body>/<date>.yaml`."""
    return root / ATTENDANCE_DIR / body_id / f"{date.isoformat()}.yaml"


# ---------------------------------------------------------------- a new record


@dataclass(frozen=True)
class Item:
    """An item the record starts with: its number, its title, and where it comes from (a comment)."""

    number: str
    title: str
    note: str | None = None


@dataclass
class NewRecord:
    """What `meeting new` writes: the text, and what to tell the clerk."""

    path: Path
    text: str
    expected: list[str]
    apologies: list[str]
    items: list[Item]
    notes: list[str] = field(default_factory=list)


def post_id(body: Body, name: str) -> str:
    """The post `name` names (id, holder or role); a usage error naming the closest posts where none or several."""
    try:
        return People(body).member(name).id
    except Unresolved as exc:
        raise UsageError(exc.message) from None


def open_actions(records: Sequence[AttendanceRecord], before: dt.date) -> list[tuple[dt.date, Any]]:
    """The actions still open at the last record of each action before `before` (an action's id is its own)."""
    latest: dict[str, tuple[dt.date, Any]] = {}
    for record in sorted(records, key=lambda r: r.date):
        if record.date >= before:
            continue
        for action in record.actions:
            latest[action.id] = (record.date, action)
    return [(day, action) for day, action in latest.values() if action.status == "open"]


def matters_arising(after: str, actions: Sequence[tuple[dt.date, Any]]) -> list[Item]:
    """Each open action as an item numbered after the previous minutes' item: 2a, 2b, ..."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    items = []
    for index, (day, action) in enumerate(actions):
        suffix = letters[index] if index < len(letters) else f"-{index + 1}"
        due = f", due {long_date(action.due)}" if action.due else ""
        items.append(
            Item(
                f"{after}{suffix}",
                f"Matters arising: {action.what}",
                f"action {action.id} of {day.isoformat()}, {action.owner}{due}",
            )
        )
    return items


def new_record(
    root: Path,
    body: Body,
    date: dt.date,
    *,
    apologies: Sequence[str] = (),
    items: Sequence[Item] = (),
    start: dt.time | None = None,
    substitute_notice: str | None = None,
    today: dt.date | None = None,
) -> NewRecord:
    """The scaffold of the record of `body`'s meeting on `date` (not yet written)."""
    path = record_path(root, body.id, date)
    sent = list(dict.fromkeys(post_id(body, name) for name in apologies))
    posts = [m for m in body.members if not m.is_vacant]
    expected = [m for m in posts if body.expected(m) and m.id not in sent]
    sometimes = [m for m in posts if not body.expected(m) and m.id not in sent]
    lines = [
        SCHEMA_MODELINE,
        f"# Record of the meeting of {body.name} on {long_date(date)}, started with `torctl meeting new` on "
        f"{(today or dt.date.today()).isoformat()}.",
        "# At the meeting, confirm each post under `expected` as present, remote or with apologies",
        f"# (torctl meeting set {display_path(path)}). Until confirmed, a post counts as absent",
        "# and `torctl validate` warns (A013).",
        f"body: {body.id}",
        f"date: {date.isoformat()}",
    ]
    if start is not None:
        lines.append(f'start: "{start.strftime("%H:%M")}"')
    lines += ["present: []", "remote: []"]
    lines += _posts("apologies", [body.member(p) for p in sent], "given in advance")
    lines += _posts("expected", expected, "confirm each at the meeting")
    if sometimes:
        lines.append("# Attend only when relevant or invited (add under present if they came):")
        lines += [f"#   {m.id}: {_label(m)}" for m in sometimes]
    lines.append("substitutes: []" + (f"  # {substitute_notice}" if substitute_notice else ""))
    lines.append("observers: []")
    lines += _items(items)
    lines.append("actions: []")
    text = "\n".join(lines) + "\n"
    assumed = [m.id for m in expected if body.attends(m) is None]
    notes = (
        [f"the ToR does not say whether {', '.join(assumed)} attend every meeting; listed as expected (an assumption)"]
        if assumed
        else []
    )
    return NewRecord(path, text, [m.id for m in expected], sent, list(items), notes)


def _label(member: Any) -> str:
    return json.dumps(member.label(), ensure_ascii=False)[1:-1] if member is not None else ""


def _posts(key: str, members: Sequence[Any], why: str) -> list[str]:
    if not members:
        return [f"{key}: []"]
    return [f"{key}:  # {why}", *(f"  - {m.id}  # {_label(m)}" for m in members)]


def _items(items: Sequence[Item]) -> list[str]:
    if not items:
        return ["items: []"]
    lines = ["items:"]
    for item in items:
        note = f"  # {item.note}" if item.note else ""
        lines += [
            f"  - number: {_scalar(item.number)}{note}",
            f"    title: {_scalar(item.title)}",
        ]
    return lines


def _scalar(text: str) -> str:
    """A value as the house style writes it: plain, quoted only where a reader would take it for something else
    (a number is left a number: an item numbered 3 reads back as '3')."""
    if text.isdigit() or not needs_quotes(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def write_new_record(record: NewRecord) -> None:
    """Write a new record; never over an existing one."""
    if record.path.exists():
        raise UsageError(
            f"{display_path(record.path)} already exists; torctl meeting new never overwrites a record "
            "(change it with `torctl meeting set`)"
        )
    record.path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(record.path, record.text)


# ---------------------------------------------------------------- changes at the meeting


@dataclass(frozen=True, kw_only=True)
class MeetingChange:
    """The changes `meeting set` makes, as the clerk gives them (names as written; items by number or title)."""

    present: Sequence[str] = ()
    remote: Sequence[str] = ()
    apologies: Sequence[str] = ()
    substitutes: Sequence[dict[str, Any]] = ()  # {name, for, agency?, delegated_authority?}
    items: Sequence[tuple[str, str]] = ()  # (number, title): items the record does not list yet
    left: Sequence[tuple[str, str]] = ()  # (person, item)
    arrived: Sequence[tuple[str, str]] = ()
    declarations: Sequence[tuple[str, str, str | None]] = ()  # (person, item, kind)
    decisions: Sequence[tuple[str, str]] = ()  # (item, text)
    votes: Sequence[tuple[str, dict[str, int]]] = ()  # (item, {for, against, abstain})
    outcomes: Sequence[tuple[str, str]] = ()  # (item, carried|lost)
    consensus: Sequence[str] = ()  # items decided without a vote
    actions: Sequence[dict[str, Any]] = ()  # {what, owner, due?}


def meeting_set(body: Body, record: AttendanceRecord, data: dict[str, Any], change: MeetingChange) -> Plan:
    """The ops for the clerk's changes, each checked against the body (names) and the record (items)."""
    work = _Work(body, record, data)
    for key, names in (("present", change.present), ("remote", change.remote), ("apologies", change.apologies)):
        for name in names:
            work.attend(key, name)
    for sub in change.substitutes:
        work.substitute(sub)
    for number, title in change.items:
        work.add_item(number, title)
    for key, pairs in (("left", change.left), ("arrived", change.arrived)):
        for person, item in pairs:
            work.item_list(item, key, person)
    for person, item, kind in change.declarations:
        work.declare(person, item, kind)
    for item, text in change.decisions:
        work.decide(item, {"text": text})
    for item, counts in change.votes:
        work.decide(item, {"by": "vote", "vote": counts})
    for item, outcome in change.outcomes:
        work.decide(item, {"outcome": outcome})
    for item in change.consensus:
        work.decide(item, {"by": "consensus"})
    for action in change.actions:
        work.action(action)
    if not work.done:
        raise UsageError("nothing to change: give at least one option (see `torctl meeting set --help`)")
    return Plan(work.flush(), f"record {', '.join(work.done)} in the record of {body.id} on {record.date}")


class _Work:
    """The record's data as it will be, changed step by step; ops are written from it at the end."""

    def __init__(self, body: Body, record: AttendanceRecord, data: dict[str, Any]):
        self.body, self.record = body, record
        self.lists = {key: list(data.get(key) or []) for key in LISTS}
        self.present_keys = [key for key in LISTS if key in data]
        self.data = data
        self.subs = list(data.get("substitutes") or [])
        self.items = [dict(i) for i in data.get("items") or []]
        self.touched: set[str] = set()
        self.new_actions: list[dict[str, Any]] = []
        self.done: list[str] = []

    def attend(self, key: str, name: str) -> None:
        post = post_id(self.body, name)
        people = People(self.body)
        for other in LISTS:
            kept = [n for n in self.lists[other] if not _same(people, n, post)]
            if kept != self.lists[other]:
                self.lists[other] = kept
                self.touched.add(other)
        self.lists[key].append(post)
        self.touched.add(key)
        self.done.append(f"{post} {'with apologies' if key == 'apologies' else key}")

    def substitute(self, sub: dict[str, Any]) -> None:
        member = post_id(self.body, str(sub["for"]))
        entry = {**sub, "for": member}
        self.subs = [s for s in self.subs if not (isinstance(s, dict) and s.get("name") == entry["name"])] + [entry]
        self.touched.add("substitutes")
        people = People(self.body)
        for key in ("expected", "apologies"):  # a member whose substitute came has sent apologies
            if key == "expected" and any(_same(people, n, member) for n in self.lists[key]):
                self.lists[key] = [n for n in self.lists[key] if not _same(people, n, member)]
                self.lists["apologies"].append(member)
                self.touched.update(("expected", "apologies"))
        self.done.append(f"{entry['name']} for {member}")

    def _item(self, ref: str) -> dict[str, Any]:
        key = " ".join(ref.split()).casefold()
        for item in self.items:
            if str(item.get("number", "")).casefold() == key:
                return item
        for item in self.items:
            if " ".join(str(item.get("title", "")).split()).casefold() == key:
                return item
        listed = ", ".join(f"{i.get('number')} ({i.get('title')})" for i in self.items) or "none"
        raise UsageError(f"the record has no item '{ref}'; its items: {listed}")

    def add_item(self, number: str, title: str) -> None:
        """An item taken that the record does not list yet (none from the agenda, or one added on the day)."""
        if any(str(item.get("number", "")).casefold() == number.casefold() for item in self.items):
            raise UsageError(f"the record already has an item {number}; give another number (4a, 5...)")
        self.items.append({"number": number, "title": title})
        self.touched.add("items")
        self.done.append(f"item {number} ({title})")

    def item_list(self, ref: str, key: str, person: str) -> None:
        item = self._item(ref)
        item[key] = [*(item.get(key) or []), person]
        self.touched.add("items")
        self.done.append(f"{person} {key} before item {item.get('number')}")

    def declare(self, person: str, ref: str, kind: str | None) -> None:
        item = self._item(ref)
        interests = self.body.procedure.interests
        if kind is not None and interests is not None and interests.kind(kind) is None:
            from ..suggest import did_you_mean

            kinds = [k.kind for k in interests.kinds]
            raise UsageError(
                f"the ToR names no interest of kind '{kind}'{did_you_mean(kind, kinds)}; kinds: {', '.join(kinds)}"
            )
        entry = {"person": person, **({"kind": kind} if kind else {})}
        item["declarations"] = [*(item.get("declarations") or []), entry]
        self.touched.add("items")
        self.done.append(f"a declaration by {person} on item {item.get('number')}")

    def decide(self, ref: str, part: dict[str, Any]) -> None:
        item = self._item(ref)
        decision = dict(item.get("decision") or {})
        decision.update(part)
        if "vote" in part:
            decision["by"] = "vote"
        elif part.get("by") == "consensus":
            decision.pop("vote", None)
        elif "vote" not in decision and decision.get("by") in (None, "vote"):
            decision["by"] = "not-recorded"  # how it was taken is not said (yet): never assumed a vote or consensus
        if "text" not in decision:
            raise UsageError(
                f"item {item.get('number')} has no decision yet: give the resolution as well, 'ITEM: the decision'"
            )
        order = ("text", "kind", "by", "vote", "outcome")
        item["decision"] = {k: decision[k] for k in order if k in decision}
        self.touched.add("items")
        what = "a vote" if "vote" in part else "the outcome" if "outcome" in part else "a decision"
        what = "a decision by consensus" if part.get("by") == "consensus" else what
        self.done.append(f"{what} on item {item.get('number')}")

    def action(self, action: dict[str, Any]) -> None:
        taken = {str(a.get("id")) for a in self.data.get("actions") or [] if isinstance(a, dict)}
        taken |= {a["id"] for a in self.new_actions}
        number = 1
        while f"{self.record.date.isoformat()}-{number}" in taken:
            number += 1
        self.new_actions.append({"id": f"{self.record.date.isoformat()}-{number}", **action})
        self.done.append(f"action {self.new_actions[-1]['id']}")

    def flush(self) -> list[Op]:
        ops: list[Op] = []
        for key in LISTS:
            if key in self.touched:
                ops += _list_ops(key, list(self.data.get(key) or []), self.lists[key])
        if "substitutes" in self.touched:
            ops.append(set_(("substitutes",), self.subs))
        listed = self.data.get("items") or []
        for index, item in enumerate(self.items):
            if index >= len(listed):  # an item added by `--item`
                ops.append(insert(("items",), index, item) if index else set_(("items",), [item]))
            elif item != listed[index]:
                ops += merge_ops(("items", index), listed[index], item)
        existing = self.data.get("actions") or []
        for action in self.new_actions:
            ops.append(insert(("actions",), len(existing), action) if existing else set_(("actions",), [action]))
            existing = [*existing, action]
        return ops


def _list_ops(key: str, old: list[Any], new: list[Any]) -> list[Op]:
    """A list of names changed entry by entry (each entry's comment goes with it); `expected` goes when empty."""
    if not new and key == "expected":
        return [delete((key,))]
    kept = [name for name in old if name in new]
    ops: list[Op] = [delete((key, i)) for i in reversed(range(len(old))) if old[i] not in new]
    if not kept:
        return [set_((key,), Flow(tuple(new)))]
    return ops + [insert((key,), len(kept) + i, name) for i, name in enumerate(new[len(kept) :])]


def _same(people: People, written: str, post: str) -> bool:
    try:
        return people.member(str(written)).id == post
    except Unresolved:
        return False


# ---------------------------------------------------------------- the edit itself


def edit_record(
    root: Path,
    path: Path,
    build: Callable[[AttendanceRecord, dict[str, Any]], Plan],
    check: Callable[[Path, str], list[Finding]],
    *,
    dry_run: bool = False,
) -> tuple[Plan, EditOutcome]:
    """One change to a meeting record as a transaction: lock, read, build, apply, read back, check, write.

    `check(path, text)` returns the findings the record would have against its body; an error refuses the edit.
    """
    from ..data.reader import Text, read
    from ..data.reporters import format_text
    from ..data.yamlio import parse_text

    with edit_lock(root):
        raw = read_bytes(path)
        before = raw.decode("utf-8", errors="replace")
        shown = display_path(path)
        current = read(Text(shown, before.removeprefix("\ufeff")), AttendanceRecord)
        if current.model is None:
            raise UsageError(f"cannot read the meeting record:\n{format_text(current.findings)}")
        data = parse_text(before.removeprefix("\ufeff")).data or {}
        plan = build(current.model, data)
        after, meant = apply_ops(before, plan.ops, AttendanceRecord)
        outcome = EditOutcome(path, shown, before, after, plan.summary, list(plan.notes))
        if not outcome.changed:
            outcome.notes.append("nothing to change: the record already says this")
            return plan, outcome
        result = read(Text(shown, after), AttendanceRecord)
        if result.parsed is not None and result.parsed.data != meant:  # pragma: no cover - a bug in the round trip
            raise TorctlError(
                f"internal error: editing {shown} would change data it should not", exit_code=EXIT_INTERNAL
            )
        found = result.findings if result.model is None else check(path, after)
        errors = [f for f in found if f.severity == "error"]
        if errors:
            listed = "\n".join("  " + line for line in format_text(errors).splitlines())
            raise EditRefused(f"{plan.summary}: refused, it would make {shown} invalid; nothing was written:\n{listed}")
        outcome.warnings = found
        if not dry_run:
            replace_contents(path, after.encode("utf-8"), expected=raw)
            outcome.written = True
    return plan, outcome


def record_findings(root: Path, path: Path, text: str) -> list[Finding]:
    """The findings a meeting record with `text` at `path` would have in the bodies directory `root`: its own
    (names, items, votes against its body) and any it would cause (another record of the same meeting)."""
    from ..data.checks import findings_of
    from ..data.load import load_tree
    from ..data.reader import Text, read
    from ..data.tree import Document, Tree

    tree = load_tree(root, checks=None)
    shown = display_path(path)
    result = read(Text(shown, text), AttendanceRecord)
    if result.model is None:
        return result.findings
    doc = Document(path, shown, ATTENDANCE_DIR, result.parsed, result.model)
    others = [d for d in tree.documents if d.path.resolve() != path.resolve()]
    new_tree = Tree(
        root=tree.root, agencies=tree.agencies, bodies=tree.bodies, documents=[*others, doc], registry=tree.registry
    )
    return [f for f in findings_of(new_tree) if f.path == shown]
