"""The bodies as Popolo open data (https://www.popoloproject.com), the format UK civic tech reads.

Popolo's own classes and terms come first:

- `organizations`: each body (`classification: "board"`, `parent_id` its
  partnership), each partnership, and each agency of the registry
  (`classification: "agency"`); `dissolution_date` where a body is dissolved,
  `sources` naming the ToR it was encoded from;
- `posts`: every post on every body (`label` the role, `organization_id` the
  body), including vacant ones, since a Popolo post exists while vacant; the
  chair and deputy chair are posts too (`<body>:chair`, `<body>:deputy-chair`);
- `persons` and `memberships`: a membership for each post whose holder the ToR
  names (`role` the post's role, `on_behalf_of_id` the agency the holder sits
  for). A holder becomes one person per post (`person:<body>/<post>`): two
  posts held by the same name are not assumed to be the same person;
- `events`: meetings, only where their dates are known (the ToRs fix no
  days, so the bundled bodies have none until dates or a pattern are recorded).

Every object's `id` is a URI when the site's base URL is known (`<base>popolo.json#<id>`, so an id
names this document's object and can be looked up), and a plain local id (`solihull-lscp`,
`agency:bsol-icb`) otherwise; every reference (`parent_id`, `organization_id`...) uses the same form.
`sources` (which Popolo requires to carry a `url`) is given only with a base URL: the body's JSON, the
data torctl validates; the ToR document the data was encoded from is named under `torctl.source`.

No ToR gives membership start or end dates, so none are given. What Popolo has
no term for (membership classes, votes, quorum, voting method, substitutes,
reporting lines, review dates) sits under one extension key, `torctl`, on the
object it describes; `meta.torctl` names the extension and where it is
documented (docs/site.md, "Popolo export").
"""

from __future__ import annotations

import datetime as dt
from typing import Any, assert_never
from collections.abc import Callable, Mapping, Sequence

from .. import __version__
from ..data.tree import Tree
from ..model import AllOf, AnyOf, AtLeast, Body, Fraction, NoQuorum, QuorumNotStated, Represented
from ..rules.words import describe, long_date

EXTENSION = "torctl"
EXTENSION_DOC = "docs/site.md#popolo-export"


Ref = Callable[[str], str]  # a local id as the document's id: a URI where the base URL is known


def _ref(base_url: str | None) -> Ref:
    """How ids are written: `<base>popolo.json#<local>` with a base URL, the local id without one."""
    if base_url is None:
        return lambda local: local
    return lambda local: f"{base_url}popolo.json#{local}"


def _partnership_id(name: str) -> str:
    return "partnership:" + "-".join("".join(c.lower() if c.isalnum() else " " for c in name).split())


def _agency_id(agency_id: str) -> str:
    return f"agency:{agency_id}"


def _post_id(body: Body, post: str) -> str:
    return f"{body.id}/{post}"


def _partial(value: Any) -> str | None:
    return str(value) if value is not None else None


def _organization(body: Body, base_url: str | None, ref: Ref) -> dict[str, Any]:
    org: dict[str, Any] = {"id": ref(body.id), "name": body.name}
    if body.short_name and body.short_name != body.name:
        org["other_names"] = [{"name": body.short_name, "note": "short name"}]
    org["classification"] = "board"
    if body.partnership:
        org["parent_id"] = ref(_partnership_id(body.partnership))
    if body.dissolution and body.dissolution.dissolved_on:
        org["dissolution_date"] = str(body.dissolution.dissolved_on)
    if base_url:  # Popolo's sources need a url: the data this organization is derived from
        document = body.source.document + (f", {body.source.section}" if body.source.section else "")
        org["sources"] = [
            {"url": f"{base_url}bodies/{body.id}.json", "note": f"the data torctl validates, encoded from {document}"}
        ]
        org["links"] = [
            {"url": f"{base_url}bodies/{body.id}.html", "note": "terms of reference (web page)"},
            {"url": f"{base_url}bodies/{body.id}.pdf", "note": "terms of reference (PDF)"},
        ]
    return org


def _body_extension(body: Body, tree: Tree, ref: Ref) -> dict[str, Any]:
    review = body.review
    return {
        "source": {"document": body.source.document, "section": body.source.section},
        "status": body.status,
        "purpose": body.purposes or "not-stated",
        "legal_basis": body.legal_basis.model_dump(mode="json", exclude_none=True),
        "membership_classes": {
            cls.value: {"votes": rule.votes, "counts_for_quorum": rule.counts_for_quorum, "attends": rule.attends}
            for cls, rule in body.membership_classes.items()
        },
        "chair": {
            "mode": body.chair.mode,
            "post_id": ref(_post_id(body, body.chair.post)) if body.chair.post else None,
        },
        "quorum": {"rule": body.quorum.rule, "text": _quorum_text(body, tree)},
        "voting": {"method": body.voting.method},
        "substitution": {
            "who": body.substitution.who,
            "delegated_authority_required": body.substitution.delegated_authority_required,
        },
        "reports_to": [line.body or line.external for line in body.reporting.reports_to],
        "receives_from": [line.body or line.external for line in body.reporting.receives_from],
        "review": {
            "last_reviewed": _partial(review.latest_review()),
            "next_due": _partial(review.next_review_due()),
            "unknown_reason": review.unknown_reason,
        },
    }


def _quorum_text(body: Body, tree: Tree) -> str:
    """The quorum in words: where the ToR sets none, its own reason why."""
    rule = body.quorum
    match rule:
        case NoQuorum():
            return rule.reason
        case QuorumNotStated() | AllOf() | AnyOf() | AtLeast() | Represented() | Fraction():
            return describe(rule, body, tree.agencies)
        case _:
            assert_never(rule)


def _post(body: Body, member: Any, ref: Ref) -> dict[str, Any]:
    post: dict[str, Any] = {
        "id": ref(_post_id(body, member.id)),
        "label": member.role,
        "role": member.role,
        "organization_id": ref(body.id),
    }
    post[EXTENSION] = {
        "agency_id": ref(_agency_id(member.agency)) if member.agency else None,
        "class": member.member_class.value,
        "votes": body.votes(member),
        "counts_for_quorum": body.counts_for_quorum(member),
        "vacancy": member.vacancy,  # null with no holder: the ToR does not say who holds it
        "holder_recorded": member.holder is not None,
        "substitutes": [
            {"name": s.name, "role": s.role, "delegated_authority": s.delegated_authority} for s in member.substitutes
        ],
    }
    return post


def _chair_posts(body: Body, ref: Ref) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The chair and deputy chair as posts of their own (`<body>:chair`), vacant or not, and the memberships
    of holders the ToR names for them (a chair held by a post whose holder is named)."""
    posts, memberships = [], []
    for key, label, chair in (("chair", "Chair", body.chair), ("deputy-chair", "Deputy chair", body.deputy_chair)):
        if chair is None:
            continue
        post_id = f"{body.id}:{key}"
        member = body.member(chair.post) if chair.post else None
        posts.append(
            {
                "id": ref(post_id),
                "label": label,
                "role": label,
                "organization_id": ref(body.id),
                EXTENSION: {
                    "mode": chair.mode,
                    "held_by_post": ref(_post_id(body, chair.post)) if chair.post else None,
                    "rotation": [ref(_post_id(body, p)) for p in chair.rotation.among] if chair.rotation else None,
                    "vacancy": "vacant" if chair.mode == "vacant" else None,
                    "text": chair.text,
                },
            }
        )
        if member is not None and member.holder:
            memberships.append(
                {
                    "id": ref(f"membership:{post_id}"),
                    "label": f"{label}, {body.short_name or body.name}",
                    "role": label,
                    "person_id": ref(f"person:{_post_id(body, member.id)}"),
                    "organization_id": ref(body.id),
                    "post_id": ref(post_id),
                }
            )
    return posts, memberships


def to_popolo(
    tree: Tree,
    as_of: dt.date,
    *,
    bodies: Mapping[str, Body] | None = None,
    base_url: str | None = None,
    schedules: Sequence[Any] = (),
    meetings: Sequence[Any] = (),
) -> dict[str, Any]:
    """The bodies (all of `tree`'s, or `bodies`) as one Popolo JSON document; events from `schedules`, and from
    the recorded `meetings` (`torctl.meetings.audit.MeetingAudit`) with their motions and vote events."""
    from .popolo_meetings import recorded_meetings

    chosen = dict(bodies) if bodies is not None else {k: tree.bodies[k] for k in sorted(tree.bodies)}
    ref = _ref(base_url)
    organizations: list[dict[str, Any]] = []
    partnerships = sorted({b.partnership for b in chosen.values() if b.partnership})
    for name in partnerships:
        organizations.append({"id": ref(_partnership_id(name)), "name": name, "classification": "partnership"})
    posts: list[dict[str, Any]] = []
    persons: list[dict[str, Any]] = []
    memberships: list[dict[str, Any]] = []
    for body in chosen.values():
        org = _organization(body, base_url, ref)
        org[EXTENSION] = _body_extension(body, tree, ref)
        organizations.append(org)
        for member in body.members:
            posts.append(_post(body, member, ref))
            if not member.holder:
                continue
            person_id = ref(f"person:{_post_id(body, member.id)}")
            persons.append({"id": person_id, "name": member.holder})
            membership: dict[str, Any] = {
                "id": ref(f"membership:{_post_id(body, member.id)}"),
                "label": f"{member.role}, {body.short_name or body.name}",
                "role": member.role,
                "person_id": person_id,
                "organization_id": ref(body.id),
                "post_id": ref(_post_id(body, member.id)),
            }
            if member.agency:
                membership["on_behalf_of_id"] = ref(_agency_id(member.agency))
            memberships.append(membership)
        chair_posts, chair_memberships = _chair_posts(body, ref)
        posts.extend(chair_posts)
        memberships.extend(chair_memberships)
    for agency_id in sorted(tree.agencies):  # the whole registry, so part_of and replaced_by always resolve
        agency = tree.agencies[agency_id]
        org = {"id": ref(_agency_id(agency_id)), "name": agency.name}
        if agency.short_name:
            org["other_names"] = [{"name": agency.short_name, "note": "short name"}]
        org["classification"] = "agency"
        if agency.part_of:
            org["parent_id"] = ref(_agency_id(agency.part_of))
        org[EXTENSION] = {
            "kind": str(agency.kind),
            "replaced_by": ref(_agency_id(agency.replaced_by)) if agency.replaced_by else None,
            "replaced_on": _partial(agency.replaced_on),
        }
        organizations.append(org)
    events, motions, vote_events = recorded_meetings(meetings, base_url)
    held = {event["id"] for event in events}
    for schedule in schedules:
        body = schedule.body
        for meeting in schedule.meetings:
            event: dict[str, Any] = {
                "id": ref(f"{body.id}/{meeting.planned.isoformat()}/meeting"),
                "name": f"{body.short_name or body.name} meeting, {long_date(meeting.date)}",
                "classification": "meeting",
                "start_date": meeting.date.isoformat(),
                "organization_id": ref(body.id),
            }
            if event["id"] in held:
                continue
            if body.meetings.venue:
                event["location"] = body.meetings.venue
            event[EXTENSION] = {
                "chair": meeting.chair.text,
                "deadlines": [d.to_dict() for d in meeting.deadlines],
            }
            events.append(event)
    return {
        "meta": {
            EXTENSION: {
                "generator": f"torctl {__version__}",
                "as_of": as_of.isoformat(),
                "extension": (
                    f"Fields Popolo does not define are under the '{EXTENSION}' key of the object they describe"
                ),
                "documentation": EXTENSION_DOC,
            }
        },
        "persons": persons,
        "organizations": organizations,
        "posts": posts,
        "memberships": memberships,
        "events": events,
        **({"motions": motions, "vote_events": vote_events} if meetings else {}),
    }
