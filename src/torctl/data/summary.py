"""One-line summaries of bodies for listings: chair, cadence and quorum in words."""

from __future__ import annotations

from collections.abc import Mapping

from ..model import Agency, Body, Cadence, Chair, NoQuorum, QuorumNotStated
from ..rules.quorum import describe


def describe_cadence(cadence: Cadence | None) -> str:
    if cadence is None:
        return "not stated"
    words = {
        "weekly": "weekly",
        "monthly": "monthly",
        "bi-monthly": "every two months",
        "quarterly": "quarterly",
    }
    if cadence.frequency == "per-year":
        text = f"{cadence.times_per_year} times a year"
    elif cadence.frequency == "every-n-weeks":
        text = f"every {cadence.weeks} weeks"
    else:
        text = words[cadence.frequency]
    if cadence.term_time_only:
        text += ", term time only"
    if cadence.unless_agreed_otherwise:
        text += ", unless agreed otherwise"
    return text


def describe_chair(body: Body, chair: Chair | None = None, *, short: bool = False) -> str:
    """The chair in words; `short` for table cells (holder or role, post ids for a rotation)."""
    chair = body.chair if chair is None else chair
    if chair.mode in ("post", "independent") and chair.post:
        member = body.member(chair.post)
        if member is None:
            return chair.post
        if short:
            return member.holder or member.role
        return f"{member.label()}{' (independent)' if chair.mode == 'independent' else ''}"
    if chair.mode == "rotation" and chair.rotation:
        if short:
            return f"rotating: {', '.join(chair.rotation.among)}"
        roles = [body.member(p).role if body.member(p) else p for p in chair.rotation.among]  # type: ignore[union-attr]
        return f"rotates every {chair.rotation.period.human()} among {', '.join(roles)}"
    if chair.mode == "vacant":
        return f"vacant{f' ({chair.text})' if chair.text else ''}"
    return "not stated"


def body_summary(body: Body, agencies: Mapping[str, Agency]) -> dict[str, object]:
    return {
        "id": body.id,
        "name": body.name,
        "short_name": body.short_name,
        "status": body.status,
        "partnership": body.partnership,
        "members": len(body.members),
        "chair": describe_chair(body),
        "chair_short": describe_chair(body, short=True),
        "cadence": describe_cadence(body.meetings.cadence),
        "quorum": "none set"
        if isinstance(body.quorum, NoQuorum)
        else ("not stated" if isinstance(body.quorum, QuorumNotStated) else describe(body.quorum, body, agencies)),
    }
