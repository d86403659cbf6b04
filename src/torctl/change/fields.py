"""Any field of a ToR set or unset by its schema path, and the keyed lists (classes, standing items, duties,
special majorities, interest kinds, open questions) added to and removed from, as plans for the edit engine.

The plans say what to change; `change.engine.edit_body` applies them under the
lock, re-checks the whole bodies directory and writes atomically.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..data.tree import Tree
from ..model import Agency
from .engine import EditOutcome
from ..data.yamlio import parse_text
from ..errors import Message, UsageError
from ..model import Body
from .ops import DocPath, EditRefused, Flow, Match, Op, Plan, delete, insert, merge_ops, set_
from .paths import FieldPath, PathProblem, item_key, resolve, with_constraints
from .values import Value, check_value, is_model, not_stated, parse_value, unwrap, words_for

# Keys that hold the ToR's own words or torctl's reading of them: kept when the value beside them is replaced.
PROVENANCE = ("text", "reading")


def file_data(tree: Tree, body_id: str) -> dict[str, Any]:
    """The body's file as plain data (what the file says, not the model's defaults)."""
    doc = tree.document_for(body_id)
    if doc is None or doc.parsed is None or doc.parsed.text is None:  # pragma: no cover - the engine checked
        raise UsageError(f"cannot read the file of {body_id}")
    data = parse_text(doc.parsed.text).data
    return data if isinstance(data, dict) else {}


def _shown(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 60 else flat[:57] + "..."


def _read(target: FieldPath, text: str) -> Value:
    """The value for the field at `target`, with the forms it takes in the message when it cannot be read."""
    try:
        return parse_value(target.kind, text)
    except UsageError as exc:
        raise type(exc)(f"{target.text}: {exc.message}\n  {target.text} takes {words_for(target.kind)}") from None


def _ancestor_ops(data: dict[str, Any], doc: DocPath, value: Any) -> list[Op]:
    """Set `value` at `doc`, creating the mappings on the way where the file has none (or null)."""
    node: Any = data
    for depth, part in enumerate(doc[:-1]):
        if isinstance(part, (Match, int)):
            node = _item(node, part)
            continue
        if not isinstance(node, dict) or node.get(part) is None:
            nested = value
            for key in reversed(doc[depth + 1 :]):
                nested = {key: nested}
            return [set_(doc[: depth + 1], nested)]
        node = node[part]
    return [set_(doc, value)]


def _item(items: Any, part: Match | int) -> Any:
    if isinstance(part, int):
        return items[part]
    return next(i for i in items if isinstance(i, dict) and i.get(part.key) == part.value)


def _kept(target: FieldPath, value: Any, notes: list[str | Message]) -> Any:
    """A structured value replacing another keeps the ToR's words (`text`) and the reading beside them."""
    if not (isinstance(value, dict) and isinstance(target.current, dict)):
        return value
    bare, _ = unwrap(target.kind)
    kept = dict(value)
    for key in PROVENANCE:
        old = target.current.get(key)
        if key in kept or not isinstance(old, str):
            continue
        kept[key] = old
        try:
            check_value(target.kind, kept, "")
        except UsageError:
            del kept[key]
            continue
        words = "the ToR's words" if key == "text" else "the reading"
        notes.append(
            f'{words} kept: "{_shown(old)}"; set {target.text}.{key} to change {"them" if key == "text" else "it"}'
        )
    return kept if is_model(bare) or kept != value else value


def set_field(body: Body, data: dict[str, Any], path: str, text: str, *, append: bool = False) -> Plan:
    """Set the field at `path` to `text`, read by the field's type; or with `append`, add it to the list there."""
    target = resolve(data, path)
    if append:
        return _append(body, data, target, text)
    value = _read(target, text)
    notes: list[str | Message] = list(value.notes)
    data_value = _kept(target, value.data, notes)
    if data_value is None and not target.exists and not target.required:
        return Plan(
            [], f"set {target.text} of {body.id} to not stated", ["nothing to change: the file does not set it"]
        )
    if _is_id_list(target) and isinstance(data_value, list):
        data_value = Flow(tuple(data_value))
    words = "not stated" if data_value is None else _shown(text)
    if isinstance(data_value, dict) and isinstance(target.current, dict):
        ops = merge_ops(target.doc, target.current, data_value)
    else:
        ops = _ancestor_ops(data, target.doc, data_value)
    return Plan(ops, f"set {target.text} of {body.id} to {words}", notes)


def _is_id_list(target: FieldPath) -> bool:
    bare, _ = unwrap(target.kind)
    import typing

    if typing.get_origin(bare) is not list:
        return False
    item = unwrap(typing.get_args(bare)[0])[0]
    return (not is_model(item) and item is not str) or _pattern(typing.get_args(bare)[0])


def _pattern(kind: Any) -> bool:
    import typing

    return typing.get_origin(kind) is typing.Annotated and any(
        getattr(m, "pattern", None) for a in typing.get_args(kind)[1:] for m in getattr(a, "metadata", [a])
    )


def _append(body: Body, data: dict[str, Any], target: FieldPath, text: str) -> Plan:
    import typing

    bare, _ = unwrap(target.kind)
    if typing.get_origin(bare) is not list:
        raise PathProblem(f"{target.text} is not a list; only a list takes a value added to it")
    item_kind = typing.get_args(bare)[0]
    value = _read(FieldPath(target.text, target.doc, item_kind, None, False, None, "item"), text)
    key = item_key(unwrap(item_kind)[0])
    items = target.current if isinstance(target.current, list) else []
    if (
        key
        and isinstance(value.data, dict)
        and any(isinstance(i, dict) and i.get(key) == value.data.get(key) for i in items)
    ):
        raise UsageError(f"{target.text} already has an item with {key} '{value.data.get(key)}'")
    ops = [insert(target.doc, len(items), value.data)] if items else _ancestor_ops(data, target.doc, [value.data])
    return Plan(ops, f"add to {target.text} of {body.id}: {_shown(text)}", list(value.notes))


def unset_field(body: Body, data: dict[str, Any], path: str) -> Plan:
    """Remove the value at `path`: a list item, a class, or a field (back to its default, or not stated)."""
    target = resolve(data, path)
    if not target.exists:
        return Plan([], f"unset {target.text} of {body.id}", ["nothing to change: the file does not set it"])
    if target.container == "entry":
        return class_remove(body, target.doc[-1] if isinstance(target.doc[-1], str) else target.text)
    if target.container == "item":
        return Plan([delete(target.doc)], f"remove {target.text} from {body.id}")
    if not target.required:
        return Plan([delete(target.doc)], f"unset {target.text} of {body.id} (not stated)")
    found = not_stated(target.kind)
    if found is None:
        raise UsageError(
            f"{target.text} is required and has no 'not stated'; set it instead: torctl set {body.id} {target.text} "
            f"VALUE ({words_for(target.kind)})"
        )
    notes: list[str | Message] = []
    value = _kept(target, found.data, notes)
    ops = (
        merge_ops(target.doc, target.current, value)
        if isinstance(value, dict) and isinstance(target.current, dict)
        else [set_(target.doc, value)]
    )
    return Plan(ops, f"set {target.text} of {body.id} to not stated", notes)


# ---------------------------------------------------------------- membership classes


def class_add(body: Body, class_id: str, rule: Mapping[str, str | None]) -> Plan:
    """Define a membership class: whether it votes, counts for quorum, attends; the ToR's words."""
    from ..model import ClassRule, MemberClass

    names = [c.value for c in MemberClass]
    if class_id not in names:
        from ..suggest import did_you_mean

        raise UsageError(
            f"'{class_id}' is not a membership class{did_you_mean(class_id, names)}; classes: {', '.join(names)}"
        )
    if MemberClass(class_id) in body.membership_classes:
        raise UsageError(
            f"{body.id} already defines class '{class_id}'; change it with "
            f"`torctl set {body.id} membership_classes.{class_id}.votes VALUE` (or counts_for_quorum, attends, text)"
        )
    entry = item_from(ClassRule, rule)
    entry.setdefault("votes", None)
    entry.setdefault("counts_for_quorum", None)
    words = ", ".join(
        f"{k.replace('_', ' ')} {_yes_no(v)}" for k, v in entry.items() if k in ("votes", "counts_for_quorum")
    )
    return Plan([set_(("membership_classes", class_id), entry)], f"define class '{class_id}' in {body.id}: {words}")


def _yes_no(value: Any) -> str:
    return "not stated" if value is None else ("yes" if value is True else "no" if value is False else str(value))


def class_remove(body: Body, class_id: str) -> Plan:
    from ..model import MemberClass

    if class_id not in [c.value for c in MemberClass] or MemberClass(class_id) not in body.membership_classes:
        defined = ", ".join(c.value for c in body.membership_classes)
        raise UsageError(f"{body.id} defines no class '{class_id}'; its classes: {defined}")
    users = [m.id for m in body.members if m.member_class.value == class_id]
    if users:
        raise EditRefused(
            f"class '{class_id}' is still used by {', '.join(users)}; move each post to another class first "
            "(`torctl member update`); nothing was written"
        )
    return Plan([delete(("membership_classes", class_id))], f"remove class '{class_id}' from {body.id}")


# ---------------------------------------------------------------- items of keyed lists


def item_from(model: Any, given: Mapping[str, str | None]) -> dict[str, Any]:
    """A list item of `model` from values as people write them (`every: "six weeks"`), checked field by field."""
    keys = {(info.alias or name): info for name, info in model.model_fields.items()}
    item: dict[str, Any] = {}
    for key, info in keys.items():  # in the model's order, the house style's
        text = given.get(key)
        if text is None:
            continue
        kind = with_constraints(info)
        try:
            value = parse_value(kind, text)
        except UsageError as exc:
            raise type(exc)(f"{key}: {exc.message}\n  {key} takes {words_for(kind)}") from None
        if value.data is not None:
            item[key] = Flow(tuple(value.data)) if isinstance(value.data, list) and _pattern_list(kind) else value.data
    return item


def _pattern_list(kind: Any) -> bool:
    import typing

    bare, _ = unwrap(kind)
    return typing.get_origin(bare) is list and (
        _pattern(typing.get_args(bare)[0]) or unwrap(typing.get_args(bare)[0])[0] is not str
    )


def list_add(body: Body, data: dict[str, Any], path: str, given: Mapping[str, str | None], what: str) -> Plan:
    """Add an item to the keyed list at `path` (e.g. `standing_items`), refusing a second item with the same key."""
    import typing

    target = resolve(data, path)
    bare, _ = unwrap(target.kind)
    model = unwrap(typing.get_args(bare)[0])[0]
    item = item_from(model, given)
    key = item_key(model)
    items = target.current if isinstance(target.current, list) else []
    name = str(item.get(key, "")) if key else ""
    if name and any(isinstance(i, dict) and str(i.get(key, "")).casefold() == name.casefold() for i in items):
        raise UsageError(f"{body.id} already has {what} '{name}' under {target.text}")
    check_value(typing.get_args(bare)[0], _plain(item), name or what)
    ops = [insert(target.doc, len(items), item)] if items else _ancestor_ops(data, target.doc, [item])
    return Plan(ops, f"add {what} '{name}' to {body.id}")


def _plain(item: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v.items) if isinstance(v, Flow) else v for k, v in item.items()}


def list_remove(body: Body, data: dict[str, Any], path: str, what: str) -> Plan:
    """Remove one item of a keyed list, named by its key or position."""
    target = resolve(data, path)
    items = resolve(data, path.rsplit(".", 1)[0])
    only = isinstance(items.current, list) and len(items.current) == 1 and not items.required
    return Plan(
        [delete(items.doc if only else target.doc)], f"remove {what} '{path.rsplit('.', 1)[-1]}' from {body.id}"
    )


def question_resolve(body: Body, data: dict[str, Any], number: int, value: str | None) -> Plan:
    """Close open question `number` (from 1), setting the field it names to `value` in the same edit if given."""
    questions = body.open_questions
    if not 1 <= number <= len(questions):
        raise UsageError(
            f"{body.id} has {len(questions)} open question{'s' if len(questions) != 1 else ''}; "
            f"number {number} is not one (list them with `torctl question list {body.id}`)"
        )
    question = questions[number - 1]
    ops = [delete(("open_questions", number - 1))]
    notes: list[str | Message] = []
    summary = f"resolve open question {number} of {body.id}"
    if value is not None:
        if not question.field:
            raise UsageError(f"open question {number} names no field; set the value with `torctl set` and resolve it")
        plan = set_field(body, data, question.field, value)
        ops = [*plan.ops, *ops]
        notes += plan.notes
        summary += f" ({plan.summary})"
    if len(questions) == 1:
        ops = [*ops[:-1], set_(("open_questions",), Flow(()))]
    return Plan(ops, summary, notes)


def plain_english(outcome: EditOutcome, agencies: Mapping[str, Agency]) -> list[str]:
    """An edit as `torctl diff` words it: one line per change, with what weakens governance called out first."""
    from ..data.reader import Text, read
    from .diff import diff_body
    from .diff.render import words_text

    old = read(Text(outcome.display, outcome.before), Body).model
    new = read(Text(outcome.display, outcome.after), Body).model
    found = diff_body(old, new, agencies, agencies)
    if found is None:
        return []
    lines = [f"! weakens governance ({c.section.lower()}): {c.weakens}" for c in found.weakening]
    for change in found.changes:
        if not change.warning_only:
            words = "" if change.words is None else f": {words_text(change.words)}"
            lines.append(f"{change.section}: {change.text}{words}")
    return lines
