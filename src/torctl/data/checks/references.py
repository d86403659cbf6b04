"""Checks that every reference in a body resolves: posts, agencies, classes, other bodies, reporting lines."""

from __future__ import annotations

from collections.abc import Iterator

from ...findings import Code, Finding, Loc, finding
from ...model import Selector
from ...rules.quorum import agency_label
from .registry import check
from .context import BodyContext


def selector_refs(ctx: BodyContext, selector: Selector, loc: Loc, *, other_bodies: bool) -> Iterator[Finding]:
    """The posts and agencies a selector names that do not resolve."""
    for k, ref in enumerate(selector.posts):
        if found := ctx.post_ref((*loc, "posts", k), ref, other_bodies=other_bodies):
            yield found
    for k, agency in enumerate(selector.agencies):
        if found := ctx.agency_ref((*loc, "agencies", k), agency):
            yield found


@check(Code.R001, Code.R004, Code.R006)
def members(ctx: BodyContext) -> Iterator[Finding]:
    """Posts have unique ids, known agencies (their substitutes' too) and a class the body defines."""
    body = ctx.body
    seen: set[str] = set()
    for i, member in enumerate(body.members):
        if member.id in seen:
            yield finding(Code.R004, f"post id '{member.id}' is used twice in this body", loc=("members", i, "id"))
        seen.add(member.id)
        if found := ctx.agency_ref(("members", i, "agency"), member.agency):
            yield found
        for j, sub in enumerate(member.substitutes):
            if found := ctx.agency_ref(("members", i, "substitutes", j, "agency"), sub.agency):
                yield found
        if member.member_class not in body.membership_classes:
            declared = ", ".join(c.value for c in body.membership_classes) or "none"
            message = (
                f"class '{member.member_class.value}' is not defined under membership_classes (defined: {declared}); "
                "say whether it votes and counts for quorum"
            )
            yield finding(Code.R006, message, loc=("members", i, "class"))


@check(Code.R002, Code.R003)
def chairs(ctx: BodyContext) -> Iterator[Finding]:
    """The chair's and deputy's posts exist; an independent chair sits for an independent agency; a rotation
    is among posts that exist, in an order and with a current chair among them."""
    for field in ("chair", "deputy_chair"):
        chair = getattr(ctx.body, field)
        if chair is None:
            continue
        if chair.post and (found := ctx.post_ref((field, "post"), chair.post)):
            yield found
        if chair.mode == "independent" and chair.post and "/" not in chair.post:
            yield from _independent(ctx, field, chair.post)
        if chair.rotation:
            rotation = chair.rotation
            for k, ref in enumerate(rotation.among):
                if found := ctx.post_ref((field, "rotation", "among", k), ref):
                    yield found
            for k, ref in enumerate(rotation.order or []):
                if ref not in rotation.among:
                    message = f"'{ref}' is in the order but not among the rotating posts"
                    yield finding(Code.R002, message, loc=(field, "rotation", "order", k))
            if rotation.current and rotation.current not in rotation.among:
                message = f"current chair '{rotation.current}' is not among the rotating posts"
                yield finding(Code.R002, message, loc=(field, "rotation", "current"))


def _independent(ctx: BodyContext, field: str, post: str) -> Iterator[Finding]:
    holder = ctx.body.member(post)
    agency = ctx.agencies.get(holder.agency or "") if holder else None
    if holder and ctx.have_registry and agency is not None and agency.kind.value != "independent":
        message = (
            f"an independent chair's post '{post}' belongs to {agency_label(ctx.agencies, agency.id)}, "
            "which is not an independent agency"
        )
        yield finding(Code.R002, message, loc=(field, "post"))


@check(Code.R001, Code.R002)
def voters(ctx: BodyContext) -> Iterator[Finding]:
    """The voting rule's voters are this body's posts and known agencies."""
    yield from selector_refs(ctx, ctx.body.voting.voters, ("voting", "voters"), other_bodies=False)


@check(Code.R001, Code.R002, Code.R003, Code.R007)
def standing_items(ctx: BodyContext) -> Iterator[Finding]:
    """A standing item's presenters exist, and a body that sends an item exists and reports to this one."""
    body = ctx.body
    for i, item in enumerate(body.standing_items):
        if item.presenter:
            yield from selector_refs(ctx, item.presenter, ("standing_items", i, "presenter"), other_bodies=True)
        source = item.from_body
        if not source or source in ctx.broken:
            continue
        loc: Loc = ("standing_items", i, "from_body")
        if found := ctx.body_ref(loc, source):
            yield found
        elif not any(line.body == body.id for line in ctx.bodies[source].reporting.reports_to):
            message = f"'{item.title}' comes from {source}, but {source} has no reporting line to {body.id}"
            yield finding(Code.R007, message, loc=loc)


@check(Code.R002, Code.R003)
def duties_and_minutes(ctx: BodyContext) -> Iterator[Finding]:
    """The posts that carry the ToR's duties, and the post that agrees the minutes, exist."""
    for i, duty in enumerate(ctx.body.duties):
        if duty.by and (found := ctx.post_ref(("duties", i, "by"), duty.by)):
            yield found
    agreed = ctx.body.administration.minutes_agreed_by
    if agreed not in ("chair", "body", "not-stated") and (
        found := ctx.post_ref(("administration", "minutes_agreed_by"), agreed)
    ):
        yield found


@check(Code.R003, Code.R007)
def reporting_lines(ctx: BodyContext) -> Iterator[Finding]:
    """Reporting lines name other bodies that exist, and agree with those bodies' own lines."""
    body = ctx.body
    for direction in ("reports_to", "receives_from"):
        for i, line in enumerate(getattr(body.reporting, direction)):
            if line.body is None or line.body in ctx.broken:
                continue
            loc: Loc = ("reporting", direction, i, "body")
            if line.body == body.id:
                yield finding(Code.R003, "a body cannot report to itself", loc=loc)
            elif found := ctx.body_ref(loc, line.body):
                yield found
            else:
                other = ctx.bodies[line.body]
                mirror = other.reporting.receives_from if direction == "reports_to" else other.reporting.reports_to
                # Only a contradiction when the other body lists that direction at all.
                if mirror and not any(m.body == body.id for m in mirror):
                    verb = "receives reports from" if direction == "reports_to" else "reports to"
                    message = (
                        f"{body.id} says it {direction.replace('_', ' ')} {line.body}, but {line.body} does not list "
                        f"that it {verb} {body.id}"
                    )
                    yield finding(Code.R007, message, loc=loc)
