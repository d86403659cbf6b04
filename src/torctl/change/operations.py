"""The edits a governance officer makes to a ToR, as ops for the edit engine (`torctl.change.engine`).

Each function reads the validated body, decides what to change and returns a
`Plan`: the ops, a one-line summary, and notes for the user (e.g. "the
substitute will not count without delegated authority"). Whether the result is
valid, and whether another body still refers to a removed post, is decided by
`edit.apply_edit`, which runs the normal checks on the edited text.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from collections.abc import Mapping, Sequence

from ..errors import UsageError
from ..model import Agency, Body, Chair, Member, PartialDate, Review
from ..rules.quorum import agency_label
from ..suggest import did_you_mean
from .ops import EditRefused, Flow, Match, Op, Plan, by_id, delete, insert, set_

Tristate = Literal["yes", "no", "class"]


def _member_index(body: Body, post_id: str) -> int:
    for i, member in enumerate(body.members):
        if member.id == post_id:
            return i
    ids = [m.id for m in body.members]
    raise UsageError(f"{body.id} has no post '{post_id}'{did_you_mean(post_id, ids)}; its posts are: {', '.join(ids)}")


def _tristate(value: Tristate | None) -> bool | Literal["unset"] | None:
    return {None: "unset", "yes": True, "no": False, "class": None}[value]  # type: ignore[return-value]


def _set_or_clear(path: tuple[Any, ...], present: bool, value: Any) -> Op | None:
    """Set `value`, or delete the key when `value` is None (the model's default)."""
    if value is None:
        return delete(path) if present else None
    return set_(path, value)


# ---------------------------------------------------------------- members


def member_add(
    body: Body,
    agencies: Mapping[str, Agency],
    post_id: str,
    *,
    role: str,
    member_class: str,
    agency: str | None = None,
    holder: str | None = None,
    vacancy: str | None = None,
    votes: Tristate | None = None,
    counts_for_quorum: Tristate | None = None,
    attends: str | None = None,
    after: str | None = None,
    notes: Sequence[str] = (),
) -> Plan:
    """A new post; placed after `after`, else after the last post of the same class, else last."""
    if body.member(post_id) is not None:
        raise UsageError(f"{body.id} already has a post '{post_id}'; use `torctl member update` to change it")
    item: dict[str, Any] = {"id": post_id, "role": role}
    if agency:
        item["agency"] = agency
    if holder:
        item["holder"] = holder
    if vacancy:
        item["vacancy"] = vacancy
    item["class"] = member_class
    for key, value in (("votes", votes), ("counts_for_quorum", counts_for_quorum)):
        if value in ("yes", "no"):
            item[key] = value == "yes"
    if attends and attends != "class":
        item["attends"] = attends
    if notes:
        item["notes"] = list(notes)
    if after is not None:
        position = _member_index(body, after) + 1
    else:
        same = [i for i, m in enumerate(body.members) if m.member_class.value == member_class]
        position = same[-1] + 1 if same else len(body.members)
    # placed after a post named by id (resolved when applied), or first in an empty list
    anchor: int | Match = by_id(body.members[position - 1].id) if position else 0
    where = f"after '{body.members[position - 1].id}'" if position < len(body.members) else "at the end of the list"
    label = f"{role} ({holder})" if holder else role
    who = f", {agency_label(agencies, agency)}" if agency else ""
    return Plan(
        [insert(("members",), anchor, item)],
        f"add post '{post_id}' ({label}{who}, {member_class}) to {body.id}",
        [f"placed {where}"],
    )


def member_remove(body: Body, post_id: str) -> Plan:
    member = body.members[_member_index(body, post_id)]
    return Plan([delete(("members", by_id(post_id)))], f"remove post '{post_id}' ({member.label()}) from {body.id}")


def member_update(
    body: Body,
    post_id: str,
    *,
    role: str | None = None,
    agency: str | None = None,
    holder: str | None = None,
    clear_holder: bool = False,
    vacancy: str | None = None,
    member_class: str | None = None,
    votes: Tristate | None = None,
    counts_for_quorum: Tristate | None = None,
    attends: str | None = None,
    note: str | None = None,
) -> Plan:
    """Change a post's fields. A new holder fills a vacancy; a vacancy clears the holder."""
    member = body.members[_member_index(body, post_id)]
    base = ("members", by_id(post_id))
    ops: list[Op] = []
    said: list[str] = []
    if holder is not None and (clear_holder or vacancy):
        raise UsageError("give either --holder, or --vacancy / --clear-holder, not both")
    if role is not None:
        ops.append(set_((*base, "role"), role))
        said.append(f"role to '{role}'")
    if agency is not None:
        ops.append(set_((*base, "agency"), agency))
        said.append(f"agency to '{agency}'")
    if holder is not None:
        ops.append(set_((*base, "holder"), holder))
        if member.vacancy:
            ops.append(delete((*base, "vacancy")))
        said.append(f"holder to {holder}")
    if vacancy is not None:
        ops.append(set_((*base, "vacancy"), vacancy))
        said.append(f"vacancy to '{vacancy}'")
    if (vacancy is not None or clear_holder) and member.holder:
        ops.append(delete((*base, "holder")))
        said.append(f"holder {member.holder} removed")
    if member_class is not None:
        ops.append(set_((*base, "class"), member_class))
        said.append(f"class to '{member_class}'")
    for key, flag, current in (
        ("votes", votes, member.votes),
        ("counts_for_quorum", counts_for_quorum, member.counts_for_quorum),
    ):
        value = _tristate(flag)
        if value == "unset":
            continue
        if (op := _set_or_clear((*base, key), current is not None, value)) is not None:
            ops.append(op)
        said.append(f"{key.replace('_', ' ')} {'from its class' if value is None else ('yes' if value else 'no')}")
    if attends is not None:
        attends_value = None if attends == "class" else attends
        if (op := _set_or_clear((*base, "attends"), member.attends is not None, attends_value)) is not None:
            ops.append(op)
        said.append(f"attends {'from its class' if attends_value is None else attends_value}")
    if note:
        if member.notes:
            ops.append(insert((*base, "notes"), len(member.notes), note))
        else:
            ops.append(set_((*base, "notes"), [note]))
        said.append("a note added")
    if not said:
        raise UsageError("nothing to change: give at least one option (see `torctl member update --help`)")
    return Plan(ops, f"update post '{post_id}' of {body.id}: {', '.join(said)}")


def member_substitute(
    body: Body,
    post_id: str,
    name: str,
    *,
    delegated: bool = False,
    role: str | None = None,
    agency: str | None = None,
    replace: bool = False,
    remove: bool = False,
) -> Plan:
    """Record (or with `remove`, drop) a named substitute for a post, within the ToR's substitution rule."""
    member = body.members[_member_index(body, post_id)]
    base = ("members", by_id(post_id), "substitutes")
    rule = body.substitution
    existing = next((k for k, s in enumerate(member.substitutes) if s.name.casefold() == name.casefold()), None)
    if remove:
        if existing is None:
            named = ", ".join(s.name for s in member.substitutes) or "none"
            raise UsageError(f"{member.label()} has no substitute named '{name}' (named: {named})")
        op = (
            delete(base)
            if len(member.substitutes) == 1
            else delete((*base, Match("name", member.substitutes[existing].name)))
        )
        return Plan([op], f"remove substitute {name} for {member.label()} in {body.id}")
    if rule.who == "none":
        raise EditRefused(f"{body.id}'s ToR allows no substitutes (substitution.who: none); nothing was written")
    record: dict[str, Any] = {"name": name}
    if role:
        record["role"] = role
    if agency:
        record["agency"] = agency
    if delegated or rule.delegated_authority_required:
        record["delegated_authority"] = delegated
    notes: list[str] = []
    if rule.delegated_authority_required and not delegated:
        notes.append(
            "the ToR requires delegated authority: this substitute will not count toward quorum or votes; "
            "pass --delegated if they hold the member's delegated authority"
        )
    if rule.who == "same-agency" and agency and member.agency and agency != member.agency:
        notes.append(f"the ToR asks for a substitute from the member's own agency ({member.agency})")
    what = f"substitute {name}{' with delegated authority' if delegated else ''} for {member.label()} in {body.id}"
    if replace or not member.substitutes:
        return Plan([set_(base, [record])], f"record {what}", notes)
    if existing is not None:
        record["name"] = member.substitutes[existing].name  # keep the name as first written
        by_name = Match("name", member.substitutes[existing].name)
        return Plan([set_((*base, by_name), {**_substitute_data(member, existing), **record})], f"update {what}", notes)
    if rule.max_named is not None and len(member.substitutes) >= rule.max_named:
        named = ", ".join(s.name for s in member.substitutes)
        raise EditRefused(
            f"{body.id}'s ToR allows {rule.max_named} named substitute{'s' if rule.max_named != 1 else ''} per member "
            f"and {member.label()} already has {named}; pass --replace to replace, or remove one first; nothing was written"
        )
    return Plan([insert(base, len(member.substitutes), record)], f"record {what}", notes)


def _substitute_data(member: Member, index: int) -> dict[str, Any]:
    sub = member.substitutes[index]
    return sub.model_dump(exclude_defaults=True)


# ---------------------------------------------------------------- chair


def chair_set(
    body: Body,
    *,
    deputy: bool = False,
    post: str | None = None,
    independent: bool = False,
    rotate: Sequence[str] | None = None,
    every_months: int | None = None,
    order: Sequence[str] | None = None,
    current: str | None = None,
    since: PartialDate | None = None,
    vacant: bool = False,
    not_stated: bool = False,
    text: str | None = None,
) -> Plan:
    """Who chairs (or deputises): a post, an independent post, a rotation, a vacancy; or the rotation's turn."""
    field_name = "deputy_chair" if deputy else "chair"
    title = "deputy chair" if deputy else "chair"
    chair: Chair | None = getattr(body, field_name)
    modes = [bool(post), bool(rotate), vacant, not_stated]
    if sum(modes) > 1:
        raise UsageError("give one of --post, --rotate, --vacant or --not-stated")
    if independent and not post:
        raise UsageError("--independent goes with --post (the independent chair's post)")
    turn_only = not any(modes) and (
        current is not None or since is not None or order is not None or every_months is not None
    )
    if not any(modes) and not turn_only and text is None:
        raise UsageError(
            "nothing to change: give --post, --rotate, --vacant, --not-stated, --current/--since or --text"
        )

    notes: list[str] = []
    data = _chair_data(post, independent, rotate, every_months, order, current, since, vacant) if any(modes) else None
    if chair is None:
        if data is None:
            raise UsageError(f"{body.id} has no {title}; give --post, --rotate, --vacant or --not-stated")
        if text:
            data["text"] = text
        return Plan([set_((field_name,), data)], f"set the {title} of {body.id}: {_mode_words(data)}", notes)

    base = (field_name,)
    ops: list[Op] = []
    if turn_only:
        if chair.rotation is None:
            raise UsageError(
                f"the {title} of {body.id} does not rotate; --current, --since and --order need a rotation"
            )
        rot = (*base, "rotation")
        if order is not None:
            ops.append(set_((*rot, "order"), Flow(tuple(order))))
        if every_months is not None:
            ops.append(set_((*rot, "period"), {"months": every_months}))
        if current is not None:
            ops.append(set_((*rot, "current"), current))
        if since is not None:
            ops.append(set_((*rot, "since"), since))
        summary = f"record the {title} rotation of {body.id}: " + ", ".join(
            part
            for part in (
                f"current {current}" if current else "",
                f"since {since.human()}" if since else "",
                f"order {', '.join(order)}" if order else "",
                f"every {every_months} months" if every_months else "",
            )
            if part
        )
    elif data is not None:
        ops.append(set_((*base, "mode"), data["mode"]))
        if "post" in data:
            ops.append(set_((*base, "post"), data["post"]))
        elif chair.post:
            ops.append(delete((*base, "post")))
        if "rotation" in data:
            ops.append(set_((*base, "rotation"), data["rotation"]))
        elif chair.rotation:
            ops.append(delete((*base, "rotation")))
        summary = f"set the {title} of {body.id}: {_mode_words(data)}"
        if text is None and chair.text:
            notes.append(f'the {title}\'s text still reads "{chair.text}"; pass --text to update it')
    else:
        summary = f"update the {title}'s text in {body.id}"
    if text is not None:
        ops.append(set_((*base, "text"), text))
    return Plan(ops, summary, notes)


def _chair_data(post, independent, rotate, every_months, order, current, since, vacant) -> dict[str, Any]:
    """The chair's `mode` and its post or rotation, from the command's options (one mode given)."""
    if post:
        return {"mode": "independent" if independent else "post", "post": post}
    if rotate:
        return {"mode": "rotation", "rotation": _rotation(rotate, every_months, order, current, since)}
    return {"mode": "vacant" if vacant else "not-stated"}


def _rotation(among: Sequence[str], every_months: int | None, order, current, since) -> dict[str, Any]:
    data: dict[str, Any] = {"among": Flow(tuple(among)), "period": {"months": every_months or 12}}
    if order:
        data["order"] = Flow(tuple(order))
    if current:
        data["current"] = current
    if since:
        data["since"] = since
    return data


def _mode_words(data: Mapping[str, Any]) -> str:
    if data["mode"] in ("post", "independent"):
        return f"{'independent chair, ' if data['mode'] == 'independent' else ''}post '{data['post']}'"
    if data["mode"] == "rotation":
        return f"rotating among {', '.join(data['rotation']['among'].items)}"
    return data["mode"]


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

    said: list[str] = []
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


def _next_due_after(review: Review, date: PartialDate) -> tuple[PartialDate | None, list[str]]:
    """The next review date after a review on `date`, and what to tell the user about it."""
    explicit = review.next_due
    if review.cadence is None or review.cadence.unit is None:
        if explicit is not None and explicit.last_day < date.first_day:
            raise UsageError(
                f"the ToR gives no review cadence and its next review date ({explicit.human()}) would be before this "
                "review; pass --next-due DATE"
            )
        kept = f"next review stays {explicit.human()}" if explicit else "no next review date is set"
        return explicit, [f"the ToR gives no review cadence, so {kept}; pass --next-due DATE to set one"]
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
