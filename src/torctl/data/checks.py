"""Cross-file checks over a loaded bodies directory.

Per-file validation (types, unknown fields) is the models' job; these checks
need more than one file or more than one field: ids match file names and are
unique, every reference (agency, post, body) resolves, classes in use are
defined, dates are in order, and the quorum can be met by the body's own
counting membership at all.
"""

from __future__ import annotations

from typing import AbstractSet
from collections.abc import Iterator, Mapping

from ..model import (
    Agency,
    AgencyRegistry,
    AllOf,
    AnyOf,
    AtLeast,
    Body,
    Fraction,
    QuorumRule,
    Represented,
    Selector,
    split_post_ref,
)
from ..rules.quorum import Clause, agency_label, evaluate, represented_agencies
from ..suggest import did_you_mean
from .findings import Finding
from .records import RECORD_KINDS
from .todo import todo_findings
from .tree import Tree

Loc = tuple[str | int, ...]


def check_tree(tree: Tree) -> list[Finding]:
    findings: list[Finding] = []
    if tree.registry is None:
        findings.append(
            Finding(
                str(tree.root),
                None,
                None,
                "R001",
                "no agency registry (agencies.yaml) in this directory; agency references cannot be checked",
            )
        )
    elif isinstance(tree.registry.model, AgencyRegistry):
        findings.extend(_check_registry(tree))
    # With a registry that failed to validate, agency references cannot be checked.
    have_registry = tree.registry is not None and isinstance(tree.registry.model, AgencyRegistry)

    seen_ids: dict[str, str] = {}
    # the file that answers for each id: the one named after it (see load.names_its_file)
    owners = {
        d.model.id: d
        for d in reversed(tree.documents)
        if isinstance(d.model, Body) and d.model.id == d.path.stem and d.kind == "body"
    }
    for doc in tree.documents:
        if doc.kind != "body" or not isinstance(doc.model, Body):
            continue
        body = doc.model
        if body.id != doc.path.stem:
            findings.append(doc.finding(("id",), "R005", f"id '{body.id}' must equal the file name '{doc.path.stem}'"))
        owner = owners.get(body.id)
        if owner is not None and owner is not doc and body.id != doc.path.stem:
            findings.append(
                doc.finding(
                    ("id",),
                    "R004",
                    (
                        f"body id '{body.id}' is also used by {owner.display}; torctl uses only {owner.display} for '{body.id}'"
                    ),
                )
            )
        elif body.id in seen_ids:
            findings.append(doc.finding(("id",), "R004", f"body id '{body.id}' is also used by {seen_ids[body.id]}"))
        seen_ids.setdefault(body.id, doc.display)
        for loc, code, message, severity in check_body(
            body, tree.agencies, tree.bodies, have_registry, tree.broken_bodies
        ):
            findings.append(doc.finding(loc, code, message, severity=severity))
    for doc in tree.documents:
        kind = RECORD_KINDS.get(doc.kind)
        if kind and kind.check and doc.model is not None:
            findings.extend(kind.check(tree, doc))
    findings.extend(todo_findings(tree))
    return findings


def _check_registry(tree: Tree) -> Iterator[Finding]:
    doc = tree.registry
    assert doc is not None and isinstance(doc.model, AgencyRegistry)
    seen: set[str] = set()
    for index, agency in enumerate(doc.model.agencies):
        if agency.id in seen:
            yield doc.finding(("agencies", index, "id"), "R004", f"agency id '{agency.id}' is listed twice")
        seen.add(agency.id)
        for field in ("part_of", "replaced_by"):
            ref = getattr(agency, field)
            if ref and ref not in tree.agencies:
                yield doc.finding(("agencies", index, field), "R001", _unknown_agency(ref, tree.agencies))


def _unknown_agency(ref: str, agencies: Mapping[str, Agency]) -> str:
    return f"unknown agency '{ref}'{did_you_mean(ref, list(agencies))}; add it to agencies.yaml or fix the id"


Issue = tuple[Loc, str, str, str]  # (location in the file, code, message, severity)


def check_body(
    body: Body,
    agencies: Mapping[str, Agency],
    bodies: Mapping[str, Body],
    have_registry: bool = True,
    broken: AbstractSet[str] = frozenset(),
) -> Iterator[Issue]:
    """Every reference in one body, checked against the registry and the other bodies.

    `broken` names bodies whose files exist but did not validate: references to them
    are accepted unchecked, so one broken file does not cascade into others.
    """
    post_ids = [m.id for m in body.members]

    def known_bodies() -> list[str]:  # only for a did-you-mean: building it for every body is quadratic
        return [*bodies, *broken]

    def post_issue(loc: Loc, ref: str, *, allow_other_body: bool = True) -> Issue | None:
        owner, post = split_post_ref(ref, body.id)
        if owner != body.id:
            if not allow_other_body:
                return (
                    loc,
                    "R002",
                    f"'{ref}' names a post of another body; this rule counts only this body's members",
                    "error",
                )
            if owner in broken:
                return None
            other = bodies.get(owner)
            if other is None:
                return loc, "R003", f"unknown body '{owner}' in '{ref}'{did_you_mean(owner, known_bodies())}", "error"
            if other.member(post) is None:
                return (
                    loc,
                    "R002",
                    f"body '{owner}' has no post '{post}'{did_you_mean(post, [m.id for m in other.members])}",
                    "error",
                )
            return None
        if post not in post_ids:
            return (
                loc,
                "R002",
                f"unknown post '{post}'{did_you_mean(post, post_ids)}; posts are the `id`s under `members`",
                "error",
            )
        return None

    def agency_issue(loc: Loc, ref: str | None) -> Issue | None:
        if ref is None or not have_registry or ref in agencies:
            return None
        return loc, "R001", _unknown_agency(ref, agencies), "error"

    # posts: unique ids, known agencies, declared classes
    seen: set[str] = set()
    for i, member in enumerate(body.members):
        if member.id in seen:
            yield ("members", i, "id"), "R004", f"post id '{member.id}' is used twice in this body", "error"
        seen.add(member.id)
        if issue := agency_issue(("members", i, "agency"), member.agency):
            yield issue
        for j, sub in enumerate(member.substitutes):
            if issue := agency_issue(("members", i, "substitutes", j, "agency"), sub.agency):
                yield issue
        if member.member_class not in body.membership_classes:
            declared = ", ".join(c.value for c in body.membership_classes) or "none"
            yield (
                ("members", i, "class"),
                "R006",
                f"class '{member.member_class.value}' is not defined under membership_classes (defined: {declared}); "
                "say whether it votes and counts for quorum",
                "error",
            )

    # chair and deputy
    for field in ("chair", "deputy_chair"):
        chair = getattr(body, field)
        if chair is None:
            continue
        if chair.post and (issue := post_issue((field, "post"), chair.post)):
            yield issue
        if chair.mode == "independent" and chair.post and "/" not in chair.post:
            holder = body.member(chair.post)
            agency = agencies.get(holder.agency or "") if holder else None
            if holder and have_registry and agency is not None and agency.kind.value != "independent":
                yield (
                    (field, "post"),
                    "R002",
                    (
                        f"an independent chair's post '{chair.post}' belongs to {agency_label(agencies, agency.id)}, "
                        "which is not an independent agency"
                    ),
                    "error",
                )
        if chair.rotation:
            rotation = chair.rotation
            for k, ref in enumerate(rotation.among):
                if issue := post_issue((field, "rotation", "among", k), ref):
                    yield issue
            for k, ref in enumerate(rotation.order or []):
                if ref not in rotation.among:
                    yield (
                        (field, "rotation", "order", k),
                        "R002",
                        f"'{ref}' is in the order but not among the rotating posts",
                        "error",
                    )
            if rotation.current and rotation.current not in rotation.among:
                yield (
                    (field, "rotation", "current"),
                    "R002",
                    f"current chair '{rotation.current}' is not among the rotating posts",
                    "error",
                )

    # quorum references and feasibility
    yield from _check_rule(body, agencies, body.quorum, ("quorum",), post_issue, agency_issue, have_registry)
    if have_registry:
        yield from _check_feasible(body, agencies)
        yield from _check_not_met_by_nobody(body, agencies)

    # voting and standing items
    yield from _check_selector(body.voting.voters, ("voting", "voters"), post_issue, agency_issue, local_only=True)
    for i, item in enumerate(body.standing_items):
        if item.presenter:
            yield from _check_selector(
                item.presenter, ("standing_items", i, "presenter"), post_issue, agency_issue, local_only=False
            )
        if item.from_body and item.from_body not in broken:
            if item.from_body not in bodies:
                yield (
                    ("standing_items", i, "from_body"),
                    "R003",
                    f"unknown body '{item.from_body}'{did_you_mean(item.from_body, known_bodies())}",
                    "error",
                )
            elif not any(line.body == body.id for line in bodies[item.from_body].reporting.reports_to):
                yield (
                    ("standing_items", i, "from_body"),
                    "R007",
                    (
                        f"'{item.title}' comes from {item.from_body}, but {item.from_body} has no reporting line to {body.id}"
                    ),
                    "warning",
                )

    # duties, minutes
    for i, duty in enumerate(body.duties):
        if duty.by and (issue := post_issue(("duties", i, "by"), duty.by)):
            yield issue
    agreed = body.administration.minutes_agreed_by
    if agreed not in ("chair", "body", "not-stated") and (
        issue := post_issue(("administration", "minutes_agreed_by"), agreed)
    ):
        yield issue

    # reporting lines
    for direction in ("reports_to", "receives_from"):
        for i, line in enumerate(getattr(body.reporting, direction)):
            if line.body is None or line.body in broken:
                continue
            if line.body == body.id:
                yield ("reporting", direction, i, "body"), "R003", "a body cannot report to itself", "error"
            elif line.body not in bodies:
                yield (
                    ("reporting", direction, i, "body"),
                    "R003",
                    f"unknown body '{line.body}'{did_you_mean(line.body, known_bodies())}",
                    "error",
                )
            else:
                other = bodies[line.body]
                mirror = other.reporting.receives_from if direction == "reports_to" else other.reporting.reports_to
                # Only a contradiction when the other body lists that direction at all.
                if mirror and not any(m.body == body.id for m in mirror):
                    verb = "receives reports from" if direction == "reports_to" else "reports to"
                    yield (
                        ("reporting", direction, i, "body"),
                        "R007",
                        (
                            f"{body.id} says it {direction.replace('_', ' ')} {line.body}, but {line.body} does not list "
                            f"that it {verb} {body.id}"
                        ),
                        "warning",
                    )

    # review dates
    review = body.review
    if review.last_reviewed and review.next_due and review.next_due.last_day < review.last_reviewed.first_day:
        yield (
            ("review", "next_due"),
            "D001",
            (f"next review ({review.next_due.human()}) is before the last review ({review.last_reviewed.human()})"),
            "error",
        )
    for i, record in enumerate(review.history):
        if i and record.date.first_day < review.history[i - 1].date.first_day:
            yield ("review", "history", i, "date"), "D001", "review history must be in date order", "error"


def _check_selector(selector: Selector, loc: Loc, post_issue, agency_issue, *, local_only: bool) -> Iterator[Issue]:
    for k, ref in enumerate(selector.posts):
        if issue := post_issue((*loc, "posts", k), ref, allow_other_body=not local_only):
            yield issue
    for k, ref in enumerate(selector.agencies):
        if issue := agency_issue((*loc, "agencies", k), ref):
            yield issue


def _check_rule(body, agencies, rule: QuorumRule, loc: Loc, post_issue, agency_issue, have_registry) -> Iterator[Issue]:
    if isinstance(rule, (AllOf, AnyOf)):
        for k, sub in enumerate(rule.rules):
            yield from _check_rule(body, agencies, sub, (*loc, "rules", k), post_issue, agency_issue, have_registry)
    elif isinstance(rule, Represented):
        for k, ref in enumerate(rule.agencies):
            if issue := agency_issue((*loc, "agencies", k), ref):
                yield issue
        if (
            have_registry
            and rule.agency_kinds
            and not represented_agencies(body, agencies, rule.model_copy(update={"agencies": []}))
        ):
            kinds = ", ".join(k.value for k in rule.agency_kinds)
            yield (*loc, "agency_kinds"), "Q001", f"no counting member belongs to an agency of kind {kinds}", "error"
    elif isinstance(rule, (AtLeast, Fraction)):
        yield from _check_selector(rule.of, (*loc, "of"), post_issue, agency_issue, local_only=True)


def _check_feasible(body: Body, agencies: Mapping[str, Agency]) -> Iterator[Issue]:
    """Q001: with every counting, non-vacant member present, is the body quorate?"""
    everyone = [m.id for m in body.counting_members()]
    verdict = evaluate(body, agencies, everyone)
    if verdict.satisfied is not False:
        return
    for path, clause in _failed_leaves(verdict, ("quorum",)):
        if not clause.missing and clause.need == 0:
            continue  # a `represented` rule that resolves to no agency: reported by _check_rule
        if clause.missing:
            names = ", ".join(agency_label(agencies, a) for a in clause.missing)
            why = f"no counting member from {names}"
        else:
            why = f"only {clause.have} available where {clause.need} are needed"
        yield (
            path,
            "Q001",
            (
                f"quorum can never be met: '{clause.text}' fails even with every counting member present ({why}); "
                "check the quorum rule, members' agencies and membership_classes"
            ),
            "error",
        )


def _check_not_met_by_nobody(body: Body, agencies: Mapping[str, Agency]) -> Iterator[Issue]:
    """Q002: a quorum that an empty room meets ("1/20, rounded down", every counting post vacant) protects nothing.

    Only a fraction can come to nobody (`at-least` needs one or more, `represented`
    at least one agency), so rules without one are not evaluated again.
    """
    if not _has_fraction(body.quorum):
        return
    verdict = evaluate(body, agencies, [])
    if verdict.satisfied is True:
        yield (
            ("quorum",),
            "Q002",
            (
                f"quorum is met with nobody present: '{verdict.text}' comes to 0 members; "
                "check the rule's rounding and minimum, and the vacancies among the counting posts"
            ),
            "error",
        )


def _has_fraction(rule: QuorumRule) -> bool:
    if isinstance(rule, (AllOf, AnyOf)):
        return any(_has_fraction(sub) for sub in rule.rules)
    return isinstance(rule, Fraction)


def _failed_leaves(clause: Clause, loc: Loc) -> Iterator[tuple[Loc, Clause]]:
    if clause.children:
        for k, child in enumerate(clause.children):
            if child.satisfied is False:
                yield from _failed_leaves(child, (*loc, "rules", k))
    else:
        yield loc, clause
