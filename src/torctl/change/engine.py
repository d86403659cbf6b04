"""Safe edits of ToR files as transactions: locked, built from what was read, checked, then compare-and-swap.

An edit (`edit_body`) holds the bodies directory's lock (`change.lock`) while the
files are read, the plan is built from them, checked and written. Its ops
(`change.ops`) are applied to a ruamel round-trip tree, which keeps comments,
key order, quoting and blank lines (`change.roundtrip`), and to the plain data
the fast loader reads, which says what the result must mean. The new text is
then read back through the one model reader (`data.reader.read`) and must
(1) mean exactly that data, (2) validate against the model, and (3) add no error
to the cross-file checks of the whole bodies directory (a post removed while
another body still names it, a quorum that can no longer be met). Only then is
the file replaced, and only if its bytes are still those read
(`atomic.replace_contents`). A refused edit leaves the file untouched and says
why, at lines of the file as it is on disk.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import InterruptedWrite, interrupted_message, pending_write, replace_contents
from ..data.reporters import format_text, sort_findings
from ..data.tree import Document, Tree
from ..errors import EXIT_INTERNAL, Message, TorctlError, UsageError
from ..findings import Finding
from ..model import Body
from .lock import edit_lock
from .ops import EditRefused, Op, Plan, apply_ops
from .textdiff import line_map, unified_diff

if TYPE_CHECKING:
    from ..data.reader import Read


@dataclass
class EditOutcome:
    """What an edit did (or, with a dry run, would do)."""

    path: Path
    display: str
    before: str
    after: str
    summary: str
    notes: list[str | Message] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    written: bool = False

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def unified_diff(self) -> str:
        return unified_diff(self.before, self.after, f"a/{self.display}", f"b/{self.display}")


def _key(finding: Finding) -> tuple[str, str, str, str]:
    return finding.path, finding.code, finding.message, finding.severity


def _check(tree: Tree, doc: Document, result: Read[Body]) -> tuple[list[Finding], list[Finding]]:
    """(new errors, new warnings) that the edited text, as `read` made of it, brings to the whole tree."""
    from ..data.checks import findings_of

    if result.model is None:
        return result.findings, []
    model = result.model
    new_doc = Document(doc.path, doc.display, doc.kind, result.parsed, model)
    bodies = {k: v for k, v in tree.bodies.items() if tree.document_for(k) is not doc}
    bodies.setdefault(model.id, model)
    new_tree = Tree(
        root=tree.root,
        agencies=tree.agencies,
        bodies=bodies,
        documents=[new_doc if d is doc else d for d in tree.documents],
        registry=tree.registry,
        broken_bodies=set(tree.broken_bodies),  # a reference to a broken body is no new error after the edit
    )
    old = Counter(_key(f) for f in findings_of(tree))
    added: list[Finding] = []
    for finding in findings_of(new_tree):
        if old[_key(finding)]:
            old[_key(finding)] -= 1
        else:
            added.append(finding)
    return [f for f in added if f.severity == "error"], [f for f in added if f.severity != "error"]


def _on_disk(findings: list[Finding], doc: Document, before: str, after: str) -> list[Finding]:
    """Place findings in the edited file at the lines of the file as it is on disk (it is not changed)."""
    mapping = line_map(before, after)
    placed = [
        f.at(f.path, mapping.get(f.line, f.line), f.column) if f.path == doc.display and f.line is not None else f
        for f in findings
    ]
    return sort_findings(placed)


def _refusal(summary: str, doc: Document, errors: list[Finding], before: str, after: str) -> EditRefused:
    """Why an edit is refused, in plain words, with each error at its line of the file on disk."""
    listed = "\n".join("  " + line for line in format_text(_on_disk(errors, doc, before, after)).splitlines())
    others = sorted({f.path for f in errors if f.path != doc.display})
    why = (
        f"it would leave references in {', '.join(others)} dangling"
        if others
        else f"it would make {doc.display} invalid"
    )
    return EditRefused(f"{summary}: refused, {why}; nothing was written:\n{listed}")


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None


def edit_body(
    root: Path,
    body_id: str,
    build: Callable[[Body, Tree], Plan],
    *,
    dry_run: bool = False,
    lock_wait: float | None = None,
    command: str = "",
    on_wait: Callable[[str], None] | None = None,
) -> tuple[Plan, EditOutcome]:
    """One edit as a transaction: lock, load, build the plan from what was read, check, compare-and-swap.

    `build(body, tree)` returns the `Plan`; it runs under the lock on the body as it
    is on disk, so every target it names is resolved against the bytes that will be
    replaced. Returns the plan and the outcome. `lock_wait`, `command` and `on_wait` are `edit_lock`'s
    (how long to wait for another edit, what this one is, whom to tell who is being waited for).
    """
    from ..data.load import load_tree
    from ..data.tree import match_body

    with edit_lock(root, lock_wait, command=command, on_wait=on_wait):
        tree = load_tree(root, checks=None)
        body_id = match_body(tree.bodies, body_id) or body_id  # an id or short name in any case
        editable_document(tree, body_id)
        plan = build(tree.bodies[body_id], tree)
        outcome = apply_edit(tree, body_id, plan.ops, summary=plan.summary, notes=plan.notes, dry_run=dry_run)
    return plan, outcome


def editable_document(tree: Tree, body_id: str) -> Document:
    """The file of a body that loaded cleanly; a usage error for an unknown or unreadable one, or for a file
    whose last in-place write was interrupted (it may be half-written: the user restores it first)."""
    for named in tree.documents:
        if named.kind == "body" and named.path.stem == body_id and (keep := pending_write(named.path)) is not None:
            raise InterruptedWrite(interrupted_message(Path(named.display), keep) + "; nothing was written")
    if body_id not in tree.bodies:
        broken = next(
            (d for d in tree.documents if d.kind == "body" and d.model is None and d.path.stem == body_id), None
        )
        if broken is not None:
            raise UsageError(
                f"{broken.display} does not validate, so torctl cannot edit it; run `torctl validate` and fix it first"
            )
        tree.body(body_id)  # raises, suggesting the nearest ids
    doc = tree.document_for(body_id)
    assert doc is not None
    return doc


def apply_edit(
    tree: Tree,
    body_id: str,
    ops: Sequence[Op],
    *,
    summary: str,
    notes: Sequence[str | Message] = (),
    dry_run: bool = False,
) -> EditOutcome:
    """Apply `ops` to one body's file: checked, then written atomically (unless `dry_run`).

    Raises `EditRefused` (exit 1) when the result would be invalid or would add an
    error anywhere in the bodies directory; the file is then left untouched.
    """
    from ..data.reader import Text, read

    doc = editable_document(tree, body_id)
    raw = read_bytes(doc.path)
    before = raw.decode("utf-8", errors="replace")
    if doc.parsed is None or before.removeprefix("\ufeff") != doc.parsed.text:
        raise EditRefused(f"{doc.display} changed while editing; nothing written. Run the command again")
    after, meant = apply_ops(before, ops)
    outcome = EditOutcome(doc.path, doc.display, before, after, summary, list(notes))
    if not outcome.changed:
        outcome.notes.append("nothing to change: the file already says this")
        return outcome
    result = read(Text(doc.display, after), Body)
    if result.parsed is not None and result.parsed.data != meant:  # pragma: no cover - a bug in the round trip
        raise TorctlError(
            f"internal error: editing {doc.display} would change data it should not; nothing was written",
            exit_code=EXIT_INTERNAL,
        )
    errors, warnings = _check(tree, doc, result)
    if errors:
        raise _refusal(summary, doc, errors, before, after)
    outcome.warnings = _on_disk(warnings, doc, before, after)
    if dry_run:
        return outcome
    outcome.notes.extend(replace_contents(doc.path, after.encode("utf-8"), expected=raw))
    outcome.written = True
    return outcome
