"""The edits a governance officer makes to a ToR, as ops for the edit engine (`torctl.change.engine`).

Each function reads the validated body, decides what to change and returns a
`Plan`: the ops, a one-line summary, and notes for the user (e.g. "the
substitute will not count without delegated authority"). A message or note that
says what to pass names the parameter (`Message`: `{next_due}`), which the
caller spells as its user knows it. Whether the result is
valid, and whether another body still refers to a removed post, is decided by
`edit.apply_edit`, which runs the normal checks on the edited text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from ..errors import Message, UsageError
from ..model import Agency, Body, Chair, Member, PartialDate, Review, SubstitutionRule
from ..rules.quorum import agency_label
from ..suggest import did_you_mean
from .ops import DocPath, EditRefused, Flow, Match, Op, Plan, by_id, delete, insert, set_

Tristate = Literal["yes", "no", "class"]


def _member_index(body: Body, post_id: str) -> int:
    for i, member in enumerate(body.members):
        if member.id == post_id:
            return i
    ids = [m.id for m in body.members]
    raise UsageError(f"{body.id} has no post '{post_id}'{did_you_mean(post_id, ids)}; its posts are: {', '.join(ids)}")


def _set_or_clear(path: DocPath, present: bool, value: Any) -> list[Op]:
    """Set `value`, or delete the key when `value` is None (the model's default)."""
    if value is None:
        return [delete(path)] if present else []
    return [set_(path, value)]


# ---------------------------------------------------------------- members

_Edit = tuple[list[Op], str]  # the ops of one change, and how the summary words it


@dataclass(frozen=True, kw_only=True)
class PostFields:
    """A post's fields as an edit gives them (`member add`, `member update`); None leaves one as it is."""

    role: str | None = None
    agency: str | None = None
    holder: str | None = None
    vacancy: str | None = None
    member_class: str | None = None
    votes: Tristate | None = None
    counts_for_quorum: Tristate | None = None
    attends: str | None = None


@dataclass(frozen=True, kw_only=True)
class NewPost(PostFields):
    """A new post: a role and a class are required."""

    role: str
    member_class: str


def member_add(
    body: Body,
    agencies: Mapping[str, Agency],
    post_id: str,
    post: NewPost,
    *,
    after: str | None = None,
    notes: Sequence[str] = (),
) -> Plan:
    """A new post; placed after `after`, else after the last post of the same class, else last."""
    if body.member(post_id) is not None:
        raise UsageError(f"{body.id} already has a post '{post_id}'; use `torctl member update` to change it")
    if after is not None:
        position = _member_index(body, after) + 1
    else:
        same = [i for i, m in enumerate(body.members) if m.member_class.value == post.member_class]
        position = same[-1] + 1 if same else len(body.members)
    # placed after a post named by id (resolved when applied), or first in an empty list
    anchor: int | Match = by_id(body.members[position - 1].id) if position else 0
    where = f"after '{body.members[position - 1].id}'" if position < len(body.members) else "at the end of the list"
    label = f"{post.role} ({post.holder})" if post.holder else post.role
    who = f", {agency_label(agencies, post.agency)}" if post.agency else ""
    return Plan(
        [insert(("members",), anchor, _post_item(post_id, post, notes))],
        f"add post '{post_id}' ({label}{who}, {post.member_class}) to {body.id}",
        [f"placed {where}"],
    )


def _post_item(post_id: str, post: NewPost, notes: Sequence[str]) -> dict[str, Any]:
    """A new post as the house style writes it: only what differs from its class, keys in the model's order."""
    item: dict[str, Any] = {"id": post_id, "role": post.role}
    for key, text in (("agency", post.agency), ("holder", post.holder), ("vacancy", post.vacancy)):
        if text:
            item[key] = text
    item["class"] = post.member_class
    for key, flag in (("votes", post.votes), ("counts_for_quorum", post.counts_for_quorum)):
        if flag in ("yes", "no"):
            item[key] = flag == "yes"
    if post.attends and post.attends != "class":
        item["attends"] = post.attends
    if notes:
        item["notes"] = list(notes)
    return item


def member_remove(body: Body, post_id: str) -> Plan:
    member = body.members[_member_index(body, post_id)]
    return Plan([delete(("members", by_id(post_id)))], f"remove post '{post_id}' ({member.label()}) from {body.id}")


def member_update(
    body: Body, post_id: str, change: PostFields, *, clear_holder: bool = False, note: str | None = None
) -> Plan:
    """Change a post's fields. A new holder fills a vacancy; a vacancy clears the holder."""
    member = body.members[_member_index(body, post_id)]
    if change.holder is not None and (clear_holder or change.vacancy):
        raise UsageError(Message("give either {holder}, or {vacancy} / {clear_holder}, not both"))
    base: DocPath = ("members", by_id(post_id))
    edits = [
        *_field_edits(member, base, change, clear_holder),
        *_override_edits(member, base, change),
        *_note_edits(member, base, note),
    ]
    if not edits:
        raise UsageError("nothing to change: give at least one option (see `torctl member update --help`)")
    ops = [op for edit_ops, _ in edits for op in edit_ops]
    return Plan(ops, f"update post '{post_id}' of {body.id}: {', '.join(words for _, words in edits)}")


def _field_edits(member: Member, base: DocPath, change: PostFields, clear_holder: bool) -> list[_Edit]:
    """Role, agency, holder or vacancy, and class: set as given."""
    edits: list[_Edit] = [
        ([set_((*base, key), text)], f"{key} to '{text}'")
        for key, text in (("role", change.role), ("agency", change.agency))
        if text is not None
    ]
    if change.holder is not None:
        filled = [delete((*base, "vacancy"))] if member.vacancy else []
        edits.append(([set_((*base, "holder"), change.holder), *filled], f"holder to {change.holder}"))
    if change.vacancy is not None:
        edits.append(([set_((*base, "vacancy"), change.vacancy)], f"vacancy to '{change.vacancy}'"))
    if (change.vacancy is not None or clear_holder) and member.holder:
        edits.append(([delete((*base, "holder"))], f"holder {member.holder} removed"))
    if change.member_class is not None:
        edits.append(([set_((*base, "class"), change.member_class)], f"class to '{change.member_class}'"))
    return edits


def _override_edits(member: Member, base: DocPath, change: PostFields) -> list[_Edit]:
    """Voting, quorum counting and attendance: the post's own value, or `class` to follow its class again."""
    edits: list[_Edit] = []
    for key, flag, current in (
        ("votes", change.votes, member.votes),
        ("counts_for_quorum", change.counts_for_quorum, member.counts_for_quorum),
    ):
        if flag is not None:
            value = {"yes": True, "no": False, "class": None}[flag]
            words = "from its class" if value is None else ("yes" if value else "no")
            edits.append((_set_or_clear((*base, key), current is not None, value), f"{key.replace('_', ' ')} {words}"))
    if change.attends is not None:
        attends = None if change.attends == "class" else change.attends
        ops = _set_or_clear((*base, "attends"), member.attends is not None, attends)
        edits.append((ops, f"attends {'from its class' if attends is None else attends}"))
    return edits


def _note_edits(member: Member, base: DocPath, note: str | None) -> list[_Edit]:
    if not note:
        return []
    if member.notes:
        return [([insert((*base, "notes"), len(member.notes), note)], "a note added")]
    return [([set_((*base, "notes"), [note])], "a note added")]


@dataclass(frozen=True)
class NamedSubstitute:
    """A named substitute for a post, as `member substitute` gives it."""

    name: str
    delegated: bool = False
    role: str | None = None
    agency: str | None = None


def member_substitute(body: Body, post_id: str, sub: NamedSubstitute, *, replace: bool = False) -> Plan:
    """Record a named substitute for a post, within the ToR's substitution rule."""
    member = body.members[_member_index(body, post_id)]
    base: DocPath = ("members", by_id(post_id), "substitutes")
    rule = body.substitution
    if rule.who == "none":
        raise EditRefused(f"{body.id}'s ToR allows no substitutes (substitution.who: none); nothing was written")
    record = _substitute_record(sub, rule)
    notes = _substitute_notes(sub, rule, member)
    what = (
        f"substitute {sub.name}{' with delegated authority' if sub.delegated else ''} for {member.label()} in {body.id}"
    )
    existing = _substitute_index(member, sub.name)
    if replace or not member.substitutes:
        return Plan([set_(base, [record])], f"record {what}", notes)
    if existing is not None:
        record["name"] = member.substitutes[existing].name  # keep the name as first written
        by_name = Match("name", member.substitutes[existing].name)
        return Plan([set_((*base, by_name), {**_substitute_data(member, existing), **record})], f"update {what}", notes)
    if rule.max_named is not None and len(member.substitutes) >= rule.max_named:
        named = ", ".join(s.name for s in member.substitutes)
        raise EditRefused(
            Message(
                "{body}'s ToR allows {most} named substitute{s} per member and {post} already has {named}; "
                "pass {replace} to replace, or remove one first; nothing was written",
                body=body.id,
                most=rule.max_named,
                s="s" if rule.max_named != 1 else "",
                post=member.label(),
                named=named,
            )
        )
    return Plan([insert(base, len(member.substitutes), record)], f"record {what}", notes)


def member_substitute_remove(body: Body, post_id: str, name: str) -> Plan:
    """Drop a named substitute of a post (the whole list when it is the only one)."""
    member = body.members[_member_index(body, post_id)]
    base: DocPath = ("members", by_id(post_id), "substitutes")
    existing = _substitute_index(member, name)
    if existing is None:
        named = ", ".join(s.name for s in member.substitutes) or "none"
        raise UsageError(f"{member.label()} has no substitute named '{name}' (named: {named})")
    only = len(member.substitutes) == 1
    op = delete(base) if only else delete((*base, Match("name", member.substitutes[existing].name)))
    return Plan([op], f"remove substitute {name} for {member.label()} in {body.id}")


def _substitute_index(member: Member, name: str) -> int | None:
    return next((k for k, s in enumerate(member.substitutes) if s.name.casefold() == name.casefold()), None)


def _substitute_record(sub: NamedSubstitute, rule: SubstitutionRule) -> dict[str, Any]:
    record: dict[str, Any] = {"name": sub.name}
    if sub.role:
        record["role"] = sub.role
    if sub.agency:
        record["agency"] = sub.agency
    if sub.delegated or rule.delegated_authority_required:
        record["delegated_authority"] = sub.delegated
    return record


def _substitute_notes(sub: NamedSubstitute, rule: SubstitutionRule, member: Member) -> list[str | Message]:
    """What the ToR's substitution rule says about this substitute, where it limits them."""
    notes: list[str | Message] = []
    if rule.delegated_authority_required and not sub.delegated:
        notes.append(
            Message(
                "the ToR requires delegated authority: this substitute will not count toward quorum or votes; "
                "pass {delegated} if they hold the member's delegated authority"
            )
        )
    if rule.who == "same-agency" and sub.agency and member.agency and sub.agency != member.agency:
        notes.append(f"the ToR asks for a substitute from the member's own agency ({member.agency})")
    return notes


def _substitute_data(member: Member, index: int) -> dict[str, Any]:
    sub = member.substitutes[index]
    return sub.model_dump(exclude_defaults=True)


# ---------------------------------------------------------------- chair


@dataclass(frozen=True, kw_only=True)
class ChairChange:
    """Who chairs, as `chair set` gives it: one mode (a post, a rotation, vacant, not stated), or whose turn."""

    post: str | None = None
    independent: bool = False
    rotate: Sequence[str] | None = None
    every_months: int | None = None
    order: Sequence[str] | None = None
    current: str | None = None
    since: PartialDate | None = None
    vacant: bool = False
    not_stated: bool = False
    text: str | None = None

    @property
    def modes(self) -> int:
        """How many modes are given (one at most)."""
        return sum((bool(self.post), bool(self.rotate), self.vacant, self.not_stated))

    @property
    def turn_only(self) -> bool:
        """No mode, only the rotation's turn (who is current, since when, in what order, how long)."""
        turn = (self.current, self.since, self.order, self.every_months)
        return not self.modes and any(part is not None for part in turn)


def chair_set(body: Body, change: ChairChange, *, deputy: bool = False) -> Plan:
    """Who chairs (or deputises): a post, an independent post, a rotation, a vacancy; or the rotation's turn."""
    field_name, title = ("deputy_chair", "deputy chair") if deputy else ("chair", "chair")
    chair: Chair | None = getattr(body, field_name)
    _check_chair_change(change)
    data = _chair_data(change) if change.modes else None
    if chair is None:
        if data is None:
            raise UsageError(
                Message(
                    "{body} has no {title}; give {post}, {rotate}, {vacant} or {not_stated}", body=body.id, title=title
                )
            )
        if change.text:
            data["text"] = change.text
        return Plan([set_((field_name,), data)], f"set the {title} of {body.id}: {_mode_words(data)}")
    base: DocPath = (field_name,)
    if change.turn_only:
        plan = _rotation_turn(chair, change, base, title, body.id)
    elif data is not None:
        plan = Plan(_mode_ops(chair, data, base), f"set the {title} of {body.id}: {_mode_words(data)}")
        if change.text is None and chair.text:
            plan.notes.append(
                Message(
                    'the {title}\'s text still reads "{words}"; pass {text} to update it', title=title, words=chair.text
                )
            )
    else:
        plan = Plan([], f"update the {title}'s text in {body.id}")
    if change.text is not None:
        plan.ops.append(set_((*base, "text"), change.text))
    return plan


def _check_chair_change(change: ChairChange) -> None:
    if change.modes > 1:
        raise UsageError(Message("give one of {post}, {rotate}, {vacant} or {not_stated}"))
    if change.independent and not change.post:
        raise UsageError(Message("{independent} goes with {post} (the independent chair's post)"))
    if not change.modes and not change.turn_only and change.text is None:
        raise UsageError(
            Message("nothing to change: give {post}, {rotate}, {vacant}, {not_stated}, {current}/{since} or {text}")
        )


def _rotation_turn(chair: Chair, change: ChairChange, base: DocPath, title: str, body_id: str) -> Plan:
    """Record whose turn a rotating chair is, since when, in what order and for how long."""
    if chair.rotation is None:
        raise UsageError(
            Message(
                "the {title} of {body} does not rotate; {current}, {since} and {order} need a rotation",
                title=title,
                body=body_id,
            )
        )
    rot = (*base, "rotation")
    ops = []
    if change.order is not None:
        ops.append(set_((*rot, "order"), Flow(tuple(change.order))))
    if change.every_months is not None:
        ops.append(set_((*rot, "period"), {"months": change.every_months}))
    if change.current is not None:
        ops.append(set_((*rot, "current"), change.current))
    if change.since is not None:
        ops.append(set_((*rot, "since"), change.since))
    parts = (
        f"current {change.current}" if change.current else "",
        f"since {change.since.human()}" if change.since else "",
        f"order {', '.join(change.order)}" if change.order else "",
        f"every {change.every_months} months" if change.every_months else "",
    )
    return Plan(ops, f"record the {title} rotation of {body_id}: " + ", ".join(part for part in parts if part))


def _mode_ops(chair: Chair, data: Mapping[str, Any], base: DocPath) -> list[Op]:
    """Change the chair's mode: set its post or rotation, and drop the one it no longer has."""
    ops = [set_((*base, "mode"), data["mode"])]
    for key, present in (("post", chair.post), ("rotation", chair.rotation)):
        if key in data:
            ops.append(set_((*base, key), data[key]))
        elif present:
            ops.append(delete((*base, key)))
    return ops


def _chair_data(change: ChairChange) -> dict[str, Any]:
    """The chair's `mode` and its post or rotation, from the one mode given."""
    if change.post:
        return {"mode": "independent" if change.independent else "post", "post": change.post}
    if change.rotate:
        return {"mode": "rotation", "rotation": _rotation(change.rotate, change)}
    return {"mode": "vacant" if change.vacant else "not-stated"}


def _rotation(among: Sequence[str], change: ChairChange) -> dict[str, Any]:
    data: dict[str, Any] = {"among": Flow(tuple(among)), "period": {"months": change.every_months or 12}}
    if change.order:
        data["order"] = Flow(tuple(change.order))
    if change.current:
        data["current"] = change.current
    if change.since:
        data["since"] = change.since
    return data


def _mode_words(data: Mapping[str, Any]) -> str:
    mode = str(data["mode"])
    if mode in ("post", "independent"):
        return f"{'independent chair, ' if mode == 'independent' else ''}post '{data['post']}'"
    if mode == "rotation":
        return f"rotating among {', '.join(data['rotation']['among'].items)}"
    return mode


# ---------------------------------------------------------------- review


def review_record(
    body: Body,
    date: PartialDate,
    *,
    by: str | None = None,
    notes: str | None = None,
    next_due: PartialDate | None = None,
    today: dt.date | None = None,
) -> Plan:
    """Append a completed review to `review.history`, set `last_reviewed`, and move `next_due` on.

    With a cadence, the next review is due one cadence after this review (written
    to `next_due`); an explicit `next_due` later than this review is kept as the
    ToR's own date. Without a cadence `next_due` is left alone, unless it would
    fall before this review, which needs `next_due` from the user.
    """
    today = today or dt.date.today()
    review = body.review
    if date.first_day > today:
        raise UsageError(f"a review on {date.human()} is in the future; record a review once it has taken place")
    latest = review.latest_review()
    if latest is not None and date.first_day < latest.first_day:
        raise UsageError(
            f"{body.id} was last reviewed in {latest.human()}; a review on {date.human()} is earlier, "
            "and reviews are recorded in date order"
        )
    if any(r.date == date for r in review.history):
        raise UsageError(f"a review on {date.human()} is already recorded for {body.id}")

    record: dict[str, Any] = {"date": date}
    if by:
        record["by"] = by
    if notes:
        record["notes"] = notes
    ops: list[Op] = []
    if review.history:
        ops.append(insert(("review", "history"), len(review.history), record))
    else:
        ops.append(set_(("review", "history"), [record]))
    ops.append(set_(("review", "last_reviewed"), date))

    said: list[str | Message] = []
    new_due = next_due
    if new_due is None:
        new_due, said = _next_due_after(review, date)
    else:
        said.append(f"next review due {new_due.human()} (given)")
    if new_due is not None and new_due != review.next_due:
        if new_due.last_day < date.first_day:
            raise UsageError(f"the next review ({new_due.human()}) cannot be before this review ({date.human()})")
        ops.append(set_(("review", "next_due"), new_due))
    if review.unknown_reason:
        said.append(
            f'review.unknown_reason still reads "{review.unknown_reason}"; edit or remove it if it no longer applies'
        )
    return Plan(ops, f"record a review of {body.id} on {date.human()}{f' by {by}' if by else ''}", said)


def _next_due_after(review: Review, date: PartialDate) -> tuple[PartialDate | None, list[str | Message]]:
    """The next review date after a review on `date`, and what to tell the user about it."""
    explicit = review.next_due
    if review.cadence is None or review.cadence.unit is None:
        if explicit is not None and explicit.last_day < date.first_day:
            raise UsageError(
                Message(
                    "the ToR gives no review cadence and its next review date ({due}) would be before this review; "
                    "pass {next_due} DATE",
                    due=explicit.human(),
                )
            )
        kept = f"next review stays {explicit.human()}" if explicit else "no next review date is set"
        return explicit, [
            Message("the ToR gives no review cadence, so {kept}; pass {next_due} DATE to set one", kept=kept)
        ]
    if explicit is not None and explicit.first_day > date.last_day:
        return explicit, [f"next review stays {explicit.human()}, the date the ToR gives (still after this review)"]
    computed = Review(cadence=review.cadence, last_reviewed=date).next_review_due()
    if computed is None:  # a cadence in working days: no calendar rule for a review date
        return explicit, [
            f"a review cadence of {review.cadence.human()} gives no calendar date; next review left alone"
        ]
    why = f"one cadence ({review.cadence.human()}) after this review"
    if explicit is not None:
        why += f"; rolled forward from {explicit.human()}"
    return computed, [f"next review due {computed.human()}: {why}"]
